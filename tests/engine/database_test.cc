// The engine through its public API: each invariant's explanation, atomicity, durability
// across reopen, record time, perspectives and read-only files.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo {
namespace {

constexpr const char* kSchema = R"(
kind territory
kind unit
kind district : unit
relation in : territory -> district  exclusive
relation under : unit -> unit  exclusive acyclic
relation borders : territory -> territory
attribute population : territory -> integer
source s { title "A source" }
)";

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto d = Database::Open(":memory:");
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    db_ = std::move(*d);
    ASSERT_TRUE(Load(kSchema, "schema.ordo").ok());
  }
  // Parses and applies text; returns the status (parse errors fail the test).
  Status Load(const std::string& text, const std::string& file = "t.ordo", bool check_only = false) {
    ParseResult p = ParseOrders(text, file);
    EXPECT_TRUE(p.ok()) << (p.ok() ? "" : p.diagnostics[0].ToString());
    ApplyOptions options;
    options.check_only = check_only;
    auto r = db_->Apply(p.batch, options);
    return r.status();
  }
  std::string ObjectAt(const std::string& s, const std::string& rel, const std::string& date,
                       const std::string& persp = "") {
    View v;
    v.at = ParseFuzzyDate(date)->date;
    v.perspective = persp;
    auto r = db_->Objects(s, rel, v);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::string out;
    for (const FactInfo& f : *r) out += (out.empty() ? "" : ",") + (f.is_attribute ? FormatValue(*f.value) : f.object);
    return out;
  }
  std::unique_ptr<Database> db_;
};

constexpr const char* kBase = R"(
order base "Base" effective 2010-01-01 recorded 2010-01-01 sources s {
  create (a b c) : territory
  create (north south) : district "North" @ru "Север"
  create hq : unit
  assign (a b) in -> north
  assign c in -> south
}
)";

// A batch reports each order's errors, each failing operation's within an order, and not the
// errors that only repeat one (an id a refused order would have created); nothing is applied.
// Regression: `end IDS REL` without '-> OBJ' ends whatever the relation holds, as
// docs/language.md says; it was refused with "end of a relation needs '-> OBJECT'".
TEST_F(DatabaseTest, EndWithoutAnObjectEndsWhateverHolds) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("order e \"E\" effective 2024-03-01 recorded 2024-03-01 sources s {\n  end a in\n}\n").ok());
  EXPECT_EQ(ObjectAt("a", "in", "2024-02-29"), "north");
  EXPECT_EQ(ObjectAt("a", "in", "2024-03-01"), "");
  Status again = Load("order f \"F\" effective 2024-06-01 recorded 2024-06-01 sources s {\n  end a in\n}\n");
  EXPECT_EQ(again.code(), Code::kViolation);
  EXPECT_EQ(again.message(), "cannot end 'a in' on 2024-06-01: it has none then");
}

TEST_F(DatabaseTest, ABatchReportsEveryErrorAndAppliesNothing) {
  ASSERT_TRUE(Load(kBase).ok());
  const size_t facts = db_->fact_count();
  ParseResult p = ParseOrders(R"(
order o1 "two bad operations" effective 2024-01-01 recorded 2024-01-01 sources s {
  create d : territory
  assign d in -> nowhere
  assign a in -> nowhere-else
}
order o2 "uses what o1 would have created" effective 2024-01-01 recorded 2024-01-01 sources s {
  assign d in -> north
  move c in -> north
}
order o3 "a violation" effective 2024-01-01 recorded 2024-01-01 sources s {
  assign b in -> south
}
order o4 "fine" effective 2024-01-01 recorded 2024-01-01 sources s {
  move a in -> south
}
)",
                              "t.ordo");
  ASSERT_TRUE(p.ok());
  auto r = db_->Apply(p.batch);
  ASSERT_FALSE(r.ok());
  std::vector<std::string> messages;
  for (const Status& e : EachError(r.status())) messages.push_back(e.message());
  ASSERT_EQ(messages.size(), 3u) << r.status().ToString();
  EXPECT_EQ(messages[0], "unknown id 'nowhere'");
  EXPECT_EQ(messages[1], "unknown id 'nowhere-else'");
  EXPECT_EQ(messages[2].rfind("'b' cannot have two ins at once", 0), 0u) << messages[2];
  EXPECT_EQ(EachError(r.status())[1].where().begin.line, 5u);
  EXPECT_EQ(db_->fact_count(), facts) << "nothing of the batch is applied";
  EXPECT_EQ(ObjectAt("a", "in", "2024-06-01"), "north");
  EXPECT_EQ(ObjectAt("c", "in", "2024-06-01"), "south");
}

TEST_F(DatabaseTest, ABatchReportsAtMostFiftyErrors) {
  ASSERT_TRUE(Load(kBase).ok());
  std::string text;
  for (int i = 0; i < 70; ++i) {
    text += "order bad-" + std::to_string(i) + " \"x\" effective 2024-01-01 sources s {\n  assign a in -> nowhere\n}\n";
  }
  ParseResult p = ParseOrders(text, "t.ordo");
  ASSERT_TRUE(p.ok());
  auto r = db_->Apply(p.batch);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(EachError(r.status()).size(), kMaxBatchErrors);
  EXPECT_EQ(EachError(r.status()).back().where().begin.line, 3u * (kMaxBatchErrors - 1) + 2) << "the fiftieth order's";
}

TEST_F(DatabaseTest, MoveEndsThePreviousFactTheDayBefore) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(
      Load("order m \"M\" effective 2024-03-01 recorded 2024-02-26 sources s {\n  move a in -> south\n}\n").ok());
  EXPECT_EQ(ObjectAt("a", "in", "2024-02-29"), "north");
  EXPECT_EQ(ObjectAt("a", "in", "2024-03-01"), "south");
  View v;
  v.at = Date::FromCivil(2024, 3, 1);
  v.recorded = *ParseInstant("2024-02-25");
  auto before = db_->Objects("a", "in", v);
  ASSERT_TRUE(before.ok());
  ASSERT_EQ(before->size(), 1u);
  EXPECT_EQ((*before)[0].object, "north") << "as recorded before the order, a is still in north";
  auto hist = db_->History("a", "in", View{});
  ASSERT_TRUE(hist.ok());
  ASSERT_EQ(hist->size(), 2u);
  EXPECT_EQ((*hist)[0].order, "base");
  EXPECT_EQ((*hist)[0].ended_by, "m");
  EXPECT_EQ(FormatFuzzyDate((*hist)[0].to), "2024-03-01");
}

TEST_F(DatabaseTest, ExclusiveOverlapIsRefusedWithTheConflictingFactAndItsOrder) {
  ASSERT_TRUE(Load(kBase, "base.ordo").ok());
  Status st = Load("order x \"X\" effective 2020-01-01 sources s {\n  assign a in -> south\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.ToString(),
            "t.ordo:2:3: error: 'a' cannot have two ins at once: 'a in -> south' from 2020-01-01 overlaps 'a in -> "
            "north' from 2010-01-01\n"
            "base.ordo:2:7: note: 'a in -> north' from 2010-01-01 was asserted by order 'base'\n"
            "note: use `move` to replace the current object from a date");
  EXPECT_EQ(ObjectAt("a", "in", "2021-01-01"), "north");
}

// Regression (issue 21): one batch of n facts of one subject took quadratic time, as the
// overlap check read every row of the subject for each new fact; it now reads only the rows
// that may overlap. An overlap in the middle of a long history is still found, and rows that
// only touch a fact's ends are not overlaps.
TEST_F(DatabaseTest, AnOverlapInTheMiddleOfALongHistoryIsFound) {
  ASSERT_TRUE(Load(kBase).ok());
  std::string text = "order h \"H\" effective 2010-01-01 sources s {\n  create z : territory\n";
  for (int y = 2010; y < 2020; ++y) {
    if (y == 2012) continue;  // a gap, filled below
    text += "  assign z in -> " + std::string(y % 2 == 0 ? "north" : "south") + " from " + std::to_string(y) +
            "-01-01 to " + std::to_string(y + 1) + "-01-01\n";
  }
  ASSERT_TRUE(Load(text + "}\n").ok());
  Status st = Load("order x \"X\" effective 2015-06-01 sources s {\n  assign z in -> north to 2015-07-01\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(),
            "'z' cannot have two ins at once: 'z in -> north' from 2015-06-01 to 2015-07-01 overlaps 'z in -> south' "
            "from 2015-01-01 to 2016-01-01");
  EXPECT_TRUE(Load("order y \"Y\" effective 2020-01-01 sources s {\n  assign z in -> north\n"
                   "  assign z in -> north from 2012-01-01 to 2013-01-01\n}\n")
                  .ok());
  EXPECT_EQ(ObjectAt("z", "in", "2011-12-31"), "south");
  EXPECT_EQ(ObjectAt("z", "in", "2012-06-01"), "north");
  EXPECT_EQ(ObjectAt("z", "in", "2013-01-01"), "south");
  EXPECT_EQ(ObjectAt("z", "in", "2020-01-01"), "north");
}

// An as-of lookup through the fast path skips the rows when the record time is on or after the
// entity's last change (the slots answer) or before its first row (nothing); at each bound, and
// between, it answers as the string API does.
TEST_F(DatabaseTest, AsOfLookupsAtTheBoundsOfAnEntitysRecordTimes) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(
      Load("order m \"M\" effective 2011-01-01 recorded 2011-06-01 sources s {\n  move a in -> south\n}\n").ok());
  const uint32_t a = db_->EntityHandle("a"), in = db_->PredicateHandle("in");
  const int64_t base = ParseInstant("2010-01-01")->micros, moved = ParseInstant("2011-06-01")->micros;
  for (const int64_t t : {base - 1, base, base + 1, moved - 1, moved, moved + 1}) {
    for (const char* day : {"2010-06-01", "2011-06-01"}) {
      View v;
      v.at = ParseFuzzyDate(day)->date;
      v.recorded = Instant{t};
      auto api = db_->Objects("a", "in", v);
      ASSERT_TRUE(api.ok());
      const uint32_t fast = db_->ObjectAsOf(a, in, v.at, Instant{t});
      EXPECT_EQ(fast == Database::kNone ? "" : db_->EntityKey(fast), api->empty() ? "" : (*api)[0].object)
          << "as of " << t << " on " << day;
    }
  }
  EXPECT_EQ(db_->EntityKey(db_->ObjectAsOf(a, in, ParseFuzzyDate("2011-06-01")->date, Instant{moved - 1})), "north");
  EXPECT_EQ(db_->EntityKey(db_->ObjectAsOf(a, in, ParseFuzzyDate("2011-06-01")->date, Instant{moved})), "south");
  EXPECT_EQ(db_->ObjectAsOf(a, in, ParseFuzzyDate("2011-06-01")->date, Instant{base - 1}), Database::kNone);
  EXPECT_EQ(db_->EntityKey(db_->ObjectAsOf(a, in, ParseFuzzyDate("2011-06-01")->date, Instant{base})), "north");
}

// An entity's key is the caller's to keep: writes that grow the table of entities (or a reload
// after another process's write) do not take it away. Regression: EntityKey returned a reference
// into that table, read without the lock, which dangled after the table grew (ASan:
// heap-use-after-free here).
TEST_F(DatabaseTest, AnEntityKeyOutlivesWritesThatGrowTheTable) {
  ASSERT_TRUE(Load(kBase).ok());
  const uint32_t h = db_->EntityHandle("a");
  const std::string& key = db_->EntityKey(h);
  std::string text = "order grow \"Grow\" effective 2011-01-01 sources s {\n  create (";
  for (int i = 0; i < 2000; ++i) text += " t" + std::to_string(i);
  ASSERT_TRUE(Load(text + ") : territory\n}\n").ok());
  EXPECT_EQ(key, "a");
  EXPECT_EQ(db_->EntityKey(db_->EntityHandle("t1999")), "t1999");
}

// The checks of an exclusive key read its live rows only, walking back from the new row and
// stopping at the first that ends before it starts (docs/benchmarks.md, "Batches of one
// relation"); that is sound while a perspective's live rows do not overlap. An order whose own
// rows overlap (here y, written after x, spans x and the older w) still has every clash found,
// and the first row in the subject's order named, as a full scan of the rows would.
TEST_F(DatabaseTest, AnOrderWhoseOwnRowsOverlapHasTheFirstClashNamed) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("order w \"W\" effective 2020-01-01 sources s {\n  create z : territory\n"
                   "  assign z in -> north from 2022-01-01 to 2025-01-01\n}\n")
                  .ok());
  Status st = Load(
      "order xy \"XY\" effective 2030-01-01 sources s {\n"
      "  assign z in -> south from 2030-01-01 to 2040-01-01\n"
      "  assign z in -> north from 2021-01-01 to 2050-01-01\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(),
            "'z' cannot have two ins at once: 'z in -> south' from 2030-01-01 to 2040-01-01 overlaps 'z in -> north' "
            "from 2021-01-01 to 2050-01-01");
  EXPECT_EQ(ObjectAt("z", "in", "2032-01-01"), "");
}

// A key moved again and again in one order (each move cuts the row before): every version is
// kept, and each date answers with the move in force.
TEST_F(DatabaseTest, ManyMovesOfOneKeyInOneOrderKeepEveryVersion) {
  ASSERT_TRUE(Load(kBase).ok());
  std::string text =
      "order m \"M\" effective 2010-01-01 sources s {\n  create z : territory\n"
      "  assign z in -> north\n";
  for (int y = 2011; y < 2040; ++y) {
    text += "  move z in -> " + std::string(y % 2 == 0 ? "north" : "south") + " from " + std::to_string(y) + "-01-01\n";
  }
  ASSERT_TRUE(Load(text + "}\n").ok());
  for (int y = 2010; y < 2041; ++y) {
    EXPECT_EQ(ObjectAt("z", "in", std::to_string(y) + "-06-01"), y % 2 == 0 && y < 2040 ? "north" : "south") << y;
  }
  // An `assign` over the open row clashes with it, and names it.
  Status st = Load("order n \"N\" effective 2050-01-01 sources s {\n  assign z in -> north from 2050-01-01\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(),
            "'z' cannot have two ins at once: 'z in -> north' from 2050-01-01 overlaps 'z in -> south' from "
            "2039-01-01");
}

// A many-valued relation's rows are checked through their object (a subject may hold thousands);
// of two rows a new fact overlaps, the first in the subject's order is named, the undisputed
// one before a perspective's.
TEST_F(DatabaseTest, AManyValuedFactOverlappingItselfNamesTheFirstRowOfTheSubject) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("perspective X\n"
                   "order p \"P\" effective 2010-01-01 sources s {\n"
                   "  assign a borders -> b from 2010-01-01 to 2012-01-01 perspective X\n"
                   "  assign a borders -> b from 2012-01-01 to 2014-01-01\n"
                   "  assign a borders -> c\n}\n")
                  .ok());
  Status st = Load("order q \"Q\" effective 2011-01-01 sources s {\n  assign a borders -> b to 2013-01-01\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(),
            "'a borders -> b' from 2011-01-01 to 2013-01-01 overlaps the same fact already recorded from 2012-01-01 "
            "to 2014-01-01");
  EXPECT_TRUE(Load("order r \"R\" effective 2014-01-01 sources s {\n  assign a borders -> b\n}\n").ok())
      << "a row that starts where another ends does not overlap it";
}

TEST_F(DatabaseTest, CycleIsRefusedAndNamed) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("order u1 \"U1\" effective 2011-01-01 sources s {\n  assign north under -> south\n}\n").ok());
  Status st = Load("order u2 \"U2\" effective 2012-01-01 sources s {\n  assign south under -> north\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(), "relation 'under' would form a cycle on 2012-01-01: south -> north -> south");
  EXPECT_EQ(st.where().begin.line, 2u);
}

TEST_F(DatabaseTest, FactOutsideAnEntitysLifetimeIsRefused) {
  ASSERT_TRUE(Load(kBase).ok());
  Status st = Load("order l \"L\" effective 2005-01-01 sources s {\n  assign a borders -> b\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(),
            "'a borders -> b' from 2005-01-01 refers to 'a' outside its lifetime: it exists from 2010-01-01");
}

TEST_F(DatabaseTest, EndingAnEntityStillPointedAtIsRefused) {
  ASSERT_TRUE(Load(kBase, "base.ordo").ok());
  Status st = Load("order e \"E\" effective 2024-03-01 sources s {\n  end north\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(), "'north' ends, but 'a in -> north' still holds from 2010-01-01");
  ASSERT_EQ(st.notes().size(), 2u);
  EXPECT_EQ(st.notes()[0].where.file, "base.ordo");
  // Moving its territories in the same order makes the end valid.
  EXPECT_TRUE(Load("order e \"E\" effective 2024-03-01 sources s {\n  move (a b) in -> south\n  end north\n}\n").ok());
  EXPECT_EQ(ObjectAt("a", "in", "2024-03-01"), "south");
  View v;
  v.at = Date::FromCivil(2024, 3, 1);
  EXPECT_FALSE(db_->Entity("north", v)->alive);
  v.at = Date::FromCivil(2024, 2, 29);
  EXPECT_TRUE(db_->Entity("north", v)->alive);
}

TEST_F(DatabaseTest, EndOfARelationThatDoesNotHoldIsRefused) {
  ASSERT_TRUE(Load(kBase).ok());
  Status st = Load("order e \"E\" effective 2020-01-01 sources s {\n  end a in -> south\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(), "cannot end 'a in -> south' on 2020-01-01: it does not hold then");
  ASSERT_FALSE(st.notes().empty());
  EXPECT_EQ(st.notes()[0].message, "on that date the record holds 'a in -> north' from 2010-01-01");
}

TEST_F(DatabaseTest, EmptyIntervalAndKindAndTypeErrors) {
  ASSERT_TRUE(Load(kBase).ok());
  // The parser refuses an empty interval it can see; the engine refuses any other.
  ParseResult p = ParseOrders("order e \"E\" effective 2020-01-01 sources s {\n  assign a borders -> b\n}\n", "e.ordo");
  ASSERT_TRUE(p.ok());
  p.batch.orders[0].ops[0].to = FuzzyDate::Exact(Date::FromCivil(2019, 1, 1));
  EXPECT_EQ(db_->Apply(p.batch).status().ToString(),
            "e.ordo:2:3: error: empty interval: from 2020-01-01 is not before to 2019-01-01");
  EXPECT_EQ(Load("order e \"E\" effective 2020-01-01 sources s {\n  assign a in -> hq\n}\n").message(),
            "'hq' is a unit; relation 'in' points to district");
  EXPECT_EQ(Load("order e \"E\" effective 2020-01-01 sources s {\n  set a population \"many\"\n}\n").message(),
            "attribute 'population' takes an integer value, not a string (\"many\")");
  EXPECT_EQ(Load("order e \"E\" effective 2020-01-01 sources s {\n  move a borders -> b\n}\n").message(),
            "relation 'borders' is not exclusive; `move` needs an exclusive relation (use `end` and `assign`)");
}

TEST_F(DatabaseTest, UnknownIdsGetHintsWithNames) {
  ASSERT_TRUE(Load(kBase).ok());
  Status st = Load("order e \"E\" effective 2020-01-01 sources s {\n  move a in -> nort\n}\n");
  EXPECT_EQ(st.code(), Code::kNotFound);
  EXPECT_EQ(st.message(), "unknown id 'nort'");
  EXPECT_EQ(st.where().begin.line, 2u);
  EXPECT_EQ(st.where().begin.column, 16u);
  ASSERT_FALSE(st.notes().empty());
  EXPECT_EQ(st.notes()[0].message, "did you mean 'north' (North)?");
  EXPECT_EQ(Load("order e \"E\" effective 2020-01-01 sources t {\n  move a in -> north\n}\n").message(),
            "unknown source 't'");
}

TEST_F(DatabaseTest, AFailingBatchChangesNothing) {
  ASSERT_TRUE(Load(kBase).ok());
  const size_t facts = db_->fact_count();
  const size_t entities = db_->entity_count();
  const size_t orders = db_->Orders().size();
  Status st = Load(
      "order ok \"fine\" effective 2015-01-01 sources s {\n  create d : territory\n  move a in -> south\n}\n"
      "order bad \"breaks\" effective 2016-01-01 sources s {\n  assign b in -> south\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(db_->fact_count(), facts);
  EXPECT_EQ(db_->entity_count(), entities);
  EXPECT_EQ(db_->Orders().size(), orders);
  EXPECT_EQ(ObjectAt("a", "in", "2020-01-01"), "north");
  EXPECT_EQ(db_->EntityHandle("d"), Database::kNone);
  // A check-only apply of a valid batch changes nothing either.
  EXPECT_TRUE(
      Load("order ok \"fine\" effective 2015-01-01 sources s {\n  move a in -> south\n}\n", "t.ordo", true).ok());
  EXPECT_EQ(ObjectAt("a", "in", "2020-01-01"), "north");
}

TEST_F(DatabaseTest, CorrectionKeepsTheOldRecordAnswerable) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("order fix \"Fix\" effective 2010-01-01 recorded 2020-01-01 sources s {\n"
                   "  correct c in -> north from 2010-01-01 to 2012-01-01\n}\n")
                  .ok());
  EXPECT_EQ(ObjectAt("c", "in", "2011-01-01"), "north");
  EXPECT_EQ(ObjectAt("c", "in", "2013-01-01"), "south");
  View v;
  v.at = Date::FromCivil(2011, 1, 1);
  v.recorded = *ParseInstant("2019-12-31");
  auto old = db_->Objects("c", "in", v);
  ASSERT_TRUE(old.ok());
  ASSERT_EQ(old->size(), 1u);
  EXPECT_EQ((*old)[0].object, "south");
  auto now = db_->Objects("c", "in", View{Date::FromCivil(2011, 1, 1), std::nullopt, ""});
  EXPECT_TRUE((*now)[0].correction);
}

TEST_F(DatabaseTest, PerspectivesHoldContestedFactsSideBySide) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("kind state\nperspective X\nperspective Y\nrelation part-of : territory -> state exclusive\n"
                   "order st \"States\" effective 2000-01-01 sources s {\n  create (X Y) : state\n}\n"
                   "order claims \"Claims\" effective 2014-03-18 sources s {\n"
                   "  assign c part-of -> X perspective X\n  assign c part-of -> Y perspective Y\n}\n")
                  .ok());
  EXPECT_EQ(ObjectAt("c", "part-of", "2015-01-01", "X"), "X");
  EXPECT_EQ(ObjectAt("c", "part-of", "2015-01-01", "Y"), "Y");
  EXPECT_EQ(ObjectAt("c", "part-of", "2015-01-01"), "X,Y");
  // An undisputed fact clashes with every perspective's.
  Status st = Load("order u \"U\" effective 2016-01-01 sources s {\n  assign c part-of -> Y\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  auto unknown = db_->Objects("c", "part-of", View{Date::FromCivil(2015, 1, 1), std::nullopt, "Z"});
  EXPECT_EQ(unknown.status().code(), Code::kNotFound);
  EXPECT_EQ(unknown.status().message(), "unknown perspective 'Z'");
}

// Regression: an order in an undeclared perspective ("perspective ZZZ") was accepted, so a typo
// made a new view of its own. Perspectives are declared like kinds; an unknown one is refused
// with the nearest declared ones, and nothing of the batch is applied.
TEST_F(DatabaseTest, AnUndeclaredPerspectiveIsRefusedWithADidYouMean) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("perspective RU note \"Russia's view\"\nperspective UA\n").ok());
  const size_t facts = db_->fact_count();
  Status st = Load(
      "order a \"A\" effective 2014-03-18 perspective RUS sources s {\n  assign c in -> north\n}\n"
      "order b \"B\" effective 2014-03-18 sources s {\n  assign c in -> north perspective ZZZ\n}\n");
  EXPECT_EQ(st.ToString(),
            "t.ordo:1:46: error: unknown perspective 'RUS'\n"
            "note: did you mean 'RU'?\n"
            "note: did you mean 'UA'?\n"
            "note: perspectives are declared in the schema: perspective RUS note \"…\"\n"
            "t.ordo:5:36: error: unknown perspective 'ZZZ'\n"
            "note: perspectives are declared in the schema: perspective ZZZ note \"…\"");
  EXPECT_EQ(db_->fact_count(), facts);
  // Declaring one again is no error; the schema lists each once, with its first note.
  ASSERT_TRUE(Load("perspective RU note \"another note\"\n").ok());
  const SchemaInfo schema = db_->Schema();
  ASSERT_EQ(schema.perspectives.size(), 2u);
  EXPECT_EQ(schema.perspectives[0].name, "RU");
  EXPECT_EQ(schema.perspectives[0].note, "Russia's view");
  EXPECT_EQ(schema.perspectives[1].name, "UA");
}

TEST(DatabaseFileTest, ReopeningGivesTheSameAnswersAndReadOnlyRefusesWrites) {
  const std::string path = testing::TempDir() + "/ordo_reopen_" + std::to_string(getpid()) + ".db";
  std::filesystem::remove(path);
  std::vector<FactInfo> before;
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ParseResult p = ParseOrders(std::string(kSchema) + kBase +
                                    "order m \"M\" effective 2024-03-01 recorded 2024-02-26 sources s {\n"
                                    "  move a in -> south  [basis: decree, size: 3]\n  set a population 667744\n"
                                    "  alias a \"Alpha\" @ru \"Альфа\" from 2020~\n}\n",
                                "f.ordo");
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE((*db)->Apply(p.batch).ok());
    before = *(*db)->History("a", "", View{});
  }
  Options ro;
  ro.read_only = true;
  auto db = Database::Open(path, ro);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto after = (*db)->History("a", "", View{});
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), before.size());
  for (size_t i = 0; i < before.size(); ++i) {
    EXPECT_EQ((*after)[i].fact_id, before[i].fact_id);
    EXPECT_EQ((*after)[i].predicate, before[i].predicate);
    EXPECT_EQ((*after)[i].object, before[i].object);
    EXPECT_EQ((*after)[i].value, before[i].value);
    EXPECT_EQ((*after)[i].from, before[i].from);
    EXPECT_EQ((*after)[i].to, before[i].to);
    EXPECT_EQ((*after)[i].qualifiers, before[i].qualifiers);
    EXPECT_EQ((*after)[i].recorded_from, before[i].recorded_from);
    EXPECT_EQ((*after)[i].recorded_to, before[i].recorded_to);
    EXPECT_EQ((*after)[i].order, before[i].order);
    EXPECT_EQ((*after)[i].ended_by, before[i].ended_by);
  }
  auto m = (*db)->Order("m");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->order.where.file, "f.ordo");
  EXPECT_EQ(m->superseded.size(), 1u);
  auto search = (*db)->Search("альфа");
  ASSERT_FALSE(search.empty());
  EXPECT_EQ(search[0].id, "a");
  Batch b;
  EXPECT_EQ((*db)->Apply(b).status().message(), "the database is open read-only");
  std::filesystem::remove(path);
}

// Regression: the engine kept only bits 0-3 of a date's flags, which would have turned the
// EDTF level 1 forms (bits 4-5) back into days: 2011-24 came back as 2011-12-01.
TEST(DatabaseFileTest, EdtfLevel1BoundsAreShownBackAsWrittenBeforeAndAfterReopen) {
  const std::string path = testing::TempDir() + "/ordo_edtf_" + std::to_string(getpid()) + ".db";
  std::filesystem::remove(path);
  const std::vector<std::pair<std::string, std::string>> written = {
      {"2011-24~", "202X?"}, {"2012-05-XX", "2013-XX-XX%"}, {"2014-XX", "Y10000"}};
  std::string order = "order e \"E\" effective 2011-01-01 recorded 2011-01-01 sources s {\n";
  for (size_t i = 0; i < written.size(); ++i) {
    order += "  alias a \"A" + std::to_string(i) + "\" from " + written[i].first + " to " + written[i].second + "\n";
  }
  order += "}\n";
  auto shown = [&](Database& db) {
    std::vector<std::pair<std::string, std::string>> out;
    auto h = db.History("a", "", View{});
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    for (const FactInfo& f : *h) {
      if (f.from.precision != Precision::kDay || f.to.precision != Precision::kDay) {
        out.emplace_back(FormatFuzzyDate(f.from), FormatFuzzyDate(f.to));
      }
    }
    std::sort(out.begin(), out.end());
    return out;
  };
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ParseResult p = ParseOrders(std::string(kSchema) + kBase + order, "e.ordo");
    ASSERT_TRUE(p.ok()) << p.diagnostics[0].ToString();
    auto applied = (*db)->Apply(p.batch);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    EXPECT_EQ(shown(**db), written);
  }
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(shown(**db), written);
  std::filesystem::remove(path);
}

// Reopening rebuilds the diff events (by counting dates, or by sorting when the dates are too
// sparse to count) and the fast path's slots in one pass each: every diff and every lookup must
// answer as the database that applied the orders did.
TEST(DatabaseFileTest, DiffsAndFastLookupsAgreeAcrossReopen) {
  const struct {
    const char* name;
    std::vector<std::string> dates;
  } cases[] = {{"dense", {"2010-01-01", "2010-01-02", "2010-01-05", "2010-02-01", "2011-06-30"}},
               {"sparse", {"0001-01-01", "0500-06-15", "2000-01-01", "9000-01-01", "9999-12-01"}}};
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = testing::TempDir() + "/ordo_events_" + std::to_string(getpid()) + c.name + ".db";
    std::filesystem::remove(path);
    std::string text =
        std::string(kSchema) +
        "order o0 \"Create\" effective 0001-01-01 recorded 2020-01-01 sources s {\n"
        "  create (a b c d) : territory from 0001-01-01\n  create (n s w) : district from 0001-01-01\n}\n";
    const char* districts[] = {"n", "s", "w"};
    for (size_t i = 0; i < c.dates.size(); ++i) {
      text += "order o" + std::to_string(i + 1) + " \"Move\" effective " + c.dates[i] + " recorded 2020-01-0" +
              std::to_string(i + 2) + " sources s {\n";
      for (const char* t : {"a", "b", "c", "d"}) {
        if ((t[0] - 'a' + i) % 3 == 0) continue;
        text += std::string("  move ") + t + " in -> " + districts[(t[0] - 'a' + i) % 3] + " from " + c.dates[i] + "\n";
      }
      text += "}\n";
    }
    ParseResult p = ParseOrders(text, "events.ordo");
    ASSERT_TRUE(p.ok()) << p.diagnostics[0].ToString();
    auto answers = [&](const Database& db) {
      std::vector<std::string> out;
      std::vector<Date> probes;
      for (const std::string& d : c.dates) {
        const Date day = ParseFuzzyDate(d)->date;
        probes.insert(probes.end(), {Date{day.days - 1}, day, Date{day.days + 1}});
      }
      std::vector<uint32_t> handles;
      for (const char* t : {"a", "b", "c", "d"}) handles.push_back(db.EntityHandle(t));
      const uint32_t in = db.PredicateHandle("in");
      for (Date x : probes) {
        std::vector<uint32_t> objects;
        db.ObjectsAt(handles, in, x, &objects);
        for (uint32_t o : objects) out.push_back(o == Database::kNone ? "-" : db.EntityKey(o));
        for (Date y : probes) {
          auto d = db.Diff(x, y, "in", View{});
          EXPECT_TRUE(d.ok());
          std::string line = FormatDate(x) + ".." + FormatDate(y) + ":";
          for (const Change& ch : *d) line += " " + ch.subject;
          out.push_back(line);
        }
      }
      return out;
    };
    std::vector<std::string> before;
    {
      auto db = Database::Open(path);
      ASSERT_TRUE(db.ok());
      ASSERT_TRUE((*db)->Apply(p.batch).ok());
      before = answers(**db);
    }
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_EQ(answers(**db), before);
    EXPECT_NE(std::count_if(before.begin(), before.end(), [](const std::string& l) { return l.back() != ':'; }), 0)
        << "some diffs find changes";
    std::filesystem::remove(path);
  }
}

// The schema, then one order creating districts n, s and w and territories t0 .. t<count - 1>.
Batch TerritoriesBatch(int count, Date created) {
  Batch b = ParseOrders(kSchema, "schema.ordo").batch;
  OrderDecl create;
  create.id = "create";
  create.title = "Create";
  create.effective = FuzzyDate::Exact(created);
  create.sources = {"s"};
  Op districts;
  districts.kind = OpKind::kCreate;
  districts.entity_kind = "district";
  districts.subjects = {"n", "s", "w"};
  Op territories = districts;
  territories.entity_kind = "territory";
  territories.subjects.clear();
  for (int t = 0; t < count; ++t) territories.subjects.push_back("t" + std::to_string(t));
  create.ops = {districts, territories};
  b.orders.push_back(create);
  return b;
}

// A file of more than 200,000 facts is read by two connections, each over half of the ids
// (store::LoadSink); values and qualifiers from both halves are interned afterwards. Every
// answer must be the one the writing process gave.
TEST(DatabaseFileTest, ALargeFileReadInTwoHalvesGivesTheSameAnswers) {
  const std::string path = testing::TempDir() + "/ordo_halves_" + std::to_string(getpid()) + ".db";
  std::filesystem::remove(path);
  constexpr int kTerritories = 60'000;
  Batch b = TerritoriesBatch(kTerritories, Date::FromCivil(2000, 1, 1));
  const char* names[] = {"n", "s", "w"};
  for (int k = 0; k < 3; ++k) {
    OrderDecl o;
    o.id = "move" + std::to_string(k);
    o.title = "Move";
    o.effective = FuzzyDate::Exact(Date::FromCivil(2001 + k, 1, 1));
    o.sources = {"s"};
    for (int t = 0; t < kTerritories; ++t) {
      Op op;
      op.kind = OpKind::kAssign;
      op.subjects = {"t" + std::to_string(t)};
      op.predicate = "in";
      op.object = names[(t + k) % 3];
      op.from = o.effective;
      if (k < 2) op.to = FuzzyDate::Exact(Date::FromCivil(2002 + k, 1, 1));
      if (t % 1000 == 0) op.qualifiers = {Qualifier{"basis", Value{std::string("decree ") + std::to_string(t)}}};
      o.ops.push_back(op);
      if (k == 2 && t % 7 == 0) {
        Op pop;
        pop.kind = OpKind::kSet;
        pop.subjects = {"t" + std::to_string(t)};
        pop.predicate = "population";
        pop.value = Value{int64_t{t % 5 == 0 ? 1000 : t}};
        pop.from = o.effective;
        o.ops.push_back(pop);
      }
    }
    b.orders.push_back(o);
  }
  auto answers = [&](const Database& db) {
    std::vector<std::string> out;
    std::vector<uint32_t> handles;
    for (int t = 0; t < kTerritories; ++t) handles.push_back(db.EntityHandle("t" + std::to_string(t)));
    for (int year = 2000; year <= 2005; ++year) {
      std::vector<uint32_t> objects;
      db.ObjectsAt(handles, db.PredicateHandle("in"), Date::FromCivil(year, 6, 1), &objects);
      std::string line;
      for (uint32_t o : objects) line += o == Database::kNone ? "-" : db.EntityKey(o);
      out.push_back(line);
    }
    auto d = db.Diff(Date::FromCivil(2001, 6, 1), Date::FromCivil(2003, 6, 1), "in", View{});
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    out.push_back(d.ok() ? std::to_string(d->size()) : d.status().ToString());
    for (int t : {0, 1, 7, 1000, 29'999, 30'000, 30'001, 35'000, kTerritories - 1}) {
      auto history = db.History("t" + std::to_string(t), "", View{});
      EXPECT_TRUE(history.ok());
      for (const FactInfo& f : *history) {
        std::string line = f.subject + " " + f.predicate + " " + f.object + (f.value ? FormatValue(*f.value) : "");
        for (const Qualifier& q : f.qualifiers) line += " [" + q.key + ": " + FormatValue(q.value) + "]";
        out.push_back(line);
      }
    }
    return out;
  };
  std::vector<std::string> before;
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    auto r = (*db)->Apply(b);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_GT((*db)->fact_count(), 200'000u);
    before = answers(**db);
  }
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(answers(**db), before);
  std::filesystem::remove(path);
}

// Diff events wait in a tail and are merged into the sorted list once a diff finds more than
// 4,096 of them. Orders and diffs alternate here so that merges land in a list that already holds
// events; every diff must name exactly the territories whose district differs at its two dates.
TEST(DiffEventsTest, DiffsAgreeWithLookupsAcrossEventMerges) {
  auto made = Database::Open(":memory:");
  ASSERT_TRUE(made.ok());
  Database& db = **made;
  constexpr int kTerritories = 1000;
  const Date start = Date::FromCivil(2000, 1, 1);
  ASSERT_TRUE(db.Apply(TerritoriesBatch(kTerritories, start)).ok());
  std::mt19937 rng(5);
  std::vector<uint32_t> handles;
  for (int t = 0; t < kTerritories; ++t) handles.push_back(db.EntityHandle("t" + std::to_string(t)));
  const char* names[] = {"n", "s", "w"};
  for (int round = 0; round < 8; ++round) {
    Batch moves;
    OrderDecl o;
    o.id = "round" + std::to_string(round);
    o.title = "Moves";
    o.effective = FuzzyDate::Exact(start);
    o.sources = {"s"};
    for (int t = 0; t < kTerritories; ++t) {
      Op op;
      op.kind = OpKind::kMove;
      op.subjects = {"t" + std::to_string(t)};
      op.predicate = "in";
      op.object = names[rng() % 3];
      op.from = FuzzyDate::Exact(Date{start.days + static_cast<int32_t>(rng() % 3000)});
      o.ops.push_back(op);
    }
    moves.orders.push_back(o);
    auto applied = db.Apply(moves);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    for (int q = 0; q < 12; ++q) {
      const Date d1{start.days + static_cast<int32_t>(rng() % 3100)},
          d2{start.days + static_cast<int32_t>(rng() % 3100)};
      std::vector<uint32_t> a, z;
      db.ObjectsAt(handles, db.PredicateHandle("in"), d1, &a);
      db.ObjectsAt(handles, db.PredicateHandle("in"), d2, &z);
      std::set<std::string> expect;
      for (int t = 0; t < kTerritories; ++t) {
        if (a[t] != z[t]) expect.insert("t" + std::to_string(t));
      }
      auto diff = db.Diff(d1, d2, "in", View{});
      ASSERT_TRUE(diff.ok()) << diff.status().ToString();
      std::set<std::string> got;
      for (const Change& c : *diff) got.insert(c.subject);
      ASSERT_EQ(got, expect) << "round " << round << ", " << FormatDate(d1) << " .. " << FormatDate(d2);
    }
  }
}

TEST(DatabaseFileTest, ForeignFilesAreRefused) {
  const std::string path = testing::TempDir() + "/ordo_foreign_" + std::to_string(getpid()) + ".db";
  std::filesystem::remove(path);
  {
    FILE* f = fopen(path.c_str(), "w");
    fputs("this is not a database, just text long enough to look like a header.............\n", f);
    fclose(f);
  }
  auto db = Database::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().code(), Code::kIo);
  std::filesystem::remove(path);
}

// Regression (found by replaying an official change log): order `late` (recorded 2025) creates
// a and b with b's parent a; order `early` (recorded 2022), applied after it in the same batch,
// ends b from 2022-01-01. The rewritten part of b's facts was visible from 2022, before anything
// about b was known, so as known in mid-2022 b was alive with its parent a while a "exists never".
TEST_F(DatabaseTest, ARowCutByABackDatedOrderIsNotVisibleBeforeItsOwnRecordTime) {
  ASSERT_TRUE(Load("kind commune\nkind deleguee\nrelation parent : deleguee -> commune exclusive\n"
                   "order late \"late\" effective 2021-06-01 recorded 2025-03-01 sources s {\n"
                   "  create a : commune\n  create b : deleguee\n  assign b parent -> a\n}\n"
                   "order early \"early\" effective 2022-01-01 recorded 2022-02-01 sources s {\n  end b\n}\n")
                  .ok());
  View mid2022;
  mid2022.at = Date::FromCivil(2021, 7, 1);
  mid2022.recorded = *ParseInstant("2022-06-01");
  auto b = db_->Entity("b", mid2022);
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->alive);
  EXPECT_TRUE(b->facts.empty());
  EXPECT_TRUE(b->lifetime.empty());
  auto a = db_->Entity("a", mid2022);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->alive);
  // As known now: b lived from 2021-06-01 to 2022-01-01 under a.
  View now;
  now.at = Date::FromCivil(2021, 7, 1);
  b = db_->Entity("b", now);
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(b->alive);
  ASSERT_EQ(b->facts.size(), 1u);
  EXPECT_EQ(b->facts[0].object, "a");
  EXPECT_EQ(b->facts[0].recorded_from, *ParseInstant("2025-03-01"));
  now.at = Date::FromCivil(2022, 1, 1);
  EXPECT_FALSE(db_->Entity("b", now)->alive);
}

// An operation's `note "…"` is kept with the facts it writes, as a `note` qualifier (it was
// parsed and then dropped); a note given both ways is refused.
TEST_F(DatabaseTest, AnOperationsNoteIsKeptWithItsFacts) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("order m \"M\" effective 2024-03-01 sources s {\n"
                   "  move a in -> south note \"per the decree\"\n"
                   "  set b population 7 [census: 2021] note \"estimate\"\n}\n")
                  .ok());
  View v;
  v.at = Date::FromCivil(2024, 3, 1);
  auto a = db_->Objects("a", "in", v);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->size(), 1u);
  ASSERT_EQ((*a)[0].qualifiers.size(), 1u);
  EXPECT_EQ((*a)[0].qualifiers[0].key, "note");
  EXPECT_EQ(FormatValue((*a)[0].qualifiers[0].value), "\"per the decree\"");
  auto b = db_->Objects("b", "population", v);
  ASSERT_TRUE(b.ok());
  ASSERT_EQ(b->size(), 1u);
  ASSERT_EQ((*b)[0].qualifiers.size(), 2u);
  EXPECT_EQ((*b)[0].qualifiers[1].key, "note");
  EXPECT_EQ(FormatValue((*b)[0].qualifiers[1].value), "\"estimate\"");
  Status st = Load("order n \"N\" effective 2024-04-01 sources s {\n  move a in -> north [note: x] note \"y\"\n}\n");
  EXPECT_EQ(st.code(), Code::kInvalid);
  EXPECT_EQ(st.message(), "the note is given twice: as a qualifier [note: …] and as a clause note \"…\"");
  EXPECT_EQ(ObjectAt("a", "in", "2024-04-01"), "south");
}

// An `alternative` is another source's value beside the preferred one: the preferred fact is
// flagged disputed, the alternative is listed apart with its own sources, and neither the
// invariants (two objects of an exclusive relation) nor History see it.
TEST_F(DatabaseTest, AnAlternativeValueIsKeptApartAndFlagsTheFactDisputed) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("source t { title \"Another source\" }\n"
                   "order m \"M\" effective 2024-03-01 sources s {\n"
                   "  move a in -> south\n"
                   "  alternative a in -> north cites t\n}\n")
                  .ok());
  View v;
  v.at = Date::FromCivil(2024, 3, 1);
  auto a = db_->Entity("a", v);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->facts.size(), 1u);
  EXPECT_EQ(a->facts[0].object, "south");
  EXPECT_TRUE(a->facts[0].disputed);
  ASSERT_EQ(a->facts[0].sources.size(), 1u);
  EXPECT_EQ(a->facts[0].sources[0].id, "s");
  ASSERT_EQ(a->alternatives.size(), 1u);
  EXPECT_EQ(a->alternatives[0].predicate, "in");
  EXPECT_EQ(a->alternatives[0].object, "north");
  EXPECT_TRUE(a->alternatives[0].alternative);
  ASSERT_EQ(a->alternatives[0].sources.size(), 1u);
  EXPECT_EQ(a->alternatives[0].sources[0].id, "t");
  auto hist = db_->History("a", "in", View{});
  ASSERT_TRUE(hist.ok());
  EXPECT_EQ(hist->size(), 2u);
  EXPECT_EQ(ObjectAt("a", "in", "2024-03-01"), "south");
  // Before the move nothing is disputed.
  v.at = Date::FromCivil(2020, 1, 1);
  auto before = db_->Entity("a", v);
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->facts[0].disputed);
  EXPECT_TRUE(before->alternatives.empty());
}

// Moving a subject to the object it already has changes nothing: no split row, no new order
// in its history.
TEST_F(DatabaseTest, AMoveToTheSameObjectIsANoOp) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("order m \"M\" effective 2024-03-01 sources s {\n  move a in -> north\n}\n").ok());
  auto hist = db_->History("a", "in", View{});
  ASSERT_TRUE(hist.ok());
  ASSERT_EQ(hist->size(), 1u);
  EXPECT_EQ((*hist)[0].order, "base");
  EXPECT_TRUE((*hist)[0].ended_by.empty());
}

// Lineage: an event on the day, between a predecessor that existed the day before and a
// successor that exists on the day; ending the predecessor in the same order is what it is for.
TEST_F(DatabaseTest, LineageLinksBothEndsAndChecksTheirLives) {
  ASSERT_TRUE(Load(kBase).ok());
  ASSERT_TRUE(Load("order m \"M\" effective 2024-03-01 sources s {\n"
                   "  create west : district \"West\"\n"
                   "  move (a b) in -> west\n  end north\n"
                   "  lineage west renamed-from north\n}\n")
                  .ok());
  auto l = db_->Lineage("north", View{});
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ASSERT_EQ(l->links.size(), 1u);
  EXPECT_EQ(l->links[0].predecessor, "north");
  EXPECT_EQ(l->links[0].successor, "west");
  EXPECT_EQ(l->links[0].type, "renamed-from");
  EXPECT_EQ(FormatDate(l->links[0].date), "2024-03-01");
  ASSERT_EQ(l->entities.size(), 2u);
  // merged-into reads the other way: the subject is the predecessor.
  ASSERT_TRUE(Load("order n \"N\" effective 2024-06-01 sources s {\n"
                   "  move c in -> west\n  end south\n  lineage south merged-into west\n}\n")
                  .ok());
  l = db_->Lineage("west", View{});
  ASSERT_TRUE(l.ok());
  ASSERT_EQ(l->links.size(), 2u);
  EXPECT_EQ(l->links[1].predecessor, "south");
  EXPECT_EQ(l->links[1].successor, "west");
  // As recorded before either order (they are recorded when loaded), there is no link.
  View early;
  early.recorded = *ParseInstant("2024-01-01");
  auto none = db_->Lineage("west", early);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->links.empty());
  Status st = Load("order x \"X\" effective 2024-07-01 sources s {\n  lineage west split-from north\n}\n");
  EXPECT_EQ(st.code(), Code::kViolation);
  EXPECT_EQ(st.message(),
            "'west split-from north' on 2024-07-01: the predecessor 'north' does not exist on 2024-06-30 (the day "
            "before); it exists from 2010-01-01 to 2024-03-01");
}

// A file of schema version 1 (as the first release wrote it: no known_from, no cuts table; a
// row's record end is its retraction's order) reads as it did, read-only; a writable open
// migrates it to version 3 in place (through 2), and then it answers the same.
TEST(SchemaMigration, Version1FilesReadAsBeforeAndMigrate) {
  const std::string path = ::testing::TempDir() + "/ordo_v1_" + std::to_string(::getpid()) + ".db";
  std::filesystem::remove(path);
  const std::string text = std::string(kSchema) + "perspective P note \"their view\"\n" +
                           "order o1 \"one\" effective 2000-01-01 recorded 2020-01-01 sources s {\n"
                           "  create (c d1 d2) : territory\n  create (n s1) : district\n  assign c in -> n\n}\n"
                           "order o2 \"two\" effective 2010-01-01 recorded 2021-01-01 sources s {\n"
                           "  move c in -> s1\n}\n";
  auto answers = [](const Database& db) {
    std::string out;
    for (const char* recorded : {"2020-06-01", "2022-01-01"}) {
      for (int year : {2005, 2015}) {
        View v;
        v.at = Date::FromCivil(year, 1, 1);
        v.recorded = *ParseInstant(recorded);
        auto facts = db.Objects("c", "in", v);
        for (const FactInfo& f : *facts) {
          out += std::string(recorded) + " " + std::to_string(year) + " " + f.object + " " +
                 FormatInstant(f.recorded_from) + "\n";
        }
      }
    }
    return out;
  };
  std::string before;
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ParseResult p = ParseOrders(text, "m.ordo");
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE((*db)->Apply(p.batch).ok());
    before = answers(**db);
  }
  EXPECT_EQ(before,
            "2020-06-01 2005 n 2020-01-01T00:00:00Z\n2020-06-01 2015 n 2020-01-01T00:00:00Z\n"
            "2022-01-01 2005 n 2021-01-01T00:00:00Z\n2022-01-01 2015 s1 2021-01-01T00:00:00Z\n");
  // Turn the file into what version 1 wrote.
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
  for (const char* sql :
       {"DROP VIEW facts_readable", "INSERT INTO retractions SELECT fact_id, order_id FROM cuts", "DROP TABLE cuts",
        "ALTER TABLE facts DROP COLUMN known_from_id", "ALTER TABLE facts DROP COLUMN sources",
        "ALTER TABLE orders DROP COLUMN stored_us", "ALTER TABLE sources DROP COLUMN original",
        "ALTER TABLE perspectives DROP COLUMN note", "UPDATE meta SET value='1' WHERE key='schema_version'"}) {
    ASSERT_EQ(sqlite3_exec(raw, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sql << ": " << sqlite3_errmsg(raw);
  }
  sqlite3_close(raw);
  {
    Options ro;
    ro.read_only = true;
    ro.create_if_missing = false;
    auto db = Database::Open(path, ro);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_EQ(answers(**db), before);
    EXPECT_FALSE((*db)->Orders()[0].stored.has_value());
    const SchemaInfo schema = (*db)->Schema();
    ASSERT_EQ(schema.perspectives.size(), 1u);  // declared, without the note version 1 could not hold
    EXPECT_EQ(schema.perspectives[0].name, "P");
    EXPECT_EQ(schema.perspectives[0].note, "");
  }
  {
    auto db = Database::Open(path);  // migrates
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_EQ(answers(**db), before);
    ParseResult p = ParseOrders("order o3 \"three\" effective 2012-01-01 sources s {\n  move c in -> n\n}\n", "m.ordo");
    ASSERT_TRUE((*db)->Apply(p.batch).ok());
  }
  sqlite3* check = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &check), SQLITE_OK);
  sqlite3_stmt* q = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(check, "SELECT value FROM meta WHERE key='schema_version'", -1, &q, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(q), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(q, 0)), "3");
  sqlite3_finalize(q);
  sqlite3_close(check);
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(answers(**db), before);  // o3 is recorded now: the views of 2020 and 2022 do not hold it
  EXPECT_TRUE((*db)->Orders()[2].stored.has_value());
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace ordo

namespace ordo {
namespace {

// Answers ordered by subject sort on the key ranks (State::by_key) once every entity is ranked,
// by counting when the rows are many against the entities and by comparison when few; entities
// created after a ranking are merged into it. Every way gives key order, and the borrowed
// answers (Database::Read) are the owned ones.
TEST_F(DatabaseTest, AnswersBySubjectAreInKeyOrderWhicheverWayTheyAreSorted) {
  ASSERT_TRUE(Load(kBase).ok());
  auto keys = [](const std::vector<FactInfo>& facts) {
    std::string out;
    for (const FactInfo& f : facts) out += f.subject + " ";
    return out;
  };
  View v;
  v.at = Date::FromCivil(2024, 1, 1);
  EXPECT_EQ(keys(*db_->Snapshot("in", v)), "a b c ");  // ranked on the way in; counted
  // New entities whose keys fall before, between and after the ranked ones.
  ASSERT_TRUE(Load("order more \"More\" effective 2011-01-01 recorded 2011-01-01 sources s {\n"
                   "  create (bb 0a zz) : territory\n  assign (zz 0a bb) in -> south\n}\n")
                  .ok());
  EXPECT_EQ(keys(*db_->Snapshot("in", v)), "0a a b bb c zz ");
  EXPECT_EQ(keys(*db_->Members("south", "in", v)), "0a bb c zz ");
  auto reading = db_->Read();
  auto borrowed = reading->Snapshot("in", v);
  ASSERT_TRUE(borrowed.ok());
  std::vector<FactInfo> owned;
  for (const FactRef& f : *borrowed) owned.push_back(f.Own());
  EXPECT_EQ(keys(owned), "0a a b bb c zz ");
  auto diff = reading->Diff(Date::FromCivil(2010, 6, 1), Date::FromCivil(2011, 6, 1), "in", v);
  ASSERT_TRUE(diff.ok());
  std::string changed;
  for (const ChangeRef& c : diff->changes) {
    changed += std::string(c.subject) + ":" + std::to_string(c.before.size()) + std::to_string(c.after.size()) + " ";
  }
  EXPECT_EQ(changed, "0a:01 bb:01 zz:01 ");
  ASSERT_EQ(diff->changes[0].after.size(), 1u);
  EXPECT_EQ(diff->changes[0].after[0].object, "south");
  EXPECT_EQ(diff->changes[0].after[0].order, "more");
  ASSERT_EQ(diff->changes[0].after[0].sources.size(), 1u);
  EXPECT_EQ(diff->changes[0].after[0].sources[0].title, "A source");
}

}  // namespace
}  // namespace ordo
