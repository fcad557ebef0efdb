// The gazetteer and the mention finder of `ordo read` (docs/read.md): which of the record's
// entities a text names, by every name and alias the record holds for them, at any date.
//
// A name matches a stretch of text when each of its words meets the text's word there (their
// keys meet: the folded form or a stem, read::Stemmer). Besides whole names, a name that ends
// in a generic head ("Leningrad Military District": "Leningrad" + "military district") also
// matches its distinctive part with that head elsewhere: coordinated ("the Moscow and
// Leningrad military districts", "Южный та Західний військові округи"), after the head ("the
// Military District of Leningrad"), with a short or abbreviated head ("Leningrad's district",
// "Западный ВО"). A match that fits several entities is resolved by the text's date, by the
// head around it and by the sentence's other mentions; else it is reported as ambiguous.
#ifndef ORDO_READ_LINKER_H_
#define ORDO_READ_LINKER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/mutex.h"
#include "ordo/database.h"
#include "read/stem.h"
#include "read/tokens.h"

namespace ordo::read {

// One entity a mention may name.
struct Candidate {
  std::string entity;
  std::string kind;
  std::string name;    // the record's name or alias that matched
  std::string lang;    // that name's language ("" for an alias without one)
  bool valid = false;  // the name is valid and the entity alive on the text's date
  std::string note;    // why not, when not: "Western Military District: abolished 2024-03-01"
};

struct Mention {
  size_t begin = 0, end = 0;        // bytes of the text
  size_t cp_begin = 0, cp_end = 0;  // code points of the text (what JSON consumers count)
  std::string text;                 // the text's own words
  std::string entity;               // "" when ambiguous
  std::string kind;
  double confidence = 0;
  std::string reason;                 // how it was matched and, when it was, resolved
  std::string note;                   // the linked name is not valid on the date: why
  std::vector<Candidate> candidates;  // the linked entity, or every candidate when ambiguous
  bool ambiguous() const { return entity.empty(); }
};

// The languages `ordo read` reads: "en", "ru", "uk".
bool KnownLanguage(std::string_view lang);
// The text's language by its letters: Latin → en; Cyrillic → uk when і ї є ґ outnumber ы э ъ ё,
// else ru.
std::string DetectLanguage(const std::vector<Token>& tokens);

class Linker {
 public:
  // The gazetteer of db's names and aliases as known at recorded (absent: everything
  // recorded), of every entity but statements, reports, claims and offices. Indexes for each
  // language are built on first use.
  Linker(const Database& db, std::optional<Instant> recorded);
  ~Linker();

  // The mentions in tokens of text (Tokenize(text)), read as language lang on date, in text
  // order; they do not overlap. Safe to call from several threads (one at a time reads).
  std::vector<Mention> Find(std::string_view text, const std::vector<Token>& tokens, const std::string& lang,
                            Date date) const;

  // "" when every language is stemmed; else what is not (Stemmer::ukrainian_problem).
  std::string stemming_problem() const;

  struct Index;

 private:
  struct Entity {
    std::string id, kind;
    std::string name;  // English (else first) name, for notes
    std::vector<Span> lifetime;
    bool unit = false;
  };
  const Index& IndexFor(const std::string& lang) const REQUIRES(mu_);

  std::vector<Entity> entities_;
  std::vector<NameInfo> names_;
  std::vector<uint32_t> name_entity_;  // names_[i] belongs to entities_[name_entity_[i]]
  mutable Mutex mu_;
  mutable Stemmer stemmer_ GUARDED_BY(mu_);
  mutable std::unordered_map<std::string, uint32_t> keys_ GUARDED_BY(mu_);
  mutable std::unordered_map<std::string, std::unique_ptr<Index>> indexes_ GUARDED_BY(mu_);
};

}  // namespace ordo::read

#endif  // ORDO_READ_LINKER_H_
