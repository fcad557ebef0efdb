// The JSON ordo answers with: one function per shape, shared by the CLI (`--json`) and the
// HTTP API (docs/http.md), so that the two cannot differ. Front ends get a Json document and
// only choose how to write it; they never build JSON themselves (tests/arch checks this).
#ifndef ORDO_PRESENT_JSON_H_
#define ORDO_PRESENT_JSON_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/changes.h"
#include "domain/charts.h"
#include "domain/compare.h"
#include "domain/orders.h"
#include "domain/query.h"
#include "domain/statements.h"
#include "ordo/database.h"
#include "ordo/status.h"

namespace ordo::present {

// A JSON document. Cheap to move; copies share the value.
class Json {
 public:
  struct Value;  // the document (present/json.cc)
  Json();        // null
  explicit Json(std::shared_ptr<const Value> value);
  // A document already written as compact JSON text (what Dump(false) returns, without the
  // newline). REQUIRES: valid JSON.
  static Json FromText(std::string compact);
  // Pretty-printed with two spaces (the CLI's form) or compact, ending in '\n'; invalid UTF-8 is
  // replaced rather than thrown on.
  std::string Dump(bool pretty) const;
  const Value& value() const { return *value_; }

 private:
  std::shared_ptr<const Value> value_;
};

// A document read in a scenario says so: "scenario": NAME on an object, or on each object of
// an array (where the key is not there already).
Json InScenario(const Json& doc, const std::string& scenario);

// ---- The record's answers (`ordo show --json`, GET /api/entity/ID, ...) ----

// `ordo show ID --json`: the entity at `at` with its facts (each with its order's sources) and
// the orders behind them.
Json EntityJson(const EntityInfo& info, Date at, const domain::OrderIndex& orders);
// `ordo members ID --json`: one row per fact, with the subject's kind and name at the date.
Json MembersJson(const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects,
                 const domain::OrderIndex& orders);
// `ordo history`, `snapshot`, `path --json`: facts with their orders' sources.
Json FactsJson(const std::vector<FactInfo>& facts, const domain::OrderIndex& orders);
// `ordo diff D1 D2 --json`.
Json ChangesJson(const std::vector<Change>& changes, const domain::OrderIndex& orders);
// The same JSON from borrowed answers (Database::Read), written while the Reading lives.
Json FactsJson(const std::vector<FactRef>& facts, const domain::OrderIndex& orders);
Json ChangesJson(const std::vector<ChangeRef>& changes, const domain::OrderIndex& orders);
// `ordo orders --json`.
Json OrdersJson(const std::vector<OrderInfo>& orders);
// `ordo order ID --json`: the header and the rows it asserted and superseded.
Json OrderChangesJson(const OrderChanges& changes);
// `ordo search TEXT --json`.
Json MatchesJson(const std::vector<Match>& matches);
// An empty array: what a listing prints with --json when nothing matched.
Json EmptyArray();

// ---- Statements and reports (domain/statements.h) ----
// {"id", "name", "speaker", "speaker_name", "speaker_kind", "offices": [{"id","name"}], "kind",
//  "date", "time", "venue", "quote", "quote_source", "also", "hedges", "condition",
//  "condition_meaning", "gist", "about": [{"id","name","kind"}], "links": [{"relation",
//  "direction": "out"|"in", "label", "id", "name"}], "reporting": [{"step", "id", "name",
//  "publisher", "medium", "via", "source"}], "orders", "sources": [source objects], "notes"}.
// Empty strings are null.
Json StatementJson(const domain::StatementRecord& statement);
Json StatementsJson(const std::vector<domain::StatementRecord>& statements);
// {"id", "name", "publisher", "medium", "published", "relies_on", "sources", "notes",
//  "counts": {"confirmed", "corrected", "unknown"}, "claims": [{"id", "name", "wording",
//  "report_words", "follows", "sources", "verdict", "computed", "check", "check_text", "record",
//  "record_ids", "checked_against", "evidence": [{"order", "title", "sources"}]}]}.
Json ReportJson(const domain::ReportCheck& report);

// ---- Scenarios, rules, alerts ----
// What every alert says after its facts: the condition is met, not the consequence.
extern const char* const kAlertDisclaimer;
// [{"id", "base_recorded", "created", "batches", "note"}].
Json ScenariosJson(const std::vector<ScenarioInfo>& scenarios);
// One scenario object of ScenariosJson.
Json ScenarioJson(const ScenarioInfo& scenario);
// [{"id", "predicate", "perspective", "dates": [{"from", "to"}], "record": [fact], "scenario": [fact]}].
Json ScenarioDifferencesJson(const std::vector<ScenarioDifference>& differences);
// [{"id", "title", "cites", "quote", "perspective", "condition", "note", "sources", "recorded"}].
Json RulesJson(const std::vector<RuleInfo>& rules);
// [{"id", "scenario", "rule", "rule_title", "date", "order", "recorded", "bindings": {var: id},
//   "facts", "cites", "quote", "note", "meaning"}]; "meaning" is kAlertDisclaimer.
Json AlertsJson(const std::vector<AlertInfo>& alerts);

// ---- The HTTP API's own shapes (docs/http.md) ----
// GET /api.
struct ServiceInfo {
  bool writable = false;
  size_t entities = 0, facts = 0;
  size_t max_result_rows = 0, max_body_bytes = 0;
  std::vector<std::string> routes;  // "GET /api/entity/{id}", ...
};
Json ServiceJson(const ServiceInfo& info);
// GET /api/schema.
Json SchemaJson(const SchemaInfo& schema);
// GET /api/map: {"relation", "at", "recorded", "perspective", "assignments", "disputed", "legend"}.
Json MapJson(const domain::MapView& map, const View& view);
// GET /api/names: {"at", "recorded", "perspective", "names": [{"id", "kind", "name", "names", "alive"}],
// "unknown": [ids]}, in the order asked. An entity not alive at `at` carries the names it had when
// it last existed (or first existed, before its first day); "name" is "" when it has none.
Json NamesJson(const std::vector<EntityInfo>& entities, const std::vector<std::string>& unknown, const View& view);
// GET /api/sources?ids=: the sources asked for, each with title, publisher, date, URL, quote and
// note (a fact's own `cites` need not be among its order's sources); unknown ids under "unknown".
Json SourceListJson(const std::vector<SourceInfo>& sources, const std::vector<std::string>& unknown);
// GET /api/tree: {"relation", "at", "recorded", "perspective", "nodes"}.
Json OrgChartJson(const domain::OrgChart& chart, const View& view, const domain::OrderIndex& orders);
// GET /api/changes: {"relation", "recorded", "perspective", "facts", "dates"}.
Json ChangeDatesJson(const domain::ChangeDates& changes, const View& view);
// GET /api/changes, `ordo changes --json`: {relation, from, to, view…, changes: [{date, id,
// name, perspective, before: [{object|value, name, qualifiers, from, to, order}], after: […],
// order, sources: [ids]}]}. With dates (ChangeDates), also "dates" and "facts".
Json ChangeLogJson(const domain::ChangeLog& log, const View& view, const domain::ChangeDates* dates = nullptr);
// POST /api/orders: what a batch did ("scenario" only for a scenario's batch) and the alerts it fired.
struct AppliedBatch {
  bool applied = false;  // false with check=1
  std::string scenario;
  ApplySummary summary;
  size_t entities = 0, facts = 0;  // the record's totals after the batch
  std::vector<AlertInfo> alerts;
  std::string text, file;  // the batch's text and name, for the warnings' excerpts
};
// GET /api/compare, `ordo compare --json`: {then, now, at, relation, perspective, facts: [{kind,
// id, name, predicate, perspective, from, to, then: […], now: […], order, order_recorded}]}.
Json ComparisonJson(const domain::Comparison& comparison, const View& view);
// GET /api/query, `ordo query --json`: {query, at, recorded, perspective, columns, count, work,
// rows: [{VAR: {id, name}, …}]}.
Json QueryJson(const domain::NamedAnswer& answer, const std::string& query, const View& view);

Json AppliedJson(const AppliedBatch& applied);
// DELETE /api/scenarios/NAME.
Json DeletedJson(const std::string& name);
// `ordo lineage ID --json`, GET /api/lineage/ID: {"id", "entities": [{"id", "kind", "name",
// "lifetime"}], "links": [{"date", "predecessor", "successor", "type", "order", "sources"}]}.
Json LineageJson(const LineageInfo& lineage);

// ---- Errors ----
// {"error": {"code", "message", "file", "line", "column", "notes": [...], "note_locations",
// "rendered"}}. "rendered" is the compiler-style text of RenderDiagnostic when `text` (the request
// body) is given; location fields are present only when known. `code_name` overrides CodeName()
// for HTTP-level errors ("unauthorized", "forbidden", "method_not_allowed").
Json ErrorJson(const Status& status, std::string_view text = {}, const std::string& file = {},
               const char* code_name = nullptr);
// A batch that did not parse or apply: {"error": first, "diagnostics": [each], "applied": false}.
Json BatchErrorJson(const Diagnostics& diagnostics, std::string_view text, const std::string& file);
// The HTTP status of an error: 404 not found, 400 invalid, 422 violation, 409 conflict,
// 413 limit, 500 io and internal.
int HttpStatusFor(Code code);

// ---- Input ----
// The body of POST /api/scenarios as JSON: {"name", "from_recorded", "note"} (strings or null).
struct ScenarioRequest {
  std::string name, from_recorded, note;
};
// Fails with kInvalid "the request body is not a JSON object" or "'KEY' must be a string".
Result<ScenarioRequest> ParseScenarioRequestJson(std::string_view body);

}  // namespace ordo::present

#endif  // ORDO_PRESENT_JSON_H_
