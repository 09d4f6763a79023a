# Shared helpers for the bench scripts (sourced, not run). Every process started here is recorded
# and killed by the EXIT trap, and every temp folder removed, even when a step fails.
# shellcheck shell=bash

set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
SERVER_DLL=$REPO_DIR/src/Reelgate.Server/bin/Release/net10.0/Reelgate.Server.dll
BASELINE_DLL=$BENCH_DIR/Baseline/bin/Release/net10.0/Reelgate.Bench.Baseline.dll
ENGINE_DLL=$BENCH_DIR/Reelgate.Bench/bin/Release/net10.0/Reelgate.Bench.dll
ADMIN_KEY=bench-admin-key-0123456789abcdef
# A file where each benchmark appends its key=value figures for run.sh's table (unset when a
# script runs alone: nothing is written).
BENCH_RESULTS=${BENCH_RESULTS:-}

_BENCH_PIDS=()
_BENCH_TMP=()

bench_cleanup() {
    local pid
    for pid in "${_BENCH_PIDS[@]:-}"; do
        [[ -n $pid ]] || continue
        if kill -0 "$pid" 2>/dev/null; then
            kill -TERM "$pid" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$pid" 2>/dev/null || true
        fi
        { wait "$pid"; } 2>/dev/null || true
    done
    _BENCH_PIDS=()
    local dir
    for dir in "${_BENCH_TMP[@]:-}"; do
        [[ -n $dir ]] && rm -rf "$dir"
    done
    _BENCH_TMP=()
}
trap bench_cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

need_tools() {
    local tool missing=()
    for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
    ((${#missing[@]} == 0)) || die "missing tool(s): ${missing[*]} (apt-get install -y ${missing[*]})"
}

need_file() { [[ -f $1 ]] || die "$1 not found: build first (bench/run.sh builds, or: dotnet build bench/bench.slnx -c Release)"; }

# make_tmp VAR: a new temp folder (removed by the EXIT trap) in VAR. Not "$(make_tmp)": a command
# substitution runs in a subshell, which could not record the folder for the trap.
make_tmp() {
    local dir
    dir=$(mktemp -d "${TMPDIR:-/tmp}/reelgate-bench.XXXXXX")
    _BENCH_TMP+=("$dir")
    printf -v "$1" '%s' "$dir"
}

# A loopback port nobody listens on: random in 20000-31999, below Linux's ephemeral range (so no
# client socket holds it); bash's /dev/tcp tells whether something listens there.
free_port() {
    local port
    for _ in $(seq 100); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    die "no free port found"
}

# wait_http URL [seconds]: until URL answers 2xx.
wait_http() {
    local url=$1 limit=${2:-30}
    for _ in $(seq $((limit * 10))); do
        curl -sf -o /dev/null --max-time 2 "$url" && return 0
        sleep 0.1
    done
    return 1
}

# start_reelgate DATA_DIR PORT [VAR=value...]: the server with the worker off, its pid in REELGATE_PID.
start_reelgate() {
    local data=$1 port=$2
    shift 2
    need_file "$SERVER_DLL"
    env Storage__Root="$data" Auth__AdminKey="$ADMIN_KEY" Worker__Enabled=false Media__AutoInstall=false \
        Accounts__DefaultTier="${BENCH_DEFAULT_TIER:-unlimited}" \
        DOTNET_CLI_TELEMETRY_OPTOUT=1 "$@" \
        dotnet "$SERVER_DLL" --urls "http://127.0.0.1:$port" >"$data/server.log" 2>&1 &
    REELGATE_PID=$!
    _BENCH_PIDS+=("$REELGATE_PID")
    wait_http "http://127.0.0.1:$port/readyz" 60 || { tail -20 "$data/server.log" >&2; die "Reelgate did not become ready on port $port"; }
}

# fresh_reelgate [VAR=value...]: Reelgate (worker off) in a new folder $work/data on a free port;
# sets data, port and base for the caller.
fresh_reelgate() {
    data=$work/data
    mkdir -p "$data"
    port=$(free_port)
    base=http://127.0.0.1:$port
    log "Reelgate on $base (worker off)"
    start_reelgate "$data" "$port" "$@"
}

# start_baseline LOG_FILE PORT: the bare Kestrel app, its pid in BASELINE_PID.
start_baseline() {
    local logfile=$1 port=$2
    need_file "$BASELINE_DLL"
    DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$BASELINE_DLL" --urls "http://127.0.0.1:$port" >"$logfile" 2>&1 &
    BASELINE_PID=$!
    _BENCH_PIDS+=("$BASELINE_PID")
    wait_http "http://127.0.0.1:$port/v1/videos/probe" 60 || { tail -20 "$logfile" >&2; die "baseline did not start on port $port"; }
}

# stop_pid PID [KILL]: graceful stop (SIGTERM, then SIGKILL after 10 s), or an immediate SIGKILL.
# (stderr is silenced for the whole function: bash reports "Killed" for a job when it reaps it.)
stop_pid() {
    local pid=$1 signal=${2:-TERM}
    kill -"$signal" "$pid" || true
    for _ in $(seq 100); do kill -0 "$pid" || break; sleep 0.1; done
    kill -KILL "$pid" || true
    wait "$pid" || true
} 2>/dev/null

# create_key BASE_URL: a new account's standard key (needs the admin key).
create_key() {
    local body
    body=$(curl -sf -X POST -H "Authorization: Bearer $ADMIN_KEY" -H 'Content-Type: application/json' \
        -d '{"name":"bench"}' "$1/v1/keys") || die "POST /v1/keys failed"
    sed -n 's/.*"secret":"\([^"]*\)".*/\1/p' <<<"$body"
}

# create_task BASE_URL KEY JSON: prints the new task's id.
create_task() {
    local body
    body=$(curl -sf -X POST -H "Authorization: Bearer $2" -H 'Content-Type: application/json' -d "$3" "$1/v1/videos") \
        || die "POST /v1/videos failed"
    sed -n 's/^{"id":"\([^"]*\)".*/\1/p' <<<"$body"
}

# kv FILE KEY: the value of KEY=value from the "BENCH ..." line a wrk Lua done() printed.
kv() { grep -m1 '^BENCH ' "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }

# rss_mb PID: resident set size in MB (VmRSS).
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
hwm_mb() { awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

# cpu_seconds PID: user + system CPU time the process has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f", ($14 + $15) / hz }' "/proc/$1/stat"; }

# calc FORMAT EXPR: floating-point arithmetic via awk, e.g. calc %.2f "3 / 7".
calc() { awk "BEGIN { printf \"$1\", $2 }"; }

# result NAME KEY=value...: appends one benchmark's figures for run.sh's table.
result() {
    local name=$1
    shift
    if [[ -n $BENCH_RESULTS ]]; then
        printf '%s %s\n' "$name" "$*" >>"$BENCH_RESULTS"
    fi
}

machine_line() {
    printf '%s, %s cores, %s GiB, %s, .NET %s, wrk %s, %s\n' "$(date -u +%Y-%m-%dT%H:%MZ)" "$(nproc)" \
        "$(awk '/MemTotal/ { printf "%d", $2 / 1048576 + 0.5 }' /proc/meminfo)" "$(uname -r)" \
        "$(dotnet --version 2>/dev/null)" "$(wrk --version 2>&1 | awk 'NR==1 { print $2 }')" \
        "$(ffmpeg -version 2>/dev/null | awk 'NR==1 { print $1, $3 }')"
}
