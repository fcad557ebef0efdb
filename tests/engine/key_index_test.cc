// KeyIndex against std::unordered_map: random inserts and erases over a pool of keys, with every
// key of the pool looked up after each step, at sizes where the probe clusters wrap around the
// end of the array and where the array grows.
#include "engine/key_index.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <unordered_map>
#include <vector>

namespace ordo::engine {
namespace {

// The table the index points into: keys by id, as State::entities is. An erased id's key stays
// in the table (as a rolled-back entity's does until the table shrinks), so ids are never reused.
struct Table {
  std::vector<std::string> keys;
  std::string_view operator()(uint32_t id) const { return keys[id]; }
};

void RandomOps(unsigned seed, size_t pool_size, int steps) {
  std::mt19937 rng(seed);
  std::vector<std::string> pool;
  for (size_t i = 0; i < pool_size; ++i) pool.push_back("K" + std::to_string(rng() % 100000));
  Table table;
  KeyIndex index;
  std::unordered_map<std::string, uint32_t> model;
  for (int step = 0; step < steps; ++step) {
    const std::string& key = pool[rng() % pool.size()];
    if (auto it = model.find(key); it == model.end()) {
      table.keys.push_back(key);
      const auto id = static_cast<uint32_t>(table.keys.size() - 1);
      index.Insert(id, table);
      model.emplace(key, id);
    } else if (rng() % 3 != 0) {
      ASSERT_TRUE(index.Erase(key, table)) << key;
      model.erase(it);
    }
    ASSERT_EQ(index.size(), model.size());
    for (const std::string& k : pool) {
      auto it = model.find(k);
      ASSERT_EQ(index.Find(k, table), it == model.end() ? KeyIndex::kAbsent : it->second)
          << "key " << k << " after step " << step << " (seed " << seed << ")";
    }
  }
  for (const auto& [k, id] : model) EXPECT_TRUE(index.Erase(k, table));
  EXPECT_EQ(index.size(), 0u);
  for (const std::string& k : pool) EXPECT_EQ(index.Find(k, table), KeyIndex::kAbsent);
}

TEST(KeyIndexTest, AgreesWithAnUnorderedMapInASmallTable) {
  // Up to 12 keys: the array has 16 or 32 slots, so clusters meet and wrap.
  for (unsigned seed = 1; seed <= 200; ++seed) RandomOps(seed, 12, 200);
}

TEST(KeyIndexTest, AgreesWithAnUnorderedMapWhileItGrows) {
  for (unsigned seed = 1; seed <= 5; ++seed) RandomOps(seed, 600, 3000);
}

TEST(KeyIndexTest, AMissingKeyIsAbsentAndErasingItChangesNothing) {
  Table table{{"RU-MUR", "RU-LEN"}};
  KeyIndex index;
  EXPECT_EQ(index.Find("RU-MUR", table), KeyIndex::kAbsent);
  EXPECT_FALSE(index.Erase("RU-MUR", table));
  index.Insert(0, table);
  index.Insert(1, table);
  EXPECT_EQ(index.Find("RU-MUR", table), 0u);
  EXPECT_EQ(index.Find("RU-LEN", table), 1u);
  EXPECT_EQ(index.Find("RU-MO", table), KeyIndex::kAbsent);
  EXPECT_EQ(index.Find("", table), KeyIndex::kAbsent);
  EXPECT_FALSE(index.Erase("RU-MO", table));
  EXPECT_EQ(index.size(), 2u);
}

TEST(KeyIndexTest, ACopyAnswersFromTheTableItIsGiven) {
  // The index holds no keys, so a copied State's index reads the copy's table.
  Table a{{"x", "y"}};
  KeyIndex index;
  index.Insert(0, a);
  index.Insert(1, a);
  KeyIndex copy = index;
  Table b = a;
  a.keys.clear();
  EXPECT_EQ(copy.Find("y", b), 1u);
  EXPECT_EQ(copy.Find("x", b), 0u);
}

TEST(KeyIndexTest, ReserveKeepsEveryKeyAndAtMostHalfTheSlotsFull) {
  Table table;
  KeyIndex index;
  for (int i = 0; i < 1000; ++i) {
    table.keys.push_back("T" + std::to_string(i));
    index.Insert(static_cast<uint32_t>(i), table);
  }
  index.Reserve(5000);
  EXPECT_GE(index.memory_bytes(), 10000 * sizeof(uint64_t));
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(index.Find("T" + std::to_string(i), table), static_cast<uint32_t>(i));
  EXPECT_LE(index.size() * 2 * sizeof(uint64_t), index.memory_bytes());
}

}  // namespace
}  // namespace ordo::engine
