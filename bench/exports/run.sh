#!/usr/bin/env bash
# Export throughput (issue #6; bench/exports/RESULTS-exports.md): bench/exports/run.sh [rows], rows defaults to
# 10000000. Runs src/test/java/cn/anjian/export/ExportBench.java's main with the app's heap (-Xmx1g) on a fresh scratch
# warehouse (bench/exports/work), appends a block to RESULTS-exports.md; exits 1 when the rows generated or exported
# are not those asked for.
#   bench/exports/run.sh --smoke      20,000 rows in a fresh temporary directory, nothing appended (bench/smoke.sh)
# Environment: BENCH_TEST_CP (classpath of the app's classes and test classes: no build), BENCH_WORK.
set -euo pipefail
cd "$(dirname "$0")/../.."
ARGS=()
if [[ "${1:-}" == --smoke ]]; then
  dir="${BENCH_WORK:-}"
  if [[ -z "$dir" ]]; then
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' EXIT
  fi
  ARGS=(-Dbench.dir="$dir/exports" -Dbench.results=0)
  set -- 20000
fi
ROWS="${1:-10000000}"
if [[ -n "${BENCH_TEST_CP:-}" ]]; then
  CP="$BENCH_TEST_CP"
else
  ./mvnw -q -B -o -DskipTests test-compile
  ./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  CP="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
fi
java -Xmx1g -Dfile.encoding=UTF-8 -Dlogging.level.root=WARN "${ARGS[@]}" -cp "$CP" cn.anjian.export.ExportBench "${ROWS//_/}"
