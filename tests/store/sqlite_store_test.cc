#include "store/sqlite_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>

namespace ordo::store {
namespace {

TEST(QualifiersJsonTest, RoundTripsEveryType) {
  std::vector<Qualifier> q{{"role", Value{std::string("combat")}},
                           {"size", Value{int64_t{2000}}},
                           {"share", Value{0.25}},
                           {"since", Value{FuzzyDate{Date::FromCivil(2014, 12, 1), Precision::kMonth, false, true}}},
                           {"confirmed", Value{false}},
                           {"hedge", Value{std::string("no consensus")}},
                           {"hedge", Value{std::string("nothing can be ruled out")}}};
  std::string json = QualifiersToJson(q);
  auto back = QualifiersFromJson(json);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, q);
  EXPECT_EQ(QualifiersToJson({}), "");
  EXPECT_TRUE(QualifiersFromJson("")->empty());
  EXPECT_EQ(QualifiersFromJson("{not json").status().code(), Code::kIo);
}

TEST(SqliteStoreTest, NewerSchemaVersionIsRefused) {
  const std::string path = testing::TempDir() + "/ordo_version_" + std::to_string(getpid()) + ".db";
  std::filesystem::remove(path);
  ASSERT_TRUE(SqliteStore::Open(path, StoreOptions{}).ok());
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value='99' WHERE key='schema_version'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto s = SqliteStore::Open(path, StoreOptions{});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "database '" + path + "' has schema version 99; this ordo reads versions 1 to 3");
  std::filesystem::remove(path);
}

TEST(SqliteStoreTest, AFailedWriteLeavesNothing) {
  auto s = SqliteStore::Open(":memory:", StoreOptions{});
  ASSERT_TRUE(s.ok());
  BatchRows rows;
  rows.kinds.push_back(KindRow{0, "territory", "", ""});
  rows.kinds.push_back(KindRow{1, "territory", "", ""});  // duplicate name: the write fails
  EXPECT_EQ((*s)->Write(rows).code(), Code::kIo);
  size_t kinds = 0;
  LoadSink sink;
  sink.kind = [&](KindRow&&) {
    ++kinds;
    return Status::Ok();
  };
  sink.predicate = [](PredicateRow&&) { return Status::Ok(); };
  sink.perspective = [](PerspectiveRow&&) { return Status::Ok(); };
  sink.entity = [](EntityRow&&) { return Status::Ok(); };
  sink.source = [](SourceRow&&) { return Status::Ok(); };
  sink.order = [](OrderRow&&) { return Status::Ok(); };
  sink.fact = [](int, FactRow&&) { return Status::Ok(); };
  sink.retraction = [](RetractionRow&&) { return Status::Ok(); };
  ASSERT_TRUE((*s)->Load(sink).ok());
  EXPECT_EQ(kinds, 0u);
}

}  // namespace
}  // namespace ordo::store
