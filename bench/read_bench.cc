// `ordo read` on a 10,000-word text (issue 22's target: <= 50 ms), in each language: the
// development texts of the reading corpus (tests/read/texts, split "dev") repeated until the
// text has 10,000 words, read on 2024-02-26 against the bundled record (data/).
//   build/bench/read_bench
// Linker/build: the gazetteer from the record (once per record generation in a server).
// Find: tokens and mentions only. ReadText: the whole reading (mentions, each entity's state,
// the window's orders, quoted words and their statements), what `ordo read` and POST /api/read do.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lang/files.h"
#include "ordo/database.h"
#include "ordo/lang.h"
#include "read/read.h"
#include "read/tokens.h"

namespace {

namespace fs = std::filesystem;
using ordo::Database;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Database& Record() {
  static Database* db = [] {
    auto files = ordo::lang::CollectOrderFiles({std::string(ORDO_SOURCE_DIR) + "/data"});
    ordo::Batch batch;
    for (const std::string& f : *files)
      batch.Append(std::move(ordo::ParseOrders(*ordo::lang::ReadTextFile(f), f).batch));
    auto opened = Database::Open(":memory:");
    if (!(*opened)->Apply(batch).ok()) std::abort();
    return opened->release();
  }();
  return *db;
}

const ordo::read::Linker& TheLinker() {
  static const ordo::read::Linker* linker = new ordo::read::Linker(Record(), std::nullopt);
  return *linker;
}

// The development texts of one language, repeated to 10,000 words.
const std::string& Text(const std::string& lang) {
  static std::map<std::string, std::string> texts;
  auto it = texts.find(lang);
  if (it != texts.end()) return it->second;
  std::vector<std::string> parts;
  for (const auto& e : fs::directory_iterator(fs::path(ORDO_SOURCE_DIR) / "tests/read/texts")) {
    if (e.path().extension() != ".json") continue;
    nlohmann::json j = nlohmann::json::parse(Slurp(e.path()));
    if (j["split"] != "dev" || j["language"] != lang) continue;
    parts.push_back(Slurp(fs::path(e.path()).replace_extension(".txt")));
  }
  std::string text;
  size_t words = 0;
  while (words < 10000) {
    for (const std::string& p : parts) {
      text += p + "\n";
      for (const ordo::read::Token& t : ordo::read::Tokenize(p)) words += t.word ? 1 : 0;
      if (words >= 10000) break;
    }
  }
  return texts.emplace(lang, std::move(text)).first->second;
}

void BM_LinkerBuild(benchmark::State& state) {
  Database& db = Record();
  for (auto _ : state) {
    ordo::read::Linker linker(db, std::nullopt);
    // The indexes are built on first use: read one word in each language.
    for (const char* lang : {"en", "ru", "uk"}) {
      const std::string w = "x";
      benchmark::DoNotOptimize(linker.Find(w, ordo::read::Tokenize(w), lang, ordo::Date::FromCivil(2024, 2, 26)));
    }
  }
}
BENCHMARK(BM_LinkerBuild)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_Find(benchmark::State& state, const char* lang) {
  const std::string& text = Text(lang);
  const auto& linker = TheLinker();
  size_t mentions = 0;
  for (auto _ : state) {
    auto tokens = ordo::read::Tokenize(text);
    auto m = linker.Find(text, tokens, lang, ordo::Date::FromCivil(2024, 2, 26));
    mentions = m.size();
    benchmark::DoNotOptimize(m);
  }
  state.counters["mentions"] = static_cast<double>(mentions);
  state.counters["bytes"] = static_cast<double>(text.size());
}
BENCHMARK_CAPTURE(BM_Find, en, "en")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Find, ru, "ru")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Find, uk, "uk")->Unit(benchmark::kMillisecond);

void BM_ReadText(benchmark::State& state, const char* lang) {
  const std::string& text = Text(lang);
  const auto& linker = TheLinker();
  ordo::read::ReadOptions options;
  options.date = ordo::Date::FromCivil(2024, 2, 26);
  options.lang = lang;
  size_t entities = 0;
  for (auto _ : state) {
    auto r = ordo::read::ReadText(Record(), linker, text, options);
    entities = r->entities.size();
    benchmark::DoNotOptimize(r);
  }
  state.counters["entities"] = static_cast<double>(entities);
}
BENCHMARK_CAPTURE(BM_ReadText, en, "en")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadText, ru, "ru")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ReadText, uk, "uk")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
