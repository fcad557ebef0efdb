// Statements and reports (domain/statements.h, present/json.h, present/text.h) against the bundled record (data/),
// loaded as `ordo load data/` loads it, plus small records written here for the edge cases.
#include "domain/statements.h"
#include "present/json_values.h"
#include "present/text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "lang/files.h"
#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo::domain {
namespace {

namespace fs = std::filesystem;

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

// Parses and applies texts (name, text) to a fresh in-memory database; fails the test on error.
std::unique_ptr<Database> Load(const std::vector<std::pair<std::string, std::string>>& texts) {
  Batch batch;
  for (const auto& [file, text] : texts) {
    ParseResult parsed = ParseOrders(text, file);
    for (const Status& s : parsed.diagnostics) ADD_FAILURE() << RenderDiagnostic(s, text, file);
    batch.Append(std::move(parsed.batch));
  }
  auto db = Database::Open(":memory:");
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  if (!db.ok()) return nullptr;
  auto applied = (*db)->Apply(batch);
  EXPECT_TRUE(applied.ok()) << applied.status().ToString();
  if (!applied.ok()) return nullptr;
  return std::move(db).value();
}

class BundledRecord : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto files = lang::CollectOrderFiles({(fs::path(ORDO_SOURCE_DIR) / "data").string()});
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    std::vector<std::pair<std::string, std::string>> texts;
    for (const std::string& f : *files) {
      auto text = lang::ReadTextFile(f);
      ASSERT_TRUE(text.ok()) << text.status().ToString();
      texts.emplace_back(f, *text);
    }
    db_ = Load(texts).release();
  }
  static void TearDownTestSuite() {
    delete db_;
    db_ = nullptr;
  }
  void SetUp() override { ASSERT_NE(db_, nullptr); }

  static std::vector<StatementRecord> List(const StatementFilter& filter, const View& view = {}) {
    auto r = ListStatements(*db_, filter, view);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<StatementRecord>{};
  }
  static const StatementRecord* Find(const std::vector<StatementRecord>& v, const std::string& id) {
    for (const StatementRecord& s : v) {
      if (s.id == id) return &s;
    }
    return nullptr;
  }
  static ReportCheck Article() {
    auto r = CheckReport(*db_, "article-2024-02", View{});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ReportCheck{};
  }
  static const ClaimCheck* Claim(const ReportCheck& r, const std::string& id) {
    for (const ClaimCheck& c : r.claims) {
      if (c.id == id) return &c;
    }
    return nullptr;
  }

  static Database* db_;
};

Database* BundledRecord::db_ = nullptr;

// ---- ordo statements ---------------------------------------------------------------------

TEST_F(BundledRecord, StatementsAboutUkraine26To27FebruaryAreAHedgeAThreatAndADenial) {
  StatementFilter f;
  f.about = "UA";
  f.from = D(2024, 2, 26);
  f.to = D(2024, 2, 27);
  const std::vector<StatementRecord> s = List(f);
  ASSERT_EQ(s.size(), 3u);
  // In date order.
  EXPECT_EQ(s[0].id, "macron-2024-02-26");
  EXPECT_EQ(s[1].id, "peskov-2024-02-27");
  EXPECT_EQ(s[2].id, "stoltenberg-2024-02-27");
  EXPECT_EQ(s[0].kind, "hedge");
  EXPECT_EQ(s[1].kind, "conditional-threat");
  EXPECT_EQ(s[2].kind, "denial");
  EXPECT_EQ(FormatFuzzyDate(s[0].date), "2024-02-26");
  EXPECT_EQ(s[0].time, "evening");
  EXPECT_EQ(FormatFuzzyDate(s[1].date), "2024-02-27");
  // The speakers, with the office each held that day.
  const std::vector<std::pair<std::string, std::string>> expected = {{"emmanuel-macron", "fr-president"},
                                                                     {"dmitry-peskov", "ru-president-press-secretary"},
                                                                     {"jens-stoltenberg", "nato-secretary-general"}};
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(s[i].speaker.id, expected[i].first);
    ASSERT_EQ(s[i].offices.size(), 1u) << s[i].id;
    EXPECT_EQ(s[i].offices[0].id, expected[i].second);
    EXPECT_FALSE(s[i].offices[0].name.empty());
  }
  EXPECT_EQ(s[1].offices[0].name, "Press Secretary of the President of Russia");
}

TEST_F(BundledRecord, QuotesHedgesAndConditionsInTheSpeakersWords) {
  const std::vector<StatementRecord> s = List({});
  const StatementRecord* macron = Find(s, "macron-2024-02-26");
  ASSERT_NE(macron, nullptr);
  EXPECT_NE(macron->quote.find("nothing can be ruled out"), std::string::npos);
  EXPECT_EQ(macron->quote_source, "macron-2024-newser");
  EXPECT_EQ(macron->hedges, (std::vector<std::string>{"no consensus today", "nothing can be ruled out"}));
  // Each hedge is the speaker's own words, found in the quote.
  for (const std::string& h : macron->hedges) EXPECT_NE(macron->quote.find(h), std::string::npos) << h;
  EXPECT_FALSE(macron->venue.empty());
  const StatementRecord* peskov = Find(s, "peskov-2024-02-27");
  ASSERT_NE(peskov, nullptr);
  EXPECT_EQ(peskov->condition, "In that case");
  EXPECT_EQ(peskov->quote.rfind(peskov->condition, 0), 0u);  // the quote opens with the condition
  EXPECT_FALSE(peskov->condition_meaning.empty());
  EXPECT_NE(peskov->quote.find("inevitability"), std::string::npos);
}

TEST_F(BundledRecord, AssessmentIsAttributedToItsAuthorNotHeldAsAFact) {
  StatementFilter f;
  f.kind = "assessment";
  const std::vector<StatementRecord> s = List(f);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].id, "isw-assessment-2024-02-26");
  EXPECT_EQ(s[0].speaker.id, "isw");
  EXPECT_EQ(s[0].speaker.kind, "think-tank");
  EXPECT_EQ(s[0].speaker.name, "Institute for the Study of War");
  EXPECT_TRUE(s[0].offices.empty());
  EXPECT_EQ(FormatFuzzyDate(s[0].date), "2024-02-26");
  EXPECT_NE(s[0].gist.find("NATO"), std::string::npos);
  EXPECT_NE(s[0].quote.find("two decrees"), std::string::npos);
  // Unverified points are said in the notes.
  EXPECT_TRUE(std::any_of(s[0].notes.begin(), s[0].notes.end(),
                          [](const std::string& n) { return n.find("UNVERIFIED") != std::string::npos; }));
  // The reading is ISW's statement: nothing in the record makes it a fact of the world.
  StatementFilter about_nato_filter;
  about_nato_filter.about = "nato";
  auto about_nato = List(about_nato_filter);
  EXPECT_NE(Find(about_nato, "isw-assessment-2024-02-26"), nullptr);
  StatementFilter by_isw;
  by_isw.speaker = "isw";
  EXPECT_EQ(List(by_isw).size(), 1u);
}

TEST_F(BundledRecord, LinksBetweenStatementsAreShownBothWays) {
  const std::vector<StatementRecord> s = List({});
  const StatementRecord* macron = Find(s, "macron-2024-02-26");
  const StatementRecord* stoltenberg = Find(s, "stoltenberg-2024-02-27");
  ASSERT_NE(macron, nullptr);
  ASSERT_NE(stoltenberg, nullptr);
  // NATO's "no plans" answers France's "not ruled out" ...
  ASSERT_EQ(stoltenberg->links.size(), 1u);
  EXPECT_EQ(stoltenberg->links[0].relation, "answers");
  EXPECT_TRUE(stoltenberg->links[0].outgoing);
  EXPECT_EQ(stoltenberg->links[0].other.id, "macron-2024-02-26");
  // ... and Macron's statement shows it was answered, by NATO and by the Kremlin.
  std::set<std::string> answered_by;
  for (const StatementLink& l : macron->links) {
    EXPECT_FALSE(l.outgoing);
    EXPECT_EQ(l.relation, "answers");
    answered_by.insert(l.other.id);
  }
  EXPECT_EQ(answered_by, (std::set<std::string>{"peskov-2024-02-27", "stoltenberg-2024-02-27"}));
  const nlohmann::ordered_json j = present::Unwrap(present::StatementJson(*macron));
  EXPECT_EQ(j["links"][0]["direction"], "in");
  EXPECT_EQ(j["links"][0]["label"], "answered by");
}

TEST_F(BundledRecord, EveryStatementHasASpeakerAKindAndASourcedReportingChain) {
  const std::vector<StatementRecord> s = List({});
  ASSERT_EQ(s.size(), 4u);
  const auto& kinds = StatementKinds();
  for (const StatementRecord& st : s) {
    EXPECT_FALSE(st.speaker.id.empty()) << st.id;
    EXPECT_NE(std::find(kinds.begin(), kinds.end(), st.kind), kinds.end()) << st.id << ": " << st.kind;
    EXPECT_FALSE(st.quote.empty()) << st.id;
    EXPECT_FALSE(st.sources.empty()) << st.id;
    ASSERT_FALSE(st.reporting.empty()) << st.id;
    EXPECT_EQ(st.reporting.front().step, 1) << st.id;
    for (const ReportingLink& l : st.reporting) {
      EXPECT_TRUE(db_->Source(l.source).ok()) << st.id << " cites " << l.source;
      EXPECT_FALSE(l.publisher.empty()) << l.report.id;
      if (l.step > 1) {
        EXPECT_FALSE(l.via.empty()) << l.report.id;
      }
    }
    if (!st.quote_source.empty()) {
      EXPECT_TRUE(db_->Source(st.quote_source).ok()) << st.quote_source;
    }
  }
}

TEST_F(BundledRecord, ReportingChainRemarksToAgencyToNewsReport) {
  const StatementRecord* macron = nullptr;
  const std::vector<StatementRecord> s = List({});
  macron = Find(s, "macron-2024-02-26");
  ASSERT_NE(macron, nullptr);
  ASSERT_EQ(macron->reporting.size(), 3u);
  const ReportingLink* ap = nullptr;
  const ReportingLink* newser = nullptr;
  for (const ReportingLink& l : macron->reporting) {
    if (l.report.id == "ap-macron-2024-02-26") ap = &l;
    if (l.report.id == "newser-macron-2024-02-26") newser = &l;
  }
  ASSERT_NE(ap, nullptr);
  ASSERT_NE(newser, nullptr);
  EXPECT_EQ(ap->step, 1);
  EXPECT_EQ(ap->medium, "news agency");
  EXPECT_EQ(ap->publisher, "Associated Press");
  EXPECT_EQ(newser->step, 2);
  EXPECT_EQ(newser->via, "ap-macron-2024-02-26");
  EXPECT_EQ(newser->source, "macron-2024-newser");
  EXPECT_NE(present::StatementsText({*macron}).find("→ 1. Associated Press, news agency: ap-macron-2024-02-26"),
            std::string::npos);
}

TEST_F(BundledRecord, FiltersBySpeakerKindAndInclusiveDates) {
  StatementFilter f;
  f.speaker = "dmitry-peskov";
  auto s = List(f);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].id, "peskov-2024-02-27");
  f = {};
  f.from = D(2024, 2, 27);
  EXPECT_EQ(List(f).size(), 2u);
  f = {};
  f.to = D(2024, 2, 26);
  EXPECT_EQ(List(f).size(), 2u);  // ISW's assessment and Macron's hedge
  f = {};
  f.kind = "denial";
  s = List(f);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].id, "stoltenberg-2024-02-27");
  f = {};
  f.kind = "warning";
  EXPECT_TRUE(List(f).empty());
}

TEST_F(BundledRecord, AsRecordedBeforeTheEveningOnlyISWsAssessmentIsKnown) {
  View view;
  view.recorded = *ParseInstant("2024-02-26T12:00:00Z");
  const std::vector<StatementRecord> s = List({}, view);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].id, "isw-assessment-2024-02-26");
}

TEST_F(BundledRecord, JsonCarriesIdSpeakerKindAndDate) {
  StatementFilter f;
  f.about = "UA";
  const nlohmann::ordered_json j = present::Unwrap(present::StatementsJson(List(f)));
  ASSERT_EQ(j.size(), 3u);
  EXPECT_EQ(j[1]["id"], "peskov-2024-02-27");
  EXPECT_EQ(j[1]["speaker"], "dmitry-peskov");
  EXPECT_EQ(j[1]["kind"], "conditional-threat");
  EXPECT_EQ(j[1]["date"], "2024-02-27");
  EXPECT_EQ(j[1]["offices"][0]["id"], "ru-president-press-secretary");
  EXPECT_EQ(j[1]["condition"], "In that case");
  EXPECT_TRUE(j[1]["time"].is_null());
  EXPECT_EQ(j[0]["hedges"].size(), 2u);
}

TEST_F(BundledRecord, UnknownKindSpeakerOrTopicFail) {
  StatementFilter f;
  f.kind = "hedges";
  auto r = ListStatements(*db_, f, View{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_EQ(r.status().message(), "unknown statement kind 'hedges'");
  ASSERT_FALSE(r.status().notes().empty());
  EXPECT_EQ(r.status().notes()[0].message, "did you mean 'hedge'?");
  f = {};
  f.speaker = "dmitri-peskov";
  r = ListStatements(*db_, f, View{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  f = {};
  f.about = "XX";
  EXPECT_EQ(ListStatements(*db_, f, View{}).status().code(), Code::kNotFound);
}

// ---- ordo report -------------------------------------------------------------------------

TEST_F(BundledRecord, ReportClaimThatDiffersFromTheRecordShowsBothSides) {
  const ReportCheck r = Article();
  EXPECT_EQ(r.report.id, "article-2024-02");
  EXPECT_EQ(r.report.kind, "report");
  const ClaimCheck* c = Claim(r, "article-2024-02-lmd-most-nf");
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->verdict, Verdict::kCorrected);
  EXPECT_TRUE(c->computed);
  // The report's side, with its sources ...
  EXPECT_NE(c->wording.find("most"), std::string::npos);
  EXPECT_NE(c->report_words.find("most of the territory previously under the NF"), std::string::npos);
  std::set<std::string> claim_sources;
  for (const SourceInfo& s : c->sources) claim_sources.insert(s.id);
  EXPECT_TRUE(claim_sources.count("article-2024-02"));
  EXPECT_TRUE(claim_sources.count("isw-2024-02-26"));
  ASSERT_EQ(c->follows.size(), 1u);
  EXPECT_EQ(c->follows[0].id, "isw-assessment-2024-02-26");
  // ... and the record's: all four Northern Fleet subjects, by Decree No. 141, with its sources.
  EXPECT_NE(c->record.find("all 4 of the 4"), std::string::npos) << c->record;
  EXPECT_EQ(c->record_ids, (std::vector<std::string>{"RU-ARK", "RU-KO", "RU-MUR", "RU-NEN"}));
  ASSERT_EQ(c->evidence.size(), 1u);
  EXPECT_EQ(c->evidence[0].id, "ru-decree-141-2024");
  EXPECT_FALSE(c->evidence[0].sources.empty());
  EXPECT_EQ(c->evidence[0].sources[0].id, "decree-141-2024");
  // Both sides in the text and the JSON.
  const std::string text = present::ReportText(r);
  EXPECT_NE(text.find("CORRECTED  article-2024-02-lmd-most-nf"), std::string::npos);
  EXPECT_NE(text.find("the report says   From 1 Mar 2024 the Leningrad Military District took over most"),
            std::string::npos);
  EXPECT_NE(text.find("the record holds  all 4 of the 4"), std::string::npos);
  const nlohmann::ordered_json j = present::Unwrap(present::ReportJson(r));
  EXPECT_EQ(j["counts"]["corrected"], 1);
}

TEST_F(BundledRecord, ReportClaimsConfirmedAndUnknown) {
  const ReportCheck r = Article();
  ASSERT_EQ(r.claims.size(), 7u);
  const ClaimCheck* mmd = Claim(r, "article-2024-02-mmd-most-wmd");
  ASSERT_NE(mmd, nullptr);
  EXPECT_EQ(mmd->verdict, Verdict::kConfirmed);  // 19 of 26 is most
  EXPECT_EQ(mmd->record_ids.size(), 19u);
  EXPECT_NE(mmd->record.find("7 -> leningrad-md"), std::string::npos) << mmd->record;
  for (const char* id : {"article-2024-02-macron", "article-2024-02-peskov", "article-2024-02-stoltenberg"}) {
    const ClaimCheck* c = Claim(r, id);
    ASSERT_NE(c, nullptr) << id;
    EXPECT_EQ(c->verdict, Verdict::kConfirmed) << id << ": " << c->record;
    EXPECT_TRUE(c->computed);
    ASSERT_EQ(c->record_ids.size(), 1u);
  }
  EXPECT_EQ(Claim(r, "article-2024-02-peskov")->record_ids[0], "peskov-2024-02-27");
  const ClaimCheck* decrees = Claim(r, "article-2024-02-two-decrees");
  ASSERT_NE(decrees, nullptr);
  EXPECT_EQ(decrees->verdict, Verdict::kUnknown);
  EXPECT_FALSE(decrees->computed);
  EXPECT_NE(decrees->record.find("sources disagree"), std::string::npos);
  ASSERT_EQ(decrees->evidence.size(), 2u);
  EXPECT_EQ(decrees->evidence[0].id, "ru-decree-141-2024");
  EXPECT_EQ(decrees->evidence[1].id, "ru-northern-fleet-status-2024");
}

TEST_F(BundledRecord, ReportOfAnUnknownIdOrANonReportFails) {
  auto r = CheckReport(*db_, "article-2024-03", View{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  r = CheckReport(*db_, "macron-2024-02-26", View{});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalid);
  EXPECT_EQ(r.status().message(), "'macron-2024-02-26' is a statement, not a report");
}

TEST_F(BundledRecord, AReportWithoutClaims) {
  auto r = CheckReport(*db_, "isw-report-2024-02-26", View{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->claims.empty());
  EXPECT_EQ(r->publisher, "Institute for the Study of War");
  EXPECT_NE(present::ReportText(*r).find("no claims recorded"), std::string::npos);
}

// ---- Small records: offices over time, quantities ----------------------------------------

constexpr const char* kSchema = R"(
kind territory
kind district
kind person
kind office
kind statement
kind report
kind claim
relation district : territory -> district  exclusive
relation holds-office : person -> office
relation stated-by : statement -> person  exclusive
relation claim-in : claim -> report  exclusive
attribute said-at : statement -> date
attribute statement-kind : statement -> string
attribute quote : statement -> string
attribute wording : claim -> string
attribute check : claim -> string
source s { title "S" }
)";

TEST(SmallRecord, TheOfficeIsTheOneHeldOnTheStatementsDate) {
  auto db = Load({{"schema.ordo", kSchema}, {"o.ordo", R"(
order people effective 2014-10-01 recorded 2014-10-01 sources s {
  create sg : office "Secretary General"
  create js : person "J. S."
  create mr : person "M. R."
  assign js holds-office -> sg to 2024-10-01
  assign mr holds-office -> sg from 2024-10-01
}
order said effective 2024-09-30 recorded 2024-10-02 sources s {
  create st-1 : statement
  assign st-1 stated-by -> js
  set st-1 said-at 2024-09-30
  create st-2 : statement from 2024-10-01
  assign st-2 stated-by -> js from 2024-10-01
  set st-2 said-at 2024-10-01 from 2024-10-01
  create st-3 : statement from 2024-10-01
  assign st-3 stated-by -> mr from 2024-10-01
}
)"}});
  ASSERT_NE(db, nullptr);
  auto r = ListStatements(*db, {}, View{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].id, "st-1");
  ASSERT_EQ((*r)[0].offices.size(), 1u);
  EXPECT_EQ((*r)[0].offices[0].id, "sg");
  EXPECT_TRUE((*r)[1].offices.empty());  // js left office the day before
  EXPECT_NE(present::StatementsText({(*r)[1]}).find("no office recorded on 2024-10-01"), std::string::npos);
  // Without said-at, the date is where the statement's record starts.
  EXPECT_EQ(FormatFuzzyDate((*r)[2].date), "2024-10-01");
  ASSERT_EQ((*r)[2].offices.size(), 1u);
  EXPECT_TRUE((*r)[2].kind.empty());
}

TEST(SmallRecord, TransferQuantities) {
  auto db = Load({{"schema.ordo", kSchema}, {"o.ordo", R"(
order base effective 2020-01-01 recorded 2020-01-01 sources s {
  create (a b c d) : territory
  create (x y z) : district
  assign (a b c) district -> x
  assign d district -> z
}
order move effective 2024-03-01 recorded 2024-02-26 sources s {
  move (a b) district -> y
}
order claims effective 2024-03-02 recorded 2024-03-02 sources s {
  create r : report
  create (c-most c-all c-two c-some c-none c-lots c-empty c-partial) : claim
  assign (c-most c-all c-two c-some c-none c-lots c-empty c-partial) claim-in -> r
  set c-most check "transfer" [relation: district, before: x, after: y, on: 2024-03-01, quantity: most]
  set c-all check "transfer" [relation: district, before: x, after: y, on: 2024-03-01, quantity: all]
  set c-two check "transfer" [relation: district, before: x, after: y, on: 2024-03-01, quantity: 2]
  set c-some check "transfer" [relation: district, before: x, after: y, on: 2024-03-01, quantity: some]
  set c-none check "transfer" [relation: district, before: x, after: y, on: 2024-03-01, quantity: none]
  set c-lots check "transfer" [relation: district, before: x, after: y, on: 2024-03-01, quantity: lots]
  set c-empty check "transfer" [relation: district, before: y, after: x, on: 2024-03-01, quantity: all]
  set c-partial check "transfer" [relation: district, before: x, after: y, quantity: all]
}
)"}});
  ASSERT_NE(db, nullptr);
  auto r = CheckReport(*db, "r", View{});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  std::map<std::string, const ClaimCheck*> by;
  for (const ClaimCheck& c : r->claims) by[c.id] = &c;
  ASSERT_EQ(by.size(), 8u);
  EXPECT_EQ(by["c-most"]->verdict, Verdict::kConfirmed) << by["c-most"]->record;  // 2 of 3
  EXPECT_EQ(by["c-all"]->verdict, Verdict::kCorrected);
  EXPECT_EQ(by["c-two"]->verdict, Verdict::kConfirmed);
  EXPECT_EQ(by["c-some"]->verdict, Verdict::kConfirmed);
  EXPECT_EQ(by["c-none"]->verdict, Verdict::kCorrected);
  EXPECT_EQ(by["c-lots"]->verdict, Verdict::kUnknown);
  EXPECT_EQ(by["c-empty"]->verdict, Verdict::kUnknown);
  EXPECT_EQ(by["c-partial"]->verdict, Verdict::kUnknown);
  EXPECT_FALSE(by["c-partial"]->computed);
  EXPECT_EQ(by["c-most"]->record,
            "2 of the 3 with district -> x on 2024-02-29 have district -> y on 2024-03-01: a, b; 1 -> x: c");
  EXPECT_EQ(by["c-partial"]->record, "cannot evaluate: the check has no valid 'on'");
  ASSERT_EQ(by["c-most"]->evidence.size(), 2u);  // the orders behind where each went
}

}  // namespace
}  // namespace ordo::domain
