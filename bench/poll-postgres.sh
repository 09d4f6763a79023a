#!/usr/bin/env bash
# Benchmark 6: status-poll throughput on PostgreSQL as a ratio to SQLite, measured in one run:
# the same GET /v1/videos/{id} load (wrk -t2 -c64, 3 s warm-up then DURATION s) against a
# Reelgate process on SQLite, then one on PostgreSQL (a fresh database), one at a time.
#   env: BENCH_PG (default "Host=127.0.0.1;Username=postgres;Password=reelgate"), DURATION (10)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
need_tools wrk curl dotnet psql

BENCH_PG=${BENCH_PG:-Host=127.0.0.1;Username=postgres;Password=reelgate}
DURATION=${DURATION:-10}
LUA=$BENCH_DIR/lua/get.lua
make_tmp work
host=$(sed -n 's/.*Host=\([^;]*\).*/\1/p' <<<"$BENCH_PG")
user=$(sed -n 's/.*Username=\([^;]*\).*/\1/p' <<<"$BENCH_PG")
pass=$(sed -n 's/.*Password=\([^;]*\).*/\1/p' <<<"$BENCH_PG")
db="reelgate_bench_$RANDOM$RANDOM"
psql "postgresql://$user:$pass@$host/postgres" -qc "CREATE DATABASE $db" >/dev/null || die "cannot reach PostgreSQL ($BENCH_PG)"
trap 'psql "postgresql://$user:$pass@$host/postgres" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1; bench_cleanup' EXIT

# poll NAME [VAR=value...]: one server alone, one task, warm-up and measured wrk run.
poll() {
    local name=$1 data=$work/$1 port
    shift
    mkdir -p "$data"
    port=$(free_port)
    start_reelgate "$data" "$port" "$@"
    local base=http://127.0.0.1:$port key id
    key=$(create_key "$base")
    id=$(create_task "$base" "$key" '{"prompt":"a mountain lake at sunset, slow pan left","duration":4}')
    BENCH_KEY=$key wrk -t2 -c64 -d3s -s "$LUA" "$base/v1/videos/$id" >/dev/null 2>&1
    BENCH_KEY=$key wrk -t2 -c64 -d"${DURATION}s" --latency -s "$LUA" "$base/v1/videos/$id" >"$work/$name.out" 2>&1
    [[ $(kv "$work/$name.out" non2xx) == 0 ]] || die "$name: non-2xx responses"
    stop_pid "$REELGATE_PID"
}

poll sqlite
poll postgres Database__Provider=postgres "Database__ConnectionString=$BENCH_PG;Database=$db"
sq=$(kv "$work/sqlite.out" rps)
pg=$(kv "$work/postgres.out" rps)
echo
echo "== status poll on PostgreSQL vs SQLite: GET /v1/videos/{id}, wrk -t2 -c64 -d${DURATION}s"
printf '%-10s %12s %10s\n' database "requests/s" "p99 ms"
printf '%-10s %12s %10s\n' sqlite "$sq" "$(kv "$work/sqlite.out" p99_ms)"
printf '%-10s %12s %10s\n' postgres "$pg" "$(kv "$work/postgres.out" p99_ms)"
echo "ratio PostgreSQL/SQLite: $(calc %.2f "$pg / $sq")"
result poll-postgres "sqlite_rps=$sq pg_rps=$pg ratio=$(calc %.2f "$pg / $sq")"
