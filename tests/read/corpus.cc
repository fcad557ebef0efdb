#include "read/corpus.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "lang/files.h"
#include "ordo/lang.h"
#include "read/read.h"

namespace ordo::read::corpus {

namespace fs = std::filesystem;

namespace {
std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}
// A fresh in-memory record with batch applied, or nullptr and *error.
std::unique_ptr<Database> ApplyInMemory(const Batch& batch, std::string* error) {
  auto db = Database::Open(":memory:");
  if (!db.ok()) {
    *error = db.status().ToString();
    return nullptr;
  }
  auto applied = (*db)->Apply(batch);
  if (!applied.ok()) {
    *error = applied.status().ToString();
    return nullptr;
  }
  return std::move(db).value();
}

}  // namespace

std::vector<Text> LoadTexts(const std::string& source_dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(fs::path(source_dir) / "tests/read/texts")) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<Text> out;
  for (const fs::path& f : files) {
    nlohmann::json j = nlohmann::json::parse(Slurp(f));
    Text t;
    t.name = f.stem().string();
    t.lang = j["language"];
    t.split = j["split"];
    t.text = Slurp(fs::path(f).replace_extension(".txt"));
    auto d = ParseFuzzyDate(j["date"].get<std::string>());
    t.date = d.ok() ? d->date : Date{};
    for (const auto& m : j["mentions"]) {
      Gold g;
      g.start = m["start"];
      g.end = m["end"];
      g.text = m["text"];
      g.entity = m["entity"].is_null() ? "" : m["entity"].get<std::string>();
      g.kind = m["kind"];
      t.mentions.push_back(std::move(g));
    }
    for (const auto& q : j["speech"]) {
      t.speech.push_back(GoldQuote{q["start"], q["end"], q["speaker"]});
    }
    out.push_back(std::move(t));
  }
  return out;
}

std::unique_ptr<Database> LoadWithSchema(const std::string& source_dir, const std::string& orders, std::string* error) {
  const std::string schema_file = source_dir + "/data/00-schema/schema.ordo";
  auto schema = lang::ReadTextFile(schema_file);
  if (!schema.ok()) {
    *error = schema.status().ToString();
    return nullptr;
  }
  Batch batch;
  for (const auto& [file, text] : {std::pair<std::string, std::string>{schema_file, *schema}, {"r.ordo", orders}}) {
    ParseResult parsed = ParseOrders(text, file);
    for (const Status& s : parsed.diagnostics) *error += RenderDiagnostic(s, text, file) + "\n";
    batch.Append(std::move(parsed.batch));
  }
  if (!error->empty()) return nullptr;
  return ApplyInMemory(batch, error);
}

std::unique_ptr<Database> LoadRecord(const std::string& source_dir, std::string* error) {
  auto files = lang::CollectOrderFiles({source_dir + "/data"});
  if (!files.ok()) {
    *error = files.status().ToString();
    return nullptr;
  }
  Batch batch;
  for (const std::string& f : *files) {
    auto text = lang::ReadTextFile(f);
    if (!text.ok()) {
      *error = text.status().ToString();
      return nullptr;
    }
    ParseResult parsed = ParseOrders(*text, f);
    if (!parsed.ok()) {
      *error = "cannot parse " + f;
      return nullptr;
    }
    batch.Append(std::move(parsed.batch));
  }
  return ApplyInMemory(batch, error);
}

Score ScoreText(const Database& db, const Linker& linker, const Text& text, std::string* log) {
  ReadOptions options;
  options.date = text.date;
  options.lang = text.lang;
  Score score;
  auto reading = ReadText(db, linker, text.text, options);
  if (!reading.ok()) {
    if (log != nullptr) *log += fmt::format("{}: {}\n", text.name, reading.status().ToString());
    return score;
  }
  auto overlaps = [](size_t a0, size_t a1, size_t b0, size_t b1) { return a0 < b1 && b0 < a1; };
  for (const Mention& m : reading->mentions) {
    if (m.ambiguous()) continue;
    ++score.predicted;
    bool right = false;
    std::string gold_there;
    for (const Gold& g : text.mentions) {
      if (!overlaps(m.cp_begin, m.cp_end, g.start, g.end)) continue;
      if (g.entity == m.entity) right = true;
      gold_there = g.entity.empty() ? "(not in the record)" : g.entity;
    }
    if (right) {
      ++score.correct;
    } else if (log != nullptr) {
      *log += fmt::format("{}: wrong: \"{}\" @{} → {} ({}); annotated: {}\n", text.name, m.text, m.cp_begin, m.entity,
                          m.reason, gold_there.empty() ? "nothing" : gold_there);
    }
  }
  for (const Gold& g : text.mentions) {
    if (g.entity.empty()) continue;
    ++score.gold;
    bool found = false;
    std::string near;
    for (const Mention& m : reading->mentions) {
      if (!overlaps(m.cp_begin, m.cp_end, g.start, g.end)) continue;
      if (m.entity == g.entity) found = true;
      near = m.ambiguous() ? fmt::format("ambiguous among {}", m.candidates.size()) : m.entity;
    }
    if (found) {
      ++score.found;
    } else if (log != nullptr) {
      *log += fmt::format("{}: missed: \"{}\" @{} = {}{}\n", text.name, g.text, g.start, g.entity,
                          near.empty() ? "" : "; read as " + near);
    }
  }
  // Quotations: found where a read quotation overlaps the annotated one; its speaker right where
  // the annotated speaker is a person of the record (an id, not a name with a space).
  for (const GoldQuote& q : text.speech) {
    ++score.quotes;
    const bool in_record = q.speaker.find(' ') == std::string::npos;
    if (in_record) ++score.speakers;
    for (const Speech& s : reading->speech) {
      if (!overlaps(s.cp_begin, s.cp_end, q.start, q.end)) continue;
      ++score.quotes_found;
      if (in_record && s.speaker == q.speaker) {
        ++score.speakers_right;
      } else if (in_record && log != nullptr) {
        *log += fmt::format("{}: quotation @{} attributed to '{}', annotated {}\n", text.name, q.start, s.speaker,
                            q.speaker);
      }
      break;
    }
  }
  return score;
}

}  // namespace ordo::read::corpus
