#!/usr/bin/env bash
# Every benchmark at smoke size (issue #18, "Benchmarks that cannot rot"): bench/run-import.sh (and its --history
# mode), bench/run-floor.sh, bench/panels/run.sh, bench/exports/run.sh, bench/run-fastpath.sh and bench/lake/run.sh, each with --smoke
# (20,000 rows), in a fresh temporary directory, on the build that is already there (target/classes,
# target/test-classes and target/bench-classpath.txt, which `./mvnw -B verify` or `./mvnw -B -DskipTests package` leave; nothing is rebuilt,
# only bench/src, bench/panels/src and bench/lake/src are compiled, into target/bench-smoke). .ci/run calls it after the tests.
# It checks that each bench completes (each one checks its own row counts and exits non-zero otherwise) and prints
# its figures. It never checks a speed: smoke-size figures say nothing about speed.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
if [[ ! -d target/classes || ! -d target/test-classes || ! -f target/bench-classpath.txt ]]; then
  echo "bench/smoke.sh: no build to run on; build first: ./mvnw -B -DskipTests package" >&2
  exit 1
fi
DEPS="$(cat target/bench-classpath.txt)"
# short runs: the client compiler only and one GC thread start the five JVMs faster (45 → 36 s on 2 busy cores)
export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
rm -rf target/bench-smoke
mkdir -p target/bench-smoke/classes
mapfile -t sources < <(find bench/src/main/java bench/panels/src bench/lake/src -name '*.java' | sort)
javac -nowarn -encoding UTF-8 -proc:none -d target/bench-smoke/classes -cp "target/classes:$DEPS" "${sources[@]}"
export BENCH_CP="target/bench-smoke/classes:target/classes:$DEPS"
export BENCH_TEST_CP="target/test-classes:target/classes:$DEPS"
BENCH_WORK="$(mktemp -d)"
export BENCH_WORK
trap 'rm -rf "$BENCH_WORK"' EXIT
echo "[smoke] bench classes compiled in $((SECONDS - started)) s; scratch: $BENCH_WORK"

# name | script | a line its figures must contain
benches=(
  "import|bench/run-import.sh|^SUMMARY import "
  "floor|bench/run-floor.sh|^\| the stage as the import runs it \|"
  "fastpath|bench/run-fastpath.sh|^FAST PATH / COPY"
  "panels|bench/panels/run.sh|^\| dashboard \| panels \|"
  "exports|bench/exports/run.sh|^\| export CSV "
  "history|bench/run-import.sh --history|^HISTORY second import "
  "lake|bench/lake/run.sh|^LAKE / COPY = "
)

# one bench: runs it, checks it completed and printed its figures, writes its verdict to $BENCH_WORK/<name>.verdict
run_bench() {
  local name="$1" script="$2" figures="$3" log="$BENCH_WORK/$1.log" t=$SECONDS
  mkdir -p "$BENCH_WORK/$name"
  # $script may carry a mode (run-import.sh --history): split on purpose
  # shellcheck disable=SC2086
  if ! BENCH_WORK="$BENCH_WORK/$name" $script --smoke >"$log" 2>&1; then
    echo "FAILED ($script --smoke)" >"$BENCH_WORK/$name.verdict"
  elif ! grep -Eq "$figures" "$log"; then
    echo "completed but printed no figures (no line matching '$figures')" >"$BENCH_WORK/$name.verdict"
  else
    echo "ok in $((SECONDS - t)) s" >"$BENCH_WORK/$name.verdict"
  fi
}

# two lanes, as the machine has two cores and a JVM's start is mostly one thread: the three plain-DuckDB benches in
# one, the ones that boot the application in the other
lane() {
  for b in "$@"; do
    IFS='|' read -r name script figures <<<"$b"
    run_bench "$name" "$script" "$figures"
  done
}
lane "${benches[0]}" "${benches[1]}" "${benches[2]}" "${benches[6]}" &
first=$!
lane "${benches[3]}" "${benches[4]}" "${benches[5]}"
wait "$first" || true

failed=0
for b in "${benches[@]}"; do
  IFS='|' read -r name script figures <<<"$b"
  verdict="$(cat "$BENCH_WORK/$name.verdict" 2>/dev/null || echo "did not run")"
  if [[ "$verdict" == ok* ]]; then
    echo "[smoke] $name: $verdict"
    grep -E '^\|' "$BENCH_WORK/$name.log" | head -n 8 | sed 's/^/    /'
    grep -E '^SUMMARY|^rows:|^Rows:|^FAST PATH|^HISTORY' "$BENCH_WORK/$name.log" | sed 's/^/    /' || true
  else
    failed=1
    echo "[smoke] $name $verdict; its last lines:" >&2
    tail -n 40 "$BENCH_WORK/$name.log" >&2
  fi
done
if [[ $failed == 1 ]]; then
  exit 1
fi
echo "[smoke] all benches completed in $((SECONDS - started)) s (figures at smoke size; no speed is checked)"
