#!/usr/bin/env bash
# Benchmark: the rendition ladder. bench/Reelgate.Bench (RenditionBench.cs) makes an 8 s 1080p30
# master and renders h264_1080p30 + h264_720p30 + h264_1080p60 through RenditionRenderer (one
# split-filter FFmpeg process, progress, stderr, an ffprobe per output) vs the same argv run bare,
# alternated; it also times the three one-rendition argvs run one after another (the road not
# taken). Then hevc_2160p60 and av1_2160p60: seconds of encode per second of video, and the preset.
# Figure: median renderer / median bare (target <= 1.10).
#   env: RUNS (3 per side), SECONDS_4K (8: the length of the 4K renditions' master)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools dotnet ffmpeg
need_file "$ENGINE_DLL"
make_tmp work

log "renditions: ladder of 3 H.264 rungs from an 8 s 1080p master, ${RUNS:-3} runs per side; 4K HEVC and AV1 of ${SECONDS_4K:-8} s"
DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$ENGINE_DLL" renditions --work "$work" --runs "${RUNS:-3}" --seconds-4k "${SECONDS_4K:-8}" | tee "$work/out.txt" >&2

field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p"; }
ladder=$(grep -m1 '^RESULT ladder ' "$work/out.txt") || die "no RESULT ladder line"
ratio=$(field "$ladder" ratio)
verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.10 ? "PASS" : "FAIL") }')
echo
echo "== rendition ladder (1080p30 + 720p30 + 1080p60 H.264) from an 8 s 1080p master; medians"
printf '%-10s %10s %8s %8s %12s %18s\n' renderer bare ratio verdict "separate s" "split/separate"
printf '%-10s %10s %8s %8s %12s %18s\n' "$(field "$ladder" renderer_s)" "$(field "$ladder" bare_s)" "$ratio" "$verdict" \
    "$(field "$ladder" separate_s)" "$(field "$ladder" split_vs_separate)"
result renditions "renderer_s=$(field "$ladder" renderer_s) bare_s=$(field "$ladder" bare_s) ratio=$ratio verdict=$verdict separate_s=$(field "$ladder" separate_s)"
echo
echo "== 4K60 renditions on $(nproc) cores: seconds of encode per second of video"
printf '%-14s %8s %10s %10s %12s %8s\n' name preset "video s" "encode s" "per video s" Mbps
while read -r line; do
    printf '%-14s %8s %10s %10s %12s %8s\n' "$(field "$line" name)" "$(field "$line" preset)" "$(field "$line" video_s)" \
        "$(field "$line" encode_s)" "$(field "$line" per_video_s)" "$(field "$line" mbps)"
    result "renditions-$(field "$line" name)" "preset=$(field "$line" preset) per_video_s=$(field "$line" per_video_s)"
done < <(grep '^RESULT 4k ' "$work/out.txt")
echo "target: renderer/bare <= 1.10"
