// Every construct of docs/language.md parses into the expected Batch, with precise regions.
#include <gtest/gtest.h>

#include <string>

#include "lang_test_util.h"
#include "ordo/lang.h"

namespace ordo::lang {
namespace {

using testing::Summary;
using testing::TextAt;
using testing::Where;

constexpr char kFile[] = "t.ordo";

FuzzyDate Day(int y, int m, int d) { return FuzzyDate::Exact(Date::FromCivil(y, m, d)); }

// A minimal order around some operations.
std::string InOrder(const std::string& ops) {
  return "order o \"T\" effective 2024-03-01 sources s\n{\n" + ops + "\n}\n";
}

// Parses ops inside an order; fails the test on any diagnostic.
std::vector<Op> ParseOps(const std::string& ops) {
  ParseResult r = ParseOrders(InOrder(ops), kFile);
  EXPECT_TRUE(r.ok()) << Summary(r.diagnostics);
  if (r.batch.orders.size() != 1) return {};
  return r.batch.orders[0].ops;
}

constexpr char kDocExample[] = R"(# Decree No. 141 as one order
source decree-141-2024 {
  title     "Указ Президента РФ от 26.02.2024 № 141 «О военно-административном делении Российской Федерации»"
  publisher "President of Russia"
  date      2024-02-26
  url       "http://publication.pravo.gov.ru/document/0001202402260001"
}

order ru-decree-141-2024 "Decree No. 141 on the military-administrative division"
  issuer RU  signed 2024-02-26  effective 2024-03-01  recorded 2024-02-26
  sources decree-141-2024
{
  create moscow-md : military-district "Moscow Military District" @ru "Московский военный округ"
  create leningrad-md : military-district "Leningrad Military District"
  move (RU-MUR RU-ARK RU-KO RU-NEN) military-district -> leningrad-md
  end western-md
}
)";

TEST(Parser, DocExample) {
  ParseResult r = ParseOrders(kDocExample, kFile);
  ASSERT_TRUE(r.ok()) << Summary(r.diagnostics);
  ASSERT_EQ(r.batch.sources.size(), 1u);
  const SourceDecl& s = r.batch.sources[0];
  EXPECT_EQ(s.id, "decree-141-2024");
  EXPECT_EQ(s.title, "Указ Президента РФ от 26.02.2024 № 141 «О военно-административном делении Российской Федерации»");
  EXPECT_EQ(s.publisher, "President of Russia");
  EXPECT_EQ(s.date, Day(2024, 2, 26));
  EXPECT_EQ(s.url, "http://publication.pravo.gov.ru/document/0001202402260001");
  EXPECT_EQ(Where(s.where), "2:8-2:23");
  EXPECT_EQ(s.where.file, kFile);

  ASSERT_EQ(r.batch.orders.size(), 1u);
  const OrderDecl& o = r.batch.orders[0];
  EXPECT_EQ(o.id, "ru-decree-141-2024");
  EXPECT_EQ(o.title, "Decree No. 141 on the military-administrative division");
  EXPECT_EQ(o.issuer, "RU");
  EXPECT_EQ(o.signed_on, Day(2024, 2, 26));
  EXPECT_EQ(o.effective, Day(2024, 3, 1));
  ASSERT_TRUE(o.recorded.has_value());
  EXPECT_EQ(*o.recorded, *ParseInstant("2024-02-26"));
  EXPECT_EQ(o.sources, std::vector<std::string>{"decree-141-2024"});
  EXPECT_EQ(Where(o.where), "9:7-9:25");
  ASSERT_EQ(o.source_where.size(), 1u);
  EXPECT_EQ(Where(o.source_where[0]), "11:11-11:26");
  EXPECT_EQ(o.perspective, "");

  ASSERT_EQ(o.ops.size(), 4u);
  const Op& create = o.ops[0];
  EXPECT_EQ(create.kind, OpKind::kCreate);
  EXPECT_EQ(create.subjects, std::vector<std::string>{"moscow-md"});
  EXPECT_EQ(create.entity_kind, "military-district");
  ASSERT_EQ(create.names.size(), 2u);
  EXPECT_EQ(create.names[0].lang, "en");
  EXPECT_EQ(create.names[0].text, "Moscow Military District");
  EXPECT_EQ(create.names[1].lang, "ru");
  EXPECT_EQ(create.names[1].text, "Московский военный округ");
  EXPECT_EQ(Where(create.where), "13:3-13:97");
  EXPECT_EQ(Where(create.kind_where), "13:22-13:39");

  const Op& move = o.ops[2];
  EXPECT_EQ(move.kind, OpKind::kMove);
  EXPECT_EQ(move.subjects, (std::vector<std::string>{"RU-MUR", "RU-ARK", "RU-KO", "RU-NEN"}));
  ASSERT_EQ(move.subject_where.size(), 4u);
  EXPECT_EQ(Where(move.subject_where[0]), "15:9-15:15");
  EXPECT_EQ(Where(move.subject_where[3]), "15:29-15:35");
  EXPECT_EQ(move.predicate, "military-district");
  EXPECT_EQ(Where(move.predicate_where), "15:37-15:54");
  EXPECT_EQ(move.object, "leningrad-md");
  EXPECT_EQ(Where(move.object_where), "15:58-15:70");
  EXPECT_EQ(Where(move.where), "15:3-15:70");
  EXPECT_FALSE(move.from.has_value());
  EXPECT_FALSE(move.to.has_value());

  const Op& end = o.ops[3];
  EXPECT_EQ(end.kind, OpKind::kEndEntity);
  EXPECT_EQ(end.subjects, std::vector<std::string>{"western-md"});
  EXPECT_EQ(Where(end.where), "16:3-16:17");
}

// Round-trip sanity: every region in the parsed example covers exactly the text it names.
TEST(Parser, DocExampleRegionsPointAtTheirText) {
  const std::string text = kDocExample;
  ParseResult r = ParseOrders(text, kFile);
  ASSERT_TRUE(r.ok());
  for (const SourceDecl& s : r.batch.sources) EXPECT_EQ(TextAt(text, s.where), s.id);
  for (const OrderDecl& o : r.batch.orders) {
    EXPECT_EQ(TextAt(text, o.where), o.id);
    for (size_t i = 0; i < o.sources.size(); ++i) EXPECT_EQ(TextAt(text, o.source_where[i]), o.sources[i]);
    for (const Op& op : o.ops) {
      ASSERT_EQ(op.subjects.size(), op.subject_where.size());
      for (size_t i = 0; i < op.subjects.size(); ++i) EXPECT_EQ(TextAt(text, op.subject_where[i]), op.subjects[i]);
      EXPECT_EQ(TextAt(text, op.where).substr(0, std::string(OpKindName(op.kind)).size()), OpKindName(op.kind));
      if (!op.predicate.empty()) {
        EXPECT_EQ(TextAt(text, op.predicate_where), op.predicate);
      }
      if (!op.object.empty()) {
        EXPECT_EQ(TextAt(text, op.object_where), op.object);
      }
      if (!op.entity_kind.empty()) {
        EXPECT_EQ(TextAt(text, op.kind_where), op.entity_kind);
      }
    }
  }
}

TEST(Parser, Schema) {
  const std::string text = R"(kind territory
kind federal-subject : territory        # a sub-kind: accepted wherever territory is
kind unit
kind military-district : unit

relation military-district : territory -> military-district, fleet  exclusive
relation subordinate-to : unit -> unit  exclusive acyclic
relation member-of : state -> alliance  note "membership of an alliance or union"
attribute status : unit -> string
attribute warheads : state -> integer
attribute founded : * -> date note "first day of existence"
attribute area : territory, state -> number
attribute active : unit -> boolean
kind fleet : unit note "a naval command"
)";
  ParseResult r = ParseOrders(text, kFile);
  ASSERT_TRUE(r.ok()) << Summary(r.diagnostics);
  ASSERT_EQ(r.batch.kinds.size(), 5u);
  EXPECT_EQ(r.batch.kinds[0].name, "territory");
  EXPECT_EQ(r.batch.kinds[0].parent, "");
  EXPECT_EQ(r.batch.kinds[1].name, "federal-subject");
  EXPECT_EQ(r.batch.kinds[1].parent, "territory");
  EXPECT_EQ(Where(r.batch.kinds[1].where), "2:6-2:21");
  EXPECT_EQ(r.batch.kinds[4].note, "a naval command");

  ASSERT_EQ(r.batch.relations.size(), 3u);
  const RelationDecl& md = r.batch.relations[0];
  EXPECT_EQ(md.name, "military-district");
  EXPECT_EQ(md.subject_kinds, std::vector<std::string>{"territory"});
  EXPECT_EQ(md.object_kinds, (std::vector<std::string>{"military-district", "fleet"}));
  EXPECT_TRUE(md.exclusive);
  EXPECT_FALSE(md.acyclic);
  EXPECT_EQ(Where(md.where), "6:10-6:27");
  EXPECT_TRUE(r.batch.relations[1].exclusive);
  EXPECT_TRUE(r.batch.relations[1].acyclic);
  EXPECT_FALSE(r.batch.relations[2].exclusive);
  EXPECT_EQ(r.batch.relations[2].note, "membership of an alliance or union");

  ASSERT_EQ(r.batch.attributes.size(), 5u);
  EXPECT_EQ(r.batch.attributes[0].name, "status");
  EXPECT_EQ(r.batch.attributes[0].type, ValueType::kString);
  EXPECT_EQ(r.batch.attributes[0].subject_kinds, std::vector<std::string>{"unit"});
  EXPECT_EQ(r.batch.attributes[1].type, ValueType::kInteger);
  EXPECT_EQ(r.batch.attributes[2].type, ValueType::kDate);
  EXPECT_TRUE(r.batch.attributes[2].subject_kinds.empty());  // '*'
  EXPECT_EQ(r.batch.attributes[2].note, "first day of existence");
  EXPECT_EQ(r.batch.attributes[3].type, ValueType::kNumber);
  EXPECT_EQ(r.batch.attributes[3].subject_kinds, (std::vector<std::string>{"territory", "state"}));
  EXPECT_EQ(r.batch.attributes[4].type, ValueType::kBoolean);
}

TEST(Parser, SourceWithAllFields) {
  ParseResult r = ParseOrders(R"(source isw-2024-02-26 {
  title     "Russian Offensive Campaign Assessment, February 26, 2024"
  publisher "Institute for the Study of War"
  date      2024-02-26
  url       "https://www.understandingwar.org/..."
  quote     "Putin signed two decrees on February 26 …"
  note      "ISW says two decrees; TASS says one"
}
source tass { title "TASS"; date 2024-02~ }
source min
{
  title "Minimal"
}
)",
                              kFile);
  ASSERT_TRUE(r.ok()) << Summary(r.diagnostics);
  ASSERT_EQ(r.batch.sources.size(), 3u);
  const SourceDecl& s = r.batch.sources[0];
  EXPECT_EQ(s.title, "Russian Offensive Campaign Assessment, February 26, 2024");
  EXPECT_EQ(s.publisher, "Institute for the Study of War");
  EXPECT_EQ(s.date, Day(2024, 2, 26));
  EXPECT_EQ(s.url, "https://www.understandingwar.org/...");
  EXPECT_EQ(s.quote, "Putin signed two decrees on February 26 …");
  EXPECT_EQ(s.note, "ISW says two decrees; TASS says one");
  EXPECT_EQ(r.batch.sources[1].title, "TASS");
  ASSERT_TRUE(r.batch.sources[1].date.has_value());
  EXPECT_EQ(r.batch.sources[1].date->precision, Precision::kMonth);
  EXPECT_TRUE(r.batch.sources[1].date->approximate);
  EXPECT_FALSE(r.batch.sources[2].date.has_value());
}

// `perspective` declares a perspective at the top level and is a clause in an order's header
// (even at the start of a header line) and after an operation.
TEST(Parser, PerspectiveDeclarationsAndClauses) {
  ParseResult r = ParseOrders(R"(perspective RU note "Russia's view"
perspective UA
order o "O" effective 2014-03-18 sources s
  perspective UA
{
  assign c part-of -> RU perspective RU
}
perspective UN
)",
                              kFile);
  ASSERT_TRUE(r.ok()) << Summary(r.diagnostics);
  ASSERT_EQ(r.batch.perspectives.size(), 3u);
  EXPECT_EQ(r.batch.perspectives[0].name, "RU");
  EXPECT_EQ(r.batch.perspectives[0].note, "Russia's view");
  EXPECT_EQ(Where(r.batch.perspectives[0].where), "1:13-1:15");
  EXPECT_EQ(r.batch.perspectives[1].note, "");
  EXPECT_EQ(r.batch.perspectives[2].name, "UN");
  ASSERT_EQ(r.batch.orders.size(), 1u);
  const OrderDecl& o = r.batch.orders[0];
  EXPECT_EQ(o.perspective, "UA");
  EXPECT_EQ(Where(o.perspective_where), "4:15-4:17");
  ASSERT_EQ(o.ops.size(), 1u);
  EXPECT_EQ(*o.ops[0].perspective, "RU");
  EXPECT_EQ(Where(o.ops[0].perspective_where), "6:38-6:40");

  ParseResult bad = ParseOrders("perspective\nperspective RU extra\n", kFile);
  EXPECT_EQ(Summary(bad.diagnostics),
            "1:12: while parsing a perspective: expected a perspective name after 'perspective', saw end of line\n"
            "2:16: while parsing perspective 'RU': expected 'note' or end of line, saw 'extra'\n");
}

TEST(Parser, OrderHeaderInAnyOrderAndOnSeveralLines) {
  ParseResult r = ParseOrders(R"(order ua-view
  perspective UA
  sources a, b,
          c
  note "first"
  effective 2014-03~
  issuer "Verkhovna Rada"
  recorded 2024-02-26T17:30:00Z
  note "second"
  signed 2014?
{
}
order no-title effective 1991 sources a { }
)",
                              kFile);
  ASSERT_TRUE(r.ok()) << Summary(r.diagnostics);
  ASSERT_EQ(r.batch.orders.size(), 2u);
  const OrderDecl& o = r.batch.orders[0];
  EXPECT_EQ(o.title, "");
  EXPECT_EQ(o.perspective, "UA");
  EXPECT_EQ(o.sources, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(Where(o.source_where[2]), "4:11-4:12");
  EXPECT_EQ(o.notes, (std::vector<std::string>{"first", "second"}));
  EXPECT_EQ(o.effective.precision, Precision::kMonth);
  EXPECT_TRUE(o.effective.approximate);
  EXPECT_EQ(o.issuer, "Verkhovna Rada");
  EXPECT_EQ(*o.recorded, *ParseInstant("2024-02-26T17:30:00Z"));
  ASSERT_TRUE(o.signed_on.has_value());
  EXPECT_TRUE(o.signed_on->uncertain);
  EXPECT_TRUE(o.ops.empty());
  EXPECT_EQ(r.batch.orders[1].effective.date, Date::FromCivil(1991, 1, 1));
  EXPECT_EQ(r.batch.orders[1].effective.precision, Precision::kYear);
}

TEST(Parser, CreateWithAndWithoutNames) {
  std::vector<Op> ops = ParseOps(
      "create a : territory\n"
      "create (b c) : unit \"B\" @uk \"Б\" @sr-Latn \"Be\"");
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops[0].kind, OpKind::kCreate);
  EXPECT_TRUE(ops[0].names.empty());
  EXPECT_EQ(ops[1].subjects, (std::vector<std::string>{"b", "c"}));
  ASSERT_EQ(ops[1].names.size(), 3u);
  EXPECT_EQ(ops[1].names[1].lang, "uk");
  EXPECT_EQ(ops[1].names[1].text, "Б");
  EXPECT_EQ(ops[1].names[2].lang, "sr-Latn");
}

TEST(Parser, EndEntityAndEndRelation) {
  std::vector<Op> ops = ParseOps(
      "end western-md\n"
      "end (a b) from 2024-05-01\n"
      "end UA-43 part-of -> UA\n"
      "end UA-43 part-of\n"
      "end x note \"dissolved\"");
  ASSERT_EQ(ops.size(), 5u);
  EXPECT_EQ(ops[0].kind, OpKind::kEndEntity);
  EXPECT_EQ(ops[1].kind, OpKind::kEndEntity);
  EXPECT_EQ(ops[1].from, Day(2024, 5, 1));
  EXPECT_EQ(ops[2].kind, OpKind::kEndRelation);
  EXPECT_EQ(ops[2].predicate, "part-of");
  EXPECT_EQ(ops[2].object, "UA");
  EXPECT_EQ(ops[3].kind, OpKind::kEndRelation);
  EXPECT_EQ(ops[3].object, "");
  EXPECT_EQ(ops[4].kind, OpKind::kEndEntity);
  EXPECT_EQ(ops[4].note, "dissolved");
}

TEST(Parser, AssignAndMove) {
  std::vector<Op> ops = ParseOps(
      "assign RU-MUR military-district -> western-md from 2010-12-01 to 2024-03-01\n"
      "move (RU-MUR,\n      RU-ARK) military-district -> leningrad-md");
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops[0].kind, OpKind::kAssign);
  EXPECT_EQ(ops[0].from, Day(2010, 12, 1));
  EXPECT_EQ(ops[0].to, Day(2024, 3, 1));
  EXPECT_EQ(ops[1].kind, OpKind::kMove);
  EXPECT_EQ(ops[1].subjects, (std::vector<std::string>{"RU-MUR", "RU-ARK"}));
  EXPECT_EQ(Where(ops[1].subject_where[1]), "5:7-5:13");
  EXPECT_EQ(Where(ops[1].where), "4:1-5:48");
}

TEST(Parser, SetValueLiterals) {
  std::vector<Op> ops = ParseOps(
      "set X attr 5580\n"
      "set X attr -3\n"
      "set X attr 12.5\n"
      "set X attr \"fleet\"\n"
      "set X attr 2024-03-01\n"
      "set X attr 2014-12~\n"
      "set X attr 1991\n"
      "set X attr true\n"
      "set X attr false");
  ASSERT_EQ(ops.size(), 9u);
  for (const Op& op : ops) EXPECT_EQ(op.kind, OpKind::kSet);
  EXPECT_EQ(ops[0].value, Value{int64_t{5580}});
  EXPECT_EQ(Where(ops[0].object_where), "3:12-3:16");
  EXPECT_EQ(ops[1].value, Value{int64_t{-3}});
  EXPECT_EQ(ops[2].value, Value{12.5});
  EXPECT_EQ(ops[3].value, Value{std::string("fleet")});
  EXPECT_EQ(Where(ops[3].object_where), "6:12-6:19");
  EXPECT_EQ(ops[4].value, Value{Day(2024, 3, 1)});
  ASSERT_TRUE(ops[5].value.has_value());
  EXPECT_EQ(ops[5].value->type(), ValueType::kDate);
  EXPECT_EQ(ops[6].value, Value{int64_t{1991}});  // the engine converts to the declared type
  EXPECT_EQ(ops[7].value, Value{true});
  EXPECT_EQ(ops[8].value, Value{false});
}

TEST(Parser, UnsetRenameAlias) {
  std::vector<Op> ops = ParseOps(
      "unset X status\n"
      "rename X \"New\" @ru \"Новый\"\n"
      "alias (X Y) @uk \"Старий\"");
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_EQ(ops[0].kind, OpKind::kUnset);
  EXPECT_EQ(ops[0].predicate, "status");
  EXPECT_FALSE(ops[0].value.has_value());
  EXPECT_EQ(ops[1].kind, OpKind::kRename);
  ASSERT_EQ(ops[1].names.size(), 2u);
  EXPECT_EQ(ops[1].names[1].lang, "ru");
  EXPECT_EQ(ops[2].kind, OpKind::kAlias);
  EXPECT_EQ(ops[2].subjects.size(), 2u);
  ASSERT_EQ(ops[2].names.size(), 1u);
  EXPECT_EQ(ops[2].names[0].lang, "uk");
}

TEST(Parser, CorrectForms) {
  std::vector<Op> ops = ParseOps(
      "correct X military-district -> western-md from 2010-12-01 to 2014-01-01\n"
      "correct X military-district -> none from 2010\n"
      "correct X warheads 1600 from 2011-02-05\n"
      "correct X status \"fleet\" from 2014-12~\n"
      "correct X status none from 2014");
  ASSERT_EQ(ops.size(), 5u);
  for (const Op& op : ops) EXPECT_EQ(op.kind, OpKind::kCorrect);
  EXPECT_EQ(ops[0].object, "western-md");
  EXPECT_EQ(ops[0].to, Day(2014, 1, 1));
  EXPECT_EQ(ops[1].object, "");  // none
  EXPECT_FALSE(ops[1].value.has_value());
  EXPECT_EQ(Where(ops[1].object_where), "4:32-4:36");
  EXPECT_EQ(ops[2].value, Value{int64_t{1600}});
  EXPECT_EQ(ops[3].value, Value{std::string("fleet")});
  EXPECT_EQ(ops[4].object, "");
  EXPECT_FALSE(ops[4].value.has_value());
  EXPECT_EQ(Where(ops[4].object_where), "7:18-7:22");
}

TEST(Parser, OperationClauses) {
  std::vector<Op> ops = ParseOps(
      "assign A part-of -> UA from 1991 to 2014-03~ perspective UA [extent: partial, size: 2000] note \"why\"\n"
      "assign B part-of -> RU [role: combat,\n  since: 2014-03, share: 0.5, official: true, label: \"x y\"] "
      "perspective RU\n"
      "assign C part-of -> RU []; assign D part-of -> RU [a: b,]");
  ASSERT_EQ(ops.size(), 4u);
  EXPECT_EQ(ops[0].from->precision, Precision::kYear);
  EXPECT_TRUE(ops[0].to->approximate);
  EXPECT_EQ(ops[0].perspective, "UA");
  ASSERT_EQ(ops[0].qualifiers.size(), 2u);
  EXPECT_EQ(ops[0].qualifiers[0], (Qualifier{"extent", Value{std::string("partial")}}));
  EXPECT_EQ(ops[0].qualifiers[1], (Qualifier{"size", Value{int64_t{2000}}}));
  EXPECT_EQ(ops[0].note, "why");
  ASSERT_EQ(ops[1].qualifiers.size(), 5u);
  EXPECT_EQ(ops[1].qualifiers[1].value.type(), ValueType::kDate);
  EXPECT_EQ(ops[1].qualifiers[2].value, Value{0.5});
  EXPECT_EQ(ops[1].qualifiers[3].value, Value{true});
  EXPECT_EQ(ops[1].qualifiers[4].value, Value{std::string("x y")});
  EXPECT_EQ(ops[1].perspective, "RU");
  EXPECT_TRUE(ops[2].qualifiers.empty());
  EXPECT_EQ(ops[3].qualifiers.size(), 1u);
  EXPECT_FALSE(ops[2].perspective.has_value());
}

TEST(Parser, EdtfLevel1Dates) {
  std::vector<Op> ops = ParseOps(
      "assign A part-of -> UA from 2001-21 to 201X? [since: 1985-XX-XX, until: Y170002]\n"
      "assign B part-of -> UA from -0044-03-15 to 2004-XX~\n"
      "assign C part-of -> UA from -1985 to 1985-04-XX%");
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_EQ(FormatFuzzyDate(*ops[0].from), "2001-21");
  EXPECT_EQ(ops[0].from->date, Date::FromCivil(2001, 3, 1));
  EXPECT_EQ(FormatFuzzyDate(*ops[0].to), "201X?");
  ASSERT_EQ(ops[0].qualifiers.size(), 2u);
  EXPECT_EQ(FormatFuzzyDate(std::get<FuzzyDate>(ops[0].qualifiers[0].value.v)), "1985-XX-XX");
  EXPECT_EQ(FormatFuzzyDate(std::get<FuzzyDate>(ops[0].qualifiers[1].value.v)), "Y170002");
  EXPECT_EQ(FormatFuzzyDate(*ops[1].from), "-0044-03-15");
  EXPECT_EQ(FormatFuzzyDate(*ops[1].to), "2004-XX~");
  EXPECT_EQ(FormatFuzzyDate(*ops[2].from), "-1985");
  EXPECT_EQ(FormatFuzzyDate(*ops[2].to), "1985-04-XX%");
}

TEST(Parser, EdtfLevel1DateErrorsAreDiagnostics) {
  ParseResult r = ParseOrders(InOrder("assign A part-of -> UA from Y170000002"), kFile);
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].message(),
            "while parsing order 'o': invalid date Y170000002: year 170000002 is out of the supported range "
            "(-5877640 to 5881579)");
  ParseResult s = ParseOrders(InOrder("assign A part-of -> UA from 1985-XX-12"), kFile);
  ASSERT_EQ(s.diagnostics.size(), 1u);
  EXPECT_EQ(s.diagnostics[0].message(),
            "while parsing order 'o': invalid date 1985-XX-12: the day of an unspecified month (XX) must be XX too "
            "(a known day of an unknown month is EDTF level 2)");
}

TEST(Parser, SemicolonsSeparateStatements) {
  std::vector<Op> ops = ParseOps("create a : k; create b : k ;; end c");
  ASSERT_EQ(ops.size(), 3u);
  EXPECT_EQ(Where(ops[1].where), "3:15-3:27");
}

TEST(Parser, KeywordsAreContextual) {
  // Words that are keywords elsewhere are fine as ids.
  std::vector<Op> ops = ParseOps("create order : kind \"x\"\nassign source from -> to");
  ASSERT_EQ(ops.size(), 2u);
  EXPECT_EQ(ops[0].subjects[0], "order");
  EXPECT_EQ(ops[0].entity_kind, "kind");
  EXPECT_EQ(ops[1].predicate, "from");
  EXPECT_EQ(ops[1].object, "to");
}

TEST(Parser, EmptyAndCommentOnlyTexts) {
  EXPECT_TRUE(ParseOrders("", kFile).ok());
  EXPECT_TRUE(ParseOrders("# nothing\n\n  \n", kFile).ok());
  EXPECT_TRUE(ParseOrders("kind a", kFile).ok());  // no final newline
}

TEST(Parser, CrLfLineEnds) {
  ParseResult r = ParseOrders("kind a\r\norder o effective 2024 sources s\r\n{\r\n  end a\r\n}\r\n", kFile);
  ASSERT_TRUE(r.ok()) << Summary(r.diagnostics);
  ASSERT_EQ(r.batch.orders.size(), 1u);
  EXPECT_EQ(Where(r.batch.orders[0].ops[0].where), "4:3-4:8");
}

}  // namespace
}  // namespace ordo::lang
