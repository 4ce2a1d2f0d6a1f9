#!/usr/bin/env bash
# Measures FindMatches at scale: generates Febrl-style person records (FebrlPersons: originals and
# duplicates with typos, the truth in their ids), deduplicates them with `beamglue find-matches run`
# on Flink [local] with parallelism 2, and reports wall time, candidate pairs, pairs per second, the
# time of each stage and pairwise precision, recall and F1; writes the findmatches-scale section of
# docs/BENCHMARKS.md.
#
#   benchmarks/run-findmatches-scale.sh [--records=100000,1000000] [--accuracy-cost-tradeoff=0]
#                                       [--work=bench-data/findmatches-scale]
#                                       [--runner-flags="--profile=flink-local --parallelism=2"]
#                                       [--doc=docs/BENCHMARKS.md|none]
#
# Builds the project first (mvn -B -q -DskipTests package) when the bundled jar or the benchmark
# classes are missing, or when REBUILD=1.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.findmatches.FindMatchesScale "$@"
