#!/usr/bin/env bash
# Benchmark: router and provider overhead per task. The same tasks through one worker slot with
# the in-process fake provider (0 ms) and through the router + OpenAI-compatible adapter to a
# zero-latency loopback /v1/videos fake (bench/Reelgate.Bench/ProviderBench.cs), alternated twice.
# Figures: ms per task and tasks/s of each, the overhead in ms and the ratio remote/fake.
#   env: TASKS (100)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools dotnet ffmpeg
need_file "$SERVER_DLL"
need_file "$ENGINE_DLL"
make_tmp work

log "providers: ${TASKS:-100} tasks per run, fake provider vs router + openai-compatible adapter, one worker slot"
DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$ENGINE_DLL" providers --server-dll "$SERVER_DLL" --work "$work" --tasks "${TASKS:-100}" | tee "$work/out.txt"

line() { grep -m1 "^RESULT providers " "$work/out.txt" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
[[ -n $(line ratio) ]] || die "no RESULT line"
echo "providers: fake $(line fake_ms) ms/task ($(line fake_per_s)/s), remote $(line remote_ms) ms/task ($(line remote_per_s)/s): overhead $(line overhead_ms) ms, ratio $(line ratio)"
result providers fake_ms="$(line fake_ms)" remote_ms="$(line remote_ms)" overhead_ms="$(line overhead_ms)" fake_per_s="$(line fake_per_s)" remote_per_s="$(line remote_per_s)" ratio="$(line ratio)"
