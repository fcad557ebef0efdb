// Statements, reports, scenarios, watch rules and alerts over HTTP, against the bundled record
// (data/) with the demonstration scenario eu-nato-combat loaded as the Makefile loads it.
#include <gtest/gtest.h>

#include <set>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "server_test_util.h"

namespace ordo::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kScenarioFile = "/data/scenarios/eu-nato-combat-deployment.ordo";

class DataServerTest : public ServerTest {
 protected:
  // Loads data/ (and the scenario) into the file StartServer opens.
  void StartDataServer(ServeOptions options = {}) {
    const std::string path = (dir_.path() / "fixture.db").string();
    LoadOrderFiles(path, "/data");
    if (HasFatalFailure()) return;
    {
      auto db = Database::Open(path);
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      ASSERT_TRUE((*db)->CreateScenario("eu-nato-combat", std::nullopt, "demonstration").ok());
      const std::string file = std::string(ORDO_SOURCE_DIR) + kScenarioFile;
      auto text = lang::ReadTextFile(file);
      ASSERT_TRUE(text.ok());
      ParseResult parsed = ParseOrders(*text, file);
      ASSERT_TRUE(parsed.ok());
      auto applied = (*db)->Apply(parsed.batch, ApplyOptions{false, "eu-nato-combat", *text, file});
      ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    }
    StartServer(options);
  }

  HttpAnswer Delete(const std::string& path, const std::string& token = "") {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return ToAnswer(client_->Delete(path.c_str(), headers));
  }
  HttpAnswer PostJson(const std::string& path, const std::string& body, const std::string& token) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    return ToAnswer(client_->Post(path.c_str(), headers, body, "application/json"));
  }
};

std::set<std::string> Ids(const json& rows) {
  std::set<std::string> ids;
  for (const auto& r : rows) ids.insert(r["id"].get<std::string>());
  return ids;
}

// The API answers with the CLI's --json for each new route (the same builders), so they cannot drift.
TEST_F(DataServerTest, EveryNewRouteMatchesTheCli) {
  StartDataServer();
  auto cli = [this](cli::Request r) {
    r.db = db_path_;
    r.json = true;
    std::ostringstream out, err;
    cli::Io io{out, err};
    cli::RunCommand(r, io);
    return json::parse(out.str(), nullptr, false);
  };
  auto request = [](std::string command, std::string scenario = "", std::string action = "") {
    cli::Request r;
    r.command = std::move(command);
    r.scenario = std::move(scenario);
    r.scenario_action = std::move(action);
    return r;
  };
  cli::Request statements = request("statements");
  statements.speaker = "dmitry-peskov";
  cli::Request report = request("report");
  report.id = "article-2024-02";
  cli::Request diff = request("scenario", "eu-nato-combat", "diff");
  diff.relation = "deployed-to";
  const std::vector<std::pair<cli::Request, std::string>> cases = {
      {statements, "/api/statements?speaker=dmitry-peskov"},
      {report, "/api/reports/article-2024-02"},
      {request("scenario", "", "list"), "/api/scenarios"},
      {diff, "/api/scenarios/eu-nato-combat/diff?relation=deployed-to"},
      {request("rules"), "/api/rules"},
      {request("alerts", "eu-nato-combat"), "/api/alerts?scenario=eu-nato-combat"},
  };
  for (const auto& [r, url] : cases) {
    const json want = cli(r);
    ASSERT_FALSE(want.is_discarded()) << url;
    HttpAnswer got = Get(url);
    ASSERT_EQ(got.status, 200) << url << ": " << got.text;
    EXPECT_EQ(got.body, want) << url;
  }
}

TEST_F(DataServerTest, StatementsOfLateFebruary2024) {
  StartDataServer();
  HttpAnswer a = Get("/api/statements?from=2024-02-26&to=2024-02-27");
  ASSERT_EQ(a.status, 200) << a.text;
  const std::set<std::string> ids = Ids(a.body);
  for (const char* id : {"macron-2024-02-26", "peskov-2024-02-27", "stoltenberg-2024-02-27"}) {
    EXPECT_TRUE(ids.count(id)) << id;
  }
  for (const auto& s : a.body) {
    if (s["id"] != "peskov-2024-02-27") continue;
    EXPECT_EQ(s["kind"], "conditional-threat");
    EXPECT_EQ(s["date"], "2024-02-27");
    EXPECT_FALSE(s["quote"].is_null());
    EXPECT_FALSE(s["reporting"].empty());
  }
  HttpAnswer k = Get("/api/statements?kind=denial");
  ASSERT_EQ(k.status, 200);
  EXPECT_TRUE(Ids(k.body).count("stoltenberg-2024-02-27"));
  EXPECT_FALSE(Ids(k.body).count("peskov-2024-02-27"));
}

TEST_F(DataServerTest, StatementsBadInput) {
  StartDataServer();
  HttpAnswer d = Get("/api/statements?from=2024-02-30");
  EXPECT_EQ(d.status, 400);
  EXPECT_EQ(d.body["error"]["message"],
            "invalid date for 'from': 2024-02-30: day 30 is out of range for February 2024");
  HttpAnswer t = Get("/api/statements?to=24-03-01");
  EXPECT_EQ(t.status, 400);
  EXPECT_EQ(t.body["error"]["message"], "invalid date for 'to': 24-03-01: expected a four-digit year");
  EXPECT_EQ(Get("/api/statements?speaker=nobody-at-all").status, 404);
  EXPECT_EQ(Get("/api/statements?kind=rumour").status, 400);
  HttpAnswer p = Get("/api/statements?speakr=x");
  EXPECT_EQ(p.status, 400);
  EXPECT_EQ(p.body["error"]["message"], "unknown query parameter 'speakr'");
  HttpAnswer s = Get("/api/statements?scenario=no-such");
  EXPECT_EQ(s.status, 404);
  EXPECT_EQ(s.body["error"]["message"], "unknown scenario 'no-such'");
}

TEST_F(DataServerTest, ReportIsCheckedAgainstTheRecord) {
  StartDataServer();
  HttpAnswer a = Get("/api/reports/article-2024-02");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["id"], "article-2024-02");
  EXPECT_FALSE(a.body["claims"].empty());
  EXPECT_TRUE(a.body.contains("counts"));
  EXPECT_EQ(Get("/api/reports/article-2024-03").status, 404);
  EXPECT_EQ(Get("/api/reports/RU-MUR").status, 400);  // not a report
}

TEST_F(DataServerTest, ScenariosAndTheirDiff) {
  StartDataServer();
  HttpAnswer list = Get("/api/scenarios");
  ASSERT_EQ(list.status, 200) << list.text;
  ASSERT_EQ(list.body.size(), 1u);
  EXPECT_EQ(list.body[0]["id"], "eu-nato-combat");
  EXPECT_EQ(list.body[0]["batches"], 1);
  HttpAnswer diff = Get("/api/scenarios/eu-nato-combat/diff?relation=deployed-to");
  ASSERT_EQ(diff.status, 200) << diff.text;
  ASSERT_EQ(diff.body.size(), 1u);
  EXPECT_EQ(diff.body[0]["id"], "FR");
  EXPECT_TRUE(diff.body[0]["record"].empty());
  EXPECT_EQ(diff.body[0]["scenario"][0]["object"], "UA-32");
  HttpAnswer unknown = Get("/api/scenarios/eu-nato-combt/diff");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body["error"]["message"], "unknown scenario 'eu-nato-combt'");
  EXPECT_EQ(unknown.body["error"]["notes"][0], "did you mean 'eu-nato-combat'?");
}

TEST_F(DataServerTest, EveryQueryReadsTheScenario) {
  StartDataServer();
  auto deployed = [](const json& facts) {
    for (const auto& f : facts) {
      if (f["predicate"] == "deployed-to") return f["object"].get<std::string>();
    }
    return std::string();
  };
  EXPECT_EQ(deployed(Get("/api/entity/FR?at=2024-06-02").body["facts"]), "");
  HttpAnswer e = Get("/api/entity/FR?at=2024-06-02&scenario=eu-nato-combat");
  ASSERT_EQ(e.status, 200) << e.text;
  EXPECT_EQ(deployed(e.body["facts"]), "UA-32");
  EXPECT_EQ(Get("/api/history/FR?relation=deployed-to&scenario=eu-nato-combat").body.size(), 1u);
  EXPECT_EQ(Get("/api/snapshot?relation=deployed-to&at=2024-06-02&scenario=eu-nato-combat").body.size(), 1u);
  EXPECT_EQ(Get("/api/map?relation=deployed-to&at=2024-06-02&scenario=eu-nato-combat").body["assignments"]["FR"],
            json::array({"UA-32"}));
  EXPECT_EQ(Get("/api/orders/scenario-fr-combat-deployment-2024").status, 404);
  EXPECT_EQ(Get("/api/orders/scenario-fr-combat-deployment-2024?scenario=eu-nato-combat").status, 200);
  std::set<std::string> orders;
  for (const auto& o : Get("/api/orders?scenario=eu-nato-combat").body) orders.insert(o["id"].get<std::string>());
  EXPECT_TRUE(orders.count("scenario-fr-combat-deployment-2024"));
  EXPECT_EQ(Get("/api/search?q=Kyiv&scenario=eu-nato-combat").status, 200);
  for (const char* path : {"/api/entity/FR?scenario=nope", "/api/orders?scenario=nope", "/api/orders/x?scenario=nope",
                           "/api/search?q=x&scenario=nope", "/api/map?relation=part-of&scenario=nope",
                           "/api/rules?scenario=nope", "/api/alerts?scenario=nope"}) {
    HttpAnswer a = Get(path);
    EXPECT_EQ(a.status, 404) << path;
    EXPECT_EQ(a.body["error"]["message"], "unknown scenario 'nope'") << path;
  }
}

TEST_F(DataServerTest, RulesAndAlertsOnlyInTheScenario) {
  StartDataServer();
  HttpAnswer rules = Get("/api/rules");
  ASSERT_EQ(rules.status, 200) << rules.text;
  EXPECT_TRUE(Ids(rules.body).count("kremlin-red-line-2024"));
  HttpAnswer record = Get("/api/alerts");
  ASSERT_EQ(record.status, 200);
  EXPECT_TRUE(record.body.empty());
  HttpAnswer a = Get("/api/alerts?scenario=eu-nato-combat");
  ASSERT_EQ(a.status, 200) << a.text;
  ASSERT_EQ(a.body.size(), 1u);
  const json& alert = a.body[0];
  EXPECT_EQ(alert["rule"], "kremlin-red-line-2024");
  EXPECT_EQ(alert["date"], "2024-06-01");
  EXPECT_EQ(alert["order"], "scenario-fr-combat-deployment-2024");
  EXPECT_EQ(alert["scenario"], "eu-nato-combat");
  EXPECT_EQ(alert["bindings"]["state"], "FR");
  EXPECT_EQ(alert["cites"], "peskov-2024-02-27");
  EXPECT_EQ(alert["meaning"], "the condition as the statement states it is met; ordo does not assert the consequence");
}

// The alerts as an Atom feed (RFC 4287); tests/web/e2e.mjs parses it with the browser's XML
// parser and checks every element the RFC requires.
TEST_F(DataServerTest, AlertsAsAnAtomFeed) {
  StartDataServer();
  HttpAnswer a = Get("/api/alerts.atom?scenario=eu-nato-combat");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.content_type, "application/atom+xml; charset=utf-8");
  EXPECT_EQ(a.text.rfind("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">", 0),
            0u);
  EXPECT_NE(a.text.find("<id>tag:ordo,2024:alerts/scenario/eu-nato-combat</id>"), std::string::npos);
  auto count = [&](const std::string& what) {
    size_t n = 0;
    for (size_t at = a.text.find(what); at != std::string::npos; at = a.text.find(what, at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(count("<entry>"), 1u);
  EXPECT_NE(a.text.find("<id>tag:ordo,2024:alert/scenario/eu-nato-combat/kremlin-red-line-2024/"
                        "scenario-fr-combat-deployment-2024/"),
            std::string::npos);
  EXPECT_NE(a.text.find("met on 2024-06-01 by scenario-fr-combat-deployment-2024</title>"), std::string::npos);
  EXPECT_NE(a.text.find("href=\"/api/orders/scenario-fr-combat-deployment-2024?scenario=eu-nato-combat\""),
            std::string::npos);
  // The rule's title holds quotes: escaped, never raw inside an attribute.
  EXPECT_NE(a.text.find("would be &apos;inevitable&apos;"), std::string::npos);
  EXPECT_EQ(a.text.find("be 'inevitable'"), std::string::npos);
  HttpAnswer record = Get("/api/alerts.atom");
  ASSERT_EQ(record.status, 200);
  EXPECT_EQ(record.text.find("<entry>"), std::string::npos) << "the record has no alerts";
  EXPECT_NE(record.text.find("<updated>"), std::string::npos) << "a feed has an updated time even when empty";
  HttpAnswer nope = Get("/api/alerts.atom?scenario=nope");
  EXPECT_EQ(nope.status, 404);
  EXPECT_EQ(nope.body["error"]["message"], "unknown scenario 'nope'");
}

TEST_F(DataServerTest, WriteRoutesNeedTheToken) {
  StartDataServer();  // read-only
  HttpAnswer a = PostJson("/api/scenarios", R"({"name": "x"})", "t");
  EXPECT_EQ(a.status, 405);
  EXPECT_EQ(a.body["error"]["code"], "method_not_allowed");
  EXPECT_EQ(Post("/api/scenarios/eu-nato-combat/orders", "# nothing", "t").status, 405);
  EXPECT_EQ(Delete("/api/scenarios/eu-nato-combat", "t").status, 405);
}

TEST_F(DataServerTest, CreateLoadAndDeleteAScenario) {
  ServeOptions options;
  options.write_token = "tok";
  StartDataServer(options);
  EXPECT_EQ(PostJson("/api/scenarios", R"({"name": "quiet"})", "").status, 401);
  EXPECT_EQ(PostJson("/api/scenarios", R"({"name": "quiet"})", "tok2").status, 403);
  EXPECT_EQ(Post("/api/scenarios/eu-nato-combat/orders", "# x", "").status, 401);
  EXPECT_EQ(Delete("/api/scenarios/eu-nato-combat", "bad").status, 403);

  HttpAnswer created = PostJson("/api/scenarios", R"({"name": "quiet", "note": "nothing happens"})", "tok");
  ASSERT_EQ(created.status, 201) << created.text;
  EXPECT_EQ(created.body["id"], "quiet");
  EXPECT_EQ(created.body["note"], "nothing happens");
  EXPECT_EQ(PostJson("/api/scenarios", R"({"name": "quiet"})", "tok").status, 409);
  EXPECT_EQ(PostJson("/api/scenarios", R"({"note": "no name"})", "tok").status, 400);
  EXPECT_EQ(PostJson("/api/scenarios", "[1,", "tok").status, 400);
  HttpAnswer bad_instant = PostJson("/api/scenarios", R"({"name": "old", "from_recorded": "yesterday"})", "tok");
  EXPECT_EQ(bad_instant.status, 400);
  EXPECT_EQ(bad_instant.body["error"]["message"].get<std::string>().rfind("invalid instant for 'from_recorded': ", 0),
            0u);
  httplib::Headers auth{{"Authorization", "Bearer tok"}};
  HttpAnswer form =
      ToAnswer(client_->Post("/api/scenarios", auth, "name=by-form&note=a+form", "application/x-www-form-urlencoded"));
  ASSERT_EQ(form.status, 201) << form.text;
  EXPECT_EQ(form.body["note"], "a form");

  const std::string file = std::string(ORDO_SOURCE_DIR) + kScenarioFile;
  auto text = lang::ReadTextFile(file);
  ASSERT_TRUE(text.ok());
  HttpAnswer loaded = Post("/api/scenarios/quiet/orders", *text, "tok");
  ASSERT_EQ(loaded.status, 200) << loaded.text;
  EXPECT_EQ(loaded.body["scenario"], "quiet");
  EXPECT_EQ(loaded.body["orders"], 1);
  ASSERT_EQ(loaded.body["alerts"].size(), 1u);
  EXPECT_EQ(loaded.body["alerts"][0]["rule"], "kremlin-red-line-2024");
  EXPECT_TRUE(Get("/api/alerts").body.empty()) << "the record is unchanged";

  HttpAnswer typo = Post("/api/scenarios/quiet/orders", "order x \"t\"\n  efective 2024-01-01\n{\n}\n", "tok");
  EXPECT_EQ(typo.status, 400);
  EXPECT_EQ(typo.body["applied"], false);
  EXPECT_TRUE(typo.body["diagnostics"].is_array());
  EXPECT_EQ(Post("/api/scenarios/nope/orders", *text, "tok").status, 404);

  HttpAnswer gone = Delete("/api/scenarios/quiet", "tok");
  ASSERT_EQ(gone.status, 200) << gone.text;
  EXPECT_EQ(gone.body["deleted"], "quiet");
  EXPECT_EQ(Delete("/api/scenarios/quiet", "tok").status, 404);
  EXPECT_EQ(Get("/api/alerts?scenario=quiet").status, 404);
  HttpAnswer put = ToAnswer(client_->Put("/api/scenarios", "x", "text/plain"));
  EXPECT_EQ(put.status, 405);
}

}  // namespace
}  // namespace ordo::server::testing
