#include "spec/search.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>

namespace clerk_mcp::spec {

namespace {

// How much a match in each field counts. The path is what the model will call, so it weighs
// most; a parameter name is weakest because many operations share `limit` or `user_id`.
constexpr int path_weight = 4;
constexpr int operation_id_weight = 3;
constexpr int summary_weight = 3;
constexpr int method_weight = 2;
constexpr int parameter_weight = 1;

constexpr int exact_match = 3;
constexpr int prefix_match = 2;
constexpr int substring_match = 1;

// Words that carry no meaning in a request such as "how do I list all the users".
constexpr std::array<std::string_view, 22> filler_words = {
    "a",  "an",  "the",  "of", "for", "to", "in", "on",  "by", "with", "and",
    "or", "all", "from", "is", "my",  "me", "i",  "how", "do", "can",  "some"};

char lower(char c) {
    return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

std::string to_lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), lower);
    return out;
}

bool is_alnum(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

// Splits `s` into lower-case runs of characters for which `inside` holds.
template <typename Predicate>
std::vector<std::string> split(std::string_view s, Predicate inside) {
    std::vector<std::string> out;
    std::string word;
    for (char c : s) {
        if (inside(c)) {
            word.push_back(lower(c));
        } else if (!word.empty()) {
            out.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) {
        out.push_back(std::move(word));
    }
    return out;
}

// The word itself plus, when it is compound (`created_at_after`, `oauth-applications`), its
// parts, so that either can match exactly.
void add_with_parts(std::string_view word, std::vector<std::string>& out) {
    std::string lowered = to_lower(word);
    std::vector<std::string> parts = split(lowered, is_alnum);
    if (parts.size() > 1) {
        out.insert(out.end(), parts.begin(), parts.end());
    }
    if (!lowered.empty()) {
        out.push_back(std::move(lowered));
    }
}

// `GetOAuthApplication` -> get, o, auth, application (plus the whole word, lower case).
std::vector<std::string> camel_case_tokens(std::string_view id) {
    std::vector<std::string> out{to_lower(id)};
    std::string word;
    for (std::size_t i = 0; i < id.size(); ++i) {
        char c = id[i];
        bool upper = std::isupper(static_cast<unsigned char>(c)) != 0;
        bool after_lower = i > 0 && std::islower(static_cast<unsigned char>(id[i - 1])) != 0;
        bool acronym_end = i > 0 && std::isupper(static_cast<unsigned char>(id[i - 1])) != 0 &&
                           i + 1 < id.size() &&
                           std::islower(static_cast<unsigned char>(id[i + 1])) != 0;
        if (!is_alnum(c) || (upper && (after_lower || acronym_end))) {
            if (!word.empty()) {
                out.push_back(std::move(word));
                word.clear();
            }
        }
        if (is_alnum(c)) {
            word.push_back(lower(c));
        }
    }
    if (!word.empty()) {
        out.push_back(std::move(word));
    }
    return out;
}

void sort_unique(std::vector<std::string>& tokens) {
    std::sort(tokens.begin(), tokens.end());
    tokens.erase(std::unique(tokens.begin(), tokens.end()), tokens.end());
}

// A crude English singular, enough for "user" to equal "users" and "identity" "identities".
std::string_view stem(std::string_view w, std::string& buffer) {
    if (w.size() > 4 && w.ends_with("ies")) {
        buffer.assign(w.substr(0, w.size() - 3)).push_back('y');
        return buffer;
    }
    for (std::string_view ending : {"sses", "xes", "ches", "shes"}) {
        if (w.ends_with(ending)) {
            return w.substr(0, w.size() - 2);
        }
    }
    if (w.size() > 3 && w.ends_with('s') && !w.ends_with("ss")) {
        return w.substr(0, w.size() - 1);
    }
    return w;
}

int match_level(std::string_view word, std::string_view token) {
    if (token == word) {
        return exact_match;
    }
    std::string word_buffer;
    std::string token_buffer;
    if (stem(word, word_buffer) == stem(token, token_buffer)) {
        return exact_match;
    }
    if (word.size() >= 2 && token.starts_with(word)) {
        return prefix_match;
    }
    if (word.size() >= 3 && token.find(word) != std::string_view::npos) {
        return substring_match;
    }
    return 0;
}

int best_level(std::string_view word, const std::vector<std::string>& tokens) {
    int best = 0;
    for (const std::string& token : tokens) {
        best = std::max(best, match_level(word, token));
        if (best == exact_match) {
            break;
        }
    }
    return best;
}

std::vector<std::string> query_words(std::string_view query) {
    std::vector<std::string> words =
        split(query, [](char c) { return is_alnum(c) || c == '_' || c == '-'; });
    std::vector<std::string> meaningful;
    for (const std::string& w : words) {
        if (std::find(filler_words.begin(), filler_words.end(), w) == filler_words.end()) {
            meaningful.push_back(w);
        }
    }
    std::vector<std::string>& kept = meaningful.empty() ? words : meaningful;
    sort_unique(kept);
    return kept;
}

}  // namespace

search_index::search_index(const std::vector<search_fields>& entries) {
    entries_.reserve(entries.size());
    for (const search_fields& fields : entries) {
        entry e;
        e.path = to_lower(fields.path);
        e.operation_id = to_lower(fields.operation_id);
        e.method_path = to_lower(fields.method) + ' ' + e.path;
        e.method.push_back(to_lower(fields.method));
        for (const std::string& segment :
             split(fields.path, [](char c) { return c != '/' && c != '{' && c != '}'; })) {
            add_with_parts(segment, e.path_tokens);
        }
        e.operation_id_tokens = camel_case_tokens(fields.operation_id);
        e.summary_tokens = split(fields.summary, is_alnum);
        for (const std::string& name : fields.parameter_names) {
            add_with_parts(name, e.parameter_tokens);
        }
        sort_unique(e.path_tokens);
        sort_unique(e.operation_id_tokens);
        sort_unique(e.summary_tokens);
        sort_unique(e.parameter_tokens);
        entries_.push_back(std::move(e));
    }
}

std::vector<std::size_t> search_index::rank(std::string_view query,
                                            const std::vector<std::size_t>& candidates) const {
    std::vector<std::string> words = query_words(query);
    if (words.empty()) {
        return candidates;
    }
    std::string whole = to_lower(query);
    whole.erase(0, whole.find_first_not_of(" \t"));
    whole.erase(whole.find_last_not_of(" \t") + 1);

    struct scored {
        std::size_t index;
        int matched_words;
        int score;
    };
    std::vector<scored> hits;
    for (std::size_t index : candidates) {
        const entry& e = entries_[index];
        scored s{index, 0, 0};
        for (const std::string& word : words) {
            // The method only counts when named exactly: "get" should not match "GET" by
            // prefix of "getting".
            int method = best_level(word, e.method) == exact_match ? exact_match : 0;
            int score = path_weight * best_level(word, e.path_tokens) +
                        operation_id_weight * best_level(word, e.operation_id_tokens) +
                        summary_weight * best_level(word, e.summary_tokens) +
                        method_weight * method +
                        parameter_weight * best_level(word, e.parameter_tokens);
            if (score > 0) {
                ++s.matched_words;
                s.score += score;
            }
        }
        if (whole == e.path || whole == e.operation_id || whole == e.method_path) {
            s.matched_words = INT_MAX;
        }
        if (s.matched_words > 0) {
            hits.push_back(s);
        }
    }

    std::stable_sort(hits.begin(), hits.end(), [](const scored& a, const scored& b) {
        if (a.matched_words != b.matched_words) {
            return a.matched_words > b.matched_words;
        }
        return a.score > b.score;
    });
    std::vector<std::size_t> out;
    out.reserve(hits.size());
    for (const scored& s : hits) {
        out.push_back(s.index);
    }
    return out;
}

}  // namespace clerk_mcp::spec
