#!/usr/bin/env bash
# Starts one side-by-side benchmark harness (a main class of benchmarks/) with the project's JVM
# flags and the benchmarks' runtime classpath; the run-*.sh scripts call it.
#
#   benchmarks/run-benchmark.sh MAIN_CLASS [flags of the harness]
#
# Builds the project first (mvn -B -q -DskipTests package) when the bundled jar or the benchmark
# classes are missing, or when REBUILD=1.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
main="${1:?name the harness main class, e.g. dev.beamglue.benchmarks.githubevents.GithubEventsBenchmark}"
shift

classpath_file=benchmarks/target/runtime-classpath.txt
shopt -s nullglob
bundles=(runners-config/target/beamglue-runners-*-bundled.jar)
shopt -u nullglob
if [[ "${REBUILD:-0}" == 1 || ${#bundles[@]} -eq 0 || ! -f "$classpath_file" \
      || ! -f "benchmarks/target/classes/${main//.//}.class" ]]; then
  echo "Building beamglue and the benchmarks: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi

# bin/beamglue rebuilds the bundled jar when a source is newer: do it now, not inside a timed run.
"$root/bin/beamglue" list >/dev/null

# The one list of JVM flags (runners-config/jvm.properties), not a copy of it.
jvm_flags="$(sed -n 's/^beamglue\.jvm\.flags=//p' runners-config/jvm.properties)"
if [[ -z "$jvm_flags" ]]; then
  echo "runners-config/jvm.properties has no beamglue.jvm.flags line: it must list the JVM flags" >&2
  exit 1
fi
# shellcheck disable=SC2086 # the flags are a space-separated list
exec java $jvm_flags -cp "benchmarks/target/classes:$(cat "$classpath_file")" "$main" --repoRoot="$root" "$@"
