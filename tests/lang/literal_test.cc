#include "lang/literal.h"

#include <gtest/gtest.h>

namespace ordo::lang {
namespace {

TEST(Literal, Shapes) {
  EXPECT_EQ(ShapeOf("5580"), LiteralShape::kInteger);
  EXPECT_EQ(ShapeOf("-3"), LiteralShape::kInteger);
  EXPECT_EQ(ShapeOf("1991"), LiteralShape::kInteger);  // a bare year is an integer
  EXPECT_EQ(ShapeOf("12.5"), LiteralShape::kNumber);
  EXPECT_EQ(ShapeOf("-0.25"), LiteralShape::kNumber);
  EXPECT_EQ(ShapeOf("2024-03-01"), LiteralShape::kDate);
  EXPECT_EQ(ShapeOf("2014-12"), LiteralShape::kDate);
  EXPECT_EQ(ShapeOf("2014-12~"), LiteralShape::kDate);
  EXPECT_EQ(ShapeOf("1992?"), LiteralShape::kDate);
  EXPECT_EQ(ShapeOf("true"), LiteralShape::kBoolean);
  EXPECT_EQ(ShapeOf("false"), LiteralShape::kBoolean);
  EXPECT_EQ(ShapeOf("RU-MUR"), LiteralShape::kOther);
  EXPECT_EQ(ShapeOf("UA-43"), LiteralShape::kOther);
  EXPECT_EQ(ShapeOf("12.5.1"), LiteralShape::kOther);
  EXPECT_EQ(ShapeOf("12."), LiteralShape::kOther);
  EXPECT_EQ(ShapeOf("2024-03-01-02"), LiteralShape::kOther);
  EXPECT_EQ(ShapeOf("-2024-03"), LiteralShape::kDate);  // negative years are EDTF level 1
  EXPECT_EQ(ShapeOf("2024-"), LiteralShape::kOther);
  EXPECT_EQ(ShapeOf("2024-02-26T00:00Z"), LiteralShape::kOther);
  EXPECT_EQ(ShapeOf(""), LiteralShape::kOther);
  EXPECT_EQ(ShapeOf("-"), LiteralShape::kOther);
}

TEST(Literal, EdtfLevel1Shapes) {
  for (const char* w : {"2001-21", "2001-24~", "199X", "19XX%", "2004-XX", "1985-04-XX", "1985-XX-XX?", "-1985?",
                        "-0044-03-15", "-019X", "Y170002", "Y-170002", "Y10000~",
                        // Date-shaped but not dates: ParseFuzzyDate says why.
                        "1XXX", "19X9", "2004-1X", "199X-5X", "1985-XX-12", "Y012345", "Y170000002"}) {
    EXPECT_EQ(ShapeOf(w), LiteralShape::kDate) << w;
  }
  EXPECT_EQ(ShapeOf("-1985"), LiteralShape::kInteger);  // a bare year, negative or not, is an integer
  for (const char* w : {"Y2024", "Y1", "Y", "Y-", "Y12345a", "YX", "X1", "XXXX", "1X", "12-XYZ", "2004-XXX", "199XY",
                        "RU-XX", "X-1985"}) {
    EXPECT_EQ(ShapeOf(w), LiteralShape::kOther) << w;
  }
}

TEST(Literal, Values) {
  EXPECT_EQ(*LiteralValue("5580"), Value{int64_t{5580}});
  EXPECT_EQ(*LiteralValue("-3"), Value{int64_t{-3}});
  EXPECT_EQ(*LiteralValue("12.5"), Value{12.5});
  EXPECT_EQ(*LiteralValue("-0.25"), Value{-0.25});
  EXPECT_EQ(*LiteralValue("true"), Value{true});
  EXPECT_EQ(*LiteralValue("false"), Value{false});
  const FuzzyDate d = std::get<FuzzyDate>(LiteralValue("2014-12~")->v);
  EXPECT_EQ(d.date, Date::FromCivil(2014, 12, 1));
  EXPECT_EQ(d.precision, Precision::kMonth);
  EXPECT_TRUE(d.approximate);
  EXPECT_EQ(std::get<FuzzyDate>(LiteralValue("1992?")->v).precision, Precision::kYear);
}

TEST(Literal, EdtfLevel1Values) {
  for (const char* w : {"2001-21", "199X~", "2004-XX", "1985-04-XX", "1985-XX-XX", "-0044-03", "Y-170002?"}) {
    Result<Value> v = LiteralValue(w);
    ASSERT_TRUE(v.ok()) << w << ": " << v.status().ToString();
    EXPECT_EQ(FormatFuzzyDate(std::get<FuzzyDate>(v->v)), w);
  }
  EXPECT_EQ(LiteralValue("Y170000002").status().message(),
            "Y170000002: year 170000002 is out of the supported range (-5877640 to 5881579)");
  EXPECT_EQ(QualifierWordValue("2001-25").status().message(),
            "invalid date 2001-25: season 25 is EDTF level 2 (ordo takes the seasons 21-24: spring, summer, autumn, "
            "winter)");
  EXPECT_EQ(*QualifierWordValue("Y2024"), Value{std::string("Y2024")});  // an id, as before
}

TEST(Literal, ValueErrors) {
  EXPECT_EQ(LiteralValue("99999999999999999999").status().message(), "integer 99999999999999999999 is out of range");
  EXPECT_EQ(LiteralValue("2024-02-30").status().message(), "2024-02-30: day 30 is out of range for February 2024");
  EXPECT_FALSE(LiteralValue("RU-MUR").ok());
}

TEST(Literal, Ids) {
  EXPECT_TRUE(IsId("RU-MUR"));
  EXPECT_TRUE(IsId("leningrad-md"));
  EXPECT_TRUE(IsId("name.2"));
  EXPECT_TRUE(IsId("1991"));
  EXPECT_FALSE(IsId("-3"));
  EXPECT_FALSE(IsId("2014-12~"));
  EXPECT_FALSE(IsId("2024-02-26T17:30Z:00"));
  EXPECT_FALSE(IsId(""));
}

}  // namespace
}  // namespace ordo::lang

namespace ordo::lang {
namespace {

TEST(QualifierWordValueTest, BareWordsAreStringsOtherShapesAreLiterals) {
  EXPECT_EQ(*QualifierWordValue("combat"), Value{std::string("combat")});
  EXPECT_EQ(*QualifierWordValue("2000"), Value{int64_t{2000}});
  EXPECT_EQ(QualifierWordValue("2014-12~")->type(), ValueType::kDate);
  EXPECT_EQ(*QualifierWordValue("true"), Value{true});
  EXPECT_EQ(QualifierWordValue("2024-02-30").status().message(),
            "invalid date 2024-02-30: day 30 is out of range for February 2024");
}

}  // namespace
}  // namespace ordo::lang
