-- wrk script for scripts/bench-http: POSTs one fixed JSON-RPC message on keep-alive connections.
-- The message and the MCP headers come from the environment, so one script serves every case:
--   BENCH_BODY       the JSON-RPC message
--   BENCH_SESSION    Mcp-Session-Id (2025-era session), optional
--   BENCH_VERSION    MCP-Protocol-Version, optional
--   BENCH_METHOD     Mcp-Method (2026-07-28), optional
--   BENCH_NAME       Mcp-Name (2026-07-28 tools/call), optional
-- It prints one machine-readable line at the end; non-2xx answers count as errors there.

wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Accept"] = "application/json, text/event-stream"

local optional_headers = {
    BENCH_SESSION = "Mcp-Session-Id",
    BENCH_VERSION = "MCP-Protocol-Version",
    BENCH_METHOD = "Mcp-Method",
    BENCH_NAME = "Mcp-Name",
}
for variable, header in pairs(optional_headers) do
    local value = os.getenv(variable)
    if value ~= nil and value ~= "" then
        wrk.headers[header] = value
    end
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.status + summary.errors.timeout
    io.write(string.format(
        "BENCH requests=%d rps=%.0f p50_ms=%.3f p99_ms=%.3f errors=%d non2xx=%d\n",
        summary.requests,
        summary.requests / seconds,
        latency:percentile(50) / 1000,
        latency:percentile(99) / 1000,
        errors,
        summary.errors.status))
end
