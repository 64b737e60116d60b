// prepare() = fill the path, encode the query, check the body; every step appends to one list of
// violations so that the model sees all of its mistakes at once. What each operation needs from
// the spec (merged parameters, the compiled body schema) is derived once and cached, because
// resolving and compiling a large body schema costs far more than checking a request.
#include "tools/request_validator.hpp"

#include <algorithm>
#include <cctype>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>

#include <boost/json/serialize.hpp>

#include "spec/suggest.hpp"
#include "tools/compiled_schema.hpp"
#include "tools/request_parameters.hpp"
#include "tools/schema_translation.hpp"

namespace clerk_mcp::tools {
namespace {

namespace json = boost::json;

constexpr std::size_t max_suggestions = 5;

// The allowed names are listed when no near name stands out, up to this many; beyond it the
// closing line's pointer to describe_endpoint has to do.
constexpr std::size_t max_listed_properties = 40;

// What prepare() needs from the spec for one operation; built once, then shared read-only.
struct operation_plan {
    json::array parameters;  // spec::document::parameters(op)
    bool has_body = false;   // the operation declares a requestBody
    bool body_required = false;
    bool json_body = false;                  // ... with an application/json media type
    std::vector<std::string> content_types;  // the media types it declares
    // The compiled JSON body schema; null when the media type gives no schema (anything goes)
    // or when compiling failed (then schema_error says why).
    std::shared_ptr<const compiled_schema> schema;
    std::string schema_error;
    // "PATCH <path>/metadata" when the document has that merge endpoint beside this one.
    std::string metadata_endpoint;
};

std::string endpoint(const spec::operation& op) {
    return op.method + " " + op.path;
}

std::string lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) {
        return static_cast<char>(std::tolower(c));
    });
    return out;
}

bool is_json_media_type(std::string_view media_type) {
    const std::string type = lower(media_type.substr(0, media_type.find(';')));
    return type == "application/json" ||
           (type.size() > 5 && type.compare(type.size() - 5, 5, "+json") == 0);
}

bool ends_with(std::string_view text, std::string_view suffix) {
    return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

std::string join(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) {
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

void plan_body(const spec::document& doc, const json::value& request_body, operation_plan& plan) {
    const json::value resolved = doc.resolve(request_body);
    if (!resolved.is_object()) {
        return;
    }
    plan.has_body = true;
    const json::value* required = resolved.get_object().if_contains("required");
    plan.body_required = required != nullptr && required->is_bool() && required->get_bool();

    const json::value* content = resolved.get_object().if_contains("content");
    if (content == nullptr || !content->is_object()) {
        return;
    }
    const json::value* schema = nullptr;
    for (const auto& [media_type, media] : content->get_object()) {
        plan.content_types.emplace_back(media_type);
        if (!plan.json_body && is_json_media_type(media_type)) {
            plan.json_body = true;
            schema = media.is_object() ? media.get_object().if_contains("schema") : nullptr;
        }
    }
    if (schema == nullptr) {
        return;
    }
    try {
        plan.schema = std::make_shared<const compiled_schema>(translate_schema(*schema));
    } catch (const std::exception& e) {
        plan.schema_error = e.what();
    }
}

std::shared_ptr<const operation_plan> build_plan(const spec::document& doc,
                                                 const spec::operation& op) {
    auto plan = std::make_shared<operation_plan>();
    plan->parameters = doc.parameters(op);
    if (const json::value* request_body = op.node->if_contains("requestBody")) {
        plan_body(doc, *request_body, *plan);
    }
    const spec::operation* merge = doc.find("PATCH", op.path + "/metadata");
    if (merge != nullptr && merge != &op) {
        plan->metadata_endpoint = endpoint(*merge);
    }
    return plan;
}

violation body_violation(const spec::operation& op,
                         const operation_plan& plan,
                         const schema_finding& finding) {
    violation out{"body" + finding.pointer, finding.problem, {}};
    if (finding.unknown_property.empty()) {
        return out;
    }
    out.suggestions =
        spec::closest(finding.unknown_property, finding.known_properties, max_suggestions);

    // Metadata moved out of some update endpoints (PATCH /users/{user_id} in 2026-05-12): name
    // the endpoint that writes it now.
    const bool top_level = finding.pointer == "/" + finding.unknown_property;
    if (top_level && ends_with(finding.unknown_property, "_metadata") &&
        !plan.metadata_endpoint.empty()) {
        out.problem += "; " + endpoint(op) +
                       " does not take metadata in this API version: " + "send it to " +
                       plan.metadata_endpoint +
                       ", which merges the keys sent into the stored metadata (a key set to null "
                       "is removed, keys not sent are kept)";
        out.suggestions.insert(out.suggestions.begin(), plan.metadata_endpoint);
    } else if (out.suggestions.empty() &&
               finding.known_properties.size() <= max_listed_properties) {
        out.problem += " (allowed here: " + join(finding.known_properties) + ")";
    }
    return out;
}

void check_body(const spec::operation& op,
                const operation_plan& plan,
                const std::optional<json::value>& body,
                prepared_request& out,
                std::vector<violation>& violations) {
    const bool present = body.has_value() && !body->is_null();
    if (!plan.has_body) {
        if (present && !(body->is_object() && body->get_object().empty())) {
            violations.push_back(
                {"body",
                 endpoint(op) + " takes no request body; leave `body` out (filters and options "
                                "of this endpoint, if any, go in `query`)",
                 {}});
        }
        return;
    }
    // Refused even without a body: such an operation (an image upload) does nothing useful
    // without the file, even where the spec marks the body optional.
    if (!plan.json_body) {
        violations.push_back({"body",
                              endpoint(op) + " accepts only " + join(plan.content_types) +
                                  " (a file upload), which this server cannot send; upload the "
                                  "file with a Clerk SDK, the Clerk Dashboard or a direct HTTPS "
                                  "request",
                              {}});
        return;
    }
    if (!present) {
        if (plan.body_required) {
            violations.push_back({"body",
                                  "is required: pass the JSON object that describe_endpoint shows "
                                  "for " +
                                      endpoint(op),
                                  {}});
        }
        return;
    }
    if (!plan.schema_error.empty()) {
        violations.push_back({"body",
                              "could not be checked, so it was not sent: the request schema of " +
                                  endpoint(op) + " did not compile (" + plan.schema_error + ")",
                              {}});
        return;
    }
    if (plan.schema != nullptr) {
        for (const schema_finding& finding : plan.schema->validate(*body)) {
            violations.push_back(body_violation(op, plan, finding));
        }
    }
    out.body = *body;
    out.body_text = json::serialize(*body);
}

}  // namespace

struct request_validator::cache {
    mutable std::mutex mutex;
    std::unordered_map<std::string, std::shared_ptr<const operation_plan>> plans;

    std::shared_ptr<const operation_plan> plan_for(const spec::document& doc,
                                                   const spec::operation& op) {
        const std::string key = doc.version() + ' ' + op.method + ' ' + op.path;
        {
            std::lock_guard lock(mutex);
            if (const auto found = plans.find(key); found != plans.end()) {
                return found->second;
            }
        }
        // Built unlocked: compiling a large schema must not stall other calls.
        std::shared_ptr<const operation_plan> plan = build_plan(doc, op);
        std::lock_guard lock(mutex);
        return plans.emplace(key, std::move(plan)).first->second;
    }
};

std::string prepared_request::target() const {
    return query_string.empty() ? encoded_path : encoded_path + "?" + query_string;
}

request_validator::request_validator() : cache_(std::make_unique<cache>()) {}

request_validator::~request_validator() = default;

prepare_result request_validator::prepare(const spec::document& doc,
                                          const spec::operation& op,
                                          const request_input& input) const {
    const std::shared_ptr<const operation_plan> plan = cache_->plan_for(doc, op);
    std::vector<violation> violations;

    prepared_request out;
    out.method = op.method;
    out.path_template = op.path;
    out.encoded_path = fill_path(op, plan->parameters, input.path_params, violations);
    encoded_query query = encode_query(op, plan->parameters, input.query, violations);
    out.query_string = std::move(query.text);
    out.query = std::move(query.values);
    check_body(op, *plan, input.body, out, violations);

    if (!violations.empty()) {
        return violations;
    }
    return out;
}

std::size_t request_validator::cached_operations() const {
    std::lock_guard lock(cache_->mutex);
    return cache_->plans.size();
}

std::string describe_violations(const spec::operation& op,
                                const std::vector<violation>& violations) {
    std::string text = endpoint(op) + " was not sent: " + std::to_string(violations.size()) +
                       (violations.size() == 1 ? " problem" : " problems") + " found.\n";
    for (const violation& v : violations) {
        text += "- " + v.where + ": " + v.problem;
        std::vector<std::string> unsaid;
        for (const std::string& suggestion : v.suggestions) {
            if (v.problem.find(suggestion) == std::string::npos) {
                unsaid.push_back(suggestion);
            }
        }
        if (!unsaid.empty()) {
            text += "; did you mean: " + join(unsaid) + "?";
        }
        text += '\n';
    }
    text +=
        "Fix the request and call execute_request again; describe_endpoint with "
        "{\"method\": \"" +
        op.method + "\", \"path\": \"" + op.path + "\"} shows every parameter and the body schema.";
    return text;
}

boost::json::array to_json(const std::vector<violation>& violations) {
    json::array out;
    for (const violation& v : violations) {
        json::object entry{{"where", v.where}, {"problem", v.problem}};
        if (!v.suggestions.empty()) {
            json::array suggestions;
            for (const std::string& suggestion : v.suggestions) {
                suggestions.emplace_back(suggestion);
            }
            entry["suggestions"] = std::move(suggestions);
        }
        out.push_back(std::move(entry));
    }
    return out;
}

}  // namespace clerk_mcp::tools
