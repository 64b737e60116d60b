// clerk-mcp: wires the spec catalog, the tools, the MCP server and a transport (stdio by
// default, Streamable HTTP with --http). Startup failures are reported on stderr with a non-zero
// exit; nothing but protocol messages is ever written to stdout.
#include <cstdlib>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include <boost/program_options.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "mcp/server.hpp"
#include "mcp/stdio_transport.hpp"
#include "spec/catalog.hpp"
#include "tools/registry.hpp"

namespace po = boost::program_options;
using namespace clerk_mcp;

namespace {

struct command_line {
    std::string spec_dir;
    std::string log_level = "info";
    bool admin = false;
};

const char* env_or_null(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? value : nullptr;
}

// Returns nothing when the program should exit at once (--help, --version).
std::optional<command_line> parse_command_line(int argc, char** argv) {
    command_line cl;
    po::options_description flags("clerk-mcp: an MCP server for Clerk's Backend API\n\nOptions");
    flags.add_options()("help,h", "print this help and exit")("version",
                                                              "print the version and exit")(
        "spec-dir",
        po::value(&cl.spec_dir),
        "serve the YYYY-MM-DD.yml files of DIR instead of the built-in spec set "
        "(env CLERK_MCP_SPEC_DIR)")("log-level",
                                    po::value(&cl.log_level)->default_value("info"),
                                    "trace, debug, info, warn, error or off; logs go to stderr")(
        "admin",
        po::bool_switch(&cl.admin),
        "lift the CLERK_BAPI_SCOPES check (writes still need confirmation)");
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
    if (cl.spec_dir.empty()) {
        if (const char* dir = env_or_null("CLERK_MCP_SPEC_DIR")) {
            cl.spec_dir = dir;
        }
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
        tools::scope_policy scopes(
            env_or_null("CLERK_BAPI_SCOPES") ? std::getenv("CLERK_BAPI_SCOPES") : "", cl->admin);

        mcp::server server({.name = "clerk-mcp",
                            .title = "Clerk Backend API",
                            .version = CLERK_MCP_VERSION,
                            .instructions = tools::server_instructions(catalog, scopes)},
                           logger);
        tools::register_tools(server, {.catalog = &catalog, .scopes = scopes});

        logger->info("serving versions={} latest={} transport=stdio admin={}",
                     catalog.versions().size(),
                     catalog.latest(),
                     scopes.admin());
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
