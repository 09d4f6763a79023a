-- POST /v1/videos with a Bearer key (BENCH_KEY), counting 202s per thread.
--   LOAD_SECONDS: each thread sends new requests only this long, then idles while the ones in
--                 flight finish (run wrk with -d a few seconds longer), so every request sent is
--                 answered before wrk stops: the 202 count is exact, for the durability check.
--   MAX_PER_THREAD: optional cap on requests per thread (the memory benchmark's 10,000 tasks).
-- done() prints one BENCH line: accepted (202s), other statuses, and accepted/s over the window
-- from the first request to the last answer (a monotonic clock through LuaJIT's ffi).
local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long s; long ns; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *ts);
]]
local ts = ffi.new("bench_timespec")
local function now()
  ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
  return tonumber(ts.s) + tonumber(ts.ns) / 1e9
end

wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "none")
wrk.headers["Content-Type"] = "application/json"
wrk.body = os.getenv("BENCH_BODY") or '{"prompt":"a lake at sunset","duration":4}'

local load_seconds = tonumber(os.getenv("LOAD_SECONDS") or "10")
local max_per_thread = tonumber(os.getenv("MAX_PER_THREAD") or "0")
local idle_ms = 3600 * 1000

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  t0 = now()
  deadline = t0 + load_seconds
  t_last = t0
  sent = 0
  accepted = 0
  other = 0
end

-- Called before every request: 0 ms while the load lasts, then "never" so connections go idle.
function delay()
  if now() >= deadline or (max_per_thread > 0 and sent >= max_per_thread) then
    return idle_ms
  end
  sent = sent + 1
  return 0
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  else
    other = other + 1
    if other <= 3 then io.stderr:write("unexpected status " .. status .. ": " .. string.sub(body or "", 1, 200) .. "\n") end
  end
  t_last = now()
end

function done(summary, latency, requests)
  local acc, oth, snt, first, last = 0, 0, 0, math.huge, 0
  for _, t in ipairs(threads) do
    acc = acc + t:get("accepted")
    oth = oth + t:get("other")
    snt = snt + t:get("sent")
    first = math.min(first, t:get("t0"))
    last = math.max(last, t:get("t_last"))
  end
  local window = last - first
  local e = summary.errors
  io.write(string.format(
    "BENCH sent=%d accepted=%d other=%d window_s=%.3f accepted_per_s=%.1f p50_ms=%.3f p99_ms=%.3f socket_errors=%d\n",
    snt, acc, oth, window, window > 0 and acc / window or 0,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.connect + e.read + e.write + e.timeout))
end
