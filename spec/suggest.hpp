// Near-miss suggestions ("did you mean ...") for names a model got slightly wrong: tags,
// operationIds, paths, query parameter names.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace clerk_mcp::spec {

// The candidates closest to `word`, best first, at most `max` of them, each spelled as in
// `candidates` (duplicates reported once).
//
// Comparison ignores case. A candidate qualifies when it equals `word`, when one of the two
// starts with the other (`created_at` -> `created_at_after`, `created_at_before`), when
// `word` (3 characters or more) occurs inside it, or when their edit distance (insertions,
// deletions, substitutions and swaps of neighbours) is at most a third of the longer one's
// length, and at least 1. Ranking: equal first, then prefix matches and edit distance 1, then
// greater distances and substrings; ties go to the smaller edit distance, then to the earlier
// candidate. An empty `word` matches nothing.
std::vector<std::string> closest(std::string_view word,
                                 const std::vector<std::string>& candidates,
                                 std::size_t max);

}  // namespace clerk_mcp::spec
