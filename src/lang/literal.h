// Literal values of the order language: how a bare word reads as a number, date or boolean.
#ifndef ORDO_LANG_LITERAL_H_
#define ORDO_LANG_LITERAL_H_

#include <cstdint>
#include <string_view>

#include "ordo/order.h"
#include "ordo/status.h"

namespace ordo::lang {

enum class LiteralShape : uint8_t {
  kInteger,  // -?[0-9]+                      5580, -3, 1991 (a bare year is an integer)
  kNumber,   // -?[0-9]+.[0-9]+               12.5
  kDate,     // date-shaped (EDTF level 1): 2024-03-01, 2014-12, 2014-12~, 1992?, 2001-21, 199X,
             // 2004-XX, 1985-04-XX, -0044-03, -1985?, Y170002: up to three groups of digits
             // joined by '-', with 'X' for digits in a four-wide year or two-wide month or day
             // group, an optional leading '-' and closing ?~%; or 'Y', an optional '-' and more
             // than four digits. A bare year, negative or not, is an integer (-1985).
  kBoolean,  // true, false
  kOther,    // anything else: an id or a bare word
};

LiteralShape ShapeOf(std::string_view word);

// The value of a word whose shape is not kOther. Fails with a message naming the word for an
// integer out of range, a number out of range or a malformed date (ParseFuzzyDate's message).
// The status carries no region.
Result<Value> LiteralValue(std::string_view word);

// The value of a qualifier written as a bare word: the word itself as a string when it is an id
// or another plain word, else its literal value. Date-shaped words that are not dates fail with
// "invalid date …". The status carries no region.
Result<Value> QualifierWordValue(std::string_view word);

// True when word is an id: a letter or digit followed by letters, digits, '-', '_' or '.'.
bool IsId(std::string_view word);

}  // namespace ordo::lang

#endif  // ORDO_LANG_LITERAL_H_
