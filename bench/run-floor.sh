#!/usr/bin/env bash
# The floor under the import's stage step (issue #2; bench/RESULTS.md): COPY, the trimmed cells alone, the stage
# without trimming and the stage as it runs, timed in one run on the same file, each table's rows checked against the
# file's (exit 1 otherwise).
#
#   bench/run-floor.sh [rows]         rows defaults to 10000000; uses the build of bench/run-import.sh (run it once
#                                     first) and generates bench/work/hazards-<rows>.csv unless it is already there
#   bench/run-floor.sh --smoke        20,000 rows in a fresh temporary directory (bench/smoke.sh)
# Environment: BENCH_CP (classpath of the app and the bench classes), BENCH_WORK (work directory).
set -euo pipefail
cd "$(dirname "$0")/.."
SMOKE=0
if [[ "${1:-}" == --smoke ]]; then
  SMOKE=1
  set -- 20000
fi
ROWS="${1:-10000000}"
ROWS="${ROWS//_/}"
WORK="${BENCH_WORK:-bench/work}"
if [[ $SMOKE == 1 && -z "${BENCH_WORK:-}" ]]; then
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"
CP="${BENCH_CP:-bench/work/target/classes:$(cat bench/work/classpath.txt)}"
java -Xmx1g -Dfile.encoding=UTF-8 -cp "$CP" cn.anjian.bench.HazardCsvGenerator "$ROWS" "$WORK"
rm -f "$WORK/floor.duckdb" "$WORK/floor.duckdb.wal"
echo "| statement | wall s | CPU s | × COPY |"
echo "|---|---:|---:|---:|"
java -Xmx1g -Dfile.encoding=UTF-8 -Dlogging.level.root=WARN -cp "$CP" cn.anjian.bench.ImportFloor \
  "$WORK/hazards-$ROWS.csv" "$WORK/regions.csv" "$WORK/floor.duckdb"
