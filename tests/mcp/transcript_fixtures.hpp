// The servers that transcript tests run against, by name. A transcript names its fixture on its
// first line ({"fixture": "name"}); "fake" (the tools of tests/mcp/fake_tools.hpp) is built in.
// Another test file adds its own at static initialization, for example with the real tools:
//
//     const bool registered = clerk_mcp::test::register_transcript_fixture(
//         "clerk_tools", [] { return make_server_with_real_tools(); });
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "mcp/server.hpp"

namespace clerk_mcp::test {

// Builds a fresh server for one transcript run.
using transcript_server_factory = std::function<std::unique_ptr<mcp::server>()>;

// Registers `make` under `name`, replacing an earlier registration of that name. Returns true,
// so that it can initialize a namespace-scope constant. Thread-safe.
bool register_transcript_fixture(std::string name, transcript_server_factory make);

// The factory registered under `name`, or an empty function when there is none.
transcript_server_factory find_transcript_fixture(std::string_view name);

}  // namespace clerk_mcp::test
