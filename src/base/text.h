// Small text helpers shared by the layers.
#ifndef ORDO_BASE_TEXT_H_
#define ORDO_BASE_TEXT_H_

#include <string>
#include <string_view>
#include <vector>

namespace ordo {

// Levenshtein distance between two UTF-8 strings, counted in bytes; stops early and
// returns limit + 1 once the distance is known to exceed limit.
int EditDistance(std::string_view a, std::string_view b, int limit = 1 << 20);

// Like EditDistance, but swapping two adjacent bytes costs 1 (optimal string alignment), so
// "RU-MRU" is one step from "RU-MUR". Used to rank "did you mean" hints.
int TypoDistance(std::string_view a, std::string_view b);

// ASCII lower-casing; other bytes are kept (names in Cyrillic are compared as written).
std::string AsciiLower(std::string_view s);

// The candidates nearest to `word` (typo distance <= max(2, |word|/3)), best first, at most n.
std::vector<std::string> Nearest(std::string_view word, const std::vector<std::string>& candidates, size_t n = 3);

// The parts with sep between them: Join({"a", "b"}, ", ") is "a, b".
std::string Join(const std::vector<std::string>& parts, const char* sep);

}  // namespace ordo

#endif  // ORDO_BASE_TEXT_H_
