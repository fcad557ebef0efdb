#include "ordo/time.h"

#include <gtest/gtest.h>

#include <chrono>
#include <limits>
#include <string>
#include <string_view>

namespace ordo {
namespace {

// --- Date ---------------------------------------------------------------------------------

TEST(DateTest, Epoch) {
  EXPECT_EQ(Date::FromCivil(1970, 1, 1).days, 0);
  EXPECT_EQ(Date::FromCivil(1970, 1, 2).days, 1);
  EXPECT_EQ(Date::FromCivil(1969, 12, 31).days, -1);
  EXPECT_EQ(Date::FromCivil(2000, 3, 1).days, 11017);
  EXPECT_EQ(Date::FromCivil(2024, 2, 29).days, 19782);
}

TEST(DateTest, RoundTripEveryDayFromMinus2000To9999) {
  const int32_t first = Date::FromCivil(-2000, 1, 1).days;
  const int32_t last = Date::FromCivil(9999, 12, 31).days;
  int py = -2001, pm = 12, pd = 31;  // the civil day before `first`
  for (int32_t days = first; days <= last; ++days) {
    int y = 0, m = 0, d = 0;
    Date{days}.ToCivil(&y, &m, &d);
    ASSERT_EQ(Date::FromCivil(y, m, d).days, days) << y << "-" << m << "-" << d;
    // Consecutive day counts are consecutive civil days.
    const bool next_day = y == py && m == pm && d == pd + 1;
    const bool next_month = y == py && m == pm + 1 && d == 1 && pd == DaysInMonth(py, pm);
    const bool next_year = y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31;
    ASSERT_TRUE(next_day || next_month || next_year)
        << y << "-" << m << "-" << d << " after " << py << "-" << pm << "-" << pd;
    py = y, pm = m, pd = d;
  }
  EXPECT_EQ(py, 9999);
}

TEST(DateTest, AgreesWithStdChrono) {
  using namespace std::chrono;
  for (int y = -2000; y <= 9999; y += 7) {
    for (int m = 1; m <= 12; ++m) {
      for (int d : {1, 15, DaysInMonth(y, m)}) {
        const sys_days expected{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}};
        ASSERT_EQ(Date::FromCivil(y, m, d).days, expected.time_since_epoch().count()) << y << "-" << m << "-" << d;
      }
    }
  }
}

TEST(DateTest, ToCivilOfSentinelsDoesNotCrash) {
  int y = 0, m = 0, d = 0;
  Date::Min().ToCivil(&y, &m, &d);
  EXPECT_GE(m, 1);
  EXPECT_LE(m, 12);
  Date::Max().ToCivil(&y, &m, &d);
  EXPECT_GE(d, 1);
  EXPECT_LE(d, 31);
}

TEST(DateTest, LeapYears) {
  EXPECT_EQ(DaysInMonth(1900, 2), 28);  // divisible by 100, not by 400
  EXPECT_EQ(DaysInMonth(2000, 2), 29);  // divisible by 400
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(2023, 2), 28);
  EXPECT_EQ(DaysInMonth(0, 2), 29);  // proleptic year 0 is a leap year
  EXPECT_EQ(DaysInMonth(-4, 2), 29);
  EXPECT_EQ(DaysInMonth(-100, 2), 28);
  EXPECT_EQ(Date::FromCivil(1900, 3, 1).days - Date::FromCivil(1900, 2, 28).days, 1);
  EXPECT_EQ(Date::FromCivil(2000, 3, 1).days - Date::FromCivil(2000, 2, 28).days, 2);
  EXPECT_EQ(Date::FromCivil(2024, 3, 1).days - Date::FromCivil(2024, 2, 28).days, 2);
}

TEST(DateTest, DaysInMonth) {
  const int expected[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  for (int m = 1; m <= 12; ++m) EXPECT_EQ(DaysInMonth(2023, m), expected[m - 1]) << m;
  EXPECT_EQ(DaysInMonth(2023, 0), 0);
  EXPECT_EQ(DaysInMonth(2023, 13), 0);
}

TEST(DateTest, Today) {
  const auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const int32_t expected = static_cast<int32_t>(now.time_since_epoch().count());
  const int32_t today = Date::Today().days;
  EXPECT_TRUE(today == expected || today == expected + 1);  // midnight may pass in between
  EXPECT_GT(today, Date::FromCivil(2024, 1, 1).days);
}

TEST(DateTest, Format) {
  EXPECT_EQ(FormatDate(Date::FromCivil(2024, 3, 1)), "2024-03-01");
  EXPECT_EQ(FormatDate(Date{0}), "1970-01-01");
  EXPECT_EQ(FormatDate(Date::FromCivil(991, 12, 31)), "0991-12-31");
  EXPECT_EQ(FormatDate(Date::FromCivil(0, 1, 1)), "0000-01-01");
  EXPECT_EQ(FormatDate(Date::FromCivil(-44, 3, 15)), "-0044-03-15");
  EXPECT_EQ(FormatDate(Date::FromCivil(-2000, 1, 1)), "-2000-01-01");
  EXPECT_EQ(FormatDate(Date::FromCivil(9999, 12, 31)), "9999-12-31");
  EXPECT_EQ(FormatDate(Date::Min()), "-inf");
  EXPECT_EQ(FormatDate(Date::Max()), "open");
  // The day before the sentinels still formats as a (far) date.
  EXPECT_EQ(FormatDate(Date{Date::kMaxDays - 1}).substr(0, 1), "5");
  EXPECT_EQ(FormatDate(Date{Date::kMinDays + 1}).substr(0, 2), "-5");
}

// --- FuzzyDate parsing --------------------------------------------------------------------

FuzzyDate MustParse(std::string_view text) {
  Result<FuzzyDate> r = ParseFuzzyDate(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : FuzzyDate{};
}

std::string ErrorOf(std::string_view text) {
  Result<FuzzyDate> r = ParseFuzzyDate(text);
  if (r.ok()) return "<parsed as " + FormatFuzzyDate(*r) + ">";
  EXPECT_EQ(r.status().code(), Code::kInvalid) << text;
  EXPECT_FALSE(r.status().where().known()) << text;
  EXPECT_TRUE(r.status().where().file.empty()) << text;
  return r.status().message();
}

TEST(ParseFuzzyDateTest, FullDate) {
  FuzzyDate d = MustParse("2024-03-01");
  EXPECT_EQ(d.date, Date::FromCivil(2024, 3, 1));
  EXPECT_EQ(d.precision, Precision::kDay);
  EXPECT_FALSE(d.uncertain);
  EXPECT_FALSE(d.approximate);
  EXPECT_TRUE(d.exact());
  EXPECT_EQ(d, FuzzyDate::Exact(Date::FromCivil(2024, 3, 1)));
}

TEST(ParseFuzzyDateTest, ReducedPrecisionIsFirstDayOfPeriod) {
  FuzzyDate m = MustParse("2014-12");
  EXPECT_EQ(m.date, Date::FromCivil(2014, 12, 1));
  EXPECT_EQ(m.precision, Precision::kMonth);
  EXPECT_FALSE(m.exact());
  FuzzyDate y = MustParse("1991");
  EXPECT_EQ(y.date, Date::FromCivil(1991, 1, 1));
  EXPECT_EQ(y.precision, Precision::kYear);
  EXPECT_FALSE(y.exact());
}

TEST(ParseFuzzyDateTest, Marks) {
  FuzzyDate u = MustParse("1992?");
  EXPECT_TRUE(u.uncertain);
  EXPECT_FALSE(u.approximate);
  EXPECT_EQ(u.precision, Precision::kYear);
  FuzzyDate a = MustParse("2014-12~");
  EXPECT_FALSE(a.uncertain);
  EXPECT_TRUE(a.approximate);
  EXPECT_EQ(a.date, Date::FromCivil(2014, 12, 1));
  FuzzyDate b = MustParse("2024-03-01%");
  EXPECT_TRUE(b.uncertain);
  EXPECT_TRUE(b.approximate);
  EXPECT_EQ(b.precision, Precision::kDay);
  EXPECT_FALSE(b.exact());
  // Marks do not move the date.
  EXPECT_EQ(b.date, Date::FromCivil(2024, 3, 1));
}

TEST(ParseFuzzyDateTest, Edges) {
  EXPECT_EQ(MustParse("2024-02-29").date, Date::FromCivil(2024, 2, 29));
  EXPECT_EQ(MustParse("2000-02-29").date, Date::FromCivil(2000, 2, 29));
  EXPECT_EQ(MustParse("0000").date, Date::FromCivil(0, 1, 1));
  EXPECT_EQ(MustParse("9999-12-31").date, Date::FromCivil(9999, 12, 31));
  EXPECT_EQ(MustParse("1970-01-01").date, Date{0});
}

TEST(ParseFuzzyDateTest, ErrorsFromTheBrief) {
  EXPECT_EQ(ErrorOf("2024-02-30"), "2024-02-30: day 30 is out of range for February 2024");
  EXPECT_EQ(ErrorOf("2023-02-29"), "2023-02-29: day 29 is out of range for February 2023");
  EXPECT_EQ(ErrorOf("2024-13-01"), "2024-13-01: month 13 is out of range (1-12)");
  EXPECT_EQ(ErrorOf("2024-00"), "2024-00: month 0 is out of range (1-12)");
  EXPECT_EQ(ErrorOf("24-03-01"), "24-03-01: expected a four-digit year");
  EXPECT_EQ(ErrorOf("2024-3-01"), "2024-3-01: expected a two-digit month");
  EXPECT_EQ(ErrorOf("2024-03-1"), "2024-03-1: expected a two-digit day");
  EXPECT_EQ(ErrorOf("2024-03-01x"), "2024-03-01x: unexpected 'x' after the date");
  EXPECT_EQ(ErrorOf(""), "empty date");
}

TEST(ParseFuzzyDateTest, MoreErrors) {
  EXPECT_EQ(ErrorOf("1900-02-29"), "1900-02-29: day 29 is out of range for February 1900");
  EXPECT_EQ(ErrorOf("2024-04-31"), "2024-04-31: day 31 is out of range for April 2024");
  EXPECT_EQ(ErrorOf("2024-03-00"), "2024-03-00: day 0 is out of range for March 2024");
  EXPECT_EQ(ErrorOf("0044-02-30"), "0044-02-30: day 30 is out of range for February 0044");
  EXPECT_EQ(ErrorOf("2024-13"), "2024-13: month 13 is out of range (1-12)");
  EXPECT_EQ(ErrorOf("20245"), "20245: expected a four-digit year");
  EXPECT_EQ(ErrorOf("-0044"), "-0044: expected a four-digit year");
  EXPECT_EQ(ErrorOf("abcd"), "abcd: expected a four-digit year");
  EXPECT_EQ(ErrorOf(" 2024"), " 2024: expected a four-digit year");
  EXPECT_EQ(ErrorOf("?"), "?: expected a four-digit year");
  EXPECT_EQ(ErrorOf("2024-"), "2024-: expected a two-digit month");
  EXPECT_EQ(ErrorOf("2024--03"), "2024--03: expected a two-digit month");
  EXPECT_EQ(ErrorOf("2024-123"), "2024-123: expected a two-digit month");
  EXPECT_EQ(ErrorOf("2024-03-"), "2024-03-: expected a two-digit day");
  EXPECT_EQ(ErrorOf("2024-03-011"), "2024-03-011: expected a two-digit day");
  EXPECT_EQ(ErrorOf("2024x"), "2024x: unexpected 'x' after the date");
  EXPECT_EQ(ErrorOf("2024-03x"), "2024-03x: unexpected 'x' after the date");
  EXPECT_EQ(ErrorOf("2024-03-01-"), "2024-03-01-: unexpected '-' after the date");
  EXPECT_EQ(ErrorOf("2024-03-01 "), "2024-03-01 : unexpected ' ' after the date");
  EXPECT_EQ(ErrorOf("2024-03-01T00:00Z"), "2024-03-01T00:00Z: unexpected 'T' after the date");
  EXPECT_EQ(ErrorOf("2024?x"), "2024?x: unexpected 'x' after the date");
  EXPECT_EQ(ErrorOf("2024?~"), "2024?~: at most one of '?', '~' or '%' may follow the date ('%' is both '?' and '~')");
  EXPECT_EQ(ErrorOf("2024-03-01??"),
            "2024-03-01??: at most one of '?', '~' or '%' may follow the date ('%' is both '?' and '~')");
}

TEST(ParseFuzzyDateTest, HostileInputIsShownSafely) {
  using namespace std::string_view_literals;
  EXPECT_EQ(ErrorOf("2024\x01"sv), "2024\\x01: unexpected '\\x01' after the date");
  EXPECT_EQ(ErrorOf("2024\0"sv), "2024\\x00: unexpected '\\x00' after the date");
  EXPECT_EQ(ErrorOf("2024\xff"sv), "2024\\xFF: unexpected '\\xFF' after the date");
  EXPECT_EQ(ErrorOf("2024\xd0"sv), "2024\\xD0: unexpected '\\xD0' after the date");     // cut UTF-8
  EXPECT_EQ(ErrorOf("2024г"), "2024г: unexpected 'г' after the date");                  // whole code point
  EXPECT_EQ(ErrorOf("\xed\xa0\x80"sv), "\\xED\\xA0\\x80: expected a four-digit year");  // surrogate
  const std::string long_input = "2024-03-01" + std::string(1000, 'x');
  EXPECT_EQ(ErrorOf(long_input), "2024-03-01" + std::string(30, 'x') + "...: unexpected 'x' after the date");
}

TEST(ParseFuzzyDateTest, NeverCrashesOnShortInputs) {
  // Every string of length <= 3 over an alphabet that reaches every branch, plus all bytes.
  const std::string alphabet = "0129-?~%xT\xff";
  for (char a : alphabet) {
    for (char b : alphabet) {
      for (char c : alphabet) {
        for (std::string t : {std::string{a}, std::string{a, b}, std::string{a, b, c}, "2024-0" + std::string{a, b, c},
                              "2024-02-" + std::string{a, b, c}}) {
          Result<FuzzyDate> r = ParseFuzzyDate(t);
          if (!r.ok()) {
            EXPECT_FALSE(r.status().message().empty());
          }
        }
      }
    }
  }
  for (int b = 0; b < 256; ++b) {
    EXPECT_FALSE(ParseFuzzyDate(std::string(1, static_cast<char>(b))).ok());
    const bool mark = b == '?' || b == '~' || b == '%';
    EXPECT_EQ(ParseFuzzyDate("2024-01-01" + std::string(1, static_cast<char>(b))).ok(), mark) << b;
  }
}

// --- FuzzyDate formatting and packing -----------------------------------------------------

TEST(FormatFuzzyDateTest, ShowsBackAsWritten) {
  for (const char* text : {"2024-03-01", "2014-12~", "1992?", "1991", "2024-02-29%", "0000-01", "9999-12-31?"}) {
    EXPECT_EQ(FormatFuzzyDate(MustParse(text)), text);
  }
}

TEST(FormatFuzzyDateTest, NegativeYearsAndSentinels) {
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{Date::FromCivil(-44, 1, 1), Precision::kYear, true, false}), "-0044?");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{Date::FromCivil(-44, 3, 1), Precision::kMonth, false, false}), "-0044-03");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate::Exact(Date::Max())), "open");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{Date::Min(), Precision::kYear, false, false}), "-inf");
}

TEST(FuzzyDateTest, PackFlagsLayout) {
  const Date d = Date::FromCivil(2014, 12, 1);
  EXPECT_EQ((FuzzyDate{d, Precision::kDay, false, false}.PackFlags()), 0);
  EXPECT_EQ((FuzzyDate{d, Precision::kMonth, false, false}.PackFlags()), 1);
  EXPECT_EQ((FuzzyDate{d, Precision::kYear, false, false}.PackFlags()), 2);
  EXPECT_EQ((FuzzyDate{d, Precision::kDay, true, false}.PackFlags()), 4);
  EXPECT_EQ((FuzzyDate{d, Precision::kDay, false, true}.PackFlags()), 8);
  EXPECT_EQ((FuzzyDate{d, Precision::kYear, true, true}.PackFlags()), 14);
}

TEST(FuzzyDateTest, PackUnpackRoundTrip) {
  const Date d = Date::FromCivil(1991, 1, 1);
  for (Precision p : {Precision::kDay, Precision::kMonth, Precision::kYear}) {
    for (bool u : {false, true}) {
      for (bool a : {false, true}) {
        const FuzzyDate f{d, p, u, a};
        EXPECT_EQ(FuzzyDate::Unpack(d, f.PackFlags()), f);
        EXPECT_LT(f.PackFlags(), 16);
      }
    }
  }
}

TEST(FuzzyDateTest, UnpackToleratesDamagedFlags) {
  const Date d = Date::FromCivil(1991, 1, 1);
  EXPECT_EQ(FuzzyDate::Unpack(d, 3).precision, Precision::kDay);  // 3 is not a precision
  const FuzzyDate f = FuzzyDate::Unpack(d, 0xF6);                 // high bits are ignored
  EXPECT_EQ(f.precision, Precision::kYear);
  EXPECT_TRUE(f.uncertain);
  EXPECT_FALSE(f.approximate);
}

// --- Instant ------------------------------------------------------------------------------

constexpr int64_t kDay = 86400LL * 1000000;

Instant MustParseInstant(std::string_view text) {
  Result<Instant> r = ParseInstant(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : Instant{};
}

std::string InstantErrorOf(std::string_view text) {
  Result<Instant> r = ParseInstant(text);
  if (r.ok()) return "<parsed as " + FormatInstant(*r) + ">";
  EXPECT_EQ(r.status().code(), Code::kInvalid) << text;
  EXPECT_FALSE(r.status().where().known()) << text;
  return r.status().message();
}

TEST(InstantTest, ParseForms) {
  const int64_t day = Date::FromCivil(2024, 2, 26).days * kDay;
  EXPECT_EQ(MustParseInstant("2024-02-26").micros, day);
  EXPECT_EQ(MustParseInstant("2024-02-26T17:30Z").micros, day + (17 * 3600 + 30 * 60) * 1000000LL);
  EXPECT_EQ(MustParseInstant("2024-02-26T17:30:05Z").micros, day + (17 * 3600 + 30 * 60 + 5) * 1000000LL);
  EXPECT_EQ(MustParseInstant("2024-02-26T17:30:05.123456Z").micros,
            day + (17 * 3600 + 30 * 60 + 5) * 1000000LL + 123456);
  EXPECT_EQ(MustParseInstant("2024-02-26T00:00:00.5Z").micros, day + 500000);
  EXPECT_EQ(MustParseInstant("2024-02-26T00:00:00.000001Z").micros, day + 1);
  EXPECT_EQ(MustParseInstant("2024-02-26T23:59:59.999999Z").micros, day + kDay - 1);
  EXPECT_EQ(MustParseInstant("1970-01-01T00:00Z").micros, 0);
  EXPECT_EQ(MustParseInstant("1969-12-31T23:59:59Z").micros, -1000000);
}

TEST(InstantTest, Format) {
  EXPECT_EQ(FormatInstant(Instant{0}), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatInstant(MustParseInstant("2024-02-26")), "2024-02-26T00:00:00Z");
  EXPECT_EQ(FormatInstant(MustParseInstant("2024-02-26T17:30Z")), "2024-02-26T17:30:00Z");
  EXPECT_EQ(FormatInstant(MustParseInstant("2024-02-26T17:30:05.123456Z")), "2024-02-26T17:30:05.123456Z");
  EXPECT_EQ(FormatInstant(MustParseInstant("2024-02-26T17:30:05.120Z")), "2024-02-26T17:30:05.12Z");
  EXPECT_EQ(FormatInstant(MustParseInstant("2024-02-26T17:30:05.000100Z")), "2024-02-26T17:30:05.0001Z");
  EXPECT_EQ(FormatInstant(Instant{-1}), "1969-12-31T23:59:59.999999Z");
  EXPECT_EQ(FormatInstant(Instant{-kDay}), "1969-12-31T00:00:00Z");
  EXPECT_EQ(FormatInstant(Instant::Max()), "open");
  // The far ends format without overflow.
  EXPECT_EQ(FormatInstant(Instant{std::numeric_limits<int64_t>::min()}).back(), 'Z');
  EXPECT_EQ(FormatInstant(Instant{Instant::Max().micros - 1}).back(), 'Z');
}

TEST(InstantTest, RoundTrip) {
  for (int64_t micros : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{1708968600123456}, -kDay * 365 * 100 + 7,
                         Date::FromCivil(9999, 12, 31).days * kDay + kDay - 1, Date::FromCivil(0, 1, 1).days * kDay}) {
    const std::string text = FormatInstant(Instant{micros});
    EXPECT_EQ(MustParseInstant(text).micros, micros) << text;
  }
  for (int64_t micros = -3 * kDay; micros < 3 * kDay; micros += 3600LL * 1000000 + 1234567) {
    const std::string text = FormatInstant(Instant{micros});
    EXPECT_EQ(MustParseInstant(text).micros, micros) << text;
  }
}

TEST(InstantTest, Now) {
  const Instant a = Instant::Now();
  const Instant b = Instant::Now();
  EXPECT_LE(a, b);
  EXPECT_EQ(a.micros / kDay - (a.micros % kDay < 0 ? 1 : 0), Date::Today().days);
  EXPECT_GT(a, MustParseInstant("2024-01-01"));
}

TEST(InstantTest, Errors) {
  EXPECT_EQ(InstantErrorOf("2024-02-26T25:00Z"), "2024-02-26T25:00Z: hour 25 is out of range (0-23)");
  EXPECT_EQ(InstantErrorOf("2024-02-26T24:00Z"), "2024-02-26T24:00Z: hour 24 is out of range (0-23)");
  EXPECT_EQ(InstantErrorOf("2024-02-26T12:60Z"), "2024-02-26T12:60Z: minute 60 is out of range (0-59)");
  EXPECT_EQ(InstantErrorOf("2024-02-26T12:00:60Z"), "2024-02-26T12:00:60Z: second 60 is out of range (0-59)");
  EXPECT_EQ(InstantErrorOf(""), "empty instant");
  EXPECT_EQ(InstantErrorOf("2024-02-30"), "2024-02-30: day 30 is out of range for February 2024");
  EXPECT_EQ(InstantErrorOf("2024-13-01"), "2024-13-01: month 13 is out of range (1-12)");
  EXPECT_EQ(InstantErrorOf("24-02-26"), "24-02-26: expected a four-digit year");
  EXPECT_EQ(InstantErrorOf("2024-02"), "2024-02: expected a full date (YYYY-MM-DD)");
  EXPECT_EQ(InstantErrorOf("2024"), "2024: expected a full date (YYYY-MM-DD)");
  EXPECT_EQ(InstantErrorOf("2024T10:00Z"), "2024T10:00Z: expected a full date (YYYY-MM-DD)");
  EXPECT_EQ(InstantErrorOf("2024-02-26?"), "2024-02-26?: unexpected '?' after the date");
  EXPECT_EQ(InstantErrorOf("2024-02-26 10:00Z"),
            "2024-02-26 10:00Z: unexpected ' ' after the date; separate the date and the time with 'T'");
  EXPECT_EQ(InstantErrorOf("2024-02-26t10:00Z"),
            "2024-02-26t10:00Z: unexpected 't' after the date; separate the date and the time with 'T'");
  EXPECT_EQ(InstantErrorOf("2024-02-26T"), "2024-02-26T: expected a two-digit hour");
  EXPECT_EQ(InstantErrorOf("2024-02-26T1:00Z"), "2024-02-26T1:00Z: expected a two-digit hour");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10Z"), "2024-02-26T10Z: expected ':' and minutes after the hour");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:0Z"), "2024-02-26T10:0Z: expected a two-digit minute");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00:0Z"), "2024-02-26T10:00:0Z: expected a two-digit second");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00:00.Z"), "2024-02-26T10:00:00.Z: expected 1 to 6 digits after '.'");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00:00.1234567Z"),
            "2024-02-26T10:00:00.1234567Z: at most 6 fraction digits (microseconds), saw 7");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00"), "2024-02-26T10:00: expected 'Z' after the time (times are in UTC)");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00:00"),
            "2024-02-26T10:00:00: expected 'Z' after the time (times are in UTC)");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00+03:00"),
            "2024-02-26T10:00+03:00: unexpected '+' after the time; only UTC ('Z') is accepted");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00:00-05:00"),
            "2024-02-26T10:00:00-05:00: unexpected '-' after the time; only UTC ('Z') is accepted");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00z"), "2024-02-26T10:00z: unexpected 'z' after the time; expected 'Z'");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00.5Z"), "2024-02-26T10:00.5Z: unexpected '.' after the time; expected 'Z'");
  EXPECT_EQ(InstantErrorOf("2024-02-26T10:00ZZ"), "2024-02-26T10:00ZZ: unexpected 'Z' after 'Z'");
}

TEST(InstantTest, NeverCrashesOnTruncationsAndMutations) {
  const std::string good = "2024-02-26T17:30:05.123456Z";
  for (size_t n = 0; n <= good.size(); ++n) {
    Result<Instant> r = ParseInstant(good.substr(0, n));
    if (!r.ok()) {
      EXPECT_FALSE(r.status().message().empty());
    }
  }
  for (size_t i = 0; i < good.size(); ++i) {
    for (int b = 0; b < 256; ++b) {
      std::string s = good;
      s[i] = static_cast<char>(b);
      Result<Instant> r = ParseInstant(s);
      if (!r.ok()) {
        EXPECT_FALSE(r.status().message().empty());
      }
    }
  }
}

}  // namespace
}  // namespace ordo
