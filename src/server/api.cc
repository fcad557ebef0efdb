#include "server/api.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>
#include <tuple>

#include "base/text.h"
#include "domain/changes.h"
#include "domain/charts.h"
#include "domain/compare.h"
#include "domain/import.h"
#include "domain/query.h"
#include "domain/statements.h"
#include "http/target.h"
#include "ordo/lang.h"
#include "present/atom.h"
#include "present/json.h"
#include "present/orbat.h"
#include "present/read.h"

namespace ordo::server {

namespace {

// ?check=1: validate only (anything but 0 or false).
bool CheckOnly(const Context& c) {
  return c.HasParam("check") && c.Param("check") != "0" && c.Param("check") != "false";
}

Reply Ok(present::Json body) { return Reply{200, std::move(body), {}}; }

// The view parameters a route takes, in the order messages list them.
std::vector<const char*> CommonParams(ViewParams v) {
  switch (v) {
    case ViewParams::kNone: return {"pretty"};
    case ViewParams::kScenario: return {"scenario", "pretty"};
    case ViewParams::kRecorded: return {"recorded", "perspective", "scenario", "pretty"};
    case ViewParams::kFull: return {"at", "recorded", "perspective", "scenario", "pretty"};
  }
  return {"pretty"};
}

// Fails on a query parameter the route does not know, naming the nearest known one.
Status CheckParams(const Request& req, const Route& route) {
  std::vector<std::string> allowed;
  for (const char* p : route.params) allowed.emplace_back(p);
  for (const char* p : CommonParams(route.view)) allowed.emplace_back(p);
  for (const auto& [key, value] : req.query) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    Status s = Status::Invalid(fmt::format("unknown query parameter '{}'", key));
    for (const std::string& near : Nearest(key, allowed, 1)) s.AddNote(fmt::format("did you mean '{}'?", near));
    s.AddNote(fmt::format("this route takes: {}", fmt::join(allowed, ", ")));
    return s;
  }
  return Status::Ok();
}

Status ParseDateParam(const char* name, const std::string& text, Date* out) {
  auto d = ParseFuzzyDate(text);
  if (!d.ok()) return Status::Invalid(fmt::format("invalid date for '{}': {}", name, d.status().message()));
  *out = d->date;
  return Status::Ok();
}

// at (default today), recorded (default: everything recorded), perspective (default: all).
Status ParseView(const Request& req, View* view) {
  if (req.HasParam("at")) {
    if (Status s = ParseDateParam("at", req.Param("at"), &view->at); !s.ok()) return s;
  }
  if (req.HasParam("recorded")) {
    auto t = ParseInstant(req.Param("recorded"));
    if (!t.ok()) return Status::Invalid(fmt::format("invalid instant for 'recorded': {}", t.status().message()));
    view->recorded = *t;
  }
  view->perspective = req.Param("perspective");
  return Status::Ok();
}

// A required parameter naming a relation (or attribute); lists the known ones when missing.
Status RequireRelation(const Context& c, std::string* out) {
  *out = c.Param("relation");
  if (!out->empty()) return Status::Ok();
  Status s = Status::Invalid("missing query parameter 'relation'");
  std::vector<std::string> names;
  for (const RelationDecl& r : c.db->Schema().relations) names.push_back(r.name);
  if (!names.empty()) s.AddNote(fmt::format("relations: {}", fmt::join(names, ", ")));
  return s;
}

// The `ids` parameter of /api/names and /api/sources: ids separated by commas, each once, at
// least one and at most 1,000. what: "entity", "source".
Result<std::vector<std::string>> IdsParam(const Context& c, const char* what) {
  constexpr size_t kMaxIds = 1000;
  std::vector<std::string> ids;
  const std::string list = c.Param("ids");
  for (size_t start = 0; start <= list.size();) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string id = list.substr(start, comma - start);
    if (!id.empty() && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
    start = comma + 1;
  }
  if (ids.empty()) return Status::Invalid(fmt::format("missing query parameter 'ids' ({} ids, comma-separated)", what));
  if (ids.size() > kMaxIds) {
    return Status::Invalid(fmt::format("too many ids: {} (at most {} per request)", ids.size(), kMaxIds));
  }
  return ids;
}

// Matches a path against a route's pattern; fills the {captures}.
bool MatchPath(std::string_view pattern, std::string_view path, std::vector<std::string>* captures) {
  // "/api" and "/api/" both name the index.
  if (pattern == "/api" && path == "/api/") return true;
  captures->clear();
  size_t p = 0, q = 0;
  while (p < pattern.size() && q < path.size()) {
    if (pattern[p] == '{') {
      const size_t close = pattern.find('}', p);
      const size_t end = path.find('/', q);
      const std::string_view value = path.substr(q, end == std::string_view::npos ? std::string_view::npos : end - q);
      if (value.empty()) return false;
      captures->emplace_back(value);
      p = close + 1;
      q += value.size();
      continue;
    }
    if (pattern[p] != path[q]) return false;
    ++p;
    ++q;
  }
  return p == pattern.size() && q == path.size();
}

// "GET /api/members/{id}?relation=" for GET /api.
std::string RouteLine(const Route& r) {
  std::string line = std::string(r.method) + " " + r.path;
  for (size_t i = 0; i < r.required.size(); ++i) line += std::string(i == 0 ? "?" : "&") + r.required[i] + "=";
  return line;
}

}  // namespace

const std::vector<Route>& Api::Routes() {
  using V = ViewParams;
  static const std::vector<Route> kRoutes = {
      {"GET", "/api", {}, {}, V::kNone, false, &Api::Index},
      {"GET", "/api/entity/{id}", {}, {}, V::kFull, false, &Api::Entity},
      {"GET", "/api/members/{id}", {"relation"}, {"relation"}, V::kFull, false, &Api::Members},
      {"GET", "/api/history/{id}", {"relation"}, {}, V::kRecorded, false, &Api::History},
      {"GET", "/api/path/{id}", {"relation"}, {"relation"}, V::kFull, false, &Api::Path},
      {"GET", "/api/lineage/{id}", {}, {}, V::kRecorded, false, &Api::Lineage},
      {"GET", "/api/diff", {"from", "to", "relation"}, {"from", "to"}, V::kRecorded, true, &Api::Diff},
      {"GET", "/api/snapshot", {"relation", "contested"}, {"relation"}, V::kFull, true, &Api::Snapshot},
      {"GET", "/api/orders", {}, {}, V::kRecorded, true, &Api::Orders},
      {"GET", "/api/orders/{id}", {}, {}, V::kScenario, true, &Api::Order},
      {"GET", "/api/search", {"q", "limit"}, {"q"}, V::kScenario, true, &Api::Search},
      {"GET", "/api/names", {"ids"}, {"ids"}, V::kFull, false, &Api::Names},
      {"GET", "/api/sources", {"ids"}, {"ids"}, V::kScenario, false, &Api::Sources},
      {"GET", "/api/map", {"relation"}, {"relation"}, V::kFull, true, &Api::Map},
      {"GET", "/api/tree", {"relation"}, {"relation"}, V::kFull, true, &Api::Tree},
      {"GET", "/api/export/orbat", {"relation"}, {}, V::kFull, true, &Api::ExportOrbat},
      {"GET", "/api/changes", {"relation", "from", "to"}, {"relation"}, V::kRecorded, true, &Api::Changes},
      {"GET",
       "/api/compare",
       {"then", "now", "at", "relation", "perspective"},
       {"then"},
       V::kScenario,
       true,
       &Api::Compare},
      {"GET", "/api/query", {"q", "max_work"}, {"q"}, V::kFull, true, &Api::Query},
      {"GET", "/api/schema", {}, {}, V::kNone, false, &Api::Schema},
      {"GET", "/api/statements", {"about", "speaker", "kind", "from", "to"}, {}, V::kRecorded, true, &Api::Statements},
      {"GET", "/api/reports/{id}", {}, {}, V::kRecorded, true, &Api::Report},
      {"GET", "/api/scenarios", {}, {}, V::kNone, false, &Api::Scenarios},
      {"GET", "/api/scenarios/{name}/diff", {"relation"}, {}, V::kNone, true, &Api::ScenarioDiff},
      {"GET", "/api/rules", {}, {}, V::kScenario, false, &Api::Rules},
      {"GET", "/api/alerts", {}, {}, V::kScenario, false, &Api::Alerts},
      {"GET", "/api/alerts.atom", {}, {}, V::kScenario, false, &Api::AlertsAtom},
      {"POST", "/api/read", {"date", "window", "lang"}, {"date"}, V::kRecorded, true, &Api::Read},
      {"POST", "/api/orders", {"check", "file"}, {}, V::kNone, true, &Api::PostOrders},
      {"POST", "/api/scenarios", {"name", "from_recorded", "note"}, {}, V::kNone, true, &Api::PostScenario},
      {"POST", "/api/scenarios/{name}/orders", {"check", "file"}, {}, V::kNone, true, &Api::PostScenarioOrders},
      {"POST",
       "/api/import",
       {"order", "title", "sources", "effective", "recorded", "issuer", "perspective", "note", "check", "file"},
       {"order", "title", "sources"},
       V::kNone,
       true,
       &Api::PostImport},
      {"DELETE", "/api/scenarios/{name}", {}, {}, V::kNone, true, &Api::DeleteScenario},
  };
  return kRoutes;
}

Api::Api(Database& db, const ServeOptions& options) : db_(db), options_(options) {}

std::shared_ptr<const domain::OrderIndex> Api::RecordOrders() const {
  std::lock_guard lock(orders_mu_);
  if (orders_ == nullptr) orders_ = std::make_shared<const domain::OrderIndex>(db_);
  return orders_;
}

Status Api::Prepare(const Route& route, Context* c) const {
  if (Status s = CheckParams(c->req, route); !s.ok()) return s;
  if (route.view == ViewParams::kRecorded || route.view == ViewParams::kFull) {
    if (Status s = ParseView(c->req, &c->view); !s.ok()) return s;
  }
  c->db = &db_;
  if (route.view != ViewParams::kNone) c->scenario = c->Param("scenario");
  if (c->scenario.empty()) {
    c->orders_held = RecordOrders();
  } else {
    auto branch = db_.Scenario(c->scenario);
    if (!branch.ok()) return branch.status();
    c->branch = std::move(branch).value();
    c->db = c->branch.get();
    c->orders_held = std::make_shared<const domain::OrderIndex>(*c->branch);
  }
  c->orders = c->orders_held.get();
  return Status::Ok();
}

Reply Api::Dispatch(const Request& req) {
  std::vector<std::string> captures;
  std::vector<std::string> methods;  // of the routes whose path matches
  for (const Route& route : Routes()) {
    if (!MatchPath(route.path, req.path, &captures)) continue;
    if (req.method != route.method && !(req.method == "HEAD" && std::string_view(route.method) == "GET")) {
      methods.emplace_back(route.method);
      continue;
    }
    Context c{req, captures, {}, nullptr, nullptr, nullptr, nullptr, ""};
    // Writes answer 405/401/403 before anything about their parameters.
    // POST /api/read sends its text as the body but reads, like GET: no token.
    const bool writes = std::string_view(route.method) != "GET" && std::string_view(route.path) != "/api/read";
    if (writes) {
      if (auto refused = RefuseWrite(req)) return *std::move(refused);
    }
    if (Status s = Prepare(route, &c); !s.ok()) return ErrorReply(s);
    return (this->*route.handler)(c);
  }
  if ((req.method == "GET" || req.method == "HEAD") && methods.empty()) {
    return ErrorReply(
        Status::NotFound(fmt::format("no such API route: GET {}", req.path)).AddNote("GET /api lists the routes"));
  }
  const std::string allow = methods.empty() ? "GET" : fmt::format("{}", fmt::join(methods, ", "));
  // GET on a route that takes only POST (POST /api/read sends its text as the body).
  const std::string note = req.method == "GET" || req.method == "HEAD"
                               ? fmt::format("{} takes {}", req.path, allow)
                               : "the API is read with GET; orders are sent with POST /api/orders";
  return Reply{
      405,
      present::ErrorJson(Status::Invalid(fmt::format("{} is not allowed on {}", req.method, req.path)).AddNote(note),
                         {}, {}, "method_not_allowed"),
      {{"Allow", allow}}};
}

bool Api::IsExpensive(const Request& req) const {
  std::vector<std::string> captures;
  for (const Route& route : Routes()) {
    if (req.method == route.method && MatchPath(route.path, req.path, &captures)) return route.expensive;
  }
  return false;
}

Reply Api::NotFoundWithHint(const Context& c, Status status, const std::string& id) const {
  return ErrorReply(domain::WithSearchHints(*c.db, std::move(status), id));
}

// ---- reads ----

Reply Api::Index(Context& c) {
  present::ServiceInfo info;
  info.writable = !options_.write_token.empty();
  info.entities = c.db->entity_count();
  info.facts = c.db->fact_count();
  info.max_result_rows = options_.max_result_rows;
  info.max_body_bytes = options_.max_body_bytes;
  for (const Route& r : Routes()) {
    if (std::string_view(r.path) != "/api") info.routes.push_back(RouteLine(r));
  }
  return Ok(present::ServiceJson(info));
}

Reply Api::Schema(Context& c) { return Ok(present::SchemaJson(c.db->Schema())); }

Reply Api::Entity(Context& c) {
  const std::string& id = c.captures[0];
  auto e = c.db->Entity(id, c.view);
  if (!e.ok()) return NotFoundWithHint(c, e.status(), id);
  return Ok(present::EntityJson(*e, c.view.at, *c.orders));
}

Reply Api::Members(Context& c) {
  std::string relation;
  if (Status s = RequireRelation(c, &relation); !s.ok()) return ErrorReply(s);
  const std::string& id = c.captures[0];
  auto facts = c.db->Members(id, relation, c.view);
  if (!facts.ok()) return NotFoundWithHint(c, facts.status(), id);
  std::vector<EntityInfo> subjects;
  for (const FactInfo& f : *facts) {
    auto e = c.db->Entity(f.subject, c.view);
    subjects.push_back(e.ok() ? std::move(e).value() : EntityInfo{});
  }
  return Ok(present::MembersJson(*facts, subjects, *c.orders));
}

Reply Api::History(Context& c) {
  const std::string& id = c.captures[0];
  auto facts = c.db->History(id, c.Param("relation"), c.view);
  if (!facts.ok()) return NotFoundWithHint(c, facts.status(), id);
  return Ok(present::FactsJson(*facts, *c.orders));
}

Reply Api::Path(Context& c) {
  std::string relation;
  if (Status s = RequireRelation(c, &relation); !s.ok()) return ErrorReply(s);
  const std::string& id = c.captures[0];
  auto facts = c.db->PathUp(id, relation, c.view);
  if (!facts.ok()) return NotFoundWithHint(c, facts.status(), id);
  return Ok(present::FactsJson(*facts, *c.orders));
}

Reply Api::Lineage(Context& c) {
  const std::string& id = c.captures[0];
  auto lineage = c.db->Lineage(id, c.view);
  if (!lineage.ok()) return NotFoundWithHint(c, lineage.status(), id);
  return Ok(present::LineageJson(*lineage));
}

Reply Api::Diff(Context& c) {
  Date d1, d2;
  for (const char* name : {"from", "to"}) {
    if (!c.HasParam(name)) return ErrorReply(Status::Invalid(fmt::format("missing query parameter '{}'", name)));
  }
  if (Status s = ParseDateParam("from", c.Param("from"), &d1); !s.ok()) return ErrorReply(s);
  if (Status s = ParseDateParam("to", c.Param("to"), &d2); !s.ok()) return ErrorReply(s);
  const std::string relation = c.Param("relation");
  // The answer borrows from the record, so its JSON is written while the Reading lives; an error's
  // hint reads the record again, after it.
  Status failed;
  {
    auto reading = c.db->Read();
    auto changes = reading->Diff(d1, d2, relation, c.view);
    if (changes.ok()) return Ok(present::ChangesJson(changes->changes, *c.orders));
    failed = changes.status();
  }
  return NotFoundWithHint(c, failed, relation);
}

Reply Api::Snapshot(Context& c) {
  std::string relation;
  if (Status s = RequireRelation(c, &relation); !s.ok()) return ErrorReply(s);
  if (c.HasParam("contested")) {
    const std::string& v = c.Param("contested");
    if (v != "1" && v != "true") {
      return ErrorReply(Status::Invalid("invalid value for 'contested': '" + v + "' (1 or true)"));
    }
    auto facts = c.db->Snapshot(relation, c.view);
    if (!facts.ok()) return NotFoundWithHint(c, facts.status(), relation);
    return Ok(present::FactsJson(domain::ContestedOnly(std::move(*facts)), *c.orders));
  }
  // Borrowed, as in Diff.
  Status failed;
  {
    auto reading = c.db->Read();
    auto facts = reading->Snapshot(relation, c.view);
    if (facts.ok()) return Ok(present::FactsJson(*facts, *c.orders));
    failed = facts.status();
  }
  return NotFoundWithHint(c, failed, relation);
}

Reply Api::Orders(Context& c) {
  std::vector<OrderInfo> orders;
  for (OrderInfo& o : c.db->Orders()) {
    if (c.view.recorded && o.recorded > *c.view.recorded) continue;
    if (!c.view.perspective.empty() && !o.perspective.empty() && o.perspective != c.view.perspective) continue;
    orders.push_back(std::move(o));
  }
  if (orders.size() > options_.max_result_rows) {
    return ErrorReply(Status::Limit(
        fmt::format("the answer has more than {} rows (the configured limit)", options_.max_result_rows)));
  }
  return Ok(present::OrdersJson(orders));
}

Reply Api::Order(Context& c) {
  auto changes = c.db->Order(c.captures[0]);
  if (!changes.ok()) return ErrorReply(changes.status());
  return Ok(present::OrderChangesJson(*changes));
}

Reply Api::Search(Context& c) {
  const std::string q = c.Param("q");
  if (q.empty()) return ErrorReply(Status::Invalid("missing query parameter 'q' (the name, alias or id to find)"));
  size_t limit = 10;
  if (c.HasParam("limit")) {
    const std::string text = c.Param("limit");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), limit);
    if (ec != std::errc() || end != text.data() + text.size() || limit == 0 || limit > options_.max_search_results) {
      return ErrorReply(Status::Invalid(
          fmt::format("invalid limit '{}': expected a number from 1 to {}", text, options_.max_search_results)));
    }
  }
  return Ok(present::MatchesJson(c.db->Search(q, limit)));
}

// GET /api/sources?ids=a,b: the sources of those ids (at most 1,000).
Reply Api::Sources(Context& c) {
  auto ids = IdsParam(c, "source");
  if (!ids.ok()) return ErrorReply(ids.status());
  std::vector<SourceInfo> found;
  std::vector<std::string> unknown;
  for (const std::string& id : *ids) {
    auto s = c.db->Source(id);
    if (s.ok()) {
      found.push_back(std::move(*s));
    } else {
      unknown.push_back(id);
    }
  }
  return Ok(present::SourceListJson(found, unknown));
}

Reply Api::Names(Context& c) {
  auto ids = IdsParam(c, "entity");
  if (!ids.ok()) return ErrorReply(ids.status());
  std::vector<EntityInfo> found;
  std::vector<std::string> unknown;
  for (const std::string& id : *ids) {
    auto e = c.db->Entity(id, c.view);
    if (!e.ok()) {
      unknown.push_back(id);
      continue;
    }
    // An entity that does not exist on the date is named as it was when it last existed (or,
    // before its first day, as it was then): a list of what changed still needs its name.
    if (e->names.empty() && !e->lifetime.empty()) {
      const Span* near = &e->lifetime.front();
      for (const Span& s : e->lifetime) {
        if (s.from.date <= c.view.at) near = &s;
      }
      View then = c.view;
      then.at = near->to.date <= c.view.at && !near->to.date.is_max() ? Date{near->to.date.days - 1} : near->from.date;
      auto named = c.db->Entity(id, then);
      if (named.ok()) e->names = std::move(named->names);
    }
    found.push_back(std::move(e).value());
  }
  return Ok(present::NamesJson(found, unknown, c.view));
}

Reply Api::Map(Context& c) {
  std::string relation;
  if (Status s = RequireRelation(c, &relation); !s.ok()) return ErrorReply(s);
  auto map = domain::BuildMap(*c.db, relation, c.view);
  if (!map.ok()) return NotFoundWithHint(c, map.status(), relation);
  return Ok(present::MapJson(*map, c.view));
}

Reply Api::Tree(Context& c) {
  const std::string relation = c.HasParam("relation") ? c.Param("relation") : "subordinate-to";
  auto chart = domain::BuildOrgChart(*c.db, relation, c.view);
  if (!chart.ok()) return NotFoundWithHint(c, chart.status(), relation);
  return Ok(present::OrgChartJson(*chart, c.view, *c.orders));
}

Reply Api::ExportOrbat(Context& c) {
  const std::string relation = c.HasParam("relation") ? c.Param("relation") : "subordinate-to";
  auto chart = domain::BuildOrgChart(*c.db, relation, c.view);
  if (!chart.ok()) return NotFoundWithHint(c, chart.status(), relation);
  Reply r = Ok(present::OrbatScenarioJson(*chart, c.view, c.view.at, c.scenario));
  r.headers.emplace_back("Content-Disposition",
                         fmt::format("attachment; filename=\"orbat-{}.json\"", FormatDate(c.view.at)));
  return r;
}

Reply Api::Changes(Context& c) {
  std::string relation;
  if (Status s = RequireRelation(c, &relation); !s.ok()) return ErrorReply(s);
  auto dates = domain::BuildChangeDates(*c.db, relation, c.view);
  if (!dates.ok()) return NotFoundWithHint(c, dates.status(), relation);
  // The period: inclusive, a year or a month from its first day to its last.
  Date from = Date::Min(), to = Date::Max();
  for (auto [name, field, last] : {std::tuple{"from", &from, false}, std::tuple{"to", &to, true}}) {
    if (!c.HasParam(name)) continue;
    auto d = ParseFuzzyDate(c.Param(name));
    if (!d.ok())
      return ErrorReply(Status::Invalid(fmt::format("invalid date for '{}': {}", name, d.status().message())));
    *field = last ? LatestDay(*d) : EarliestDay(*d);
  }
  if (to < from) {
    return ErrorReply(Status::Invalid(
        fmt::format("the period is empty: 'to' {} is before 'from' {}", c.Param("to"), c.Param("from"))));
  }
  auto log = domain::ListChanges(*c.db, *c.orders, relation, from, to, c.view);
  if (!log.ok()) return NotFoundWithHint(c, log.status(), relation);
  return Ok(present::ChangeLogJson(*log, c.view, &*dates));
}

Reply Api::Compare(Context& c) {
  if (!c.HasParam("then")) return ErrorReply(Status::Invalid("missing query parameter 'then' (a record time)"));
  std::optional<Instant> times[2];
  for (int i = 0; i < 2; ++i) {
    const char* name = i == 0 ? "then" : "now";
    if (!c.HasParam(name)) continue;
    auto t = ParseInstant(c.Param(name));
    if (!t.ok())
      return ErrorReply(Status::Invalid(fmt::format("invalid instant for '{}': {}", name, t.status().message())));
    times[i] = *t;
  }
  std::optional<Date> at;
  if (c.HasParam("at")) {
    Date d;
    if (Status s = ParseDateParam("at", c.Param("at"), &d); !s.ok()) return ErrorReply(s);
    at = d;
  }
  View view;
  view.perspective = c.Param("perspective");
  auto cmp = domain::Compare(*c.db, *c.orders, *times[0], times[1], at, c.Param("relation"), view);
  if (!cmp.ok()) return NotFoundWithHint(c, cmp.status(), c.Param("relation"));
  return Ok(present::ComparisonJson(*cmp, view));
}

Reply Api::Query(Context& c) {
  const std::string& text = c.Param("q");
  const std::string file = "<query>";
  uint64_t max_work = 0;
  if (c.HasParam("max_work")) {
    const std::string& w = c.Param("max_work");
    auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), max_work);
    if (ec != std::errc() || end != w.data() + w.size() || max_work < 1 || max_work > 1'000'000'000) {
      return ErrorReply(
          Status::Invalid(fmt::format("invalid value for 'max_work': '{}' (a whole number from 1 to 1000000000)", w)));
    }
  }
  QueryParseResult q = ParseQuery(text, file);
  if (!q.ok()) {
    const Status& first = q.diagnostics.front();
    return Reply{present::HttpStatusFor(first.code()), present::ErrorJson(first, text, file), {}};
  }
  auto a = domain::RunQuery(*c.db, q.query, c.view, max_work);
  if (!a.ok()) {
    return Reply{present::HttpStatusFor(a.status().code()), present::ErrorJson(a.status(), text, file), {}};
  }
  return Ok(present::QueryJson(*a, text, c.view));
}

Reply Api::Statements(Context& c) {
  domain::StatementFilter filter;
  for (auto [name, field] : {std::pair{"from", &filter.from}, std::pair{"to", &filter.to}}) {
    if (!c.HasParam(name)) continue;
    Date d;
    if (Status s = ParseDateParam(name, c.Param(name), &d); !s.ok()) return ErrorReply(s);
    *field = d;
  }
  filter.about = c.Param("about");
  filter.speaker = c.Param("speaker");
  filter.kind = c.Param("kind");
  auto statements = domain::ListStatements(*c.db, filter, c.view);
  if (!statements.ok()) return ErrorReply(statements.status());
  return Ok(present::StatementsJson(*statements));
}

Reply Api::Report(Context& c) {
  const std::string& id = c.captures[0];
  auto report = domain::CheckReport(*c.db, id, c.view);
  if (!report.ok()) return NotFoundWithHint(c, report.status(), id);
  return Ok(present::ReportJson(*report));
}

Reply Api::Scenarios(Context&) { return Ok(present::ScenariosJson(db_.Scenarios())); }

Reply Api::ScenarioDiff(Context& c) {
  auto diff = db_.CompareScenario(c.captures[0], c.Param("relation"));
  if (!diff.ok()) return ErrorReply(diff.status());
  return Ok(present::ScenarioDifferencesJson(*diff));
}

Reply Api::Rules(Context& c) { return Ok(present::RulesJson(c.db->Rules())); }

Reply Api::Alerts(Context& c) {
  auto alerts = c.db->Alerts();
  if (!alerts.ok()) return ErrorReply(alerts.status());
  return Ok(present::AlertsJson(*alerts));
}

Reply Api::AlertsAtom(Context& c) {
  auto alerts = c.db->Alerts();
  if (!alerts.ok()) return ErrorReply(alerts.status());
  present::AtomFeed feed;
  feed.scenario = c.scenario;
  feed.self = c.req.target;
  feed.updated = Instant{};
  for (const OrderInfo& o : c.db->Orders()) feed.updated = std::max(feed.updated, o.recorded);
  for (const AlertInfo& a : *alerts) feed.updated = std::max(feed.updated, a.recorded);
  Reply r;
  r.content_type = "application/atom+xml; charset=utf-8";
  r.text = present::AlertsAtom(*alerts, feed);
  return r;
}

// ---- writes ----

std::optional<Reply> Api::RefuseWrite(const Request& req) const {
  if (options_.write_token.empty()) {
    return Reply{
        405,
        present::ErrorJson(Status::Invalid("this server is read-only")
                               .AddNote("start it with --write-token TOKEN (or ORDO_WRITE_TOKEN) to accept writes"),
                           {}, {}, "method_not_allowed"),
        {{"Allow", "GET"}}};
  }
  const std::string auth(req.Header("Authorization"));
  constexpr std::string_view kBearer = "Bearer ";
  if (auth.size() <= kBearer.size() || auth.compare(0, kBearer.size(), kBearer) != 0) {
    return Reply{
        401,
        present::ErrorJson(
            Status::Invalid("a write token is required").AddNote("send the header 'Authorization: Bearer TOKEN'"), {},
            {}, "unauthorized"),
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
    return Reply{403, present::ErrorJson(Status::Invalid("the write token is wrong"), {}, {}, "forbidden"), {}};
  }
  return std::nullopt;
}

// POST /api/read?date=D[&window=30d][&lang=][&recorded=][&perspective=]: the body is the text.
Reply Api::Read(Context& c) {
  read::ReadOptions options;
  if (!c.HasParam("date")) {
    return ErrorReply(
        Status::Invalid("missing query parameter 'date'").AddNote("give the text's date, e.g. ?date=2024-02-26"));
  }
  if (Status s = ParseDateParam("date", c.Param("date"), &options.date); !s.ok()) return ErrorReply(s);
  if (c.HasParam("window")) {
    auto window = read::ParseWindow(c.Param("window"));
    if (!window.ok()) return ErrorReply(window.status());
    options.window_days = *window;
  }
  options.lang = c.Param("lang");
  options.recorded = c.view.recorded;
  options.perspective = c.view.perspective;
  if (Status s = read::CheckText(c.req.body); !s.ok()) {
    return ErrorReply(Status::Error(s.code(), "the request body: " + s.message()));
  }
  std::shared_ptr<const read::Linker> linker;
  if (options.recorded) {
    linker = std::make_shared<const read::Linker>(*c.db, options.recorded);
  } else {
    std::lock_guard lock(linker_mu_);
    const uint64_t generation = db_.generation();
    if (linker_ == nullptr || linker_generation_ != generation) {
      linker_ = std::make_shared<const read::Linker>(db_, std::nullopt);
      linker_generation_ = generation;
    }
    linker = linker_;
  }
  auto reading = read::ReadText(*c.db, *linker, c.req.body, options);
  if (!reading.ok()) return ErrorReply(reading.status());
  return Ok(present::ReadingJson(*reading));
}

Reply Api::PostOrders(Context& c) { return ApplyOrders(c, ""); }

Reply Api::PostScenarioOrders(Context& c) { return ApplyOrders(c, c.captures[0]); }

Reply Api::ApplyOrders(Context& c, const std::string& scenario) {
  const bool check_only = CheckOnly(c);
  const std::string file = c.HasParam("file") ? c.Param("file") : "<http>";
  const std::string& text = c.req.body;
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ErrorReply(Status::Invalid("the request body holds no orders")
                          .AddNote("send order text (docs/language.md) as the body, Content-Type: text/plain"));
  }
  ParseResult parsed = ParseOrders(text, file);
  if (!parsed.ok()) return Reply{400, present::BatchErrorJson(parsed.diagnostics, text, file), {}};
  return ApplyBatch(scenario, check_only, parsed.batch, text, file, nullptr);
}

// POST /api/import?order=&title=&sources=…: the body is a CSV of changes (`ordo import csv`).
Reply Api::PostImport(Context& c) {
  const bool check_only = CheckOnly(c);
  const std::string file = c.HasParam("file") ? c.Param("file") : "<csv>";
  const std::string& csv = c.req.body;
  lang::CsvImportSpec spec;
  spec.order = c.Param("order");
  spec.title = c.Param("title");
  spec.sources = domain::SplitIds(c.Param("sources"));
  spec.effective = c.Param("effective");
  spec.recorded = c.Param("recorded");
  spec.issuer = c.Param("issuer");
  spec.perspective = c.Param("perspective");
  spec.note = c.Param("note");
  spec.query_parameters = true;
  lang::CsvImport imported = domain::ImportCsv(db_, csv, file, std::move(spec));
  if (!imported.diagnostics.empty()) return Reply{400, present::BatchErrorJson(imported.diagnostics, csv, file), {}};
  ParseResult parsed = ParseOrders(imported.text, imported.text_file);
  if (!parsed.ok()) {
    std::vector<Status> mapped;
    for (const Status& d : parsed.diagnostics) mapped.push_back(imported.Map(d));
    return Reply{400, present::BatchErrorJson(mapped, csv, file), {}};
  }
  imported.Relocate(&parsed.batch);
  return ApplyBatch("", check_only, parsed.batch, csv, file, &imported);
}

Reply Api::ApplyBatch(const std::string& scenario, bool check_only, const Batch& batch, const std::string& text,
                      const std::string& file, const lang::CsvImport* csv) {
  auto alerts_of = [&]() -> std::vector<AlertInfo> {
    if (scenario.empty()) {
      auto a = db_.Alerts();
      return a.ok() ? *a : std::vector<AlertInfo>{};
    }
    auto branch = db_.Scenario(scenario);
    if (!branch.ok()) return {};
    auto a = (*branch)->Alerts();
    return a.ok() ? *a : std::vector<AlertInfo>{};
  };
  const size_t alerts_before = alerts_of().size();
  ApplyOptions options;
  options.check_only = check_only;
  options.scenario = scenario;
  options.text = csv != nullptr ? csv->text : text;
  options.file = csv != nullptr ? csv->text_file : file;
  auto applied = db_.Apply(batch, options);
  if (!applied.ok()) {
    const Status status = csv != nullptr ? csv->Map(applied.status()) : applied.status();
    return Reply{present::HttpStatusFor(status.code()), present::BatchErrorJson(EachError(status), text, file), {}};
  }
  if (csv != nullptr) {
    for (Status& w : applied->warnings) w = csv->Map(w);
  }
  if (scenario.empty() && !check_only) {
    std::lock_guard lock(orders_mu_);
    orders_.reset();  // the record has new orders
  }
  present::AppliedBatch out;
  out.applied = !check_only;
  out.scenario = scenario;
  out.summary = *applied;
  out.entities = db_.entity_count();
  out.facts = db_.fact_count();
  out.text = text;
  out.file = file;
  // The alerts this batch fired (none with check=1).
  std::vector<AlertInfo> after = alerts_of();
  if (after.size() > alerts_before) {
    out.alerts.assign(after.begin() + static_cast<std::ptrdiff_t>(alerts_before), after.end());
  }
  return Ok(present::AppliedJson(out));
}

Reply Api::PostScenario(Context& c) {
  // JSON ({"name", "from_recorded", "note"}) or a form with the same fields.
  present::ScenarioRequest r;
  if (c.req.Header("Content-Type").rfind("application/json", 0) == 0) {
    auto parsed = present::ParseScenarioRequestJson(c.req.body);
    if (!parsed.ok()) return ErrorReply(parsed.status());
    r = std::move(parsed).value();
  } else {
    // A form body (application/x-www-form-urlencoded), else query parameters.
    Request form;
    if (c.req.Header("Content-Type").rfind("application/x-www-form-urlencoded", 0) == 0) {
      auto fields = http::ParseTarget("/?" + c.req.body);
      if (!fields.ok()) return ErrorReply(Status::Invalid("the form body is not valid: " + fields.status().message()));
      form.query = std::move(fields->query);
    }
    for (const auto& [k, v] : c.req.query) form.query.emplace_back(k, v);
    r.name = form.Param("name");
    r.from_recorded = form.Param("from_recorded");
    r.note = form.Param("note");
  }
  if (r.name.empty()) return ErrorReply(Status::Invalid("missing field 'name' (the scenario's name, in kebab-case)"));
  std::optional<Instant> base;
  if (!r.from_recorded.empty()) {
    auto t = ParseInstant(r.from_recorded);
    if (!t.ok()) {
      return ErrorReply(Status::Invalid(fmt::format("invalid instant for 'from_recorded': {}", t.status().message())));
    }
    base = *t;
  }
  if (Status s = db_.CreateScenario(r.name, base, r.note); !s.ok()) return ErrorReply(s);
  for (const ScenarioInfo& info : db_.Scenarios()) {
    if (info.name == r.name) return Reply{201, present::ScenarioJson(info), {}};
  }
  return ErrorReply(Status::Internal(fmt::format("scenario '{}' was created but is not listed", r.name)));
}

Reply Api::DeleteScenario(Context& c) {
  const std::string& name = c.captures[0];
  if (Status s = db_.DeleteScenario(name); !s.ok()) return ErrorReply(s);
  return Ok(present::DeletedJson(name));
}

}  // namespace ordo::server
