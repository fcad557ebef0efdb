// The answer cache against a reference: what it returns is what was put at that generation, it
// never holds more than its capacity, and the least recently used answers go first.
#include "server/cache.h"

#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

namespace ordo::server {
namespace {

http::Response Body(const std::string& text) {
  http::Response r;
  r.body = text;
  return r;
}

TEST(ResponseCache, AnAnswerIsServedOnlyAtItsGeneration) {
  ResponseCache cache(1 << 20);
  cache.Put("/a", 7, Body("seven"));
  ASSERT_TRUE(cache.Find("/a", 7));
  EXPECT_EQ(cache.Find("/a", 7)->body, "seven");
  EXPECT_FALSE(cache.Find("/a", 8));
  EXPECT_FALSE(cache.Find("/b", 7));
  // An older answer never replaces a newer one.
  cache.Put("/a", 8, Body("eight"));
  cache.Put("/a", 7, Body("seven again"));
  EXPECT_FALSE(cache.Find("/a", 7));
  EXPECT_EQ(cache.Find("/a", 8)->body, "eight");
  EXPECT_EQ(cache.entries(), 1u);
}

TEST(ResponseCache, ZeroCapacityKeepsNothingAndLargeAnswersAreNotKept) {
  ResponseCache off(0);
  off.Put("/a", 1, Body("x"));
  EXPECT_FALSE(off.Find("/a", 1));
  ResponseCache small(16 * 1024);
  small.Put("/big", 1, Body(std::string(4 * 1024, 'x')));  // over an eighth of the capacity
  EXPECT_FALSE(small.Find("/big", 1));
}

// Random puts and finds over a few keys and generations, against a map: a hit is always the
// reference's value, and the bytes held stay under the capacity.
TEST(ResponseCache, AgreesWithAReferenceAndStaysWithinItsCapacity) {
  constexpr size_t kCapacity = 64 * 1024;
  ResponseCache cache(kCapacity);
  std::map<std::pair<std::string, uint64_t>, std::string> reference;
  std::mt19937 rng(42);
  size_t hits = 0;
  for (int i = 0; i < 20000; ++i) {
    const std::string key = "/k" + std::to_string(rng() % 200);
    const uint64_t generation = 1 + rng() % 3;
    if (rng() % 2 == 0) {
      const std::string body(rng() % 900, static_cast<char>('a' + rng() % 26));
      cache.Put(key, generation, Body(body));
      reference[{key, generation}] = body;
    } else if (auto hit = cache.Find(key, generation)) {
      ++hits;
      ASSERT_EQ(hit->body, (reference[{key, generation}])) << key << " at " << generation;
    }
    ASSERT_LE(cache.bytes(), kCapacity);
  }
  EXPECT_GT(hits, 0u);
}

}  // namespace
}  // namespace ordo::server
