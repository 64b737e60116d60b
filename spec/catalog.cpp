#include "spec/catalog.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <functional>
#include <list>
#include <sstream>
#include <stdexcept>
#include <system_error>
#include <utility>

#include <sys/mman.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include "spec/compaction.hpp"
#include "spec/yaml_to_json.hpp"

namespace clerk_mcp::spec {

namespace json = boost::json;

// One version: how to load it and, once loaded, the document or the reason it failed. `mutex`
// guards `doc` and `error`, and is held while loading so that concurrent first requests for
// one version parse it once.
struct catalog::entry {
    std::string version;
    std::function<json::value()> load;  // throws on failure
    std::mutex mutex;
    std::shared_ptr<const document> doc;
    std::string error;
};

// The older versions that are parsed, most recently used first.
struct catalog::recency {
    std::mutex mutex;
    std::list<std::size_t> used;
};

namespace {

// True for names of the form YYYY-MM-DD.yml with a plausible month and day, as in the
// clerk/openapi-specs repository's bapi/ folder.
bool is_version_file_name(std::string_view name) {
    constexpr std::string_view pattern = "dddd-dd-dd.yml";
    if (name.size() != pattern.size()) {
        return false;
    }
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        bool ok = pattern[i] == 'd' ? (name[i] >= '0' && name[i] <= '9') : name[i] == pattern[i];
        if (!ok) {
            return false;
        }
    }
    int month = (name[5] - '0') * 10 + (name[6] - '0');
    int day = (name[8] - '0') * 10 + (name[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

std::string read_file(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + file.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad()) {
        throw std::runtime_error("cannot read " + file.string());
    }
    return text.str();
}

json::value parse_compiled(std::string_view text) {
    // Boost.JSON's default depth limit (32) is below what large OpenAPI schemas reach.
    json::parse_options options;
    options.max_depth = 512;
    std::error_code ec;
    json::value value = json::parse(text, ec, {}, options);
    if (ec) {
        throw std::runtime_error("invalid compiled JSON: " + ec.message());
    }
    return value;
}

// Deletes an unloaded version and hands its memory back to the system. A parsed version is
// thousands of small blocks spread over the allocator arenas of whichever threads built and
// used it; without the trim, glibc keeps those pages and an agent that visits every version
// leaves the process about 5 MB larger than one that stays in the latest.
void release_document(const document* doc) {
    delete doc;
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}

// Hands the whole pages of `text`, a read-only mapping of the program's file, back to the
// kernel. Only pages entirely inside the text are dropped, so neighbouring data is untouched; a
// later read faults them in again from the file. Failure only costs memory, so it is ignored.
void drop_file_pages(std::string_view text) {
    const auto page = static_cast<std::uintptr_t>(sysconf(_SC_PAGESIZE));
    const auto begin = reinterpret_cast<std::uintptr_t>(text.data());
    const std::uintptr_t first = (begin + page - 1) / page * page;
    const std::uintptr_t last = (begin + text.size()) / page * page;
    if (page > 0 && last > first) {
        madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
    }
}

std::string join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& item : items) {
        if (!out.empty()) {
            out += ", ";
        }
        out += item;
    }
    return out;
}

}  // namespace

catalog::catalog(std::vector<std::unique_ptr<entry>> entries)
    : entries_(std::move(entries)), recency_(std::make_unique<recency>()) {
    // The version names are ISO dates, so text order is date order.
    std::sort(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
        return a->version < b->version;
    });
    for (std::size_t i = 0; i < entries_.size(); ++i) {
        if (i > 0 && entries_[i]->version == entries_[i - 1]->version) {
            throw std::runtime_error("spec version " + entries_[i]->version + " appears twice");
        }
        versions_.push_back(entries_[i]->version);
    }
    if (entries_.empty()) {
        throw std::runtime_error("no spec version to serve");
    }
}

catalog::catalog(catalog&&) noexcept = default;
catalog& catalog::operator=(catalog&&) noexcept = default;
catalog::~catalog() = default;

catalog catalog::from_directory(const std::filesystem::path& dir) {
    std::vector<std::unique_ptr<entry>> entries;
    std::error_code ec;
    std::filesystem::directory_iterator it(dir, ec);
    if (ec) {
        throw std::runtime_error("cannot read spec folder " + dir.string() + ": " + ec.message());
    }
    for (; it != std::filesystem::directory_iterator(); it.increment(ec)) {
        const std::filesystem::path file = it->path();
        std::string name = file.filename().string();
        if (!is_version_file_name(name) || !it->is_regular_file(ec)) {
            continue;
        }
        auto e = std::make_unique<entry>();
        e->version = name.substr(0, name.size() - 4);
        e->load = [file] {
            json::value root = yaml_to_json(read_file(file));
            drop_generator_extensions(root);
            return root;
        };
        entries.push_back(std::move(e));
    }
    if (ec) {
        throw std::runtime_error("cannot read spec folder " + dir.string() + ": " + ec.message());
    }
    if (entries.empty()) {
        throw std::runtime_error("spec folder " + dir.string() +
                                 " holds no file named YYYY-MM-DD.yml");
    }
    return catalog(std::move(entries));
}

catalog catalog::from_compiled(std::span<const embedded_spec> specs, bool texts_are_file_pages) {
    std::vector<std::unique_ptr<entry>> entries;
    for (const embedded_spec& spec : specs) {
        auto e = std::make_unique<entry>();
        e->version = std::string(spec.version);
        e->load = [text = spec.json, texts_are_file_pages] {
            json::value value = parse_compiled(text);
            if (texts_are_file_pages) {
                drop_file_pages(text);
            }
            return value;
        };
        entries.push_back(std::move(e));
    }
    return catalog(std::move(entries));
}

const std::vector<std::string>& catalog::versions() const {
    return versions_;
}

const std::string& catalog::latest() const {
    return versions_.back();
}

boost::system::result<std::shared_ptr<const document>, std::string> catalog::get(
    std::string_view version) const {
    if (version.empty()) {
        version = latest();
    }
    auto it = std::find(versions_.begin(), versions_.end(), version);
    if (it == versions_.end()) {
        return "unknown version '" + std::string(version) + "'; this server serves " +
               join(versions_) + " (omit `version` to use the latest, " + latest() + ")";
    }

    const auto index = static_cast<std::size_t>(it - versions_.begin());
    entry& e = *entries_[index];
    std::shared_ptr<const document> doc;
    {
        std::lock_guard lock(e.mutex);
        if (!e.doc && e.error.empty()) {
            // A failure is kept rather than retried: the input is fixed for the process
            // lifetime, and each retry of a broken 700 KB YAML file would cost a request 150 ms.
            try {
                e.doc = std::shared_ptr<const document>(new document(e.version, e.load()),
                                                        release_document);
            } catch (const std::exception& ex) {
                e.error = "cannot load spec version " + e.version + ": " + ex.what();
            }
        }
        if (!e.doc) {
            return e.error;
        }
        doc = e.doc;
    }
    // Outside the entry's lock: eviction takes other entries' locks, and holding two entry
    // locks at once in an arbitrary order could deadlock.
    if (index + 1 != entries_.size()) {
        touch_older(index);
    }
    return doc;
}

void catalog::touch_older(std::size_t index) const {
    std::vector<std::size_t> evicted;
    {
        std::lock_guard lock(recency_->mutex);
        std::list<std::size_t>& used = recency_->used;
        used.remove(index);
        used.push_front(index);
        while (used.size() > resident_older_versions) {
            evicted.push_back(used.back());
            used.pop_back();
        }
    }
    // A version evicted here and used again meanwhile is only parsed once more: harmless.
    for (std::size_t i : evicted) {
        std::lock_guard lock(entries_[i]->mutex);
        entries_[i]->doc.reset();
    }
}

}  // namespace clerk_mcp::spec
