#!/usr/bin/env bash
# The fast-path design of issue #18 measured against DuckDB's COPY of the same file and today's stage, in one run
# (bench/RESULTS.md, "Import speed, decided"): a template CSV generated with DuckDB (1 row in 1,000 bad, `messy` rows in
# 100 in the forms the typed reader refuses), then COPY, the typed read alone, the fast path (typed read + semantic
# checks, slow path for the refused lines, today's load with lines from the rejects) and today's stage. Every count and
# every loaded row's source_row is checked (exit 1 otherwise).
#
#   bench/run-fastpath.sh [rows] [messy]   rows defaults to 10000000, messy (rows in 100) to 0
#   bench/run-fastpath.sh --smoke          20,000 rows, 10 messy in 100, in a fresh temporary directory
# Uses the build of bench/run-import.sh (run it once first) unless BENCH_CP is set; BENCH_WORK: work directory.
set -euo pipefail
cd "$(dirname "$0")/.."
SMOKE=0
if [[ "${1:-}" == --smoke ]]; then
  SMOKE=1
  set -- 20000 10
fi
ROWS="${1:-10000000}"
ROWS="${ROWS//_/}"
MESSY="${2:-0}"
WORK="${BENCH_WORK:-bench/work}"
if [[ $SMOKE == 1 && -z "${BENCH_WORK:-}" ]]; then
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
CP="${BENCH_CP:-bench/work/target/classes:$(cat bench/work/classpath.txt)}"
echo "command: bench/run-fastpath.sh $ROWS $MESSY; commit $(git rev-parse --short HEAD 2>/dev/null || echo '?'); $(nproc) cores"
java -Xmx1g -Dfile.encoding=UTF-8 -cp "$CP" cn.anjian.bench.FastPathBench "$ROWS" "$MESSY" "$WORK"
# the file is kept for the next run (reused while its .rows stamp matches); a smoke run removes its directory
