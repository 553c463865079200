#!/usr/bin/env bash
# The floor under the import's stage step (issue #2; bench/RESULTS.md): COPY, the trimmed cells alone, the stage
# without trimming and the stage as it runs, timed in one run on the same file. Run bench/run-import.sh once first
# (it builds and generates the file); then:
#
#   bench/run-floor.sh [rows]         rows defaults to 10000000
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-10000000}"
WORK=bench/work
CP="$WORK/target/classes:$(cat "$WORK/classpath.txt")"
echo "| statement | wall s | CPU s | × COPY |"
echo "|---|---:|---:|---:|"
exec java -Xmx1g -Dfile.encoding=UTF-8 -Dlogging.level.root=WARN -cp "$CP" cn.anjian.bench.ImportFloor \
  "$WORK/hazards-$ROWS.csv" "$WORK/regions.csv" "$WORK/floor.duckdb"
