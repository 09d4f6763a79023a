#!/usr/bin/env bash
# Benchmark: the cost of limits and billing. On one Reelgate process (worker off), the same calls
# with two keys: one on the `unlimited` tier (no rate limit, no quotas, no ledger: the baseline)
# and one on a metered tier whose limits are set too high to trigger, so every request pays the
# token bucket, every submit the daily counter, the storage check, the monthly-grant check and
# the ledger hold, all in the submit transaction. Runs alternate (U, M, M, U) so drift on a
# noisy machine falls on both sides; each figure is the mean of its two runs.
# Figure: status-poll and submit requests/s of metered / unlimited.
#   env: DURATION (8), WARMUP (2), THREADS (2), CONNECTIONS (64)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools wrk curl dotnet

DURATION=${DURATION:-8}
WARMUP=${WARMUP:-2}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
BODY='{"prompt":"A red fox trotting through fresh snow in a birch forest, soft morning light","duration":4,"generate_audio":false}'

make_tmp work
fresh_reelgate Tiers__bench__MonthlyCredits=100000000 Tiers__bench__RequestsPerMinute=1000000000 Tiers__bench__Burst=1000000000 \
    Tiers__bench__TasksPerDay=0 Tiers__bench__StorageGb=0 Tiers__bench__DownloadsPerDay=0 Tiers__bench__ConcurrentRenders=0

# key_on TIER: a key of a new account on TIER.
key_on() {
    local acct
    acct=$(curl -sf -X POST -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
        -d "{\"name\":\"bench $1\",\"tier\":\"$1\"}" "$base/v1/accounts" | sed -n 's/^{"id":"\([^"]*\)".*/\1/p')
    [[ -n $acct ]] || die "POST /v1/accounts failed"
    curl -sf -X POST -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
        -d "{\"account_id\":\"$acct\"}" "$base/v1/keys" | sed -n 's/.*"secret":"\([^"]*\)".*/\1/p'
}
unlimited=$(key_on unlimited)
metered=$(key_on bench)
u_id=$(create_task "$base" "$unlimited" "$BODY")
m_id=$(create_task "$base" "$metered" "$BODY")
[[ -n $u_id && -n $m_id ]] || die "no task ids"
curl -sfD - -o /dev/null -H "Authorization: Bearer $metered" "$base/v1/videos/$m_id" | grep -i '^x-ratelimit-limit' >/dev/null \
    || die "the metered key's answers carry no X-RateLimit headers: is the rate limiter on?"

# poll NAME KEY ID / submit NAME KEY: one wrk run; the BENCH line lands in $work/NAME.out.
poll() {
    BENCH_KEY=$2 wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$BENCH_DIR/lua/get.lua" "$base/v1/videos/$3" >"$work/$1.out" 2>&1
    [[ $(kv "$work/$1.out" non2xx) == 0 ]] || { cat "$work/$1.out" >&2; die "$1: non-2xx answers"; }
}
submit() {
    BENCH_KEY=$2 BENCH_BODY=$BODY LOAD_SECONDS=$DURATION \
        wrk -t"$THREADS" -c"$CONNECTIONS" -d"$((DURATION + 2))s" --timeout 10s -s "$BENCH_DIR/lua/post.lua" "$base/v1/videos" >"$work/$1.out" 2>&1
    [[ $(kv "$work/$1.out" other) == 0 ]] || { cat "$work/$1.out" >&2; die "$1: answers other than 202"; }
}

log "warm-up ${WARMUP}s each"
DURATION=$WARMUP poll warm-u "$unlimited" "$u_id"
DURATION=$WARMUP poll warm-m "$metered" "$m_id"
for run in u1:unlimited m1:metered m2:metered u2:unlimited; do
    name=${run%%:*}; which=${run#*:}
    if [[ $which == unlimited ]]; then key=$unlimited; id=$u_id; else key=$metered; id=$m_id; fi
    log "status poll $name ($which) ${DURATION}s"; poll "poll-$name" "$key" "$id"
done
for run in u1:unlimited m1:metered m2:metered u2:unlimited; do
    name=${run%%:*}; which=${run#*:}
    key=$([[ $which == unlimited ]] && echo "$unlimited" || echo "$metered")
    log "submit $name ($which) ${DURATION}s"; submit "post-$name" "$key"
done

mean() { calc %.0f "($(kv "$work/$1.out" "$3") + $(kv "$work/$2.out" "$3")) / 2"; }
pu=$(mean poll-u1 poll-u2 rps); pm=$(mean poll-m1 poll-m2 rps)
su=$(mean post-u1 post-u2 accepted_per_s); sm=$(mean post-m1 post-m2 accepted_per_s)
poll_ratio=$(calc %.2f "$pm / $pu"); submit_ratio=$(calc %.2f "$sm / $su")
stop_pid "$REELGATE_PID"

echo
echo "== limits and billing cost: metered key vs unlimited key, same process, wrk -t$THREADS -c$CONNECTIONS, ${DURATION}s per run, U M M U"
printf '%-28s %12s %12s %8s\n' call "unlimited/s" "metered/s" ratio
printf '%-28s %12s %12s %8s\n' "GET /v1/videos/{id}" "$pu" "$pm" "$poll_ratio"
printf '%-28s %12s %12s %8s\n' "POST /v1/videos (202s)" "$su" "$sm" "$submit_ratio"
echo "runs: poll u $(kv "$work/poll-u1.out" rps)/$(kv "$work/poll-u2.out" rps), m $(kv "$work/poll-m1.out" rps)/$(kv "$work/poll-m2.out" rps); submit u $(kv "$work/post-u1.out" accepted_per_s)/$(kv "$work/post-u2.out" accepted_per_s), m $(kv "$work/post-m1.out" accepted_per_s)/$(kv "$work/post-m2.out" accepted_per_s)"
result billing "poll_unlimited=$pu poll_metered=$pm poll_ratio=$poll_ratio submit_unlimited=$su submit_metered=$sm submit_ratio=$submit_ratio"
