#include "ordo/time.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <chrono>

namespace ordo {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

// FuzzyDate::PackFlags layout; stored on disk, do not change.
//   bits 0-1 and 4-5: the precision, by the table kPackedPrecisions
//   bit 2: "?"; bit 3: "~"; bits 6-7: the caller's (the engine's correction bit)
// Bits 4-5 were always 0 before EDTF level 1, so the forms that existed then keep their bits:
// bits 0-1 alone are kDay 0, kMonth 1, kYear 2 as before. The new forms set bits 4-5 to how
// many parts are unspecified (1 or 2), with bits 0-1 the precision they are written at, and a
// season is 1 with bits 0-1 at 3.
constexpr uint8_t kPrecisionMask = 0x33;  // bits 0-1 and 4-5
constexpr uint8_t kBaseMask = 0x03;       // bits 0-1
constexpr uint8_t kUncertainBit = 0x4;    // bit 2: "?"
constexpr uint8_t kApproximateBit = 0x8;  // bit 3: "~"

struct PackedPrecision {
  Precision precision;
  uint8_t bits;
};
constexpr std::array<PackedPrecision, 9> kPackedPrecisions = {{
    {Precision::kDay, 0x00},
    {Precision::kMonth, 0x01},
    {Precision::kYear, 0x02},
    {Precision::kDayInMonth, 0x10},     // 1985-04-XX: one part (the day) unspecified, day precision
    {Precision::kMonthInYear, 0x11},    // 2004-XX: one part (the month), month precision
    {Precision::kYearInDecade, 0x12},   // 198X: one digit, year precision
    {Precision::kSeason, 0x13},         // 2001-21
    {Precision::kDayInYear, 0x20},      // 1985-XX-XX: two parts, day precision
    {Precision::kYearInCentury, 0x22},  // 19XX: two digits, year precision
}};

constexpr std::array<const char*, 12> kMonthNames = {"January",   "February", "March",    "April",
                                                     "May",       "June",     "July",     "August",
                                                     "September", "October",  "November", "December"};

bool IsLeapYear(int64_t year) { return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0); }

// Howard Hinnant's days_from_civil (http://howardhinnant.github.io/date_algorithms.html).
// 64-bit throughout so that no input can overflow.
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2 ? 1 : 0;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;                                    // [0, 399]
  const int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}

// The inverse, civil_from_days.
void CivilFromDays(int64_t z, int64_t* year, int* month, int* day) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

// "2024-03-01"; years outside 0..9999 keep their sign and all their digits.
std::string FormatCivil(int64_t year, int month, int day) {
  if (year < 0) return fmt::format("-{:04}-{:02}-{:02}", -year, month, day);
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

// "1985", "-0044", "0000".
std::string FormatYear(int64_t year) {
  if (year < 0) return fmt::format("-{:04}", -year);
  return fmt::format("{:04}", year);
}

// --- Showing input back in messages -------------------------------------------------------
// Parsers are fed arbitrary bytes (fuzzing, HTTP), so messages never carry raw control bytes
// or broken UTF-8, and never grow with the input.

constexpr size_t kMaxShownBytes = 40;

// Length of the well-formed UTF-8 sequence starting at s[pos], or 0 if there is none.
size_t Utf8Length(std::string_view s, size_t pos) {
  const auto b0 = static_cast<unsigned char>(s[pos]);
  size_t len = 0;
  uint32_t min = 0;
  uint32_t cp = 0;
  if (b0 < 0x80) return 1;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    len = 2, min = 0x80, cp = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    len = 3, min = 0x800, cp = b0 & 0x0F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    len = 4, min = 0x10000, cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (s.size() - pos < len) return 0;
  for (size_t i = 1; i < len; ++i) {
    const auto b = static_cast<unsigned char>(s[pos + i]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

// Appends the character at s[pos] in printable form and returns how many bytes it took.
size_t AppendShownChar(std::string_view s, size_t pos, std::string* out) {
  const auto b = static_cast<unsigned char>(s[pos]);
  const size_t len = Utf8Length(s, pos);
  if (len == 1 && b >= 0x20 && b != 0x7F) {
    out->push_back(static_cast<char>(b));
  } else if (len > 1) {
    out->append(s.substr(pos, len));
  } else {
    out->append(fmt::format("\\x{:02X}", b));
    return 1;
  }
  return len;
}

// The input as shown before the colon of a message; long inputs are cut with "...".
std::string ShownText(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size() && pos < kMaxShownBytes) pos += AppendShownChar(s, pos, &out);
  if (pos < s.size()) out += "...";
  return out;
}

// "'x'" for the character at s[pos].
std::string ShownChar(std::string_view s, size_t pos) {
  std::string out = "'";
  AppendShownChar(s, pos, &out);
  out += "'";
  return out;
}

Status Fail(std::string_view text, std::string_view problem) {
  return Status::Invalid(ShownText(text) + ": " + std::string(problem));
}

// --- Scanning -----------------------------------------------------------------------------

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

size_t DigitRun(std::string_view s, size_t pos) {
  size_t n = 0;
  while (pos + n < s.size() && IsDigit(s[pos + n])) ++n;
  return n;
}

// Reads exactly `width` digits at *pos, and no more. A longer or shorter run is an error,
// so "2024-123" is reported as a bad month rather than as junk after "2024-12".
bool ReadFixedDigits(std::string_view s, size_t* pos, size_t width, int* value) {
  if (DigitRun(s, *pos) != width) return false;
  int v = 0;
  for (size_t i = 0; i < width; ++i) v = v * 10 + (s[*pos + i] - '0');
  *pos += width;
  *value = v;
  return true;
}

bool IsMark(char c) { return c == '?' || c == '~' || c == '%'; }

struct DateParts {
  int year = 0;
  int month = 1;
  int day = 1;
  Precision precision = Precision::kYear;
  size_t end = 0;  // first byte after the date
};

// Reads "YYYY", "YYYY-MM" or "YYYY-MM-DD" from the start of `text` and validates it.
// With full_only, month and day are required. Whatever follows is left to the caller.
Status ReadDate(std::string_view text, bool full_only, DateParts* out) {
  size_t pos = 0;
  if (!ReadFixedDigits(text, &pos, 4, &out->year)) return Fail(text, "expected a four-digit year");
  out->precision = Precision::kYear;
  out->end = pos;
  if (pos == text.size() || text[pos] != '-') {
    return full_only ? Fail(text, "expected a full date (YYYY-MM-DD)") : Status::Ok();
  }
  ++pos;
  if (!ReadFixedDigits(text, &pos, 2, &out->month)) return Fail(text, "expected a two-digit month");
  if (out->month < 1 || out->month > 12) {
    return Fail(text, fmt::format("month {} is out of range (1-12)", out->month));
  }
  out->precision = Precision::kMonth;
  out->end = pos;
  if (pos == text.size() || text[pos] != '-') {
    return full_only ? Fail(text, "expected a full date (YYYY-MM-DD)") : Status::Ok();
  }
  ++pos;
  if (!ReadFixedDigits(text, &pos, 2, &out->day)) return Fail(text, "expected a two-digit day");
  if (out->day < 1 || out->day > DaysInMonth(out->year, out->month)) {
    return Fail(text,
                fmt::format("day {} is out of range for {} {:04}", out->day, kMonthNames[out->month - 1], out->year));
  }
  out->precision = Precision::kDay;
  out->end = pos;
  return Status::Ok();
}

}  // namespace

// --- Date ---------------------------------------------------------------------------------

Date Date::FromCivil(int year, int month, int day) {
  return Date{static_cast<int32_t>(DaysFromCivil(year, month, day))};
}

void Date::ToCivil(int* year, int* month, int* day) const {
  int64_t y = 0;
  CivilFromDays(days, &y, month, day);
  *year = static_cast<int>(y);  // |y| < 6e6 for any int32 day count
}

Date Date::Today() {
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date{static_cast<int32_t>(today.time_since_epoch().count())};
}

std::string FormatDate(Date d) {
  if (d.is_min()) return "-inf";
  if (d.is_max()) return "open";
  int64_t year = 0;
  int month = 0;
  int day = 0;
  CivilFromDays(d.days, &year, &month, &day);
  return FormatCivil(year, month, day);
}

int DaysInMonth(int year, int month) {
  static constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;  // no such month has no days; callers then reject any day
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// --- FuzzyDate ----------------------------------------------------------------------------

namespace {

bool IsDigitOrX(char c) { return IsDigit(c) || c == 'X'; }

size_t DigitOrXRun(std::string_view s, size_t pos) {
  size_t n = 0;
  while (pos + n < s.size() && IsDigitOrX(s[pos + n])) ++n;
  return n;
}

// The first month of each EDTF level 1 season, 21 (spring) to 24 (winter): meteorological
// seasons of the northern hemisphere, winter running from December into the next year.
constexpr std::array<int, 4> kSeasonFirstMonth = {3, 6, 9, 12};

// The season (21-24) a month lies in; *year becomes the year the season is written with
// (January and February belong to the winter of the year before).
int SeasonOf(int64_t* year, int month) {
  if (month <= 2) {
    *year -= 1;
    return 24;
  }
  return 21 + (month - 3) / 3;
}

// 198X (span 10) and 19XX (span 100): the digits written before the X's, from any year of
// the set. A negative set counts the magnitude: -019X is -0199 .. -0190.
int64_t UnspecifiedPrefix(int64_t year, int64_t span) { return year >= 0 ? year / span : -year / span; }

void UnspecifiedYears(int64_t year, int64_t span, int64_t* first, int64_t* last) {
  const int64_t low = UnspecifiedPrefix(year, span) * span;
  if (year >= 0) {
    *first = low;
    *last = low + span - 1;
  } else {
    *first = -(low + span - 1);
    *last = -std::max<int64_t>(low, 1);  // -000X is -0009 .. -0001: there is no year -0
  }
}

// A civil day kept strictly between the sentinels, so that no value of a FuzzyDate's fields
// (a damaged flag byte, a date made by hand) overflows or turns into a sentinel.
Date ClampedDay(int64_t year, int month, int day) {
  const int64_t days = DaysFromCivil(year, month, day);
  return Date{
      static_cast<int32_t>(std::clamp<int64_t>(days, int64_t{Date::kMinDays} + 1, int64_t{Date::kMaxDays} - 1))};
}

Date LastOfMonth(int64_t year, int month) {
  return ClampedDay(year, month, DaysInMonth(static_cast<int>(year), month));
}

// The first and last day of the period a date stands for (time.h, LatestDay).
void Bounds(const FuzzyDate& d, Date* first, Date* last) {
  *first = d.date;
  *last = d.date;
  if (d.date.is_min() || d.date.is_max()) return;
  int64_t y = 0;
  int m = 0;
  int day = 0;
  CivilFromDays(d.date.days, &y, &m, &day);
  switch (d.precision) {
    case Precision::kDay: return;
    case Precision::kMonth:
    case Precision::kDayInMonth:
      *first = ClampedDay(y, m, 1);
      *last = LastOfMonth(y, m);
      return;
    case Precision::kYear:
    case Precision::kMonthInYear:
    case Precision::kDayInYear:
      *first = ClampedDay(y, 1, 1);
      *last = ClampedDay(y, 12, 31);
      return;
    case Precision::kSeason: {
      const int season = SeasonOf(&y, m);
      const int first_month = kSeasonFirstMonth[season - 21];
      *first = ClampedDay(y, first_month, 1);
      *last = season == 24 ? LastOfMonth(y + 1, 2) : LastOfMonth(y, first_month + 2);
      return;
    }
    case Precision::kYearInDecade:
    case Precision::kYearInCentury: {
      int64_t first_year = 0;
      int64_t last_year = 0;
      UnspecifiedYears(y, d.precision == Precision::kYearInDecade ? 10 : 100, &first_year, &last_year);
      *first = ClampedDay(first_year, 1, 1);
      *last = ClampedDay(last_year, 12, 31);
      return;
    }
  }
  // A precision no form has (a value made by hand) stands for its day.
}

// Reads "?", "~" or "%" at *pos, if there, and checks that nothing follows.
// Returns the problem, or "" when the date is complete.
std::string ReadMarks(std::string_view text, size_t* pos, FuzzyDate* out) {
  if (*pos < text.size() && IsMark(text[*pos])) {
    out->uncertain = text[*pos] == '?' || text[*pos] == '%';
    out->approximate = text[*pos] == '~' || text[*pos] == '%';
    ++*pos;
    if (*pos < text.size() && IsMark(text[*pos])) {
      return "at most one of '?', '~' or '%' may follow the date ('%' is both '?' and '~')";
    }
  }
  if (*pos == text.size()) return "";
  const char c = text[*pos];
  if (c == '-' && IsMark(text[*pos - 1])) {
    return "a mark ('?', '~' or '%') may only end a date (marking a part of a date is EDTF level 2)";
  }
  std::string problem = "unexpected " + ShownChar(text, *pos) + " after the date";
  if (c == 'S') problem += " (significant digits are EDTF level 2)";
  return problem;
}

// "Y170002", "Y-170002": a year of more than four digits, alone.
std::string ReadLongYear(std::string_view text, FuzzyDate* out) {
  size_t pos = 1;
  const bool negative = pos < text.size() && text[pos] == '-';
  if (negative) ++pos;
  const size_t n = DigitRun(text, pos);
  if (n == 0) return "expected the digits of a year after 'Y'";
  if (pos + n < text.size() && text[pos + n] == 'E') {
    return "unexpected 'E' after the year (exponential years are EDTF level 2)";
  }
  if (text[pos] == '0') return "a year after 'Y' is written without leading zeros";
  int64_t magnitude = 0;
  for (size_t i = 0; i < n && i < 12; ++i) magnitude = magnitude * 10 + (text[pos + i] - '0');
  const int64_t year = negative ? -magnitude : magnitude;
  if (n <= 4) return "'Y' is only for years of more than four digits; write " + FormatYear(year);
  if (n >= 12 || year < Date::kMinYear || year > Date::kMaxYear) {
    constexpr size_t kMaxShownDigits = 20;
    std::string shown(text.substr(pos, std::min(n, kMaxShownDigits)));
    if (n > kMaxShownDigits) shown += "...";
    return fmt::format("year {}{} is out of the supported range ({} to {})", negative ? "-" : "", shown, Date::kMinYear,
                       Date::kMaxYear);
  }
  pos += n;
  out->date = Date::FromCivil(static_cast<int>(year), 1, 1);
  out->precision = Precision::kYear;
  if (pos < text.size() && text[pos] == '-') return "a year written with 'Y' stands alone (it takes no month or day)";
  return ReadMarks(text, &pos, out);
}

// Reads one EDTF level 1 date, the whole of `text`, into *out.
// Returns the problem (shown after "TEXT: "), or "" when the text is a date.
// REQUIRES: !text.empty().
std::string ReadEdtfDate(std::string_view text, FuzzyDate* out) {
  *out = FuzzyDate{};
  if (text[0] == 'Y') return ReadLongYear(text, out);
  if (text.size() > 1 && IsMark(text[0]) && IsDigit(text[1])) {
    return "a mark ('?', '~' or '%') goes after the date (a mark before it is EDTF level 2)";
  }
  size_t pos = 0;
  const bool negative = text[0] == '-';
  if (negative) ++pos;

  // The year: four digits, the last one or two of which may be X.
  if (DigitOrXRun(text, pos) != 4) return "expected a four-digit year";
  const std::string_view digits = text.substr(pos, 4);
  size_t x = 0;
  while (x < 4 && digits[3 - x] == 'X') ++x;
  if (x > 2 || digits.find('X') < 4 - x) {
    return "only the last one or two digits of a year may be 'X' (other unspecified digits are EDTF level 2)";
  }
  int64_t magnitude = 0;
  for (char c : digits) magnitude = magnitude * 10 + (c == 'X' ? 0 : c - '0');
  pos += 4;
  if (negative && magnitude == 0 && x == 0) return "year 0 is written without a sign (0000)";
  if (x > 0) {
    if (pos < text.size() && text[pos] == '-') {
      return "a year with 'X' in it takes no month or day (that is EDTF level 2)";
    }
    const int64_t span = x == 1 ? 10 : 100;
    out->date = Date::FromCivil(static_cast<int>(negative ? -(magnitude + span - 1) : magnitude), 1, 1);
    out->precision = x == 1 ? Precision::kYearInDecade : Precision::kYearInCentury;
    return ReadMarks(text, &pos, out);
  }
  const int year = static_cast<int>(negative ? -magnitude : magnitude);
  out->date = Date::FromCivil(year, 1, 1);
  out->precision = Precision::kYear;
  if (pos == text.size() || text[pos] != '-') return ReadMarks(text, &pos, out);
  ++pos;

  // The month: two digits, XX, or a season 21-24.
  if (DigitOrXRun(text, pos) != 2) return "expected a two-digit month";
  const std::string_view mm = text.substr(pos, 2);
  pos += 2;
  if (mm == "XX") {
    out->precision = Precision::kMonthInYear;
    if (pos == text.size() || text[pos] != '-') return ReadMarks(text, &pos, out);
    ++pos;
    if (DigitOrXRun(text, pos) != 2) return "expected a two-digit day";
    if (text.substr(pos, 2) != "XX") {
      return "the day of an unspecified month (XX) must be XX too (a known day of an unknown month is EDTF level 2)";
    }
    pos += 2;
    out->precision = Precision::kDayInYear;
    return ReadMarks(text, &pos, out);
  }
  if (mm.find('X') != std::string_view::npos) {
    return "a month is two digits or XX (a partly unspecified month is EDTF level 2)";
  }
  const int month = (mm[0] - '0') * 10 + (mm[1] - '0');
  if (month >= 21 && month <= 24) {
    out->date = Date::FromCivil(year, kSeasonFirstMonth[month - 21], 1);
    out->precision = Precision::kSeason;
    if (pos < text.size() && text[pos] == '-') return fmt::format("a season ({}) takes no day", month);
    return ReadMarks(text, &pos, out);
  }
  if (month >= 25 && month <= 41) {
    return fmt::format("season {} is EDTF level 2 (ordo takes the seasons 21-24: spring, summer, autumn, winter)",
                       month);
  }
  if (month < 1 || month > 12) return fmt::format("month {} is out of range (1-12)", month);
  out->date = Date::FromCivil(year, month, 1);
  out->precision = Precision::kMonth;
  if (pos == text.size() || text[pos] != '-') return ReadMarks(text, &pos, out);
  ++pos;

  // The day: two digits or XX.
  if (DigitOrXRun(text, pos) != 2) return "expected a two-digit day";
  const std::string_view dd = text.substr(pos, 2);
  pos += 2;
  if (dd == "XX") {
    out->precision = Precision::kDayInMonth;
    return ReadMarks(text, &pos, out);
  }
  if (dd.find('X') != std::string_view::npos) {
    return "a day is two digits or XX (a partly unspecified day is EDTF level 2)";
  }
  const int day = (dd[0] - '0') * 10 + (dd[1] - '0');
  if (day < 1 || day > DaysInMonth(year, month)) {
    return fmt::format("day {} is out of range for {} {}", day, kMonthNames[month - 1], FormatYear(year));
  }
  out->date = Date::FromCivil(year, month, day);
  out->precision = Precision::kDay;
  return ReadMarks(text, &pos, out);
}

}  // namespace

uint8_t FuzzyDate::PackFlags() const {
  uint8_t flags = 0;  // a precision no form has packs as kDay
  for (const PackedPrecision& p : kPackedPrecisions) {
    if (p.precision == precision) flags = p.bits;
  }
  if (uncertain) flags |= kUncertainBit;
  if (approximate) flags |= kApproximateBit;
  return flags;
}

FuzzyDate FuzzyDate::Unpack(Date d, uint8_t flags) {
  FuzzyDate f;
  f.date = d;
  const uint8_t bits = flags & kPrecisionMask;
  bool known = false;
  for (const PackedPrecision& p : kPackedPrecisions) {
    if (p.bits == bits) {
      f.precision = p.precision;
      known = true;
    }
  }
  if (!known) {
    // A damaged byte: bits 4-5 are ignored, and 3 in bits 0-1 falls back to showing the whole date.
    const uint8_t base = flags & kBaseMask;
    f.precision = base == 3 ? Precision::kDay : static_cast<Precision>(base);
  }
  f.uncertain = (flags & kUncertainBit) != 0;
  f.approximate = (flags & kApproximateBit) != 0;
  return f;
}

Result<FuzzyDate> ParseFuzzyDate(std::string_view text) {
  if (text.empty()) return Status::Invalid("empty date");
  FuzzyDate out;
  if (std::string problem = ReadEdtfDate(text, &out); !problem.empty()) return Fail(text, problem);
  return out;
}

std::string FormatFuzzyDate(const FuzzyDate& d) {
  std::string out;
  if (d.date.is_min() || d.date.is_max()) {
    out = FormatDate(d.date);
  } else {
    int64_t y = 0;
    int m = 0;
    int day = 0;
    CivilFromDays(d.date.days, &y, &m, &day);
    switch (d.precision) {
      case Precision::kDay: out = FormatCivil(y, m, day); break;
      case Precision::kMonth: out = FormatYear(y) + fmt::format("-{:02}", m); break;
      case Precision::kYear: out = y > 9999 || y < -9999 ? fmt::format("Y{}", y) : FormatYear(y); break;
      case Precision::kSeason: {
        const int season = SeasonOf(&y, m);
        out = FormatYear(y) + fmt::format("-{}", season);
        break;
      }
      case Precision::kYearInDecade: out = fmt::format("{}{:03}X", y < 0 ? "-" : "", UnspecifiedPrefix(y, 10)); break;
      case Precision::kYearInCentury:
        out = fmt::format("{}{:02}XX", y < 0 ? "-" : "", UnspecifiedPrefix(y, 100));
        break;
      case Precision::kMonthInYear: out = FormatYear(y) + "-XX"; break;
      case Precision::kDayInMonth: out = FormatYear(y) + fmt::format("-{:02}-XX", m); break;
      case Precision::kDayInYear: out = FormatYear(y) + "-XX-XX"; break;
      default: out = FormatCivil(y, m, day); break;
    }
  }
  if (d.uncertain && d.approximate) {
    out += '%';
  } else if (d.uncertain) {
    out += '?';
  } else if (d.approximate) {
    out += '~';
  }
  return out;
}

Date EarliestDay(const FuzzyDate& d) {
  Date first;
  Date last;
  Bounds(d, &first, &last);
  return first;
}

Date LatestDay(const FuzzyDate& d) {
  Date first;
  Date last;
  Bounds(d, &first, &last);
  return last;
}

// --- EdtfInterval -------------------------------------------------------------------------

namespace {

// One end: nothing (unknown), ".." (open) or a date. Returns the problem, or "".
std::string ReadEnd(std::string_view side, EdtfEnd* out) {
  if (side.empty()) {
    *out = EdtfEnd::Unknown();
    return "";
  }
  if (side == "..") {
    *out = EdtfEnd::Open();
    return "";
  }
  FuzzyDate d;
  if (std::string problem = ReadEdtfDate(side, &d); !problem.empty()) return problem;
  *out = EdtfEnd::Of(d);
  return "";
}

std::string FormatEnd(const EdtfEnd& e) {
  switch (e.kind) {
    case EdtfEnd::Kind::kDate: return FormatFuzzyDate(e.date);
    case EdtfEnd::Kind::kOpen: return "..";
    case EdtfEnd::Kind::kUnknown: break;
  }
  return "";
}

// The bounds of each end as written, before EarliestEnd and LatestStart narrow them.
Date WrittenEarliestStart(const EdtfInterval& i) {
  return i.start.is_date() ? EarliestDay(i.start.date) : Date::Min();  // open or unknown
}

Date WrittenLatestEnd(const EdtfInterval& i) {
  return i.end.is_date() ? LatestDay(i.end.date) : Date::Max();  // open or unknown
}

}  // namespace

Result<EdtfInterval> ParseEdtfInterval(std::string_view text) {
  if (text.empty()) return Status::Invalid("empty interval");
  const size_t slash = text.find('/');
  if (slash == std::string_view::npos) return Fail(text, "expected '/' between the start and the end of an interval");
  if (text.find('/', slash + 1) != std::string_view::npos) {
    return Fail(text, "an interval has one '/', between its start and its end");
  }
  const std::string_view start = text.substr(0, slash);
  const std::string_view end = text.substr(slash + 1);
  EdtfInterval out;
  if (std::string problem = ReadEnd(start, &out.start); !problem.empty()) {
    return Fail(text, "start " + ShownText(start) + ": " + problem);
  }
  if (std::string problem = ReadEnd(end, &out.end); !problem.empty()) {
    return Fail(text, "end " + ShownText(end) + ": " + problem);
  }
  if (!out.start.is_date() && !out.end.is_date()) return Fail(text, "an interval needs a date at one end at least");
  if (out.start.is_date() && out.end.is_date() && LatestDay(out.end.date) < EarliestDay(out.start.date)) {
    return Fail(text, fmt::format("the end {} is before the start {}", FormatFuzzyDate(out.end.date),
                                  FormatFuzzyDate(out.start.date)));
  }
  return out;
}

std::string FormatEdtfInterval(const EdtfInterval& i) { return FormatEnd(i.start) + "/" + FormatEnd(i.end); }

Date EarliestStart(const EdtfInterval& i) { return WrittenEarliestStart(i); }

Date LatestStart(const EdtfInterval& i) {
  Date written = Date::Min();  // open
  if (i.start.is_date()) {
    written = LatestDay(i.start.date);
  } else if (i.start.kind == EdtfEnd::Kind::kUnknown) {
    written = WrittenLatestEnd(i);
  }
  return std::min(written, LatestEnd(i));
}

Date EarliestEnd(const EdtfInterval& i) {
  Date written = Date::Max();  // open
  if (i.end.is_date()) {
    written = EarliestDay(i.end.date);
  } else if (i.end.kind == EdtfEnd::Kind::kUnknown) {
    written = WrittenEarliestStart(i);
  }
  return std::max(written, EarliestStart(i));
}

Date LatestEnd(const EdtfInterval& i) { return WrittenLatestEnd(i); }

// --- Instant ------------------------------------------------------------------------------

Instant Instant::Now() {
  const auto now = std::chrono::floor<std::chrono::microseconds>(std::chrono::system_clock::now());
  return Instant{static_cast<int64_t>(now.time_since_epoch().count())};
}

Result<Instant> ParseInstant(std::string_view text) {
  if (text.empty()) return Status::Invalid("empty instant");
  DateParts parts;
  if (Status s = ReadDate(text, /*full_only=*/true, &parts); !s.ok()) return s;
  const int64_t days = DaysFromCivil(parts.year, parts.month, parts.day);
  size_t pos = parts.end;
  if (pos == text.size()) return Instant{days * kMicrosPerDay};

  if (text[pos] != 'T') {
    std::string problem = "unexpected " + ShownChar(text, pos) + " after the date";
    if (text[pos] == ' ' || text[pos] == 't') problem += "; separate the date and the time with 'T'";
    return Fail(text, problem);
  }
  ++pos;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int64_t fraction = 0;
  if (!ReadFixedDigits(text, &pos, 2, &hour)) return Fail(text, "expected a two-digit hour");
  if (hour > 23) return Fail(text, fmt::format("hour {} is out of range (0-23)", hour));
  if (pos == text.size() || text[pos] != ':') return Fail(text, "expected ':' and minutes after the hour");
  ++pos;
  if (!ReadFixedDigits(text, &pos, 2, &minute)) return Fail(text, "expected a two-digit minute");
  if (minute > 59) return Fail(text, fmt::format("minute {} is out of range (0-59)", minute));
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadFixedDigits(text, &pos, 2, &second)) return Fail(text, "expected a two-digit second");
    if (second > 59) return Fail(text, fmt::format("second {} is out of range (0-59)", second));
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      const size_t n = DigitRun(text, pos);
      if (n == 0) return Fail(text, "expected 1 to 6 digits after '.'");
      if (n > 6) return Fail(text, fmt::format("at most 6 fraction digits (microseconds), saw {}", n));
      for (size_t i = 0; i < 6; ++i) fraction = fraction * 10 + (i < n ? text[pos + i] - '0' : 0);
      pos += n;
    }
  }
  if (pos == text.size()) return Fail(text, "expected 'Z' after the time (times are in UTC)");
  if (text[pos] != 'Z') {
    std::string problem = "unexpected " + ShownChar(text, pos) + " after the time";
    problem += text[pos] == '+' || text[pos] == '-' ? "; only UTC ('Z') is accepted" : "; expected 'Z'";
    return Fail(text, problem);
  }
  ++pos;
  if (pos < text.size()) return Fail(text, "unexpected " + ShownChar(text, pos) + " after 'Z'");
  return Instant{days * kMicrosPerDay + ((hour * 60 + minute) * 60 + second) * kMicrosPerSecond + fraction};
}

std::string FormatInstant(Instant t) {
  if (t == Instant::Max()) return "open";
  // Floor division: instants before 1970 belong to the previous day.
  int64_t days = t.micros / kMicrosPerDay;
  int64_t rem = t.micros % kMicrosPerDay;
  if (rem < 0) {
    days -= 1;
    rem += kMicrosPerDay;
  }
  int64_t year = 0;
  int month = 0;
  int day = 0;
  CivilFromDays(days, &year, &month, &day);
  const int64_t secs = rem / kMicrosPerSecond;
  const int64_t micros = rem % kMicrosPerSecond;
  std::string out =
      FormatCivil(year, month, day) + fmt::format("T{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60, secs % 60);
  if (micros != 0) {
    std::string frac = fmt::format(".{:06}", micros);
    while (frac.back() == '0') frac.pop_back();
    out += frac;
  }
  out += 'Z';
  return out;
}

}  // namespace ordo
