// clerk-mcp: wires the spec catalog, the tools, the MCP server and a transport (stdio by
// default, Streamable HTTP with --http). Startup failures are reported on stderr with a non-zero
// exit; nothing but protocol messages is ever written to stdout.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/program_options.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "mcp/http_options.hpp"
#include "mcp/http_transport.hpp"
#include "mcp/server.hpp"
#include "mcp/stdio_transport.hpp"
#include "spec/catalog.hpp"
#include "tools/clerk_api_url.hpp"
#include "tools/registry.hpp"

namespace po = boost::program_options;
using namespace clerk_mcp;

namespace {

struct command_line {
    std::string spec_dir;
    std::string ca_file;
    std::string log_level = "info";
    bool admin = false;
    double request_timeout_s = 30;
    bool http = false;
    std::string http_token_file;
    mcp::http_options http_options;
};

const char* env_or_null(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

std::string env_or(const char* name, std::string fallback) {
    const char* value = env_or_null(name);
    return value ? value : std::move(fallback);
}

// Returns nothing when the program should exit at once (--help, --version).
std::optional<command_line> parse_command_line(int argc, char** argv) {
    command_line cl;
    auto& http = cl.http_options;
    po::options_description flags("clerk-mcp: an MCP server for Clerk's Backend API\n\nOptions");
    // clang-format off
    flags.add_options()
        ("help,h", "print this help and exit")
        ("version", "print the version and exit")
        ("spec-dir", po::value(&cl.spec_dir),
         "serve the YYYY-MM-DD.yml files of DIR instead of the built-in spec set "
         "(env CLERK_MCP_SPEC_DIR)")
        ("log-level", po::value(&cl.log_level)->default_value("info"),
         "trace, debug, info, warn, error or off; logs go to stderr")
        ("admin", po::bool_switch(&cl.admin),
         "lift the CLERK_BAPI_SCOPES check (writes still need confirmation)")
        ("ca-file", po::value(&cl.ca_file),
         "PEM file of extra CA certificates to trust for Clerk's API, e.g. a private proxy's "
         "(env CLERK_MCP_CA_FILE)")
        ("request-timeout", po::value(&cl.request_timeout_s)->default_value(30),
         "seconds one execute_request call may take in all (rate-limit wait, connect, read, "
         "one retry of a rate-limited GET)")
        ("http", po::bool_switch(&cl.http), "serve Streamable HTTP instead of stdio")
        ("host", po::value(&http.host)->default_value("127.0.0.1"), "HTTP: address to bind")
        ("port", po::value(&http.port)->default_value(0), "HTTP: port (0 picks a free one)")
        ("path", po::value(&http.path)->default_value("/mcp"), "HTTP: the MCP endpoint path")
        ("allow-remote", po::bool_switch(&http.allow_non_loopback),
         "HTTP: allow binding a non-loopback address (needs an inbound token)")
        ("http-token-file", po::value(&cl.http_token_file),
         "HTTP: file holding the bearer token clients must send (env CLERK_MCP_HTTP_TOKEN)")
        ("allowed-host", po::value(&http.allowed_hosts)->composing(),
         "HTTP: extra Host header value to accept (repeatable)")
        ("allowed-origin", po::value(&http.allowed_origins)->composing(),
         "HTTP: extra Origin to accept, scheme://host[:port] (repeatable)");
    // clang-format on
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, flags), vm);
    po::notify(vm);
    if (vm.count("help")) {
        std::cerr << flags << "\n";
        return std::nullopt;
    }
    if (vm.count("version")) {
        std::cerr << "clerk-mcp " << CLERK_MCP_VERSION << "\n";
        return std::nullopt;
    }
    if (!(cl.request_timeout_s >= 0.1 && cl.request_timeout_s <= 600)) {
        throw std::runtime_error("--request-timeout must be between 0.1 and 600 seconds");
    }
    if (cl.spec_dir.empty()) {
        cl.spec_dir = env_or("CLERK_MCP_SPEC_DIR", "");
    }
    if (cl.ca_file.empty()) {
        cl.ca_file = env_or("CLERK_MCP_CA_FILE", "");
    }
    return cl;
}

std::shared_ptr<spdlog::logger> make_logger(const std::string& level_name) {
    // stderr only: on stdio, stdout is the protocol channel. The sink colours only a terminal.
    auto logger = spdlog::stderr_color_mt("clerk-mcp");
    auto level = spdlog::level::from_str(level_name);
    if (level == spdlog::level::off && level_name != "off") {
        throw std::runtime_error("unknown --log-level '" + level_name +
                                 "'; use trace, debug, info, warn, error or off");
    }
    logger->set_level(level);
    return logger;
}

// The HTTP options completed with the inbound token, or a startup error.
mcp::http_options http_options_from(command_line& cl) {
    auto token = mcp::load_http_token(cl.http_token_file, env_or_null("CLERK_MCP_HTTP_TOKEN"));
    if (!token) {
        throw std::runtime_error(token.error());
    }
    cl.http_options.bearer_token = *token;
    if (auto problem = mcp::validate_http_options(cl.http_options)) {
        throw std::runtime_error(*problem);
    }
    return cl.http_options;
}

}  // namespace

int main(int argc, char** argv) {
    std::shared_ptr<spdlog::logger> logger;
    try {
        auto cl = parse_command_line(argc, argv);
        if (!cl) {
            return 0;
        }
        logger = make_logger(cl->log_level);

        auto catalog = cl->spec_dir.empty() ? spec::catalog::embedded()
                                            : spec::catalog::from_directory(cl->spec_dir);
        tools::scope_policy scopes(env_or("CLERK_BAPI_SCOPES", ""), cl->admin);
        auto secret = tools::find_clerk_secret(std::filesystem::current_path());
        if (secret) {
            // Where the key came from and what it reaches, never the key itself.
            logger->info("clerk secret source=\"{}\" instance=\"{}\"",
                         secret->source,
                         tools::describe_instance(tools::kind_of_key(secret->key)));
        } else {
            logger->warn("no CLERK_SECRET_KEY: execute_request will refuse to send requests");
        }
        std::string api_url = tools::clerk_api_url_from_environment();

        tools::toolset toolset({.catalog = &catalog,
                                .scopes = scopes,
                                .secret = std::move(secret),
                                .api_url = api_url,
                                .ca_file = cl->ca_file,
                                .user_agent = std::string("clerk-mcp/") + CLERK_MCP_VERSION,
                                .request_timeout = std::chrono::milliseconds(
                                    static_cast<long>(cl->request_timeout_s * 1000)),
                                .logger = logger});
        mcp::server server({.name = "clerk-mcp",
                            .title = "Clerk Backend API",
                            .version = CLERK_MCP_VERSION,
                            .instructions = toolset.instructions()},
                           logger);
        toolset.register_with(server);

        logger->info("serving versions={} latest={} transport={} admin={}",
                     catalog.versions().size(),
                     catalog.latest(),
                     cl->http ? "http" : "stdio",
                     scopes.admin());
        if (cl->http) {
            return mcp::run_http(server, http_options_from(*cl), logger);
        }
        mcp::run_stdio(server, std::cin, std::cout);
        logger->info("stdin closed, exiting");
        return 0;
    } catch (const po::error& e) {
        std::cerr << "clerk-mcp: " << e.what() << " (see --help)\n";
        return 2;
    } catch (const std::exception& e) {
        if (logger) {
            logger->error("startup failed: {}", e.what());
        } else {
            std::cerr << "clerk-mcp: " << e.what() << "\n";
        }
        return 1;
    }
}
