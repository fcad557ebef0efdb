#include "base/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace ordo {
namespace {

// Plain Levenshtein, no cut-off, as an oracle.
int ReferenceDistance(const std::string& a, const std::string& b) {
  std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
  }
  return d[a.size()][b.size()];
}

TEST(EditDistanceTest, Basics) {
  EXPECT_EQ(EditDistance("", ""), 0);
  EXPECT_EQ(EditDistance("abc", ""), 3);
  EXPECT_EQ(EditDistance("", "abc"), 3);
  EXPECT_EQ(EditDistance("abc", "abc"), 0);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3);
  EXPECT_EQ(EditDistance("sitting", "kitten"), 3);
  EXPECT_EQ(EditDistance("military-distrct", "military-district"), 1);
  EXPECT_EQ(EditDistance("flaw", "lawn"), 2);
  EXPECT_EQ(EditDistance("ab", "ba"), 2);
}

TEST(EditDistanceTest, CountsBytes) {
  // Cyrillic "е" (D0 B5) and "ё" (D1 91) differ in both bytes.
  EXPECT_EQ(EditDistance("\xD0\xB5", "\xD1\x91"), 2);
  EXPECT_EQ(EditDistance("Москва", "Москва"), 0);
  EXPECT_EQ(EditDistance("Москва", "Моcква"), 2);  // Latin 'c' (1 byte) for Cyrillic 'с' (2 bytes)
}

TEST(EditDistanceTest, Limit) {
  EXPECT_EQ(EditDistance("kitten", "sitting", 3), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting", 2), 3);
  EXPECT_EQ(EditDistance("kitten", "sitting", 1), 2);
  EXPECT_EQ(EditDistance("kitten", "sitting", 0), 1);
  EXPECT_EQ(EditDistance("a", "abcdefgh", 2), 3);  // cut off by the length difference alone
  EXPECT_EQ(EditDistance("abcdefgh", "a", 2), 3);
}

// Regression: the cut-off only looked at the row minimum, so a distance far above the limit
// could come back as itself instead of limit + 1.
TEST(EditDistanceTest, RegressionFinalCellAboveLimitIsCapped) {
  EXPECT_EQ(ReferenceDistance("bccbb", "cbacc"), 4);
  EXPECT_EQ(EditDistance("bccbb", "cbacc", 2), 3);
  EXPECT_EQ(EditDistance("aabcb", "ccaaa", 3), 4);
}

TEST(EditDistanceTest, AgreesWithReferenceUnderEveryLimit) {
  // Every pair of strings of length <= 4 over {a, b, c}, under limits 0..5.
  std::vector<std::string> words = {""};
  for (size_t begin = 0, len = 0; len < 4; ++len) {
    const size_t end = words.size();
    for (size_t i = begin; i < end; ++i) {
      for (char c : {'a', 'b', 'c'}) words.push_back(words[i] + c);
    }
    begin = end;
  }
  ASSERT_EQ(words.size(), 1u + 3 + 9 + 27 + 81);
  for (const std::string& a : words) {
    for (const std::string& b : words) {
      const int d = ReferenceDistance(a, b);
      ASSERT_EQ(EditDistance(a, b), d) << a << " " << b;
      for (int limit = 0; limit <= 5; ++limit) {
        ASSERT_EQ(EditDistance(a, b, limit), std::min(d, limit + 1)) << a << " " << b << " " << limit;
      }
    }
  }
}

TEST(AsciiLowerTest, LowersOnlyAscii) {
  EXPECT_EQ(AsciiLower(""), "");
  EXPECT_EQ(AsciiLower("Leningrad-MD"), "leningrad-md");
  EXPECT_EQ(AsciiLower("AZ@[`az{"), "az@[`az{");            // neighbours of 'A'..'Z' are kept
  EXPECT_EQ(AsciiLower("ЛВО Leningrad"), "ЛВО leningrad");  // Cyrillic compared as written
  EXPECT_EQ(AsciiLower(std::string("A\0B", 3)), std::string("a\0b", 3));
}

TEST(NearestTest, FindsTypos) {
  const std::vector<std::string> relations = {"military-district", "subordinate-to", "part-of", "successor-of"};
  EXPECT_EQ(Nearest("military-distrct", relations), std::vector<std::string>{"military-district"});
  EXPECT_EQ(Nearest("part-off", relations), std::vector<std::string>{"part-of"});
  EXPECT_TRUE(Nearest("zzzzzz", relations).empty());
  EXPECT_TRUE(Nearest("x", {}).empty());
}

TEST(NearestTest, IgnoresAsciiCaseAndReturnsCandidatesAsWritten) {
  EXPECT_EQ(Nearest("leningrad-md", {"Leningrad-MD", "moscow-md"}), std::vector<std::string>{"Leningrad-MD"});
  EXPECT_EQ(Nearest("LENINGRAD-MD", {"leningrad-md"}), std::vector<std::string>{"leningrad-md"});
}

TEST(NearestTest, BestFirstThenByNameAtMostN) {
  const std::vector<std::string> candidates = {"abcd", "abcx", "abxx", "abcy", "abc"};
  // "abc" is at 0; "abcd", "abcx", "abcy" at 1 (ordered by name); "abxx" at 2.
  EXPECT_EQ(Nearest("abc", candidates, 10), (std::vector<std::string>{"abc", "abcd", "abcx", "abcy", "abxx"}));
  EXPECT_EQ(Nearest("abc", candidates), (std::vector<std::string>{"abc", "abcd", "abcx"}));
  EXPECT_EQ(Nearest("abc", candidates, 1), std::vector<std::string>{"abc"});
  EXPECT_TRUE(Nearest("abc", candidates, 0).empty());
}

TEST(NearestTest, LimitGrowsWithTheWord) {
  // max(2, |word| / 3): 2 for short words, 4 for a 12-byte word.
  EXPECT_EQ(Nearest("ab", {"xy"}), std::vector<std::string>{"xy"});
  EXPECT_TRUE(Nearest("abc", {"xyz"}).empty());
  EXPECT_EQ(Nearest("abcdefghijkl", {"abcdefghwxyz"}), std::vector<std::string>{"abcdefghwxyz"});
  EXPECT_TRUE(Nearest("abcdefghijkl", {"abcdefgvwxyz"}).empty());
}

}  // namespace
}  // namespace ordo

namespace ordo {
namespace {

TEST(TypoDistanceTest, SwappedNeighboursCostOne) {
  EXPECT_EQ(TypoDistance("RU-MRU", "RU-MUR"), 1);
  EXPECT_EQ(TypoDistance("ab", "ba"), 1);
  EXPECT_EQ(TypoDistance("kitten", "sitting"), 3);
  EXPECT_EQ(TypoDistance("", "abc"), 3);
}

// Regression: "RU-MRU" suggested three ids at distance 2 in alphabetical order and not RU-MUR.
TEST(NearestTest, ASwapRanksFirst) {
  const std::vector<std::string> ids{"RU-AMU", "RU-ARK", "RU-BRY", "RU-MUR"};
  auto got = Nearest("RU-MRU", ids);
  ASSERT_FALSE(got.empty());
  EXPECT_EQ(got[0], "RU-MUR");
}

}  // namespace
}  // namespace ordo
