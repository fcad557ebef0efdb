#include "ordo/time.h"

#include <fmt/format.h>

#include <array>
#include <chrono>

namespace ordo {

namespace {

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerDay = 86400 * kMicrosPerSecond;

// FuzzyDate::PackFlags layout; stored on disk, do not change.
constexpr uint8_t kPrecisionMask = 0x3;   // bits 0-1: Precision
constexpr uint8_t kUncertainBit = 0x4;    // bit 2: "?"
constexpr uint8_t kApproximateBit = 0x8;  // bit 3: "~"

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

uint8_t FuzzyDate::PackFlags() const {
  uint8_t flags = static_cast<uint8_t>(precision) & kPrecisionMask;
  if (uncertain) flags |= kUncertainBit;
  if (approximate) flags |= kApproximateBit;
  return flags;
}

FuzzyDate FuzzyDate::Unpack(Date d, uint8_t flags) {
  FuzzyDate f;
  f.date = d;
  const uint8_t p = flags & kPrecisionMask;
  // 3 is not a precision; a damaged byte falls back to showing the whole date.
  f.precision = p == 3 ? Precision::kDay : static_cast<Precision>(p);
  f.uncertain = (flags & kUncertainBit) != 0;
  f.approximate = (flags & kApproximateBit) != 0;
  return f;
}

Result<FuzzyDate> ParseFuzzyDate(std::string_view text) {
  if (text.empty()) return Status::Invalid("empty date");
  DateParts parts;
  if (Status s = ReadDate(text, /*full_only=*/false, &parts); !s.ok()) return s;
  FuzzyDate out;
  out.date = Date::FromCivil(parts.year, parts.month, parts.day);
  out.precision = parts.precision;
  size_t pos = parts.end;
  if (pos < text.size() && IsMark(text[pos])) {
    out.uncertain = text[pos] == '?' || text[pos] == '%';
    out.approximate = text[pos] == '~' || text[pos] == '%';
    ++pos;
    if (pos < text.size() && IsMark(text[pos])) {
      return Fail(text, "at most one of '?', '~' or '%' may follow the date ('%' is both '?' and '~')");
    }
  }
  if (pos < text.size()) return Fail(text, "unexpected " + ShownChar(text, pos) + " after the date");
  return out;
}

std::string FormatFuzzyDate(const FuzzyDate& d) {
  std::string out = FormatDate(d.date);
  if (!d.date.is_min() && !d.date.is_max()) {
    // Cut "YYYY-MM-DD" (possibly with a sign or a longer year) back to the precision written.
    const size_t cut = d.precision == Precision::kYear ? 6 : d.precision == Precision::kMonth ? 3 : 0;
    out.resize(out.size() - cut);
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
