#!/usr/bin/env bash
# Runs the playground benchmark: the transform stage of beamglue's playground-accessibility workflow
# on Flink and on Spark against the same transform written directly in Spark SQL and in DuckDB, on
# the bundled parks and playgrounds scaled --scale times and a generated IRS income file, each run in
# its own process, and writes the table into docs/BENCHMARKS.md.
#
#   benchmarks/run-playground.sh [--scale=1000] [--incomeScale=20] [--seed=2016] [--runs=3]
#                                [--skip=flink,spark,sparksql,duckdb] [--runDate=2019-06-01]
#                                [--workDir=bench-data] [--doc=docs/BENCHMARKS.md|none]
#                                [--timeoutMinutes=30]
#
# Generates the inputs once into bench-data/ and reuses them; imports and crawls them once per data
# set (bin/beamglue run playground-accessibility --stages=import,crawl-raw, not timed). Builds the
# project first (mvn -B -q -DskipTests package) when the bundled jar or the benchmark classes are
# missing, or when REBUILD=1.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.playground.PlaygroundBenchmark "$@"
