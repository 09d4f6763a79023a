#!/usr/bin/env bash
# Runs every benchmark (or the ones named) and prints a summary table. Each figure is a ratio or a
# rate measured against a baseline in the same run, so it means something on a noisy machine.
#   bench/run.sh [--no-build] [status-poll] [submit] [engine] [memory] [billing] [webhooks] [providers] [workers] [poll-postgres] [ratelimit]
#                [prefer-wait] [signed-link] [dialect-status] [renditions]
#   (workers, poll-postgres, ratelimit (60 s) and renditions (~10 min on 2 cores) run only when named; poll-postgres needs a PostgreSQL server, see BENCH_PG)
# Needs: dotnet (SDK 10), wrk, sqlite3, ffmpeg, curl (apt-get install -y wrk sqlite3 ffmpeg curl).
set -uo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

build=1
selected=()
for arg in "$@"; do
    case $arg in
        --no-build) build=0 ;;
        status-poll | submit | engine | memory | billing | webhooks | providers | workers | poll-postgres | ratelimit \
            | prefer-wait | signed-link | dialect-status | renditions) selected+=("$arg") ;;
        -h | --help) sed -n '2,5p' "$0"; exit 0 ;;
        *) echo "unknown argument: $arg" >&2; exit 2 ;;
    esac
done
((${#selected[@]})) || selected=(status-poll submit engine memory billing webhooks providers prefer-wait signed-link dialect-status)

for tool in dotnet wrk sqlite3 ffmpeg curl; do
    command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y wrk sqlite3 ffmpeg curl" >&2; exit 2; }
done

started=$(date +%s)
if ((build)); then
    echo "[$(date +%H:%M:%S)] dotnet build bench/bench.slnx -c Release" >&2
    dotnet build "$BENCH_DIR/bench.slnx" -c Release -nologo -v quiet -clp:NoSummary >"${TMPDIR:-/tmp}/reelgate-bench-build.log" 2>&1 \
        || { cat "${TMPDIR:-/tmp}/reelgate-bench-build.log" >&2; echo "build failed" >&2; exit 1; }
fi

BENCH_RESULTS=$(mktemp "${TMPDIR:-/tmp}/reelgate-bench-results.XXXXXX")
export BENCH_RESULTS
trap 'rm -f "$BENCH_RESULTS"' EXIT
failed=0
for name in "${selected[@]}"; do
    if ! bash "$BENCH_DIR/$name.sh"; then
        echo "$name error=1" >>"$BENCH_RESULTS"
        failed=1
    fi
done

# field NAME KEY: a value from the results file.
field() { awk -v n="$1" '$1 == n' "$BENCH_RESULTS" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -1; }
row() { printf '%-34s %-44s %-22s %s\n' "$@"; }

source "$BENCH_DIR/lib.sh"
trap 'rm -f "$BENCH_RESULTS"' EXIT
echo
echo "== Reelgate benchmarks — $(machine_line)"
row benchmark figure ratio/target verdict
row --------- ------ ------------ -------
for name in "${selected[@]}"; do
    if [[ -n $(field "$name" error) ]]; then row "$name" "(failed: see output above)" "" FAIL; continue; fi
    case $name in
        status-poll)
            row "status poll GET /v1/videos/{id}" "$(field status-poll rg_rps) rps, p99 $(field status-poll rg_p99_ms) ms" \
                "$(field status-poll ratio) (>= 0.5)" "$(field status-poll verdict)"
            row "  baseline (bare Kestrel)" "$(field status-poll bl_rps) rps, p99 $(field status-poll bl_p99_ms) ms" "" "" ;;
        submit)
            row "submit POST /v1/videos" "$(field submit rate) tasks/s, p99 $(field submit p99_ms) ms" "(>= 1000/s)" "$(field submit verdict)"
            row "  baseline (bare Kestrel, no DB)" "$(field submit bl_rate) /s" "$(field submit ratio)" ""
            row "  durable after SIGKILL" "rows $(field submit rows), 202s $(field submit accepted)" "(equal)" "$(field submit durable)" ;;
        engine)
            for s in text first-frame; do
                row "engine/bare ffmpeg, $s" "$(field "engine-$s" engine_s) s vs $(field "engine-$s" bare_s) s (same mp4: $(field "engine-$s" identical))" \
                    "$(field "engine-$s" ratio) (<= 1.10)" "$(field "engine-$s" verdict)"
            done ;;
        memory)
            row "memory RSS idle" "$(field memory idle_mb) MB (bare Kestrel $(field memory bl_idle_mb) MB)" "" ""
            row "memory RSS, $(field memory tasks) queued" "$(field memory loaded_mb) MB (peak $(field memory peak_mb) MB)" "" "" ;;
        workers)
            row "worker scaling (fake provider)" "1/2/4 workers: $(field workers r1) / $(field workers r2) / $(field workers r4) tasks/s" \
                "x$(field workers s2) / x$(field workers s4)" "" ;;
        billing)
            row "limits+billing cost, status poll" "$(field billing poll_metered) vs $(field billing poll_unlimited) rps" "$(field billing poll_ratio) (metered/unlimited)" ""
            row "limits+billing cost, submit" "$(field billing submit_metered) vs $(field billing submit_unlimited) /s" "$(field billing submit_ratio) (metered/unlimited)" "" ;;
        webhooks)
            row "webhook latency (status change → receiver)" "p50 $(field webhooks p50_ms) ms, p99 $(field webhooks p99_ms) ms" "" ""
            row "webhook deliveries/s (backlog)" "$(field webhooks per_s) /s vs bare POST $(field webhooks bare_per_s) /s" "$(field webhooks ratio)" "" ;;
        renditions)
            row "rendition ladder (3 x H.264, 8 s)" "$(field renditions renderer_s) vs bare $(field renditions bare_s) s" "$(field renditions ratio) (<= 1.10)" "$(field renditions verdict)" ;;
        providers)
            row "router+adapter overhead per task" "$(field providers remote_ms) vs $(field providers fake_ms) ms/task (+$(field providers overhead_ms) ms)" "$(field providers ratio) (remote/fake)" ""
            row "  tasks/s through one worker slot" "$(field providers remote_per_s) vs $(field providers fake_per_s) /s" "" "" ;;
        ratelimit)
            row "429 accuracy at 5x the rate" "accepted $(field ratelimit accepted), expected $(field ratelimit expected)" "$(field ratelimit error_pct) % (within 1 %)" "$(field ratelimit verdict)" ;;
        prefer-wait)
            row "$(field prefer-wait surface) waits, $(field prefer-wait waiters) held" "RSS +$(field prefer-wait growth_mb) MB, threads $(field prefer-wait idle_threads)→$(field prefer-wait held_threads)" \
                "(< 50 MB, no thread/waiter)" "$(field prefer-wait verdict)" ;;
        signed-link)
            row "signed link vs /content, $(field signed-link mb) MB" "$(field signed-link signed_mb_s) vs $(field signed-link native_mb_s) MB/s" \
                "$(field signed-link ratio) (>= 0.9)" "$(field signed-link verdict)" ;;
        dialect-status)
            row "status read per dialect vs native" "$(awk '$1 == "dialect-status"' "$BENCH_RESULTS" | tr ' ' '\n' | grep _ratio= | tr '\n' ' ')" \
                "(each >= 0.8)" "$(field dialect-status verdict)" ;;
        poll-postgres)
            row "status poll on PostgreSQL" "$(field poll-postgres pg_rps) rps (SQLite $(field poll-postgres sqlite_rps))" \
                "$(field poll-postgres ratio)" "" ;;
    esac
done
echo "total time: $(($(date +%s) - started)) s"
exit $failed
