#!/usr/bin/env bash
# Runs the crawl benchmark: beamglue crawl against DuckDB's sniffers and Spark's schema inference on
# many small files and on one big CSV, each run in its own process, and writes the table into
# docs/BENCHMARKS.md.
#
#   benchmarks/run-crawl.sh [--smallFiles=10000] [--bigMegabytes=1024] [--runs=3] [--seed=7]
#                           [--skip=beamglue,duckdb,sparksql] [--workDir=bench-data]
#                           [--doc=docs/BENCHMARKS.md|none] [--timeoutMinutes=30]
#
# Generates the inputs once into bench-data/ and reuses them. Builds the project first
# (mvn -B -q -DskipTests package) when the bundled jar or the benchmark classes are missing, or
# when REBUILD=1.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.crawl.CrawlBenchmark "$@"
