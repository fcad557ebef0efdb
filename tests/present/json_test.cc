// The shapes of present/json.h that no command line output covers: HTTP statuses and error bodies.
// (The shapes the CLI prints are compared route by route with the API in tests/server/shapes_test.cc.)
#include "present/json.h"

#include <gtest/gtest.h>

#include "present/json_values.h"

namespace ordo::present {
namespace {

using nlohmann::json;

TEST(ShapesUnitTest, HttpStatusForEveryCode) {
  EXPECT_EQ(HttpStatusFor(Code::kNotFound), 404);
  EXPECT_EQ(HttpStatusFor(Code::kInvalid), 400);
  EXPECT_EQ(HttpStatusFor(Code::kViolation), 422);
  EXPECT_EQ(HttpStatusFor(Code::kConflict), 409);
  EXPECT_EQ(HttpStatusFor(Code::kLimit), 413);
  EXPECT_EQ(HttpStatusFor(Code::kIo), 500);
  EXPECT_EQ(HttpStatusFor(Code::kInternal), 500);
}

TEST(ShapesUnitTest, ErrorBodyHasCodeMessageNotesAndLocation) {
  Status s = Status::Violation("boom", SourceRegion{"x.ordo", {2, 3}, {2, 7}});
  s.AddNote("because", SourceRegion{"y.ordo", {9, 1}, {9, 2}});
  const json j = Unwrap(ErrorJson(s, "line one\nab boom\n", "x.ordo"));
  EXPECT_EQ(j["error"]["code"], "violation");
  EXPECT_EQ(j["error"]["message"], "boom");
  EXPECT_EQ(j["error"]["line"], 2);
  EXPECT_EQ(j["error"]["column"], 3);
  EXPECT_EQ(j["error"]["notes"], json::array({"because"}));
  EXPECT_EQ(j["error"]["note_locations"][0]["file"], "y.ordo");
  EXPECT_NE(j["error"]["rendered"].get<std::string>().find("x.ordo:2:3: error: boom"), std::string::npos);
  const json plain = Unwrap(ErrorJson(Status::NotFound("gone"), {}, {}, "forbidden"));
  EXPECT_EQ(plain["error"]["code"], "forbidden");
  EXPECT_FALSE(plain["error"].contains("line"));
  EXPECT_FALSE(plain["error"].contains("rendered"));
}

}  // namespace
}  // namespace ordo::present
