#include "spec/suggest.hpp"

#include <algorithm>
#include <cctype>
#include <limits>

namespace clerk_mcp::spec {

namespace {

std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

// Optimal string alignment distance: Levenshtein plus the swap of two neighbours, the most
// common typing slip ("suers" for "users").
std::size_t edit_distance(std::string_view a, std::string_view b) {
    const std::size_t n = a.size();
    const std::size_t m = b.size();
    std::vector<std::size_t> before(m + 1);
    std::vector<std::size_t> previous(m + 1);
    std::vector<std::size_t> current(m + 1);
    for (std::size_t j = 0; j <= m; ++j) {
        previous[j] = j;
    }
    for (std::size_t i = 1; i <= n; ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= m; ++j) {
            std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[m];
}

struct ranked {
    // Lower is better: 0 equal, 1 prefix or one edit, then the edit distance, substrings last.
    std::size_t tier;
    std::size_t distance;
    std::size_t index;
};

}  // namespace

std::vector<std::string> closest(std::string_view word,
                                 const std::vector<std::string>& candidates,
                                 std::size_t max) {
    std::vector<std::string> out;
    if (word.empty() || max == 0) {
        return out;
    }
    const std::string needle = to_lower(word);

    std::vector<ranked> hits;
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const std::string name = to_lower(candidates[i]);
        if (name.empty()) {
            continue;
        }
        const std::size_t distance = edit_distance(needle, name);
        const std::size_t allowed =
            std::max<std::size_t>(1, std::max(needle.size(), name.size()) / 3);
        const bool prefix = name.starts_with(needle) || needle.starts_with(name);
        const bool inside = needle.size() >= 3 && name.find(needle) != std::string::npos;

        std::size_t tier = std::numeric_limits<std::size_t>::max();
        if (distance == 0) {
            tier = 0;
        } else if (prefix || distance == 1) {
            tier = 1;
        } else if (distance <= allowed) {
            tier = distance;
        } else if (inside) {
            tier = allowed + 1;
        }
        if (tier != std::numeric_limits<std::size_t>::max()) {
            hits.push_back({tier, distance, i});
        }
    }

    std::sort(hits.begin(), hits.end(), [](const ranked& a, const ranked& b) {
        if (a.tier != b.tier) {
            return a.tier < b.tier;
        }
        if (a.distance != b.distance) {
            return a.distance < b.distance;
        }
        return a.index < b.index;
    });
    for (const ranked& hit : hits) {
        const std::string& name = candidates[hit.index];
        if (std::find(out.begin(), out.end(), name) == out.end()) {
            out.push_back(name);
            if (out.size() == max) {
                break;
            }
        }
    }
    return out;
}

}  // namespace clerk_mcp::spec
