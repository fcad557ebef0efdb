#include "present/format.h"
#include "present/atom.h"
#include "present/json_values.h"

#include <gtest/gtest.h>

namespace ordo::present {
namespace {

TEST(DisplayWidth, CountsCodePointsNotBytes) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("RU-MUR"), 6u);
  EXPECT_EQ(DisplayWidth("Мурманская"), 10u);
  EXPECT_EQ(DisplayWidth("…"), 1u);
  EXPECT_EQ(DisplayWidth("東京"), 4u);       // wide
  EXPECT_EQ(DisplayWidth("e\xcc\x81"), 1u);  // e + combining acute
  EXPECT_EQ(DisplayWidth("\xff\xfe"), 2u);   // invalid bytes count one each
  EXPECT_EQ(DisplayWidth("\xd0"), 1u);       // truncated sequence
}

TEST(Table, AlignsColumnsAndTrimsTrailingSpaces) {
  Table t({{"id"}, {"name"}, {"count", true}});
  t.AddRow({"RU-MUR", "Мурманская", "7"});
  t.AddRow({"X", "", "12"});
  EXPECT_EQ(t.Render(),
            "ID      NAME        COUNT\n"
            "RU-MUR  Мурманская      7\n"
            "X                      12\n");
}

TEST(Table, LastColumnIsNotPadded) {
  Table t({{"a"}, {"title"}});
  t.AddRow({"x", "long title"});
  t.AddRow({"y", "t"});
  EXPECT_EQ(t.Render(), "A  TITLE\nx  long title\ny  t\n");
}

TEST(Table, DropsEmptyOptionalColumns) {
  Table t({{"id"}, {"perspective", false, true}, {"order"}});
  t.AddRow({"a", "", "o1"});
  EXPECT_EQ(t.Render(), "ID  ORDER\na   o1\n");
  t.AddRow({"b", "[UA]", "o2"});
  EXPECT_EQ(t.Render(), "ID  PERSPECTIVE  ORDER\na                o1\nb   [UA]         o2\n");
}

TEST(Table, EmptyTableRendersNothingAndShortRowsArePadded) {
  Table t({{"a"}, {"b"}});
  EXPECT_EQ(t.Render(), "");
  t.AddRow({"x"});
  EXPECT_EQ(t.Render(), "A  B\nx\n");
}

TEST(Dates, OpenEnds) {
  const FuzzyDate from = FuzzyDate::Exact(Date::FromCivil(2024, 3, 1));
  EXPECT_EQ(FormatFrom(from), "2024-03-01");
  EXPECT_EQ(FormatFrom(FuzzyDate::Exact(Date::Min())), "…");
  EXPECT_EQ(FormatTo(FuzzyDate::Exact(Date::Max())), "open");
  EXPECT_EQ(FormatRange(from, FuzzyDate::Exact(Date::Max())), "2024-03-01 – open");
  FuzzyDate approx{Date::FromCivil(2014, 12, 1), Precision::kMonth, false, true};
  EXPECT_EQ(FormatTo(approx), "2014-12~");
  EXPECT_EQ(FormatInterval(Interval{}), "… – open");
}

TEST(Format, PerspectiveAndRecordedTo) {
  EXPECT_EQ(FormatPerspective(""), "");
  EXPECT_EQ(FormatPerspective("UA"), "[UA]");
  EXPECT_EQ(FormatRecordedTo(Instant::Max()), "");
  EXPECT_EQ(FormatRecordedTo(Instant{0}), "1970-01-01");
  EXPECT_EQ(FormatRecordTime(*ParseInstant("2024-02-26")), "2024-02-26");
  EXPECT_EQ(FormatRecordTime(*ParseInstant("2024-02-26T17:30:00Z")), "2024-02-26T17:30:00Z");
  EXPECT_EQ(FormatRecordTime(*ParseInstant("2024-02-26T00:00:00.5Z")), "2024-02-26T00:00:00.5Z");
}

TEST(Format, FactValue) {
  FactInfo rel;
  rel.object = "leningrad-md";
  EXPECT_EQ(FormatFactValue(rel), "leningrad-md");
  FactInfo attr;
  attr.is_attribute = true;
  attr.value = Value{std::string("fleet")};
  EXPECT_EQ(FormatFactValue(attr), "\"fleet\"");
  attr.value.reset();
  EXPECT_EQ(FormatFactValue(attr), "none");
}

TEST(Format, QualifiersShowBareWordsUnquoted) {
  std::vector<Qualifier> q{{"extent", Value{std::string("partial")}},
                           {"size", Value{int64_t{2000}}},
                           {"label", Value{std::string("two words")}}};
  EXPECT_EQ(FormatQualifiers(q), "extent: partial, size: 2000, label: \"two words\"");
  EXPECT_EQ(FormatQualifiers({}), "");
}

TEST(Format, View) {
  View v;
  v.at = Date::FromCivil(2024, 3, 1);
  EXPECT_EQ(FormatView(v, true), "at 2024-03-01");
  EXPECT_EQ(FormatView(v, false), "");
  v.recorded = Instant{0};
  v.perspective = "UA";
  EXPECT_EQ(FormatView(v, true), "at 2024-03-01, as recorded 1970-01-01T00:00:00Z, perspective UA");
  EXPECT_EQ(FormatView(v, false), "as recorded 1970-01-01T00:00:00Z, perspective UA");
}

TEST(Json, Values) {
  EXPECT_EQ(ValueToJson(Value{std::string("x")}), nlohmann::ordered_json("x"));
  EXPECT_EQ(ValueToJson(Value{int64_t{5580}}), nlohmann::ordered_json(5580));
  EXPECT_EQ(ValueToJson(Value{12.5}), nlohmann::ordered_json(12.5));
  EXPECT_EQ(ValueToJson(Value{true}), nlohmann::ordered_json(true));
  EXPECT_EQ(ValueToJson(Value{FuzzyDate{Date::FromCivil(1992, 1, 1), Precision::kYear, true, false}}),
            nlohmann::ordered_json("1992?"));
}

TEST(Json, FactHasIdAndNullsForOpenEnds) {
  FactInfo f;
  f.subject = "RU-MUR";
  f.predicate = "military-district";
  f.object = "leningrad-md";
  f.from = FuzzyDate::Exact(Date::FromCivil(2024, 3, 1));
  f.to = FuzzyDate::Exact(Date::Max());
  f.recorded_from = Instant{0};
  f.recorded_to = Instant::Max();
  f.order = "ru-decree-141-2024";
  f.qualifiers.push_back({"extent", Value{std::string("partial")}});
  const nlohmann::ordered_json j = FactToJson(f);
  EXPECT_EQ(j["id"], "RU-MUR");
  EXPECT_EQ(j["object"], "leningrad-md");
  EXPECT_FALSE(j.contains("value"));
  EXPECT_EQ(j["from"], "2024-03-01");
  EXPECT_TRUE(j["to"].is_null());
  EXPECT_TRUE(j["perspective"].is_null());
  EXPECT_TRUE(j["recorded_to"].is_null());
  EXPECT_TRUE(j["ended_by"].is_null());
  EXPECT_EQ(j["qualifiers"]["extent"], "partial");
  EXPECT_EQ(j["order"], "ru-decree-141-2024");
}

TEST(Json, AttributeFactHasValue) {
  FactInfo f;
  f.subject = "nato";
  f.is_attribute = true;
  f.value = Value{int64_t{32}};
  f.from = FuzzyDate::Exact(Date::Min());
  f.perspective = "UA";
  const nlohmann::ordered_json j = FactToJson(f);
  EXPECT_EQ(j["value"], 32);
  EXPECT_FALSE(j.contains("object"));
  EXPECT_TRUE(j["from"].is_null());
  EXPECT_EQ(j["perspective"], "UA");
}

TEST(Json, DumpReplacesInvalidUtf8) {
  EXPECT_EQ(Wrap(nlohmann::ordered_json("a\xff")).Dump(true), "\"a\xef\xbf\xbd\"\n");
}

TEST(Csv, QuotesOnlyWhenNeeded) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvLine({"a", "", "c,d"}), "a,,\"c,d\"\r\n") << "RFC 4180: lines end in CRLF";
}

TEST(Csv, DocumentStartsWithAByteOrderMark) {
  EXPECT_EQ(CsvDocument({"id", "name"}, {{"RU-MUR", "Мурманская область"}}),
            "\xEF\xBB\xBFid,name\r\nRU-MUR,Мурманская область\r\n");
}

TEST(Terminal, ControlCharactersAreEscaped) {
  EXPECT_EQ(EscapeControls("a\x1b]0;pwned\x07"
                           "b"),
            "a\\x1b]0;pwned\\x07b");
  EXPECT_EQ(EscapeControls("line\n\ttab"), "line\n\ttab") << "LF and TAB pass";
  EXPECT_EQ(EscapeControls("\x7f"), "\\x7f");
  EXPECT_EQ(EscapeControls("c1 \xc2\x9b"
                           "31m"),
            "c1 \\u009b31m")
      << "the C1 CSI";
  EXPECT_EQ(EscapeControls("Мурманск"), "Мурманск");
}

TEST(Atom, XmlEscapeEscapesMarkupAndReplacesWhatXmlCannotHold) {
  EXPECT_EQ(XmlEscape("a<b>&\"c\" 'd'"), "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;");
  EXPECT_EQ(XmlEscape("tab\tlf\ncr\r"), "tab\tlf\ncr\r");
  EXPECT_EQ(XmlEscape("bell\x07"), "bell\xEF\xBF\xBD") << "XML 1.0 cannot hold C0 controls";
  EXPECT_EQ(XmlEscape("Песков"), "Песков");
}

TEST(Atom, AFeedListsTheNewestAlertFirst) {
  AlertInfo older, newer;
  older.id = 1;
  older.rule = "r";
  older.rule_title = "R & S";
  older.order = "o1";
  older.date = Date::FromCivil(2024, 6, 1);
  older.recorded = Instant{1'000'000};
  newer = older;
  newer.id = 2;
  newer.order = "o2";
  newer.recorded = Instant{2'000'000};
  AtomFeed feed;
  feed.self = "/api/alerts.atom";
  feed.updated = newer.recorded;
  const std::string xml = AlertsAtom({older, newer}, feed);
  EXPECT_LT(xml.find("<id>tag:ordo,2024:alert/record/r/o2/2</id>"),
            xml.find("<id>tag:ordo,2024:alert/record/r/o1/1</id>"));
  EXPECT_NE(xml.find("<title>R &amp; S: met on 2024-06-01 by o1</title>"), std::string::npos);
  EXPECT_NE(xml.find("<updated>1970-01-01T00:00:02Z</updated>"), std::string::npos);
}

}  // namespace
}  // namespace ordo::present
