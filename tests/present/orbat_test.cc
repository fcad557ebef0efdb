// The ORBAT Mapper scenario file against what that program's loader needs (orbat-mapper's
// src/types/scenarioModels.ts and src/scenariostore/newScenarioStore.ts, file version 3.3.0):
// type and a semver version; sides, groups and units each with an id, a name and their lists
// as arrays; events as an array; every unit with a 20-digit SIDC whose standard identity
// (digit 4) is its side's; ids unique; locations as [longitude, latitude].
#include "present/orbat.h"

#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "present/json_values.h"

namespace ordo::present {
namespace {

domain::OrgNode Node(const std::string& id, const std::string& parent, const std::string& sidc) {
  domain::OrgNode n;
  n.id = id;
  n.name = id + " name";
  n.sidc = sidc;
  if (!parent.empty()) {
    FactInfo f;
    f.subject = id;
    f.predicate = "subordinate-to";
    f.object = parent;
    f.from = FuzzyDate::Exact(Date::FromCivil(2010, 12, 1));
    f.order = "o1";
    n.parent = f;
  }
  return n;
}

// Checks a unit and its subunits as the loader reads them; collects ids.
void CheckUnit(const json& u, char identity, std::set<std::string>* ids) {
  ASSERT_TRUE(u.is_object());
  ASSERT_TRUE(u["id"].is_string() && !u["id"].get<std::string>().empty());
  EXPECT_TRUE(ids->insert(u["id"].get<std::string>()).second) << "ids are unique: " << u["id"];
  EXPECT_TRUE(u["name"].is_string());
  const std::string sidc = u["sidc"].get<std::string>();
  EXPECT_TRUE(std::regex_match(sidc, std::regex("[0-9]{20}"))) << sidc;
  EXPECT_EQ(sidc[3], identity) << "the side's standard identity: " << sidc;
  ASSERT_TRUE(u["subUnits"].is_array());
  for (const json& c : u["subUnits"]) CheckUnit(c, identity, ids);
}

TEST(Orbat, AScenarioFileThatOrbatMapperLoads) {
  domain::OrgChart chart;
  chart.relation = "subordinate-to";
  chart.nodes.push_back(Node("army", "district", "10061000231210000000"));
  chart.nodes.push_back(Node("district", "mod", "10061000251100000000"));
  chart.nodes.push_back(Node("mod", "", ""));  // no code in the record
  chart.nodes.back().name = "Ministry";
  chart.nodes[1].headquarters = domain::OrgNode::Place{"spb", "Saint Petersburg", 59.94, 30.32};
  chart.nodes[1].commanders.push_back({"lapin", "Alexander Lapin", true});
  View view;
  const json j = Unwrap(OrbatScenarioJson(chart, view, Date::FromCivil(2024, 6, 1), ""));

  EXPECT_EQ(j["type"], "ORBAT-mapper");
  EXPECT_TRUE(std::regex_match(j["version"].get<std::string>(), std::regex("[0-9]+\\.[0-9]+\\.[0-9]+")));
  EXPECT_EQ(j["startTime"], "2024-06-01T00:00:00Z");
  EXPECT_TRUE(j["events"].is_array());
  EXPECT_EQ(j["symbologyStandard"], "app6d");
  ASSERT_EQ(j["sides"].size(), 1u);
  const json& side = j["sides"][0];
  EXPECT_TRUE(side["id"].is_string() && side["name"].is_string());
  ASSERT_TRUE(side["standardIdentity"].is_string());
  EXPECT_EQ(side["standardIdentity"], "6") << "the identity the record's codes give";
  ASSERT_TRUE(side["groups"].is_array());
  ASSERT_EQ(side["groups"].size(), 1u);
  const json& group = side["groups"][0];
  EXPECT_TRUE(group["id"].is_string() && group["name"].is_string());
  ASSERT_TRUE(group["subUnits"].is_array());
  std::set<std::string> ids = {side["id"].get<std::string>(), group["id"].get<std::string>()};
  for (const json& u : group["subUnits"]) CheckUnit(u, '6', &ids);

  // The tree: the ministry at the top, the district beneath it, the army beneath that.
  ASSERT_EQ(group["subUnits"].size(), 1u);
  const json& mod = group["subUnits"][0];
  EXPECT_EQ(mod["id"], "mod");
  EXPECT_EQ(mod["sidc"], "10061000000000000000") << "a generic land unit where the record has no code";
  const json& district = mod["subUnits"][0];
  EXPECT_EQ(district["id"], "district");
  EXPECT_EQ(district["location"], json::array({30.32, 59.94})) << "[longitude, latitude]";
  EXPECT_EQ(district["description"],
            "Headquarters: Saint Petersburg\nCommander: Alexander Lapin (acting)\nSubordinate to mod from 2010-12-01 "
            "(order o1).");
  EXPECT_EQ(district["subUnits"][0]["id"], "army");
  EXPECT_FALSE(mod.contains("location")) << "no location where the record has none";
}

TEST(Orbat, WithoutCodesTheIdentityIsUnknown) {
  domain::OrgChart chart;
  chart.relation = "subordinate-to";
  chart.nodes.push_back(Node("a", "", ""));
  View view;
  view.perspective = "UA";
  const json j = Unwrap(OrbatScenarioJson(chart, view, Date::FromCivil(2024, 6, 1), "demo"));
  EXPECT_EQ(j["sides"][0]["standardIdentity"], "1");
  EXPECT_EQ(j["sides"][0]["name"], "As UA holds it");
  EXPECT_EQ(j["sides"][0]["groups"][0]["subUnits"][0]["sidc"], "10011000000000000000");
  EXPECT_NE(j["description"].get<std::string>().find("in scenario demo (hypothetical)"), std::string::npos);
}

}  // namespace
}  // namespace ordo::present
