// Filling the path template. Path values are treated as hostile: they come from a model that may
// have been fed text by an attacker, and a value such as "../organizations" or "a%2Fb" would let
// a call reach an endpoint other than the one the scope check and the confirmation covered.
#include <string>
#include <utility>

#include <boost/json/value.hpp>

#include "spec/suggest.hpp"
#include "tools/compiled_schema.hpp"
#include "tools/request_parameters.hpp"
#include "tools/request_parameters_internal.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;
using detail::endpoint;
using detail::join;

namespace {

// UTF-8 forms of characters that look like nothing or like a space: C1 controls (U+0080 to
// U+009F all start with C2 and a byte below A0), no-break and typographic spaces, zero-width
// characters, line and paragraph separators, the byte-order mark.
constexpr std::string_view invisible_characters[] = {
    "\xC2\xA0",     "\xE1\x9A\x80", "\xE2\x80\x80", "\xE2\x80\x81", "\xE2\x80\x82", "\xE2\x80\x83",
    "\xE2\x80\x84", "\xE2\x80\x85", "\xE2\x80\x86", "\xE2\x80\x87", "\xE2\x80\x88", "\xE2\x80\x89",
    "\xE2\x80\x8A", "\xE2\x80\x8B", "\xE2\x80\x8C", "\xE2\x80\x8D", "\xE2\x80\xA8", "\xE2\x80\xA9",
    "\xE2\x80\xAF", "\xE2\x81\x9F", "\xE2\x81\xA0", "\xE3\x80\x80", "\xEF\xBB\xBF",
};

// Why `text` may not stand in a path segment; empty when it may.
std::string unsafe_path_value(std::string_view text) {
    if (text.empty()) {
        return "is empty; pass the identifier of the object to address";
    }
    if (text.find_first_not_of('.') == std::string_view::npos || text.find("..") != text.npos) {
        return "contains \"..\" or is only dots, which would address another path";
    }
    if (text.find_first_of("/\\") != text.npos) {
        return "contains '/' or '\\', which would address another path; pass one identifier";
    }
    if (text.find('%') != text.npos) {
        return "contains '%': percent-escapes are refused in path parameters (an escaped '/' or "
               "'.' could address another path); pass the raw identifier, this server encodes it";
    }
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || byte == 0x7F) {
            return "contains a control character";
        }
        if (c == ' ') {
            return "contains a space; identifiers have none (check for stray whitespace)";
        }
    }
    for (std::string_view invisible : invisible_characters) {
        if (text.find(invisible) != text.npos) {
            return "contains an invisible or space-like Unicode character";
        }
    }
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] == '\xC2' && static_cast<unsigned char>(text[i + 1]) < 0xA0 &&
            static_cast<unsigned char>(text[i + 1]) >= 0x80) {
            return "contains a control character";
        }
    }
    return {};
}

// A violation for each name in `values` that `op`'s path template does not have.
void report_unknown_names(const spec::operation& op,
                          const std::vector<std::string>& names,
                          const json::array& parameters,
                          const json::object& values,
                          std::vector<violation>& violations) {
    const std::vector<std::string> query_names = detail::names_in(parameters, "query");
    for (const auto& [key, value] : values) {
        if (detail::contains(names, key)) {
            continue;
        }
        violation unknown{
            "path." + std::string(key), {}, spec::closest(key, names, detail::max_suggestions)};
        unknown.problem = detail::contains(query_names, key)
                              ? "is a query parameter of " + endpoint(op) + ": pass it in `query`"
                              : "is not a path parameter of " + endpoint(op) + " (it has: " +
                                    (names.empty() ? std::string("none") : join(names)) + ")";
        violations.push_back(std::move(unknown));
    }
}

// The text to put in place of `{name}`, or why `value` cannot go there.
detail::scalar_result path_value(const std::string& name,
                                 const json::value* value,
                                 const json::array& parameters) {
    if (value == nullptr || value->is_null()) {
        return "is required: pass it in path_params, e.g. {\"" + name + "\": \"...\"}";
    }
    if (!value->is_string() && !value->is_int64() && !value->is_uint64()) {
        return "expected a string, got " + describe_value(*value);
    }
    detail::scalar text = *detail::to_text(*value);
    if (std::string problem = unsafe_path_value(text.text); !problem.empty()) {
        return problem;
    }
    const json::object* schema =
        detail::object_field(detail::find_parameter(parameters, "path", name), "schema");
    if (schema != nullptr) {
        if (std::string problem = detail::constraint_problem(text, *schema); !problem.empty()) {
            return problem;
        }
    }
    return text;
}

}  // namespace

std::vector<std::string> template_names(std::string_view path_template) {
    std::vector<std::string> names;
    std::size_t open = path_template.find('{');
    while (open != std::string_view::npos) {
        const std::size_t close = path_template.find('}', open);
        if (close == std::string_view::npos) {
            break;
        }
        names.emplace_back(path_template.substr(open + 1, close - open - 1));
        open = path_template.find('{', close);
    }
    return names;
}

std::string fill_path(const spec::operation& op,
                      const json::array& parameters,
                      const json::object& values,
                      std::vector<violation>& violations) {
    const std::vector<std::string> names = template_names(op.path);
    report_unknown_names(op, names, parameters, values, violations);

    // Each `{name}`, replaced in place.
    std::string path;
    std::size_t copied = 0;
    for (const std::string& name : names) {
        const std::size_t open = op.path.find("{" + name + "}", copied);
        path.append(op.path, copied, open - copied);
        copied = open + name.size() + 2;

        detail::scalar_result text = path_value(name, values.if_contains(name), parameters);
        if (!text) {
            violations.push_back({"path." + name, std::move(text.error()), {}});
            continue;
        }
        path += percent_encode(text->text);
    }
    path.append(op.path, copied, std::string::npos);
    return path;
}

}  // namespace clerk_mcp::tools
