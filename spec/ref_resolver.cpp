#include "spec/ref_resolver.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

namespace clerk_mcp::spec {

namespace {

namespace json = boost::json;

int hex_digit(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// A `$ref` is a URI reference, so its fragment may be percent-encoded (RFC 3986, section 3.5);
// a '%' not followed by two hex digits is kept as it is.
std::string percent_decode(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hex_digit(s[i + 1]) >= 0 &&
            hex_digit(s[i + 2]) >= 0) {
            out.push_back(static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2])));
            i += 2;
        } else {
            out.push_back(s[i]);
        }
    }
    return out;
}

// RFC 6901, section 4: "~1" before "~0", so "~01" becomes "~1" and not "/".
std::string unescape_token(std::string_view token) {
    std::string out;
    out.reserve(token.size());
    for (std::size_t i = 0; i < token.size(); ++i) {
        if (token[i] == '~' && i + 1 < token.size() &&
            (token[i + 1] == '0' || token[i + 1] == '1')) {
            out.push_back(token[i + 1] == '0' ? '~' : '/');
            ++i;
        } else {
            out.push_back(token[i]);
        }
    }
    return out;
}

const json::value* step(const json::value& node, const std::string& token) {
    if (const json::object* obj = node.if_object()) {
        return obj->if_contains(token);
    }
    const json::array* arr = node.if_array();
    if (arr == nullptr || token.empty() || token.size() > 9 ||
        (token.size() > 1 && token[0] == '0') ||
        !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return nullptr;
    }
    std::size_t index = std::stoul(token);
    return index < arr->size() ? &(*arr)[index] : nullptr;
}

// Expands references depth first; `active_` holds the targets being expanded on the current
// branch, which is all that is needed to tell recursion from mere reuse.
class expander {
public:
    explicit expander(const json::value& root) : root_(root) {}

    json::value expand(const json::value& node) {
        if (const json::object* obj = node.if_object()) {
            const json::value* ref = obj->if_contains("$ref");
            if (ref != nullptr && ref->is_string()) {
                return expand_reference(*obj, ref->get_string());
            }
            json::object out;
            out.reserve(obj->size());
            for (const auto& [key, value] : *obj) {
                out.emplace(key, expand(value));
            }
            return out;
        }
        if (const json::array* arr = node.if_array()) {
            json::array out;
            out.reserve(arr->size());
            for (const json::value& item : *arr) {
                out.push_back(expand(item));
            }
            return out;
        }
        return json::value(node, json::storage_ptr());
    }

private:
    json::value expand_reference(const json::object& holder, const json::string& ref) {
        json::value result = expand_target(ref);

        json::object* out = result.if_object();
        if (out == nullptr) {
            return result;
        }
        for (const auto& [key, value] : holder) {
            if (key != "$ref") {
                (*out)[key] = expand(value);
            }
        }
        return result;
    }

    json::value expand_target(const json::string& ref) {
        if (ref.empty() || ref[0] != '#') {
            return json::object{{"$external", ref}};
        }
        const json::value* target = lookup_ref(root_, ref);
        if (target == nullptr) {
            return json::object{{"$missing", ref}};
        }
        if (std::find(active_.begin(), active_.end(), target) != active_.end()) {
            return json::object{{"$recursive", ref}};
        }
        active_.push_back(target);
        json::value result = expand(*target);
        active_.pop_back();
        return result;
    }

    const json::value& root_;
    std::vector<const json::value*> active_;
};

}  // namespace

const json::value* lookup_ref(const json::value& root, std::string_view ref) {
    if (ref.empty() || ref[0] != '#') {
        return nullptr;
    }
    std::string pointer = percent_decode(ref.substr(1));
    if (pointer.empty()) {
        return &root;
    }
    if (pointer[0] != '/') {
        return nullptr;
    }

    const json::value* node = &root;
    std::size_t start = 1;
    while (node != nullptr) {
        std::size_t end = pointer.find('/', start);
        std::string_view token = std::string_view(pointer).substr(
            start, end == std::string::npos ? std::string::npos : end - start);
        node = step(*node, unescape_token(token));
        if (end == std::string::npos) {
            break;
        }
        start = end + 1;
    }
    return node;
}

json::value resolve_refs(const json::value& root, const json::value& node) {
    return expander(root).expand(node);
}

}  // namespace clerk_mcp::spec
