// Valid time (calendar dates, possibly imprecise) and record time (UTC instants).
#ifndef ORDO_TIME_H_
#define ORDO_TIME_H_

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "ordo/status.h"

namespace ordo {

// A day in the proleptic Gregorian calendar, counted from 1970-01-01 (day 0).
// Two sentinels stand for the open ends of intervals.
struct Date {
  int32_t days = 0;

  static constexpr int32_t kMinDays = std::numeric_limits<int32_t>::min();  // -infinity
  static constexpr int32_t kMaxDays = std::numeric_limits<int32_t>::max();  // +infinity, "until further notice"
  static constexpr Date Min() { return Date{kMinDays}; }
  static constexpr Date Max() { return Date{kMaxDays}; }
  bool is_min() const { return days == kMinDays; }
  bool is_max() const { return days == kMaxDays; }

  // REQUIRES: 1 <= month <= 12, 1 <= day <= days in that month, |year| <= 9999.
  static Date FromCivil(int year, int month, int day);
  void ToCivil(int* year, int* month, int* day) const;
  // Today in UTC.
  static Date Today();

  friend bool operator==(Date a, Date b) { return a.days == b.days; }
  friend auto operator<=>(Date a, Date b) { return a.days <=> b.days; }
};

// "2024-03-01"; "-inf" and "open" for the sentinels.
std::string FormatDate(Date d);

// Number of days in a month of a proleptic Gregorian year.
int DaysInMonth(int year, int month);

// How much of a date is known.
enum class Precision : uint8_t { kDay = 0, kMonth = 1, kYear = 2 };  // stored on disk; do not renumber

// A valid-time date as written by a person, EDTF level 1 subset:
//   "2024-03-01", "2014-12", "1991", each optionally followed by "?" (uncertain),
//   "~" (approximate) or "%" (both).
// The rule for queries (docs/language.md, "Imprecise dates"): a date of reduced precision
// stands for the first day of its period ("2014-12" -> 2014-12-01, "1991" -> 1991-01-01),
// both as the start and as the (exclusive) end of an interval. The marks "?" and "~" do not
// move the date; they are kept and shown back with every fact they bound.
struct FuzzyDate {
  Date date;  // first day of the period
  Precision precision = Precision::kDay;
  bool uncertain = false;    // "?"
  bool approximate = false;  // "~"

  static FuzzyDate Exact(Date d) { return FuzzyDate{d, Precision::kDay, false, false}; }
  bool exact() const { return precision == Precision::kDay && !uncertain && !approximate; }
  // Packs precision and marks into 4 bits (for storage); Unpack reverses it.
  uint8_t PackFlags() const;
  static FuzzyDate Unpack(Date d, uint8_t flags);
  friend bool operator==(const FuzzyDate&, const FuzzyDate&) = default;
};

// Parses an EDTF date. Errors are precise and name the offending part, e.g.
//   "2024-02-30: day 30 is out of range for February 2024"
//   "2024-13-01: month 13 is out of range (1-12)"
//   "24-03-01: expected a four-digit year"
// The status carries no region; callers add the location.
Result<FuzzyDate> ParseFuzzyDate(std::string_view text);
// Shows a date back as written: "2014-12~", "1992?", "2024-03-01".
std::string FormatFuzzyDate(const FuzzyDate& d);

// A record-time instant: microseconds since 1970-01-01T00:00:00Z.
struct Instant {
  int64_t micros = 0;
  static constexpr Instant Max() { return Instant{std::numeric_limits<int64_t>::max()}; }
  static Instant Now();
  friend bool operator==(Instant a, Instant b) { return a.micros == b.micros; }
  friend auto operator<=>(Instant a, Instant b) { return a.micros <=> b.micros; }
};

// Accepts "2024-02-26" (midnight UTC), "2024-02-26T17:30:00Z", "2024-02-26T17:30:00.123456Z",
// and "2024-02-26T17:30Z".
Result<Instant> ParseInstant(std::string_view text);
// "2024-02-26T00:00:00Z" (fractional seconds shown only when non-zero).
std::string FormatInstant(Instant t);

// A half-open interval of valid time [from, to). to == Date::Max() means open-ended.
struct Interval {
  Date from = Date::Min();
  Date to = Date::Max();
  bool empty() const { return !(from < to); }
  bool contains(Date d) const { return from <= d && d < to; }
  bool overlaps(const Interval& o) const { return from < o.to && o.from < to; }
  friend bool operator==(const Interval&, const Interval&) = default;
};

}  // namespace ordo

#endif  // ORDO_TIME_H_
