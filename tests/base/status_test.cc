#include "ordo/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace ordo {
namespace {

SourceRegion At(const std::string& file, uint32_t line, uint32_t col) {
  return SourceRegion{file, SourcePosition{line, col}, SourcePosition{line, col + 1}};
}

TEST(StatusTest, OkIsDefault) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), Code::kOk);
  EXPECT_TRUE(s.message().empty());
  EXPECT_TRUE(s.notes().empty());
  EXPECT_FALSE(s.where().known());
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(StatusTest, Constructors) {
  EXPECT_EQ(Status::NotFound("m").code(), Code::kNotFound);
  EXPECT_EQ(Status::Invalid("m").code(), Code::kInvalid);
  EXPECT_EQ(Status::Violation("m").code(), Code::kViolation);
  EXPECT_EQ(Status::Conflict("m").code(), Code::kConflict);
  EXPECT_EQ(Status::Io("m").code(), Code::kIo);
  EXPECT_EQ(Status::Limit("m").code(), Code::kLimit);
  EXPECT_EQ(Status::Internal("m").code(), Code::kInternal);
  const Status s = Status::Invalid("bad", At("a.ordo", 3, 7));
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.message(), "bad");
  EXPECT_EQ(s.where().file, "a.ordo");
  EXPECT_EQ(s.where().begin.line, 3u);
  EXPECT_EQ(s.where().begin.column, 7u);
}

TEST(StatusTest, CodeNames) {
  EXPECT_STREQ(CodeName(Code::kOk), "ok");
  EXPECT_STREQ(CodeName(Code::kNotFound), "not_found");
  EXPECT_STREQ(CodeName(Code::kInvalid), "invalid");
  EXPECT_STREQ(CodeName(Code::kViolation), "violation");
  EXPECT_STREQ(CodeName(Code::kConflict), "conflict");
  EXPECT_STREQ(CodeName(Code::kIo), "io");
  EXPECT_STREQ(CodeName(Code::kLimit), "limit");
  EXPECT_STREQ(CodeName(Code::kInternal), "internal");
  EXPECT_STREQ(CodeName(static_cast<Code>(200)), "internal");  // a damaged value still has a name
}

TEST(StatusTest, CodesKeepTheirNumbers) {
  EXPECT_EQ(static_cast<int>(Code::kOk), 0);
  EXPECT_EQ(static_cast<int>(Code::kNotFound), 1);
  EXPECT_EQ(static_cast<int>(Code::kInvalid), 2);
  EXPECT_EQ(static_cast<int>(Code::kViolation), 3);
  EXPECT_EQ(static_cast<int>(Code::kConflict), 4);
  EXPECT_EQ(static_cast<int>(Code::kIo), 5);
  EXPECT_EQ(static_cast<int>(Code::kLimit), 6);
  EXPECT_EQ(static_cast<int>(Code::kInternal), 7);
}

TEST(StatusToStringTest, WithLocation) {
  EXPECT_EQ(Status::Invalid("unknown relation 'military-distrct'", At("data/x.ordo", 7, 15)).ToString(),
            "data/x.ordo:7:15: error: unknown relation 'military-distrct'");
}

TEST(StatusToStringTest, WithoutLocation) {
  EXPECT_EQ(Status::NotFound("no unit 'x'").ToString(), "error: no unit 'x'");
}

TEST(StatusToStringTest, FileWithoutPosition) {
  SourceRegion file_only;
  file_only.file = "data/x.ordo";
  EXPECT_EQ(Status::Io("cannot read").At(file_only).ToString(), "data/x.ordo: error: cannot read");
  EXPECT_EQ(Status::Invalid("bad", file_only).ToString(), "data/x.ordo: error: bad");
}

TEST(StatusToStringTest, Notes) {
  Status s = Status::Conflict("unit 'leningrad-md' is defined twice", At("b.ordo", 12, 3));
  s.AddNote("the first definition is here", At("a.ordo", 4, 1)).AddNote("rename one of them");
  ASSERT_EQ(s.notes().size(), 2u);
  EXPECT_EQ(s.notes()[0].message, "the first definition is here");
  EXPECT_EQ(s.ToString(),
            "b.ordo:12:3: error: unit 'leningrad-md' is defined twice\n"
            "a.ordo:4:1: note: the first definition is here\n"
            "note: rename one of them");
}

TEST(StatusTest, AtSetsOnlyAnUnknownLocation) {
  Status s = Status::Invalid("2024-02-30: day 30 is out of range for February 2024");
  s.At(At("a.ordo", 2, 9));
  EXPECT_EQ(s.where().begin.column, 9u);
  s.At(At("a.ordo", 5, 1));  // already known: kept
  EXPECT_EQ(s.where().begin.line, 2u);
  EXPECT_EQ(s.ToString(), "a.ordo:2:9: error: 2024-02-30: day 30 is out of range for February 2024");
}

TEST(ResultTest, Value) {
  Result<int> r = 42;
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value(), 42);
  EXPECT_EQ(*r, 42);
  EXPECT_TRUE(r.status().ok());
  *r = 7;
  EXPECT_EQ(r.value(), 7);
}

TEST(ResultTest, Error) {
  Result<int> r = Status::NotFound("no such unit", At("q", 1, 1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kNotFound);
  EXPECT_EQ(r.status().message(), "no such unit");
  EXPECT_EQ(r.status().ToString(), "q:1:1: error: no such unit");
}

TEST(ResultTest, ArrowAndMoveOnlyValues) {
  Result<std::string> s = std::string("leningrad-md");
  EXPECT_EQ(s->size(), 12u);
  Result<std::unique_ptr<int>> p = std::make_unique<int>(5);
  ASSERT_TRUE(p.ok());
  std::unique_ptr<int> taken = std::move(p).value();
  ASSERT_NE(taken, nullptr);
  EXPECT_EQ(*taken, 5);
}

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::Invalid("odd");
  return x / 2;
}

TEST(ResultTest, FromFunctions) {
  EXPECT_EQ(*Half(8), 4);
  EXPECT_EQ(Half(3).status().message(), "odd");
}

}  // namespace
}  // namespace ordo
