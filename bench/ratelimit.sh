#!/usr/bin/env bash
# Rate-limit accuracy: one key on a tier of RATE requests/min with bursts of BURST, driven at FACTOR
# times that rate by a paced open-loop load (Reelgate.Bench ratelimit: request i at start + i/rate,
# not a flood) against GET /v1/models on a fresh Reelgate. A token bucket that starts full lets
# through exactly rate x time + burst, so the figure is accepted (2xx) against that, and the
# relative error in % (target within 1 %). Every 2xx must carry X-RateLimit-Remaining and every 429
# Retry-After and retry-after-ms.
#   env: SECONDS or DURATION (60), RATE (600 per minute), BURST (100), FACTOR (5)
# (bash counts SECONDS up from the value it inherits, so read it before anything else runs.)
run_seconds=${DURATION:-$SECONDS}
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools curl dotnet
need_file "$ENGINE_DLL"

((run_seconds >= 1)) || run_seconds=60
RATE=${RATE:-600}
BURST=${BURST:-100}
FACTOR=${FACTOR:-5}
per_second=$(calc %g "$RATE / 60")
send_rate=$(calc %g "$per_second * $FACTOR")

make_tmp work
fresh_reelgate Accounts__DefaultTier=bench Tiers__bench__RequestsPerMinute="$RATE" Tiers__bench__Burst="$BURST"
key=$(create_key "$base")
[[ -n $key ]] || die "no key"
log "one key at $send_rate requests/s ($FACTOR x $RATE/min, burst $BURST) for ${run_seconds}s"
dotnet "$ENGINE_DLL" ratelimit --url "$base/v1/models" --key "$key" --rate "$send_rate" --seconds "$run_seconds" >"$work/load.out" \
    || { cat "$work/load.out" >&2; die "load tool failed"; }
stop_pid "$REELGATE_PID"

line=$(grep -m1 '^RESULT ' "$work/load.out") || { cat "$work/load.out" >&2; die "load tool printed no result"; }
get() { tr ' ' '\n' <<<"$line" | sed -n "s/^$1=//p"; }
sent=$(get sent) ok=$(get ok) limited=$(get limited) other=$(get other) errors=$(get errors) span=$(get span_s) missing=$(get missing_headers)
expected=$(calc %.1f "$per_second * $span + $BURST")
error_pct=$(calc %.2f "($ok - $expected) / $expected * 100")
verdict=$(awk -v e="$error_pct" -v o="$other" -v x="$errors" -v m="$missing" \
    'BEGIN { print ((e <= 1 && e >= -1 && o == 0 && x == 0 && m == 0) ? "PASS" : "FAIL") }')

echo
echo "== rate limit: one key, $RATE/min burst $BURST, paced at $FACTOR x ($send_rate/s) for ${span}s, GET /v1/models"
printf '%-16s %s\n' sent "$sent" "accepted (2xx)" "$ok" "limited (429)" "$limited" "other / errors" "$other / $errors" \
    "missing headers" "$missing" expected "$expected (= $per_second/s x ${span}s + $BURST)" "error" "$error_pct % (target within 1 %: $verdict)"

result ratelimit "sent=$sent accepted=$ok limited=$limited expected=$expected error_pct=$error_pct verdict=$verdict"
[[ $verdict == PASS ]]
