// What `ordo read` prints and POST /api/read answers (docs/read.md): the reading as JSON, and
// as an annotated text for a terminal.
#ifndef ORDO_PRESENT_READ_H_
#define ORDO_PRESENT_READ_H_

#include <string>
#include <string_view>

#include "present/json.h"
#include "read/read.h"

namespace ordo::present {

// The reading: every mention with its span in code points (start, end) and bytes, the entity
// (null when ambiguous), its kind, confidence, reason, note and candidates; every linked
// entity with its state on the date and the orders of the window; the quoted words.
Json ReadingJson(const read::Reading& reading);

// The text with each mention marked ⟦…⟧ and numbered, then a note per mention and per entity:
// what the record says on the date, the orders of the window with their sources, the quoted
// words and their speakers. color: ANSI bold for the marked words.
std::string ReadingText(const read::Reading& reading, std::string_view text, bool color);

}  // namespace ordo::present

#endif  // ORDO_PRESENT_READ_H_
