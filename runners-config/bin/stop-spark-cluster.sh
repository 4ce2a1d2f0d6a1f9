#!/usr/bin/env bash
# Stops the Spark standalone cluster start-spark-cluster.sh started: exactly the JVMs of its pid
# files (a worker ends its executors as it stops). Environment: BEAMGLUE_CLUSTER_DIR, as for start.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"
state="${BEAMGLUE_CLUSTER_DIR:-$config_root/target/spark-cluster}"
stop_all 'org.apache.spark.deploy'
