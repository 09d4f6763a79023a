#!/usr/bin/env bash
# Benchmark 1: status poll. GET /v1/videos/{id} with a valid key against Reelgate (worker off, one
# queued task), then the same route on the bare Kestrel baseline (bench/Baseline) serving an object
# of the same shape and size. One server at a time, same wrk settings, 3 s warm-up each.
# Figure: requests/s and p99 of each, and the ratio Reelgate/baseline (target >= 0.5).
#   env: DURATION (10), WARMUP (3), THREADS (2), CONNECTIONS (64)
#        BREAKDOWN=1 also measures, on the same Reelgate process, routes that do less of the work
#        (/healthz: pipeline only; /v1/models: + key check; a missing id: + the SQLite lookup,
#        no row), DURATION seconds each, to show where a status poll's time goes.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools wrk curl dotnet

DURATION=${DURATION:-10}
WARMUP=${WARMUP:-3}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
LUA=$BENCH_DIR/lua/get.lua
# A long prompt brings the task JSON to about 1 KB; the baseline serves the same prompt.
PROMPT="A slow aerial shot over a mountain lake at sunset: warm orange light on still water, pine trees along the shore, a wooden jetty with a red rowing boat, mist rising from the far bank, birds crossing the sky, the camera drifting forward and rising gently over the treeline to reveal snow-capped peaks and a small village with lights coming on one by one as the sky turns purple and the first stars appear"

make_tmp work

# run_wrk NAME URL KEY: warm-up, then the measured run; the BENCH line lands in $work/NAME.out.
run_wrk() {
    local name=$1 url=$2 key=$3
    log "$name: warm-up ${WARMUP}s"
    BENCH_KEY=$key wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA" "$url" >"$work/$name.warmup" 2>&1
    log "$name: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency"
    BENCH_KEY=$key wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" "$url" >"$work/$name.out" 2>&1
    grep -q '^BENCH ' "$work/$name.out" || { cat "$work/$name.out" >&2; die "$name: wrk printed no result"; }
    [[ $(kv "$work/$name.out" non2xx) == 0 ]] || { cat "$work/$name.out" >&2; die "$name: non-2xx responses"; }
}

# --- A: Reelgate alone
data=$work/reelgate
mkdir -p "$data"
port=$(free_port)
base=http://127.0.0.1:$port
log "Reelgate on $base (worker off)"
start_reelgate "$data" "$port"
key=$(create_key "$base")
id=$(create_task "$base" "$key" "{\"prompt\":\"$PROMPT\",\"duration\":4}")
[[ -n $id ]] || die "no task id"
rg_bytes=$(curl -sf -H "Authorization: Bearer $key" "$base/v1/videos/$id" | wc -c)
run_wrk reelgate "$base/v1/videos/$id" "$key"
if [[ -n ${BREAKDOWN:-} ]]; then
    for route in /healthz /v1/models /v1/videos/video_00000000000000000000000000000000; do
        BENCH_KEY=$key wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$LUA" "$base$route" >"$work/breakdown.out" 2>&1
        printf 'breakdown %-52s %10s rps  p99 %8s ms  (non-2xx %s)\n' "$route" "$(kv "$work/breakdown.out" rps)" \
            "$(kv "$work/breakdown.out" p99_ms)" "$(kv "$work/breakdown.out" non2xx)" >>"$work/breakdown.txt"
    done
fi
stop_pid "$REELGATE_PID"

# --- B: the baseline alone
port=$(free_port)
log "baseline on 127.0.0.1:$port"
BASELINE_PROMPT=$PROMPT start_baseline "$work/baseline.log" "$port"
bl_bytes=$(curl -sf "http://127.0.0.1:$port/v1/videos/$id" | wc -c)
run_wrk baseline "http://127.0.0.1:$port/v1/videos/$id" "$key"
stop_pid "$BASELINE_PID"

rg_rps=$(kv "$work/reelgate.out" rps)
rg_p99=$(kv "$work/reelgate.out" p99_ms)
bl_rps=$(kv "$work/baseline.out" rps)
bl_p99=$(kv "$work/baseline.out" p99_ms)
ratio=$(calc %.2f "$rg_rps / $bl_rps")
p99_ratio=$(calc %.2f "$rg_p99 / $bl_p99")
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.5 ? "PASS" : "FAIL") }')

echo
echo "== status poll: GET /v1/videos/{id}, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s (body: Reelgate ${rg_bytes} B, baseline ${bl_bytes} B)"
printf '%-10s %12s %10s %10s\n' server "requests/s" "p50 ms" "p99 ms"
printf '%-10s %12s %10s %10s\n' reelgate "$rg_rps" "$(kv "$work/reelgate.out" p50_ms)" "$rg_p99"
printf '%-10s %12s %10s %10s\n' baseline "$bl_rps" "$(kv "$work/baseline.out" p50_ms)" "$bl_p99"
echo "ratio Reelgate/baseline: requests/s $ratio (target >= 0.5: $verdict), p99 $p99_ratio"
if [[ -f $work/breakdown.txt ]]; then cat "$work/breakdown.txt"; fi
if [[ -n ${BENCH_VERBOSE:-} ]]; then cat "$work/reelgate.out" "$work/baseline.out"; fi

result status-poll "rg_rps=$rg_rps rg_p99_ms=$rg_p99 bl_rps=$bl_rps bl_p99_ms=$bl_p99 ratio=$ratio verdict=$verdict"
