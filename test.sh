#!/usr/bin/env bash
# Runs the whole test suite: unit tests, and integration tests that start real Reelgate server
# processes and drive them over HTTP with real FFmpeg and the official openai npm SDK. Arguments go
# to `dotnet test` (e.g. --filter).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v ffmpeg >/dev/null || ! command -v ffprobe >/dev/null || [[ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || [[ ! -x /usr/bin/chromium ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg fonts-dejavu-core procps chromium
  else
    echo "The tests need FFmpeg, the DejaVu fonts and Chromium: sudo apt-get install -y ffmpeg fonts-dejavu-core chromium" >&2
    exit 1
  fi
fi
[[ -d tests/sdk/node_modules/openai && -d tests/sdk/node_modules/@google/genai ]] || npm ci --prefix tests/sdk --no-audit --no-fund
[[ -x tests/s3/node_modules/.bin/s3rver ]] || npm ci --prefix tests/s3 --no-audit --no-fund
[[ -d tests/openapi/node_modules/@redocly/cli ]] || npm ci --prefix tests/openapi --no-audit --no-fund
[[ -d tests/browser/node_modules/playwright-core && -d tests/browser/node_modules/hls.js ]] || npm ci --prefix tests/browser --no-audit --no-fund

dotnet build Reelgate.slnx -c Debug -nologo -v q
log=$(mktemp)
set +e
dotnet test Reelgate.slnx --no-build -nologo "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
count() { grep -oE "$1: +[0-9]+" "$log" | awk '{s+=$2} END {print s+0}'; }
passed=$(count Passed)
failed=$(count Failed)
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
