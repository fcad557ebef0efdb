// Tests of the command line that need no database: help, argument errors, file discovery,
// progress and error rendering.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/app.h"
#include "cli/diagnostics.h"
#include "cli/progress.h"
#include "lang/files.h"

namespace ordo::cli {
namespace {

namespace fs = std::filesystem;
using lang::CollectOrderFiles;
using lang::ReadTextFile;

struct Ran {
  int code;
  std::string out, err;
};

Ran RunOrdo(std::vector<const char*> args) {
  args.insert(args.begin(), "ordo");
  std::ostringstream out, err;
  const int code = Main(static_cast<int>(args.size()), args.data(), out, err);
  return {code, out.str(), err.str()};
}

TEST(Main, HelpListsEveryCommandWithExamples) {
  const Ran r = RunOrdo({"--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* c : {"load", "check", "show", "members", "history", "diff", "snapshot", "orders", "order", "search",
                        "path", "--db", "Examples:"}) {
    EXPECT_NE(r.out.find(c), std::string::npos) << c;
  }
}

TEST(Main, CommandHelpDescribesEveryOption) {
  const Ran r = RunOrdo({"members", "--help"});
  EXPECT_EQ(r.code, 0);
  for (const char* o : {"--relation", "--at", "--recorded", "--perspective", "--json", "Examples:"}) {
    EXPECT_NE(r.out.find(o), std::string::npos) << o;
  }
}

TEST(Main, NoCommandIsBadInput) {
  const Ran r = RunOrdo({});
  EXPECT_EQ(r.code, 2);
  EXPECT_FALSE(r.err.empty());
}

TEST(Main, UnknownOptionIsBadInput) { EXPECT_EQ(RunOrdo({"show", "X", "--frobnicate"}).code, 2); }

TEST(Main, BadDateIsExit2WithThePreciseMessage) {
  const Ran r = RunOrdo({"--db", "/nonexistent/ordo.db", "show", "RU-MUR", "--at", "2024-02-30"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("invalid date for --at: "), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("2024-02-30"), std::string::npos) << r.err;
}

TEST(Main, BadInstantIsExit2) {
  const Ran r = RunOrdo({"--db", "/nonexistent/ordo.db", "history", "RU-MUR", "--recorded", "yesterday"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("invalid instant for --recorded: "), std::string::npos) << r.err;
}

TEST(Main, MissingDatabaseIsExit2WithAHint) {
  const Ran r = RunOrdo({"--db", "/nonexistent/ordo.db", "show", "RU-MUR"});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no database at '/nonexistent/ordo.db'"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("note: load orders first"), std::string::npos) << r.err;
}

TEST(Main, BadSnapshotFormatIsExit2) { EXPECT_EQ(RunOrdo({"snapshot", "--relation", "r", "--format", "xml"}).code, 2); }

class TempDir : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ordo-cli-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((dir_ / rel).parent_path());
    std::ofstream(dir_ / rel) << text;
  }
  fs::path dir_;
};

TEST_F(TempDir, DirectoriesExpandRecursivelyInSortedOrder) {
  Write("b/z.ordo", "");
  Write("a.ordo", "");
  Write("b/a.ordo", "");
  Write("readme.md", "");
  const std::string d = dir_.string();
  auto files = CollectOrderFiles({d + "/"});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(*files, (std::vector<std::string>{d + "/a.ordo", d + "/b/a.ordo", d + "/b/z.ordo"}));
  // Argument order is kept; a file named twice is read once.
  files = CollectOrderFiles({d + "/b/z.ordo", d, d + "/readme.md"});
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(*files, (std::vector<std::string>{d + "/b/z.ordo", d + "/a.ordo", d + "/b/a.ordo", d + "/readme.md"}));
}

// Regression: `ordo check DIR` spun on a directory holding `ln -s . self` and `ln -s .. up`.
// Each directory is read once, however many links lead to it; a linked directory elsewhere
// is still read.
TEST_F(TempDir, SymlinkLoopsAreReadOnce) {
  Write("d/a.ordo", "");
  Write("other/b.ordo", "");
  fs::create_directory_symlink(".", dir_ / "d" / "self");
  fs::create_directory_symlink("..", dir_ / "d" / "up");
  fs::create_directory_symlink("../other", dir_ / "d" / "elsewhere");
  const std::string d = (dir_ / "d").string();
  auto files = CollectOrderFiles({d});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  std::vector<std::string> names;
  for (const std::string& f : *files) names.push_back(fs::path(f).filename().string());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"a.ordo", "b.ordo"})) << ::testing::PrintToString(*files);
}

TEST_F(TempDir, MissingPathsAndEmptyDirectoriesAreErrors) {
  auto missing = CollectOrderFiles({(dir_ / "nope.ordo").string()});
  EXPECT_EQ(missing.status().code(), Code::kInvalid);
  EXPECT_NE(missing.status().message().find("nope.ordo"), std::string::npos);
  Write("empty/readme.md", "");
  EXPECT_EQ(CollectOrderFiles({(dir_ / "empty").string()}).status().code(), Code::kInvalid);
}

TEST_F(TempDir, ReadTextFile) {
  Write("x.ordo", "kind territory\n");
  auto text = ReadTextFile((dir_ / "x.ordo").string());
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text, "kind territory\n");
  EXPECT_EQ(ReadTextFile((dir_ / "missing").string()).status().code(), Code::kIo);
}

TEST(Progress, Line) {
  EXPECT_EQ(ProgressLine("parsing", 5, 10, "files", 0, 1.25, 10), "parsing   [#####-----]  50%  5/10 files  1.2 s");
  EXPECT_EQ(ProgressLine("parsing", 20, 10, "", 0, 0, 4), "parsing   [####] 100%  10/10  0.0 s");
  EXPECT_EQ(ProgressLine("applying", 0, 0, "", 1, 2.0), "applying  / 2.0 s");
}

// Past the quiet period an enabled bar draws its line and clears it; a disabled one never draws.
TEST(Progress, DrawsOnlyWhenEnabledAndAfterTheQuietPeriod) {
  for (bool enabled : {false, true}) {
    std::ostringstream out;
    Progress p(enabled, out);
    p.Stage("parsing", 10);
    p.Update(5);
    EXPECT_EQ(out.str(), "") << "nothing is drawn in the first moment";
    std::this_thread::sleep_for(std::chrono::milliseconds(350));
    p.Stage("applying", 10, "bytes");  // a new stage draws at once
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    p.Update(5);  // redraws after the redraw interval
    p.Clear();
    if (!enabled) {
      EXPECT_EQ(out.str(), "");
      continue;
    }
    EXPECT_NE(out.str().find("applying  [------------------------------]   0%  0/10 bytes"), std::string::npos);
    EXPECT_NE(out.str().find("applying  [###############---------------]  50%  5/10 bytes"), std::string::npos)
        << out.str();
    EXPECT_EQ(out.str().substr(out.str().size() - 4), "\r\033[K") << "Clear erases the line";
  }
}

TEST(Diagnostics, ErrorsWithoutLocation) {
  Status s = Status::NotFound("unknown entity 'RU-MUX'");
  s.AddNote("did you mean 'RU-MUR'?");
  EXPECT_EQ(RenderStatus(s, {}, false), "ordo: error: unknown entity 'RU-MUX'\nnote: did you mean 'RU-MUR'?\n");
  EXPECT_EQ(ExitCodeFor(s), 1);
  EXPECT_EQ(ExitCodeFor(Status::Invalid("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::Violation("x")), 2);
}

}  // namespace
}  // namespace ordo::cli
