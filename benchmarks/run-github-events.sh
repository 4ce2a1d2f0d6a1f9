#!/usr/bin/env bash
# Runs the github-events benchmark: beamglue on Flink and on Spark against the same job in Spark SQL
# and in DuckDB, each in its own process, and writes the table into docs/BENCHMARKS.md.
#
#   benchmarks/run-github-events.sh [--events=500000] [--runs=3] [--skip=flink,spark,sparksql,duckdb]
#                                   [--seed=42] [--malformedEvery=997] [--workDir=bench-data]
#                                   [--doc=docs/BENCHMARKS.md|none] [--timeoutMinutes=30]
#
# Builds the project first (mvn -B -q -DskipTests package) when the bundled jar or the benchmark
# classes are missing, or when REBUILD=1. The input is generated once into bench-data/ and reused.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

classpath_file=benchmarks/target/runtime-classpath.txt
shopt -s nullglob
bundles=(runners-config/target/beamglue-runners-*-bundled.jar)
shopt -u nullglob
if [[ "${REBUILD:-0}" == 1 || ${#bundles[@]} -eq 0 || ! -f "$classpath_file" \
      || ! -f benchmarks/target/classes/dev/beamglue/benchmarks/githubevents/GithubEventsBenchmark.class ]]; then
  echo "Building beamglue and the benchmarks: mvn -B -q -DskipTests package"
  mvn -B -q -DskipTests package
fi

# The one list of JVM flags (runners-config/jvm.properties), not a copy of it.
jvm_flags="$(sed -n 's/^beamglue\.jvm\.flags=//p' runners-config/jvm.properties)"
if [[ -z "$jvm_flags" ]]; then
  echo "runners-config/jvm.properties has no beamglue.jvm.flags line: it must list the JVM flags" >&2
  exit 1
fi
# shellcheck disable=SC2086 # the flags are a space-separated list
exec java $jvm_flags -cp "benchmarks/target/classes:$(cat "$classpath_file")" \
  dev.beamglue.benchmarks.githubevents.GithubEventsBenchmark --repoRoot="$root" "$@"
