#!/usr/bin/env bash
# Starts a Spark standalone cluster on loopback: one master and two workers, each its own JVM, from
# the Spark jars Maven resolved into runners-config/clusters/spark/target/spark-home/jars (the Spark
# the bundled jar carries). Small sizes for a 2-core machine: one core and 1 GB for executors per
# worker. Waits until both workers have registered.
#
#   runners-config/bin/start-spark-cluster.sh        # master on spark://127.0.0.1:7077
#   bin/beamglue run github-events --profile=spark-cluster --input=... --output=...
#   runners-config/bin/stop-spark-cluster.sh
#
# Environment: SPARK_MASTER_PORT (7077), SPARK_MASTER_WEBUI_PORT (8080), SPARK_WORKERS (2),
# SPARK_WORKER_MEMORY (1g), BEAMGLUE_CLUSTER_DIR (runners-config/target/spark-cluster).
# BEAMGLUE_CLUSTER_JAVA_OPTS: more JVM options for every process of the cluster (none).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/cluster-common.sh"
# shellcheck disable=SC2206 # a space-separated list of JVM options by design
extra_opts=(${BEAMGLUE_CLUSTER_JAVA_OPTS:-})

master_port="${SPARK_MASTER_PORT:-7077}"
webui_port="${SPARK_MASTER_WEBUI_PORT:-8080}"
workers="${SPARK_WORKERS:-2}"
worker_memory="${SPARK_WORKER_MEMORY:-1g}"
state="${BEAMGLUE_CLUSTER_DIR:-$config_root/target/spark-cluster}"
spark_home="$config_root/clusters/spark/target/spark-home"

if running "$state/pids/master.pid" deploy.master.Master; then
  die "a Spark cluster of $state is running already (pid $(cat "$state/pids/master.pid")); stop it first."
fi
ensure_jars "runners-config/clusters/spark" "$spark_home/jars"
rm -rf "$state/pids"
mkdir -p "$state/logs" "$state/local"
# A worker launches executors with SPARK_HOME's jars/ as their classpath; an (empty) RELEASE file
# tells Spark's launcher that this is a release layout rather than a source tree.
touch "$spark_home/RELEASE"
export SPARK_HOME="$spark_home" SPARK_SCALA_VERSION=2.12 SPARK_LOCAL_IP=127.0.0.1 \
  SPARK_LOCAL_DIRS="$state/local"

start_jvm master -Xmx256m "${extra_opts[@]}" -cp "$spark_home/jars/*" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$master_port" --webui-port "$webui_port"
for n in $(seq 1 "$workers"); do
  mkdir -p "$state/work-$n"
  start_jvm "worker-$n" -Xmx256m "${extra_opts[@]}" -cp "$spark_home/jars/*" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory "$worker_memory" --webui-port 0 \
    --work-dir "$state/work-$n" "spark://127.0.0.1:$master_port"
done

workers_registered() {
  http_get "$webui_port" /json/ | tr -d ' \n' | grep -q "\"aliveworkers\":$workers[,}]"
}
if ! await 120 "$workers registered workers on spark://127.0.0.1:$master_port" workers_registered; then
  stop_all 'org.apache.spark.deploy' >&2
  exit 1
fi
echo "Spark standalone cluster up: --sparkMaster=spark://127.0.0.1:$master_port ($workers workers, state in $state)"
