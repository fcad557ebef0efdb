// Every example of levels 0 and 1 of the Extended Date/Time Format (EDTF) Specification
// (Library of Congress, 2019-02-04, https://www.loc.gov/standards/datetime/), each with the
// meaning the specification gives it, as ordo reads it: accepted and shown back as written,
// with the earliest and latest day it stands for; or refused, with the reason
// (docs/language.md, "Dates: EDTF level 1").
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "ordo/time.h"

namespace ordo {
namespace {

Date D(int y, int m, int d) { return Date::FromCivil(y, m, d); }

struct DateExample {
  const char* text;
  Precision precision;
  Date earliest;
  Date latest;
};

void ExpectDate(const DateExample& e) {
  SCOPED_TRACE(e.text);
  Result<FuzzyDate> r = ParseFuzzyDate(e.text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(FormatFuzzyDate(*r), e.text);
  EXPECT_EQ(r->precision, e.precision);
  EXPECT_EQ(r->date, e.earliest);
  EXPECT_EQ(EarliestDay(*r), e.earliest) << FormatDate(EarliestDay(*r));
  EXPECT_EQ(LatestDay(*r), e.latest) << FormatDate(LatestDay(*r));
}

struct IntervalExample {
  const char* text;
  Date earliest_start, latest_start, earliest_end, latest_end;
};

void ExpectInterval(const IntervalExample& e) {
  SCOPED_TRACE(e.text);
  Result<EdtfInterval> r = ParseEdtfInterval(e.text);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(FormatEdtfInterval(*r), e.text);
  EXPECT_EQ(EarliestStart(*r), e.earliest_start) << FormatDate(EarliestStart(*r));
  EXPECT_EQ(LatestStart(*r), e.latest_start) << FormatDate(LatestStart(*r));
  EXPECT_EQ(EarliestEnd(*r), e.earliest_end) << FormatDate(EarliestEnd(*r));
  EXPECT_EQ(LatestEnd(*r), e.latest_end) << FormatDate(LatestEnd(*r));
}

std::string ErrorOf(std::string_view text) {
  Result<FuzzyDate> r = ParseFuzzyDate(text);
  return r.ok() ? "<parsed as " + FormatFuzzyDate(*r) + ">" : r.status().message();
}

// --- Level 0 ------------------------------------------------------------------------------

TEST(EdtfSpecLevel0, Date) {
  // Complete representation; reduced precision for year and month; reduced precision for year.
  ExpectDate({"1985-04-12", Precision::kDay, D(1985, 4, 12), D(1985, 4, 12)});
  ExpectDate({"1985-04", Precision::kMonth, D(1985, 4, 1), D(1985, 4, 30)});
  ExpectDate({"1985", Precision::kYear, D(1985, 1, 1), D(1985, 12, 31)});
}

TEST(EdtfSpecLevel0, DateAndTimeIsRefusedOnPurpose) {
  // Valid time in ordo is counted in days; a time of day belongs to record time (ParseInstant).
  EXPECT_EQ(ErrorOf("2001-02-03T09:30:01"), "2001-02-03T09:30:01: unexpected 'T' after the date");
  EXPECT_EQ(ErrorOf("2004-01-01T10:10:10Z"), "2004-01-01T10:10:10Z: unexpected 'T' after the date");
  EXPECT_EQ(ErrorOf("2004-01-01T10:10:10+05:00"), "2004-01-01T10:10:10+05:00: unexpected 'T' after the date");
  EXPECT_EQ(ErrorOf("1985-04-12T23:20:30"), "1985-04-12T23:20:30: unexpected 'T' after the date");
}

TEST(EdtfSpecLevel0, TimeInterval) {
  // "1964/2008": an interval beginning sometime in 1964 and ending sometime in 2008.
  ExpectInterval({"1964/2008", D(1964, 1, 1), D(1964, 12, 31), D(2008, 1, 1), D(2008, 12, 31)});
  ExpectInterval({"2004-06/2006-08", D(2004, 6, 1), D(2004, 6, 30), D(2006, 8, 1), D(2006, 8, 31)});
  ExpectInterval({"2004-02-01/2005-02-08", D(2004, 2, 1), D(2004, 2, 1), D(2005, 2, 8), D(2005, 2, 8)});
  ExpectInterval({"2004-02-01/2005-02", D(2004, 2, 1), D(2004, 2, 1), D(2005, 2, 1), D(2005, 2, 28)});
  ExpectInterval({"2004-02-01/2005", D(2004, 2, 1), D(2004, 2, 1), D(2005, 1, 1), D(2005, 12, 31)});
  ExpectInterval({"2005/2006-02", D(2005, 1, 1), D(2005, 12, 31), D(2006, 2, 1), D(2006, 2, 28)});
}

// --- Level 1 ------------------------------------------------------------------------------

TEST(EdtfSpecLevel1, LetterPrefixedCalendarYear) {
  // "Y170000002" is the year 170000002 and "Y-170000002" the year -170000002: beyond the
  // years a Date holds (int32 days from 1970), so refused with the range ordo supports.
  EXPECT_EQ(ErrorOf("Y170000002"), "Y170000002: year 170000002 is out of the supported range (-5877640 to 5881579)");
  EXPECT_EQ(ErrorOf("Y-170000002"), "Y-170000002: year -170000002 is out of the supported range (-5877640 to 5881579)");
  // The same form within the range.
  ExpectDate({"Y170002", Precision::kYear, D(170002, 1, 1), D(170002, 12, 31)});
  ExpectDate({"Y-170002", Precision::kYear, D(-170002, 1, 1), D(-170002, 12, 31)});
}

TEST(EdtfSpecLevel1, Seasons) {
  // "2001-21": spring, 2001 (meteorological seasons; docs/language.md).
  ExpectDate({"2001-21", Precision::kSeason, D(2001, 3, 1), D(2001, 5, 31)});
}

TEST(EdtfSpecLevel1, QualificationOfADate) {
  // "1984?": year uncertain (possibly the year 1984, but not definitely).
  // "2004-06~": year-month approximate. "2004-06-11%": entire date uncertain and approximate.
  ExpectDate({"1984?", Precision::kYear, D(1984, 1, 1), D(1984, 12, 31)});
  ExpectDate({"2004-06~", Precision::kMonth, D(2004, 6, 1), D(2004, 6, 30)});
  ExpectDate({"2004-06-11%", Precision::kDay, D(2004, 6, 11), D(2004, 6, 11)});
  EXPECT_TRUE(ParseFuzzyDate("1984?")->uncertain);
  EXPECT_FALSE(ParseFuzzyDate("1984?")->approximate);
  EXPECT_TRUE(ParseFuzzyDate("2004-06~")->approximate);
  EXPECT_FALSE(ParseFuzzyDate("2004-06~")->uncertain);
  EXPECT_TRUE(ParseFuzzyDate("2004-06-11%")->uncertain);
  EXPECT_TRUE(ParseFuzzyDate("2004-06-11%")->approximate);
}

TEST(EdtfSpecLevel1, UnspecifiedDigitsFromTheRight) {
  // "201X": some year 2010-2019. "20XX": some year 2000-2099. "2004-XX": some month in 2004.
  // "1985-04-XX": some day in April 1985. "1985-XX-XX": some month and day in 1985.
  ExpectDate({"201X", Precision::kYearInDecade, D(2010, 1, 1), D(2019, 12, 31)});
  ExpectDate({"20XX", Precision::kYearInCentury, D(2000, 1, 1), D(2099, 12, 31)});
  ExpectDate({"2004-XX", Precision::kMonthInYear, D(2004, 1, 1), D(2004, 12, 31)});
  ExpectDate({"1985-04-XX", Precision::kDayInMonth, D(1985, 4, 1), D(1985, 4, 30)});
  ExpectDate({"1985-XX-XX", Precision::kDayInYear, D(1985, 1, 1), D(1985, 12, 31)});
}

TEST(EdtfSpecLevel1, ExtendedInterval) {
  const Date kOpenStart = Date::Min();
  const Date kOpenEnd = Date::Max();
  // Open end: starting on 1985-04-12 (day, month or year precision), with no end.
  ExpectInterval({"1985-04-12/..", D(1985, 4, 12), D(1985, 4, 12), kOpenEnd, kOpenEnd});
  ExpectInterval({"1985-04/..", D(1985, 4, 1), D(1985, 4, 30), kOpenEnd, kOpenEnd});
  ExpectInterval({"1985/..", D(1985, 1, 1), D(1985, 12, 31), kOpenEnd, kOpenEnd});
  // Open start: with no start, ending on 1985-04-12 (or in April 1985, or in 1985).
  ExpectInterval({"../1985-04-12", kOpenStart, kOpenStart, D(1985, 4, 12), D(1985, 4, 12)});
  ExpectInterval({"../1985-04", kOpenStart, kOpenStart, D(1985, 4, 1), D(1985, 4, 30)});
  ExpectInterval({"../1985", kOpenStart, kOpenStart, D(1985, 1, 1), D(1985, 12, 31)});
  // Unknown end: the end exists but is not known; it is not before the start.
  ExpectInterval({"1985-04-12/", D(1985, 4, 12), D(1985, 4, 12), D(1985, 4, 12), kOpenEnd});
  ExpectInterval({"1985-04/", D(1985, 4, 1), D(1985, 4, 30), D(1985, 4, 1), kOpenEnd});
  ExpectInterval({"1985/", D(1985, 1, 1), D(1985, 12, 31), D(1985, 1, 1), kOpenEnd});
  // Unknown start: it is not after the end.
  ExpectInterval({"/1985-04-12", kOpenStart, D(1985, 4, 12), D(1985, 4, 12), D(1985, 4, 12)});
  ExpectInterval({"/1985-04", kOpenStart, D(1985, 4, 30), D(1985, 4, 1), D(1985, 4, 30)});
  ExpectInterval({"/1985", kOpenStart, D(1985, 12, 31), D(1985, 1, 1), D(1985, 12, 31)});
  // Either end may carry a qualifier ('?', '~', '%'); it does not move the bounds.
  ExpectInterval({"1984?/2004-06~", D(1984, 1, 1), D(1984, 12, 31), D(2004, 6, 1), D(2004, 6, 30)});
  ExpectInterval({"2004-06-11%/..", D(2004, 6, 11), D(2004, 6, 11), kOpenEnd, kOpenEnd});
}

TEST(EdtfSpecLevel1, NegativeCalendarYear) {
  // "-1985": the year -1985 (astronomical numbering: 1986 BCE).
  ExpectDate({"-1985", Precision::kYear, D(-1985, 1, 1), D(-1985, 12, 31)});
}

}  // namespace
}  // namespace ordo
