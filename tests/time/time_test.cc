#include "ordo/time.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <string_view>
#include <utility>

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
  EXPECT_EQ(ErrorOf("-44"), "-44: expected a four-digit year");  // -0044 is a year (EDTF level 1)
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

// --- EDTF level 1 dates -------------------------------------------------------------------

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

TEST(ParseFuzzyDateTest, NegativeYears) {
  FuzzyDate y = MustParse("-0044");
  EXPECT_EQ(y.date, D(-44, 1, 1));
  EXPECT_EQ(y.precision, Precision::kYear);
  EXPECT_EQ(MustParse("-0044-03").date, D(-44, 3, 1));
  EXPECT_EQ(MustParse("-0044-03-15").date, D(-44, 3, 15));
  EXPECT_EQ(MustParse("-9999-12-31").date, D(-9999, 12, 31));
  EXPECT_EQ(MustParse("-0004-02-29").date, D(-4, 2, 29));  // proleptic leap year
  FuzzyDate m = MustParse("-1985?");
  EXPECT_TRUE(m.uncertain);
  EXPECT_EQ(m.date, D(-1985, 1, 1));
}

TEST(ParseFuzzyDateTest, YearZeroIsOneBce) {
  // ISO 8601 numbers years astronomically: 0000 is 1 BCE and -0001 is 2 BCE. -0000 is refused.
  EXPECT_EQ(MustParse("0000").date, D(0, 1, 1));
  EXPECT_EQ(MustParse("0000-02-29").date, D(0, 2, 29));
  EXPECT_EQ(MustParse("-0001-12-31").date.days + 1, MustParse("0000-01-01").date.days);
  EXPECT_EQ(ErrorOf("-0000"), "-0000: year 0 is written without a sign (0000)");
  EXPECT_EQ(ErrorOf("-0000-01-01"), "-0000-01-01: year 0 is written without a sign (0000)");
}

TEST(ParseFuzzyDateTest, LongYears) {
  FuzzyDate y = MustParse("Y170002");
  EXPECT_EQ(y.date, D(170002, 1, 1));
  EXPECT_EQ(y.precision, Precision::kYear);
  EXPECT_EQ(MustParse("Y-170002").date, D(-170002, 1, 1));
  EXPECT_EQ(MustParse("Y10000").date, D(10000, 1, 1));
  EXPECT_EQ(MustParse("Y-10000").date, D(-10000, 1, 1));
  EXPECT_EQ(MustParse("Y5881579").date, D(Date::kMaxYear, 1, 1));
  EXPECT_EQ(MustParse("Y-5877640").date, D(Date::kMinYear, 1, 1));
  EXPECT_TRUE(MustParse("Y10000~").approximate);
  // The supported years keep every day (and the day after the last) off the sentinels.
  EXPECT_GT(D(Date::kMinYear, 1, 1).days, Date::kMinDays);
  EXPECT_LT(LatestDay(MustParse("Y5881579")).days + 1, Date::kMaxDays);
  EXPECT_LT(LatestDay(FuzzyDate{D(Date::kMaxYear, 12, 1), Precision::kSeason}).days + 1, Date::kMaxDays);
}

TEST(ParseFuzzyDateTest, LongYearErrors) {
  EXPECT_EQ(ErrorOf("Y170000002"), "Y170000002: year 170000002 is out of the supported range (-5877640 to 5881579)");
  EXPECT_EQ(ErrorOf("Y-170000002"), "Y-170000002: year -170000002 is out of the supported range (-5877640 to 5881579)");
  EXPECT_EQ(ErrorOf("Y5881580"), "Y5881580: year 5881580 is out of the supported range (-5877640 to 5881579)");
  EXPECT_EQ(ErrorOf("Y-5877641"), "Y-5877641: year -5877641 is out of the supported range (-5877640 to 5881579)");
  EXPECT_EQ(ErrorOf("Y" + std::string(30, '9')),
            "Y999999999999999999999999999999: year 99999999999999999999... is out of the supported range "
            "(-5877640 to 5881579)");
  EXPECT_EQ(ErrorOf("Y2024"), "Y2024: 'Y' is only for years of more than four digits; write 2024");
  EXPECT_EQ(ErrorOf("Y-44"), "Y-44: 'Y' is only for years of more than four digits; write -0044");
  EXPECT_EQ(ErrorOf("Y012345"), "Y012345: a year after 'Y' is written without leading zeros");
  EXPECT_EQ(ErrorOf("Y-00001"), "Y-00001: a year after 'Y' is written without leading zeros");
  EXPECT_EQ(ErrorOf("Y"), "Y: expected the digits of a year after 'Y'");
  EXPECT_EQ(ErrorOf("Y-"), "Y-: expected the digits of a year after 'Y'");
  EXPECT_EQ(ErrorOf("Y+12345"), "Y+12345: expected the digits of a year after 'Y'");
  EXPECT_EQ(ErrorOf("Y12345-01"), "Y12345-01: a year written with 'Y' stands alone (it takes no month or day)");
  EXPECT_EQ(ErrorOf("Y17E7"), "Y17E7: unexpected 'E' after the year (exponential years are EDTF level 2)");
  EXPECT_EQ(ErrorOf("Y1710100S3"), "Y1710100S3: unexpected 'S' after the date (significant digits are EDTF level 2)");
  EXPECT_EQ(ErrorOf("Y12345x"), "Y12345x: unexpected 'x' after the date");
  EXPECT_EQ(ErrorOf("Y12345?~"),
            "Y12345?~: at most one of '?', '~' or '%' may follow the date ('%' is both '?' and '~')");
}

TEST(ParseFuzzyDateTest, Seasons) {
  const struct {
    const char* text;
    Date first;
  } cases[] = {{"2001-21", D(2001, 3, 1)},  {"2001-22", D(2001, 6, 1)}, {"2001-23", D(2001, 9, 1)},
               {"2001-24", D(2001, 12, 1)}, {"-0044-21", D(-44, 3, 1)}, {"0000-24", D(0, 12, 1)}};
  for (const auto& c : cases) {
    const FuzzyDate d = MustParse(c.text);
    EXPECT_EQ(d.precision, Precision::kSeason) << c.text;
    EXPECT_EQ(d.date, c.first) << c.text;
  }
  EXPECT_TRUE(MustParse("2001-21?").uncertain);
  EXPECT_EQ(ErrorOf("2001-25"),
            "2001-25: season 25 is EDTF level 2 (ordo takes the seasons 21-24: spring, summer, autumn, winter)");
  EXPECT_EQ(ErrorOf("2001-41"),
            "2001-41: season 41 is EDTF level 2 (ordo takes the seasons 21-24: spring, summer, autumn, winter)");
  EXPECT_EQ(ErrorOf("2001-20"), "2001-20: month 20 is out of range (1-12)");
  EXPECT_EQ(ErrorOf("2001-42"), "2001-42: month 42 is out of range (1-12)");
  EXPECT_EQ(ErrorOf("2001-21-05"), "2001-21-05: a season (21) takes no day");
  EXPECT_EQ(ErrorOf("2001-24-XX"), "2001-24-XX: a season (24) takes no day");
}

TEST(ParseFuzzyDateTest, UnspecifiedDigits) {
  const struct {
    const char* text;
    Precision precision;
    Date first;
  } cases[] = {
      {"201X", Precision::kYearInDecade, D(2010, 1, 1)},     {"20XX", Precision::kYearInCentury, D(2000, 1, 1)},
      {"000X", Precision::kYearInDecade, D(0, 1, 1)},        {"00XX", Precision::kYearInCentury, D(0, 1, 1)},
      {"-019X", Precision::kYearInDecade, D(-199, 1, 1)},    {"-01XX", Precision::kYearInCentury, D(-199, 1, 1)},
      {"-000X", Precision::kYearInDecade, D(-9, 1, 1)},      {"-00XX", Precision::kYearInCentury, D(-99, 1, 1)},
      {"2004-XX", Precision::kMonthInYear, D(2004, 1, 1)},   {"1985-04-XX", Precision::kDayInMonth, D(1985, 4, 1)},
      {"1985-XX-XX", Precision::kDayInYear, D(1985, 1, 1)},  {"-0044-XX", Precision::kMonthInYear, D(-44, 1, 1)},
      {"2024-02-XX", Precision::kDayInMonth, D(2024, 2, 1)},
  };
  for (const auto& c : cases) {
    const FuzzyDate d = MustParse(c.text);
    EXPECT_EQ(d.precision, c.precision) << c.text;
    EXPECT_EQ(d.date, c.first) << c.text;
    EXPECT_FALSE(d.exact()) << c.text;
  }
  const FuzzyDate q = MustParse("1985-04-XX~");
  EXPECT_TRUE(q.approximate);
  EXPECT_EQ(q.precision, Precision::kDayInMonth);
  EXPECT_TRUE(MustParse("19XX%").uncertain);
}

TEST(ParseFuzzyDateTest, UnspecifiedDigitErrors) {
  const std::string more_x =
      ": only the last one or two digits of a year may be 'X' (other unspecified digits are EDTF level 2)";
  EXPECT_EQ(ErrorOf("1XXX"), "1XXX" + more_x);
  EXPECT_EQ(ErrorOf("XXXX"), "XXXX" + more_x);
  EXPECT_EQ(ErrorOf("XXXX-XX"), "XXXX-XX" + more_x);
  EXPECT_EQ(ErrorOf("19X9"), "19X9" + more_x);
  EXPECT_EQ(ErrorOf("1X9X"), "1X9X" + more_x);
  EXPECT_EQ(ErrorOf("-1XXX"), "-1XXX" + more_x);
  EXPECT_EQ(ErrorOf("199XX"), "199XX: expected a four-digit year");
  EXPECT_EQ(ErrorOf("199x"), "199x: expected a four-digit year");
  EXPECT_EQ(ErrorOf("199X-05"), "199X-05: a year with 'X' in it takes no month or day (that is EDTF level 2)");
  EXPECT_EQ(ErrorOf("19XX-XX"), "19XX-XX: a year with 'X' in it takes no month or day (that is EDTF level 2)");
  EXPECT_EQ(ErrorOf("2004-1X"), "2004-1X: a month is two digits or XX (a partly unspecified month is EDTF level 2)");
  EXPECT_EQ(ErrorOf("2004-X1-01"),
            "2004-X1-01: a month is two digits or XX (a partly unspecified month is EDTF level 2)");
  EXPECT_EQ(ErrorOf("2004-XXX"), "2004-XXX: expected a two-digit month");
  EXPECT_EQ(ErrorOf("1985-XX-12"),
            "1985-XX-12: the day of an unspecified month (XX) must be XX too (a known day of an unknown month is "
            "EDTF level 2)");
  EXPECT_EQ(ErrorOf("1985-XX-1X"),
            "1985-XX-1X: the day of an unspecified month (XX) must be XX too (a known day of an unknown month is "
            "EDTF level 2)");
  EXPECT_EQ(ErrorOf("1985-XX-"), "1985-XX-: expected a two-digit day");
  EXPECT_EQ(ErrorOf("1985-04-1X"), "1985-04-1X: a day is two digits or XX (a partly unspecified day is EDTF level 2)");
  EXPECT_EQ(ErrorOf("1985-04-XXX"), "1985-04-XXX: expected a two-digit day");
  EXPECT_EQ(ErrorOf("1985-13-XX"), "1985-13-XX: month 13 is out of range (1-12)");
  EXPECT_EQ(ErrorOf("1985-XX-XX-XX"), "1985-XX-XX-XX: unexpected '-' after the date");
}

TEST(ParseFuzzyDateTest, Level2FormsAreNamed) {
  EXPECT_EQ(ErrorOf("?2004"), "?2004: a mark ('?', '~' or '%') goes after the date (a mark before it is EDTF level 2)");
  EXPECT_EQ(ErrorOf("%2004-06"),
            "%2004-06: a mark ('?', '~' or '%') goes after the date (a mark before it is EDTF level 2)");
  EXPECT_EQ(ErrorOf("2004?-06-11"),
            "2004?-06-11: a mark ('?', '~' or '%') may only end a date (marking a part of a date is EDTF level 2)");
  EXPECT_EQ(ErrorOf("2004-06~-11"),
            "2004-06~-11: a mark ('?', '~' or '%') may only end a date (marking a part of a date is EDTF level 2)");
  EXPECT_EQ(ErrorOf("2004-06-~11"), "2004-06-~11: expected a two-digit day");
  EXPECT_EQ(ErrorOf("1950S2"), "1950S2: unexpected 'S' after the date (significant digits are EDTF level 2)");
  EXPECT_EQ(ErrorOf("156X-12-25"), "156X-12-25: a year with 'X' in it takes no month or day (that is EDTF level 2)");
  EXPECT_EQ(ErrorOf("[1667,1668]"), "[1667,1668]: expected a four-digit year");
  EXPECT_EQ(ErrorOf("1985/1990"), "1985/1990: unexpected '/' after the date");  // an interval, not a date
}

// --- Formatting and bounds of every form --------------------------------------------------

TEST(FormatFuzzyDateTest, EveryLevel1FormShowsBackAsWritten) {
  for (const char* text :
       {"1985-04-12", "1985-04",   "1985",       "0000",       "-0044",       "-0044-03", "-0044-03-15", "-1985?",
        "Y170002",    "Y-170002",  "Y10000%",    "Y-5877640",  "Y5881579",    "2001-21",  "2001-22",     "2001-23",
        "2001-24",    "-0001-24~", "201X",       "20XX",       "000X",        "-019X",    "-01XX",       "-000X",
        "-00XX",      "2004-XX",   "1985-04-XX", "1985-XX-XX", "1985-04-XX~", "2004-XX?", "199X%",       "2001-21?"}) {
    EXPECT_EQ(FormatFuzzyDate(MustParse(text)), text);
  }
}

TEST(FormatFuzzyDateTest, ValuesMadeByHandAreShownByTheirPeriod) {
  // A date inside its period (not its first day) still shows the period it lies in.
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{D(1995, 7, 4), Precision::kYearInDecade}), "199X");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{D(-195, 7, 4), Precision::kYearInDecade}), "-019X");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{D(2002, 1, 15), Precision::kSeason}), "2001-24");  // January: last winter
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{D(2002, 4, 15), Precision::kSeason}), "2002-21");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{D(12000, 1, 1), Precision::kYear}), "Y12000");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{D(2024, 3, 5), static_cast<Precision>(99)}), "2024-03-05");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{Date::Max(), Precision::kSeason}), "open");
  EXPECT_EQ(FormatFuzzyDate(FuzzyDate{Date::Min(), Precision::kYearInCentury}), "-inf");
}

TEST(FuzzyDateBoundsTest, EveryForm) {
  const struct {
    const char* text;
    Date first;
    Date last;
  } cases[] = {
      {"1985-04-12", D(1985, 4, 12), D(1985, 4, 12)},
      {"1985-04", D(1985, 4, 1), D(1985, 4, 30)},
      {"2024-02", D(2024, 2, 1), D(2024, 2, 29)},
      {"1985", D(1985, 1, 1), D(1985, 12, 31)},
      {"-0044", D(-44, 1, 1), D(-44, 12, 31)},
      {"Y-170002", D(-170002, 1, 1), D(-170002, 12, 31)},
      {"2001-21", D(2001, 3, 1), D(2001, 5, 31)},
      {"2001-22", D(2001, 6, 1), D(2001, 8, 31)},
      {"2001-23", D(2001, 9, 1), D(2001, 11, 30)},
      {"2001-24", D(2001, 12, 1), D(2002, 2, 28)},
      {"2023-24", D(2023, 12, 1), D(2024, 2, 29)},  // winter ends in a leap February
      {"-0001-24", D(-1, 12, 1), D(0, 2, 29)},
      {"201X", D(2010, 1, 1), D(2019, 12, 31)},
      {"20XX", D(2000, 1, 1), D(2099, 12, 31)},
      {"-019X", D(-199, 1, 1), D(-190, 12, 31)},
      {"-01XX", D(-199, 1, 1), D(-100, 12, 31)},
      {"-000X", D(-9, 1, 1), D(-1, 12, 31)},
      {"-00XX", D(-99, 1, 1), D(-1, 12, 31)},
      {"000X", D(0, 1, 1), D(9, 12, 31)},
      {"2004-XX", D(2004, 1, 1), D(2004, 12, 31)},
      {"1985-04-XX", D(1985, 4, 1), D(1985, 4, 30)},
      {"1985-XX-XX", D(1985, 1, 1), D(1985, 12, 31)},
      {"1984%", D(1984, 1, 1), D(1984, 12, 31)},  // marks do not widen the bounds
  };
  for (const auto& c : cases) {
    const FuzzyDate d = MustParse(c.text);
    EXPECT_EQ(EarliestDay(d), c.first) << c.text << ": " << FormatDate(EarliestDay(d));
    EXPECT_EQ(LatestDay(d), c.last) << c.text << ": " << FormatDate(LatestDay(d));
    EXPECT_EQ(EarliestDay(d), d.date) << c.text;
  }
  EXPECT_EQ(EarliestDay(FuzzyDate::Exact(Date::Min())), Date::Min());
  EXPECT_EQ(LatestDay(FuzzyDate{Date::Max(), Precision::kYear}), Date::Max());
  EXPECT_EQ(LatestDay(FuzzyDate{D(1995, 7, 4), Precision::kYearInDecade}), D(1999, 12, 31));
  // A date made by hand at the far end stays off the sentinel.
  EXPECT_EQ(LatestDay(FuzzyDate{Date{Date::kMaxDays - 1}, Precision::kYearInCentury}).days, Date::kMaxDays - 1);
  EXPECT_EQ(EarliestDay(FuzzyDate{Date{Date::kMinDays + 1}, Precision::kYearInCentury}).days, Date::kMinDays + 1);
}

TEST(FuzzyDateTest, PackFlagsOfTheLevel1Forms) {
  const struct {
    const char* text;
    uint8_t flags;
  } cases[] = {{"1985-04-XX", 0x10}, {"2004-XX", 0x11},  {"201X", 0x12},  {"2001-21", 0x13}, {"1985-XX-XX", 0x20},
               {"20XX", 0x22},       {"2001-24%", 0x1F}, {"199X?", 0x16}, {"-0044", 0x02},   {"Y170002~", 0x0A}};
  for (const auto& c : cases) {
    const FuzzyDate d = MustParse(c.text);
    EXPECT_EQ(d.PackFlags(), c.flags) << c.text;
    EXPECT_EQ(FuzzyDate::Unpack(d.date, d.PackFlags()), d) << c.text;
    EXPECT_EQ(FuzzyDate::Unpack(d.date, d.PackFlags() | 0xC0), d) << c.text << ": bits 6-7 are the caller's";
  }
}

TEST(FuzzyDateTest, EveryPrecisionAndMarkPacksIntoSixBits) {
  const Date d = D(1991, 3, 1);
  for (int p = 0; p <= static_cast<int>(Precision::kDayInYear); ++p) {
    for (bool u : {false, true}) {
      for (bool a : {false, true}) {
        const FuzzyDate f{d, static_cast<Precision>(p), u, a};
        EXPECT_EQ(f.PackFlags() & ~FuzzyDate::kFlagsMask, 0) << p;
        EXPECT_EQ(FuzzyDate::Unpack(d, f.PackFlags()), f) << p;
      }
    }
  }
  // Unused codes in bits 4-5 are damage: they fall back to bits 0-1, like 3 there.
  EXPECT_EQ(FuzzyDate::Unpack(d, 0x21).precision, Precision::kMonth);
  EXPECT_EQ(FuzzyDate::Unpack(d, 0x23).precision, Precision::kDay);
  EXPECT_EQ(FuzzyDate::Unpack(d, 0x32).precision, Precision::kYear);
  EXPECT_EQ((FuzzyDate{d, static_cast<Precision>(99)}.PackFlags()), 0);
}

// --- EDTF intervals -----------------------------------------------------------------------

EdtfInterval MustParseInterval(std::string_view text) {
  Result<EdtfInterval> r = ParseEdtfInterval(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? *r : EdtfInterval{};
}

std::string IntervalErrorOf(std::string_view text) {
  Result<EdtfInterval> r = ParseEdtfInterval(text);
  if (r.ok()) return "<parsed as " + FormatEdtfInterval(*r) + ">";
  EXPECT_EQ(r.status().code(), Code::kInvalid) << text;
  EXPECT_FALSE(r.status().where().known()) << text;
  return r.status().message();
}

TEST(EdtfIntervalTest, Ends) {
  const EdtfInterval a = MustParseInterval("1964/2008");
  EXPECT_EQ(a.start, EdtfEnd::Of(MustParse("1964")));
  EXPECT_EQ(a.end, EdtfEnd::Of(MustParse("2008")));
  const EdtfInterval open = MustParseInterval("1985-04-12/..");
  EXPECT_EQ(open.end, EdtfEnd::Open());
  EXPECT_EQ(open.end.kind, EdtfEnd::Kind::kOpen);
  const EdtfInterval unknown = MustParseInterval("/1985");
  EXPECT_EQ(unknown.start, EdtfEnd::Unknown());
  EXPECT_FALSE(unknown.start.is_date());
  EXPECT_TRUE(unknown.end.is_date());
  EXPECT_EQ(MustParseInterval("../1985").start, EdtfEnd::Open());
  EXPECT_EQ(MustParseInterval("1985/").end, EdtfEnd::Unknown());
}

TEST(EdtfIntervalTest, ShowsBackAsWritten) {
  for (const char* text :
       {"1964/2008", "2004-06/2006-08", "2004-02-01/2005-02", "1984~/2004-06", "1984?/2004%", "1985-04-12/..",
        "../1985-04", "1985/", "/1985-04-12", "2001-21/2001-23", "199X/20XX", "-0044-03-15/-0044-03-16",
        "Y-170002/Y170002", "1985-04-XX/1985-XX-XX", "2004-06-15/2004-06", "1984-06-02?/"}) {
    EXPECT_EQ(FormatEdtfInterval(MustParseInterval(text)), text);
  }
}

TEST(EdtfIntervalTest, FourDayBounds) {
  const struct {
    const char* text;
    Date earliest_start, latest_start, earliest_end, latest_end;
  } cases[] = {
      {"1964/2008", D(1964, 1, 1), D(1964, 12, 31), D(2008, 1, 1), D(2008, 12, 31)},
      {"2004-02-01/2005-02", D(2004, 2, 1), D(2004, 2, 1), D(2005, 2, 1), D(2005, 2, 28)},
      {"2001-24/2002-21", D(2001, 12, 1), D(2002, 2, 28), D(2002, 3, 1), D(2002, 5, 31)},
      {"1985/..", D(1985, 1, 1), D(1985, 12, 31), Date::Max(), Date::Max()},
      {"../1985", Date::Min(), Date::Min(), D(1985, 1, 1), D(1985, 12, 31)},
      {"1985-04/", D(1985, 4, 1), D(1985, 4, 30), D(1985, 4, 1), Date::Max()},
      {"/1985-04", Date::Min(), D(1985, 4, 30), D(1985, 4, 1), D(1985, 4, 30)},
      // Narrowed: the end cannot come before the start, nor the start after the end.
      {"2004-06-15/2004-06", D(2004, 6, 15), D(2004, 6, 15), D(2004, 6, 15), D(2004, 6, 30)},
      {"2004/2004-03", D(2004, 1, 1), D(2004, 3, 31), D(2004, 3, 1), D(2004, 3, 31)},
      {"199X/1995", D(1990, 1, 1), D(1995, 12, 31), D(1995, 1, 1), D(1995, 12, 31)},
  };
  for (const auto& c : cases) {
    const EdtfInterval i = MustParseInterval(c.text);
    EXPECT_EQ(EarliestStart(i), c.earliest_start) << c.text << ": " << FormatDate(EarliestStart(i));
    EXPECT_EQ(LatestStart(i), c.latest_start) << c.text << ": " << FormatDate(LatestStart(i));
    EXPECT_EQ(EarliestEnd(i), c.earliest_end) << c.text << ": " << FormatDate(EarliestEnd(i));
    EXPECT_EQ(LatestEnd(i), c.latest_end) << c.text << ": " << FormatDate(LatestEnd(i));
  }
}

TEST(EdtfIntervalTest, Errors) {
  EXPECT_EQ(IntervalErrorOf(""), "empty interval");
  EXPECT_EQ(IntervalErrorOf("1985"), "1985: expected '/' between the start and the end of an interval");
  EXPECT_EQ(IntervalErrorOf("1985/1990/1995"),
            "1985/1990/1995: an interval has one '/', between its start and its end");
  EXPECT_EQ(IntervalErrorOf("/"), "/: an interval needs a date at one end at least");
  EXPECT_EQ(IntervalErrorOf("../.."), "../..: an interval needs a date at one end at least");
  EXPECT_EQ(IntervalErrorOf("../"), "../: an interval needs a date at one end at least");
  EXPECT_EQ(IntervalErrorOf("/.."), "/..: an interval needs a date at one end at least");
  EXPECT_EQ(IntervalErrorOf("1985/2024-13"), "1985/2024-13: end 2024-13: month 13 is out of range (1-12)");
  EXPECT_EQ(IntervalErrorOf("2024-02-30/2025"),
            "2024-02-30/2025: start 2024-02-30: day 30 is out of range for February 2024");
  EXPECT_EQ(IntervalErrorOf("1985x/1990"), "1985x/1990: start 1985x: unexpected 'x' after the date");
  EXPECT_EQ(IntervalErrorOf(".../1990"), ".../1990: start ...: expected a four-digit year");
  EXPECT_EQ(IntervalErrorOf("1985/."), "1985/.: end .: expected a four-digit year");
  EXPECT_EQ(IntervalErrorOf("1985 /1990"), "1985 /1990: start 1985 : unexpected ' ' after the date");
  EXPECT_EQ(IntervalErrorOf("2004-06-01T10:00/2005"),
            "2004-06-01T10:00/2005: start 2004-06-01T10:00: unexpected 'T' after the date");
  EXPECT_EQ(IntervalErrorOf("2005/2004"), "2005/2004: the end 2004 is before the start 2005");
  EXPECT_EQ(IntervalErrorOf("2004-07/2004-06-30~"),
            "2004-07/2004-06-30~: the end 2004-06-30~ is before the start 2004-07");
  EXPECT_EQ(IntervalErrorOf("2001-22/2001-21"), "2001-22/2001-21: the end 2001-21 is before the start 2001-22");
  // Overlapping ends are fine: the end may be any day not before the start.
  EXPECT_EQ(FormatEdtfInterval(MustParseInterval("2004-06-30/2004-06")), "2004-06-30/2004-06");
  const std::string long_end = "1985/" + std::string(100, '9');
  EXPECT_EQ(IntervalErrorOf(long_end),
            "1985/" + std::string(35, '9') + "...: end " + std::string(40, '9') + "...: expected a four-digit year");
}

// --- Properties ---------------------------------------------------------------------------

// A random EDTF level 1 date, valid by construction.
std::string RandomDate(std::mt19937* rng) {
  auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(*rng); };
  const bool negative = pick(0, 9) == 0;
  const int year = negative ? pick(1, 9999) : pick(0, 9999);
  const std::string y = (negative ? "-" : "") + fmt::format("{:04}", year);
  std::string text;
  switch (pick(0, 9)) {
    case 0: text = y; break;
    case 1: text = y + fmt::format("-{:02}", pick(1, 12)); break;
    case 2: {
      const int m = pick(1, 12);
      text = y + fmt::format("-{:02}-{:02}", m, pick(1, DaysInMonth(negative ? -year : year, m)));
      break;
    }
    case 3: text = y + fmt::format("-{}", pick(21, 24)); break;
    case 4: text = y.substr(0, y.size() - 1) + "X"; break;
    case 5: text = y.substr(0, y.size() - 2) + "XX"; break;
    case 6: text = y + "-XX"; break;
    case 7: text = y + fmt::format("-{:02}-XX", pick(1, 12)); break;
    case 8: text = y + "-XX-XX"; break;
    default: {
      const bool minus = pick(0, 1) == 0;
      const int big = minus ? pick(10000, -Date::kMinYear) : pick(10000, Date::kMaxYear);
      text = fmt::format("Y{}{}", minus ? "-" : "", big);
    }
  }
  if (text == "-0000" || text.rfind("-0000-", 0) == 0) text = text.substr(1);
  static constexpr const char* kMarks[] = {"", "", "?", "~", "%"};
  return text + kMarks[pick(0, 4)];
}

// Checks what every parse must satisfy; returns the text as formatted back ("" when refused).
std::string CheckOneDate(const std::string& text) {
  Result<FuzzyDate> r = ParseFuzzyDate(text);
  if (!r.ok()) {
    EXPECT_EQ(r.status().code(), Code::kInvalid);
    EXPECT_FALSE(r.status().message().empty());
    EXPECT_LT(r.status().message().size(), 400u) << text;
    return "";
  }
  const std::string shown = FormatFuzzyDate(*r);
  EXPECT_EQ(shown, text) << "every accepted text formats back as written";
  EXPECT_EQ(EarliestDay(*r), r->date) << text;
  EXPECT_LE(EarliestDay(*r), LatestDay(*r)) << text;
  EXPECT_LT(LatestDay(*r).days, Date::kMaxDays - 1) << text;
  EXPECT_GT(EarliestDay(*r).days, Date::kMinDays + 1) << text;
  EXPECT_EQ(FuzzyDate::Unpack(r->date, r->PackFlags()), *r) << text;
  return shown;
}

std::string CheckOneInterval(const std::string& text) {
  Result<EdtfInterval> r = ParseEdtfInterval(text);
  if (!r.ok()) {
    EXPECT_EQ(r.status().code(), Code::kInvalid);
    EXPECT_FALSE(r.status().message().empty());
    EXPECT_LT(r.status().message().size(), 400u) << text;
    return "";
  }
  const std::string shown = FormatEdtfInterval(*r);
  EXPECT_EQ(shown, text) << "every accepted interval formats back as written";
  EXPECT_LE(EarliestStart(*r), LatestStart(*r)) << text;
  EXPECT_LE(EarliestEnd(*r), LatestEnd(*r)) << text;
  EXPECT_LE(EarliestStart(*r), EarliestEnd(*r)) << text;
  EXPECT_LE(LatestStart(*r), LatestEnd(*r)) << text;
  return shown;
}

TEST(EdtfPropertyTest, RandomValidDatesParseAndFormatBack) {
  std::mt19937 rng(20190204);
  for (int i = 0; i < 20000; ++i) {
    const std::string text = RandomDate(&rng);
    ASSERT_EQ(CheckOneDate(text), text);
  }
}

TEST(EdtfPropertyTest, RandomValidIntervalsParseAndFormatBack) {
  std::mt19937 rng(1985);
  for (int i = 0; i < 10000; ++i) {
    std::string a = RandomDate(&rng);
    std::string b = RandomDate(&rng);
    if (LatestDay(*ParseFuzzyDate(b)) < EarliestDay(*ParseFuzzyDate(a))) std::swap(a, b);
    switch (rng() % 6) {
      case 0: a = ".."; break;
      case 1: a = ""; break;
      case 2: b = ".."; break;
      case 3: b = ""; break;
      default: break;
    }
    const std::string text = a + "/" + b;
    ASSERT_EQ(CheckOneInterval(text), text);
  }
}

TEST(EdtfPropertyTest, RandomMutationsNeverCrashAndWhatParsesFormatsBack) {
  std::mt19937 rng(42);
  const std::string alphabet = "0123456789-X?~%Y/.ESx \xff";
  int accepted = 0;
  for (int i = 0; i < 40000; ++i) {
    std::string text = RandomDate(&rng);
    if (rng() % 3 == 0) text += "/" + RandomDate(&rng);
    for (int k = 1 + static_cast<int>(rng() % 3); k > 0; --k) {
      const size_t at = text.empty() ? 0 : rng() % (text.size() + 1);
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 4) {
        case 0: text.insert(at, 1, c); break;
        case 1:
          if (at < text.size()) text.erase(at, 1);
          break;
        case 2:
          if (at < text.size()) text[at] = c;
          break;
        default: text.resize(at); break;
      }
    }
    if (!CheckOneDate(text).empty()) ++accepted;
    if (!CheckOneInterval(text).empty()) ++accepted;
  }
  EXPECT_GT(accepted, 1000);  // the mutations reach both sides of the parsers
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
