#!/usr/bin/env bash
# Runs the relationalize benchmark: beamglue's relationalize pipeline on Flink and on Spark against
# the same flattening of the events' commits in Spark SQL (posexplode) and in DuckDB (unnest), each in
# its own process, and writes the table into docs/BENCHMARKS.md.
#
#   benchmarks/run-relationalize.sh [--events=500000] [--runs=3] [--skip=flink,spark,sparksql,duckdb]
#                                   [--seed=42] [--malformedEvery=997] [--workDir=bench-data]
#                                   [--doc=docs/BENCHMARKS.md|none] [--timeoutMinutes=30]
#
# Reads the same generated file as run-github-events.sh (made once into bench-data/ and reused).
# Builds the project first (mvn -B -q -DskipTests package) when the bundled jar or the benchmark
# classes are missing, or when REBUILD=1.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.relationalize.RelationalizeBenchmark "$@"
