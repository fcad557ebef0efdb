// Runs the fuzzer's seed corpus and every reproducer the fuzzer ever found (fuzz/regressions/)
// through the readers the fuzzer drives (orders and the renderer, queries, CSV imports), in the
// normal build, checking tests/lang/invariants.h.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "invariants.h"
#include "lang_test_util.h"
#include "ordo/lang.h"

namespace ordo::lang {
namespace {

std::vector<std::filesystem::path> FilesIn(const std::string& dir) {
  std::vector<std::filesystem::path> out;
  const std::filesystem::path root = std::filesystem::path(ORDO_SOURCE_DIR) / dir;
  if (!std::filesystem::exists(root)) return out;
  for (const auto& entry : std::filesystem::directory_iterator(root)) {
    if (entry.is_regular_file()) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

void CheckAll(const std::string& dir) {
  for (const std::filesystem::path& path : FilesIn(dir)) {
    SCOPED_TRACE(path.string());
    const std::string text = testing::ReadFile(path.string());
    const ParseResult r = ParseOrders(text, "fuzz.ordo");
    EXPECT_EQ(testing::CheckInvariants(text, "fuzz.ordo", r), "");
    EXPECT_EQ(testing::CheckQueryInvariants(text), "");
    EXPECT_EQ(testing::CheckImportInvariants(text), "");
  }
}

TEST(FuzzRegression, SeedCorpus) {
  EXPECT_GE(FilesIn("fuzz/corpus/parse").size(), 20u);
  CheckAll("fuzz/corpus/parse");
}

// Every input the fuzzer ever found, and hand-made hard inputs of the same kind (deep nesting,
// invalid UTF-8, NUL bytes, thousands of errors, mixed line ends).
TEST(FuzzRegression, Reproducers) {
  EXPECT_GE(FilesIn("fuzz/regressions").size(), 7u);
  CheckAll("fuzz/regressions");
}

// The examples of the seed corpus that are meant to be valid stay valid.
TEST(FuzzRegression, ValidSeedsParseCleanly) {
  for (const char* name : {"doc_example.ordo", "doc_schema.ordo", "doc_source.ordo", "ops_all.ordo", "correct.ordo",
                           "clauses.ordo", "perspectives.ordo", "edge_empty.ordo", "edge_comment.ordo",
                           "edge_crlf.ordo", "edge_semicolons.ordo", "edge_keywords_as_ids.ordo"}) {
    SCOPED_TRACE(name);
    const std::string text = testing::ReadFile(std::string(ORDO_SOURCE_DIR) + "/fuzz/corpus/parse/" + name);
    const ParseResult r = ParseOrders(text, "fuzz.ordo");
    EXPECT_TRUE(r.ok()) << testing::Summary(r.diagnostics);
  }
}

}  // namespace
}  // namespace ordo::lang
