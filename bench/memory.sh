#!/usr/bin/env bash
# Benchmark 4: memory. Server RSS (VmRSS from /proc/PID/status) idle after start-up and a few
# requests, then with 10,000 tasks queued (worker off), submitted by wrk -c8 in rounds until at
# least 10,000 were accepted. A forced GC is not possible from outside, so these are plain RSS
# readings, 2 s after the load stops. VmHWM (peak RSS) is shown too. For scale, the idle RSS of the
# bare Kestrel baseline (bench/Baseline) after a few requests.
#   env: TASKS (10000), CONNECTIONS (8), ROUND_SECONDS (5)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools wrk curl dotnet sqlite3

TASKS=${TASKS:-10000}
CONNECTIONS=${CONNECTIONS:-8}
THREADS=2
ROUND_SECONDS=${ROUND_SECONDS:-5}
LUA=$BENCH_DIR/lua/post.lua
BODY='{"prompt":"A red fox trotting through fresh snow in a birch forest, soft morning light","duration":4,"metadata":{"bench":"memory"}}'

make_tmp work
fresh_reelgate
start_rss=$(rss_mb "$REELGATE_PID")

# A few ordinary requests: a key, a task, its status, the list, the models.
key=$(create_key "$base")
id=$(create_task "$base" "$key" "$BODY")
for _ in 1 2 3; do
    curl -sf -o /dev/null -H "Authorization: Bearer $key" "$base/v1/videos/$id"
    curl -sf -o /dev/null -H "Authorization: Bearer $key" "$base/v1/videos?limit=10"
    curl -sf -o /dev/null -H "Authorization: Bearer $key" "$base/v1/models"
done
sleep 2
idle_rss=$(rss_mb "$REELGATE_PID")
log "idle RSS ${idle_rss} MB (right after start-up ${start_rss} MB)"

accepted=0
rounds=0
while ((accepted < TASKS && rounds < 12)); do
    rounds=$((rounds + 1))
    per_thread=$(((TASKS - accepted + THREADS - 1) / THREADS))
    BENCH_KEY=$key BENCH_BODY=$BODY LOAD_SECONDS=$ROUND_SECONDS MAX_PER_THREAD=$per_thread \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((ROUND_SECONDS + 2))s" --timeout 10s -s "$LUA" "$base/v1/videos" \
        >"$work/round$rounds.out" 2>&1
    grep -q '^BENCH ' "$work/round$rounds.out" || { cat "$work/round$rounds.out" >&2; die "wrk printed no result"; }
    accepted=$((accepted + $(kv "$work/round$rounds.out" accepted)))
    log "round $rounds: $accepted accepted so far"
done
((accepted >= TASKS)) || die "only $accepted tasks accepted in $rounds rounds"
sleep 2
loaded_rss=$(rss_mb "$REELGATE_PID")
peak_rss=$(hwm_mb "$REELGATE_PID")
rows=$(sqlite3 "$data/reelgate.db" "select count(*) from tasks where status = 'queued'")
db_files=$(for f in "$data"/reelgate.db "$data"/reelgate.db-wal; do [[ -f $f ]] && printf '%s %.1f MB, ' "${f##*/}" "$(calc %.1f "$(stat -c %s "$f") / 1048576")"; done)
stop_pid "$REELGATE_PID"

bport=$(free_port)
start_baseline "$work/baseline.log" "$bport"
for _ in 1 2 3; do curl -sf -o /dev/null "http://127.0.0.1:$bport/v1/videos/$id"; done
sleep 2
bl_rss=$(rss_mb "$BASELINE_PID")
stop_pid "$BASELINE_PID"

echo
echo "== memory: Reelgate RSS (VmRSS), worker off"
printf '%-34s %8s MB\n' "right after start-up" "$start_rss"
printf '%-34s %8s MB\n' "idle after a few requests" "$idle_rss"
printf '%-34s %8s MB\n' "with $rows tasks queued" "$loaded_rss"
printf '%-34s %8s MB\n' "peak (VmHWM)" "$peak_rss"
printf '%-34s %8s MB  (Reelgate idle / baseline idle: %s)\n' "bare Kestrel baseline, idle" "$bl_rss" "$(calc %.2f "$idle_rss / $bl_rss")"
echo "growth: $(calc %.1f "$loaded_rss - $idle_rss") MB for $accepted accepted tasks (${db_files%, })"

result memory "bl_idle_mb=$bl_rss idle_mb=$idle_rss loaded_mb=$loaded_rss peak_mb=$peak_rss tasks=$rows"
