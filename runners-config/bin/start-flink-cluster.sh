#!/usr/bin/env bash
# Starts a Flink session cluster on loopback: one JobManager and two TaskManagers, each its own JVM,
# from the Flink jars Maven resolved into runners-config/clusters/flink/target/lib (the Flink the
# bundled jar's runner was built against). Small sizes for a 2-core machine: one slot and one core
# per TaskManager, 768 MB each. Waits until both TaskManagers have registered.
#
#   runners-config/bin/start-flink-cluster.sh        # REST (job submission) on 127.0.0.1:8081
#   bin/beamglue run github-events --profile=flink-cluster --input=... --output=...
#   runners-config/bin/stop-flink-cluster.sh
#
# Environment: FLINK_REST_PORT (8081), FLINK_RPC_PORT (6123), FLINK_TASKMANAGERS (2),
# BEAMGLUE_CLUSTER_DIR (runners-config/target/flink-cluster: conf, logs, pid files).
# BEAMGLUE_CLUSTER_JAVA_OPTS: more JVM options for every process of the cluster (none).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"
# shellcheck disable=SC2206 # a space-separated list of JVM options by design
extra_opts=(${BEAMGLUE_CLUSTER_JAVA_OPTS:-})

rest_port="${FLINK_REST_PORT:-8081}"
rpc_port="${FLINK_RPC_PORT:-6123}"
taskmanagers="${FLINK_TASKMANAGERS:-2}"
state="${BEAMGLUE_CLUSTER_DIR:-$config_root/target/flink-cluster}"
lib="$config_root/clusters/flink/target/lib"

if running "$state/pids/jobmanager.pid" StandaloneSessionClusterEntrypoint; then
  die "a Flink cluster of $state is running already (pid $(cat "$state/pids/jobmanager.pid")); stop it first."
fi
ensure_jars "runners-config/clusters/flink" "$lib"
rm -rf "$state/pids" "$state/conf"
mkdir -p "$state/conf" "$state/logs" "$state/tmp"

# TaskManagerRunner started by hand (not by Flink's shell scripts) needs every memory size given;
# the JVM sizes below add up from them: heap = framework 128m + task 256m; direct = framework
# off-heap 128m + network 128m; managed memory (128m) is native. A batch job's blocking results
# take sort-shuffle buffers (512 each by default): 64 lets a Beam job of many steps fit in 4,096. Flink checks that metaspace and
# overhead are given too (it adds them up to the process size it reports), but the JVM's
# metaspace is left unbounded: every job loads the bundled jar's classes anew.
cat >"$state/conf/flink-conf.yaml" <<CONF
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: 127.0.0.1
jobmanager.memory.process.size: 768m
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest_port
blob.server.port: 0
taskmanager.host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.numberOfTaskSlots: 1
taskmanager.cpu.cores: 1
taskmanager.memory.framework.heap.size: 128m
taskmanager.memory.task.heap.size: 256m
taskmanager.memory.framework.off-heap.size: 128m
taskmanager.memory.task.off-heap.size: 0m
taskmanager.memory.network.min: 128m
taskmanager.memory.network.max: 128m
taskmanager.network.sort-shuffle.min-buffers: 64
taskmanager.memory.managed.size: 128m
taskmanager.memory.jvm-metaspace.size: 256m
taskmanager.memory.jvm-overhead.min: 128m
taskmanager.memory.jvm-overhead.max: 128m
parallelism.default: $taskmanagers
io.tmp.dirs: $state/tmp
CONF

log_flags="-Dorg.slf4j.simpleLogger.defaultLogLevel=info -Dorg.slf4j.simpleLogger.showDateTime=true"
# shellcheck disable=SC2086
start_jvm jobmanager -Xms384m -Xmx384m $log_flags "${extra_opts[@]}" -cp "$lib/*" \
  org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$state/conf"
for n in $(seq 1 "$taskmanagers"); do
  # shellcheck disable=SC2086
  start_jvm "taskmanager-$n" -Xms384m -Xmx384m -XX:MaxDirectMemorySize=256m $log_flags \
    "${extra_opts[@]}" -cp "$lib/*" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
    --configDir "$state/conf" -Dtaskmanager.resource-id="taskmanager-$n"
done

taskmanagers_registered() {
  http_get "$rest_port" /overview | grep -q "\"taskmanagers\":$taskmanagers[,}]"
}
if ! await 120 "$taskmanagers registered TaskManagers on 127.0.0.1:$rest_port" taskmanagers_registered; then
  stop_all 'org.apache.flink' >&2
  exit 1
fi
echo "Flink session cluster up: --flinkMaster=127.0.0.1:$rest_port ($taskmanagers TaskManagers, state in $state)"
