#include "present/orbat.h"

#include <fmt/format.h>

#include <functional>
#include <map>
#include <set>

#include "present/json_values.h"

namespace ordo::present {

namespace {

bool IsSidc(const std::string& s) {
  if (s.size() != 20) return false;
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Json OrbatScenarioJson(const domain::OrgChart& chart, const View& view, Date at, const std::string& scenario) {
  // The standard identity the record's codes use most (digit 4); "1" (unknown) without codes.
  std::map<char, size_t> identities;
  for (const domain::OrgNode& n : chart.nodes) {
    if (IsSidc(n.sidc)) ++identities[n.sidc[3]];
  }
  char identity = '1';
  size_t most = 0;
  for (const auto& [c, count] : identities) {
    if (count > most) {
      identity = c;
      most = count;
    }
  }
  std::map<std::string, std::vector<const domain::OrgNode*>> children;
  std::set<std::string> ids;
  for (const domain::OrgNode& n : chart.nodes) ids.insert(n.id);
  std::vector<const domain::OrgNode*> roots;
  for (const domain::OrgNode& n : chart.nodes) {
    if (n.parent && ids.count(n.parent->object)) {
      children[n.parent->object].push_back(&n);
    } else {
      roots.push_back(&n);
    }
  }
  const std::function<json(const domain::OrgNode&)> unit = [&](const domain::OrgNode& n) {
    // A generic land unit (symbol set 10, no entity) where the record has no code.
    std::string sidc = IsSidc(n.sidc) ? n.sidc : "10011000000000000000";
    sidc[3] = identity;
    json u = json::object();
    u["id"] = n.id;
    u["name"] = n.name.empty() ? n.id : n.name;
    u["sidc"] = sidc;
    std::vector<std::string> about;
    if (n.headquarters) {
      about.push_back("Headquarters: " + (n.headquarters->name.empty() ? n.headquarters->id : n.headquarters->name));
      if (n.headquarters->latitude && n.headquarters->longitude) {
        u["location"] = json::array({*n.headquarters->longitude, *n.headquarters->latitude});
      }
    }
    for (const domain::OrgNode::Commander& c : n.commanders) {
      about.push_back("Commander: " + (c.name.empty() ? c.id : c.name) + (c.acting ? " (acting)" : ""));
    }
    if (n.parent) {
      about.push_back(fmt::format("Subordinate to {} from {} (order {}).", n.parent->object,
                                  n.parent->from.date.is_min() ? "…" : FormatFuzzyDate(n.parent->from),
                                  n.parent->order));
    }
    std::string description;
    for (const std::string& a : about) description += (description.empty() ? "" : "\n") + a;
    if (!description.empty()) u["description"] = description;
    json subs = json::array();
    for (const domain::OrgNode* c : children[n.id]) subs.push_back(unit(*c));
    u["subUnits"] = std::move(subs);
    return u;
  };
  json units = json::array();
  for (const domain::OrgNode* r : roots) units.push_back(unit(*r));
  const std::string date = FormatDate(at);
  std::string known = view.recorded ? "as known at " + FormatInstant(*view.recorded) : "as recorded";
  if (!scenario.empty()) known += ", in scenario " + scenario + " (hypothetical)";
  json group = {
      {"id", "ordo-" + chart.relation}, {"name", "Order of battle on " + date}, {"subUnits", std::move(units)}};
  json side = {{"id", "ordo-side"},
               {"name", view.perspective.empty() ? std::string("The record") : "As " + view.perspective + " holds it"},
               {"standardIdentity", std::string(1, identity)},
               {"groups", json::array({std::move(group)})}};
  json j = json::object();
  j["type"] = "ORBAT-mapper";
  j["version"] = "3.3.0";
  j["id"] = "ordo-orbat-" + date;
  j["name"] = "Order of battle on " + date + " (ordo)";
  j["description"] = fmt::format(
      "Exported by ordo: who is subordinate to whom ({}) on {}, {}. Every fact, with its sources, is in ordo's "
      "record.",
      chart.relation, date, known);
  j["startTime"] = date + "T00:00:00Z";
  j["timeZone"] = "UTC";
  j["symbologyStandard"] = "app6d";
  j["sides"] = json::array({std::move(side)});
  j["events"] = json::array();
  return Wrap(std::move(j));
}

}  // namespace ordo::present
