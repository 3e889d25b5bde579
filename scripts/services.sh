#!/usr/bin/env bash
# Real brokers for the tests, on loopback with free ports: mosquitto, nats-server, RabbitMQ and
# librdkafka's mock cluster (build/bin/gs-kafkamock). scripts/test.sh starts them before ctest and
# stops them afterwards; tests that restart a broker start their own private instance instead
# (tests/support/brokers.h), except RabbitMQ, which is slow to start and is shared.
#
# Usage:
#   scripts/services.sh start [--dir DIR] [mosquitto|nats|rabbitmq|kafka]...   (default: all four)
#       Starts each, waits until it answers (bounded), records pids in DIR, writes DIR/env and prints
#       it: `export NAME=VALUE` lines for eval.
#   scripts/services.sh stop [--dir DIR]    Stops exactly the processes recorded in DIR, by pid.
#   scripts/services.sh env [--dir DIR]     Prints DIR/env.
# DIR defaults to build/services. Variables written to DIR/env:
#   GS_TEST_MQTT_URL           tcp://127.0.0.1:PORT            (mosquitto, anonymous)
#   GS_TEST_NATS_URL           nats://127.0.0.1:PORT           (nats-server)
#   GS_TEST_AMQP_URL           amqp://guest:guest@127.0.0.1:PORT  (RabbitMQ, default vhost /)
#   GS_TEST_RABBITMQCTL        a wrapper running rabbitmqctl against that node (add_vhost, stop_app, ...)
#   GS_TEST_RABBITMQ_NODE      its Erlang node name
#   GS_TEST_KAFKA_BOOTSTRAP    HOST:PORT,... of the mock cluster's 3 brokers
#   GS_TEST_KAFKA_CONTROL      127.0.0.1:PORT of gs-kafkamock's control port (one command per line)
#   GS_TEST_SERVICES_DIR       DIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

cmd="${1:-}"
[ $# -gt 0 ] && shift
dir="$root/build/services"
wanted=()
while [ $# -gt 0 ]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    mosquitto|nats|rabbitmq|kafka) wanted+=("$1"); shift ;;
    *) echo "services.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ ${#wanted[@]} -eq 0 ] && wanted=(mosquitto nats rabbitmq kafka)

log() { echo "services.sh: $*" >&2; }

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# port_open PORT: true once something accepts TCP connections on 127.0.0.1:PORT.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_for SECONDS PID CHECK...: runs CHECK every 0.1 s until it succeeds; fails early if PID died.
wait_for() {
  local secs=$1 pid=$2; shift 2
  local end=$((SECONDS + secs))
  while [ $SECONDS -lt $end ]; do
    "$@" && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.1
  done
  return 1
}

# alive PID NAME: the process PID is running and its command line mentions NAME (guards against pid reuse).
alive() {
  [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline" | grep -q -- "$2"
}

# stop_pid PIDFILE NAME: SIGTERM, up to 10 s, then SIGKILL; only if the pid still is NAME.
stop_pid() {
  local file=$1 name=$2 pid
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  if alive "$pid" "$name"; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do alive "$pid" "$name" || break; sleep 0.1; done
    alive "$pid" "$name" && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

env_line() { printf 'export %s=%q\n' "$1" "$2" >> "$dir/env"; }

start_mosquitto() {
  local port conf pid
  for attempt in 1 2 3; do
    port=$(free_port)
    conf="$dir/mosquitto.conf"
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\n' "$port" > "$conf"
    chmod 644 "$conf"
    setsid mosquitto -c "$conf" > "$dir/mosquitto.log" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" > "$dir/mosquitto.pid"
    if wait_for 10 "$pid" port_open "$port"; then
      env_line GS_TEST_MQTT_URL "tcp://127.0.0.1:$port"
      log "mosquitto on 127.0.0.1:$port (pid $pid)"
      return 0
    fi
    stop_pid "$dir/mosquitto.pid" mosquitto
    log "mosquitto did not start on port $port (attempt $attempt): $(tail -3 "$dir/mosquitto.log")"
  done
  return 1
}

start_nats() {
  local port pid
  for attempt in 1 2 3; do
    port=$(free_port)
    setsid nats-server -a 127.0.0.1 -p "$port" > "$dir/nats.log" 2>&1 < /dev/null &
    pid=$!
    echo "$pid" > "$dir/nats.pid"
    if wait_for 10 "$pid" grep -q "Server is ready" "$dir/nats.log"; then
      env_line GS_TEST_NATS_URL "nats://127.0.0.1:$port"
      log "nats-server on 127.0.0.1:$port (pid $pid)"
      return 0
    fi
    stop_pid "$dir/nats.pid" nats-server
    log "nats-server did not start on port $port (attempt $attempt): $(tail -3 "$dir/nats.log")"
  done
  return 1
}

start_kafka() {
  local bin="${GS_KAFKAMOCK:-$root/build/bin/gs-kafkamock}" pid
  [ -x "$bin" ] || { log "$bin is missing (build the gs-kafkamock target)"; return 1; }
  setsid "$bin" --brokers 3 > "$dir/kafka.log" 2>&1 < /dev/null &
  pid=$!
  echo "$pid" > "$dir/kafka.pid"
  if ! wait_for 10 "$pid" grep -q "^ready" "$dir/kafka.log"; then
    log "gs-kafkamock did not start: $(tail -3 "$dir/kafka.log")"
    stop_pid "$dir/kafka.pid" gs-kafkamock
    return 1
  fi
  env_line GS_TEST_KAFKA_BOOTSTRAP "$(sed -n 's/^bootstrap //p' "$dir/kafka.log")"
  env_line GS_TEST_KAFKA_CONTROL "$(sed -n 's/^control //p' "$dir/kafka.log")"
  log "kafka mock cluster at $(sed -n 's/^bootstrap //p' "$dir/kafka.log") (pid $pid)"
}

# RabbitMQ (environment notes): every directory it writes is in a private home owned by the user it
# runs as; its own epmd on a free port (ERL_EPMD_PORT), so it never meets a system one.
start_rabbitmq() {
  local home port dist epmd node pid
  home=$(mktemp -d /tmp/gs-rabbitmq.XXXXXX)
  echo "$home" > "$dir/rabbitmq.home"
  port=$(free_port); dist=$(free_port); epmd=$(free_port)
  node="gs-test-$(basename "$home" | cut -d. -f2 | tr 'A-Z' 'a-z')@localhost"
  echo '[].' > "$home/enabled_plugins"
  [ "$(id -u)" -eq 0 ] && chown -R rabbitmq:rabbitmq "$home"
  chmod 700 "$home"
  cat > "$home/env.sh" <<EOF
export HOME='$home' RABBITMQ_NODENAME='$node' RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$port
export RABBITMQ_DIST_PORT=$dist ERL_EPMD_PORT=$epmd ERL_EPMD_ADDRESS=127.0.0.1
export RABBITMQ_MNESIA_BASE='$home/mnesia' RABBITMQ_LOG_BASE='$home/log' RABBITMQ_FEATURE_FLAGS_FILE='$home/feature_flags'
export RABBITMQ_ENABLED_PLUGINS_FILE='$home/enabled_plugins' RABBITMQ_CONFIG_FILE='$home/rabbitmq'
export RABBITMQ_ADVANCED_CONFIG_FILE='$home/advanced.config' RABBITMQ_CONF_ENV_FILE='$home/rabbitmq-env.conf'
export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS='-kernel inet_dist_use_interface {127,0,0,1}'
EOF
  # A rabbitmqctl bound to this node, for tests (add_vhost, close_all_connections, stop_app, start_app).
  cat > "$dir/rabbitmqctl" <<EOF
#!/bin/sh
. '$home/env.sh'
if [ "\$(id -u)" -eq 0 ]; then
  exec setpriv --reuid rabbitmq --regid rabbitmq --clear-groups /usr/lib/rabbitmq/bin/rabbitmqctl -n '$node' "\$@"
fi
exec /usr/lib/rabbitmq/bin/rabbitmqctl -n '$node' "\$@"
EOF
  chmod 755 "$dir/rabbitmqctl"
  (
    . "$home/env.sh"
    setsid epmd -port "$epmd" -address 127.0.0.1 > "$dir/epmd.log" 2>&1 < /dev/null &
    echo $! > "$dir/epmd.pid"
    wait_for 10 $! port_open "$epmd" || exit 1
    if [ "$(id -u)" -eq 0 ]; then
      setsid setpriv --reuid rabbitmq --regid rabbitmq --clear-groups /usr/lib/rabbitmq/bin/rabbitmq-server > "$dir/rabbitmq.log" 2>&1 < /dev/null &
    else
      setsid /usr/lib/rabbitmq/bin/rabbitmq-server > "$dir/rabbitmq.log" 2>&1 < /dev/null &
    fi
    echo $! > "$dir/rabbitmq.pid"
  ) || { log "epmd did not start on port $epmd: $(tail -3 "$dir/epmd.log")"; return 1; }
  pid=$(cat "$dir/rabbitmq.pid")
  # The AMQP port opens last in RabbitMQ's boot; about 10 s on two busy cores.
  if ! wait_for 90 "$pid" port_open "$port"; then
    log "RabbitMQ did not start within 90 s: $(tail -5 "$dir/rabbitmq.log")"
    return 1
  fi
  env_line GS_TEST_AMQP_URL "amqp://guest:guest@127.0.0.1:$port"
  env_line GS_TEST_RABBITMQ_NODE "$node"
  env_line GS_TEST_RABBITMQCTL "$dir/rabbitmqctl"
  log "RabbitMQ $node on 127.0.0.1:$port (pid $pid, epmd $(cat "$dir/epmd.pid") on $epmd)"
}

stop_rabbitmq() {
  local pid
  if [ -f "$dir/rabbitmq.pid" ]; then
    pid=$(cat "$dir/rabbitmq.pid")
    if alive "$pid" rabbitmq-server; then
      timeout 60 "$dir/rabbitmqctl" stop > /dev/null 2>&1 || true
      for _ in $(seq 1 100); do alive "$pid" rabbitmq-server || break; sleep 0.1; done
      # Still there: the process group we started with setsid (the server script and its Erlang VM).
      alive "$pid" rabbitmq-server && kill -KILL -- "-$pid" 2>/dev/null || true
    fi
    rm -f "$dir/rabbitmq.pid"
  fi
  stop_pid "$dir/epmd.pid" epmd
  if [ -f "$dir/rabbitmq.home" ]; then
    local home; home=$(cat "$dir/rabbitmq.home")
    case "$home" in /tmp/gs-rabbitmq.*) rm -rf "$home" ;; esac
    rm -f "$dir/rabbitmq.home" "$dir/rabbitmqctl"
  fi
}

stop_all() {
  [ -d "$dir" ] || return 0
  stop_pid "$dir/mosquitto.pid" mosquitto
  stop_pid "$dir/nats.pid" nats-server
  stop_pid "$dir/kafka.pid" gs-kafkamock
  stop_rabbitmq
  rm -f "$dir/env"
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    chmod 755 "$dir"
    : > "$dir/env"
    env_line GS_TEST_SERVICES_DIR "$dir"
    for s in "${wanted[@]}"; do
      if ! "start_$s"; then
        log "could not start $s; stopping what was started"
        stop_all
        exit 1
      fi
    done
    cat "$dir/env"
    ;;
  stop) stop_all ;;
  env) cat "$dir/env" ;;
  *) echo "usage: scripts/services.sh start|stop|env [--dir DIR] [mosquitto|nats|rabbitmq|kafka]..." >&2; exit 2 ;;
esac
