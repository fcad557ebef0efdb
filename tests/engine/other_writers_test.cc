// Two handles on one file, as two processes hold it (an `ordo serve` and an `ordo load`): each
// sees what the other wrote, before each write and on Refresh, and never writes from a stale
// record. Regressions: a server with a write token answered every POST with a 500 ("UNIQUE
// constraint failed") after an `ordo load` by another process, and ?check=1 answered stale; two
// loads at once gave the loser a UNIQUE-constraint text.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSchema = R"(
kind territory
kind district
relation in : territory -> district  exclusive
source s { title "A source" }
order base "Base" effective 2010-01-01 recorded 2010-01-01 sources s {
  create (a b) : territory
  create (north south) : district
  assign a in -> north
}
)";

class OtherWritersTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("ordo-writers-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    first_ = OpenHandle();
    ASSERT_TRUE(Apply(*first_, kSchema).ok());
    second_ = OpenHandle();
  }
  void TearDown() override {
    first_.reset();
    second_.reset();
    fs::remove_all(dir_);
  }

  std::unique_ptr<Database> OpenHandle(int busy_timeout_ms = 5000) {
    Options options;
    options.busy_timeout_ms = busy_timeout_ms;
    auto db = Database::Open(path_, options);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }
  static Status Apply(Database& db, const std::string& text, bool check_only = false) {
    ParseResult p = ParseOrders(text, "t.ordo");
    EXPECT_TRUE(p.ok()) << (p.diagnostics.empty() ? "" : p.diagnostics[0].ToString());
    ApplyOptions options;
    options.check_only = check_only;
    return db.Apply(p.batch, options).status();
  }
  static std::string Order(const std::string& id, const std::string& op) {
    return "order " + id + " \"" + id + "\" effective 2012-01-01 recorded 2012-01-01 sources s {\n  " + op + "\n}\n";
  }
  static std::string DistrictOf(const Database& db, const std::string& subject) {
    View view;
    view.at = Date::FromCivil(2013, 1, 1);
    auto facts = db.Objects(subject, "in", view);
    EXPECT_TRUE(facts.ok()) << facts.status().ToString();
    if (!facts.ok() || facts->empty()) return "none";
    return facts->front().object;
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<Database> first_, second_;
};

TEST_F(OtherWritersTest, RefreshReadsWhatAnotherHandleWrote) {
  EXPECT_EQ(DistrictOf(*first_, "b"), "none");
  const uint64_t before = first_->generation();
  ASSERT_TRUE(first_->Refresh().ok());
  EXPECT_EQ(first_->generation(), before) << "nothing changed: nothing is read again";
  ASSERT_TRUE(Apply(*second_, Order("by-second", "assign b in -> south")).ok());
  EXPECT_EQ(DistrictOf(*first_, "b"), "none") << "the handle answers from memory until refreshed";
  ASSERT_TRUE(first_->Refresh().ok());
  EXPECT_GT(first_->generation(), before);
  EXPECT_EQ(DistrictOf(*first_, "b"), "south");
  EXPECT_EQ(first_->Orders().size(), 2u);
}

TEST_F(OtherWritersTest, AWriteAfterAnotherHandlesWriteAppliesToTheFileAsItIs) {
  ASSERT_TRUE(Apply(*second_, Order("by-second", "assign b in -> south")).ok());
  // No Refresh: the write itself reads the other handle's order first (it was a UNIQUE
  // constraint failure, as the handle wrote rows with ids the other had taken).
  Status st = Apply(*first_, Order("by-first", "move a in -> south"));
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(DistrictOf(*first_, "b"), "south");
  EXPECT_EQ(DistrictOf(*first_, "a"), "south");
  auto third = OpenHandle();
  EXPECT_EQ(DistrictOf(*third, "a"), "south");
  EXPECT_EQ(DistrictOf(*third, "b"), "south");
  EXPECT_EQ(third->Orders().size(), 3u);
}

TEST_F(OtherWritersTest, ACheckIsAgainstTheFileAsItIs) {
  ASSERT_TRUE(Apply(*second_, Order("by-second", "assign b in -> south")).ok());
  // b is already in a district on the file: assigning it again breaks `exclusive`.
  Status st = Apply(*first_, Order("by-first", "assign b in -> north"), /*check_only=*/true);
  EXPECT_EQ(st.code(), Code::kViolation) << st.ToString();
  // The same order id as the other handle's: refused as a duplicate, not a constraint text.
  st = Apply(*first_, Order("by-second", "assign a in -> south"));
  EXPECT_EQ(st.code(), Code::kConflict) << st.ToString();
  EXPECT_EQ(st.message().find("UNIQUE"), std::string::npos) << st.ToString();
}

TEST_F(OtherWritersTest, ScenariosCreatedElsewhereAreSeen) {
  ASSERT_TRUE(second_->CreateScenario("what-if", std::nullopt, "a test").ok());
  Status st = first_->CreateScenario("what-if", std::nullopt, "again");
  EXPECT_EQ(st.ToString(), "error: scenario 'what-if' already exists");
  ASSERT_TRUE(first_->Refresh().ok());
  ASSERT_EQ(first_->Scenarios().size(), 1u);
  EXPECT_EQ(first_->Scenarios()[0].note, "a test");
}

// SQL run on a third connection holding the write lock, as another process mid-write would.
class WriteLock {
 public:
  explicit WriteLock(const std::string& path) {
    EXPECT_EQ(sqlite3_open(path.c_str(), &db_), SQLITE_OK);
    EXPECT_EQ(sqlite3_exec(db_, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
  }
  void Release() {
    if (!db_) return;
    sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }
  ~WriteLock() { Release(); }

 private:
  sqlite3* db_ = nullptr;
};

TEST_F(OtherWritersTest, AWriterWaitsForAnotherWithABound) {
  auto patient = OpenHandle(/*busy_timeout_ms=*/5000);
  auto hasty = OpenHandle(/*busy_timeout_ms=*/50);
  WriteLock lock(path_);
  Status st = Apply(*hasty, Order("hasty", "assign b in -> south"));
  EXPECT_EQ(st.ToString(), "error: the database is busy: another process is writing it; retry");
  std::thread release([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    lock.Release();
  });
  st = Apply(*patient, Order("patient", "assign b in -> south"));
  release.join();
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(DistrictOf(*patient, "b"), "south");
  // The refused write left nothing behind: the hasty handle can write once the file is free.
  st = Apply(*hasty, Order("hasty", "move a in -> south"));
  EXPECT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(DistrictOf(*hasty, "b"), "south");
}

TEST_F(OtherWritersTest, AReadOnlyHandleSeesLaterWrites) {
  Options options;
  options.read_only = true;
  options.create_if_missing = false;
  auto reader = Database::Open(path_, options);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  ASSERT_TRUE(Apply(*second_, Order("by-second", "assign b in -> south")).ok());
  ASSERT_TRUE((*reader)->Refresh().ok());
  EXPECT_EQ(DistrictOf(**reader, "b"), "south");
}

}  // namespace
}  // namespace ordo
