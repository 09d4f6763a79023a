#!/usr/bin/env bash
# Benchmark 2: submit throughput and durability. POST /v1/videos (JSON, text-to-video) with the
# worker off, so every accepted task stays queued. A 3 s warm-up, then a 10 s run; the Lua script
# stops sending at the deadline and lets requests in flight finish, so wrk sees an answer to every
# request it sent. Then the server is killed with SIGKILL (a crash, not a clean shutdown) and the
# rows in the SQLite file are counted: they must equal the 202s wrk saw (warm-up + run).
# Baseline: the same wrk run against bench/Baseline's POST /v1/videos (reads and checks the JSON,
# answers 202 with a task-shaped object, stores nothing), after Reelgate has stopped.
# Figure: accepted tasks/s (target >= 1,000/s) and its ratio to the baseline; rows vs 202s (equal).
#   env: DURATION (10), WARMUP (3), THREADS (2), CONNECTIONS (64)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools wrk curl dotnet sqlite3

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
LUA=$BENCH_DIR/lua/post.lua
BODY='{"prompt":"A red fox trotting through fresh snow in a birch forest, soft morning light","duration":4,"metadata":{"bench":"submit"}}'

make_tmp work
fresh_reelgate
key=$(create_key "$base")

# post_run NAME SECONDS [BASE_URL]: the BENCH line lands in $work/NAME.out.
post_run() {
    local name=$1 seconds=$2 url=${3:-$base}
    log "$name: POST /v1/videos, wrk -t$THREADS -c$CONNECTIONS, ${seconds}s of load + drain"
    BENCH_KEY=$key BENCH_BODY=$BODY LOAD_SECONDS=$seconds \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((seconds + 2))s" --timeout 10s --latency -s "$LUA" "$url/v1/videos" \
        >"$work/$name.out" 2>&1
    grep -q '^BENCH ' "$work/$name.out" || { cat "$work/$name.out" >&2; die "$name: wrk printed no result"; }
}

post_run warmup "$WARMUP"
cpu0=$(cpu_seconds "$REELGATE_PID")
post_run run "$DURATION"
cpu1=$(cpu_seconds "$REELGATE_PID")

log "SIGKILL the server, then count rows"
stop_pid "$REELGATE_PID" KILL
rows=$(sqlite3 "$data/reelgate.db" "select count(*) from tasks")
queued=$(sqlite3 "$data/reelgate.db" "select count(*) from tasks where status = 'queued'")

# --- the baseline alone, same conditions
bport=$(free_port)
log "baseline on 127.0.0.1:$bport"
start_baseline "$work/baseline.log" "$bport"
post_run baseline-warmup "$WARMUP" "http://127.0.0.1:$bport"
post_run baseline "$DURATION" "http://127.0.0.1:$bport"
stop_pid "$BASELINE_PID"
bl_rate=$(kv "$work/baseline.out" accepted_per_s)

warm_acc=$(kv "$work/warmup.out" accepted)
run_acc=$(kv "$work/run.out" accepted)
run_other=$(kv "$work/run.out" other)
warm_other=$(kv "$work/warmup.out" other)
sent=$(($(kv "$work/warmup.out" sent) + $(kv "$work/run.out" sent)))
acked=$((warm_acc + run_acc))
rate=$(kv "$work/run.out" accepted_per_s)
verdict=$(awk -v r="$rate" 'BEGIN { print (r >= 1000 ? "PASS" : "FAIL") }')
durable=$([[ $rows == "$acked" && $((warm_other + run_other)) == 0 ]] && echo PASS || echo FAIL)

echo
echo "== submit: POST /v1/videos, worker off, wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s (+${WARMUP}s warm-up)"
echo "accepted (202) in the run:   $run_acc in $(kv "$work/run.out" window_s) s, other statuses: $run_other, socket errors: $(kv "$work/run.out" socket_errors)"
echo "accepted tasks/s:            $rate (target >= 1000: $verdict); baseline $bl_rate/s, ratio $(calc %.3f "$rate / $bl_rate")"
echo "latency p50 / p99:           $(kv "$work/run.out" p50_ms) ms / $(kv "$work/run.out" p99_ms) ms (baseline $(kv "$work/baseline.out" p50_ms) / $(kv "$work/baseline.out" p99_ms) ms)"
echo "server CPU during the run:   $(calc %.0f "100 * ($cpu1 - $cpu0) / $(kv "$work/run.out" window_s)") % of one core ($(nproc) cores; wrk shares them)"
echo "durability after SIGKILL:    rows in tasks = $rows (queued $queued), 202s seen by wrk = $acked (warm-up $warm_acc + run $run_acc), requests sent = $sent: $durable"
if [[ -n ${BENCH_VERBOSE:-} ]]; then cat "$work/run.out"; fi

result submit "rate=$rate bl_rate=$bl_rate ratio=$(calc %.3f "$rate / $bl_rate") p99_ms=$(kv "$work/run.out" p99_ms) accepted=$acked rows=$rows verdict=$verdict durable=$durable"
