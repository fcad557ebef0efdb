#include "cli/scenario_json.h"

#include "cli/format.h"

namespace ordo::cli {

using json = nlohmann::ordered_json;

const char* const kAlertDisclaimer =
    "the condition as the statement states it is met; ordo does not assert the "
    "consequence";

namespace {
json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

json ScenariosToJson(const std::vector<ScenarioInfo>& scenarios) {
  json arr = json::array();
  for (const ScenarioInfo& s : scenarios) {
    arr.push_back({{"id", s.name},
                   {"base_recorded", FormatInstant(s.base_recorded)},
                   {"created", FormatInstant(s.created)},
                   {"batches", s.batches},
                   {"note", s.note}});
  }
  return arr;
}

json ScenarioDifferencesToJson(const std::vector<ScenarioDifference>& differences) {
  json arr = json::array();
  for (const ScenarioDifference& d : differences) {
    json dates = json::array();
    for (const Interval& i : d.dates) {
      dates.push_back({{"from", FromToJson(FuzzyDate::Exact(i.from))}, {"to", ToToJson(FuzzyDate::Exact(i.to))}});
    }
    json rec = json::array(), scen = json::array();
    for (const FactInfo& f : d.record) rec.push_back(FactToJson(f));
    for (const FactInfo& f : d.scenario) scen.push_back(FactToJson(f));
    arr.push_back({{"id", d.subject},
                   {"predicate", d.predicate},
                   {"perspective", NullIfEmpty(d.perspective)},
                   {"dates", std::move(dates)},
                   {"record", std::move(rec)},
                   {"scenario", std::move(scen)}});
  }
  return arr;
}

json RulesToJson(const std::vector<RuleInfo>& rules) {
  json arr = json::array();
  for (const RuleInfo& r : rules) {
    json sources = json::array();
    for (const SourceInfo& s : r.sources) sources.push_back(SourceToJson(s));
    arr.push_back({{"id", r.id},
                   {"title", r.title},
                   {"cites", r.cites},
                   {"quote", r.quote},
                   {"perspective", NullIfEmpty(r.perspective)},
                   {"condition", r.condition},
                   {"note", r.note},
                   {"sources", std::move(sources)},
                   {"recorded", FormatInstant(r.recorded)}});
  }
  return arr;
}

json AlertsToJson(const std::vector<AlertInfo>& alerts) {
  json arr = json::array();
  for (const AlertInfo& a : alerts) {
    json bindings = json::object();
    for (const auto& [var, entity] : a.bindings) bindings[var] = entity;
    arr.push_back({{"id", a.id},
                   {"scenario", NullIfEmpty(a.scenario)},
                   {"rule", a.rule},
                   {"rule_title", a.rule_title},
                   {"date", FormatDate(a.date)},
                   {"order", a.order},
                   {"recorded", FormatInstant(a.recorded)},
                   {"bindings", std::move(bindings)},
                   {"facts", a.facts},
                   {"cites", a.cites},
                   {"quote", a.quote},
                   {"note", a.note},
                   {"meaning", kAlertDisclaimer}});
  }
  return arr;
}

}  // namespace ordo::cli
