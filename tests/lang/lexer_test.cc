#include "lang/lexer.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace ordo::lang {
namespace {

struct Lexed {
  std::vector<Token> tokens;
  Diagnostics diagnostics;
};

Lexed LexText(std::string_view text) {
  Lexed out;
  out.tokens = Lex(text, "t.ordo", &out.diagnostics);
  return out;
}

std::string Kinds(const std::vector<Token>& tokens) {
  std::string out;
  for (const Token& t : tokens) {
    if (!out.empty()) out += ' ';
    switch (t.kind) {
      case TokenKind::kWord: out += "W(" + std::string(t.text) + ")"; break;
      case TokenKind::kString: out += "S(" + t.value + ")"; break;
      case TokenKind::kLangTag: out += "@" + t.value; break;
      case TokenKind::kNewline: out += "NL"; break;
      case TokenKind::kEof: out += "EOF"; break;
      default: out += std::string(t.text);
    }
  }
  return out;
}

TEST(Lexer, Punctuation) {
  Lexed l = LexText("->:,;*()[]{}");
  EXPECT_TRUE(l.diagnostics.empty());
  EXPECT_EQ(Kinds(l.tokens), "-> : , ; * ( ) [ ] { } EOF");
}

TEST(Lexer, WordsNumbersDatesInstants) {
  Lexed l = LexText("RU-MUR name.2 UA_43 5580 -3 12.5 2014-12~ 1992? 1991% 2024-02-26T17:30:00.5Z");
  EXPECT_TRUE(l.diagnostics.empty());
  EXPECT_EQ(Kinds(l.tokens),
            "W(RU-MUR) W(name.2) W(UA_43) W(5580) W(-3) W(12.5) W(2014-12~) W(1992?) W(1991%) "
            "W(2024-02-26T17:30:00.5Z) EOF");
}

TEST(Lexer, EdtfLevel1DatesAreSingleWords) {
  Lexed l = LexText("2001-21? 199X~ 20XX 2004-XX% 1985-04-XX 1985-XX-XX? -1985~ -019X Y170002? Y-170002% Y2024 ?v");
  EXPECT_TRUE(l.diagnostics.empty());
  EXPECT_EQ(Kinds(l.tokens),
            "W(2001-21?) W(199X~) W(20XX) W(2004-XX%) W(1985-04-XX) W(1985-XX-XX?) W(-1985~) W(-019X) W(Y170002?) "
            "W(Y-170002%) W(Y2024) W(?v) EOF");
  // A mark closes a 'Y' word only when the rest is a year: an id keeps its '?' apart.
  Lexed id = LexText("Yx? ?v");
  EXPECT_EQ(Kinds(id.tokens).substr(0, 5), "W(Yx)");
  EXPECT_FALSE(id.diagnostics.empty());
}

TEST(Lexer, ArrowDirectlyAfterWord) {
  Lexed l = LexText("RU-MUR->leningrad-md");
  EXPECT_EQ(Kinds(l.tokens), "W(RU-MUR) -> W(leningrad-md) EOF");
}

TEST(Lexer, ColonAfterLetterIsPunctuation) {
  Lexed l = LexText("[role:combat, k1:2]");
  EXPECT_EQ(Kinds(l.tokens), "[ W(role) : W(combat) , W(k1) : W(2) ] EOF");
}

TEST(Lexer, StringsAndEscapes) {
  Lexed l = LexText(R"("a \"b\" \\ \n \t" "Московский")");
  EXPECT_TRUE(l.diagnostics.empty());
  ASSERT_EQ(l.tokens.size(), 3u);
  EXPECT_EQ(l.tokens[0].value, "a \"b\" \\ \n \t");
  EXPECT_EQ(l.tokens[1].value, "Московский");
  // Columns count code points: the second string spans 12 columns.
  EXPECT_EQ(l.tokens[1].begin.column, 20u);
  EXPECT_EQ(l.tokens[1].end.column, 32u);
}

TEST(Lexer, LangTags) {
  Lexed l = LexText("@ru \"x\" @sr-Latn");
  EXPECT_EQ(Kinds(l.tokens), "@ru S(x) @sr-Latn EOF");
}

TEST(Lexer, CommentsAndNewlines) {
  Lexed l = LexText("kind a # comment \"not a string\"\r\nkind b\n");
  EXPECT_TRUE(l.diagnostics.empty());
  EXPECT_EQ(Kinds(l.tokens), "W(kind) W(a) NL W(kind) W(b) NL EOF");
  EXPECT_EQ(l.tokens[3].begin.line, 2u);
  EXPECT_EQ(l.tokens[3].begin.column, 1u);
}

TEST(Lexer, RegionsAreOneBasedAndEndExclusive) {
  Lexed l = LexText("  move X\n\tend");
  ASSERT_EQ(l.tokens.size(), 5u);
  EXPECT_EQ(l.tokens[0].begin.line, 1u);
  EXPECT_EQ(l.tokens[0].begin.column, 3u);
  EXPECT_EQ(l.tokens[0].end.column, 7u);
  EXPECT_EQ(l.tokens[2].begin.column, 9u);  // newline
  EXPECT_EQ(l.tokens[3].begin.line, 2u);
  EXPECT_EQ(l.tokens[3].begin.column, 2u);  // a tab is one column
  EXPECT_EQ(l.tokens[4].kind, TokenKind::kEof);
  EXPECT_EQ(l.tokens[4].begin.column, 5u);
}

TEST(Lexer, EofAfterFinalNewlineStaysOnLastLine) {
  Lexed l = LexText("kind a\n");
  const Token& eof = l.tokens.back();
  EXPECT_EQ(eof.begin.line, 1u);
  EXPECT_EQ(eof.begin.column, 7u);
}

TEST(Lexer, UnterminatedStringEndsAtLineEnd) {
  Lexed l = LexText("title \"abc\nkind x");
  ASSERT_EQ(l.diagnostics.size(), 1u);
  EXPECT_EQ(l.diagnostics[0].message(), "unterminated string");
  EXPECT_EQ(l.diagnostics[0].where().begin.column, 7u);
  EXPECT_EQ(l.diagnostics[0].where().end.column, 11u);
  EXPECT_EQ(Kinds(l.tokens), "W(title) S(abc) NL W(kind) W(x) EOF");
}

TEST(Lexer, UnknownEscape) {
  Lexed l = LexText(R"("a\qb")");
  ASSERT_EQ(l.diagnostics.size(), 1u);
  EXPECT_EQ(l.diagnostics[0].message(), "unknown escape '\\q' in a string");
  EXPECT_EQ(l.diagnostics[0].where().begin.column, 3u);
  EXPECT_EQ(l.diagnostics[0].where().end.column, 5u);
}

TEST(Lexer, StrayCharacters) {
  Lexed l = LexText("kind $a\nкинд\x01");
  ASSERT_EQ(l.diagnostics.size(), 6u);
  EXPECT_EQ(l.diagnostics[0].message(), "unexpected character '$'");
  EXPECT_EQ(l.diagnostics[0].where().begin.column, 6u);
  EXPECT_EQ(l.diagnostics[1].message(), "unexpected character 'к' (U+043A)");
  EXPECT_EQ(l.diagnostics[1].where().begin.line, 2u);
  EXPECT_EQ(l.diagnostics[2].where().begin.column, 2u);
  EXPECT_EQ(l.diagnostics[5].message(), "unexpected control character U+0001");
  EXPECT_EQ(l.diagnostics[5].where().begin.column, 5u);
  EXPECT_EQ(Kinds(l.tokens), "W(kind) W(a) NL EOF");
}

TEST(Lexer, MalformedUtf8IsReportedOncePerRun) {
  Lexed l = LexText("\"a\xFF\xFE\" \xC3");
  ASSERT_EQ(l.diagnostics.size(), 2u);
  EXPECT_EQ(l.diagnostics[0].message(), "invalid UTF-8 byte 0xFF");
  EXPECT_EQ(l.diagnostics[0].where().begin.column, 3u);
  EXPECT_EQ(l.diagnostics[1].message(), "invalid UTF-8 byte 0xC3");
  EXPECT_EQ(l.diagnostics[1].where().begin.column, 7u);
}

TEST(Lexer, LoneAt) {
  Lexed l = LexText("@ \"x\"");
  ASSERT_EQ(l.diagnostics.size(), 1u);
  EXPECT_EQ(l.diagnostics[0].message(), "expected a language tag after '@'");
}

TEST(Lexer, Describe) {
  Lexed l = LexText("move \"a very long string that goes on and on\" ->\n");
  EXPECT_EQ(Describe(l.tokens[0]), "'move'");
  EXPECT_EQ(Describe(l.tokens[1]), "the string \"a very long string that…");
  EXPECT_EQ(Describe(l.tokens[2]), "'->'");
  EXPECT_EQ(Describe(l.tokens[3]), "end of line");
  EXPECT_EQ(Describe(l.tokens[4]), "end of file");
}

}  // namespace
}  // namespace ordo::lang
