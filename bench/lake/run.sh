#!/usr/bin/env bash
# The lake write of the whole warehouse against DuckDB's COPY … TO parquet of the same tables, side by side in one
# run (issue #17 item 6): bench/lake/run.sh [warehouse-file] [hazards=10000000] [rounds=3]. The warehouse is the
# panel bench's county (bench/panels/generate.sql), fresh every run and checked before timing; the lake is checked
# against the warehouse (rows of every table) after each write. Prints a Markdown table and the ratio.
#   bench/lake/run.sh --smoke       20,000 hazards, 1 round, in a fresh temporary directory (bench/smoke.sh)
# Environment: BENCH_CP (classpath of the app and the bench classes: no build), BENCH_WORK (scratch directory).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" == --smoke ]]; then
  dir="${BENCH_WORK:-}"
  if [[ -z "$dir" ]]; then
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' EXIT
  fi
  set -- "$dir/lake/lake.duckdb" 20000 1
fi
if [[ -n "${BENCH_CP:-}" ]]; then
  CP="$BENCH_CP"
else
  ./mvnw -q -B -o -DskipTests package -Dspring-boot.repackage.skip=true
  ./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  CP="target/classes:$(cat target/bench-classpath.txt)"
  mkdir -p target/bench-lake
  javac -nowarn -encoding UTF-8 -proc:none -d target/bench-lake -cp "$CP" \
    bench/panels/src/cn/anjian/dashboard/PanelBench.java bench/lake/src/cn/anjian/lake/LakeBench.java
  CP="target/bench-lake:$CP"
fi
java -Xmx1g -Dfile.encoding=UTF-8 -cp "$CP" cn.anjian.lake.LakeBench "$@"
