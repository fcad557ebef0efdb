// The API answers with the CLI's JSON: every route is compared with `ordo ... --json` on the
// same database, so the two cannot drift apart.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/commands.h"
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

}  // namespace
}  // namespace ordo::server::testing
