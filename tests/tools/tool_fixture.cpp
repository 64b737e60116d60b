#include "tests/tools/tool_fixture.hpp"

#include <cstdlib>
#include <memory>
#include <stdexcept>

#include "mcp/server.hpp"
#include "tests/mcp/transcript_fixtures.hpp"
#include "tools/confirmation.hpp"
#include "tools/discovery_tools.hpp"
#include "tools/execute_request.hpp"
#include "tools/request_validator.hpp"

namespace clerk_mcp::test {

const spec::catalog& real_catalog() {
    static const spec::catalog catalog = [] {
        const char* dir = std::getenv("CLERK_MCP_TEST_SPEC_DIR");
        if (dir == nullptr) {
            throw std::runtime_error("CLERK_MCP_TEST_SPEC_DIR is not set; run the tests via ctest");
        }
        return spec::catalog::from_directory(dir);
    }();
    return catalog;
}

tools::transport_result recording_transport::send(const tools::http_request& request,
                                                  std::chrono::milliseconds) {
    responder respond;
    {
        std::lock_guard lock(mutex_);
        requests_.push_back(request);
        respond = respond_;
    }
    if (respond) {
        return respond(request);
    }
    return json_response(200, "[]");
}

std::vector<tools::http_request> recording_transport::requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
}

void recording_transport::set_responder(responder r) {
    std::lock_guard lock(mutex_);
    respond_ = std::move(r);
}

tools::http_response json_response(int status, std::string body) {
    tools::http_response response;
    response.status = status;
    response.headers = {{"Content-Type", "application/json"}};
    response.body = std::move(body);
    return response;
}

namespace {

// The transcripts' server: the four real tools over the real spec mirror, with a recording
// transport that answers GET /users with two users and every write with {"deleted": true}.
std::unique_ptr<mcp::server> make_clerk_tools_server() {
    static recording_transport transport;
    static tools::confirmation_store confirmations;
    static tools::request_validator validator;
    transport.set_responder([](const tools::http_request& r) {
        if (r.method == "GET") {
            return tools::transport_result(json_response(
                200, R"([{"id":"user_1","object":"user"},{"id":"user_2","object":"user"}])"));
        }
        return tools::transport_result(json_response(200, R"({"deleted":true})"));
    });
    const auto& catalog = real_catalog();
    auto server = std::make_unique<mcp::server>(
        mcp::server_info{
            .name = "clerk-mcp", .title = "t", .version = "test", .instructions = "test"},
        nullptr);
    server->add_tool(tools::make_list_tags_tool(catalog));
    server->add_tool(tools::make_list_endpoints_tool(catalog));
    server->add_tool(tools::make_describe_endpoint_tool(catalog));
    server->add_tool(
        tools::make_execute_request_tool({.catalog = &catalog,
                                          .scopes = tools::scope_policy("write,delete", false),
                                          .instance = tools::instance_kind::development,
                                          .transport = &transport,
                                          .confirmations = &confirmations,
                                          .validator = &validator}));
    return server;
}

const bool registered = register_transcript_fixture("clerk_tools", make_clerk_tools_server);

}  // namespace

}  // namespace clerk_mcp::test
