// The reading (read/read.h): bad input refused with its exact message, the entities' state and
// the window's orders, quoted words matched to the record's statements, the draft report.
#include "read/read.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <random>
#include <string>

#include "ordo/database.h"
#include "ordo/lang.h"
#include "read/corpus.h"

namespace ordo::read {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

constexpr const char* kRecord = R"(
source s { title "a test" }
source decree { title "the decree" url "https://example.org/decree" }
order base effective 1992-05-07 recorded 2020-01-01 sources s {
  create leningrad-md : military-district "Leningrad Military District"
  create RU-MUR : federal-subject "Murmansk Oblast"
  assign RU-MUR military-district -> leningrad-md
  create dmitry-peskov : person "Dmitry Peskov"
}
order move effective 2024-03-01 recorded 2024-02-26 sources decree {
  create northern-fleet : fleet "Northern Fleet"
}
order said effective 2024-02-27 recorded 2024-02-27 sources s {
  create peskov-1 : statement "Peskov on 27 Feb"
  assign peskov-1 stated-by -> dmitry-peskov
  set peskov-1 said-at 2024-02-27
  set peskov-1 quote "we would need to talk not about the probability but the inevitability of a conflict"
}
)";

class ReadTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    std::string error;
    db_ = corpus::LoadWithSchema(ORDO_SOURCE_DIR, kRecord, &error).release();
    ASSERT_NE(db_, nullptr) << error;
    linker_ = new Linker(*db_, std::nullopt);
  }
  static void TearDownTestSuite() {
    delete linker_;
    delete db_;
  }
  static Result<Reading> Read(std::string_view text, Date date, int window = 30) {
    ReadOptions options;
    options.date = date;
    options.window_days = window;
    return ReadText(*db_, *linker_, text, options);
  }
  static Database* db_;
  static Linker* linker_;
};
Database* ReadTest::db_ = nullptr;
Linker* ReadTest::linker_ = nullptr;

TEST_F(ReadTest, RefusesBadTextWithWhereItIsBad) {
  EXPECT_EQ(CheckText("").message(), "the text is empty");
  EXPECT_EQ(CheckText(" \n\t ").message(), "the text is empty");
  EXPECT_EQ(CheckText(std::string("ab\ncd\0ef", 8)).message(),
            "the text is binary data, not text: a NUL byte at offset 5 (line 2, column 3)");
  EXPECT_EQ(CheckText("ok\n\xd0\x97\xff").message(), "the text is not UTF-8: byte 0xFF at offset 5 (line 2, column 3)");
  std::string controls(100, '\x01');
  EXPECT_EQ(CheckText("text " + controls).message(),
            "the text is binary data, not text: 100 of its 105 bytes are control characters");
  Status big = CheckText(std::string(kMaxTextBytes + 1, 'a'));
  EXPECT_EQ(big.code(), Code::kLimit);
  EXPECT_EQ(big.message(), "the text is 1048577 bytes; ordo reads at most 1048576 (1 MiB)");
  EXPECT_TRUE(CheckText(std::string(kMaxTextBytes, 'a')).ok());
  auto r = Read("", D(2024, 1, 1));
  EXPECT_EQ(r.status().code(), Code::kInvalid);
}

TEST_F(ReadTest, UnknownLanguageAndPerspectiveAreRefused) {
  ReadOptions options;
  options.date = D(2024, 1, 1);
  options.lang = "de";
  EXPECT_EQ(ReadText(*db_, *linker_, "text", options).status().message(), "unknown language 'de'");
  options.lang = "";
  options.perspective = "XX";
  EXPECT_EQ(ReadText(*db_, *linker_, "text", options).status().message(), "unknown perspective 'XX'");
}

TEST_F(ReadTest, ADateOutsideTheRecordIsAWarning) {
  auto r = Read("Murmansk Oblast", D(1900, 1, 1));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0], "1900-01-01 is before the record's first order (1992-05-07): the record holds little then");
  r = Read("Murmansk Oblast", D(2030, 1, 1));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0],
            "2030-01-01 is after the record's last order (2024-03-01): later changes are not in the record");
}

TEST_F(ReadTest, EachEntityWithItsStateAndTheWindowsOrders) {
  auto r = Read("Murmansk Oblast and the Northern Fleet; Murmansk Oblast again.", D(2024, 2, 26));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->mentions.size(), 3u);
  ASSERT_EQ(r->entities.size(), 2u);
  const ReadEntity& mur = r->entities[0];
  EXPECT_EQ(mur.id, "RU-MUR");
  EXPECT_EQ(mur.mentions, (std::vector<size_t>{0, 2}));
  ASSERT_EQ(mur.facts.size(), 1u);
  EXPECT_EQ(mur.facts[0].predicate, "military-district");
  EXPECT_EQ(mur.facts[0].object, "leningrad-md");
  EXPECT_TRUE(mur.orders.empty());
  const ReadEntity& nf = r->entities[1];
  EXPECT_EQ(nf.id, "northern-fleet");
  EXPECT_FALSE(nf.alive);
  ASSERT_EQ(nf.orders.size(), 1u);
  EXPECT_EQ(nf.orders[0].id, "move");
  ASSERT_EQ(nf.orders[0].sources.size(), 1u);
  EXPECT_EQ(nf.orders[0].sources[0].url, "https://example.org/decree");
  // A window of 2 days does not reach 1 March.
  r = Read("the Northern Fleet", D(2024, 2, 26), 2);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->entities[0].orders.empty());
}

TEST_F(ReadTest, QuotedWordsAreMatchedToTheSpeakersStatements) {
  auto r = Read(
      "Peskov said: “We would need to talk not about the probability but about the inevitability.” "
      "He added: “No comment on that today.”",
      D(2024, 2, 27));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->speech.size(), 2u);
  EXPECT_EQ(r->speech[0].speaker, "dmitry-peskov");
  EXPECT_EQ(r->speech[0].statements, std::vector<std::string>{"peskov-1"});
  EXPECT_EQ(r->speech[0].quote, "We would need to talk not about the probability but about the inevitability.");
  EXPECT_EQ(r->speech[1].speaker, "dmitry-peskov");
  EXPECT_TRUE(r->speech[1].statements.empty());
  EXPECT_EQ(r->speech[1].note,
            "unrecorded: the record holds 1 statement(s) of the speaker within 3 days, none with these words");
  r = Read("Someone said: “We would need to talk about it.”", D(2024, 2, 27));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->speech.size(), 1u);
  EXPECT_EQ(r->speech[0].speaker, "");
  EXPECT_EQ(r->speech[0].note, "no person of the record is named near it");
}

TEST_F(ReadTest, TheDraftReportIsAnOrderFileThatParses) {
  const std::string text = "Murmansk Oblast left the Leningrad Military District. Peskov said: “no comment at all”.";
  auto r = Read(text, D(2024, 2, 27));
  ASSERT_TRUE(r.ok());
  const std::string draft = DraftReport(*r, text, "my-report", "a.txt");
  EXPECT_NE(draft.find("  assign my-report about -> RU-MUR cites my-report\n"), std::string::npos) << draft;
  EXPECT_NE(draft.find("  # claim 1: \"Murmansk Oblast left the Leningrad Military District.\"\n"
                       "  #   names: RU-MUR, leningrad-md\n"),
            std::string::npos)
      << draft;
  EXPECT_NE(draft.find("  # quoted: \"no comment at all\"\n"), std::string::npos) << draft;
  ParseResult parsed = ParseOrders(draft, "draft.ordo");
  EXPECT_TRUE(parsed.ok()) << (parsed.diagnostics.empty() ? "" : RenderDiagnostic(parsed.diagnostics[0], draft, "d"));
}

}  // namespace
}  // namespace ordo::read

namespace ordo::read {
namespace {

// Any text: mentions in order, not overlapping, inside the text, their text the text's own;
// never a crash. Random texts of the record's words, punctuation and stray characters.
TEST_F(ReadTest, AnyTextGivesOrderedMentionsInsideIt) {
  const std::vector<std::string> pieces = {
      "Murmansk", "Oblast",     "oblast",   "and",      ",",         ".",  "“",   "”",      "«",
      "»",        "Leningrad",  "Military", "District", "districts", "of", "the", "Peskov", "said",
      "\n",       "Мурманская", "области",  "и",        "ЗВО",       "-",  "’s",  "58-й",   "𝐀",
      "\t",       "Northern",   "Fleet",    "(",        ")",         "—",  "é"};
  std::mt19937 rng(42);
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < n; ++i) {
      text += pieces[rng() % pieces.size()];
      if (rng() % 3 != 0) text += " ";
    }
    if (CheckText(text).code() != Code::kOk) continue;
    auto r = Read(text, D(2000 + static_cast<int>(rng() % 30), 1, 1));
    ASSERT_TRUE(r.ok()) << text;
    size_t at = 0;
    for (const Mention& m : r->mentions) {
      ASSERT_LE(at, m.begin) << text;
      ASSERT_LT(m.begin, m.end) << text;
      ASSERT_LE(m.end, text.size()) << text;
      ASSERT_EQ(m.text, text.substr(m.begin, m.end - m.begin)) << text;
      ASSERT_FALSE(m.candidates.empty()) << text;
      ASSERT_EQ(m.ambiguous(), m.candidates.size() > 1) << text;
      at = m.end;
    }
    for (const Speech& s : r->speech) {
      ASSERT_LE(s.end, text.size());
      ASSERT_EQ(s.quote, text.substr(s.begin, s.end - s.begin));
    }
  }
}

}  // namespace
}  // namespace ordo::read

namespace ordo::read {
namespace {

// Without the Ukrainian dictionary a Ukrainian text is still read, by its words' folded forms,
// with a warning that says what is missing; English is not affected.
TEST_F(ReadTest, AMissingUkrainianDictionaryIsAWarning) {
  ::setenv("ORDO_HUNSPELL_DIR", "/nonexistent-dictionaries", 1);
  const Linker linker(*db_, std::nullopt);
  ::unsetenv("ORDO_HUNSPELL_DIR");
  ReadOptions options;
  options.date = D(2024, 2, 26);
  options.lang = "uk";
  auto r = ReadText(*db_, linker, "Мурманська область", options);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0],
            "Ukrainian words are matched without stemming: /nonexistent-dictionaries/uk_UA.dic is missing (Debian "
            "package hunspell-uk)");
  options.lang = "en";
  r = ReadText(*db_, linker, "Murmansk Oblast", options);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->warnings.empty());
}

}  // namespace
}  // namespace ordo::read

namespace ordo::read {
namespace {

TEST(ReadWindow, DaysWithOrWithoutTheirUnit) {
  EXPECT_EQ(*ParseWindow("30d"), 30);
  EXPECT_EQ(*ParseWindow("0"), 0);
  EXPECT_EQ(*ParseWindow("36600d"), 36600);
  EXPECT_EQ(ParseWindow("36601").status().message(), "invalid window '36601': give days, e.g. 30d");
  EXPECT_EQ(ParseWindow("a week").status().message(), "invalid window 'a week': give days, e.g. 30d");
  EXPECT_EQ(ParseWindow("d").status().message(), "invalid window 'd': give days, e.g. 30d");
  EXPECT_EQ(ParseWindow("-3d").status().message(), "invalid window '-3d': give days, e.g. 30d");
}

}  // namespace
}  // namespace ordo::read
