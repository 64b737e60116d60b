#include "spec/search.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <climits>

namespace clerk_mcp::spec {

namespace {

// How much a match in each field counts. The path is what the model will call, so it weighs
// most; a parameter name is weakest because many operations share `limit` or `user_id`.
constexpr double path_weight = 4;
constexpr double operation_id_weight = 3;
constexpr double summary_weight = 3;
constexpr double method_weight = 2;
constexpr double parameter_weight = 1;

// Up to this much more for a path whose every fixed segment a query word names: among
// operations that match equally, the one the query describes completely comes first
// ("sign in token" -> /sign_in_tokens before /sign_in_tokens/{id}/revoke).
constexpr double coverage_weight = 6.0;

// How well one query word matches one token. The same word in another number ("users" for
// "user") is nearly exact, so that "ban user" prefers the single-user operation and "ban users"
// the bulk one. A close match (prefix, or the same word root) still names the thing; a
// substring match only helps recall.
constexpr double exact_match = 3;
constexpr double plural_match = 2.75;
constexpr double close_match = 2;
constexpr double substring_match = 1;

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

// The word with one common English suffix removed, when at least four letters remain, so that
// "invite" meets "invitations" and "creating" meets "create".
std::string_view root(std::string_view w) {
    for (std::string_view suffix :
         {"ations", "ation", "ings", "ing", "ers", "er", "ed", "es", "s", "e"}) {
        if (w.size() >= suffix.size() + 4 && w.ends_with(suffix)) {
            return w.substr(0, w.size() - suffix.size());
        }
    }
    return w;
}

double match_level(std::string_view word, std::string_view token) {
    if (token == word) {
        return exact_match;
    }
    std::string word_buffer;
    std::string token_buffer;
    if (stem(word, word_buffer) == stem(token, token_buffer)) {
        return plural_match;
    }
    if ((word.size() >= 2 && token.starts_with(word)) ||
        (word.size() >= 4 && root(word) == root(token))) {
        return close_match;
    }
    if (word.size() >= 3 && token.find(word) != std::string_view::npos) {
        return substring_match;
    }
    return 0;
}

double best_level(std::string_view word, const std::vector<std::string>& tokens) {
    double best = 0;
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
        for (const std::string& segment : split(fields.path, [](char c) { return c != '/'; })) {
            std::vector<std::string> tokens;
            bool is_parameter = segment.starts_with('{');
            add_with_parts(is_parameter ? segment.substr(1, segment.size() - 2) : segment, tokens);
            e.path_tokens.insert(e.path_tokens.end(), tokens.begin(), tokens.end());
            if (!is_parameter) {
                e.fixed_segments.push_back(std::move(tokens));
            }
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
        int named_words;    // words matched exactly or closely outside parameter names
        int matched_words;  // words matched exactly or closely anywhere
        double score;
    };
    std::vector<scored> hits;
    for (std::size_t index : candidates) {
        const entry& e = entries_[index];
        scored s{index, 0, 0, 0.0};
        for (const std::string& word : words) {
            // The method counts only when named exactly: "get" must not favour every GET.
            double method = best_level(word, e.method) == exact_match ? exact_match : 0;
            double path = best_level(word, e.path_tokens);
            double operation_id = best_level(word, e.operation_id_tokens);
            double summary = best_level(word, e.summary_tokens);
            double parameter = best_level(word, e.parameter_tokens);
            double score = path_weight * path + operation_id_weight * operation_id +
                           summary_weight * summary + method_weight * method +
                           parameter_weight * parameter;
            s.score += score;
            // A parameter name alone does not name the operation (many share `limit` or
            // `user_id`), and a substring match ("count" in "accounts") names nothing.
            if (std::max({method, path, operation_id, summary}) >= close_match) {
                ++s.named_words;
            }
            if (std::max({method, path, operation_id, summary, parameter}) >= close_match) {
                ++s.matched_words;
            }
        }
        if (s.score == 0) {
            continue;
        }

        std::size_t covered = 0;
        for (const std::vector<std::string>& segment : e.fixed_segments) {
            covered += std::any_of(words.begin(), words.end(), [&](const std::string& word) {
                return best_level(word, segment) >= close_match;
            });
        }
        if (!e.fixed_segments.empty()) {
            s.score += coverage_weight * static_cast<double>(covered) /
                       static_cast<double>(e.fixed_segments.size());
        }
        if (whole == e.path || whole == e.operation_id || whole == e.method_path) {
            s.named_words = INT_MAX;
        }
        hits.push_back(s);
    }

    std::stable_sort(hits.begin(), hits.end(), [](const scored& a, const scored& b) {
        if (a.named_words != b.named_words) {
            return a.named_words > b.named_words;
        }
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
