#include "tools/secret.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <system_error>

namespace clerk_mcp::tools {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view secret_variable = "CLERK_SECRET_KEY";

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        return std::nullopt;
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

instance_kind kind_of_key(std::string_view key) {
    if (key.starts_with("sk_test_")) {
        return instance_kind::development;
    }
    if (key.starts_with("sk_live_")) {
        return instance_kind::production;
    }
    return instance_kind::unknown;
}

std::string describe_instance(instance_kind kind) {
    switch (kind) {
        case instance_kind::development:
            return "development instance (sk_test_ key)";
        case instance_kind::production:
            return "PRODUCTION instance (sk_live_ key)";
        case instance_kind::unknown:
            break;
    }
    return "unknown instance kind (the key starts with neither sk_test_ nor sk_live_)";
}

std::optional<std::string> dotenv_value(std::string_view text, std::string_view name) {
    std::optional<std::string> found;
    while (!text.empty()) {
        auto end = text.find('\n');
        std::string_view line = trim(text.substr(0, end));
        text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
        if (line.starts_with("export ")) {
            line = trim(line.substr(7));
        }
        auto eq = line.find('=');
        if (line.empty() || line.front() == '#' || eq == std::string_view::npos ||
            trim(line.substr(0, eq)) != name) {
            continue;
        }
        std::string_view value = trim(line.substr(eq + 1));
        if (!value.empty() && (value.front() == '"' || value.front() == '\'')) {
            auto close = value.find(value.front(), 1);
            value = value.substr(1, close == std::string_view::npos ? value.size() - 1 : close - 1);
        } else if (auto hash = value.find(" #"); hash != std::string_view::npos) {
            value = trim(value.substr(0, hash));
        }
        // As in dotenv loaders, a later assignment wins.
        found = std::string(value);
    }
    return found;
}

std::optional<clerk_secret> find_clerk_secret(const fs::path& start) {
    if (const char* env = std::getenv(std::string(secret_variable).c_str()); env && *env) {
        return clerk_secret{env, "environment variable CLERK_SECRET_KEY"};
    }
    std::error_code ec;
    fs::path dir = fs::absolute(start, ec);
    while (!ec && !dir.empty()) {
        // .env.local overrides .env in the frameworks Clerk's SDKs run in, so it is read first.
        for (const char* name : {".env.local", ".env"}) {
            auto text = read_file(dir / name);
            if (!text) {
                continue;
            }
            if (auto value = dotenv_value(*text, secret_variable); value && !value->empty()) {
                return clerk_secret{*value, (dir / name).string()};
            }
        }
        if (dir == dir.root_path()) {
            break;
        }
        dir = dir.parent_path();
    }
    return std::nullopt;
}

std::string missing_secret_message() {
    return "No Clerk secret key is configured, so no request can be sent. The operator must set "
           "CLERK_SECRET_KEY in the server's environment (or in a .env or .env.local file in "
           "the server's working directory or a parent of it) and restart the server. The "
           "discovery tools (list_tags, list_endpoints, describe_endpoint) work without it.";
}

}  // namespace clerk_mcp::tools
