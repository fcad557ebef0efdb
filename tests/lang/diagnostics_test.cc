// RenderDiagnostic: golden output, exact to the byte.
#include <gtest/gtest.h>

#include <string>

#include "ordo/lang.h"

namespace ordo {
namespace {

SourceRegion At(uint32_t line, uint32_t begin, uint32_t end, const std::string& file = "data/x.ordo") {
  return SourceRegion{file, {line, begin}, {line, end}};
}

constexpr char kText[] =
    "kind territory\n"
    "relation military-district : territory -> military-district exclusive\n"
    "source s { title \"t\" }\n"
    "order o effective 2024-03-01 sources s\n"
    "{\n"
    "  create leningrad-md : military-district\n"
    "  move RU-MUR military-distrct -> leningrad-md\n"
    "}\n";

// The example of docs/language.md, "Diagnostics".
TEST(RenderDiagnostic, DocExample) {
  Status s = Status::NotFound("unknown relation 'military-distrct'", At(7, 15, 31));
  s.AddNote("did you mean 'military-district'?");
  EXPECT_EQ(RenderDiagnostic(s, kText, "data/x.ordo"),
            "data/x.ordo:7:15: error: unknown relation 'military-distrct'\n"
            "    7 |   move RU-MUR military-distrct -> leningrad-md\n"
            "      |               ^~~~~~~~~~~~~~~~\n"
            "note: did you mean 'military-district'?\n");
}

TEST(RenderDiagnostic, NoteInTheSameTextShowsItsLine) {
  Status s = Status::Conflict("duplicate order id 'o'", At(4, 7, 8));
  s.AddNote("order 'o' was first defined here", At(2, 10, 27));
  EXPECT_EQ(RenderDiagnostic(s, kText, "data/x.ordo"),
            "data/x.ordo:4:7: error: duplicate order id 'o'\n"
            "    4 | order o effective 2024-03-01 sources s\n"
            "      |       ^\n"
            "data/x.ordo:2:10: note: order 'o' was first defined here\n"
            "    2 | relation military-district : territory -> military-district exclusive\n"
            "      |          ^~~~~~~~~~~~~~~~~\n");
}

TEST(RenderDiagnostic, NoteInAnotherFileShowsOnlyItsLocus) {
  Status s = Status::Conflict("relation 'military-district' is declared differently", At(2, 10, 27));
  s.AddNote("first declared here", At(12, 10, 27, "data/schema.ordo"));
  EXPECT_EQ(RenderDiagnostic(s, kText, "data/x.ordo"),
            "data/x.ordo:2:10: error: relation 'military-district' is declared differently\n"
            "    2 | relation military-district : territory -> military-district exclusive\n"
            "      |          ^~~~~~~~~~~~~~~~~\n"
            "data/schema.ordo:12:10: note: first declared here\n");
}

TEST(RenderDiagnostic, NoteAtTheSameRegionIsPlain) {
  Status s = Status::Invalid("bad", At(1, 1, 5));
  s.AddNote("hint", At(1, 1, 5));
  EXPECT_EQ(RenderDiagnostic(s, kText, "data/x.ordo"),
            "data/x.ordo:1:1: error: bad\n"
            "    1 | kind territory\n"
            "      | ^~~~\n"
            "note: hint\n");
}

TEST(RenderDiagnostic, CaretsLineUpUnderCyrillicAndTabs) {
  const std::string text = "source s {\n\ttitle \"Указ № 141\" x\n}\n";
  ParseResult r = ParseOrders(text, "s.ordo");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(RenderDiagnostic(r.diagnostics[0], text, "s.ordo"),
            "s.ordo:2:21: error: while parsing source 's': expected end of line, saw 'x'\n"
            "    2 | \ttitle \"Указ № 141\" x\n"
            "      | \t                   ^\n");
}

// Regression: a UTF-8 byte order mark opening a file (as Windows editors save it) was an error
// ("unexpected character U+FEFF"); it is skipped and takes no column.
TEST(RenderDiagnostic, AByteOrderMarkOpeningAFileIsNotText) {
  const std::string ok = "\xEF\xBB\xBFkind territory\n";
  EXPECT_TRUE(ParseOrders(ok, "b.ordo").ok());
  const std::string text = "\xEF\xBB\xBFkind\n";
  ParseResult r = ParseOrders(text, "b.ordo");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(RenderDiagnostic(r.diagnostics[0], text, "b.ordo"),
            "b.ordo:1:5: error: while parsing a kind: expected a kind name after 'kind', saw end of line\n"
            "    1 | kind\n"
            "      |     ^\n");
}

TEST(RenderDiagnostic, ParserDiagnosticEndToEnd) {
  const std::string text = "order o effective 2024-03-01 sources s\n{\n  moev a r -> b\n}\n";
  ParseResult r = ParseOrders(text, "o.ordo");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(RenderDiagnostic(r.diagnostics[0], text, "o.ordo"),
            "o.ordo:3:3: error: while parsing order 'o': expected an operation, saw 'moev'\n"
            "    3 |   moev a r -> b\n"
            "      |   ^~~~\n"
            "note: did you mean 'move'?\n");
}

TEST(RenderDiagnostic, EndOfLineAndEndOfFile) {
  const std::string text = "order o effective 2024 sources s {\n  move a\n";
  ParseResult r = ParseOrders(text, "o.ordo");
  ASSERT_EQ(r.diagnostics.size(), 2u);
  EXPECT_EQ(RenderDiagnostic(r.diagnostics[0], text, "o.ordo"),
            "o.ordo:2:9: error: while parsing order 'o': expected a relation name after the id, saw end of line\n"
            "    2 |   move a\n"
            "      |         ^\n");
  EXPECT_EQ(RenderDiagnostic(r.diagnostics[1], text, "o.ordo"),
            "o.ordo:2:9: error: while parsing order 'o': expected '}' to close order 'o', saw end of file\n"
            "    2 |   move a\n"
            "      |         ^\n"
            "o.ordo:1:34: note: the operations open here\n"
            "    1 | order o effective 2024 sources s {\n"
            "      |                                  ^\n");
}

TEST(RenderDiagnostic, MultiLineRegionUnderlinesToTheEndOfItsFirstLine) {
  Status s = Status::Invalid("span", SourceRegion{"f", {1, 6}, {3, 2}});
  EXPECT_EQ(RenderDiagnostic(s, "move (a\n b\n c)\n", "f"),
            "f:1:6: error: span\n"
            "    1 | move (a\n"
            "      |      ^~\n");
}

TEST(RenderDiagnostic, WideLineNumbers) {
  std::string text(123456, '\n');
  text += "kind x\n";
  Status s = Status::Invalid("here", At(123457, 6, 7, "f"));
  EXPECT_EQ(RenderDiagnostic(s, text, "f"),
            "f:123457:6: error: here\n"
            "123457 | kind x\n"
            "       |      ^\n");
}

TEST(RenderDiagnostic, WithoutARegionOrText) {
  EXPECT_EQ(RenderDiagnostic(Status::Io("cannot open db"), "", "f"), "error: cannot open db\n");
  EXPECT_EQ(RenderDiagnostic(Status::Invalid("too many errors", SourceRegion{"f", {}, {}}), "", "f"),
            "f: error: too many errors\n");
  // A region in another file: the locus, no excerpt.
  EXPECT_EQ(RenderDiagnostic(Status::Invalid("x", At(3, 1, 2, "g")), kText, "f"), "g:3:1: error: x\n");
  // A region past the end of the text: the locus, no excerpt.
  EXPECT_EQ(RenderDiagnostic(Status::Invalid("x", At(99, 1, 2, "f")), "a\n", "f"), "f:99:1: error: x\n");
}

TEST(RenderDiagnostic, ClampsRegionsOutsideTheLine) {
  Status s = Status::Invalid("x", SourceRegion{"f", {1, 4000000000u}, {1, 4000000001u}});
  EXPECT_EQ(RenderDiagnostic(s, "ab\n", "f"),
            "f:1:4000000000: error: x\n"
            "    1 | ab\n"
            "      |   ^\n");
}

TEST(RenderDiagnostic, ControlCharactersAndMalformedBytesAreNeutralised) {
  Status s = Status::Invalid("x", At(1, 4, 5, "f"));
  EXPECT_EQ(RenderDiagnostic(s, "a\x1b\xFFz\r\n", "f"),
            "f:1:4: error: x\n"
            "    1 | a \xEF\xBF\xBDz\n"
            "      |    ^\n");
}

TEST(RenderDiagnostic, Colour) {
  Status s = Status::Invalid("bad", At(1, 1, 5, "f"));
  s.AddNote("hint");
  EXPECT_EQ(RenderDiagnostic(s, "kind x\n", "f", /*color=*/true),
            "\033[01m\033[Kf:1:1:\033[m\033[K \033[01;31m\033[Kerror:\033[m\033[K bad\n"
            "    1 | kind x\n"
            "      | \033[01;32m\033[K^~~~\033[m\033[K\n"
            "\033[01;36m\033[Knote:\033[m\033[K hint\n");
}

}  // namespace
}  // namespace ordo
