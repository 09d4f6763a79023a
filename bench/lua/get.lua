-- GET with a Bearer key (BENCH_KEY; when unset, no Authorization header: the caller's -H headers
-- or the URL carry the key); done() prints one machine-readable BENCH line.
wrk.method = "GET"
if os.getenv("BENCH_KEY") then wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_KEY") end
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect + e.read + e.write + e.timeout))
end
