#!/usr/bin/env bash
# Benchmark: webhook delivery. Latency from a task's status change to the receiver (p50/p99) with
# tasks completing at a steady pace, and deliveries/s draining a backlog of tasks × endpoints
# rows, against a bare HttpClient POSTing the same payloads to the same loopback receiver.
# The work is in bench/Reelgate.Bench/WebhookBench.cs (it starts its own servers: fake provider).
# Figures: latency p50/p99 (ms), deliveries/s and its ratio to the bare POST rate.
#   env: TASKS (300), RATE (20/s), BACKLOG_TASKS (300), ENDPOINTS (10)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools dotnet
need_file "$SERVER_DLL"
need_file "$ENGINE_DLL"
make_tmp work

log "webhooks: ${TASKS:-300} tasks at ${RATE:-20}/s for latency, then a backlog of ${BACKLOG_TASKS:-300} × ${ENDPOINTS:-10}"
DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$ENGINE_DLL" webhooks --server-dll "$SERVER_DLL" --work "$work" \
    --tasks "${TASKS:-300}" --rate "${RATE:-20}" --backlog-tasks "${BACKLOG_TASKS:-300}" --endpoints "${ENDPOINTS:-10}" | tee "$work/out.txt"

line() { grep -m1 "^RESULT $1 " "$work/out.txt" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
p50=$(line latency p50_ms); p99=$(line latency p99_ms)
rate=$(line throughput per_s); bare=$(line throughput bare_per_s); ratio=$(line throughput ratio)
[[ -n $p50 && -n $rate ]] || die "no RESULT lines"
echo "webhooks: latency p50 ${p50} ms, p99 ${p99} ms (bare POST p50 $(line latency bare_p50_ms) ms); ${rate} deliveries/s vs bare ${bare}/s, ratio ${ratio}"
result webhooks p50_ms="$p50" p99_ms="$p99" per_s="$rate" bare_per_s="$bare" ratio="$ratio"
