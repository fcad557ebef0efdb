// The JSON of scenarios, watch rules and alerts, shared by the CLI (`ordo scenario list --json`,
// `scenario diff --json`, `rules --json`, `alerts --json`) and the HTTP API (docs/http.md), so
// both print the same objects.
#ifndef ORDO_CLI_SCENARIO_JSON_H_
#define ORDO_CLI_SCENARIO_JSON_H_

#include <nlohmann/json.hpp>
#include <vector>

#include "ordo/database.h"

namespace ordo::cli {

// What every alert says after its facts: the condition is met, not the consequence.
extern const char* const kAlertDisclaimer;

// [{"id", "base_recorded", "created", "batches", "note"}].
nlohmann::ordered_json ScenariosToJson(const std::vector<ScenarioInfo>& scenarios);
// [{"id", "predicate", "perspective", "dates": [{"from", "to"}], "record": [fact], "scenario": [fact]}].
nlohmann::ordered_json ScenarioDifferencesToJson(const std::vector<ScenarioDifference>& differences);
// [{"id", "title", "cites", "quote", "perspective", "condition", "note", "sources", "recorded"}].
nlohmann::ordered_json RulesToJson(const std::vector<RuleInfo>& rules);
// [{"id", "scenario", "rule", "rule_title", "date", "order", "recorded", "bindings": {var: id},
//   "facts", "cites", "quote", "note", "meaning"}]; "meaning" is kAlertDisclaimer.
nlohmann::ordered_json AlertsToJson(const std::vector<AlertInfo>& alerts);

}  // namespace ordo::cli

#endif  // ORDO_CLI_SCENARIO_JSON_H_
