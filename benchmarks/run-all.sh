#!/usr/bin/env bash
# Runs every benchmark and rewrites docs/BENCHMARKS.md and its plots (docs/benchmarks/*.png) from
# the measurements, with no figure typed by hand: the side-by-side ones (github-events,
# relationalize, crawl, playground, personalize) at every data scale, per contestant the median of
# --runs runs, the ratio to Spark SQL and to DuckDB in the same run, and the growth from scale to
# scale; then the one-size ones (findmatches quality, findmatches-scale, realtime).
#
#   benchmarks/run-all.sh [--scales=1,10,100] [--runs=3]
#                         [--only=github-events,relationalize,crawl,playground,personalize,findmatches,findmatches-scale,realtime]
#                         [--events=5000] [--smallFiles=100] [--bigMegabytes=1]
#                         [--playgroundScale=1] [--incomeScale=20] [--personalizeInteractions=10000]
#                         [--findmatchesDatasets=febrl4,abt-buy,historical-50k] [--findmatchesRecords=1000000]
#                         [--realtimeRates=1000,2000,4000] [--realtimeSeconds=60]
#                         [--workDir=bench-data] [--doc=docs/BENCHMARKS.md] [--timeoutMinutes=30]
#
# The side-by-side sizes are those of 1x; a scale multiplies them. The defaults took 72 minutes
# on 2 cores and a few GB in bench-data/; larger 1x sizes make it hours. Builds the project first
# (mvn -B -q -DskipTests package) when the bundled jar or the benchmark classes are missing, or when
# REBUILD=1.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.all.AllBenchmarks "$@"
