#!/usr/bin/env bash
# Benchmark 3: the local engine vs bare ffmpeg. bench/Reelgate.Bench renders 1280x720, 8 s, 24 fps
# with audio, as text-to-video and as first-frame (an image it makes with ffmpeg), alternating
# LocalEngine.RenderAsync with the identical argv from LocalEngine.BuildArguments run directly
# through System.Diagnostics.Process. Figure: median engine / median bare (target <= 1.10).
#   env: RUNS (5 per side and scenario), WARMUP (1 untimed pair before the first scenario)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools dotnet ffmpeg
need_file "$ENGINE_DLL"
[[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || die "DejaVu fonts missing (apt-get install -y fonts-dejavu-core)"

RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
make_tmp work
log "engine vs bare ffmpeg: $RUNS runs per side, 2 scenarios"
dotnet "$ENGINE_DLL" --runs "$RUNS" --warmup "$WARMUP" --work "$work" | tee "$work/engine.out" | sed -n 's/^  /  /p' >&2

echo
echo "== local engine vs bare ffmpeg: 1280x720, 8 s, 24 fps, audio; medians of $RUNS alternating runs"
printf '%-12s %10s %10s %8s %10s\n' scenario "engine s" "bare s" ratio "same mp4"
while read -r line; do
    get() { tr ' ' '\n' <<<"$line" | sed -n "s/^$1=//p"; }
    name=$(get scenario)
    ratio=$(get ratio)
    verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 1.10 ? "PASS" : "FAIL") }')
    printf '%-12s %10s %10s %8s %10s\n' "$name" "$(get engine_median_s)" "$(get bare_median_s)" "$ratio" "$(get identical_output)"
    result "engine-$name" "engine_s=$(get engine_median_s) bare_s=$(get bare_median_s) ratio=$ratio verdict=$verdict identical=$(get identical_output)"
done < <(grep '^RESULT ' "$work/engine.out")
echo "target: engine/bare <= 1.10"
