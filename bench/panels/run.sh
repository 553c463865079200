#!/usr/bin/env bash
# Panel speed at 10 M hazards: bench/panels/run.sh [warehouse-file] [hazards] [runs]. Builds the app, compiles the
# bench main against it, generates a fresh scratch warehouse (the file is deleted first, every run), checks its row
# counts against what generate.sql was asked for (exit 1 otherwise), then prints Markdown tables.
#   bench/panels/run.sh --smoke       20,000 hazards, 1 run, in a fresh temporary directory (bench/smoke.sh)
# Environment: BENCH_CP (classpath of the app and the bench classes: no build), BENCH_WORK (scratch directory).
set -euo pipefail
cd "$(dirname "$0")/../.."
if [[ "${1:-}" == --smoke ]]; then
  dir="${BENCH_WORK:-}"
  if [[ -z "$dir" ]]; then
    dir="$(mktemp -d)"
    trap 'rm -rf "$dir"' EXIT
  fi
  set -- "$dir/panels/panels.duckdb" 20000 1
fi
if [[ -n "${BENCH_CP:-}" ]]; then
  CP="$BENCH_CP"
else
  ./mvnw -q -B -o -DskipTests package -Dspring-boot.repackage.skip=true
  ./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
  CP="target/classes:$(cat target/bench-classpath.txt)"
  mkdir -p target/bench-panels
  javac -q -d target/bench-panels -cp "$CP" bench/panels/src/cn/anjian/dashboard/PanelBench.java 2>/dev/null \
    || javac -d target/bench-panels -cp "$CP" bench/panels/src/cn/anjian/dashboard/PanelBench.java
  CP="target/bench-panels:$CP"
fi
java -Xmx2g -Dfile.encoding=UTF-8 -cp "$CP" cn.anjian.dashboard.PanelBench "$@"
