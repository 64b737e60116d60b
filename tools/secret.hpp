// Finding the Clerk secret key: the CLERK_SECRET_KEY environment variable, else the nearest
// `.env.local` or `.env` walking up from the working directory, which is where Clerk's own
// tooling and framework SDKs read it from. The key itself is never logged or returned in text.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace clerk_mcp::tools {

struct clerk_secret {
    std::string key;
    // Where the key came from, safe to show: "environment variable CLERK_SECRET_KEY" or the
    // path of the dotenv file.
    std::string source;
};

// Which kind of Clerk instance a key belongs to.
enum class instance_kind { development, production, unknown };

instance_kind kind_of_key(std::string_view key);

// "development instance (sk_test_ key)", "production instance (sk_live_ key)", ...
std::string describe_instance(instance_kind kind);

// The value of `name` in the dotenv text, or nothing. Understands `KEY=value`,
// `export KEY=value`, single and double quotes, and `#` comments.
std::optional<std::string> dotenv_value(std::string_view text, std::string_view name);

// The secret from the environment, else from the nearest dotenv file at or above `start`.
// Nothing when neither has it.
std::optional<clerk_secret> find_clerk_secret(const std::filesystem::path& start);

// The message shown when no key is found: names both places to put it.
std::string missing_secret_message();

}  // namespace clerk_mcp::tools
