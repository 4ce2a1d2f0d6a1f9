#!/usr/bin/env bash
# Stops the Flink session cluster start-flink-cluster.sh started: exactly the JVMs of its pid files.
# Environment: BEAMGLUE_CLUSTER_DIR, as for the start script.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"
state="${BEAMGLUE_CLUSTER_DIR:-$config_root/target/flink-cluster}"
stop_all 'org.apache.flink'
