#include "http/target.h"

#include <gtest/gtest.h>

namespace ordo::http {
namespace {

using Query = std::vector<std::pair<std::string, std::string>>;

TEST(ParseTargetTest, PathAndQueryInOrder) {
  auto t = ParseTarget("/api/entity/RU-MUR?at=2024-03-01&perspective=UA&at=2025");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(t->path, "/api/entity/RU-MUR");
  EXPECT_EQ(t->query, (Query{{"at", "2024-03-01"}, {"perspective", "UA"}, {"at", "2025"}}));
}

TEST(ParseTargetTest, DecodesEscapesAndPlusOnlyInTheQuery) {
  auto t = ParseTarget("/api/search/a%20b+c%2Fd?q=%D0%9C%D1%83%D1%80+%D0%BC&x=a%2Bb");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/api/search/a b+c/d");
  EXPECT_EQ(t->query, (Query{{"q", "\xD0\x9C\xD1\x83\xD1\x80 \xD0\xBC"}, {"x", "a+b"}}));
}

TEST(ParseTargetTest, EmptyParametersAndValues) {
  auto t = ParseTarget("/x?&a=&&b&c=1=2&");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->query, (Query{{"a", ""}, {"b", ""}, {"c", "1=2"}}));
  auto bare = ParseTarget("/x?");
  ASSERT_TRUE(bare.ok());
  EXPECT_TRUE(bare->query.empty());
}

TEST(ParseTargetTest, AbsoluteAndAsteriskForms) {
  auto absolute = ParseTarget("http://example.org:8080/api/schema?pretty=1");
  ASSERT_TRUE(absolute.ok());
  EXPECT_EQ(absolute->path, "/api/schema");
  EXPECT_EQ(absolute->query, (Query{{"pretty", "1"}}));
  auto host_only = ParseTarget("http://example.org");
  ASSERT_TRUE(host_only.ok());
  EXPECT_EQ(host_only->path, "/");
  auto star = ParseTarget("*");
  ASSERT_TRUE(star.ok());
  EXPECT_EQ(star->path, "*");
}

TEST(ParseTargetTest, FragmentIgnored) {
  auto t = ParseTarget("/a?b=1#frag");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->path, "/a");
  EXPECT_EQ(t->query, (Query{{"b", "1"}}));
}

TEST(ParseTargetTest, RejectsOtherFormsAndBadEscapes) {
  for (const char* bad : {"", "api/x", "example.org:443", "://x", "/a%", "/a%2", "/a%zz", "/a?x=%G1", "/a?%=1"}) {
    auto t = ParseTarget(bad);
    EXPECT_FALSE(t.ok()) << bad;
    if (!t.ok()) {
      EXPECT_EQ(t.status().code(), Code::kInvalid) << bad;
    }
  }
  auto t = ParseTarget("/a%zz");
  EXPECT_EQ(t.status().message(), "bad percent-escape in the request target: '%zz' (expected '%' and two hex digits)");
}

TEST(PercentDecodeTest, NulAndHighBytesDecodeFaithfully) {
  auto d = PercentDecode("%00%ff%41", false);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(*d, std::string("\0\xff"
                            "A",
                            3));
}

}  // namespace
}  // namespace ordo::http
