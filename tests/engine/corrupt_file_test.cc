// A hand-edited or corrupt database file: every id read from the file is checked on open, and a
// bad one refuses the file as corrupt, naming the table, the row and the column. Regressions:
// entities.kind_id = 999 overflowed a buffer in State::KindIsA and facts.perspective_id = 70000
// crashed Database::Diff (found under ASan; the release binary crashed in 2 of 2,100 runs).
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kText = R"(
kind territory
kind district
perspective X
relation in : territory -> district  exclusive
source s { title "A source" }
order base "Base" effective 2010-01-01 recorded 2010-01-01 sources s {
  create (a b c) : territory
  create (north south) : district
  assign a in -> north
  assign b in -> south
}
order later "Later" effective 2012-01-01 recorded 2012-01-01 sources s {
  move a in -> south cites s
}
order theirs "Their view" effective 2013-01-01 recorded 2013-01-01 perspective X sources s {
  assign c in -> north
}
)";

class CorruptFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ordo-corrupt-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    auto db = Database::Open(path_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ParseResult p = ParseOrders(kText, "t.ordo");
    ASSERT_TRUE(p.ok()) << p.diagnostics[0].ToString();
    auto applied = (*db)->Apply(p.batch);
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs SQL on the closed file, as a hand edit would.
  void Edit(const std::string& sql) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
    char* err = nullptr;
    const int rc = sqlite3_exec(raw, sql.c_str(), nullptr, nullptr, &err);
    const std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(raw);
    ASSERT_EQ(rc, SQLITE_OK) << sql << ": " << message;
  }
  int64_t Scalar(const std::string& sql) {
    sqlite3* raw = nullptr;
    EXPECT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
    sqlite3_stmt* q = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(raw, sql.c_str(), -1, &q, nullptr), SQLITE_OK) << sql;
    EXPECT_EQ(sqlite3_step(q), SQLITE_ROW) << sql;
    const int64_t v = sqlite3_column_int64(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(raw);
    return v;
  }
  // The error of opening the file, read-write and read-only (the same either way).
  std::string OpenError() {
    auto rw = Database::Open(path_);
    Options ro_options;
    ro_options.read_only = true;
    ro_options.create_if_missing = false;
    auto ro = Database::Open(path_, ro_options);
    EXPECT_FALSE(rw.ok());
    EXPECT_FALSE(ro.ok());
    if (rw.ok() || ro.ok()) return "opened";
    EXPECT_EQ(rw.status().ToString(), ro.status().ToString());
    return rw.status().ToString();
  }
  // A fresh file whose fact ROW is edited by ASSIGNMENT; the error of opening it.
  std::string ReopenWith(int64_t row, const std::string& assignment) {
    SetUp();
    Edit("UPDATE facts SET " + assignment + " WHERE id=" + std::to_string(row));
    return OpenError();
  }
  int64_t FactRow(const std::string& where) { return Scalar("SELECT min(id) FROM facts WHERE " + where); }
  int64_t EntityRow(const std::string& key) { return Scalar("SELECT id FROM entities WHERE key='" + key + "'"); }

  fs::path dir_;
  std::string path_;
};

TEST_F(CorruptFileTest, ThePristineFileOpens) {
  auto db = Database::Open(path_);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
}

TEST_F(CorruptFileTest, AnEntityOfAKindThatDoesNotExist) {
  const int64_t row = EntityRow("a");
  Edit("UPDATE entities SET kind_id=999 WHERE key='a'");
  EXPECT_EQ(OpenError(), "error: corrupt database: table entities, row " + std::to_string(row) +
                             " ('a'): kind_id 999 names no kind");
}

TEST_F(CorruptFileTest, AFactInAPerspectiveThatDoesNotExist) {
  const int64_t row = FactRow("perspective_id > 0");
  Edit("UPDATE facts SET perspective_id=70000 WHERE id=" + std::to_string(row));
  EXPECT_EQ(OpenError(), "error: corrupt database: table facts, row " + std::to_string(row) +
                             ": perspective_id 70000 names no perspective");
}

TEST_F(CorruptFileTest, EachIdColumnOfAFact) {
  const int64_t row = FactRow("object_id IS NOT NULL");
  for (const char* column : {"subject_id", "predicate_id", "object_id", "order_id", "row_order_id", "known_from_id"}) {
    SCOPED_TRACE(column);
    const std::string error = ReopenWith(row, std::string(column) + "=4000");
    const std::string table = std::string(column) == "subject_id" || std::string(column) == "object_id" ? "entity"
                              : std::string(column) == "predicate_id"                                   ? "predicate"
                                                                                                        : "order";
    EXPECT_EQ(error, "error: corrupt database: table facts, row " + std::to_string(row) + ": " + column +
                         " 4000 names no " + table);
  }
}

TEST_F(CorruptFileTest, IdsOutsideTheRangeOfIds) {
  const int64_t row = FactRow("object_id IS NOT NULL");
  for (const char* value : {"0", "-1", "4294967297", "'north'"}) {
    SCOPED_TRACE(value);
    EXPECT_EQ(ReopenWith(row, std::string("subject_id=") + value),
              "error: corrupt database: table facts, row " + std::to_string(row) + ": subject_id holds " +
                  (std::string(value) == "'north'" ? "north" : value) + ", not an id");
  }
}

TEST_F(CorruptFileTest, ASourceThatDoesNotExist) {
  const int64_t order = Scalar("SELECT id FROM orders WHERE key='later'");
  Edit("UPDATE order_sources SET source_id=77 WHERE order_id=" + std::to_string(order));
  EXPECT_EQ(OpenError(), "error: corrupt database: table order_sources, order 'later': source_id 77 names no source");
  SetUp();
  const int64_t row = FactRow("sources IS NOT NULL");
  Edit("UPDATE facts SET sources='[77]' WHERE id=" + std::to_string(row));
  EXPECT_EQ(OpenError(),
            "error: corrupt database: table facts, row " + std::to_string(row) + ": sources cites 77, no source");
}

// Regression (found by fuzz/db_fuzz.cc): a qualifier whose JSON value is not of its declared
// type threw nlohmann::json's type_error out of Database::Open (std::terminate in the fuzzer).
TEST_F(CorruptFileTest, AQualifierOfTheWrongType) {
  const int64_t row = FactRow("object_id IS NOT NULL");
  const std::string where = " WHERE id=" + std::to_string(row);
  for (const std::string json : {R"([{"key":"note","type":4,"value":"yes"}])", R"([{"key":"note","type":0,"value":7}])",
                                 R"([{"key":"note","type":1,"value":1.5}])", R"([{"key":"note","type":2,"value":"x"}])",
                                 R"([{"key":"note","type":3,"value":17}])", R"([{"key":7,"type":0,"value":"x"}])",
                                 R"([{"key":"note","type":"0","value":"x"}])"}) {
    SCOPED_TRACE(json);
    SetUp();
    Edit("UPDATE facts SET qualifiers='" + json + "'" + where);
    EXPECT_EQ(OpenError(), "error: corrupt database: table facts, row " + std::to_string(row) +
                               ": qualifiers do not read as qualifiers: " + json);
  }
}

TEST_F(CorruptFileTest, ACutByAnOrderThatDoesNotExist) {
  const int64_t row = Scalar("SELECT min(id) FROM cuts");
  Edit("UPDATE cuts SET order_id=555 WHERE id=" + std::to_string(row));
  EXPECT_EQ(OpenError(),
            "error: corrupt database: table cuts, row " + std::to_string(row) + ": order_id 555 names no order");
  SetUp();
  Edit("UPDATE cuts SET fact_id=555 WHERE id=" + std::to_string(row));
  EXPECT_EQ(OpenError(),
            "error: corrupt database: table cuts, row " + std::to_string(row) + ": fact_id 555 names no fact");
}

TEST_F(CorruptFileTest, ARelationOverAKindThatDoesNotExist) {
  const int64_t row = Scalar("SELECT id FROM predicates WHERE name='in'");
  Edit("UPDATE predicates SET subject_kinds='territory,nowhere' WHERE name='in'");
  EXPECT_EQ(OpenError(), "error: corrupt database: table predicates, row " + std::to_string(row) +
                             " ('in'): subject kind 'nowhere' names no kind");
}

TEST_F(CorruptFileTest, IdsWithGaps) {
  const int64_t row = EntityRow("south");
  ASSERT_EQ(row, Scalar("SELECT max(id) FROM entities"));
  Edit("UPDATE entities SET id=900 WHERE key='south'");
  EXPECT_EQ(OpenError(), "error: corrupt database: table entities, row 900 ('south'): ids are not dense (expected " +
                             std::to_string(row) + ")");
}

// Regression: the 65,536th perspective silently became "undisputed" (a uint16 wrapped), so its
// facts held in every view. It is refused; the 65,535th is not. (The file is filled with
// perspective rows directly: 65,535 orders would take a minute to apply.)
TEST_F(CorruptFileTest, TheRecordHoldsAtMost65535Perspectives) {
  const int64_t have = Scalar("SELECT max(id) FROM perspectives");
  ASSERT_EQ(have, 1);  // X
  Edit(
      "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 65534) "
      "INSERT INTO perspectives(id, name) SELECT i, 'p' || i FROM n");
  auto db = Database::Open(path_);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const auto apply = [&](const std::string& perspective) {
    ParseResult p = ParseOrders("perspective " + perspective + "\norder o_" + perspective +
                                    " \"One more view\" effective 2014-01-01 recorded 2014-01-01 "
                                    "perspective " +
                                    perspective + " sources s {\n  assign c in -> south\n}\n",
                                "more.ordo");
    EXPECT_TRUE(p.ok());
    return (*db)->Apply(p.batch).status();
  };
  EXPECT_TRUE(apply("p65535").ok());
  EXPECT_EQ(apply("p65536").ToString(),
            "more.ordo:1:13: error: perspective 'p65536' would be the record's 65,536th: ordo holds at most 65,535 "
            "perspectives");
  View v;
  v.at = Date::FromCivil(2015, 1, 1);
  auto undisputed = (*db)->Objects("c", "in", v);
  ASSERT_TRUE(undisputed.ok());
  for (const FactInfo& f : *undisputed) EXPECT_NE(f.perspective, "") << "no view's fact is undisputed";
  db->reset();
  // And the file with 65,536 perspectives opens.
  ASSERT_TRUE(Database::Open(path_).ok());
}

}  // namespace
}  // namespace ordo
