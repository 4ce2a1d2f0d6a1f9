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
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.githubevents.GithubEventsBenchmark "$@"
