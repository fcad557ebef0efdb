#include "http/message.h"

#include <gtest/gtest.h>

#include "http/ascii.h"

namespace ordo::http {
namespace {

TEST(RequestTest, HeaderLookupIgnoresCaseAndTakesTheFirst) {
  Request r;
  r.headers = {{"Content-Type", "text/plain"}, {"X-Twice", "one"}, {"x-twice", "two"}};
  EXPECT_EQ(r.Header("content-type"), "text/plain");
  EXPECT_EQ(r.Header("CONTENT-TYPE"), "text/plain");
  EXPECT_EQ(r.Header("X-TWICE"), "one");
  EXPECT_EQ(r.Header("Accept"), "");
  EXPECT_EQ(r.Header(""), "");
}

TEST(AsciiTest, TokensAndPrintableText) {
  EXPECT_TRUE(IsToken("X-Request-Id"));
  EXPECT_FALSE(IsToken(""));
  EXPECT_FALSE(IsToken("Bad Name"));
  EXPECT_FALSE(IsToken("a:b"));
  EXPECT_TRUE(EqualsIgnoringCase("Keep-Alive", "keep-alive"));
  EXPECT_FALSE(EqualsIgnoringCase("keep", "keep-alive"));
  EXPECT_EQ(Printable("a\r\nb\x80"), "a\\x0d\\x0ab\\x80");
  EXPECT_EQ(Printable(std::string(300, 'x')).size(), 203u);
}

}  // namespace
}  // namespace ordo::http
