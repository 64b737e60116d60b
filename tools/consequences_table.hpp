// The curated consequence table, split by area so each data file stays readable. Internal to
// tools/consequences.cpp, which joins the parts; everyone else uses tools/consequences.hpp.
#pragma once

#include <vector>

#include "tools/consequences.hpp"

namespace clerk_mcp::tools::detail {

// Users, their identifiers, credentials, sessions and sign-in tokens.
std::vector<consequence> user_consequences();

// Organizations, memberships, invitations, roles, permissions and role sets.
std::vector<consequence> organization_consequences();

// The instance: settings, domains, keys and tokens, machines, OAuth applications, enterprise
// connections, directories, billing, templates, webhooks, allow-list, block-list, waitlist.
std::vector<consequence> instance_consequences();

}  // namespace clerk_mcp::tools::detail
