// The operator's scopes (CLERK_BAPI_SCOPES, --admin) and what each HTTP method needs: GET is
// always allowed, POST/PUT/PATCH need `write`, DELETE needs `write` and `delete`.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace clerk_mcp::tools {

// Writes are POST, PUT, PATCH and DELETE: they need a scope and a confirmation.
bool is_write_method(std::string_view method);

// The scopes `method` needs, e.g. {"write", "delete"} for DELETE; empty for GET.
std::vector<std::string> required_scopes(std::string_view method);

class scope_policy {
public:
    // `scopes` is the value of CLERK_BAPI_SCOPES: names separated by commas, spaces ignored,
    // compared as a set (`writer` does not grant `write`). `admin` lifts the check.
    scope_policy(std::string_view scopes, bool admin);

    bool admin() const { return admin_; }
    const std::set<std::string>& granted() const { return granted_; }

    // Nothing when `method` is allowed; otherwise a message naming the missing scopes and how
    // the operator grants them.
    std::optional<std::string> check(std::string_view method) const;

private:
    std::set<std::string> granted_;
    bool admin_;
};

}  // namespace clerk_mcp::tools
