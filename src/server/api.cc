#include "server/api.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <initializer_list>
#include <map>
#include <regex>
#include <set>

#include "base/text.h"
#include "cli/scenario_json.h"
#include "cli/statements.h"
#include "ordo/lang.h"

namespace ordo::server {

namespace {

// The parameters every query accepts.
constexpr std::initializer_list<const char*> kViewParams = {"at", "recorded", "perspective", "scenario", "pretty"};

// Fails on a query parameter the route does not know, naming the nearest known one.
Status CheckParams(const httplib::Request& req, std::initializer_list<const char*> own,
                   std::initializer_list<const char*> common = kViewParams) {
  std::vector<std::string> allowed;
  for (const char* p : own) allowed.emplace_back(p);
  for (const char* p : common) allowed.emplace_back(p);
  for (const auto& [key, value] : req.params) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    Status s = Status::Invalid(fmt::format("unknown query parameter '{}'", key));
    for (const std::string& near : Nearest(key, allowed, 1)) s.AddNote(fmt::format("did you mean '{}'?", near));
    s.AddNote(fmt::format("this route takes: {}", fmt::join(allowed, ", ")));
    return s;
  }
  return Status::Ok();
}

std::string Param(const httplib::Request& req, const char* name) {
  return req.has_param(name) ? req.get_param_value(name) : std::string();
}

Status ParseDateParam(const char* name, const std::string& text, Date* out) {
  auto d = ParseFuzzyDate(text);
  if (!d.ok()) return Status::Invalid(fmt::format("invalid date for '{}': {}", name, d.status().message()));
  *out = d->date;
  return Status::Ok();
}

// at (default today), recorded (default: everything recorded), perspective (default: all).
Status ParseView(const httplib::Request& req, View* view) {
  if (req.has_param("at")) {
    if (Status s = ParseDateParam("at", Param(req, "at"), &view->at); !s.ok()) return s;
  }
  if (req.has_param("recorded")) {
    auto t = ParseInstant(Param(req, "recorded"));
    if (!t.ok()) return Status::Invalid(fmt::format("invalid instant for 'recorded': {}", t.status().message()));
    view->recorded = *t;
  }
  view->perspective = Param(req, "perspective");
  view->scenario = Param(req, "scenario");
  return Status::Ok();
}

// A required parameter naming a relation (or attribute); lists the known ones when missing.
Status RequireRelation(const Database& db, const httplib::Request& req, std::string* out) {
  *out = Param(req, "relation");
  if (!out->empty()) return Status::Ok();
  Status s = Status::Invalid("missing query parameter 'relation'");
  std::vector<std::string> names;
  for (const RelationDecl& r : db.Relations()) names.push_back(r.name);
  if (!names.empty()) s.AddNote(fmt::format("relations: {}", fmt::join(names, ", ")));
  return s;
}

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json ViewJson(const View& view, bool with_at) {
  json j = json::object();
  if (with_at) j["at"] = FormatDate(view.at);
  j["recorded"] = view.recorded ? json(FormatInstant(*view.recorded)) : json(nullptr);
  j["perspective"] = NullIfEmpty(view.perspective);
  return j;
}

Reply Ok(json body) { return Reply{200, std::move(body), {}}; }

// The query string's parameters only. httplib also parses a form-encoded body into params, and
// `curl --data-binary` sends order text as application/x-www-form-urlencoded.
std::multimap<std::string, std::string> QueryParams(const httplib::Request& req) {
  auto decode = [](std::string_view s) {
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] == '+') {
        out += ' ';
      } else if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                 std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
        out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
        i += 2;
      } else {
        out += s[i];
      }
    }
    return out;
  };
  std::multimap<std::string, std::string> params;
  const size_t q = req.target.find('?');
  if (q == std::string::npos) return params;
  std::string_view rest = std::string_view(req.target).substr(q + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view item = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    params.emplace(decode(item.substr(0, eq)), eq == std::string_view::npos ? "" : decode(item.substr(eq + 1)));
  }
  return params;
}

// The methods a path answers to, for the Allow header of a 405.
std::string AllowedMethods(const std::string& path) {
  static const std::regex kScenario("/api/scenarios/[^/]+");
  static const std::regex kScenarioOrders("/api/scenarios/[^/]+/orders");
  if (path == "/api/orders" || path == "/api/scenarios") return "GET, POST";
  if (std::regex_match(path, kScenarioOrders)) return "POST";
  if (std::regex_match(path, kScenario)) return "DELETE";
  return "GET";
}

}  // namespace

Reply ErrorReply(const Status& status) { return Reply{HttpStatusFor(status.code()), ErrorBody(status), {}}; }

void Send(const httplib::Request& req, httplib::Response& res, const Reply& reply) {
  const bool pretty = req.has_param("pretty") && req.get_param_value("pretty") != "0";
  res.status = reply.status;
  for (const auto& [k, v] : reply.headers) res.set_header(k, v);
  res.set_header("Cache-Control", "no-store");
  std::string body = reply.body.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
  body += '\n';
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

Api::Api(Database& db, const ServeOptions& options) : db_(db), options_(options), orders_(db) {}

Reply Api::NotFoundWithHint(Status status, const std::string& id) const {
  if (status.code() == Code::kNotFound && status.notes().empty() && !id.empty()) {
    for (const Match& m : db_.Search(id, 3)) {
      if (m.id == id) continue;
      status.AddNote(m.name.empty() || m.name == m.id ? fmt::format("did you mean '{}'?", m.id)
                                                      : fmt::format("did you mean '{}' ({})?", m.id, m.name));
    }
  }
  return ErrorReply(status);
}

Reply Api::Index(const httplib::Request& req) const {
  if (Status s = CheckParams(req, {}, {"pretty"}); !s.ok()) return ErrorReply(s);
  json j = json::object();
  j["service"] = "ordo";
  j["version"] = "0.1.0";
  j["writable"] = !options_.write_token.empty();
  j["entities"] = db_.entity_count();
  j["facts"] = db_.fact_count();
  j["max_result_rows"] = options_.max_result_rows;
  j["max_body_bytes"] = options_.max_body_bytes;
  j["routes"] = {"GET /api/entity/{id}",
                 "GET /api/members/{id}?relation=",
                 "GET /api/history/{id}",
                 "GET /api/path/{id}?relation=",
                 "GET /api/diff?from=&to=",
                 "GET /api/snapshot?relation=",
                 "GET /api/orders",
                 "GET /api/orders/{id}",
                 "GET /api/search?q=",
                 "GET /api/map?relation=",
                 "GET /api/tree?relation=",
                 "GET /api/changes?relation=",
                 "GET /api/schema",
                 "GET /api/statements",
                 "GET /api/reports/{id}",
                 "GET /api/scenarios",
                 "GET /api/scenarios/{name}/diff",
                 "GET /api/rules",
                 "GET /api/alerts",
                 "POST /api/orders",
                 "POST /api/scenarios",
                 "POST /api/scenarios/{name}/orders",
                 "DELETE /api/scenarios/{name}"};
  return Ok(std::move(j));
}

Reply Api::Schema(const httplib::Request& req) const {
  if (Status s = CheckParams(req, {}, {"pretty"}); !s.ok()) return ErrorReply(s);
  json kinds = json::array();
  for (const KindDecl& k : db_.Kinds()) {
    kinds.push_back({{"name", k.name}, {"parent", NullIfEmpty(k.parent)}, {"note", NullIfEmpty(k.note)}});
  }
  json relations = json::array();
  for (const RelationDecl& r : db_.Relations()) {
    relations.push_back({{"name", r.name},
                         {"subject_kinds", r.subject_kinds},
                         {"object_kinds", r.object_kinds},
                         {"exclusive", r.exclusive},
                         {"acyclic", r.acyclic},
                         {"note", NullIfEmpty(r.note)}});
  }
  json attributes = json::array();
  for (const AttributeDecl& a : db_.Attributes()) {
    attributes.push_back({{"name", a.name},
                          {"subject_kinds", a.subject_kinds},
                          {"type", ValueTypeName(a.type)},
                          {"note", NullIfEmpty(a.note)}});
  }
  return Ok({{"kinds", std::move(kinds)}, {"relations", std::move(relations)}, {"attributes", std::move(attributes)}});
}

Reply Api::Entity(const httplib::Request& req) const {
  View view;
  if (Status s = CheckParams(req, {}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  const std::string id = req.matches[1];
  auto e = db_.Entity(id, view);
  if (!e.ok()) return NotFoundWithHint(e.status(), id);
  return Ok(EntityJson(*e, view.at, *b.orders));
}

Reply Api::Members(const httplib::Request& req) const {
  View view;
  std::string relation;
  if (Status s = CheckParams(req, {"relation"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  if (Status s = RequireRelation(db_, req, &relation); !s.ok()) return ErrorReply(s);
  const std::string id = req.matches[1];
  auto facts = db_.Members(id, relation, view);
  if (!facts.ok()) return NotFoundWithHint(facts.status(), id);
  std::vector<EntityInfo> subjects;
  for (const FactInfo& f : *facts) {
    auto e = db_.Entity(f.subject, view);
    subjects.push_back(e.ok() ? std::move(e).value() : EntityInfo{});
  }
  return Ok(MembersJson(*facts, subjects, *b.orders));
}

Reply Api::History(const httplib::Request& req) const {
  View view;
  if (Status s = CheckParams(req, {"relation"}, {"recorded", "perspective", "scenario", "pretty"}); !s.ok())
    return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  const std::string id = req.matches[1];
  auto facts = db_.History(id, Param(req, "relation"), view);
  if (!facts.ok()) return NotFoundWithHint(facts.status(), id);
  return Ok(FactsJson(*facts, *b.orders));
}

Reply Api::Path(const httplib::Request& req) const {
  View view;
  std::string relation;
  if (Status s = CheckParams(req, {"relation"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  if (Status s = RequireRelation(db_, req, &relation); !s.ok()) return ErrorReply(s);
  const std::string id = req.matches[1];
  auto facts = db_.PathUp(id, relation, view);
  if (!facts.ok()) return NotFoundWithHint(facts.status(), id);
  return Ok(FactsJson(*facts, *b.orders));
}

Reply Api::Diff(const httplib::Request& req) const {
  View view;
  Date d1, d2;
  if (Status s = CheckParams(req, {"from", "to", "relation"}, {"recorded", "perspective", "scenario", "pretty"});
      !s.ok()) {
    return ErrorReply(s);
  }
  for (const char* name : {"from", "to"}) {
    if (!req.has_param(name)) return ErrorReply(Status::Invalid(fmt::format("missing query parameter '{}'", name)));
  }
  if (Status s = ParseDateParam("from", Param(req, "from"), &d1); !s.ok()) return ErrorReply(s);
  if (Status s = ParseDateParam("to", Param(req, "to"), &d2); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  const std::string relation = Param(req, "relation");
  auto changes = db_.Diff(d1, d2, relation, view);
  if (!changes.ok()) return NotFoundWithHint(changes.status(), relation);
  return Ok(ChangesJson(*changes, *b.orders));
}

Reply Api::Snapshot(const httplib::Request& req) const {
  View view;
  std::string relation;
  if (Status s = CheckParams(req, {"relation"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  if (Status s = RequireRelation(db_, req, &relation); !s.ok()) return ErrorReply(s);
  auto facts = db_.Snapshot(relation, view);
  if (!facts.ok()) return NotFoundWithHint(facts.status(), relation);
  return Ok(FactsJson(*facts, *b.orders));
}

Reply Api::Orders(const httplib::Request& req) const {
  View view;
  if (Status s = CheckParams(req, {}, {"recorded", "perspective", "scenario", "pretty"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  std::vector<OrderInfo> orders;
  for (OrderInfo& o : b.db->Orders()) {
    if (view.recorded && o.recorded > *view.recorded) continue;
    if (!view.perspective.empty() && !o.perspective.empty() && o.perspective != view.perspective) continue;
    orders.push_back(std::move(o));
  }
  if (orders.size() > options_.max_result_rows) {
    return ErrorReply(Status::Limit(
        fmt::format("the answer has more than {} rows (the configured limit)", options_.max_result_rows)));
  }
  return Ok(OrdersJson(orders));
}

Reply Api::Order(const httplib::Request& req) const {
  if (Status s = CheckParams(req, {}, {"scenario", "pretty"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = OpenBranch(Param(req, "scenario"), &b); !s.ok()) return ErrorReply(s);
  const std::string id = req.matches[1];
  auto changes = b.db->Order(id);
  if (!changes.ok()) {
    Status status = changes.status();
    if (status.code() == Code::kNotFound && status.notes().empty()) {
      std::vector<std::string> ids;
      for (const OrderInfo& o : b.db->Orders()) ids.push_back(o.id);
      for (const std::string& near : Nearest(id, ids)) status.AddNote("did you mean '" + near + "'?");
    }
    return ErrorReply(status);
  }
  return Ok(OrderChangesJson(*changes));
}

Reply Api::Search(const httplib::Request& req) const {
  if (Status s = CheckParams(req, {"q", "limit"}, {"scenario", "pretty"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = OpenBranch(Param(req, "scenario"), &b); !s.ok()) return ErrorReply(s);
  const std::string q = Param(req, "q");
  if (q.empty()) return ErrorReply(Status::Invalid("missing query parameter 'q' (the name, alias or id to find)"));
  size_t limit = 10;
  if (req.has_param("limit")) {
    const std::string text = Param(req, "limit");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc() || end != text.data() + text.size() || limit == 0 || limit > options_.max_search_results) {
      return ErrorReply(Status::Invalid(
          fmt::format("invalid limit '{}': expected a number from 1 to {}", text, options_.max_search_results)));
    }
  }
  return Ok(MatchesJson(b.db->Search(q, limit)));
}

Reply Api::Map(const httplib::Request& req) const {
  View view;
  std::string relation;
  if (Status s = CheckParams(req, {"relation"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  if (Status s = RequireRelation(db_, req, &relation); !s.ok()) return ErrorReply(s);
  auto facts = db_.Snapshot(relation, view);
  if (!facts.ok()) return NotFoundWithHint(facts.status(), relation);

  json assignments = json::object();
  json disputed = json::object();
  std::map<std::string, size_t> counts;
  std::vector<std::string> objects;  // in order of first appearance
  for (const FactInfo& f : *facts) {
    if (f.is_attribute) continue;
    json& row = assignments[f.subject];
    if (row.is_null()) row = json::array();
    if (std::find(row.begin(), row.end(), f.object) == row.end()) row.push_back(f.object);
    if (!f.perspective.empty()) {
      json& d = disputed[f.subject];
      if (d.is_null()) d = json::array();
      d.push_back({{"object", f.object}, {"perspective", f.perspective}});
    }
    if (counts[f.object]++ == 0) objects.push_back(f.object);
  }
  json legend = json::array();
  for (const std::string& id : objects) {
    auto e = db_.Entity(id, view);
    json item = json::object();
    item["id"] = id;
    item["kind"] = e.ok() ? e->kind : "";
    item["name"] = e.ok() ? DisplayName(e->names) : id;
    item["names"] = e.ok() ? NamesToJson(e->names) : json::array();
    item["count"] = counts[id];
    legend.push_back(std::move(item));
  }
  json j = json::object();
  j["relation"] = relation;
  j.update(ViewJson(view, true));
  j["assignments"] = std::move(assignments);
  j["disputed"] = std::move(disputed);
  j["legend"] = std::move(legend);
  return Ok(std::move(j));
}

Reply Api::Tree(const httplib::Request& req) const {
  View view;
  if (Status s = CheckParams(req, {"relation"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  const std::string relation = req.has_param("relation") ? Param(req, "relation") : "subordinate-to";
  auto facts = db_.Snapshot(relation, view);
  if (!facts.ok()) return NotFoundWithHint(facts.status(), relation);
  std::map<std::string, json> parents;  // node -> parent fact
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const FactInfo& f : *facts) {
    if (f.is_attribute) continue;
    for (const std::string* id : {&f.subject, &f.object}) {
      if (seen.insert(*id).second) ids.push_back(*id);
    }
    parents.emplace(f.subject, FactJson(f, *b.orders));
  }
  json nodes = json::array();
  for (const std::string& id : ids) {
    auto e = db_.Entity(id, view);
    json n = json::object();
    n["id"] = id;
    n["kind"] = e.ok() ? e->kind : "";
    n["name"] = e.ok() ? DisplayName(e->names) : id;
    n["names"] = e.ok() ? NamesToJson(e->names) : json::array();
    auto p = parents.find(id);
    n["parent"] = p == parents.end() ? json(nullptr) : p->second["object"];
    n["fact"] = p == parents.end() ? json(nullptr) : p->second;
    nodes.push_back(std::move(n));
  }
  json j = json::object();
  j["relation"] = relation;
  j.update(ViewJson(view, true));
  j["nodes"] = std::move(nodes);
  return Ok(std::move(j));
}

Reply Api::Changes(const httplib::Request& req) const {
  View view;
  std::string relation;
  if (Status s = CheckParams(req, {"relation"}, {"recorded", "perspective", "scenario", "pretty"}); !s.ok())
    return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  if (Status s = RequireRelation(db_, req, &relation); !s.ok()) return ErrorReply(s);
  std::set<Date> dates;
  size_t facts = 0;
  for (const std::string& id : b.db->EntityIds()) {
    auto history = db_.History(id, relation, view);
    if (!history.ok()) return NotFoundWithHint(history.status(), relation);
    for (const FactInfo& f : *history) {
      if (f.recorded_to != Instant::Max()) continue;  // superseded as of the view's record time
      if (!f.from.date.is_min()) dates.insert(f.from.date);
      if (!f.to.date.is_max()) dates.insert(f.to.date);
      if (++facts > options_.max_result_rows) {
        return ErrorReply(Status::Limit(
            fmt::format("the answer has more than {} rows (the configured limit)", options_.max_result_rows)));
      }
    }
  }
  json list = json::array();
  for (Date d : dates) list.push_back(FormatDate(d));
  json j = json::object();
  j["relation"] = relation;
  j.update(ViewJson(view, false));
  j["facts"] = facts;
  j["dates"] = std::move(list);
  return Ok(std::move(j));
}

Status Api::OpenBranch(const std::string& scenario, Branch* out) const {
  if (scenario.empty()) {
    out->db = &db_;
    out->orders = &orders_;
    return Status::Ok();
  }
  auto handle = db_.Scenario(scenario);
  if (!handle.ok()) return handle.status();
  out->scenario = std::move(handle).value();
  out->scenario_orders = std::make_unique<OrderCache>(*out->scenario);
  out->db = out->scenario.get();
  out->orders = out->scenario_orders.get();
  return Status::Ok();
}

Status Api::ViewAndBranch(const httplib::Request& req, View* view, Branch* out) const {
  if (Status s = ParseView(req, view); !s.ok()) return s;
  return OpenBranch(view->scenario, out);
}

Reply Api::Statements(const httplib::Request& req) const {
  View view;
  cli::StatementFilter filter;
  if (Status s = CheckParams(req, {"about", "speaker", "kind", "from", "to"},
                             {"recorded", "perspective", "scenario", "pretty"});
      !s.ok()) {
    return ErrorReply(s);
  }
  if (Status s = ParseView(req, &view); !s.ok()) return ErrorReply(s);
  for (auto [name, field] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
    if (!req.has_param(name)) continue;
    Date d;
    if (Status s = ParseDateParam(name, Param(req, name), &d); !s.ok()) return ErrorReply(s);
    *field = d;
  }
  filter.about = Param(req, "about");
  filter.speaker = Param(req, "speaker");
  filter.kind = Param(req, "kind");
  Branch b;
  if (Status s = OpenBranch(view.scenario, &b); !s.ok()) return ErrorReply(s);
  view.scenario.clear();  // b.db is the scenario itself; ListStatements reads its entity list too
  auto statements = cli::ListStatements(*b.db, filter, view);
  if (!statements.ok()) return ErrorReply(statements.status());
  return Ok(cli::StatementsToJson(*statements));
}

Reply Api::Report(const httplib::Request& req) const {
  View view;
  if (Status s = CheckParams(req, {}, {"recorded", "perspective", "scenario", "pretty"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = ViewAndBranch(req, &view, &b); !s.ok()) return ErrorReply(s);
  view.scenario.clear();
  const std::string id = req.matches[1];
  auto report = cli::CheckReport(*b.db, id, view);
  if (!report.ok()) return NotFoundWithHint(report.status(), id);
  return Ok(cli::ReportToJson(*report));
}

Reply Api::Scenarios(const httplib::Request& req) const {
  if (Status s = CheckParams(req, {}, {"pretty"}); !s.ok()) return ErrorReply(s);
  return Ok(cli::ScenariosToJson(db_.Scenarios()));
}

Reply Api::ScenarioDiff(const httplib::Request& req) const {
  if (Status s = CheckParams(req, {"relation"}, {"pretty"}); !s.ok()) return ErrorReply(s);
  auto diff = db_.CompareScenario(req.matches[1], Param(req, "relation"));
  if (!diff.ok()) return ErrorReply(diff.status());
  return Ok(cli::ScenarioDifferencesToJson(*diff));
}

Reply Api::Rules(const httplib::Request& req) const {
  if (Status s = CheckParams(req, {}, {"scenario", "pretty"}); !s.ok()) return ErrorReply(s);
  Branch b;
  if (Status s = OpenBranch(Param(req, "scenario"), &b); !s.ok()) return ErrorReply(s);
  return Ok(cli::RulesToJson(b.db->Rules()));
}

Reply Api::Alerts(const httplib::Request& req) const {
  if (Status s = CheckParams(req, {}, {"scenario", "pretty"}); !s.ok()) return ErrorReply(s);
  auto alerts = db_.Alerts(Param(req, "scenario"));
  if (!alerts.ok()) return ErrorReply(alerts.status());
  return Ok(cli::AlertsToJson(*alerts));
}

std::optional<Reply> Api::RefuseWrite(const httplib::Request& req) const {
  if (options_.write_token.empty()) {
    return Reply{405,
                 ErrorBody(Status::Invalid("this server is read-only")
                               .AddNote("start it with --write-token TOKEN (or ORDO_WRITE_TOKEN) to accept writes"),
                           {}, {}, "method_not_allowed"),
                 {{"Allow", "GET"}}};
  }
  const std::string auth = req.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() <= kBearer.size() || auth.compare(0, kBearer.size(), kBearer) != 0) {
    return Reply{
        401,
        ErrorBody(Status::Invalid("a write token is required").AddNote("send the header 'Authorization: Bearer TOKEN'"),
                  {}, {}, "unauthorized"),
        {{"WWW-Authenticate", "Bearer realm=\"ordo\""}}};
  }
  const std::string_view given = std::string_view(auth).substr(kBearer.size());
  const std::string& want = options_.write_token;
  // Compare in time independent of where the strings differ.
  unsigned diff = given.size() == want.size() ? 0u : 1u;
  for (size_t i = 0; i < want.size(); ++i) {
    diff |= static_cast<unsigned char>(want[i]) ^ static_cast<unsigned char>(i < given.size() ? given[i] : 0);
  }
  if (diff != 0) {
    return Reply{403, ErrorBody(Status::Invalid("the write token is wrong"), {}, {}, "forbidden"), {}};
  }
  return std::nullopt;
}

Reply Api::PostOrders(const httplib::Request& req) {
  if (auto refused = RefuseWrite(req)) return *std::move(refused);
  return ApplyOrders(req, "");
}

Reply Api::PostScenarioOrders(const httplib::Request& req) {
  if (auto refused = RefuseWrite(req)) return *std::move(refused);
  return ApplyOrders(req, req.matches[1]);
}

Reply Api::ApplyOrders(const httplib::Request& req, const std::string& scenario) {
  httplib::Request query;
  query.params = QueryParams(req);
  if (Status s = CheckParams(query, {"check", "file"}, {"pretty"}); !s.ok()) return ErrorReply(s);
  const bool check_only = query.has_param("check") && Param(query, "check") != "0" && Param(query, "check") != "false";
  const std::string file = query.has_param("file") ? Param(query, "file") : "<http>";
  const std::string& text = req.body;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ErrorReply(Status::Invalid("the request body holds no orders")
                          .AddNote("send order text (docs/language.md) as the body, Content-Type: text/plain"));
  }

  ParseResult parsed = ParseOrders(text, file);
  if (!parsed.ok()) {
    json diagnostics = json::array();
    for (const Status& d : parsed.diagnostics) diagnostics.push_back(DiagnosticJson(d, text, file));
    json body = json::object();
    body["error"] = diagnostics.front();
    body["diagnostics"] = std::move(diagnostics);
    body["applied"] = false;
    return Reply{400, std::move(body), {}};
  }
  size_t alerts_before = 0;
  if (auto a = db_.Alerts(scenario); a.ok()) alerts_before = a->size();
  auto applied = scenario.empty() ? db_.Apply(parsed.batch, check_only)
                                  : db_.ApplyToScenario(scenario, parsed.batch, file, text, check_only);
  if (!applied.ok()) {
    json body = ErrorBody(applied.status(), text, file);
    body["diagnostics"] = json::array({body["error"]});
    body["applied"] = false;
    return Reply{HttpStatusFor(applied.status().code()), std::move(body), {}};
  }
  json j = json::object();
  j["applied"] = !check_only;
  j["checked"] = true;
  if (!scenario.empty()) j["scenario"] = scenario;
  j["orders"] = applied->orders;
  j["facts_asserted"] = applied->facts_asserted;
  j["facts_superseded"] = applied->facts_superseded;
  j["entities_created"] = applied->entities_created;
  j["entities"] = db_.entity_count();
  j["facts"] = db_.fact_count();
  // The alerts this batch fired (none with check=1).
  std::vector<AlertInfo> fired;
  if (auto a = db_.Alerts(scenario); a.ok() && a->size() > alerts_before) {
    fired.assign(a->begin() + static_cast<std::ptrdiff_t>(alerts_before), a->end());
  }
  j["alerts"] = cli::AlertsToJson(fired);
  return Ok(std::move(j));
}

Reply Api::PostScenario(const httplib::Request& req) {
  if (auto refused = RefuseWrite(req)) return *std::move(refused);
  // JSON ({"name", "from_recorded", "note"}) or a form with the same fields.
  std::string name, from_recorded, note;
  if (req.get_header_value("Content-Type").rfind("application/json", 0) == 0) {
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) return ErrorReply(Status::Invalid("the request body is not a JSON object"));
    for (auto [key, field] :
         {std::pair{"name", &name}, std::pair{"from_recorded", &from_recorded}, std::pair{"note", &note}}) {
      if (!body.contains(key) || body[key].is_null()) continue;
      if (!body[key].is_string()) return ErrorReply(Status::Invalid(fmt::format("'{}' must be a string", key)));
      *field = body[key].get<std::string>();
    }
  } else {
    name = Param(req, "name");
    from_recorded = Param(req, "from_recorded");
    note = Param(req, "note");
  }
  if (name.empty()) {
    return ErrorReply(Status::Invalid("missing field 'name' (the scenario's name, in kebab-case)"));
  }
  std::optional<Instant> base;
  if (!from_recorded.empty()) {
    auto t = ParseInstant(from_recorded);
    if (!t.ok())
      return ErrorReply(Status::Invalid(fmt::format("invalid instant for 'from_recorded': {}", t.status().message())));
    base = *t;
  }
  if (Status s = db_.CreateScenario(name, base, note); !s.ok()) return ErrorReply(s);
  for (const ScenarioInfo& info : db_.Scenarios()) {
    if (info.name == name) return Reply{201, cli::ScenariosToJson({info}).front(), {}};
  }
  return ErrorReply(Status::Internal(fmt::format("scenario '{}' was created but is not listed", name)));
}

Reply Api::DeleteScenario(const httplib::Request& req) {
  if (auto refused = RefuseWrite(req)) return *std::move(refused);
  const std::string name = req.matches[1];
  if (Status s = db_.DeleteScenario(name); !s.ok()) return ErrorReply(s);
  return Ok({{"deleted", name}});
}

void Api::Register(httplib::Server& server) {
  using Method = Reply (Api::*)(const httplib::Request&) const;
  auto get = [this, &server](const char* pattern, Method fn) {
    server.Get(pattern,
               [this, fn](const httplib::Request& req, httplib::Response& res) { Send(req, res, (this->*fn)(req)); });
  };
  get("/api/?", &Api::Index);
  get("/api/schema", &Api::Schema);
  get("/api/entity/([^/]+)", &Api::Entity);
  get("/api/members/([^/]+)", &Api::Members);
  get("/api/history/([^/]+)", &Api::History);
  get("/api/path/([^/]+)", &Api::Path);
  get("/api/diff", &Api::Diff);
  get("/api/snapshot", &Api::Snapshot);
  get("/api/orders", &Api::Orders);
  get("/api/orders/([^/]+)", &Api::Order);
  get("/api/search", &Api::Search);
  get("/api/map", &Api::Map);
  get("/api/tree", &Api::Tree);
  get("/api/changes", &Api::Changes);
  get("/api/statements", &Api::Statements);
  get("/api/reports/([^/]+)", &Api::Report);
  get("/api/scenarios", &Api::Scenarios);
  get("/api/scenarios/([^/]+)/diff", &Api::ScenarioDiff);
  get("/api/rules", &Api::Rules);
  get("/api/alerts", &Api::Alerts);
  server.Get("/api/.*", [](const httplib::Request& req, httplib::Response& res) {
    Send(
        req, res,
        ErrorReply(
            Status::NotFound(fmt::format("no such API route: GET {}", req.path)).AddNote("GET /api lists the routes")));
  });
  using Write = Reply (Api::*)(const httplib::Request&);
  auto write = [this](Write fn) {
    return [this, fn](const httplib::Request& req, httplib::Response& res) { Send(req, res, (this->*fn)(req)); };
  };
  server.Post("/api/orders", write(&Api::PostOrders));
  server.Post("/api/scenarios", write(&Api::PostScenario));
  server.Post("/api/scenarios/([^/]+)/orders", write(&Api::PostScenarioOrders));
  server.Delete("/api/scenarios/([^/]+)", write(&Api::DeleteScenario));
  auto not_allowed = [](const httplib::Request& req, httplib::Response& res) {
    Reply r{405,
            ErrorBody(Status::Invalid(fmt::format("{} is not allowed on {}", req.method, req.path))
                          .AddNote("the API is read with GET; orders are sent with POST /api/orders"),
                      {}, {}, "method_not_allowed"),
            {{"Allow", AllowedMethods(req.path)}}};
    Send(req, res, r);
  };
  server.Post("/api/.*", not_allowed);
  server.Put("/api/.*", not_allowed);
  server.Patch("/api/.*", not_allowed);
  server.Delete("/api/.*", not_allowed);
}

}  // namespace ordo::server
