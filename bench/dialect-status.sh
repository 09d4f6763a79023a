#!/usr/bin/env bash
# Benchmark: a task's status read through each dialect vs the native status poll, same process,
# same queued task, same wrk settings (target: each dialect >= 0.8 of native). Native is measured
# before and after the dialects and its mean is the reference, so drift hits both sides.
#
# The dialects are the SURFACES table below: one line each, `name|URL template|header;header`.
# In a template {base} is the server, {id} the task id, {op} the id without `video_` and {key} the API key (also inside the
# headers, for dialects that read `x-goog-api-key` or `X-API-Key`). To add a dialect, add a line;
# nothing else changes. The first line is the reference.
#   env: DURATION (5), WARMUP (8: the server's JIT, on the native route, before anything is measured),
#        THREADS (2), CONNECTIONS (64), ONLY (a name: measure just native and it)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools wrk curl dotnet

SURFACES=(
    "native|{base}/v1/videos/{id}|Authorization: Bearer {key}"
    # The OpenAI SDK's retrieve: the same route, the SDK's own headers.
    "openai|{base}/v1/videos/{id}|Authorization: Bearer {key};User-Agent: OpenAI/JS 6.49.0;X-Stainless-Lang: js;X-Stainless-Package-Version: 6.49.0"
    # The dialects' own status reads of the same task (each a GET; {op} is the id without `video_`).
    "gemini|{base}/v1beta/models/veo-3.1-fast-generate-preview/operations/{op}|x-goog-api-key: {key}"
    "doitong|{base}/v1/text_to_video/{id}|X-API-Key: {key}"
    "veo3o1|{base}/api/video-status/{id}|Authorization: Bearer {key}"
    "evolink|{base}/v1/tasks/{id}|Authorization: Bearer {key}"
)
DURATION=${DURATION:-5}
WARMUP=${WARMUP:-8}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-64}
LUA=$BENCH_DIR/lua/get.lua

make_tmp work
fresh_reelgate
key=$(create_key "$base")
id=$(create_task "$base" "$key" '{"prompt":"a lighthouse at dusk, waves below","duration":4}')
[[ -n $id ]] || die "no task id"

fill() { local s=${1//\{base\}/$base}; s=${s//\{id\}/$id}; s=${s//\{op\}/${id#video_}}; printf '%s' "${s//\{key\}/$key}"; }

# measure NAME LINE: warm-up, then the measured run of one surface; BENCH line in $work/NAME.out.
measure() {
    local name=$1 url headers args=() h
    IFS='|' read -r _ url headers <<<"$2"
    url=$(fill "$url")
    IFS=';' read -ra hs <<<"$(fill "$headers")"
    for h in "${hs[@]}"; do [[ -n $h ]] && args+=(-H "$h"); done
    local code
    code=$(curl -s -o "$work/$name.body" -w '%{http_code}' "${args[@]}" "$url")
    [[ $code == 2* ]] || { cat "$work/$name.body" >&2; die "$name: $url answered $code"; }
    unset BENCH_KEY
    wrk -t"$THREADS" -c"$CONNECTIONS" -d2s "${args[@]}" -s "$LUA" "$url" >/dev/null 2>&1
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "${args[@]}" -s "$LUA" "$url" >"$work/$name.out" 2>&1
    grep -q '^BENCH ' "$work/$name.out" || { cat "$work/$name.out" >&2; die "$name: wrk printed no result"; }
    [[ $(kv "$work/$name.out" non2xx) == 0 ]] || { cat "$work/$name.out" >&2; die "$name: non-2xx responses"; }
    log "$name: $(kv "$work/$name.out" rps) rps ($(wc -c <"$work/$name.body") B)"
}

reference=${SURFACES[0]}
BENCH_KEY=$key wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$LUA" "$base/v1/videos/$id" >/dev/null 2>&1
measure native-before "$reference"
names=()
for line in "${SURFACES[@]:1}"; do
    name=${line%%|*}
    [[ -n ${ONLY:-} && $name != "$ONLY" ]] && continue
    measure "$name" "$line"
    names+=("$name")
done
measure native-after "$reference"
stop_pid "$REELGATE_PID"

native=$(calc %.1f "($(kv "$work/native-before.out" rps) + $(kv "$work/native-after.out" rps)) / 2")
echo
echo "== status read per dialect vs native, one queued task, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s each"
printf '%-16s %12s %10s %8s %8s %s\n' surface "requests/s" "p99 ms" bytes ratio verdict
printf '%-16s %12s %10s %8s %8s\n' "native (before)" "$(kv "$work/native-before.out" rps)" "$(kv "$work/native-before.out" p99_ms)" "$(wc -c <"$work/native-before.body")" ""
printf '%-16s %12s %10s %8s %8s\n' "native (after)" "$(kv "$work/native-after.out" rps)" "$(kv "$work/native-after.out" p99_ms)" "" ""
figures="native_rps=$native"
worst=""
for name in "${names[@]}"; do
    rps=$(kv "$work/$name.out" rps)
    ratio=$(calc %.2f "$rps / $native")
    verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.8 ? "PASS" : "FAIL") }')
    printf '%-16s %12s %10s %8s %8s %s\n' "$name" "$rps" "$(kv "$work/$name.out" p99_ms)" "$(wc -c <"$work/$name.body")" "$ratio" "$verdict"
    figures+=" ${name}_ratio=$ratio"
    [[ $verdict == FAIL ]] && worst=FAIL
done
echo "target: each dialect >= 0.8 of the native poll (mean of the two native runs, $native rps)"

result dialect-status "$figures verdict=${worst:-PASS}"
