// valijson reports each error as a context path ("<root>", "[email_address]", "[0]") and a fixed
// sentence that names neither the expected type nor the allowed values. The renderer below walks
// the value and the translated schema along that path to say what was expected and what arrived.
//
// Must precede every valijson include: without it valijson calls abort() on a bad schema.
#define VALIJSON_USE_EXCEPTIONS 1

#include "tools/compiled_schema.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <set>
#include <stdexcept>
#include <string_view>
#include <utility>

#include <boost/json/serialize.hpp>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace clerk_mcp::tools {

struct compiled_schema::impl {
    valijson::Schema schema;
};

namespace {

namespace json = boost::json;

using schema_nodes = std::vector<const json::object*>;

constexpr std::size_t max_preview = 60;

// valijson's sentences for an error whose causes it has already reported one level down.
constexpr std::string_view wrapper_prefixes[] = {
    "Failed to validate against schema associated with property name",
    "Failed to validate item #",
    "Failed to validate against additional properties schema",
    "Failed to validate against a conditional schema",
    "Failed to validate against schema associated with pattern",
    "Failed to validate against dependent schema",
    "Failed to validate against child schema #",
};

bool starts_with(std::string_view text, std::string_view prefix) {
    return text.substr(0, prefix.size()) == prefix;
}

// "[name]" -> "name"; the leading "<root>" names the value itself and is dropped.
std::vector<std::string> tokens_of(const std::vector<std::string>& context) {
    std::vector<std::string> tokens;
    for (const std::string& part : context) {
        if (part.size() >= 2 && part.front() == '[' && part.back() == ']') {
            tokens.push_back(part.substr(1, part.size() - 2));
        }
    }
    return tokens;
}

std::string pointer_of(const std::vector<std::string>& tokens) {
    std::string pointer;
    for (const std::string& token : tokens) {
        pointer += '/';
        for (char c : token) {
            if (c == '~') {
                pointer += "~0";
            } else if (c == '/') {
                pointer += "~1";
            } else {
                pointer += c;
            }
        }
    }
    return pointer;
}

const json::value* child_of(const json::value* value, const std::string& token) {
    if (value != nullptr && value->is_object()) {
        return value->get_object().if_contains(token);
    }
    if (value != nullptr && value->is_array()) {
        char* end = nullptr;
        const unsigned long index = std::strtoul(token.c_str(), &end, 10);
        if (end != token.c_str() && *end == '\0' && index < value->get_array().size()) {
            return &value->get_array()[index];
        }
    }
    return nullptr;
}

// `node` and, recursively, the branches of its allOf / anyOf / oneOf: every schema that may have
// applied to the same value.
void add_with_branches(const json::value& node, schema_nodes& out, int depth = 0) {
    if (!node.is_object() || depth > 64) {
        return;
    }
    out.push_back(&node.get_object());
    // `then` holds the pattern and format checks translate_schema guards (its `if` is left out:
    // it only tests whether the check applies).
    if (const json::value* then = node.get_object().if_contains("then")) {
        add_with_branches(*then, out, depth + 1);
    }
    for (const char* keyword : {"allOf", "anyOf", "oneOf"}) {
        const json::value* branches = node.get_object().if_contains(keyword);
        if (branches != nullptr && branches->is_array()) {
            for (const json::value& branch : branches->get_array()) {
                add_with_branches(branch, out, depth + 1);
            }
        }
    }
}

// The schemas that may have applied to the value at `tokens`.
schema_nodes schemas_at(const json::value& schema,
                        const json::value& value,
                        const std::vector<std::string>& tokens) {
    schema_nodes current;
    add_with_branches(schema, current);
    const json::value* here = &value;
    for (const std::string& token : tokens) {
        schema_nodes next;
        const bool in_array = here != nullptr && here->is_array();
        for (const json::object* node : current) {
            const json::value* properties = node->if_contains("properties");
            const json::value* additional = node->if_contains("additionalProperties");
            if (in_array && node->contains("items")) {
                add_with_branches(node->at("items"), next);
            } else if (!in_array && properties != nullptr && properties->is_object() &&
                       properties->get_object().contains(token)) {
                add_with_branches(properties->get_object().at(token), next);
            } else if (!in_array && additional != nullptr) {
                add_with_branches(*additional, next);
            }
        }
        current = std::move(next);
        here = child_of(here, token);
    }
    return current;
}

std::string type_name(const json::value& value) {
    switch (value.kind()) {
        case json::kind::null:
            return "null";
        case json::kind::bool_:
            return "boolean";
        case json::kind::int64:
        case json::kind::uint64:
            return "integer";
        case json::kind::double_:
            return "number";
        case json::kind::string:
            return "string";
        case json::kind::array:
            return "array";
        case json::kind::object:
            return "object";
    }
    return "value";
}

std::string describe(const json::value* value) {
    return value == nullptr ? "nothing" : describe_value(*value);
}

// Values of `keyword` across `nodes`, without duplicates, in order of appearance.
std::vector<json::value> collect(const schema_nodes& nodes, std::string_view keyword) {
    std::vector<json::value> values;
    for (const json::object* node : nodes) {
        const json::value* found = node->if_contains(keyword);
        if (found == nullptr) {
            continue;
        }
        const json::array single{*found};
        const json::array& items = found->is_array() ? found->get_array() : single;
        for (const json::value& item : items) {
            if (std::find(values.begin(), values.end(), item) == values.end()) {
                values.push_back(item);
            }
        }
    }
    return values;
}

std::string join(const std::vector<json::value>& values, std::string_view separator, bool quote) {
    std::string out;
    for (const json::value& value : values) {
        if (!out.empty()) {
            out += separator;
        }
        out +=
            value.is_string() && !quote ? std::string(value.get_string()) : json::serialize(value);
    }
    return out;
}

bool type_allows(const std::vector<json::value>& types, const json::value& value) {
    const std::string actual = type_name(value);
    for (const json::value& type : types) {
        if (type.is_string() && (type.get_string() == actual ||
                                 (actual == "integer" && type.get_string() == "number"))) {
            return true;
        }
    }
    return false;
}

// A nullable field whose value is not null fails the {"type": "null"} branch of the anyOf the
// translation made; that failure says nothing useful.
bool is_null_alternative(const schema_nodes& nodes) {
    for (const json::object* node : nodes) {
        const json::value* branches = node->if_contains("anyOf");
        if (branches == nullptr || !branches->is_array()) {
            continue;
        }
        for (const json::value& branch : branches->get_array()) {
            if (branch == json::value(json::object{{"type", "null"}})) {
                return true;
            }
        }
    }
    return false;
}

// "Expected number greater than or equal to 1.000000" -> "must be >= 1".
std::string rephrase_bound(std::string_view description) {
    constexpr std::pair<std::string_view, std::string_view> bounds[] = {
        {"Expected number greater than or equal to ", ">="},
        {"Expected number greater than ", ">"},
        {"Expected number less than or equal to ", "<="},
        {"Expected number less than ", "<"},
    };
    for (const auto& [prefix, symbol] : bounds) {
        if (starts_with(description, prefix)) {
            const std::string number(description.substr(prefix.size()));
            return "must be " + std::string(symbol) + " " +
                   number_text(std::strtod(number.c_str(), nullptr));
        }
    }
    return {};
}

// valijson's sentence, made to read as the second half of "<where>: <problem>".
std::string plain(std::string_view description) {
    std::string text(description);
    if (!text.empty() && text.back() == '.') {
        text.pop_back();
    }
    if (!text.empty() && text.front() >= 'A' && text.front() <= 'Z') {
        text.front() = static_cast<char>(text.front() - 'A' + 'a');
    }
    return text;
}

std::string quoted_name(std::string_view description) {
    const std::size_t last = description.rfind('\'');
    const std::size_t first = last == 0 || last == std::string_view::npos
                                  ? std::string_view::npos
                                  : description.rfind('\'', last - 1);
    if (first == std::string_view::npos) {
        return {};
    }
    return std::string(description.substr(first + 1, last - first - 1));
}

class finding_renderer {
public:
    finding_renderer(const json::value& schema, const json::value& value)
        : schema_(schema), value_(value) {}

    void add(const std::vector<std::string>& context, std::string_view description);

    std::vector<schema_finding> take() { return std::move(findings_); }

private:
    void add_finding(schema_finding finding);
    void add_unknown_properties(const std::vector<std::string>& tokens,
                                const schema_nodes& nodes,
                                std::string_view description);

    const json::value& schema_;
    const json::value& value_;
    std::vector<schema_finding> findings_;
    std::set<std::pair<std::string, std::string>> seen_;
};

void finding_renderer::add_finding(schema_finding finding) {
    if (seen_.emplace(finding.pointer, finding.problem).second) {
        findings_.push_back(std::move(finding));
    }
}

void finding_renderer::add(const std::vector<std::string>& context, std::string_view description) {
    for (std::string_view prefix : wrapper_prefixes) {
        if (starts_with(description, prefix)) {
            return;
        }
    }
    const std::vector<std::string> tokens = tokens_of(context);
    const schema_nodes nodes = schemas_at(schema_, value_, tokens);
    const json::value* value = &value_;
    for (const std::string& token : tokens) {
        value = child_of(value, token);
    }
    schema_finding finding{pointer_of(tokens), {}, {}, {}};

    if (starts_with(description, "Value type not permitted")) {
        const std::vector<json::value> types = collect(nodes, "type");
        if (value != nullptr && type_allows(types, *value)) {
            return;  // another alternative's type; that alternative explains the failure
        }
        finding.problem = types.empty() ? "has a type the schema does not allow here"
                                        : "expected " + join(types, " or ", false);
        finding.problem += ", got " + describe(value);
    } else if (starts_with(description, "Failed to match against any enum values")) {
        const std::vector<json::value> allowed = collect(nodes, "enum");
        finding.problem =
            "must be one of: " + join(allowed, ", ", true) + " (got " + describe(value) + ")";
    } else if (starts_with(description, "Missing required property")) {
        finding.pointer += pointer_of({quoted_name(description)});
        finding.problem = "is required but missing";
    } else if (starts_with(description, "Object contains a property")) {
        add_unknown_properties(tokens, nodes, description);
        return;
    } else if (starts_with(description,
                           "Failed to validate against any schemas allowed by anyOf") ||
               starts_with(description, "Failed to validate against any child schemas")) {
        if (value != nullptr && !value->is_null() && is_null_alternative(nodes)) {
            return;
        }
        finding.problem =
            "matches none of the alternatives the schema allows here (the other problems listed "
            "for this location describe each alternative)";
    } else if (starts_with(description, "Failed to match regex")) {
        const std::vector<json::value> patterns = collect(nodes, "pattern");
        finding.problem = "must match the pattern " + join(patterns, " or ", false) + " (got " +
                          describe(value) + ")";
    } else if (std::string bound = rephrase_bound(description); !bound.empty()) {
        finding.problem = bound + " (got " + describe(value) + ")";
    } else {
        finding.problem = plain(description);
    }
    add_finding(std::move(finding));
}

// valijson stops at the first property that `additionalProperties: false` forbids; list them all.
void finding_renderer::add_unknown_properties(const std::vector<std::string>& tokens,
                                              const schema_nodes& nodes,
                                              std::string_view description) {
    std::set<std::string> known;
    for (const json::object* node : nodes) {
        const json::value* properties = node->if_contains("properties");
        if (properties != nullptr && properties->is_object()) {
            for (const auto& property : properties->get_object()) {
                known.emplace(property.key());
            }
        }
    }
    const json::value* object = &value_;
    for (const std::string& token : tokens) {
        object = child_of(object, token);
    }

    std::vector<std::string> unknown;
    if (object != nullptr && object->is_object()) {
        for (const auto& property : object->get_object()) {
            if (known.count(property.key()) == 0) {
                unknown.emplace_back(property.key());
            }
        }
    }
    if (unknown.empty()) {
        unknown.push_back(quoted_name(description));
    }

    for (std::string& name : unknown) {
        std::vector<std::string> path = tokens;
        path.push_back(name);
        add_finding(schema_finding{pointer_of(path),
                                   "is not a property the schema allows here",
                                   std::move(name),
                                   {known.begin(), known.end()}});
    }
}

}  // namespace

std::string number_text(double number) {
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
    return std::string(buffer, end);
}

std::string describe_value(const boost::json::value& value) {
    if (value.is_array() || value.is_object() || value.is_null()) {
        return type_name(value);
    }
    std::string text = value.is_double() ? number_text(value.get_double()) : json::serialize(value);
    if (text.size() > max_preview) {
        // Back off to the start of a UTF-8 sequence so the cut leaves valid text.
        std::size_t cut = max_preview;
        while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
            --cut;
        }
        text = text.substr(0, cut) + "...";
    }
    return type_name(value) + " " + text;
}

compiled_schema::compiled_schema(boost::json::value json_schema)
    : json_schema_(std::move(json_schema)) {
    auto compiled = std::make_unique<impl>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::BoostJsonAdapter(json_schema_), compiled->schema);
    impl_ = std::move(compiled);
}

compiled_schema::~compiled_schema() = default;

std::vector<schema_finding> compiled_schema::validate(const boost::json::value& value) const {
    finding_renderer renderer(json_schema_, value);
    try {
        // A validator caches compiled patterns, so each call gets its own: sharing one would need
        // a lock for every validation.
        valijson::Validator validator(valijson::Validator::kStrongTypes);
        valijson::ValidationResults results;
        validator.validate(impl_->schema, valijson::adapters::BoostJsonAdapter(value), &results);
        for (const valijson::ValidationResults::Error& error : results) {
            renderer.add(error.context, error.description);
        }
    } catch (const std::exception& e) {
        return {schema_finding{"", std::string("could not be checked: ") + e.what(), {}, {}}};
    }
    return renderer.take();
}

}  // namespace clerk_mcp::tools
