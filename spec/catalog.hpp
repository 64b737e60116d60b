// The set of BAPI versions the server serves: compiled into the binary by default, or read from
// a folder of `YYYY-MM-DD.yml` files. Each version is parsed the first time it is asked for; the
// latest stays parsed, older ones only while recently used, so memory stays bounded.
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
    // names a version twice. `texts_are_file_pages` says the texts are read-only pages mapped
    // from the program's file (as embedded_specs() are, and nothing else may be): after each
    // parse their whole pages are handed back to the kernel, which reads them from the file
    // again if the version is parsed again, so a parsed version does not count twice in RSS.
    static catalog from_compiled(std::span<const embedded_spec> specs,
                                 bool texts_are_file_pages = false);

    catalog(catalog&&) noexcept;
    catalog& operator=(catalog&&) noexcept;
    ~catalog();

    // Every served version, oldest first.
    const std::vector<std::string>& versions() const;

    // The newest version.
    const std::string& latest() const;

    // The parsed document of `version` (empty: the latest). Fails with a message naming the
    // served versions when `version` is not one of them, or saying why it could not be loaded.
    // Thread-safe. A version is parsed on its first request while other versions stay
    // available; the latest is then kept, and of the older versions only the most recently
    // used `resident_older_versions` (a document stays alive while a caller holds it; an
    // evicted version is parsed again when next asked for). A version that failed to load
    // keeps failing with the same message.
    boost::system::result<std::shared_ptr<const document>, std::string> get(
        std::string_view version = {}) const;

    // How many versions besides the latest stay parsed. Each parsed version costs about 2 MB;
    // an agent works in one version at a time, and re-parsing an evicted compiled version
    // takes a few milliseconds (about 150 ms from YAML with --spec-dir).
    static constexpr std::size_t resident_older_versions = 1;

private:
    struct entry;
    struct recency;
    explicit catalog(std::vector<std::unique_ptr<entry>> entries);

    // Marks older version `index` as just used and unloads those past the resident limit.
    void touch_older(std::size_t index) const;

    std::vector<std::string> versions_;
    std::vector<std::unique_ptr<entry>> entries_;
    std::unique_ptr<recency> recency_;
};

}  // namespace clerk_mcp::spec
