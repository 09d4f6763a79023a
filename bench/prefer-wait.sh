#!/usr/bin/env bash
# Benchmark: 500 clients holding `Prefer: wait` at once. Reelgate with the worker off (every task
# stays queued, so every wait lasts until the client leaves); wrk opens WAITERS connections, each
# sending one POST /v1/videos with `Prefer: wait=60` that the server holds. Read from
# /proc/PID/status: VmRSS and Threads idle — after a warm-up burst of the same WAITERS clients
# sending plain creates (answered at once), so what grows afterwards is the cost of holding the
# requests, not the GC's and Kestrel's first sizing for 500 concurrent connections — and while all
# WAITERS requests are held (the positive signal: WAITERS more task rows, read with
# sqlite3, plus SETTLE seconds for the answers to reach their waits).
# Targets: RSS growth < 50 MB; thread growth far below one per waiter (< WAITERS / 10).
# SURFACE=acedata holds AceData's synchronous creates instead (POST /veo/videos without
# callback_url waits for the result through the same TaskWaits).
#   env: WAITERS (500), HOLD_SECONDS (25: how long wrk keeps the requests open), SETTLE (3), SURFACE (native | acedata)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools wrk curl dotnet sqlite3

WAITERS=${WAITERS:-500}
HOLD_SECONDS=${HOLD_SECONDS:-25}
SETTLE=${SETTLE:-3}
NATIVE_BODY='{"prompt":"A red fox trotting through fresh snow in a birch forest","duration":4}'
SURFACE=${SURFACE:-native}
if [[ $SURFACE == acedata ]]; then
    BODY='{"action":"text2video","model":"veo3","prompt":"A red fox trotting through fresh snow in a birch forest"}'
    PATH_=/veo/videos WAIT_HEADER='X-Bench: acedata-sync'
else
    BODY='{"prompt":"A red fox trotting through fresh snow in a birch forest","duration":4}'
    PATH_=/v1/videos WAIT_HEADER='Prefer: wait=60'
fi

make_tmp work
fresh_reelgate Tasks__MaxWaitSeconds=60 Compat__AceData__WaitSeconds=60
key=$(create_key "$base")
start_rss=$(rss_mb "$REELGATE_PID")
# Warm-up: WAITERS concurrent plain creates, and the wait path (one wait that runs out), jitted.
BENCH_KEY=$key BENCH_BODY=$NATIVE_BODY LOAD_SECONDS=5 MAX_PER_THREAD=$(((WAITERS + 1) / 2)) \
    wrk -t2 -c"$WAITERS" -d8s --timeout 30s -s "$BENCH_DIR/lua/post.lua" "$base/v1/videos" >"$work/warmup.out" 2>&1
curl -s -o /dev/null --max-time 2 -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -H "$WAIT_HEADER" -d "$BODY" "$base$PATH_" || true
sleep 2
rows_before=$(sqlite3 "$data/reelgate.db" "select count(*) from tasks")
idle_rss=$(rss_mb "$REELGATE_PID")
idle_threads=$(awk '/^Threads:/ { print $2 }' "/proc/$REELGATE_PID/status")
log "idle: RSS $idle_rss MB, $idle_threads threads; opening $WAITERS waiting requests"

BENCH_KEY=$key BENCH_BODY=$BODY LOAD_SECONDS=$HOLD_SECONDS MAX_PER_THREAD=$(((WAITERS + 1) / 2)) \
    wrk -t2 -c"$WAITERS" -d"${HOLD_SECONDS}s" --timeout 120s -H "$WAIT_HEADER" -s "$BENCH_DIR/lua/post.lua" "$base$PATH_" \
    >"$work/wrk.out" 2>&1 &
wrk_pid=$!
_BENCH_PIDS+=("$wrk_pid")
for _ in $(seq $((HOLD_SECONDS * 10))); do
    held=$(($(sqlite3 "$data/reelgate.db" "select count(*) from tasks") - rows_before))
    ((held >= WAITERS)) && break
    sleep 0.1
done
((held >= WAITERS)) || die "only $held of $WAITERS waiting requests reached the server"
sleep "$SETTLE"
held_rss=$(rss_mb "$REELGATE_PID")
held_threads=$(awk '/^Threads:/ { print $2 }' "/proc/$REELGATE_PID/status")
wait "$wrk_pid" 2>/dev/null || true
# None may have been answered while wrk held them (the wait is 60 s, wrk stops after HOLD_SECONDS).
answered=$(kv "$work/wrk.out" accepted)
stop_pid "$REELGATE_PID"

growth=$(calc %.1f "$held_rss - $idle_rss")
thread_growth=$((held_threads - idle_threads))
rss_ok=$(awk -v g="$growth" 'BEGIN { print (g < 50 ? "PASS" : "FAIL") }')
threads_ok=$( ((thread_growth < WAITERS / 10)) && echo PASS || echo FAIL)
verdict=$([[ $rss_ok == PASS && $threads_ok == PASS ]] && echo PASS || echo FAIL)

echo
echo "== $SURFACE waits — $WAITERS requests held at once on queued tasks (worker off), VmRSS and Threads from /proc"
printf '%-28s %10s %10s\n' "" "RSS MB" threads
printf '%-28s %10s %10s\n' "after start-up" "$start_rss" ""
printf '%-28s %10s %10s\n' "idle after $WAITERS plain" "$idle_rss" "$idle_threads"
printf '%-28s %10s %10s\n' "$WAITERS waiting" "$held_rss" "$held_threads"
echo "growth: RSS +$growth MB (target < 50: $rss_ok), threads +$thread_growth (target < $((WAITERS / 10)), i.e. not one per waiter: $threads_ok)"
echo "($(calc %.1f "$growth * 1024 / $WAITERS") KB per waiting request, connection included; answered before wrk let go: ${answered:-?}, expected 0)"

result prefer-wait "surface=$SURFACE waiters=$WAITERS idle_mb=$idle_rss held_mb=$held_rss growth_mb=$growth idle_threads=$idle_threads held_threads=$held_threads verdict=$verdict"
