#include "tools/consequences.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <boost/test/unit_test.hpp>

#include "spec/catalog.hpp"

namespace {

namespace json = boost::json;
using clerk_mcp::spec::catalog;
using clerk_mcp::spec::document;
using clerk_mcp::spec::operation;
using clerk_mcp::tools::all_consequences;
using clerk_mcp::tools::consequence;
using clerk_mcp::tools::find_consequence;
using clerk_mcp::tools::is_destructive;
using clerk_mcp::tools::render_warning;

// Words in an operationId or summary that mark an operation as destroying or cutting off
// something. Matched as whole words, so "Blocklist" is not "lock" and "Unban" is not "ban".
const std::set<std::string> destructive_words = {
    "delete",      "remove",  "revoke",     "revokes",    "ban",    "lock",
    "rotate",      "disable", "reset",      "replace",    "cancel", "reject",
    "revert",      "destroy", "purge",      "clear",      "wipe",   "toggle",
    "compromised", "change",  "deactivate", "invalidate", "unlink", "disconnect"};

// The reverse actions: an operation named with one of these undoes damage, it does none.
const std::set<std::string> reverse_words = {"unban", "unlock", "unset", "restore", "reactivate"};

// Phrases with which Clerk's descriptions announce that something is lost.
const std::vector<std::string> loss_phrases = {"not reversible",
                                               "logged out",
                                               "deleted forever",
                                               "are deleted",
                                               "is deleted",
                                               "be deleted",
                                               "discarded",
                                               "sessions are revoked",
                                               "invalidate",
                                               "consumed",
                                               "sign the user out",
                                               "lock the user out",
                                               "removes all"};

struct served_operation {
    std::string version;
    const operation* op;
};

// Every served version of the shared mirror, loaded once for the whole suite.
struct spec_set {
    std::vector<std::shared_ptr<const document>> documents;

    spec_set() {
        const char* dir = std::getenv("CLERK_MCP_TEST_SPEC_DIR");
        BOOST_TEST_REQUIRE(dir != nullptr, "CLERK_MCP_TEST_SPEC_DIR is not set");
        const catalog specs = catalog::from_directory(dir);
        for (const auto& version : specs.versions()) {
            auto loaded = specs.get(version);
            BOOST_TEST_REQUIRE(loaded.has_value(), "cannot load " << version);
            documents.push_back(*loaded);
        }
    }

    std::vector<served_operation> operations() const {
        std::vector<served_operation> out;
        for (const auto& doc : documents) {
            for (const auto& op : doc->operations()) {
                out.push_back({doc->version(), &op});
            }
        }
        return out;
    }

    bool serves(std::string_view method, std::string_view path) const {
        return std::ranges::any_of(
            documents, [&](const auto& doc) { return doc->find(method, path) != nullptr; });
    }
};

const spec_set& specs() {
    static const spec_set loaded;
    return loaded;
}

// "RevokeOAuthApplicationToken" and "Revoke a user's token" -> lower-case words.
std::set<std::string> words_of(std::string_view text) {
    std::set<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty()) {
            words.insert(word);
        }
        word.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const unsigned char c = text[i];
        if (!std::isalnum(c)) {
            flush();
            continue;
        }
        const bool starts_word =
            std::isupper(c) && i > 0 && std::islower(static_cast<unsigned char>(text[i - 1]));
        if (starts_word) {
            flush();
        }
        word += static_cast<char>(std::tolower(c));
    }
    flush();
    return words;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string name_of(const served_operation& served) {
    return served.op->method + " " + served.op->path + " (" + served.op->operation_id + ", " +
           served.version + ")";
}

// Fails once, naming every operation in `missing`.
void require_none_missing(const std::set<std::string>& missing, std::string_view why) {
    std::string names;
    for (const auto& name : missing) {
        names += "\n  " + name;
    }
    BOOST_TEST(missing.empty(), "no consequence entry for " << why << ":" << names);
}

// The names of the object properties a request body schema (resolved) declares.
std::set<std::string> body_properties(const document& doc, const operation& op) {
    std::set<std::string> names;
    const auto* body = op.node->if_contains("requestBody");
    if (body == nullptr) {
        return names;
    }
    const json::value resolved = doc.resolve(*body);
    const auto* content = resolved.as_object().if_contains("content");
    if (content == nullptr || !content->is_object()) {
        return names;
    }
    for (const auto& [type, media] : content->as_object()) {
        const auto* schema = media.as_object().if_contains("schema");
        const json::value* properties =
            schema ? schema->as_object().if_contains("properties") : nullptr;
        if (properties != nullptr && properties->is_object()) {
            for (const auto& [name, ignored] : properties->as_object()) {
                names.emplace(name);
            }
        }
    }
    return names;
}

std::pair<std::string_view, std::string_view> split_endpoint(std::string_view endpoint) {
    const auto space = endpoint.find(' ');
    if (space == std::string_view::npos) {
        return {};
    }
    return {endpoint.substr(0, space), endpoint.substr(space + 1)};
}

}  // namespace

BOOST_AUTO_TEST_SUITE(consequences)

BOOST_AUTO_TEST_CASE(every_delete_of_every_served_version_has_an_entry) {
    std::set<std::string> missing;
    std::size_t deletes = 0;
    for (const auto& served : specs().operations()) {
        if (served.op->method != "DELETE") {
            continue;
        }
        ++deletes;
        if (!is_destructive(served.op->method, served.op->path)) {
            missing.insert(name_of(served));
        }
    }
    BOOST_TEST(deletes > 0u);
    require_none_missing(missing, "these DELETEs");
}

BOOST_AUTO_TEST_CASE(operations_named_with_destructive_words_have_an_entry) {
    std::set<std::string> missing;
    for (const auto& served : specs().operations()) {
        if (served.op->method == "GET") {
            continue;
        }
        auto words = words_of(served.op->operation_id);
        words.merge(words_of(served.op->summary));
        const auto has = [&](const std::set<std::string>& list) {
            return std::ranges::any_of(list, [&](const auto& w) { return words.contains(w); });
        };
        if (has(destructive_words) && !has(reverse_words) &&
            !is_destructive(served.op->method, served.op->path)) {
            missing.insert(name_of(served));
        }
    }
    require_none_missing(missing, "these operations named as destructive");
}

BOOST_AUTO_TEST_CASE(operations_whose_description_announces_a_loss_have_an_entry) {
    std::set<std::string> missing;
    for (const auto& served : specs().operations()) {
        const auto* description = served.op->node->if_contains("description");
        if (served.op->method == "GET" || description == nullptr || !description->is_string()) {
            continue;
        }
        const std::string text = lower(description->as_string());
        const bool announces_loss = std::ranges::any_of(
            loss_phrases, [&](const auto& phrase) { return text.find(phrase) != text.npos; });
        if (announces_loss && !is_destructive(served.op->method, served.op->path)) {
            missing.insert(name_of(served));
        }
    }
    require_none_missing(missing, "these operations whose description announces a loss");
}

// PUT or PATCH bodies carrying metadata replace the stored objects, except on the merge
// endpoints (PATCH .../metadata), which deep-merge.
BOOST_AUTO_TEST_CASE(operations_that_replace_metadata_have_an_entry) {
    const std::set<std::string> metadata = {
        "public_metadata", "private_metadata", "unsafe_metadata"};
    std::set<std::string> missing;
    for (const auto& doc : specs().documents) {
        for (const auto& op : doc->operations()) {
            const bool merges = op.method == "PATCH" && op.path.ends_with("/metadata");
            if ((op.method != "PUT" && op.method != "PATCH") || merges) {
                continue;
            }
            const auto properties = body_properties(*doc, op);
            const bool writes_metadata = std::ranges::any_of(
                metadata, [&](const auto& name) { return properties.contains(name); });
            if (writes_metadata && !is_destructive(op.method, op.path)) {
                missing.insert(name_of({doc->version(), &op}));
            }
        }
    }
    require_none_missing(missing, "these operations that replace metadata");
}

BOOST_AUTO_TEST_CASE(every_entry_names_an_operation_some_version_serves) {
    for (const auto& entry : all_consequences()) {
        BOOST_TEST(specs().serves(entry.method, entry.path),
                   "stale entry: no served version has " << entry.method << " " << entry.path);
    }
}

BOOST_AUTO_TEST_CASE(undo_is_named_exactly_when_reversible_and_is_served) {
    for (const auto& entry : all_consequences()) {
        BOOST_TEST_CONTEXT(entry.method << " " << entry.path) {
            BOOST_TEST(entry.irreversible == entry.undo.empty());
            if (!entry.undo.empty()) {
                const auto [method, path] = split_endpoint(entry.undo);
                BOOST_TEST(specs().serves(method, path), "undo not served: " << entry.undo);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(every_delete_entry_is_irreversible) {
    for (const auto& entry : all_consequences()) {
        if (entry.method == "DELETE") {
            BOOST_TEST(entry.irreversible, entry.path);
        }
    }
}

BOOST_AUTO_TEST_CASE(entries_are_unique_and_say_what_they_destroy) {
    std::set<std::pair<std::string_view, std::string_view>> seen;
    for (const auto& entry : all_consequences()) {
        BOOST_TEST_CONTEXT(entry.method << " " << entry.path) {
            BOOST_TEST(seen.emplace(entry.method, entry.path).second, "duplicate entry");
            BOOST_TEST(!entry.action.empty());
            BOOST_TEST(!entry.destroys.empty());
            BOOST_TEST(entry.path.starts_with("/"));
        }
    }
}

BOOST_AUTO_TEST_CASE(find_ignores_the_case_of_the_method_but_not_of_the_path) {
    const consequence* entry = find_consequence("delete", "/users/{user_id}");
    BOOST_TEST_REQUIRE(entry != nullptr);
    BOOST_TEST(entry->method == "DELETE");
    BOOST_TEST(find_consequence("DELETE", "/Users/{user_id}") == nullptr);
    BOOST_TEST(find_consequence("GET", "/users/{user_id}") == nullptr);
    BOOST_TEST(!is_destructive("POST", "/users/{user_id}/unban"));
}

BOOST_AUTO_TEST_CASE(delete_user_warning_says_irreversible_and_lists_what_is_destroyed) {
    const std::string warning = render_warning("DELETE", "/users/{user_id}");
    BOOST_TEST(warning.find("IRREVERSIBLE") != std::string::npos, warning);
    for (const auto* item : {"the user record",
                             "sessions",
                             "organization memberships",
                             "email addresses",
                             "phone numbers",
                             "external accounts",
                             "metadata"}) {
        BOOST_TEST(warning.find(item) != std::string::npos, "missing '" << item << "'");
    }
}

BOOST_AUTO_TEST_CASE(reversible_warning_names_the_undo_and_not_irreversible) {
    const std::string warning = render_warning("post", "/users/{user_id}/ban");
    BOOST_TEST(warning.find("POST /users/{user_id}/unban") != std::string::npos, warning);
    BOOST_TEST(warning.find("IRREVERSIBLE") == std::string::npos, warning);
    BOOST_TEST(warning.find("sessions are revoked") != std::string::npos, warning);
}

BOOST_AUTO_TEST_CASE(request_dependent_warning_says_it_can_be_irreversible) {
    const std::string warning = render_warning("PUT", "/users/{user_id}/metadata");
    BOOST_TEST(warning.find("can be IRREVERSIBLE") != std::string::npos, warning);
    BOOST_TEST(warning.find("PATCH /users/{user_id}/metadata") != std::string::npos, warning);
}

BOOST_AUTO_TEST_CASE(unknown_operations_get_a_warning_by_method) {
    const std::string deletion = render_warning("DELETE", "/widgets/{widget_id}");
    BOOST_TEST(deletion.find("IRREVERSIBLE") != std::string::npos, deletion);
    BOOST_TEST(deletion.find("DELETE /widgets/{widget_id}") != std::string::npos, deletion);

    const std::string write = render_warning("POST", "/widgets");
    BOOST_TEST(write.find("changes data") != std::string::npos, write);
    BOOST_TEST(write.find("IRREVERSIBLE") == std::string::npos, write);

    BOOST_TEST(render_warning("GET", "/users").empty());
}

BOOST_AUTO_TEST_CASE(json_form_carries_every_field) {
    const consequence* ban = find_consequence("POST", "/users/{user_id}/ban");
    BOOST_TEST_REQUIRE(ban != nullptr);
    const json::object out = clerk_mcp::tools::to_json(*ban);
    BOOST_TEST(out.at("action").as_string() == ban->action);
    BOOST_TEST(out.at("irreversible").as_bool() == false);
    BOOST_TEST(out.at("undo").as_string() == "POST /users/{user_id}/unban");
    BOOST_TEST(out.at("destroys").as_array().size() == ban->destroys.size());

    const json::object deletion =
        clerk_mcp::tools::to_json(*find_consequence("DELETE", "/users/{user_id}"));
    BOOST_TEST(deletion.at("irreversible").as_bool());
    BOOST_TEST(!deletion.contains("undo"));
}

BOOST_AUTO_TEST_SUITE_END()
