#include "read/tokens.h"

#include <gtest/gtest.h>

namespace ordo::read {
namespace {

std::vector<std::string> Folds(std::string_view text) {
  std::vector<std::string> out;
  for (const Token& t : Tokenize(text)) out.push_back(t.fold);
  return out;
}

TEST(Tokens, WordsKeepInnerHyphensAndApostrophes) {
  EXPECT_EQ(Folds("Санкт-Петербург, Russia’s 58th Army"),
            (std::vector<std::string>{"санкт-петербург", ",", "russia's", "58th", "army"}));
}

TEST(Tokens, FoldsLatinAndCyrillicCase) { EXPECT_EQ(Fold("ЛЕНИНГРАДСКИЙ Її Ґ Ёж ÉTÉ"), "ленинградский її ґ еж été"); }

TEST(Tokens, CountsCodePointsAndBytes) {
  std::vector<Token> t = Tokenize("«ЗВО» и LMD");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[1].fold, "зво");
  EXPECT_EQ(t[1].cp_begin, 1u);
  EXPECT_EQ(t[1].cp_end, 4u);
  EXPECT_EQ(t[1].begin, 2u);  // « is two bytes
  EXPECT_EQ(t[1].end, 8u);
  EXPECT_TRUE(t[1].upper);
  EXPECT_TRUE(t[4].upper);
  EXPECT_FALSE(t[3].upper);
}

TEST(Tokens, MarksCapitalsAndScripts) {
  std::vector<Token> t = Tokenize("Western округ");
  EXPECT_TRUE(t[0].capital);
  EXPECT_EQ(t[0].script, Script::kLatin);
  EXPECT_FALSE(t[1].capital);
  EXPECT_EQ(t[1].script, Script::kCyrillic);
}

TEST(Tokens, FindsTheFirstInvalidByte) {
  EXPECT_EQ(FirstInvalidUtf8("ok ЗВО"), std::string_view::npos);
  EXPECT_EQ(FirstInvalidUtf8("ab\xff"), 2u);
  EXPECT_EQ(FirstInvalidUtf8("\xd0"), 0u);  // truncated
}

}  // namespace
}  // namespace ordo::read
