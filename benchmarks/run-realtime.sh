#!/usr/bin/env bash
# Runs the realtime benchmark: realtime-events on the embedded Flink (parallelism 2, exactly-once
# Kafka output) reading a steady stream of generated events from an in-process Kafka broker, and
# writes the sustained events per second and the latency from produce to output (p50, p99) into
# docs/BENCHMARKS.md.
#
#   benchmarks/run-realtime.sh [--seconds=120] [--rate=10000[,20000,...]] [--warmupSeconds=20]
#                              [--checkpointMillis=2000] [--drainSeconds=60]
#                              [--workDir=bench-data] [--doc=docs/BENCHMARKS.md|none]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.realtime.RealtimeBenchmark "$@"
