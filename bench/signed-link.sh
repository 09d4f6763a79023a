#!/usr/bin/env bash
# Benchmark: download of a 10 MB output through its signed `download_url` (no key) vs the native
# `GET /v1/videos/{id}/content` with the key, same process, same file, same wrk settings, ROUNDS
# rounds alternating native and signed (which goes first alternates too), so drift on a shared
# machine hits both alike; each figure is the mean over its rounds.
# The 10 MB output: the local engine renders a short 4 s clip (a real completed task: row, outputs,
# signed links), then its stored MP4 is replaced in the blob store by a 10 MB MP4 that ffmpeg
# encodes from testsrc2 (1920x1080, 10 s, ~8 Mb/s). Both routes stream that file from the same
# place, so the figure compares the routes (key check + lookup vs signature check + lookup), not a render.
# Figure: MB/s of each and the ratio signed/native (target >= 0.9). Any non-2xx fails the run.
#   env: DURATION (5, per run), ROUNDS (3), CONNECTIONS (4), THREADS (2)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools wrk curl dotnet ffmpeg

DURATION=${DURATION:-5}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-4}
THREADS=${THREADS:-2}
LUA=$BENCH_DIR/lua/get.lua

make_tmp work
fresh_reelgate Worker__Enabled=true Worker__Concurrency=1
key=$(create_key "$base")
id=$(create_task "$base" "$key" '{"prompt":"a paper boat on a pond","duration":4,"resolution":"720p","generate_audio":false}')
log "rendering task $id (4 s, 720p) for its row and links"
for _ in $(seq 600); do
    task=$(curl -sf -H "Authorization: Bearer $key" "$base/v1/videos/$id")
    [[ $task == *'"status":"completed"'* ]] && break
    [[ $task == *'"status":"failed"'* ]] && die "render failed: $task"
    sleep 0.5
done
[[ $task == *'"status":"completed"'* ]] || die "render did not finish"
link=$(sed -n 's/.*"download_url":"\([^"]*\)".*/\1/p' <<<"$task" | head -1)
link=$(sed 's/\\u0026/\&/g' <<<"$link")  # JSON escapes & as \u0026
[[ -n $link ]] || die "no download_url in $task"

stored=$(find "$data/blobs/videos/$id" -name '0.mp4' | head -1)
[[ -f $stored ]] || die "stored output not found under $data/blobs/videos/$id"
log "encoding a 10 MB MP4 in place of $stored"
ffmpeg -v error -y -f lavfi -i testsrc2=size=1920x1080:rate=30 -t 10 -c:v libx264 -preset ultrafast -b:v 8M -maxrate 8M -bufsize 16M \
    -pix_fmt yuv420p -movflags +faststart "$work/big.mp4"
cp "$work/big.mp4" "$stored"
bytes=$(stat -c %s "$stored")

# run NAME URL [KEY]: wrk over one URL; the BENCH line lands in $work/NAME.out.
run() {
    local name=$1 url=$2
    if [[ -n ${3:-} ]]; then export BENCH_KEY=$3; else unset BENCH_KEY; fi
    local got
    got=$(curl -s -o /dev/null -w "%{http_code} %{size_download}" ${3:+-H "Authorization: Bearer $3"} "$url")
    [[ $got == "200 $bytes" ]] || die "$name: $url answered $got, not 200 with $bytes bytes"
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency --timeout 30s -s "$LUA" "$url" >"$work/$name.out" 2>&1
    grep -q '^BENCH ' "$work/$name.out" || { cat "$work/$name.out" >&2; die "$name: wrk printed no result"; }
    [[ $(kv "$work/$name.out" non2xx) == 0 ]] || { cat "$work/$name.out" >&2; die "$name: non-2xx responses"; }
    log "$name: $(kv "$work/$name.out" rps) downloads/s"
}
native_url="$base/v1/videos/$id/content"
run warmup "$native_url" "$key"
native_sum=0 signed_sum=0
for r in $(seq "$ROUNDS"); do
    if ((r % 2)); then run "native$r" "$native_url" "$key"; run "signed$r" "$link"; else run "signed$r" "$link"; run "native$r" "$native_url" "$key"; fi
    native_sum=$(calc %.3f "$native_sum + $(kv "$work/native$r.out" rps)")
    signed_sum=$(calc %.3f "$signed_sum + $(kv "$work/signed$r.out" rps)")
done
stop_pid "$REELGATE_PID"

mb_s() { calc %.0f "$1 * $bytes / 1048576"; }
native_rps=$(calc %.2f "$native_sum / $ROUNDS")
signed_rps=$(calc %.2f "$signed_sum / $ROUNDS")
ratio=$(calc %.2f "$signed_rps / $native_rps")
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.9 ? "PASS" : "FAIL") }')

echo
echo "== signed link vs native content: $(calc %.1f "$bytes / 1048576") MB MP4, wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s per run"
printf '%-24s %12s %8s\n' route "downloads/s" "MB/s"
for r in $(seq "$ROUNDS"); do
    printf '%-24s %12s %8s\n' "native /content, run $r" "$(kv "$work/native$r.out" rps)" "$(mb_s "$(kv "$work/native$r.out" rps)")"
    printf '%-24s %12s %8s\n' "signed link, run $r" "$(kv "$work/signed$r.out" rps)" "$(mb_s "$(kv "$work/signed$r.out" rps)")"
done
printf '%-24s %12s %8s\n' "native, mean" "$native_rps" "$(mb_s "$native_rps")"
printf '%-24s %12s %8s\n' "signed, mean" "$signed_rps" "$(mb_s "$signed_rps")"
echo "ratio signed/native (means over $ROUNDS alternating rounds): $ratio (target >= 0.9: $verdict)"

result signed-link "mb=$(calc %.1f "$bytes / 1048576") native_mb_s=$(mb_s "$native_rps") signed_mb_s=$(mb_s "$signed_rps") ratio=$ratio verdict=$verdict"
