// Every class of diagnostic the lexer and parser report: exact line, column, message and notes.
// docs/language.md ("Diagnostics") lists the same classes.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lang/parser.h"
#include "lang_test_util.h"
#include "ordo/lang.h"

namespace ordo::lang {
namespace {

using testing::Summary;

struct Case {
  const char* name;
  std::string text;
  uint32_t line;
  uint32_t column;
  std::string message;
  std::vector<std::string> notes = {};  // "message" or "line:col: message" for a located note
  Code code = Code::kInvalid;
};

// Wraps operations in a valid order; the first operation is on line 3.
std::string Ops(const std::string& ops) { return "order o effective 2024-03-01 sources s\n{\n" + ops + "\n}\n"; }

const std::string kO = "while parsing order 'o': ";

std::string NoteText(const Note& n) {
  if (!n.where.known()) return n.message;
  return std::to_string(n.where.begin.line) + ":" + std::to_string(n.where.begin.column) + ": " + n.message;
}

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ParserErrors : public ::testing::TestWithParam<Case> {};

TEST_P(ParserErrors, ReportsExactlyOneDiagnostic) {
  const Case& c = GetParam();
  ParseResult r = ParseOrders(c.text, "t.ordo");
  ASSERT_EQ(r.diagnostics.size(), 1u) << Summary(r.diagnostics);
  const Status& s = r.diagnostics[0];
  EXPECT_EQ(s.message(), c.message);
  EXPECT_EQ(s.where().file, "t.ordo");
  EXPECT_EQ(s.where().begin.line, c.line);
  EXPECT_EQ(s.where().begin.column, c.column);
  EXPECT_EQ(s.code(), c.code);
  std::vector<std::string> notes;
  for (const Note& n : s.notes()) notes.push_back(NoteText(n));
  EXPECT_EQ(notes, c.notes);
}

const Case kCases[] = {
    // ---- Lexical ----
    {"UnterminatedString",
     "source s { title \"abc\n}",
     1,
     18,
     "unterminated string",
     {"a string ends on the line where it starts; write \\n for a line break"}},
    {"UnknownEscape",
     "source s { title \"a\\qb\" }",
     1,
     20,
     "unknown escape '\\q' in a string",
     {"the escapes are \\\" \\\\ \\n and \\t"}},
    {"StrayAsciiCharacter", "kind a $\n", 1, 8, "unexpected character '$'"},
    {"StrayNonAsciiCharacter",
     "kind Фa",
     1,
     6,
     "unexpected character 'Ф' (U+0424)",
     {"ids are written with ASCII letters, digits, '-', '_' and '.'; put other text in \"quotes\""}},
    {"SmartQuote",
     "kind “a",
     1,
     6,
     "unexpected character '“' (U+201C)",
     {"strings are written in straight double quotes: \"…\""}},
    {"SingleQuote",
     "kind 'a",
     1,
     6,
     "unexpected character '''",
     {"strings are written in straight double quotes: \"…\""}},
    {"ControlCharacter", "kind a\x07", 1, 7, "unexpected control character U+0007"},
    {"InvalidUtf8", "kind a # \xC0\xAF\n", 1, 10, "invalid UTF-8 byte 0xC0", {"an .ordo file must be UTF-8 text"}},
    {"LoneAt",
     Ops("create a : k @ \"x\""),
     3,
     14,
     "expected a language tag after '@'",
     {"write a BCP 47 tag: @ru, @uk, @en"}},

    // ---- Top level ----
    {"UnknownTopLevelWord",
     "oder x",
     1,
     1,
     "expected 'order', 'source', 'kind', 'relation', 'attribute', 'perspective' or 'rule', saw 'oder'",
     {"did you mean 'order'?"}},
    {"OperationAtTopLevel",
     "move a r -> b\nkind k",
     1,
     1,
     "expected 'order', 'source', 'kind', 'relation', 'attribute', 'perspective' or 'rule', saw 'move'",
     {"operations go inside an order: order ID \"TITLE\" … { OPERATIONS }"}},
    {"StrayBraceAtTopLevel", "}\nkind k", 1, 1,
     "expected 'order', 'source', 'kind', 'relation', 'attribute', 'perspective' or 'rule', saw '}'"},

    // ---- Order header ----
    {"MissingOrderId", "order \"Title\" effective 2024 sources s { }", 1, 7,
     "while parsing an order: expected an order id after 'order', saw the string \"Title\""},
    {"MisspelledHeaderClause",
     "order x effecive 2024-03-01 sources s { }",
     1,
     9,
     "while parsing order 'x': expected a header clause ('issuer', 'signed', 'effective', 'recorded', 'sources', "
     "'perspective', 'note') or '{', saw 'effecive'",
     {"did you mean 'effective'?"}},
    {"OperationBeforeBrace",
     "order x effective 2024 sources s\n  move a r -> b\n{ }",
     2,
     3,
     "while parsing order 'x': expected a header clause ('issuer', 'signed', 'effective', 'recorded', 'sources', "
     "'perspective', 'note') or '{', saw 'move'",
     {"operations go inside '{' '}' after the header"}},
    {"MissingEffective",
     "order x \"T\"\n  sources s\n{ }",
     1,
     7,
     "while parsing order 'x': missing 'effective' date",
     {"every order needs 'effective DATE', the default start of its operations"}},
    {"MissingSources",
     "order x effective 2024-03-01 { }",
     1,
     7,
     "while parsing order 'x': missing 'sources'",
     {"cite at least one source: sources ID, ID …"}},
    {"DuplicateHeaderClause",
     "order x effective 2024 sources s\n  effective 2025\n{ }",
     2,
     3,
     "while parsing order 'x': duplicate 'effective' clause",
     {"1:9: 'effective' was first given here"}},
    {"BadEffectiveDate", "order x effective 2024-02-30 sources s { }", 1, 19,
     "while parsing order 'x': invalid date 2024-02-30: day 30 is out of range for February 2024"},
    {"BadMonth", "order x effective 2024-13 sources s { }", 1, 19,
     "while parsing order 'x': invalid date 2024-13: month 13 is out of range (1-12)"},
    {"NotADate",
     "order x effective soon sources s { }",
     1,
     19,
     "while parsing order 'x': expected a date after 'effective', saw 'soon'",
     {"dates are written 2024-03-01, 2014-12 or 1991, optionally followed by ? ~ or %"}},
    {"BadSignedDate", "order x signed 24-03-01 effective 2024 sources s { }", 1, 16,
     "while parsing order 'x': invalid date 24-03-01: expected a four-digit year"},
    {"BadInstant", "order x effective 2024 recorded 2024-02-26T25:00Z sources s { }", 1, 33,
     "while parsing order 'x': invalid instant 2024-02-26T25:00Z: hour 25 is out of range (0-23)"},
    {"MissingInstant",
     "order x effective 2024 sources s recorded { }",
     1,
     43,
     "while parsing order 'x': expected an instant after 'recorded', saw '{'",
     {"write a date (2024-02-26) or a UTC time (2024-02-26T17:30:00Z)"}},
    {"MissingIssuer", "order x issuer\n effective 2024 sources s { }", 1, 15,
     "while parsing order 'x': expected an issuer (an id or a string) after 'issuer', saw end of line"},
    {"MissingSourceIdAfterComma", "order x effective 2024 sources s, { }", 1, 35,
     "while parsing order 'x': expected a source id, saw '{'"},
    {"SourceCitedTwice",
     "order x effective 2024 sources s, t, s { }",
     1,
     38,
     "while parsing order 'x': source 's' is cited twice",
     {"1:32: first cited here"},
     Code::kConflict},
    {"MissingPerspective", "order x effective 2024 sources s perspective { }", 1, 46,
     "while parsing order 'x': expected a perspective after 'perspective', saw '{'"},
    {"HeaderNoteNotAString", "order x effective 2024 sources s note x { }", 1, 39,
     "while parsing order 'x': expected a string after 'note', saw 'x'"},
    {"MissingBody", "order x effective 2024 sources s\n", 1, 33,
     "while parsing order 'x': expected '{' to open the operations, saw end of file"},
    {"MissingBodyBeforeNextItem", "order x effective 2024 sources s\nkind k\n", 2, 1,
     "while parsing order 'x': expected '{' to open the operations, saw 'kind'"},
    {"UnclosedBody",
     "order x effective 2024 sources s {\n  end a\n",
     2,
     8,
     "while parsing order 'x': expected '}' to close order 'x', saw end of file",
     {"1:34: the operations open here"}},
    {"UnclosedBodyBeforeNextOrder",
     "order x effective 2024 sources s {\n  end a\norder y effective 2024 sources s { }",
     3,
     1,
     "while parsing order 'x': expected '}' to close order 'x', saw 'order'",
     {"1:34: the operations open here"}},
    {"DuplicateOrderId",
     "order x effective 2024 sources s { }\norder x effective 2025 sources s { }",
     2,
     7,
     "duplicate order id 'x'",
     {"1:7: order 'x' was first defined here"},
     Code::kConflict},

    // ---- Operations ----
    {"UnknownOperation",
     Ops("moev a military-district -> b"),
     3,
     1,
     kO + "expected an operation, saw 'moev'",
     {"did you mean 'move'?"}},
    {"HeaderClauseInBody",
     Ops("effective 2024"),
     3,
     1,
     kO + "expected an operation, saw 'effective'",
     {"header clauses go before the '{' that opens the operations"}},
    {"MoveWithoutArrow",
     Ops("  move RU-MUR military-district leningrad-md"),
     3,
     33,
     kO + "expected '->' after 'military-district', saw 'leningrad-md'",
     {"write: move IDS RELATION -> OBJECT"}},
    {"AssignWithoutObject", Ops("assign a r ->"), 3, 14, kO + "expected the object id after '->', saw end of line"},
    {"MoveWithoutRelation", Ops("move a"), 3, 7, kO + "expected a relation name after the id, saw end of line"},
    {"CorrectWithoutArrow",
     Ops("correct a military-district western-md from 2010"),
     3,
     29,
     kO + "expected '->' after 'military-district', saw 'western-md'",
     {"write: correct IDS RELATION -> OBJECT|none from DATE, or correct IDS ATTRIBUTE VALUE|none from DATE"}},
    {"CorrectWithoutValue",
     Ops("correct a status from 2010"),
     3,
     18,
     kO + "expected '-> OBJECT', a value or 'none' after 'status', saw 'from'",
     {"write: correct IDS RELATION -> OBJECT|none from DATE, or correct IDS ATTRIBUTE VALUE|none from DATE"}},
    {"CorrectWithoutFrom",
     Ops("correct a r -> b to 2025"),
     3,
     1,
     kO + "'correct' needs a 'from' date",
     {"a correction replaces the record over [from, to); say where it starts: from DATE"}},
    {"EmptyInterval", Ops("assign a r -> b from 2021 to 2020-06"), 3, 30,
     kO + "empty interval: 'to' 2020-06 is not after 'from' 2021"},
    {"EmptyIntervalFromEffective", Ops("assign a r -> b to 2024-03-01"), 3, 20,
     kO + "empty interval: 'to' 2024-03-01 is not after the order's effective date 2024-03-01"},
    {"UnclosedIdList", Ops("move (a b r -> c"), 3, 13, kO + "expected an id or ')', saw '->'"},
    {"UnclosedIdListAtBrace",
     "order o effective 2024 sources s\n{\nend (a b\n}",
     4,
     1,
     kO + "expected ')' to close the list of ids, saw '}'",
     {"3:5: the list opens here"}},
    {"EmptyIdList", Ops("end ()"), 3, 6, kO + "expected an id, saw ')'"},
    {"NotAnId", Ops("end 2014-12~"), 3, 5, kO + "expected an id or a list of ids in ( ) after 'end', saw '2014-12~'"},
    {"CreateWithoutKind",
     Ops("create a \"A\""),
     3,
     10,
     kO + "expected ':' and a kind after the id, saw the string \"A\"",
     {"write: create ID : KIND \"Name\""}},
    {"CreateKindMissing", Ops("create a :"), 3, 11, kO + "expected a kind after ':', saw end of line"},
    {"BadLanguageTag",
     Ops("create a : k @1 \"x\""),
     3,
     14,
     kO + "invalid language tag '@1'",
     {"write a BCP 47 tag: @ru, @uk, @en, @sr-Latn"}},
    {"TagWithoutName", Ops("create a : k @ru"), 3, 17, kO + "expected a name in quotes after '@ru', saw end of line"},
    {"RenameWithoutNames",
     Ops("rename a"),
     3,
     9,
     kO + "expected a name in quotes after the ids of 'rename', saw end of line",
     {"write: rename ID \"Name\" @ru \"Имя\""}},
    {"SetBareWord",
     Ops("set a status fleet"),
     3,
     14,
     kO + "expected a value (a string, number, date or boolean) after 'status', saw 'fleet'",
     {"text is written in quotes: \"fleet\""}},
    {"SetNone",
     Ops("set a status none"),
     3,
     14,
     kO + "expected a value after 'status', saw 'none'",
     {"to remove a value, write: unset IDS ATTRIBUTE"}},
    {"SetMissingValue",
     Ops("set a status"),
     3,
     13,
     kO + "expected a value after 'status', saw end of line",
     {"to remove a value, write: unset IDS ATTRIBUTE"}},
    {"IntegerOutOfRange", Ops("set a n 9223372036854775808"), 3, 9, kO + "integer 9223372036854775808 is out of range"},
    {"BadDateValue", Ops("set a founded 2024-02-30"), 3, 15,
     kO + "invalid date 2024-02-30: day 30 is out of range for February 2024"},
    {"BadFromDate", Ops("end a from 1991-00"), 3, 12, kO + "invalid date 1991-00: month 0 is out of range (1-12)"},
    {"DuplicateFrom",
     Ops("end a from 2024 from 2025"),
     3,
     17,
     kO + "duplicate 'from' clause",
     {"3:7: 'from' was first given here"}},
    {"MisspelledClause",
     Ops("end a r -> b form 2024"),
     3,
     14,
     kO + "expected 'from', 'to', 'perspective', 'note', 'cites', '[' or end of line, saw 'form'",
     {"did you mean 'from'?"}},
    {"OperationNoteNotAString", Ops("end a note x"), 3, 12, kO + "expected a string after 'note', saw 'x'"},
    {"OperationPerspectiveMissing", Ops("end a perspective"), 3, 18,
     kO + "expected a perspective after 'perspective', saw end of line"},
    {"QualifierWithoutColon",
     Ops("assign a r -> b [extent partial]"),
     3,
     25,
     kO + "expected ':' after the qualifier key 'extent', saw 'partial'",
     {"write qualifiers as [key: value, key: value]"}},
    {"QualifierWithoutComma", Ops("assign a r -> b [a: 1 b: 2]"), 3, 23,
     kO + "expected ',' or ']' after a qualifier, saw 'b'"},
    {"QualifierUnclosed",
     "order o effective 2024 sources s\n{\nassign a r -> b [a: 1,\n}",
     4,
     1,
     kO + "expected ']' to close the qualifiers, saw '}'",
     {"3:17: the qualifiers open here"}},
    {"QualifierMissingValue", Ops("assign a r -> b [a: ]"), 3, 21,
     kO + "expected a value for the qualifier 'a', saw ']'"},
    {"QualifierBadKey", Ops("assign a r -> b [\"a\": 1]"), 3, 18,
     kO + "expected a qualifier key or ']', saw the string \"a\""},
    {"DuplicateQualifier",
     Ops("assign a r -> b [role: x, role: y]"),
     3,
     27,
     kO + "duplicate qualifier 'role'",
     {"3:18: 'role' was first given here"}},
    {"BadQualifierDate", Ops("assign a r -> b [since: 2014-13]"), 3, 25,
     kO + "invalid date 2014-13: month 13 is out of range (1-12)"},

    // ---- Sources ----
    {"MissingSourceId", "source { title \"x\" }", 1, 8,
     "while parsing a source: expected a source id after 'source', saw '{'"},
    {"SourceWithoutBrace",
     "source s title \"x\"\nkind k",
     1,
     10,
     "while parsing source 's': expected '{' after the source id, saw 'title'",
     {"write: source ID { title \"…\" … }"}},
    {"UnknownSourceField",
     "source s {\n  title \"x\"\n  publsher \"y\"\n}",
     3,
     3,
     "while parsing source 's': expected a source field ('title', 'publisher', 'date', 'url', 'quote', 'note', "
     "'original') or "
     "'}', saw 'publsher'",
     {"did you mean 'publisher'?"}},
    {"DuplicateSourceField",
     "source s {\n  title \"x\"\n  title \"y\"\n}",
     3,
     3,
     "while parsing source 's': duplicate 'title' field",
     {"2:3: 'title' was first given here"}},
    {"MissingTitle",
     "source s {\n  publisher \"y\"\n}",
     1,
     8,
     "while parsing source 's': missing 'title'",
     {"every source needs a title: title \"…\""}},
    {"SourceFieldNotAString", "source s { title x }", 1, 18,
     "while parsing source 's': expected a string after 'title', saw 'x'"},
    {"SourceBadDate", "source s { title \"x\" date 2024-02-30 }", 1, 27,
     "while parsing source 's': invalid date 2024-02-30: day 30 is out of range for February 2024"},
    {"SourceFieldJunk", "source s { title \"x\" \"y\" }", 1, 22,
     "while parsing source 's': expected end of line, saw the string \"y\""},
    {"UnclosedSource",
     "source s {\n  title \"x\"\n",
     2,
     12,
     "while parsing source 's': expected '}' to close source 's', saw end of file",
     {"1:10: the source opens here"}},
    {"DuplicateSourceId",
     "source s { title \"x\" }\nsource s { title \"y\" }",
     2,
     8,
     "duplicate source id 's'",
     {"1:8: source 's' was first defined here"},
     Code::kConflict},

    // ---- Schema ----
    {"MissingKindName", "kind : unit", 1, 6, "while parsing a kind: expected a kind name after 'kind', saw ':'"},
    {"KindJunk", "kind a b", 1, 8, "while parsing kind 'a': expected ': PARENT', 'note' or end of line, saw 'b'"},
    {"KindMissingParent", "kind a :", 1, 9,
     "while parsing kind 'a': expected a parent kind after ':', saw end of file"},
    {"RelationWithoutColon",
     "relation r unit -> unit",
     1,
     12,
     "while parsing relation 'r': expected ':' after 'r', saw 'unit'",
     {"write: relation NAME : SUBJECT-KINDS -> OBJECT-KINDS [exclusive] [acyclic]"}},
    {"RelationWithoutArrow",
     "relation r : unit unit",
     1,
     19,
     "while parsing relation 'r': expected ',' or '->' after the subject kinds, saw 'unit'",
     {"write: relation NAME : SUBJECT-KINDS -> OBJECT-KINDS [exclusive] [acyclic]"}},
    {"RelationMissingObjectKind", "relation r : unit ->", 1, 21,
     "while parsing relation 'r': expected an object kind, saw end of file"},
    {"RelationBadFlag",
     "relation r : unit -> unit exclusve",
     1,
     27,
     "while parsing relation 'r': expected ',', 'exclusive', 'acyclic', 'note' or end of line, saw 'exclusve'",
     {"did you mean 'exclusive'?"}},
    {"RelationDuplicateFlag",
     "relation r : unit -> unit exclusive exclusive",
     1,
     37,
     "while parsing relation 'r': duplicate 'exclusive' flag",
     {"1:27: 'exclusive' was first given here"}},
    {"AttributeUnknownType",
     "attribute a : unit -> strng",
     1,
     23,
     "while parsing attribute 'a': expected a type ('string', 'integer', 'number', 'date' or 'boolean'), saw 'strng'",
     {"did you mean 'string'?"}},
    {"AttributeStarWithoutArrow",
     "attribute a : * string",
     1,
     17,
     "while parsing attribute 'a': expected '->' after '*', saw 'string'",
     {"write: attribute NAME : SUBJECT-KINDS -> TYPE"}},
    {"AttributeJunk", "attribute a : * -> string x", 1, 27,
     "while parsing attribute 'a': expected 'note' or end of line, saw 'x'"},
};

INSTANTIATE_TEST_SUITE_P(All, ParserErrors, ::testing::ValuesIn(kCases),
                         [](const ::testing::TestParamInfo<Case>& info) { return std::string(info.param.name); });

// ---- Recovery: one text, several errors, each at its place ------------------

TEST(ParserRecovery, ReportsSeveralErrorsInOneFile) {
  const std::string text = R"(kind territory
relation military-district : territory -> military-district exclusve
source s {
  titel "x"
  title "ok"
}
order a "A"
  effecive 2024-03-01
  sources s
{
  moev RU-MUR military-district -> leningrad-md
  move RU-ARK military-district leningrad-md
  create x : k
  set x status fleet
}
order b effective 2024-03-01 sources s
{
  end y from 2024-02-30
  end z
}
oder c
kind ok-after-all
)";
  ParseResult r = ParseOrders(text, "t.ordo");
  EXPECT_EQ(Summary(r.diagnostics),
            "2:61: while parsing relation 'military-district': expected ',', 'exclusive', 'acyclic', 'note' or end of "
            "line, saw 'exclusve'\n"
            "4:3: while parsing source 's': expected a source field ('title', 'publisher', 'date', 'url', 'quote', "
            "'note', 'original') or '}', saw 'titel'\n"
            "8:3: while parsing order 'a': expected a header clause ('issuer', 'signed', 'effective', 'recorded', "
            "'sources', 'perspective', 'note') or '{', saw 'effecive'\n"
            "11:3: while parsing order 'a': expected an operation, saw 'moev'\n"
            "12:33: while parsing order 'a': expected '->' after 'military-district', saw 'leningrad-md'\n"
            "14:16: while parsing order 'a': expected a value (a string, number, date or boolean) after 'status', saw "
            "'fleet'\n"
            "18:14: while parsing order 'b': invalid date 2024-02-30: day 30 is out of range for February 2024\n"
            "21:1: expected 'order', 'source', 'kind', 'relation', 'attribute', 'perspective' or 'rule', saw 'oder'\n");
  // What parsed cleanly is still there (for tools that want a partial view).
  ASSERT_EQ(r.batch.orders.size(), 2u);
  EXPECT_EQ(r.batch.orders[0].ops.size(), 1u);  // create x
  EXPECT_EQ(r.batch.orders[1].ops.size(), 1u);  // end z
  ASSERT_EQ(r.batch.kinds.size(), 2u);
  EXPECT_EQ(r.batch.kinds[1].name, "ok-after-all");
}

TEST(ParserRecovery, LexicalAndSyntaxErrorsAreSortedByPosition) {
  ParseResult r = ParseOrders("kind a\nkind $b\nkind \"c\n", "t.ordo");
  EXPECT_EQ(Summary(r.diagnostics),
            "2:6: unexpected character '$'\n"
            "3:6: unterminated string\n"
            "3:6: while parsing a kind: expected a kind name after 'kind', saw the string \"c\n");
}

TEST(ParserRecovery, UnclosedListDoesNotSwallowNextOperations) {
  ParseResult r = ParseOrders(Ops("move (a b r -> c\nend d\nend e"), "t.ordo");
  ASSERT_EQ(r.diagnostics.size(), 1u) << Summary(r.diagnostics);
  ASSERT_EQ(r.batch.orders.size(), 1u);
  EXPECT_EQ(r.batch.orders[0].ops.size(), 2u);
}

TEST(ParserRecovery, TooManyErrorsAreCapped) {
  std::string text;
  for (int i = 0; i < 80; ++i) text += "kind $\n";
  ParseResult r = ParseOrders(text, "t.ordo");
  ASSERT_EQ(r.diagnostics.size(), kMaxDiagnostics + 1);
  EXPECT_EQ(r.diagnostics.back().message(), "too many errors: 110 more not shown");
  EXPECT_FALSE(r.diagnostics.back().where().known());
  EXPECT_EQ(r.diagnostics.back().where().file, "t.ordo");
}

// A binary or otherwise hopeless file does not make one kept Status per byte or per line.
TEST(ParserRecovery, ErrorsPastTheLimitAreCountedNotKept) {
  const std::string stray(200000, '$');
  ParseResult a = ParseOrders(stray, "t.ordo");
  ASSERT_EQ(a.diagnostics.size(), kMaxDiagnostics + 1);
  EXPECT_EQ(a.diagnostics[0].message(), "unexpected character '$'");
  EXPECT_EQ(a.diagnostics[49].where().begin.column, 50u);
  EXPECT_EQ(a.diagnostics.back().message(), "too many errors: 199950 more not shown");

  std::string kinds;
  for (int i = 0; i < 100000; ++i) kinds += "kind\n";
  ParseResult b = ParseOrders(kinds, "t.ordo");
  ASSERT_EQ(b.diagnostics.size(), kMaxDiagnostics + 1);
  EXPECT_EQ(b.diagnostics[49].where().begin.line, 50u);
  EXPECT_EQ(b.diagnostics.back().message(), "too many errors: 99950 more not shown");
}

TEST(LanguageTag, Shapes) {
  EXPECT_TRUE(IsLanguageTag("ru"));
  EXPECT_TRUE(IsLanguageTag("en-GB"));
  EXPECT_TRUE(IsLanguageTag("sr-Latn"));
  EXPECT_TRUE(IsLanguageTag("zh-Hant-TW"));
  EXPECT_FALSE(IsLanguageTag("r"));
  EXPECT_FALSE(IsLanguageTag("1"));
  EXPECT_FALSE(IsLanguageTag("ru-"));
  EXPECT_FALSE(IsLanguageTag("ru--x"));
  EXPECT_FALSE(IsLanguageTag("abcdefghi"));
  EXPECT_FALSE(IsLanguageTag(""));
}

}  // namespace
}  // namespace ordo::lang
