#!/usr/bin/env bash
# Benchmark: HLS. (1) Packaging the H.264 ladder (1080p30 + 720p30 + 1080p60, 8 s, audio) through
# HlsPackager vs the identical bare FFmpeg stream-copy commands, alternating, same run
# (bench/Reelgate.Bench hls). Figure: median packager / median bare.
# (2) The share of a task's wall time spent in media work after the provider finished: the same
# request (local engine, same seed) submitted twice on one server with one worker slot, once plain
# and once with `renditions` + `hls: true`; media share = 1 - plain / with, each wall time being
# completed_at - started_at. Reported as n/a on a build without renditions.
#   env: RUNS (7 per side), DURATION (8 s of video for part 2)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools dotnet ffmpeg curl jq
need_file "$ENGINE_DLL"

RUNS=${RUNS:-7}
DURATION=${DURATION:-8}
make_tmp work

log "HLS packaging vs bare ffmpeg: $RUNS runs per side"
dotnet "$ENGINE_DLL" hls --runs "$RUNS" | tee "$work/hls.out" >&2
line=$(grep '^RESULT ' "$work/hls.out")
get() { tr ' ' '\n' <<<"$line" | sed -n "s/^$1=//p"; }
echo
echo "== HLS packaging of the H.264 ladder (3 renditions, 8 s): medians of $RUNS alternating runs"
printf '%-10s %12s %10s %8s\n' "" "packager s" "bare s" ratio
printf '%-10s %12s %10s %8s\n' hls "$(get packager_median_s)" "$(get bare_median_s)" "$(get ratio)"
result hls-package "packager_s=$(get packager_median_s) bare_s=$(get bare_median_s) ratio=$(get ratio)"

fresh_reelgate Worker__Enabled=true Worker__Concurrency=1
key=$(create_key "$base")
# wall ID: completed_at - started_at (s) of a task, once it is completed.
wall() {
    local task
    for _ in $(seq 2400); do
        task=$(curl -sf -H "Authorization: Bearer $key" "$base/v1/videos/$1")
        case $(jq -r .status <<<"$task") in
            completed) jq -r '.completed_at - .started_at' <<<"$task"; return 0 ;;
            failed | cancelled | expired) jq -c .error <<<"$task" >&2; return 1 ;;
        esac
        sleep 0.5
    done
    return 1
}
plain="{\"prompt\":\"a harbour at dawn, boats rocking, gulls\",\"duration\":$DURATION,\"seed\":7,\"resolution\":\"1080p\"}"
with="${plain%\}},\"renditions\":[\"h264_1080p30\",\"h264_720p30\",\"h264_1080p60\"],\"hls\":true}"
echo
echo "== media work after the provider finished (local engine, ${DURATION} s 1080p, 1 worker slot)"
answer=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $key" -H 'Content-Type: application/json' -d "$with" "$base/v1/videos")
if [[ ${answer##*$'\n'} != 202 ]]; then
    echo "n/a: this build refuses renditions/hls at create: ${answer%$'\n'*}"
    result hls-task "media_share=n/a"
    exit 0
fi
log "task with renditions + hls"; w=$(wall "$(jq -r .id <<<"${answer%$'\n'*}")") || die "the task with renditions did not complete"
log "plain task"; p=$(wall "$(create_task "$base" "$key" "$plain")") || die "the plain task did not complete"
share=$(calc %.2f "1 - $p / $w")
printf '%-40s %10s\n' "plain task wall (s)" "$p" "with ladder + HLS wall (s)" "$w" "media share of the task's wall time" "$share"
result hls-task "plain_s=$p with_s=$w media_share=$share"
