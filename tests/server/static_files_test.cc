#include "server/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server_test_util.h"

namespace ordo::server::testing {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::canonical(dir_.path()).string() + "/www";
    fs::create_directories(root_ + "/a");
    std::ofstream(root_ + "/index.html") << "i";
    std::ofstream(root_ + "/a/b.js") << "b";
    std::ofstream(dir_.path() / "outside.txt") << "o";
    fs::create_symlink(dir_.path() / "outside.txt", root_ + "/link.txt");
  }
  TempDir dir_;
  std::string root_;
};

TEST_F(StaticFilesTest, ResolvesFilesAndIndexes) {
  EXPECT_EQ(ResolveStaticPath(root_, "/"), root_ + "/index.html");
  EXPECT_EQ(ResolveStaticPath(root_, ""), root_ + "/index.html");
  EXPECT_EQ(ResolveStaticPath(root_, "/a/b.js"), root_ + "/a/b.js");
  EXPECT_EQ(ResolveStaticPath(root_, "/a//b.js"), root_ + "/a/b.js");
  EXPECT_EQ(ResolveStaticPath(root_, "/a/missing.js"), std::nullopt);
  EXPECT_EQ(ResolveStaticPath(root_, "/a"), std::nullopt);  // a directory without index.html
}

TEST_F(StaticFilesTest, NeverLeavesTheRoot) {
  for (const char* p : {"/../outside.txt", "/a/../../outside.txt", "/a/../b.js", "/./index.html", "..",
                        "/a\\..\\..\\outside.txt", "/c:/windows", "/index.html\x01", "/link.txt"}) {
    EXPECT_EQ(ResolveStaticPath(root_, p), std::nullopt) << p;
  }
  // Leading slashes do not make a path absolute.
  EXPECT_EQ(ResolveStaticPath(root_, "//etc/passwd"), std::nullopt);
  EXPECT_EQ(ResolveStaticPath(root_, "//index.html"), root_ + "/index.html");
}

TEST(ContentTypeTest, ByExtension) {
  EXPECT_STREQ(ContentTypeFor("x/index.html"), "text/html; charset=utf-8");
  EXPECT_STREQ(ContentTypeFor("app.js"), "text/javascript; charset=utf-8");
  EXPECT_STREQ(ContentTypeFor("topology.json"), "application/json");
  EXPECT_STREQ(ContentTypeFor("noext"), "application/octet-stream");
}

TEST_F(StaticFilesTest, FindWebRootPrefersTheConfiguredDirectory) {
  EXPECT_EQ(FindWebRoot(root_), root_);
  EXPECT_EQ(FindWebRoot(root_ + "/nope"), "");
}

}  // namespace
}  // namespace ordo::server::testing
