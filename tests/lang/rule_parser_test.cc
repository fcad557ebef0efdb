// The rule syntax (docs/rules.md): what parses to what, the canonical text
// round trip, and the diagnostics with their exact line, column and message.
#include <gtest/gtest.h>

#include <string>

#include "lang_test_util.h"
#include "ordo/lang.h"

namespace ordo::lang {
namespace {

constexpr const char* kRule = R"(# a comment
rule red-line "Direct conflict 'inevitable' if contingents are sent"
  cites peskov-2024-02-27   # the statement
  sources peskov-2024-lbc, peskov-2024-pravda
  perspective RU
  note "Narrower than the words."
  when member-of(?s, nato), member-of(?s, eu),
       deployed-to(?s, ?t)[role: combat, size: 2000], part-of(?t, UA), status(?s, "active")

order o "after the rule" effective 2024-01-01 sources x {
  create a : k
}
)";

TEST(RuleParser, ParsesEveryClause) {
  ParseResult r = ParseOrders(kRule, "r.ordo");
  ASSERT_TRUE(r.ok()) << testing::Summary(r.diagnostics);
  ASSERT_EQ(r.batch.rules.size(), 1u);
  ASSERT_EQ(r.batch.orders.size(), 1u);
  const RuleDecl& rule = r.batch.rules[0];
  EXPECT_EQ(rule.id, "red-line");
  EXPECT_EQ(rule.title, "Direct conflict 'inevitable' if contingents are sent");
  EXPECT_EQ(rule.cites, "peskov-2024-02-27");
  EXPECT_EQ(rule.sources, (std::vector<std::string>{"peskov-2024-lbc", "peskov-2024-pravda"}));
  EXPECT_EQ(rule.perspective, "RU");
  EXPECT_EQ(rule.note, "Narrower than the words.");
  EXPECT_EQ(testing::Where(rule.where), "2:6-2:14");
  EXPECT_EQ(testing::Where(rule.cites_where), "3:9-3:26");
  ASSERT_EQ(rule.atoms.size(), 5u);
  const RuleAtom& deployed = rule.atoms[2];
  EXPECT_EQ(deployed.predicate, "deployed-to");
  EXPECT_EQ(testing::Where(deployed.where), "8:8-8:19");
  EXPECT_TRUE(deployed.subject.is_variable);
  EXPECT_EQ(deployed.subject.name, "s");
  EXPECT_EQ(testing::Where(deployed.subject.where), "8:20-8:22");
  EXPECT_TRUE(deployed.object.is_variable);
  EXPECT_EQ(deployed.object.name, "t");
  ASSERT_EQ(deployed.qualifiers.size(), 2u);
  EXPECT_EQ(deployed.qualifiers[0], (Qualifier{"role", Value{std::string("combat")}}));
  EXPECT_EQ(deployed.qualifiers[1], (Qualifier{"size", Value{int64_t{2000}}}));
  EXPECT_FALSE(rule.atoms[3].object.is_variable);
  EXPECT_EQ(rule.atoms[3].object.name, "UA");
  ASSERT_TRUE(rule.atoms[4].value.has_value());
  EXPECT_EQ(*rule.atoms[4].value, Value{std::string("active")});
}

TEST(RuleParser, CanonicalTextRoundTrips) {
  ParseResult r = ParseOrders(kRule, "r.ordo");
  ASSERT_TRUE(r.ok());
  const RuleDecl& rule = r.batch.rules[0];
  const std::string text = FormatRule(rule);
  EXPECT_EQ(text,
            "rule red-line \"Direct conflict 'inevitable' if contingents are sent\"\n"
            "  cites peskov-2024-02-27\n"
            "  sources peskov-2024-lbc, peskov-2024-pravda\n"
            "  perspective RU\n"
            "  note \"Narrower than the words.\"\n"
            "  when member-of(?s, nato), member-of(?s, eu), deployed-to(?s, "
            "?t)[role: \"combat\", size: 2000], "
            "part-of(?t, UA), status(?s, \"active\")\n");
  ParseResult again = ParseOrders(text, "canonical");
  ASSERT_TRUE(again.ok()) << testing::Summary(again.diagnostics);
  ASSERT_EQ(again.batch.rules.size(), 1u);
  EXPECT_EQ(FormatRule(again.batch.rules[0]), text);
  EXPECT_EQ(again.batch.rules[0].atoms.size(), rule.atoms.size());
}

TEST(RuleParser, ClausesMayShareALine) {
  ParseResult r = ParseOrders("rule r \"t\" cites x sources y when p(?a, b)\n", "r.ordo");
  ASSERT_TRUE(r.ok()) << testing::Summary(r.diagnostics);
  EXPECT_EQ(r.batch.rules[0].atoms[0].predicate, "p");
}

struct ErrorCase {
  const char* text;
  const char* summary;  // testing::Summary of the diagnostics: "line:col: message" lines
};

class RuleParserErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(RuleParserErrors, ReportsWhereAndWhat) {
  ParseResult r = ParseOrders(GetParam().text, "r.ordo");
  EXPECT_EQ(testing::Summary(r.diagnostics), GetParam().summary);
  EXPECT_TRUE(r.batch.rules.empty());
}

INSTANTIATE_TEST_SUITE_P(Cases, RuleParserErrors,
                         ::testing::Values(ErrorCase{"rule\n",
                                                     "1:5: while parsing a rule: expected a rule id "
                                                     "after 'rule', saw end of line\n"},
                                           ErrorCase{"rule r cites x\n",
                                                     "1:8: while parsing rule 'r': expected a title in quotes "
                                                     "after the rule id, saw 'cites'\n"},
                                           ErrorCase{"rule r \"t\"\n  cites x\n  sources y\n  whn p(?a, b)\n",
                                                     "4:3: while parsing rule 'r': expected a rule clause "
                                                     "('cites', 'sources', 'perspective', 'note' or "
                                                     "'when'), saw 'whn'\n"},
                                           ErrorCase{"rule r \"t\" cites x sources y\n",
                                                     "1:6: while parsing rule 'r': the rule has no 'when' clause\n"},
                                           ErrorCase{"rule r \"t\" sources y when p(?a, b)\n",
                                                     "1:6: while parsing rule 'r': the rule has no 'cites' clause\n"},
                                           ErrorCase{"rule r \"t\" cites x when p(?a, b)\n",
                                                     "1:6: while parsing rule 'r': the rule has no 'sources' clause\n"},
                                           ErrorCase{"rule r \"t\" cites x cites y\n",
                                                     "1:20: while parsing rule 'r': duplicate 'cites' clause\n"},
                                           ErrorCase{
                                               "rule r \"t\" cites x sources y when p ?a\n",
                                               "1:37: while parsing rule 'r': expected '(' after 'p', saw '?a'\n"},
                                           ErrorCase{"rule r \"t\" cites x sources y when p(?a b)\n",
                                                     "1:40: while parsing rule 'r': expected ',' after the "
                                                     "subject of 'p', saw 'b'\n"},
                                           ErrorCase{"rule r \"t\" cites x sources y when p(?a, b\n",
                                                     "1:42: while parsing rule 'r': expected ')' to close 'p', "
                                                     "saw end of line\n"},
                                           ErrorCase{"rule r \"t\" cites x sources y when p(\"a\", b)\n",
                                                     "1:37: while parsing rule 'r': expected a subject (a "
                                                     "variable or an entity id) in 'p', saw the "
                                                     "string \"a\"\n"},
                                           ErrorCase{"rule r \"t\" cites x sources y when p(?a, b)[role combat]\n",
                                                     "1:49: while parsing rule 'r': expected ':' after the "
                                                     "qualifier key 'role', saw 'combat'\n"},
                                           ErrorCase{"rule r \"t\" cites x sources y when p(?a, b), not q(?a, c)\n",
                                                     "1:45: while parsing rule 'r': a watch rule's condition "
                                                     "cannot use 'not'\n"},
                                           ErrorCase{"rule r \"t\" cites x sources y when p(?a, b), \n\norder o "
                                                     "\"o\" effective 2024-01-01 sources s {\n}\n",
                                                     "3:1: while parsing rule 'r': expected a relation or "
                                                     "attribute name, as in member-of(?s, nato), "
                                                     "saw 'order'\n"}));

TEST(RuleParser, RecoversAtTheNextItem) {
  ParseResult r = ParseOrders(
      "rule r \"t\" cites x sources y when p(?a b)\n  more junk here\n"
      "order o \"o\" effective 2024-01-01 sources s {\n  create a : k\n}\n"
      "rule q \"t\" cites x sources y when p(?a, b)\n",
      "r.ordo");
  ASSERT_EQ(r.diagnostics.size(), 1u) << testing::Summary(r.diagnostics);
  EXPECT_EQ(r.batch.orders.size(), 1u);
  ASSERT_EQ(r.batch.rules.size(), 1u);
  EXPECT_EQ(r.batch.rules[0].id, "q");
}

TEST(RuleParser, ANoteSuggestsTheNearestClause) {
  ParseResult r = ParseOrders("rule r \"t\"\n  cites x\n  sources y\n  whn p(?a, b)\n", "r.ordo");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  ASSERT_EQ(r.diagnostics[0].notes().size(), 1u);
  EXPECT_EQ(r.diagnostics[0].notes()[0].message, "did you mean 'when'?");
}

TEST(RuleParser, AQuestionMarkAloneIsAStrayCharacter) {
  ParseResult r = ParseOrders("rule r \"t\" cites x sources y when p(?, b)\n", "r.ordo");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.diagnostics[0].where().begin.column, 37u);
}

// Truncated and damaged rules never crash the parser; what still parses round-trips.
TEST(RuleParser, SurvivesEveryPrefixAndDeletion) {
  const std::string text = kRule;
  for (size_t cut = 0; cut <= text.size(); ++cut) {
    for (const std::string& variant :
         {text.substr(0, cut), text.substr(0, cut) + text.substr(std::min(cut + 1, text.size()))}) {
      ParseResult r = ParseOrders(variant, "r.ordo");
      for (const RuleDecl& rule : r.batch.rules) {
        ParseResult again = ParseOrders(FormatRule(rule), "canonical");
        ASSERT_TRUE(again.ok()) << FormatRule(rule) << testing::Summary(again.diagnostics);
        ASSERT_EQ(FormatRule(again.batch.rules.at(0)), FormatRule(rule));
      }
    }
  }
}

// Every ```ordo block of docs/rules.md parses without a diagnostic.
TEST(RuleParser, DocsExamplesParse) {
  const std::string doc = testing::ReadFile(std::string(ORDO_SOURCE_DIR) + "/docs/rules.md");
  int checked = 0;
  size_t pos = 0;
  while ((pos = doc.find("```ordo\n", pos)) != std::string::npos) {
    const size_t begin = pos + 8;
    const size_t end = doc.find("```", begin);
    ASSERT_NE(end, std::string::npos);
    ParseResult r = ParseOrders(doc.substr(begin, end - begin), "rules.md");
    EXPECT_TRUE(r.ok()) << testing::Summary(r.diagnostics);
    EXPECT_FALSE(r.batch.rules.empty());
    ++checked;
    pos = end + 3;
  }
  EXPECT_GE(checked, 1);
}

}  // namespace
}  // namespace ordo::lang
