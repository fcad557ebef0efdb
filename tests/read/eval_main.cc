// Precision and recall of `ordo read` on the reading corpus, per language (docs/read.md):
//   build/tests/ordo_read_eval [--split dev|test] [--verbose]
// The test split is read only when asked for by name: it stays untouched while the linker is
// developed (tests/read/README.md).
#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <map>
#include <string>

#include "read/corpus.h"

using ordo::read::corpus::Score;

int main(int argc, char** argv) {
  std::string split = "dev";
  bool verbose = false;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--split") == 0 && i + 1 < argc) {
      split = argv[++i];
    } else if (std::strcmp(argv[i], "--verbose") == 0) {
      verbose = true;
    } else {
      fmt::print(stderr, "usage: ordo_read_eval [--split dev|test] [--verbose]\n");
      return 2;
    }
  }
  if (split != "dev" && split != "test") {
    fmt::print(stderr, "--split is dev or test\n");
    return 2;
  }
  std::string error;
  auto db = ordo::read::corpus::LoadRecord(ORDO_SOURCE_DIR, &error);
  if (db == nullptr) {
    fmt::print(stderr, "cannot load data/: {}\n", error);
    return 1;
  }
  const ordo::read::Linker linker(*db, std::nullopt);
  std::map<std::string, Score> by_lang;
  std::map<std::string, size_t> texts;
  Score all;
  std::string log;
  for (const auto& t : ordo::read::corpus::LoadTexts(ORDO_SOURCE_DIR)) {
    if (t.split != split) continue;
    Score s = ordo::read::corpus::ScoreText(*db, linker, t, verbose ? &log : nullptr);
    by_lang[t.lang].Add(s);
    ++texts[t.lang];
    all.Add(s);
  }
  if (verbose) fmt::print("{}\n", log);
  fmt::print("| split | language | texts | mentions | found | linked | right | precision | recall |\n");
  fmt::print("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
  for (const auto& [lang, s] : by_lang) {
    fmt::print("| {} | {} | {} | {} | {} | {} | {} | {:.3f} | {:.3f} |\n", split, lang, texts[lang], s.gold, s.found,
               s.predicted, s.correct, s.precision(), s.recall());
  }
  size_t n = 0;
  for (const auto& [lang, c] : texts) n += c;
  fmt::print("| {} | all | {} | {} | {} | {} | {} | {:.3f} | {:.3f} |\n", split, n, all.gold, all.found, all.predicted,
             all.correct, all.precision(), all.recall());
  fmt::print("\nQuotations ({}): {} annotated, {} found; {} by people of the record, {} attributed to them\n", split,
             all.quotes, all.quotes_found, all.speakers, all.speakers_right);
  return 0;
}
