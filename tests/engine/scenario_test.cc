// Scenarios: the record never changes because of one (a property test over
// random sequences of scenario operations, comparing every record answer and
// the file's record rows), a branch rebuilt from the file answers as before,
// CompareScenario, and the bundled demonstration: the Kremlin red-line rule
// fires in data/scenarios/ on the right date, naming the right order, and not
// in the record.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo {
namespace {

namespace fs = std::filesystem;

Batch Parse(const std::string& text, const std::string& file = "t.ordo") {
  ParseResult r = ParseOrders(text, file);
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics.front().ToString());
  return r.batch;
}

std::string Ent(int e) { return "e" + std::to_string(e); }

constexpr int kEntities = 6;

// A small record: places in regions (exclusive), members of groups (many), an
// integer attribute, a perspective, orders recorded at explicit, increasing
// instants, and a rule.
std::string RecordText() {
  std::string t = R"(
kind place
kind group
kind statement
perspective P
relation in : place -> place  exclusive acyclic
relation member : place -> group
attribute size : place -> integer
attribute quote : statement -> string
source s { title "test source" }
order o0 "setup" effective 2000-01-01 recorded 2001-01-01 sources s {
  create (e0 e1 e2 e3 e4 e5) : place
  create (g0 g1) : group
  create said : statement
  set said quote "if e1 is in g0 and in g1"
  assign e1 in -> e0
  assign (e2 e3) member -> g0
}
rule watch "e1 in both groups" cites said sources s note "test rule"
  when member(?p, g0), member(?p, g1)
)";
  for (int i = 1; i <= 8; ++i) {
    // Distinct (place, group) pairs, so that every order is valid; o8 puts e1
    // in both groups.
    const int place = i <= 6 ? (i + 3) % kEntities : i - 7;
    const int group = i <= 6 ? 1 : 0;
    t += "order o" + std::to_string(i) + " \"o\" effective " + std::to_string(2000 + i) + "-01-01 recorded 20" +
         std::to_string(10 + i) + "-01-01 sources s";
    if (i == 5) t += " perspective P";
    t += " {\n  assign " + Ent(place) + " member -> g" + std::to_string(group) + "\n  set " + Ent(place) + " size " +
         std::to_string(i) + "\n}\n";
  }
  return t;
}

// A random hypothetical batch; some are refused (an exclusive clash, an unknown
// id, a cycle).
std::string RandomScenarioText(std::mt19937& rng, int n) {
  auto pick = [&](int k) { return static_cast<int>(rng() % static_cast<unsigned>(k)); };
  std::string t = "order h" + std::to_string(n) + " \"hypothetical\" effective " + std::to_string(1999 + pick(14)) +
                  "-0" + std::to_string(1 + pick(9)) + "-01 sources s {\n";
  for (int i = 0, ops = 1 + pick(3); i < ops; ++i) {
    const std::string a = pick(10) == 0 ? "nobody" : Ent(pick(kEntities));
    switch (pick(6)) {
      case 0: t += "  assign " + a + " member -> g" + std::to_string(pick(2)) + "\n"; break;
      case 1: t += "  move " + a + " in -> " + Ent(pick(kEntities)) + "\n"; break;
      case 2: t += "  end " + a + " member -> g" + std::to_string(pick(2)) + "\n"; break;
      case 3: t += "  set " + a + " size " + std::to_string(pick(100)) + "\n"; break;
      case 4: t += "  create x" + std::to_string(n) + "-" + std::to_string(i) + " : place\n"; break;
      default: t += "  assign " + a + " in -> " + Ent(pick(kEntities)) + "\n"; break;
    }
  }
  return t + "}\n";
}

// Every answer the record gives, as text.
std::string RecordAnswers(const Database& db) {
  std::ostringstream out;
  auto facts = [&](const Result<std::vector<FactInfo>>& r) {
    if (!r.ok()) {
      out << "error " << r.status().message() << "\n";
      return;
    }
    for (const FactInfo& f : *r) {
      out << f.fact_id << " " << f.subject << " " << f.predicate << " " << f.object
          << (f.value ? FormatValue(*f.value) : "") << " " << FormatFuzzyDate(f.from) << " " << FormatFuzzyDate(f.to)
          << " " << f.recorded_from.micros << " " << f.recorded_to.micros << " " << f.perspective << " " << f.order
          << " " << f.ended_by << "\n";
    }
  };
  const std::vector<std::string> ids = db.EntityIds();
  for (const char* persp : {"", "P"}) {
    for (const char* recorded : {"", "2012-06-01", "2030-01-01"}) {
      View v;
      v.perspective = persp;
      if (recorded[0] != '\0') v.recorded = *ParseInstant(recorded);
      for (int year : {1999, 2003, 2007, 2012}) {
        v.at = Date::FromCivil(year, 6, 1);
        for (const char* p : {"in", "member", "size"}) facts(db.Snapshot(p, v));
        for (const std::string& id : ids) {
          auto e = db.Entity(id, v);
          out << id << (e.ok() ? e->alive : false) << (e.ok() ? e->facts.size() : 0) << "\n";
        }
      }
      for (const std::string& id : ids) facts(db.History(id, "", v));
      auto d = db.Diff(Date::FromCivil(2001, 1, 1), Date::FromCivil(2011, 1, 1), "", v);
      out << "diff " << (d.ok() ? d->size() : 0) << "\n";
    }
  }
  for (const OrderInfo& o : db.Orders()) out << o.id << " " << o.recorded.micros << " " << o.facts_asserted << "\n";
  for (const RuleInfo& r : db.Rules()) out << r.text << "\n";
  auto alerts = db.Alerts();
  for (const AlertInfo& a : *alerts) out << a.rule << " " << FormatDate(a.date) << " " << a.order << "\n";
  out << db.fact_count() << " " << db.entity_count() << "\n";
  return out.str();
}

// The record's rows in the file, table by table.
std::string RecordRows(const std::string& path) {
  sqlite3* db = nullptr;
  EXPECT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  std::string out;
  for (const char* sql : {"SELECT * FROM kinds ORDER BY id", "SELECT * FROM predicates ORDER BY id",
                          "SELECT * FROM perspectives ORDER BY id", "SELECT * FROM entities ORDER BY id",
                          "SELECT * FROM sources ORDER BY id", "SELECT * FROM orders ORDER BY id",
                          "SELECT * FROM order_sources ORDER BY order_id, position", "SELECT * FROM facts ORDER BY id",
                          "SELECT * FROM retractions ORDER BY fact_id", "SELECT * FROM rules ORDER BY id",
                          "SELECT * FROM alerts WHERE scenario='' ORDER BY id"}) {
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sql;
    out += std::string(sql) + "\n";
    while (sqlite3_step(st) == SQLITE_ROW) {
      for (int i = 0; i < sqlite3_column_count(st); ++i) {
        const unsigned char* text = sqlite3_column_text(st, i);
        out += text ? reinterpret_cast<const char*>(text) : "NULL";
        out += "|";
      }
      out += "\n";
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

// What a branch answers, for comparing a branch before and after a reopen.
std::string BranchAnswers(const Database& record, const std::string& name) {
  auto branch = record.Scenario(name);
  if (!branch.ok()) return "error " + branch.status().message();
  const Database& db = **branch;
  View v;
  std::string out;
  for (int year : {1999, 2005, 2012}) {
    v.at = Date::FromCivil(year, 6, 1);
    for (const char* p : {"in", "member", "size"}) {
      auto r = db.Snapshot(p, v);
      if (!r.ok()) return "error " + r.status().message();
      for (const FactInfo& f : *r) out += f.subject + " " + f.predicate + " " + f.object + " " + f.order + "\n";
    }
  }
  auto alerts = db.Alerts();
  for (const AlertInfo& a : *alerts) out += a.rule + " " + FormatDate(a.date) + " " + a.order + "\n";
  return out;
}

class ScenarioIsolationTest : public ::testing::TestWithParam<int> {};

TEST_P(ScenarioIsolationTest, ScenarioOperationsNeverChangeTheRecord) {
  const std::string path = ::testing::TempDir() + "/scenario_isolation_" + std::to_string(GetParam()) + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
  std::unique_ptr<Database> db = std::move(Database::Open(path)).value();
  auto loaded = db->Apply(Parse(RecordText()));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const std::string answers = RecordAnswers(*db);
  const std::string rows = RecordRows(path);
  std::mt19937 rng(static_cast<unsigned>(GetParam()));
  std::vector<std::string> names;
  int accepted = 0, refused = 0;
  for (int step = 0; step < 60; ++step) {
    SCOPED_TRACE("step " + std::to_string(step));
    const int what = static_cast<int>(rng() % 10);
    if (what < 2 || names.empty()) {
      const std::string name = "s" + std::to_string(step);
      std::optional<Instant> base;
      if (rng() % 2) base = *ParseInstant("20" + std::to_string(10 + rng() % 10) + "-06-01");
      ASSERT_TRUE(db->CreateScenario(name, base, "note").ok());
      names.push_back(name);
    } else if (what < 7) {
      const std::string& name = names[rng() % names.size()];
      const std::string text = RandomScenarioText(rng, step);
      ParseResult parsed = ParseOrders(text, "h.ordo");
      ASSERT_TRUE(parsed.ok());
      auto r = db->Apply(parsed.batch, ApplyOptions{rng() % 5 == 0, name, text, "h.ordo"});
      (r.ok() ? accepted : refused)++;
    } else if (what < 8) {
      const size_t i = rng() % names.size();
      ASSERT_TRUE(db->DeleteScenario(names[i]).ok());
      names.erase(names.begin() + static_cast<std::ptrdiff_t>(i));
    } else if (what < 9) {
      // Reopen: branches are rebuilt from their stored texts and answer as
      // before.
      std::vector<std::string> before;
      for (const std::string& n : names) before.push_back(BranchAnswers(*db, n));
      db.reset();
      db = std::move(Database::Open(path)).value();
      for (size_t i = 0; i < names.size(); ++i) ASSERT_EQ(BranchAnswers(*db, names[i]), before[i]) << names[i];
    } else {
      const std::string& name = names[rng() % names.size()];
      ASSERT_TRUE(db->CompareScenario(name, "").ok());
      ASSERT_TRUE(db->Scenario(name).ok());
    }
    ASSERT_EQ(RecordAnswers(*db), answers);
  }
  EXPECT_EQ(RecordRows(path), rows);
  EXPECT_GT(accepted, 3);
  EXPECT_GT(refused, 0);
  db.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

INSTANTIATE_TEST_SUITE_P(Seeds, ScenarioIsolationTest, ::testing::Range(1, 7));

TEST(Scenario, StartsFromTheRecordAsKnownAtItsBaseTime) {
  auto db = std::move(Database::Open(":memory:")).value();
  ASSERT_TRUE(db->Apply(Parse(RecordText())).ok());
  auto record_alerts = db->Alerts();
  // o6, o7 and o8 each put a place in its second group.
  ASSERT_EQ(record_alerts->size(), 3u);
  EXPECT_EQ((*record_alerts)[2].order, "o8");
  EXPECT_EQ(FormatDate((*record_alerts)[2].date), "2008-01-01");
  EXPECT_EQ((*record_alerts)[2].bindings, (std::vector<std::pair<std::string, std::string>>{{"p", "e1"}}));
  ASSERT_TRUE(db->CreateScenario("early", *ParseInstant("2001-06-01"), "").ok());
  ASSERT_TRUE(db->CreateScenario("now", std::nullopt, "").ok());
  auto early = db->Scenario("early");
  ASSERT_TRUE(early.ok());
  EXPECT_EQ((*early)->Orders().size(), 1u);  // only o0 was recorded by then
  EXPECT_EQ((*early)->Rules().size(), 0u);   // the rule was recorded later
  EXPECT_EQ((*db->Scenario("now"))->Orders().size(), db->Orders().size());
  // A branch handle is read-only: it changes only through the record's Apply with ApplyOptions::scenario.
  EXPECT_FALSE((*early)->Apply(Parse("kind other\n")).ok());
  EXPECT_EQ(db->CreateScenario("now", std::nullopt, "").code(), Code::kConflict);
  EXPECT_EQ(db->CreateScenario("no spaces", std::nullopt, "").code(), Code::kInvalid);
  // An order the record gains after a scenario was created never joins it, even when its
  // record time is before the scenario's base (the branch is rebuilt the same way every time).
  ASSERT_TRUE(db->CreateScenario("cut", *ParseInstant("2001-06-01"), "").ok());
  ASSERT_TRUE(db->Apply(Parse("order late \"backdated\" effective 2000-01-01 recorded 2001-02-01 sources s {\n"
                              "  assign e5 member -> g0\n}\n"))
                  .ok());
  EXPECT_EQ((*db->Scenario("cut"))->Orders().size(), 1u);
  auto unknown = db->Scenario("nwo");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "unknown scenario 'nwo'");
  ASSERT_FALSE(unknown.status().notes().empty());
  EXPECT_EQ(unknown.status().notes()[0].message, "did you mean 'now'?");
}

TEST(Scenario, CompareNamesWhatDiffersOnWhichDates) {
  auto db = std::move(Database::Open(":memory:")).value();
  ASSERT_TRUE(db->Apply(Parse(RecordText())).ok());
  ASSERT_TRUE(db->CreateScenario("s", std::nullopt, "").ok());
  const std::string text = "order h \"h\" effective 2020-01-01 sources s {\n  move e1 in -> e2\n}\n";
  auto r = db->Apply(Parse(text), ApplyOptions{false, "s", text, "h.ordo"});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto diff = db->CompareScenario("s", "in");
  ASSERT_TRUE(diff.ok());
  ASSERT_EQ(diff->size(), 1u);
  const ScenarioDifference& d = (*diff)[0];
  EXPECT_EQ(d.subject, "e1");
  EXPECT_EQ(d.predicate, "in");
  ASSERT_EQ(d.dates.size(), 1u);
  EXPECT_EQ(FormatDate(d.dates[0].from), "2020-01-01");
  EXPECT_TRUE(d.dates[0].to.is_max());
  ASSERT_EQ(d.record.size(), 1u);
  EXPECT_EQ(d.record[0].object, "e0");
  ASSERT_EQ(d.scenario.size(),
            1u);  // the row ending e0 in 2020 does not overlap the dates
  EXPECT_EQ(d.scenario[0].object, "e2");
  View v;
  v.at = Date::FromCivil(2021, 1, 1);
  EXPECT_EQ((*(*db->Scenario("s"))->Objects("e1", "in", v))[0].object, "e2");
  EXPECT_EQ((*db->Objects("e1", "in", v))[0].object, "e0");
  EXPECT_EQ(db->CompareScenario("s", "member")->size(), 0u);
  EXPECT_EQ(db->CompareScenario("s", "nope").status().code(), Code::kNotFound);
  // The same diagnostics as Apply, with the scenario's orders.
  const std::string bad =
      "order h2 \"h\" effective 2021-01-01 sources s {\n  "
      "assign e1 in -> e3\n}\n";
  auto refused = db->Apply(Parse(bad, "bad.ordo"), ApplyOptions{false, "s", bad, "bad.ordo"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().where().file, "bad.ordo");
  EXPECT_EQ(refused.status().where().begin.line, 2u);
}

// ---- the bundled demonstration ----

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// data/ as `ordo load data/` applies it: every .ordo file sorted by path,
// scenarios/ skipped.
Batch LoadData() {
  const fs::path root = fs::path(ORDO_SOURCE_DIR) / "data";
  std::vector<std::string> rel;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->is_directory() && it->path().filename() == "scenarios") {
      it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file() && it->path().extension() == ".ordo") {
      rel.push_back(fs::relative(it->path(), root).generic_string());
    }
  }
  std::sort(rel.begin(), rel.end());
  Batch batch;
  for (const std::string& f : rel) batch.Append(Parse(ReadFile(root / f), "data/" + f));
  return batch;
}

TEST(Demonstration, TheRedLineRuleFiresInTheScenarioAndNotInTheRecord) {
  auto db = std::move(Database::Open(":memory:")).value();
  auto loaded = db->Apply(LoadData());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ(db->Rules().size(), 1u);
  const RuleInfo rule = db->Rules()[0];
  EXPECT_EQ(rule.id, "kremlin-red-line-2024");
  EXPECT_EQ(rule.cites, "peskov-2024-02-27");
  EXPECT_NE(rule.quote.find("inevitability"), std::string::npos);
  EXPECT_NE(rule.note.find("certain contingents"), std::string::npos);
  EXPECT_TRUE(db->Alerts()->empty()) << "the record does not meet the condition";

  ASSERT_TRUE(db->CreateScenario("eu-nato-combat", std::nullopt, "demonstration").ok());
  const std::string file = "data/scenarios/eu-nato-combat-deployment.ordo";
  const std::string text = ReadFile(fs::path(ORDO_SOURCE_DIR) / file);
  auto applied = db->Apply(Parse(text, file), ApplyOptions{false, "eu-nato-combat", text, file});
  ASSERT_TRUE(applied.ok()) << applied.status().ToString();

  auto alerts = (*db->Scenario("eu-nato-combat"))->Alerts();
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 1u);
  const AlertInfo& a = (*alerts)[0];
  EXPECT_EQ(a.scenario, "eu-nato-combat");
  EXPECT_EQ(a.rule, "kremlin-red-line-2024");
  EXPECT_EQ(FormatDate(a.date), "2024-06-01");
  EXPECT_EQ(a.order, "scenario-fr-combat-deployment-2024");
  EXPECT_EQ(a.bindings, (std::vector<std::pair<std::string, std::string>>{{"state", "FR"}, {"territory", "UA-32"}}));
  EXPECT_EQ(a.cites, "peskov-2024-02-27");
  EXPECT_EQ(a.quote, rule.quote);
  EXPECT_EQ(a.note, rule.note);

  // Nothing of it reached the record.
  EXPECT_TRUE(db->Alerts()->empty());
  View v;
  v.at = Date::FromCivil(2024, 7, 1);
  EXPECT_TRUE(db->Objects("FR", "deployed-to", v)->empty());
  EXPECT_EQ(db->Order("scenario-fr-combat-deployment-2024").status().code(), Code::kNotFound);
  auto branch = db->Scenario("eu-nato-combat");
  ASSERT_EQ((*branch)->Objects("FR", "deployed-to", v)->size(), 1u);
}

}  // namespace
}  // namespace ordo
