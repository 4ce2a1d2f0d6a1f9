#!/usr/bin/env bash
# Runs the Personalize export benchmark: beamglue's personalize-export on Flink and on Spark against
# PostgreSQL's own COPY ... TO CSV, on generated order lines in an embedded PostgreSQL that the
# benchmark starts and loads once (not timed), and writes the table into docs/BENCHMARKS.md.
#
#   benchmarks/run-personalize.sh [--interactions=10000000] [--seed=42] [--runs=3]
#                                 [--skip=flink,spark,copy] [--workDir=bench-data]
#                                 [--doc=docs/BENCHMARKS.md|none] [--timeoutMinutes=30]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.personalize.PersonalizeBenchmark "$@"
