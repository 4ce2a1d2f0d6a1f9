#!/usr/bin/env bash
# Measures FindMatches quality: an unsupervised model, three rounds of labeling sets (300 records at
# most) labeled by a simulated labeler that knows the truth, then pairwise precision, recall and F1
# against the truth; writes the findmatches section of docs/BENCHMARKS.md.
#
#   benchmarks/run-findmatches-quality.sh [--datasets=febrl4,abt-buy,historical-50k]
#                                         [--data=../shared/data/findmatches] [--doc=docs/BENCHMARKS.md|none]
#
# Builds the project first (mvn -B -q -DskipTests package) when the bundled jar or the benchmark
# classes are missing, or when REBUILD=1.
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-benchmark.sh" dev.beamglue.benchmarks.findmatches.FindMatchesQuality "$@"
