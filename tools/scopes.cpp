#include "tools/scopes.hpp"

#include <cctype>

namespace clerk_mcp::tools {

bool is_write_method(std::string_view method) {
    return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

std::vector<std::string> required_scopes(std::string_view method) {
    if (method == "DELETE") {
        return {"write", "delete"};
    }
    if (is_write_method(method)) {
        return {"write"};
    }
    return {};
}

scope_policy::scope_policy(std::string_view scopes, bool admin) : admin_(admin) {
    std::string current;
    auto flush = [&] {
        if (!current.empty()) {
            granted_.insert(current);
            current.clear();
        }
    };
    for (char c : scopes) {
        if (c == ',') {
            flush();
        } else if (!std::isspace(static_cast<unsigned char>(c))) {
            current += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
    }
    flush();
}

std::optional<std::string> scope_policy::check(std::string_view method) const {
    if (admin_) {
        return std::nullopt;
    }
    std::string missing;
    for (const auto& scope : required_scopes(method)) {
        if (!granted_.contains(scope)) {
            missing += (missing.empty() ? "" : ",") + scope;
        }
    }
    if (missing.empty()) {
        return std::nullopt;
    }
    std::string needed;
    for (const auto& scope : required_scopes(method)) {
        needed += (needed.empty() ? "" : ",") + scope;
    }
    return std::string(method) + " requests need the scope(s) " + needed +
           ", and this server was not granted " + missing +
           ". Only the operator can change that: set CLERK_BAPI_SCOPES=" + needed +
           " in the server's environment (or start it with --admin) and restart it. "
           "Read-only GET requests work without any scope.";
}

}  // namespace clerk_mcp::tools
