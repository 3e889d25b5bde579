#!/usr/bin/env bash
# Webhook benchmark (issue 2): wrk POSTs to a webhook run by `gwctl run`, which delivers every
# event to nginx answering 200. In the same run, wrk against nginx directly gives the ceiling.
# Reports events/s delivered end to end, latency, events lost, and the ratio to nginx.
# Usage: bench/webhook/run.sh [seconds] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-10}
CONNECTIONS=${2:-32}
GWCTL=build/bin/gwctl
WORK=$(mktemp -d /tmp/gs-bench.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
NGINX_PORT=$(free_port); HOOK_PORT=$(free_port)

# --- nginx answering 200 to every POST (one worker: this machine has 2 cores to share) -------------
mkdir -p "$WORK/nginx/logs"
cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  keepalive_requests 1000000;
  server { listen 127.0.0.1:$NGINX_PORT; location / { return 200 "ok"; } }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' & pids+=($!)
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$NGINX_PORT/" && break; sleep 0.1; done

wrk_run() { wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s bench/webhook/post.lua "$1"; }

echo "== nginx directly ($DURATION s, $CONNECTIONS connections)"
wrk_run "http://127.0.0.1:$NGINX_PORT/" | tee "$WORK/nginx.txt"
NGINX_RPS=$(awk '/Requests\/sec/ {print $2}' "$WORK/nginx.txt")

# --- the gateway ------------------------------------------------------------------------------------
cat > "$WORK/gw.yaml" <<YAML
apiVersion: argoproj.io/v1alpha1
kind: Gateway
metadata: {name: bench-gateway}
spec:
  type: webhook
  eventSource: bench-sources
  processorPort: "9330"
  template: {}
  eventProtocol: {type: HTTP, http: {port: "9300"}}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: bench-sources
  labels: {argo-events-event-source-version: v0.10}
data:
  hook: |
    port: "$HOOK_PORT"
    endpoint: /hook
    method: POST
YAML
"$GWCTL" run --gateway "$WORK/gw.yaml" --sink "http://127.0.0.1:$NGINX_PORT/" --no-watch --stats-interval 0.2 2> "$WORK/gwctl.log" & GW=$!
pids+=($GW)
for _ in $(seq 100); do grep -q "hook: connected" "$WORK/gwctl.log" && break; sleep 0.1; done

echo "== gwctl run -> nginx ($DURATION s, $CONNECTIONS connections)"
# GS_BENCH_PROFILE=FILE: also record a CPU profile of gwctl while wrk runs (perf, software clock).
PERF=""
if [ -n "${GS_BENCH_PROFILE:-}" ]; then perf record -q -e cpu-clock -g -o "$GS_BENCH_PROFILE" -p "$GW" -- sleep "$DURATION" & PERF=$!; fi
START=$(date +%s.%N)
wrk_run "http://127.0.0.1:$HOOK_PORT/hook" | tee "$WORK/gw.txt"
[ -n "$PERF" ] && { wait "$PERF" || true; }
# Let every accepted event be delivered (the gateway's stats line says pending 0), then stop it.
for _ in $(seq 1200); do
  tail -1 "$WORK/gwctl.log" | grep -q "pending 0$" && break
  sleep 0.1
done
END=$(date +%s.%N)
read -r -a stat < "/proc/$GW/stat"; CPU_TICKS=$(( stat[13] + stat[14] ))
kill -INT $GW
wait $GW || true

REQUESTS=$(awk '/requests in/ {print $1}' "$WORK/gw.txt")
NON2XX=$(awk '/Non-2xx/ {print $5}' "$WORK/gw.txt"); NON2XX=${NON2XX:-0}
ACCEPTED=$((REQUESTS - NON2XX))
SUMMARY=$(grep "received for delivery" "$WORK/gwctl.log" | tail -1)
DELIVERED=$(sed -E 's/.* ([0-9]+) deliveries succeeded.*/\1/' <<<"$SUMMARY")
P50=$(sed -E 's/.*p50 ([0-9.e+-]+) ms.*/\1/' <<<"$SUMMARY")
P99=$(sed -E 's/.*p99 ([0-9.e+-]+) ms.*/\1/' <<<"$SUMMARY")
ELAPSED=$(echo "$END - $START" | bc -l)
RATE=$(echo "$DELIVERED / $ELAPSED" | bc -l)
RATIO=$(echo "$RATE / $NGINX_RPS" | bc -l)
HTTP_P50=$(awk '$1=="50%" {print $2}' "$WORK/gw.txt"); HTTP_P99=$(awk '$1=="99%" {print $2}' "$WORK/gw.txt")

echo
echo "== results"
printf '%-44s %s\n' "nginx direct (req/s)" "$NGINX_RPS" \
  "webhook requests answered 200" "$ACCEPTED" \
  "webhook requests answered 503 (back-pressure)" "$NON2XX" \
  "events delivered to nginx" "$DELIVERED" \
  "events lost (200 but not delivered)" "$(( ACCEPTED > DELIVERED ? ACCEPTED - DELIVERED : 0 ))" \
  "end-to-end events/s (delivered / wall time)" "$(printf %.0f "$RATE")" \
  "ratio to nginx direct" "$(printf %.3f "$RATIO")" \
  "webhook answer latency p50 / p99 (wrk)" "$HTTP_P50 / $HTTP_P99" \
  "delivery latency p50 / p99 (received -> 2xx)" "$P50 ms / $P99 ms" \
  "gwctl CPU per delivered event (all threads)" "$(echo "$CPU_TICKS * 10000 / $DELIVERED" | bc) us"
