// `ordo read` (docs/read.md): a text read against the record on its date. Which entities it
// names (read::Linker), what the record says of each on that date, which orders touched them
// in a window around it, and the quoted words it attributes to people of the record, matched
// to the record's statements.
#ifndef ORDO_READ_READ_H_
#define ORDO_READ_READ_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ordo/database.h"
#include "read/linker.h"

namespace ordo::read {

// The longest text read: 1 MiB.
inline constexpr size_t kMaxTextBytes = size_t{1} << 20;

struct ReadOptions {
  Date date;                        // the text's date
  int window_days = 30;             // orders effective within date ± window
  std::string lang;                 // "en", "ru", "uk"; "" = by the text's letters
  std::optional<Instant> recorded;  // the record as known then; absent: everything recorded
  std::string perspective;          // whose view of the entities' state; "" = every one
};

// An order effective in the window that asserted or ended a fact of the entity, or a fact
// pointing at it.
struct TouchingOrder {
  std::string id, title;
  FuzzyDate effective;
  std::vector<SourceInfo> sources;
};

struct ReadEntity {
  std::string id, kind;
  std::string name;  // its English (else first) name on the date; "" when it has none then
  bool alive = false;
  bool lasting = false;         // alive on the date in a life with no recorded end
  std::vector<FactInfo> facts;  // its relations and attributes valid on the date
  std::vector<CoverageGap> uncovered;
  std::vector<TouchingOrder> orders;  // by effective date
  std::vector<size_t> mentions;       // indexes into Reading::mentions
};

// Quoted words of the text and who said them.
struct Speech {
  size_t begin = 0, end = 0;        // bytes of the quotation, marks excluded
  size_t cp_begin = 0, cp_end = 0;  // code points
  std::string quote;
  std::string speaker;                  // the record's person; "" when no person of the record is named near it
  std::vector<std::string> statements;  // the record's statements of the speaker it matches
  std::string note;                     // "unrecorded: …" when none matches
};

struct Reading {
  std::string lang;
  Date date;
  int window_days = 0;
  size_t words = 0;
  std::vector<Mention> mentions;     // in text order
  std::vector<ReadEntity> entities;  // each linked entity once, in order of first mention
  std::vector<Speech> speech;
  std::vector<std::string> warnings;  // the date outside the record, unstemmed language
};

// A window as written, "30d" or "30": days, 0 to 36600. Fails with kInvalid: "invalid window
// 'a week': give days, e.g. 30d".
Result<int> ParseWindow(std::string_view text);

// Checks that text can be read: not empty, at most kMaxTextBytes, UTF-8, not binary. The
// error names the offset (and line and column) of the first bad byte.
Status CheckText(std::string_view text);

// Reads text with linker (built from db). Fails with kInvalid for a text CheckText refuses or
// an unknown language, kLimit for one too long, kNotFound for an unknown perspective.
Result<Reading> ReadText(const Database& db, const Linker& linker, std::string_view text, const ReadOptions& options);

// A report file for `ordo report`, to be completed by hand: the report with `about` links to
// the entities it names that live on with no recorded end (so that the file loads as written;
// the others are listed in a comment), and, as comments, the candidate claims (sentences
// naming two entities or more) and the quoted words with their speakers. `id` names the
// report, the source and the order; `file` is the text's name for the comments.
std::string DraftReport(const Reading& reading, std::string_view text, const std::string& id, const std::string& file);

}  // namespace ordo::read

#endif  // ORDO_READ_READ_H_
