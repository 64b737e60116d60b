// The set of BAPI versions the server serves: compiled into the binary by default, or read from
// a folder of `YYYY-MM-DD.yml` files. Each version is parsed the first time it is asked for.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <boost/system/result.hpp>

#include "spec/document.hpp"
#include "spec/embedded.hpp"

namespace clerk_mcp::spec {

class catalog {
public:
    // The versions compiled into the binary (see spec/embedded.hpp). Defined in the
    // clerk_mcp_embedded library, which must be linked to call it.
    static catalog embedded();

    // The `YYYY-MM-DD.yml` files of `dir` (other files are ignored), parsed with yaml-cpp on
    // first use. Throws std::runtime_error when the folder cannot be read or holds no such file.
    static catalog from_directory(const std::filesystem::path& dir);

    // Versions already compiled to JSON text, such as embedded_specs(). The texts are not
    // copied: they must outlive the catalog. Throws std::runtime_error when `specs` is empty or
    // names a version twice.
    static catalog from_compiled(std::span<const embedded_spec> specs);

    catalog(catalog&&) noexcept;
    catalog& operator=(catalog&&) noexcept;
    ~catalog();

    // Every served version, oldest first.
    const std::vector<std::string>& versions() const;

    // The newest version.
    const std::string& latest() const;

    // The parsed document of `version` (empty: the latest). Fails with a message naming the
    // served versions when `version` is not one of them, or saying why it could not be loaded.
    // Thread-safe; each version is parsed once, on its first request, while other versions stay
    // available; a version that failed to load keeps failing with the same message.
    boost::system::result<std::shared_ptr<const document>, std::string> get(
        std::string_view version = {}) const;

private:
    struct entry;
    explicit catalog(std::vector<std::unique_ptr<entry>> entries);

    std::vector<std::string> versions_;
    std::vector<std::unique_ptr<entry>> entries_;
};

}  // namespace clerk_mcp::spec
