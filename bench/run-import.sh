#!/usr/bin/env bash
# Import benchmark of issue #2 ("Speed, measured"); see bench/README.md.
#
#   bench/run-import.sh [rows]        rows defaults to 10000000
#   bench/run-import.sh --smoke       20,000 rows in a fresh temporary directory, nothing appended (bench/smoke.sh)
#   bench/run-import.sh --history [rows] [--smoke]
#                                     issue #14: the import of the file, then of the same rows with 10 % changed, with
#                                     the history copy on (as always) and, in the same run, off (HistoryBenchmark)
#
# Builds the app plus bench/src into bench/work/target (Maven profile "bench"; target/ is not touched), generates
# bench/work/hazards-<rows>.csv unless it is already there, then in one JVM with -Xmx1g imports it through
# ImportService.importNow(HAZARDS, …) on a fresh bench/work/bench.duckdb, loads it again with DuckDB's COPY, prints
# rows/s of both and their ratio, and appends a dated block to bench/RESULTS.md. Exits 1, appending nothing, when
# the rows imported are not those generated.
# Environment: BENCH_MEMORY_LIMIT (DuckDB memory_limit, default: the app's anjian.warehouse.memory-limit, 4GB),
# BENCH_RESULTS=0 (do not append to bench/RESULTS.md), BENCH_SKIP_BUILD=1 (reuse the last build),
# BENCH_CP (a classpath holding the app and the bench classes: no build at all; bench/smoke.sh sets it),
# BENCH_WORK (the work directory instead of bench/work).
set -euo pipefail
cd "$(dirname "$0")/.."
MAIN=ImportBenchmark
MODE=""
if [[ "${1:-}" == --history ]]; then
  MAIN=HistoryBenchmark
  MODE="--history "
  shift
  [[ "${2:-}" == --smoke ]] && set -- --smoke
fi
SMOKE=0
if [[ "${1:-}" == --smoke ]]; then
  SMOKE=1
  set -- 20000
  export BENCH_RESULTS=0
fi
ROWS="${1:-10000000}"
ROWS="${ROWS//_/}"
WORK="${BENCH_WORK:-bench/work}"
if [[ $SMOKE == 1 && -z "${BENCH_WORK:-}" ]]; then
  WORK="$(mktemp -d)"
  trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK"

if [[ -n "${BENCH_CP:-}" ]]; then
  CP="$BENCH_CP"
else
  if [[ "${BENCH_SKIP_BUILD:-0}" != 1 || ! -f bench/work/classpath.txt ]]; then
    echo "[bench] building: mvn -q -Pbench -DskipTests compile (output in bench/work/target)"
    mvn -q -Pbench -DskipTests compile dependency:build-classpath \
        -Dmdep.outputFile="$PWD/bench/work/classpath.txt" -Dmdep.includeScope=runtime
  fi
  CP="bench/work/target/classes:$(cat bench/work/classpath.txt)"
fi

echo "[bench] generating $ROWS rows (reused when already there)"
java -Xmx1g -Dfile.encoding=UTF-8 -cp "$CP" cn.anjian.bench.HazardCsvGenerator "$ROWS" "$WORK"

GIT="$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
CHANGED="$(git status --porcelain -- src/main sql etl pom.xml 2>/dev/null | wc -l)"
[[ "$CHANGED" != 0 ]] && GIT="$GIT + $CHANGED uncommitted path(s) under src/main, sql, etl, pom.xml"
RESULTS=bench/RESULTS.md
[[ "${BENCH_RESULTS:-1}" == 0 ]] && RESULTS=""

java -Xmx1g -Dfile.encoding=UTF-8 \
  -Dbench.dir="$WORK" -Dbench.results="$RESULTS" -Dbench.memory-limit="${BENCH_MEMORY_LIMIT:-}" \
  -Dbench.command="bench/run-import.sh $MODE$ROWS${BENCH_MEMORY_LIMIT:+ (BENCH_MEMORY_LIMIT=$BENCH_MEMORY_LIMIT)}" \
  -Dbench.git="$GIT" \
  -cp "$CP" "cn.anjian.bench.$MAIN" "$ROWS"
