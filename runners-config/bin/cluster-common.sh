#!/usr/bin/env bash
# Shared by start-/stop-flink-cluster.sh and start-/stop-spark-cluster.sh; sourced, not run.
# Every cluster process is a JVM of its own, started in the background with its pid in
# $state/pids/NAME.pid and its output in $state/logs/NAME.log; stopping kills exactly those pids.

config_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_root="$(cd "$config_root/.." && pwd)"

die() { echo "$(basename "$0"): $*" >&2; exit 2; }

# The Java 17 flags of runners-config/jvm.properties, the one list every beamglue JVM uses.
jvm_flags() {
  sed -n 's/^beamglue.jvm.flags=//p' "$config_root/jvm.properties"
}

# Builds a cluster module's jars with Maven when its target folder lacks them (a clean checkout).
ensure_jars() { # module-folder jar-folder
  local module="$1" jars="$2"
  if ! ls "$jars"/*.jar >/dev/null 2>&1; then
    echo "$(basename "$0"): resolving the cluster's jars with Maven ($module)..." >&2
    (cd "$repo_root" && mvn -B -q -f "$module/pom.xml" package) >&2 \
      || die "Maven could not resolve the cluster's jars; its output above says why."
  fi
}

# True when the pid file names a live process whose command line has the given main class.
running() { # pid-file main-class
  local pid
  [ -f "$1" ] || return 1
  pid="$(cat "$1")"
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$2"
}

# Starts one JVM in the background: name, then the java arguments.
start_jvm() { # name java-args...
  local name="$1"; shift
  mkdir -p "$state/pids" "$state/logs"
  # shellcheck disable=SC2046 # the flags are a space-separated list by design
  nohup java $(jvm_flags) "$@" >"$state/logs/$name.log" 2>&1 </dev/null &
  echo $! >"$state/pids/$name.pid"
}

# One HTTP GET on loopback with bash's /dev/tcp (no curl needed); prints the body.
http_get() { # port path
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$1" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
  reply="$(cat <&3)"
  exec 3<&-
  printf '%s' "${reply#*$'\r\n\r\n'}"
}

# Waits until `check` succeeds, or fails naming the logs when a process died or time ran out.
await() { # seconds description check-command...
  local seconds="$1" what="$2"; shift 2
  local deadline=$((SECONDS + seconds)) pidfile
  while ! "$@" 2>/dev/null; do
    for pidfile in "$state"/pids/*.pid; do
      if ! kill -0 "$(cat "$pidfile")" 2>/dev/null; then
        local name; name="$(basename "$pidfile" .pid)"
        echo "$(basename "$0"): $name stopped while waiting for $what; the end of $state/logs/$name.log:" >&2
        tail -n 30 "$state/logs/$name.log" >&2
        return 1
      fi
    done
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$(basename "$0"): no $what after $seconds s; the logs are in $state/logs/." >&2
      return 1
    fi
    sleep 1
  done
}

# Kills the processes of the pid files (TERM, then KILL after a grace period), removing the files.
stop_all() { # main-class-pattern
  local pidfile pid name stopped=0
  [ -d "$state/pids" ] || { echo "$(basename "$0"): nothing to stop in $state." >&2; return 0; }
  for pidfile in "$state"/pids/*.pid; do
    [ -f "$pidfile" ] || continue
    name="$(basename "$pidfile" .pid)"
    pid="$(cat "$pidfile")"
    if running "$pidfile" "$1"; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 30); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
      done
      if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
      fi
      stopped=$((stopped + 1))
      echo "stopped $name (pid $pid)"
    fi
    rm -f "$pidfile"
  done
  [ "$stopped" -gt 0 ] || echo "$(basename "$0"): no process of $state was running." >&2
}
