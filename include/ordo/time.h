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
  // The years a date may be written in: every day of them, and of the winter (EDTF season 24)
  // that begins in the last of them, lies strictly between the sentinels, so that the day after
  // any latest day (LatestDay() + 1) is a day too.
  static constexpr int kMinYear = -5877640;
  static constexpr int kMaxYear = 5881579;
  static constexpr Date Min() { return Date{kMinDays}; }
  static constexpr Date Max() { return Date{kMaxDays}; }
  bool is_min() const { return days == kMinDays; }
  bool is_max() const { return days == kMaxDays; }

  // REQUIRES: 1 <= month <= 12, 1 <= day <= days in that month, kMinYear <= year <= kMaxYear + 1.
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

// How much of a date is known: the form it was written in (EDTF level 1, docs/language.md,
// "Dates: EDTF level 1"). Stored on disk through FuzzyDate::PackFlags; do not renumber.
enum class Precision : uint8_t {
  kDay = 0,            // 1985-04-12
  kMonth = 1,          // 1985-04
  kYear = 2,           // 1985, -0044, Y170002
  kSeason = 3,         // 2001-21 (spring) .. 2001-24 (winter); the season follows from the month of `date`
  kYearInDecade = 4,   // 198X: some year of 1980-1989
  kYearInCentury = 5,  // 19XX: some year of 1900-1999
  kMonthInYear = 6,    // 2004-XX: some month of 2004
  kDayInMonth = 7,     // 1985-04-XX: some day of April 1985
  kDayInYear = 8,      // 1985-XX-XX: some day of 1985
};

// A valid-time date as written by a person, in any form of EDTF level 1 (the 2019 Library of
// Congress specification) that names one date:
//   1985-04-12, 1985-04, 1985          day, month, year (0000 is 1 BCE; -0044 is 45 BCE)
//   -1985, -0044-03-15                 negative years
//   Y170002, Y-170002                  years of more than four digits, within Date's years
//   2001-21 .. 2001-24                 spring, summer, autumn, winter of 2001
//   201X, 20XX, 2004-XX, 1985-04-XX, 1985-XX-XX   unspecified digits, from the right
// each optionally followed by "?" (uncertain), "~" (approximate) or "%" (both).
// The rule for queries (docs/language.md, "Imprecise dates"): a date of reduced precision
// stands for the first day of its period ("2014-12" -> 2014-12-01, "1991" -> 1991-01-01,
// "199X" -> 1990-01-01, "2001-21" -> 2001-03-01), both as the start and as the (exclusive)
// end of an interval; `date` is that day, EarliestDay() again. LatestDay() is the last day of
// the period. The marks "?" and "~" do not move either day; they are kept and shown back with
// every fact they bound.
struct FuzzyDate {
  Date date;  // first day of the period
  Precision precision = Precision::kDay;
  bool uncertain = false;    // "?"
  bool approximate = false;  // "~"

  static FuzzyDate Exact(Date d) { return FuzzyDate{d, Precision::kDay, false, false}; }
  bool exact() const { return precision == Precision::kDay && !uncertain && !approximate; }
  // Packs precision and marks into the 6 bits of kFlagsMask (for storage; bits 6 and 7 are the
  // caller's); Unpack reverses it and ignores bits 6 and 7. Every form that existed before EDTF
  // level 1 (day, month, year, marks) packs into bits 0-3 exactly as it always has.
  static constexpr uint8_t kFlagsMask = 0x3f;
  uint8_t PackFlags() const;
  static FuzzyDate Unpack(Date d, uint8_t flags);
  friend bool operator==(const FuzzyDate&, const FuzzyDate&) = default;
};

// Parses one EDTF level 1 date. Errors are precise and name the offending part, e.g.
//   "2024-02-30: day 30 is out of range for February 2024"
//   "2024-13-01: month 13 is out of range (1-12)"
//   "24-03-01: expected a four-digit year"
//   "Y170000002: year 170000002 is out of the supported range (-5877640 to 5881579)"
// Forms of EDTF level 2 and times of day are refused, most with a message saying so.
// The status carries no region; callers add the location.
Result<FuzzyDate> ParseFuzzyDate(std::string_view text);
// Shows a date back as written: "2014-12~", "1992?", "2024-03-01", "199X", "2001-21",
// "Y-170002". FormatFuzzyDate(*ParseFuzzyDate(t)) == t for every text t the parser accepts.
// The sentinels show as "-inf" and "open".
std::string FormatFuzzyDate(const FuzzyDate& d);

// The first and the last day a date stands for (PeriodO's earliest and latest), inclusive;
// the marks do not widen them:
//   day 1985-04-12            1985-04-12 .. 1985-04-12
//   month 1985-04, 1985-04-XX 1985-04-01 .. 1985-04-30
//   year 1985, 1985-XX, 1985-XX-XX   1985-01-01 .. 1985-12-31
//   198X / 19XX               1980-01-01 .. 1989-12-31 / 1900-01-01 .. 1999-12-31
//   -019X / -01XX             -0199-01-01 .. -0190-12-31 / -0199-01-01 .. -0100-12-31
//                             (the digits are the magnitude's; -000X is -0009 .. -0001)
//   seasons, meteorological, northern hemisphere: 21 spring 03-01 .. 05-31, 22 summer
//   06-01 .. 08-31, 23 autumn 09-01 .. 11-30, 24 winter 12-01 .. the end of February of
//   the next year (2001-24 is 2001-12-01 .. 2002-02-28).
// EarliestDay(d) == d.date for every parsed date. The sentinels are their own bounds.
Date EarliestDay(const FuzzyDate& d);
Date LatestDay(const FuzzyDate& d);

// One end of an EDTF interval: a date; open, written "..", when the interval runs on without
// bound that way; or unknown, written as nothing, when the end exists but is not known.
struct EdtfEnd {
  enum class Kind : uint8_t { kDate, kOpen, kUnknown };
  Kind kind = Kind::kUnknown;
  FuzzyDate date;  // meaningful only when kind == kDate; default otherwise

  static EdtfEnd Of(const FuzzyDate& d) { return EdtfEnd{Kind::kDate, d}; }
  static EdtfEnd Open() { return EdtfEnd{Kind::kOpen, FuzzyDate{}}; }
  static EdtfEnd Unknown() { return EdtfEnd{Kind::kUnknown, FuzzyDate{}}; }
  bool is_date() const { return kind == Kind::kDate; }
  friend bool operator==(const EdtfEnd&, const EdtfEnd&) = default;
};

// An EDTF level 0/1 interval START/END: "1964/2008", "1984~/2004-06", "1985-04-12/..",
// "../1985", "1985/" (end unknown), "/1985" (start unknown). At least one end is a date, and
// the end cannot lie wholly before the start. Unlike Interval, both ends are inclusive:
// "1964/2008" runs through 2008-12-31.
struct EdtfInterval {
  EdtfEnd start;
  EdtfEnd end;
  friend bool operator==(const EdtfInterval&, const EdtfInterval&) = default;
};

// Parses "START/END", each end a date as ParseFuzzyDate reads it, ".." or nothing. Errors name
// the end at fault: "1985/2024-13: end 2024-13: month 13 is out of range (1-12)".
Result<EdtfInterval> ParseEdtfInterval(std::string_view text);
// Shows an interval back as written; FormatEdtfInterval(*ParseEdtfInterval(t)) == t.
std::string FormatEdtfInterval(const EdtfInterval& i);

// The four days that bound an interval (PeriodO's timespan: earliest and latest start,
// earliest and latest end), inclusive:
//   a date end            EarliestDay .. LatestDay of the date
//   an open start ".."    Date::Min() .. Date::Min()     an open end ".."    Date::Max() .. Date::Max()
//   an unknown start      Date::Min() .. LatestEnd       an unknown end      EarliestStart .. Date::Max()
// then narrowed so that the interval cannot end before it starts: LatestStart is at most
// LatestEnd, and EarliestEnd at least EarliestStart ("2004-06-15/2004-06" ends 2004-06-15 at
// the earliest).
Date EarliestStart(const EdtfInterval& i);
Date LatestStart(const EdtfInterval& i);
Date EarliestEnd(const EdtfInterval& i);
Date LatestEnd(const EdtfInterval& i);

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
