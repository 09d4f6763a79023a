#!/usr/bin/env bash
# Benchmark 5: task throughput with 1, 2 and 4 worker processes (Roles=worker) sharing one queue,
# against the fake provider (fixed latency, real tiny output that is still probed, hashed and
# stored). One api process (Roles=api) takes the submissions and is polled through /metrics.
# Figure: tasks/s for each worker count, speed-up over one worker and efficiency (speed-up / N).
#   env: TASKS (120), LATENCY_MS (1000), SLOTS (4 renders per worker)
#        BENCH_PG="Host=...;Username=...;Password=..." runs on PostgreSQL (a fresh database per
#        round) instead of SQLite.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools curl dotnet xargs

TASKS=${TASKS:-120}
LATENCY_MS=${LATENCY_MS:-1000}
SLOTS=${SLOTS:-4}
make_tmp work

db_env=()
fresh_database() {
    db_env=()
    [[ -n ${BENCH_PG:-} ]] || return 0
    need_tools psql
    local name="reelgate_bench_$RANDOM$RANDOM"
    psql "$(pg_url)" -qc "CREATE DATABASE $name" >/dev/null
    db_env=(Database__Provider=postgres "Database__ConnectionString=$BENCH_PG;Database=$name")
}
# BENCH_PG as a libpq URL for psql (Host, Username, Password keys only).
pg_url() {
    local host user pass
    host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$BENCH_PG")
    user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$BENCH_PG")
    pass=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$BENCH_PG")
    echo "postgresql://$user:$pass@$host/postgres"
}

declare -A rate
for n in 1 2 4; do
    data=$work/w$n
    mkdir -p "$data"
    fresh_database
    port=$(free_port)
    base=http://127.0.0.1:$port
    start_reelgate "$data" "$port" Roles=api "${db_env[@]}"
    api_pid=$REELGATE_PID
    key=$(create_key "$base")
    workers=()
    for w in $(seq "$n"); do
        wport=$(free_port)
        env Storage__Root="$data" Auth__AdminKey="$ADMIN_KEY" Media__AutoInstall=false Roles=worker \
            Providers__Fake__Enabled=true Providers__Fake__LatencyMs="$LATENCY_MS" Worker__Concurrency="$SLOTS" \
            Worker__PollSeconds=0.2 "${db_env[@]}" dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$wport" >"$data/worker$w.log" 2>&1 &
        workers+=($!)
        _BENCH_PIDS+=($!)
        wait_http "http://127.0.0.1:$wport/readyz" 60 || die "worker $w did not start"
    done
    log "$n worker(s): submitting $TASKS tasks"
    start=$(date +%s.%N)
    seq "$TASKS" | xargs -P 8 -I{} curl -sf -o /dev/null -X POST -H "Authorization: Bearer $key" \
        -H 'Content-Type: application/json' -d '{"prompt":"throughput {}","duration":4}' "$base/v1/videos"
    while :; do
        done_count=$(curl -sf "$base/metrics" | awk '/^reelgate_tasks\{status="completed"\}/ { print $2 }')
        [[ ${done_count:-0} -ge $TASKS ]] && break
        sleep 0.1
    done
    elapsed=$(calc %.3f "$(date +%s.%N) - $start")
    rate[$n]=$(calc %.2f "$TASKS / $elapsed")
    log "$n worker(s): $TASKS tasks in ${elapsed}s = ${rate[$n]} tasks/s"
    for pid in "${workers[@]}" "$api_pid"; do stop_pid "$pid"; done
done

ideal=$(calc %.2f "$SLOTS * 1000 / $LATENCY_MS")
echo
echo "== worker scaling: $TASKS tasks, fake provider ${LATENCY_MS} ms, $SLOTS slots per worker (ideal ${ideal} tasks/s per worker), $([[ -n ${BENCH_PG:-} ]] && echo PostgreSQL || echo SQLite)"
printf '%-8s %12s %10s %12s\n' workers tasks/s speed-up efficiency
for n in 1 2 4; do
    s=$(calc %.2f "${rate[$n]} / ${rate[1]}")
    printf '%-8s %12s %10s %12s\n' "$n" "${rate[$n]}" "$s" "$(calc %.2f "$s / $n")"
done
result workers "r1=${rate[1]} r2=${rate[2]} r4=${rate[4]} s2=$(calc %.2f "${rate[2]} / ${rate[1]}") s4=$(calc %.2f "${rate[4]} / ${rate[1]}")"
