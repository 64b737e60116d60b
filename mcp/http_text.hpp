// Case-insensitive ASCII comparisons for HTTP header names and values. HTTP's case-insensitive
// parts (field names, media types, host names, schemes) are ASCII, so these skip the locale and
// allocate nothing: they run several times on every request.
#pragma once

#include <cstddef>
#include <string_view>

namespace clerk_mcp::mcp::http_text {

constexpr char lower(char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i])) {
            return false;
        }
    }
    return true;
}

constexpr bool istarts_with(std::string_view text, std::string_view prefix) {
    return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

// True when `needle` (given in lowercase) occurs in `text`, ignoring the case of `text`.
constexpr bool icontains(std::string_view text, std::string_view needle) {
    if (needle.size() > text.size()) {
        return false;
    }
    for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
        std::size_t k = 0;
        while (k < needle.size() && lower(text[i + k]) == needle[k]) {
            ++k;
        }
        if (k == needle.size()) {
            return true;
        }
    }
    return false;
}

}  // namespace clerk_mcp::mcp::http_text
