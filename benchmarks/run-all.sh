#!/usr/bin/env bash
# Runs every side-by-side benchmark (github-events, relationalize, crawl, playground, personalize) at every data
# scale and rewrites docs/BENCHMARKS.md and its plots (docs/benchmarks/*.png) from the measurements:
# per benchmark and contestant the median of --runs runs, the ratio to Spark SQL and to DuckDB in
# the same run, and the growth from scale to scale.
#
#   benchmarks/run-all.sh [--scales=1,10,100] [--runs=3] [--only=github-events,relationalize,crawl,playground,personalize]
#                         [--events=50000] [--smallFiles=1000] [--bigMegabytes=10]
#                         [--playgroundScale=10] [--incomeScale=20] [--personalizeInteractions=100000]
#                         [--workDir=bench-data]
#                         [--doc=docs/BENCHMARKS.md] [--timeoutMinutes=30]
#
# The sizes are those of 1x; a scale multiplies them. At 100x this is hours of work and tens of GB
# in bench-data/: on a shared machine, try --scales=1,2 --runs=1 with small sizes first. Builds the
# project first (mvn -B -q -DskipTests package) when the bundled jar or the benchmark classes are
# missing, or when REBUILD=1.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.all.AllBenchmarks "$@"
