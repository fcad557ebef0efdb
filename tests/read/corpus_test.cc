// `ordo read` on the development part of the reading corpus (tests/read/README.md), against
// the bundled record: the targets, precision >= 0.95 and recall >= 0.85, per language.
// The test part is not read here (docs/read.md gives its figures, from ordo_read_eval).
#include "read/corpus.h"

#include <gtest/gtest.h>

#include <map>

namespace ordo::read::corpus {
namespace {

TEST(Corpus, DevelopmentTextsMeetTheTargetsPerLanguage) {
  std::string error;
  auto db = LoadRecord(ORDO_SOURCE_DIR, &error);
  ASSERT_NE(db, nullptr) << error;
  const Linker linker(*db, std::nullopt);
  std::map<std::string, Score> by_lang;
  std::string log;
  size_t texts = 0;
  for (const Text& t : LoadTexts(ORDO_SOURCE_DIR)) {
    if (t.split != "dev") continue;
    ++texts;
    by_lang[t.lang].Add(ScoreText(*db, linker, t, &log));
  }
  EXPECT_EQ(texts, 24u);
  ASSERT_EQ(by_lang.size(), 3u);
  for (const auto& [lang, s] : by_lang) {
    EXPECT_GE(s.precision(), 0.95) << lang << "\n" << log;
    EXPECT_GE(s.recall(), 0.85) << lang << "\n" << log;
  }
}

}  // namespace
}  // namespace ordo::read::corpus
