// The reading corpus (tests/read/README.md) and how `ordo read` is scored on it: loading
// data/ into memory, reading each text on its date, and counting precision and recall per
// language (docs/read.md, "Evaluation").
#ifndef ORDO_TESTS_READ_CORPUS_H_
#define ORDO_TESTS_READ_CORPUS_H_

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "ordo/database.h"
#include "read/linker.h"

namespace ordo::read::corpus {

struct Gold {
  size_t start = 0, end = 0;  // code points
  std::string text, entity, kind;
};

struct GoldQuote {
  size_t start = 0, end = 0;
  std::string speaker;  // a record id, or a name for a person not in the record
};

struct Text {
  std::string name;  // the file's stem
  std::string lang, split, text;
  Date date;
  std::vector<Gold> mentions;  // every annotated mention, null entities as ""
  std::vector<GoldQuote> speech;
};

// The texts of tests/read/texts under source_dir, in file order.
std::vector<Text> LoadTexts(const std::string& source_dir);

// data/00-schema/schema.ordo of source_dir and then `orders` (order text, named r.ordo) applied
// to an in-memory database: the small records of the read tests. nullptr and *error on failure.
std::unique_ptr<Database> LoadWithSchema(const std::string& source_dir, const std::string& orders, std::string* error);

// data/ of source_dir applied to an in-memory database; nullptr and *error on failure.
std::unique_ptr<Database> LoadRecord(const std::string& source_dir, std::string* error);

struct Score {
  size_t predicted = 0, correct = 0;        // linked mentions, and those matching a gold mention
  size_t gold = 0, found = 0;               // gold mentions of record entities, and those found
  size_t quotes = 0, quotes_found = 0;      // annotated quotations, and those found
  size_t speakers = 0, speakers_right = 0;  // of those by a person of the record, attributed to them
  double precision() const { return predicted == 0 ? 1.0 : static_cast<double>(correct) / predicted; }
  double recall() const { return gold == 0 ? 1.0 : static_cast<double>(found) / gold; }
  void Add(const Score& o) {
    predicted += o.predicted;
    correct += o.correct;
    gold += o.gold;
    found += o.found;
    quotes += o.quotes;
    quotes_found += o.quotes_found;
    speakers += o.speakers;
    speakers_right += o.speakers_right;
  }
};

// Scores the reading of one text; misses and wrong links are appended to *log when given.
Score ScoreText(const Database& db, const Linker& linker, const Text& text, std::string* log);

}  // namespace ordo::read::corpus

#endif  // ORDO_TESTS_READ_CORPUS_H_
