// execute_request: the one tool that reaches Clerk. It validates the request against the spec,
// checks the operator's scopes, asks for confirmation of every write (a confirm_token round
// trip, an elicitation, or a 2026-07-28 multi-round-trip request), and only then sends it.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>

#include "mcp/tool.hpp"
#include "spec/catalog.hpp"
#include "tools/clerk_client.hpp"
#include "tools/confirmation.hpp"
#include "tools/request_validator.hpp"
#include "tools/scopes.hpp"
#include "tools/secret.hpp"

namespace clerk_mcp::tools {

struct execute_config {
    const spec::catalog* catalog = nullptr;
    scope_policy scopes{"", false};

    // The instance the key belongs to, shown in every result. Unused when `transport` is null.
    instance_kind instance = instance_kind::unknown;

    // Where requests go; null when no secret key is configured (every call then fails with the
    // message naming CLERK_SECRET_KEY and the dotenv files).
    clerk_transport* transport = nullptr;

    confirmation_store* confirmations = nullptr;
    const request_validator* validator = nullptr;

    // Time allowed for one call, rate-limit wait and one GET retry included.
    std::chrono::milliseconds budget{30'000};

    // Response bodies are cut to about this many bytes of JSON in a result, so that one call
    // cannot flood the model's context.
    std::size_t result_limit = 24 * 1024;
};

// Every pointer in `config` must outlive the tool.
mcp::tool make_execute_request_tool(execute_config config);

}  // namespace clerk_mcp::tools
