// The API answers with the CLI's JSON: every route is compared with `ordo ... --json` on the
// same database, so the two cannot drift apart.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/commands.h"
#include "server/shapes.h"
#include "server_test_util.h"

namespace ordo::server::testing {
namespace {

using nlohmann::json;

class ShapesTest : public ServerTest {
 protected:
  json Cli(cli::Request r) {
    r.db = db_path_;
    r.json = true;
    std::ostringstream out, err;
    cli::Io io{out, err};
    const int code = cli::RunCommand(r, io);
    EXPECT_EQ(code, 0) << err.str();
    return json::parse(out.str());
  }
};

TEST_F(ShapesTest, EveryRouteMatchesTheCli) {
  StartServer();
  struct Case {
    cli::Request request;
    std::string url;
  };
  auto req = [](std::string command, std::string id, std::string relation, std::string at,
                std::string perspective = "") {
    cli::Request r;
    r.command = std::move(command);
    r.id = std::move(id);
    r.relation = std::move(relation);
    r.at = std::move(at);
    r.perspective = std::move(perspective);
    return r;
  };
  cli::Request diff = req("diff", "", "military-district", "");
  diff.date1 = "2024-02-29";
  diff.date2 = "2024-03-01";
  cli::Request diff_ua = req("diff", "", "part-of", "", "RU");
  diff_ua.date1 = "2010-01-01";
  diff_ua.date2 = "2020-01-01";
  cli::Request search = req("search", "NATO", "", "");
  cli::Request recorded = req("show", "RU-MUR", "", "2024-03-01");
  recorded.recorded = "2024-02-01";
  const std::vector<Case> cases = {
      {req("show", "RU-MUR", "", "2024-02-29"), "/api/entity/RU-MUR?at=2024-02-29"},
      {req("show", "UA-43", "", "2024-01-01", "UA"), "/api/entity/UA-43?at=2024-01-01&perspective=UA"},
      {recorded, "/api/entity/RU-MUR?at=2024-03-01&recorded=2024-02-01"},
      {req("members", "leningrad-md", "military-district", "2024-03-01"),
       "/api/members/leningrad-md?relation=military-district&at=2024-03-01"},
      {req("history", "RU-MUR", "", ""), "/api/history/RU-MUR"},
      {req("history", "UA-43", "part-of", "", "RU"), "/api/history/UA-43?relation=part-of&perspective=RU"},
      {req("path", "leningrad-md", "subordinate-to", "2024-03-01"),
       "/api/path/leningrad-md?relation=subordinate-to&at=2024-03-01"},
      {diff, "/api/diff?from=2024-02-29&to=2024-03-01&relation=military-district"},
      {diff_ua, "/api/diff?from=2010-01-01&to=2020-01-01&relation=part-of&perspective=RU"},
      {req("snapshot", "", "part-of", "2024-01-01"), "/api/snapshot?relation=part-of&at=2024-01-01"},
      {req("orders", "", "", ""), "/api/orders"},
      {req("orders", "", "", "", "RU"), "/api/orders?perspective=RU"},
      {req("order", "ru-decree-141-2024", "", ""), "/api/orders/ru-decree-141-2024"},
      {search, "/api/search?q=NATO"},
  };
  for (const Case& c : cases) {
    const json want = Cli(c.request);
    const HttpAnswer got = Get(c.url);
    ASSERT_EQ(got.status, 200) << c.url << ": " << got.text;
    EXPECT_EQ(got.body, want) << c.url;
  }
}

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
  const json j = ErrorBody(s, "line one\nab boom\n", "x.ordo");
  EXPECT_EQ(j["error"]["code"], "violation");
  EXPECT_EQ(j["error"]["message"], "boom");
  EXPECT_EQ(j["error"]["line"], 2);
  EXPECT_EQ(j["error"]["column"], 3);
  EXPECT_EQ(j["error"]["notes"], json::array({"because"}));
  EXPECT_EQ(j["error"]["note_locations"][0]["file"], "y.ordo");
  EXPECT_NE(j["error"]["rendered"].get<std::string>().find("x.ordo:2:3: error: boom"), std::string::npos);
  const json plain = ErrorBody(Status::NotFound("gone"), {}, {}, "forbidden");
  EXPECT_EQ(plain["error"]["code"], "forbidden");
  EXPECT_FALSE(plain["error"].contains("line"));
  EXPECT_FALSE(plain["error"].contains("rendered"));
}

}  // namespace
}  // namespace ordo::server::testing
