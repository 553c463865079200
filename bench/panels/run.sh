#!/usr/bin/env bash
# Panel speed at 10 M hazards: bench/panels/run.sh [warehouse-file] [hazards] [runs]. Builds the app, compiles the
# bench main against it, generates a scratch warehouse on first run (kept for later runs), prints Markdown tables.
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -B -o -DskipTests package -Dspring-boot.repackage.skip=true
./mvnw -q -B -o dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="target/classes:$(cat target/bench-classpath.txt)"
mkdir -p target/bench-panels
javac -q -d target/bench-panels -cp "$CP" bench/panels/src/cn/anjian/dashboard/PanelBench.java 2>/dev/null \
  || javac -d target/bench-panels -cp "$CP" bench/panels/src/cn/anjian/dashboard/PanelBench.java
java -Xmx2g -cp "target/bench-panels:$CP" cn.anjian.dashboard.PanelBench "$@"
