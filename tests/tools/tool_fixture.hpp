// Test support for the tools: the real spec mirror as a catalog, and a Clerk transport that
// records every request and answers from a script, so no test reaches the network.
#pragma once

#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "spec/catalog.hpp"
#include "tools/clerk_client.hpp"

namespace clerk_mcp::test {

// The six-version mirror named by CLERK_MCP_TEST_SPEC_DIR, loaded once per test process.
const spec::catalog& real_catalog();

// Records requests; answers each with `respond` (by default 200 and `[]`).
class recording_transport final : public tools::clerk_transport {
public:
    using responder = std::function<tools::transport_result(const tools::http_request&)>;

    tools::transport_result send(const tools::http_request& request,
                                 std::chrono::milliseconds budget) override;

    std::vector<tools::http_request> requests() const;
    void set_responder(responder r);

private:
    mutable std::mutex mutex_;
    std::vector<tools::http_request> requests_;
    responder respond_;
};

// A response with this status and a JSON body.
tools::http_response json_response(int status, std::string body);

}  // namespace clerk_mcp::test
