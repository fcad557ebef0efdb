// The JSON API against a server on loopback: answers, errors with their status codes and
// messages, limits, the write token, and readers running while orders are applied.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <atomic>
#include <cctype>
#include <set>
#include <thread>
#include <vector>

#include "server_test_util.h"

namespace ordo::server::testing {
namespace {

using nlohmann::json;

std::vector<std::string> Notes(const HttpAnswer& a) {
  std::vector<std::string> out;
  for (const auto& n : a.body["error"]["notes"]) out.push_back(n.get<std::string>());
  return out;
}

TEST_F(ServerTest, IndexListsRoutesAndSaysReadOnly) {
  StartServer();
  HttpAnswer a = Get("/api");
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(a.body["service"], "ordo");
  EXPECT_FALSE(a.body["writable"].get<bool>());
  EXPECT_EQ(a.body["entities"], 12);
}

TEST_F(ServerTest, EntityAtTheDateBeforeAndAfterDecree141) {
  StartServer();
  HttpAnswer before = Get("/api/entity/RU-MUR?at=2024-02-29");
  ASSERT_EQ(before.status, 200) << before.text;
  EXPECT_EQ(before.body["id"], "RU-MUR");
  EXPECT_EQ(before.body["at"], "2024-02-29");
  std::string district;
  for (const auto& f : before.body["facts"]) {
    if (f["predicate"] == "military-district") district = f["object"];
  }
  EXPECT_EQ(district, "northern-fleet");
  HttpAnswer after = Get("/api/entity/RU-MUR?at=2024-03-01");
  for (const auto& f : after.body["facts"]) {
    if (f["predicate"] == "military-district") {
      EXPECT_EQ(f["object"], "leningrad-md");
      EXPECT_EQ(f["order"], "ru-decree-141-2024");
      EXPECT_EQ(f["sources"], json::array({"decree-141-2024"}));
    }
  }
}

TEST_F(ServerTest, EntityNamesAreThoseOfTheDateInEveryLanguage) {
  StartServer();
  HttpAnswer a = Get("/api/entity/leningrad-md?at=2024-03-01");
  ASSERT_EQ(a.status, 200);
  std::set<std::string> names;
  for (const auto& n : a.body["names"]) names.insert(n["lang"].get<std::string>() + ":" + n["text"].get<std::string>());
  EXPECT_TRUE(names.count("en:Leningrad Military District"));
  EXPECT_TRUE(names.count("ru:Ленинградский военный округ"));
}

TEST_F(ServerTest, MapGivesAssignmentsAndANamedLegend) {
  StartServer();
  HttpAnswer a = Get("/api/map?relation=military-district&at=2024-02-29");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["assignments"]["RU-MUR"], json::array({"northern-fleet"}));
  EXPECT_EQ(a.body["assignments"]["RU-LEN"], json::array({"western-md"}));
  bool found = false;
  for (const auto& item : a.body["legend"]) {
    if (item["id"] == "northern-fleet") {
      found = true;
      EXPECT_EQ(item["name"], "Northern Fleet");
      EXPECT_EQ(item["kind"], "fleet");
      EXPECT_EQ(item["count"], 2);
    }
  }
  EXPECT_TRUE(found);
  HttpAnswer b = Get("/api/map?relation=military-district&at=2024-03-01");
  EXPECT_EQ(b.body["assignments"]["RU-MUR"], json::array({"leningrad-md"}));
  ASSERT_EQ(b.body["legend"].size(), 1u);
  EXPECT_EQ(b.body["legend"][0]["name"], "Leningrad Military District");
}

TEST_F(ServerTest, MapRedrawsContestedRegionsPerPerspective) {
  StartServer();
  EXPECT_EQ(Get("/api/map?relation=part-of&at=2024-01-01&perspective=RU").body["assignments"]["UA-43"],
            json::array({"RU"}));
  EXPECT_EQ(Get("/api/map?relation=part-of&at=2024-01-01&perspective=UA").body["assignments"]["UA-43"],
            json::array({"UA"}));
  EXPECT_EQ(Get("/api/map?relation=part-of&at=2024-01-01&perspective=UN").body["assignments"]["UA-43"],
            json::array({"UA"}));
  HttpAnswer all = Get("/api/map?relation=part-of&at=2024-01-01");
  EXPECT_EQ(all.body["assignments"]["UA-43"], json::array({"RU", "UA"}));
  EXPECT_EQ(all.body["disputed"]["UA-43"].size(), 3u);
  EXPECT_EQ(all.body["perspective"], nullptr);
  // Before 2014 the region is undisputed in every view.
  EXPECT_EQ(Get("/api/map?relation=part-of&at=2010-01-01&perspective=RU").body["assignments"]["UA-43"],
            json::array({"UA"}));
}

TEST_F(ServerTest, ChangesListsTheDatesTheMapChangesOn) {
  StartServer();
  HttpAnswer a = Get("/api/changes?relation=military-district");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["dates"], json::array({"2010-12-01", "2021-01-01", "2024-03-01"}));
  HttpAnswer p = Get("/api/changes?relation=part-of&perspective=RU");
  EXPECT_EQ(p.body["dates"], json::array({"1992-05-07", "2014-03-18"}));
  EXPECT_EQ(Get("/api/changes").status, 400);
}

TEST_F(ServerTest, TreeOfCommands) {
  StartServer();
  HttpAnswer a = Get("/api/tree?at=2024-03-01");
  ASSERT_EQ(a.status, 200) << a.text;
  std::map<std::string, json> nodes;
  for (const auto& n : a.body["nodes"]) nodes[n["id"]] = n;
  EXPECT_EQ(nodes["leningrad-md"]["parent"], "ministry-of-defence");
  EXPECT_EQ(nodes["ministry-of-defence"]["parent"], nullptr);
  EXPECT_EQ(nodes.count("western-md"), 0u);
  EXPECT_EQ(nodes["northern-fleet"]["kind"], "fleet");
}

// The lineage route gives both ends with their lives and each event with its order and sources;
// the entity carries the same events; an unknown id is a 404 with a hint.
TEST_F(ServerTest, LineageOfADistrictBothWays) {
  StartServer();
  HttpAnswer a = Get("/api/lineage/western-md");
  ASSERT_EQ(a.status, 200) << a.text;
  ASSERT_EQ(a.body["links"].size(), 1u);
  const json& link = a.body["links"][0];
  EXPECT_EQ(link["date"], "2024-03-01");
  EXPECT_EQ(link["predecessor"], "western-md");
  EXPECT_EQ(link["successor"], "leningrad-md");
  EXPECT_EQ(link["type"], "formed-from");
  EXPECT_EQ(link["order"], "ru-decree-141-2024");
  EXPECT_EQ(link["sources"], json::array({"decree-141-2024"}));
  std::set<std::string> ids;
  for (const auto& e : a.body["entities"]) ids.insert(e["id"].get<std::string>());
  EXPECT_EQ(ids, (std::set<std::string>{"western-md", "leningrad-md"}));
  HttpAnswer e = Get("/api/entity/leningrad-md?at=2024-03-01");
  ASSERT_EQ(e.status, 200) << e.text;
  ASSERT_EQ(e.body["lineage"].size(), 1u);
  EXPECT_EQ(e.body["lineage"][0], link);
  HttpAnswer unknown = Get("/api/lineage/western-mdd");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.body["error"]["message"].get<std::string>().find("western-mdd"), std::string::npos) << unknown.text;
}

TEST_F(ServerTest, NamesOfManyEntitiesInOneCall) {
  StartServer();
  HttpAnswer a = Get("/api/names?ids=RU-MUR,leningrad-md,RU-MUR,UN,western-md&at=2024-03-01");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["at"], "2024-03-01");
  ASSERT_EQ(a.body["names"].size(), 3u) << a.text;  // asked order, duplicates once, unknown apart
  EXPECT_EQ(a.body["names"][0]["id"], "RU-MUR");
  EXPECT_EQ(a.body["names"][0]["name"], "Murmansk Oblast");
  EXPECT_EQ(a.body["names"][0]["kind"], "federal-subject");
  EXPECT_TRUE(a.body["names"][0]["alive"].get<bool>());
  EXPECT_EQ(a.body["names"][1]["name"], "Leningrad Military District");
  std::set<std::string> langs;
  for (const auto& n : a.body["names"][1]["names"]) langs.insert(n["lang"].get<std::string>());
  EXPECT_EQ(langs, (std::set<std::string>{"en", "ru"}));
  // Ended on 2024-03-01: named as it was on its last day.
  EXPECT_EQ(a.body["names"][2]["id"], "western-md");
  EXPECT_EQ(a.body["names"][2]["name"], "Western Military District");
  EXPECT_FALSE(a.body["names"][2]["alive"].get<bool>());
  EXPECT_EQ(a.body["unknown"], json::array({"UN"}));
  // Before it existed: named as on its first day.
  HttpAnswer early = Get("/api/names?ids=leningrad-md&at=2000-01-01");
  ASSERT_EQ(early.status, 200) << early.text;
  EXPECT_EQ(early.body["names"][0]["name"], "Leningrad Military District");
  EXPECT_FALSE(early.body["names"][0]["alive"].get<bool>());

  EXPECT_EQ(Get("/api/names").status, 400);
  EXPECT_EQ(Get("/api/names?ids=,").status, 400);
  EXPECT_EQ(Get("/api/names?ids=RU-MUR&at=2024-02-30").status, 400);
  std::string many = "x0";
  for (int i = 1; i <= 1000; ++i) many += ",x" + std::to_string(i);
  HttpAnswer too_many = Get("/api/names?ids=" + many);
  EXPECT_EQ(too_many.status, 400);
  EXPECT_EQ(too_many.body["error"]["message"], "too many ids: 1001 (at most 1000 per request)");
}

TEST_F(ServerTest, SearchFindsNamesAndAliasesInEnglishAndRussian) {
  StartServer();
  EXPECT_EQ(Get("/api/search?q=NATO").body[0]["id"], "nato");
  EXPECT_EQ(Get("/api/search?q=%D0%9D%D0%90%D0%A2%D0%9E").body[0]["id"], "nato");  // НАТО
  EXPECT_EQ(Get("/api/search?q=%D0%9C%D1%83%D1%80%D0%BC%D0%B0%D0%BD%D1%81%D0%BA%D0%B0%D1%8F").body[0]["id"],
            "RU-MUR");  // Мурманская (prefix)
  EXPECT_EQ(Get("/api/search?q=Murmansk").body[0]["id"], "RU-MUR");
}

TEST_F(ServerTest, OrdersAndOneOrder) {
  StartServer();
  HttpAnswer list = Get("/api/orders");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.size(), 8u);
  HttpAnswer ua = Get("/api/orders?perspective=UA");
  for (const auto& o : ua.body) EXPECT_NE(o["perspective"], "RU");
  HttpAnswer one = Get("/api/orders/ru-decree-141-2024");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.body["effective"], "2024-03-01");
  EXPECT_EQ(one.body["sources"][0]["url"], "http://publication.pravo.gov.ru/document/0001202402260001");
  EXPECT_FALSE(one.body["asserted"].empty());
  EXPECT_FALSE(one.body["superseded"].empty());
}

// ---- The analyst's questions: changes in a period, then versus now, set queries ----

// Percent-encodes a query parameter's value.
std::string Encode(const std::string& text) {
  std::string out;
  for (unsigned char ch : text) {
    if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '~') {
      out += static_cast<char>(ch);
    } else {
      out += fmt::format("%{:02X}", ch);
    }
  }
  return out;
}

TEST_F(ServerTest, ChangesListEveryChangeInAPeriodWithNames) {
  StartServer();
  HttpAnswer a = Get("/api/changes?relation=military-district&from=2021&to=2024");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["from"], "2021-01-01");
  EXPECT_EQ(a.body["to"], "2024-12-31");
  std::vector<std::string> seen;
  for (const auto& c : a.body["changes"]) {
    seen.push_back(c["date"].get<std::string>() + " " + c["id"].get<std::string>() + " " +
                   c["before"][0]["object"].get<std::string>() + " -> " + c["after"][0]["object"].get<std::string>());
  }
  EXPECT_EQ(seen,
            (std::vector<std::string>{
                "2021-01-01 RU-ARK western-md -> northern-fleet", "2021-01-01 RU-MUR western-md -> northern-fleet",
                "2024-03-01 RU-ARK northern-fleet -> leningrad-md", "2024-03-01 RU-LEN western-md -> leningrad-md",
                "2024-03-01 RU-MUR northern-fleet -> leningrad-md"}));
  const json& mur = a.body["changes"][4];
  EXPECT_EQ(mur["name"], "Murmansk Oblast");
  EXPECT_EQ(mur["after"][0]["name"], "Leningrad Military District");
  EXPECT_EQ(mur["order"], "ru-decree-141-2024");
  EXPECT_EQ(mur["sources"], json::array({"decree-141-2024"}));
  // The dates the map changes on are still there for the time slider.
  EXPECT_TRUE(a.body.contains("dates"));
  // As recorded before the decree, March 2024 brought no change.
  HttpAnswer before = Get("/api/changes?relation=military-district&from=2024&recorded=2024-02-01");
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(before.body["changes"].empty());
}

TEST_F(ServerTest, ChangesRefuseABadPeriodAndSuggestARelation) {
  StartServer();
  HttpAnswer bad = Get("/api/changes?relation=military-district&from=2024-02-30");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["message"],
            "invalid date for 'from': 2024-02-30: day 30 is out of range for February 2024");
  HttpAnswer empty = Get("/api/changes?relation=military-district&from=2024-05-01&to=2024-04-01");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.body["error"]["message"], "the period is empty: 'to' 2024-04-01 is before 'from' 2024-05-01");
  HttpAnswer rel = Get("/api/changes?relation=militery-district");
  EXPECT_EQ(rel.status, 404);
  EXPECT_EQ(rel.body["error"]["message"], "unknown relation or attribute 'militery-district'");
  EXPECT_EQ(Notes(rel), std::vector<std::string>{"did you mean 'military-district'?"});
}

TEST_F(ServerTest, CompareThenAndNowWithTheOrderThatMadeTheDifference) {
  StartServer();
  HttpAnswer a = Get("/api/compare?then=2024-02-01&at=2024-03-01&relation=military-district");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["then"], "2024-02-01T00:00:00Z");
  EXPECT_TRUE(a.body["now"].is_null());
  ASSERT_EQ(a.body["facts"].size(), 3u);
  for (const auto& f : a.body["facts"]) {
    EXPECT_EQ(f["kind"], "corrected") << f.dump();
    EXPECT_EQ(f["now"][0]["object"], "leningrad-md");
    EXPECT_EQ(f["order"], "ru-decree-141-2024");
    EXPECT_EQ(f["order_recorded"], "2024-02-26T00:00:00Z");
  }
  EXPECT_EQ(a.body["facts"][0]["id"], "RU-ARK");
  EXPECT_EQ(a.body["facts"][0]["then"][0]["object"], "northern-fleet");
  // The same two record times either side of nothing: no difference.
  HttpAnswer same = Get("/api/compare?then=2024-02-27&now=2024-06-01&relation=military-district");
  ASSERT_EQ(same.status, 200);
  EXPECT_TRUE(same.body["facts"].empty());
  // Before anything was recorded, the decree's district is added.
  HttpAnswer added = Get("/api/compare?then=2023-01-01&now=2024-01-02&at=2021-06-01&relation=military-district");
  ASSERT_EQ(added.status, 200);
  ASSERT_EQ(added.body["facts"].size(), 3u);
  EXPECT_EQ(added.body["facts"][0]["kind"], "added");
}

TEST_F(ServerTest, CompareRefusesBadRecordTimes) {
  StartServer();
  HttpAnswer missing = Get("/api/compare?at=2024-03-01");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["error"]["message"], "missing query parameter 'then' (a record time)");
  HttpAnswer bad = Get("/api/compare?then=yesterday");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["message"].get<std::string>().rfind("invalid instant for 'then': ", 0), 0u);
  HttpAnswer order = Get("/api/compare?then=2024-03-01&now=2024-02-01");
  EXPECT_EQ(order.status, 400);
  EXPECT_EQ(order.body["error"]["message"],
            "the second record time 2024-02-01T00:00:00Z is before the first 2024-03-01T00:00:00Z");
  HttpAnswer rel = Get("/api/compare?then=2024-02-01&relation=subordinate-too");
  EXPECT_EQ(rel.status, 404);
  EXPECT_EQ(Notes(rel), std::vector<std::string>{"did you mean 'subordinate-to'?"});
}

TEST_F(ServerTest, QueryAnswersWithNamesAndNegation) {
  StartServer();
  HttpAnswer a = Get("/api/query?q=" + Encode("member-of(?s, nato)") + "&at=2024-03-01");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["columns"], json::array({"s"}));
  EXPECT_EQ(a.body["count"], 1);
  EXPECT_EQ(a.body["rows"][0]["s"]["id"], "FR");
  EXPECT_EQ(a.body["rows"][0]["s"]["name"], "France");
  EXPECT_GT(a.body["work"].get<uint64_t>(), 0u);
  HttpAnswer join = Get(
      "/api/query?q=" + Encode("select ?t where military-district(?t, ?d), not military-district(?t, leningrad-md)") +
      "&at=2024-02-29");
  ASSERT_EQ(join.status, 200) << join.text;
  std::vector<std::string> ids;
  for (const auto& r : join.body["rows"]) ids.push_back(r["t"]["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"RU-ARK", "RU-LEN", "RU-MUR"}));
  HttpAnswer after = Get(
      "/api/query?q=" + Encode("select ?t where military-district(?t, ?d), not military-district(?t, leningrad-md)") +
      "&at=2024-03-01");
  ASSERT_EQ(after.status, 200);
  EXPECT_TRUE(after.body["rows"].empty());
}

TEST_F(ServerTest, QueryErrorsAreLocatedAndTheWorkIsBounded) {
  StartServer();
  HttpAnswer rel = Get("/api/query?q=" + Encode("member-of(?s, nato), membr-of(?s, ?a)"));
  EXPECT_EQ(rel.status, 404);
  EXPECT_EQ(rel.body["error"]["message"], "unknown relation or attribute 'membr-of'");
  EXPECT_EQ(rel.body["error"]["file"], "<query>");
  EXPECT_EQ(rel.body["error"]["line"], 1);
  EXPECT_EQ(rel.body["error"]["column"], 22);
  EXPECT_EQ(Notes(rel), std::vector<std::string>{"did you mean 'member-of'?"});
  HttpAnswer syntax = Get("/api/query?q=" + Encode("member-of(?s nato)"));
  EXPECT_EQ(syntax.status, 400);
  EXPECT_EQ(syntax.body["error"]["line"], 1);
  HttpAnswer unsafe = Get("/api/query?q=" + Encode("not member-of(?s, nato)"));
  EXPECT_EQ(unsafe.status, 400);
  EXPECT_EQ(unsafe.body["error"]["message"], "?s appears only in a negated atom");
  HttpAnswer work = Get("/api/query?q=" + Encode("part-of(?a, ?s), part-of(?b, ?s), part-of(?c, ?s)") + "&max_work=10");
  EXPECT_EQ(work.status, 413);
  EXPECT_EQ(work.body["error"]["code"], "limit");
  EXPECT_EQ(work.body["error"]["message"], "the query needs more than 10 steps");
  HttpAnswer zero = Get("/api/query?q=" + Encode("member-of(?s, nato)") + "&max_work=0");
  EXPECT_EQ(zero.status, 400);
  EXPECT_EQ(zero.body["error"]["message"], "invalid value for 'max_work': '0' (a whole number from 1 to 1000000000)");
  EXPECT_EQ(Get("/api/query").status, 400);
}

TEST_F(ServerTest, SnapshotOfTheContestedSubjectsOnly) {
  StartServer();
  HttpAnswer all = Get("/api/snapshot?relation=part-of&at=2024-03-01");
  ASSERT_EQ(all.status, 200);
  HttpAnswer a = Get("/api/snapshot?relation=part-of&at=2024-03-01&contested=1");
  ASSERT_EQ(a.status, 200) << a.text;
  std::set<std::string> subjects, perspectives;
  for (const auto& f : a.body) {
    subjects.insert(f["id"].get<std::string>());
    perspectives.insert(f["perspective"].get<std::string>());
  }
  EXPECT_EQ(subjects, std::set<std::string>{"UA-43"});
  EXPECT_EQ(perspectives, (std::set<std::string>{"RU", "UA", "UN"}));
  EXPECT_GT(all.body.size(), a.body.size());
  HttpAnswer before = Get("/api/snapshot?relation=part-of&at=2014-01-01&contested=true");
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(before.body.empty());
  HttpAnswer bad = Get("/api/snapshot?relation=part-of&contested=yes");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.body["error"]["message"], "invalid value for 'contested': 'yes' (1 or true)");
}

TEST_F(ServerTest, ExportTheOrderOfBattleForOrbatMapper) {
  StartServer();
  HttpAnswer a = Get("/api/export/orbat?at=2024-03-01");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["type"], "ORBAT-mapper");
  EXPECT_EQ(a.body["startTime"], "2024-03-01T00:00:00Z");
  const json& top = a.body["sides"][0]["groups"][0]["subUnits"];
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(top[0]["id"], "ministry-of-defence");
  std::set<std::string> beneath;
  for (const auto& u : top[0]["subUnits"]) beneath.insert(u["id"].get<std::string>());
  EXPECT_TRUE(beneath.count("leningrad-md") && beneath.count("northern-fleet")) << a.text;
  EXPECT_EQ(Get("/api/export/orbat?relation=subordinate-too").status, 404);
}

// ---- Bad requests ----

TEST_F(ServerTest, BadDateIs400WithThePreciseMessage) {
  StartServer();
  HttpAnswer a = Get("/api/entity/RU-MUR?at=2024-02-30");
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.body["error"]["code"], "invalid");
  EXPECT_EQ(a.body["error"]["message"], "invalid date for 'at': 2024-02-30: day 30 is out of range for February 2024");
  HttpAnswer m = Get("/api/map?relation=military-district&at=2024-13-01");
  EXPECT_EQ(m.status, 400);
  EXPECT_EQ(m.body["error"]["message"], "invalid date for 'at': 2024-13-01: month 13 is out of range (1-12)");
  HttpAnswer r = Get("/api/entity/RU-MUR?recorded=yesterday");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.body["error"]["message"].get<std::string>().rfind("invalid instant for 'recorded': ", 0), 0u);
  HttpAnswer d = Get("/api/diff?from=2024-02-29&to=24-03-01");
  EXPECT_EQ(d.status, 400);
  EXPECT_EQ(d.body["error"]["message"], "invalid date for 'to': 24-03-01: expected a four-digit year");
}

TEST_F(ServerTest, UnknownIdIs404WithAHint) {
  StartServer();
  HttpAnswer a = Get("/api/entity/RU-MUX?at=2024-02-29");
  EXPECT_EQ(a.status, 404);
  EXPECT_EQ(a.body["error"]["code"], "not_found");
  EXPECT_EQ(a.body["error"]["message"], "unknown id 'RU-MUX'");
  EXPECT_EQ(Notes(a), std::vector<std::string>{"did you mean 'RU-MUR' (Murmansk Oblast)?"});
  HttpAnswer o = Get("/api/orders/ru-decree-141-2042");
  EXPECT_EQ(o.status, 404);
  EXPECT_EQ(Notes(o).at(0), "did you mean 'ru-decree-141-2024'?");
  HttpAnswer p = Get("/api/map?relation=part-of&perspective=XX");
  EXPECT_EQ(p.status, 404);
  EXPECT_EQ(p.body["error"]["message"], "unknown perspective 'XX'");
  HttpAnswer rel = Get("/api/snapshot?relation=military-distrct");
  EXPECT_EQ(rel.status, 404);
  EXPECT_FALSE(Notes(rel).empty());
}

TEST_F(ServerTest, UnknownParameterRouteAndMethod) {
  StartServer();
  HttpAnswer a = Get("/api/entity/RU-MUR?att=2024-02-29");
  EXPECT_EQ(a.status, 400);
  EXPECT_EQ(a.body["error"]["message"], "unknown query parameter 'att'");
  EXPECT_EQ(Notes(a).at(0), "did you mean 'at'?");
  HttpAnswer missing = Get("/api/snapshot");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["error"]["message"], "missing query parameter 'relation'");
  EXPECT_EQ(Get("/api/nothing").status, 404);
  EXPECT_EQ(Get("/api/nothing").body["error"]["code"], "not_found");
  HttpAnswer put = ToAnswer(client_->Put("/api/entity/RU-MUR", "x", "text/plain"));
  EXPECT_EQ(put.status, 405);
  EXPECT_EQ(put.body["error"]["code"], "method_not_allowed");
  EXPECT_EQ(Get("/api/search?q=x&limit=0").status, 400);
  EXPECT_EQ(Get("/api/search?q=x&limit=abc").status, 400);
}

TEST_F(ServerTest, ResultRowLimitIs413) {
  ServeOptions options;
  options.max_result_rows = 2;
  StartServer(options);
  HttpAnswer a = Get("/api/snapshot?relation=part-of&at=2024-01-01");
  EXPECT_EQ(a.status, 413);
  EXPECT_EQ(a.body["error"]["code"], "limit");
}

TEST_F(ServerTest, OversizedBodyIs413) {
  ServeOptions options;
  options.write_token = "secret";
  options.max_body_bytes = 1000;
  StartServer(options);
  HttpAnswer a = Post("/api/orders", std::string(5000, '#'), "secret");
  EXPECT_EQ(a.status, 413);
  EXPECT_EQ(a.body["error"]["code"], "limit");
  EXPECT_EQ(a.body["error"]["message"], "the request body is larger than the limit of 1000 bytes");
}

// ---- The web root ----

TEST_F(ServerTest, ServesTheWebRoot) {
  StartServer();
  HttpAnswer index = Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.content_type, "text/html; charset=utf-8");
  EXPECT_EQ(index.text, "<!doctype html><title>ordo</title>");
  HttpAnswer js = Get("/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(Get("/assets/missing.js").status, 404);
}

TEST_F(ServerTest, PathTraversalCannotLeaveTheWebRoot) {
  StartServer();
  const int port = server_->port();
  for (const std::string target : {"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt",
                                   "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "/..%2fsecret.txt",
                                   "/%2e%2e%2fsecret.txt", "/.%2e/secret.txt", "//etc/passwd", "/%2fetc%2fpasswd",
                                   "/..\\secret.txt", "/%5c..%5csecret.txt", "/assets/./app.js", "/%00/etc/passwd"}) {
    const std::string answer =
        RawRequest(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    const int status = RawStatus(answer);
    EXPECT_TRUE(status == 404 || status == 400) << target << " -> " << answer.substr(0, 200);
    EXPECT_EQ(answer.find("top secret"), std::string::npos) << target;
    EXPECT_EQ(answer.find("root:"), std::string::npos) << target;
  }
  // An absolute URI in the request line is not a path on disk either.
  const std::string abs = RawRequest(port, "GET /etc/passwd HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(RawStatus(abs), 404);
}

// ---- Writing ----

const char* kNewOrder = R"(source test-source {
  title "A test source"
  url   "https://example.org/test"
}
order test-move-2025 "Murmansk back to the fleet"
  issuer RU  effective 2025-01-01  recorded 2025-01-01  sources test-source
{
  move RU-MUR military-district -> northern-fleet
}
)";

TEST_F(ServerTest, ReadOnlyServerRefusesOrdersWith405) {
  StartServer();
  HttpAnswer a = Post("/api/orders", kNewOrder, "anything");
  EXPECT_EQ(a.status, 405);
  EXPECT_EQ(a.body["error"]["code"], "method_not_allowed");
}

TEST_F(ServerTest, WriteTokenIsRequiredAndChecked) {
  ServeOptions options;
  options.write_token = "s3cret-token";
  StartServer(options);
  HttpAnswer none = Post("/api/orders", kNewOrder);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(none.body["error"]["code"], "unauthorized");
  HttpAnswer wrong = Post("/api/orders", kNewOrder, "s3cret-tokem");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(wrong.body["error"]["code"], "forbidden");
  HttpAnswer shorter = Post("/api/orders", kNewOrder, "s3cret");
  EXPECT_EQ(shorter.status, 403);
  EXPECT_EQ(Get("/api/entity/RU-MUR?at=2025-06-01").body["facts"][0]["object"], "leningrad-md");

  HttpAnswer check = Post("/api/orders?check=1", kNewOrder, "s3cret-token");
  ASSERT_EQ(check.status, 200) << check.text;
  EXPECT_FALSE(check.body["applied"].get<bool>());
  HttpAnswer ok = Post("/api/orders", kNewOrder, "s3cret-token");
  ASSERT_EQ(ok.status, 200) << ok.text;
  EXPECT_TRUE(ok.body["applied"].get<bool>());
  EXPECT_EQ(ok.body["orders"], 1);
  HttpAnswer after = Get("/api/map?relation=military-district&at=2025-06-01");
  EXPECT_EQ(after.body["assignments"]["RU-MUR"], json::array({"northern-fleet"}));
  // The new order's sources show on its facts at once.
  HttpAnswer e = Get("/api/entity/RU-MUR?at=2025-06-01");
  for (const auto& f : e.body["facts"]) {
    if (f["predicate"] == "military-district") {
      EXPECT_EQ(f["sources"], json::array({"test-source"}));
    }
  }
  // Applying the same order again is a conflict.
  HttpAnswer again = Post("/api/orders", kNewOrder, "s3cret-token");
  EXPECT_EQ(again.status, 409) << again.text;
}

// Regression: after an `ordo load` by another process on the same file, a server with a write
// token answered every POST with a 500 ("UNIQUE constraint failed") until restarted, and reads
// and ?check=1 answered from the record as it was at start.
TEST_F(ServerTest, OrdersWrittenByAnotherProcessAreSeenBeforeEveryAnswer) {
  ServeOptions options;
  options.write_token = "tok";
  StartServer(options);
  const std::string url = "/api/entity/RU-MUR?at=2025-06-01";
  ASSERT_EQ(Get(url).body["facts"][0]["object"], "leningrad-md");  // now in the cache
  {
    auto other = Database::Open(db_path_);  // as `ordo load` in another process
    ASSERT_TRUE(other.ok()) << other.status().ToString();
    ParseResult p = ParseOrders(kNewOrder, "other.ordo");
    ASSERT_TRUE(p.ok());
    ASSERT_TRUE((*other)->Apply(p.batch).ok());
  }
  EXPECT_EQ(Get(url).body["facts"][0]["object"], "northern-fleet");
  HttpAnswer check = Post("/api/orders?check=1", kNewOrder, "tok");
  EXPECT_EQ(check.status, 409) << check.text;  // the order is on the file already
  HttpAnswer next = Post("/api/orders", R"(order test-back-2026 "Back to Leningrad"
  issuer RU  effective 2026-01-01  recorded 2026-01-01  sources test-source
{
  move RU-MUR military-district -> leningrad-md
}
)",
                         "tok");
  ASSERT_EQ(next.status, 200) << next.text;
  EXPECT_EQ(Get("/api/entity/RU-MUR?at=2026-06-01").body["facts"][0]["object"], "leningrad-md");
  EXPECT_EQ(Get(url).body["facts"][0]["object"], "northern-fleet");
}

// A read is answered from the cache while the record is unchanged, with an ETag a client may
// send back (304); a write makes every kept answer stale at once, a scenario's too.
TEST_F(ServerTest, ReadsAreCachedAndTaggedUntilTheRecordChanges) {
  ServeOptions options;
  options.write_token = "tok";
  StartServer(options);
  const std::string url = "/api/entity/RU-MUR?at=2025-06-01";
  httplib::Result first = client_->Get(url.c_str());
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  const std::string etag = first->get_header_value("ETag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first->get_header_value("Cache-Control"), "no-cache");
  httplib::Result again = client_->Get(url.c_str());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->body, first->body);
  EXPECT_EQ(again->get_header_value("ETag"), etag);
  httplib::Result same = client_->Get(url.c_str(), {{"If-None-Match", etag}});
  ASSERT_TRUE(same);
  EXPECT_EQ(same->status, 304);
  EXPECT_TRUE(same->body.empty());
  // Another query string is another answer.
  httplib::Result other = client_->Get("/api/entity/RU-MUR?at=2025-06-01&pretty=1");
  ASSERT_TRUE(other);
  EXPECT_NE(other->get_header_value("ETag"), etag);

  ASSERT_EQ(Post("/api/orders", kNewOrder, "tok").status, 200);
  httplib::Result after = client_->Get(url.c_str(), {{"If-None-Match", etag}});
  ASSERT_TRUE(after);
  ASSERT_EQ(after->status, 200);
  EXPECT_NE(after->get_header_value("ETag"), etag);
  auto body = nlohmann::json::parse(after->body);
  EXPECT_EQ(body["facts"][0]["object"], "northern-fleet");
}

TEST_F(ServerTest, ParseErrorsComeBackWithLineColumnAndRenderedText) {
  ServeOptions options;
  options.write_token = "t";
  StartServer(options);
  const std::string text =
      "order bad \"Typo\"\n"
      "  effective 2025-01-01  sources fixture-atlas\n"
      "{\n"
      "  move RU-MUR military-distrct -> leningrad-md\n"
      "}\n";
  // As `curl --data-binary` sends it: form-encoded, so the body must not be read as parameters.
  httplib::Headers headers{{"Authorization", "Bearer t"}};
  HttpAnswer a =
      ToAnswer(client_->Post("/api/orders?file=typo.ordo", headers, text, "application/x-www-form-urlencoded"));
  ASSERT_TRUE(a.status == 400 || a.status == 404) << a.text;
  const json& e = a.body["error"];
  EXPECT_EQ(e["file"], "typo.ordo");
  EXPECT_EQ(e["line"], 4);
  EXPECT_EQ(e["column"], 15);
  EXPECT_NE(e["message"].get<std::string>().find("military-distrct"), std::string::npos) << e;
  EXPECT_NE(e["rendered"].get<std::string>().find("typo.ordo:4:15: error:"), std::string::npos) << e["rendered"];
  EXPECT_FALSE(a.body["applied"].get<bool>());

  const std::string syntax = "order x \"no body\"\n  effective 2025-13-01 sources fixture-atlas\n";
  HttpAnswer b = Post("/api/orders", syntax, "t");
  EXPECT_EQ(b.status, 400);
  EXPECT_EQ(b.body["error"]["code"], "invalid");
  EXPECT_EQ(b.body["error"]["file"], "<http>");
  EXPECT_GE(b.body["diagnostics"].size(), 1u);
  EXPECT_EQ(Post("/api/orders", "   \n", "t").status, 400);
}

TEST_F(ServerTest, ViolationIs422WithNotes) {
  ServeOptions options;
  options.write_token = "t";
  StartServer(options);
  // An exclusive relation cannot get a second object over the same time.
  const std::string text =
      "order clash \"Second district\"\n"
      "  effective 2024-06-01  recorded 2025-01-01  sources fixture-atlas\n"
      "{\n"
      "  assign RU-MUR military-district -> northern-fleet\n"
      "}\n";
  HttpAnswer a = Post("/api/orders", text, "t");
  EXPECT_EQ(a.status, 422) << a.text;
  EXPECT_EQ(a.body["error"]["code"], "violation");
  EXPECT_EQ(a.body["error"]["line"], 4);
  EXPECT_FALSE(a.body["error"]["notes"].empty());
  EXPECT_NE(a.body["error"]["rendered"].get<std::string>().find("<http>:4:"), std::string::npos);
  // Nothing changed.
  EXPECT_EQ(Get("/api/map?relation=military-district&at=2024-06-01").body["assignments"]["RU-MUR"],
            json::array({"leningrad-md"}));
}

TEST_F(ServerTest, EveryErrorOfABatchComesBackInDiagnostics) {
  ServeOptions options;
  options.write_token = "t";
  StartServer(options);
  const std::string text =
      "order one \"One\" effective 2024-06-01 recorded 2025-01-01 sources fixture-atlas {\n"
      "  move RU-MUR military-district -> nosuch-md\n"
      "}\n"
      "order two \"Two\" effective 2024-06-01 recorded 2025-01-01 sources fixture-atlas {\n"
      "  assign RU-ARK military-district -> northern-fleet\n"
      "}\n";
  HttpAnswer a = Post("/api/orders", text, "t");
  EXPECT_EQ(a.status, 404) << a.text;
  EXPECT_EQ(a.body["applied"], false);
  ASSERT_EQ(a.body["diagnostics"].size(), 2u) << a.text;
  EXPECT_EQ(a.body["diagnostics"][0]["message"], "unknown id 'nosuch-md'");
  EXPECT_EQ(a.body["diagnostics"][0]["line"], 2);
  EXPECT_EQ(a.body["diagnostics"][1]["code"], "violation");
  EXPECT_EQ(a.body["diagnostics"][1]["line"], 5);
  EXPECT_EQ(a.body["error"], a.body["diagnostics"][0]);
}

TEST_F(ServerTest, ImportACsvOfChangesAsOneOrder) {
  ServeOptions options;
  options.write_token = "t";
  StartServer(options);
  const std::string q =
      "/api/import?order=csv-2025&title=" + Encode("Moves from a table") + "&sources=fixture-atlas&recorded=2025-01-02";
  const std::string csv =
      "subject,relation,object,from,note\r\n"
      "RU-MUR,military-district,northern-fleet,2025-01-01,\"back, \"\"for now\"\"\"\r\n"
      "RU-ARK,military-district,northern-fleet,2025-01-01,\r\n";
  // A check first: nothing written.
  HttpAnswer check = Post(q + "&check=1", csv, "t");
  ASSERT_EQ(check.status, 200) << check.text;
  EXPECT_EQ(check.body["applied"], false);
  EXPECT_EQ(Get("/api/map?relation=military-district&at=2025-06-01").body["assignments"]["RU-MUR"],
            json::array({"leningrad-md"}));
  HttpAnswer a = Post(q, csv, "t");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["applied"], true);
  EXPECT_EQ(a.body["orders"], 1);
  EXPECT_EQ(Get("/api/map?relation=military-district&at=2025-06-01").body["assignments"]["RU-MUR"],
            json::array({"northern-fleet"}));
  HttpAnswer order = Get("/api/orders/csv-2025");
  ASSERT_EQ(order.status, 200);
  EXPECT_EQ(order.body["title"], "Moves from a table");
  // An error comes back at its cell, and nothing is applied.
  HttpAnswer bad = Post("/api/import?order=csv-bad&title=x&sources=fixture-atlas",
                        "subject,relation,object,from\nRU-LEN,military-district,northern-flet,2025-01-01\n", "t");
  EXPECT_EQ(bad.status, 404) << bad.text;
  EXPECT_EQ(bad.body["error"]["message"], "unknown id 'northern-flet'");
  EXPECT_EQ(bad.body["error"]["file"], "<csv>");
  EXPECT_EQ(bad.body["error"]["line"], 2);
  EXPECT_EQ(bad.body["error"]["column"], 26);
  EXPECT_NE(bad.body["error"]["rendered"].get<std::string>().find("RU-LEN,military-district,northern-flet"),
            std::string::npos);
  EXPECT_EQ(Get("/api/orders/csv-bad").status, 404);
  HttpAnswer column = Post("/api/import?order=x&title=x&sources=fixture-atlas", "subject,relation,objet\n", "t");
  EXPECT_EQ(column.status, 400);
  EXPECT_EQ(column.body["diagnostics"][0]["message"], "unknown column 'objet'");
  HttpAnswer missing = Post("/api/import?order=x&title=x", "subject,relation,object\n", "t");
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(missing.body["error"]["message"], "'sources' is required: the sources of the order");
  EXPECT_EQ(Post(q, csv, "wrong").status, 403);
}

// Readers must never see half an order: each order moves three regions together.
TEST_F(ServerTest, ConcurrentReadersSeeWholeOrders) {
  ServeOptions options;
  options.write_token = "t";
  StartServer(options);
  const int port = server_->port();
  std::atomic<bool> done{false};
  std::atomic<int> reads{0}, torn{0}, failed{0};
  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, port] {
      httplib::Client c("127.0.0.1", port);
      while (!done) {
        auto res = c.Get("/api/map?relation=military-district&at=2100-01-01");
        if (!res || res->status != 200) {
          ++failed;
          continue;
        }
        const json j = json::parse(res->body);
        const json& a = j["assignments"];
        if (a["RU-MUR"] != a["RU-ARK"] || a["RU-ARK"] != a["RU-LEN"]) ++torn;
        ++reads;
      }
    });
  }
  int applied = 0;
  for (int i = 0; i < 40; ++i) {
    const std::string id = "d" + std::to_string(i);
    char date[16];
    std::snprintf(date, sizeof date, "2030-%02d-%02d", 1 + i / 28, 1 + i % 28);
    const std::string text = "order o-" + id + " \"District " + id + "\"\n  effective " + date +
                             " recorded 2025-01-01 sources fixture-atlas\n{\n  create " + id +
                             " : military-district \"District " + id +
                             "\"\n  move (RU-MUR RU-ARK RU-LEN) "
                             "military-district -> " +
                             id + "\n}\n";
    HttpAnswer a = Post("/api/orders", text, "t");
    EXPECT_EQ(a.status, 200) << a.text;
    if (a.status == 200) ++applied;
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(applied, 40);
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(torn.load(), 0);
  EXPECT_EQ(failed.load(), 0);
  EXPECT_EQ(Get("/api/map?relation=military-district&at=2100-01-01").body["assignments"]["RU-LEN"],
            json::array({"d39"}));
}

TEST_F(ServerTest, CreateFailsClearly) {
  ServeOptions options;
  options.db_path = (dir_.path() / "missing.db").string();
  auto s = Server::Create(options);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "no database at '" + options.db_path + "'");
  db_path_ = (dir_.path() / "fixture.db").string();
  LoadFixture(db_path_);
  options.db_path = db_path_;
  options.web_root = (dir_.path() / "no-such-dir").string();
  auto w = Server::Create(options);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("is not a directory"), std::string::npos);
}

TEST_F(ServerTest, PortInUseFailsToStart) {
  StartServer();
  ServeOptions options;
  options.db_path = db_path_;
  options.port = server_->port();
  auto s = Server::Create(options);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("cannot listen on 127.0.0.1:"), std::string::npos);
}

// ---- POST /api/read ----

TEST_F(ServerTest, ReadAnswersOnAReadOnlyServerWithoutAToken) {
  StartServer();
  HttpAnswer a = Post("/api/read?date=2024-03-01&window=7d",
                      "Murmansk Oblast moved from the Northern Fleet to the Leningrad Military District.");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_EQ(a.body["date"], "2024-03-01");
  EXPECT_EQ(a.body["lang"], "en");
  EXPECT_EQ(a.body["window_days"], 7);
  ASSERT_EQ(a.body["mentions"].size(), 3u) << a.text;
  EXPECT_EQ(a.body["mentions"][0]["entity"], "RU-MUR");
  EXPECT_EQ(a.body["mentions"][0]["start"], 0);
  EXPECT_EQ(a.body["mentions"][0]["end"], 15);
  EXPECT_EQ(a.body["mentions"][1]["entity"], "northern-fleet");
  EXPECT_EQ(a.body["mentions"][2]["entity"], "leningrad-md");
  EXPECT_EQ(a.body["entities"][0]["id"], "RU-MUR");
}

TEST_F(ServerTest, ReadRefusesBadRequestsWithTheirReason) {
  StartServer();
  HttpAnswer none = Post("/api/read", "Murmansk Oblast");
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(none.body["error"]["message"], "missing query parameter 'date'");
  HttpAnswer bad_date = Post("/api/read?date=2024-02-30", "Murmansk Oblast");
  EXPECT_EQ(bad_date.status, 400);
  EXPECT_EQ(bad_date.body["error"]["message"],
            "invalid date for 'date': 2024-02-30: day 30 is out of range for February 2024");
  HttpAnswer empty = Post("/api/read?date=2024-03-01", "  \n");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(empty.body["error"]["message"], "the request body: the text is empty");
  HttpAnswer binary = Post("/api/read?date=2024-03-01", std::string("PK\x03\x04\0\0", 6));
  EXPECT_EQ(binary.status, 400);
  EXPECT_EQ(binary.body["error"]["message"],
            "the request body: the text is binary data, not text: a NUL byte at offset 4 (line 1, column 5)");
  HttpAnswer utf8 = Post("/api/read?date=2024-03-01", "ab\xc3");
  EXPECT_EQ(utf8.status, 400);
  EXPECT_EQ(utf8.body["error"]["message"],
            "the request body: the text is not UTF-8: byte 0xC3 at offset 2 (line 1, column 3)");
  HttpAnswer window = Post("/api/read?date=2024-03-01&window=a%20week", "Murmansk Oblast");
  EXPECT_EQ(window.status, 400);
  EXPECT_EQ(window.body["error"]["message"], "invalid window 'a week': give days, e.g. 30d");
  HttpAnswer lang = Post("/api/read?date=2024-03-01&lang=de", "Murmansk Oblast");
  EXPECT_EQ(lang.status, 400);
  EXPECT_EQ(lang.body["error"]["message"], "unknown language 'de'");
  HttpAnswer get = Get("/api/read?date=2024-03-01");
  EXPECT_EQ(get.status, 405);
  EXPECT_EQ(get.body["error"]["notes"][0], "/api/read takes POST");
}

TEST_F(ServerTest, ReadAsKnownEarlier) {
  StartServer();
  HttpAnswer a = Post("/api/read?date=2024-03-01&recorded=2000-01-01", "the Leningrad Military District");
  ASSERT_EQ(a.status, 200) << a.text;
  EXPECT_TRUE(a.body["mentions"].empty()) << a.text;
}

// ---- GET /api/sources ----

TEST_F(ServerTest, SourcesByIdWithTheUnknownNamed) {
  StartServer();
  HttpAnswer none = Get("/api/sources");
  EXPECT_EQ(none.status, 400);
  EXPECT_EQ(none.body["error"]["message"], "missing query parameter 'ids' (source ids, comma-separated)");
  HttpAnswer orders = Get("/api/orders");
  ASSERT_EQ(orders.status, 200);
  const std::string id = orders.body[0]["sources"][0]["id"];
  HttpAnswer a = Get("/api/sources?ids=" + id + ",no-such-source");
  ASSERT_EQ(a.status, 200) << a.text;
  ASSERT_EQ(a.body["sources"].size(), 1u);
  EXPECT_EQ(a.body["sources"][0], orders.body[0]["sources"][0]);
  EXPECT_EQ(a.body["unknown"], nlohmann::json::array({"no-such-source"}));
}

}  // namespace
}  // namespace ordo::server::testing
