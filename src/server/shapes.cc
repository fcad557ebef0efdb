#include "server/shapes.h"

#include <set>

#include "cli/format.h"
#include "ordo/lang.h"

namespace ordo::server {

std::shared_ptr<const OrderInfo> OrderCache::Find(const std::string& id) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = orders_.find(id);
  if (it != orders_.end()) return it->second;
  if (loaded_) {
    // An order applied since the last load: reload once.
    bool reloaded = false;
    for (OrderInfo& o : db_.Orders()) {
      if (orders_.count(o.id) == 0) {
        reloaded = true;
        std::string key = o.id;
        orders_.emplace(std::move(key), std::make_shared<const OrderInfo>(std::move(o)));
      }
    }
    if (!reloaded) return nullptr;
  } else {
    loaded_ = true;
    for (OrderInfo& o : db_.Orders()) {
      std::string key = o.id;
      orders_.emplace(std::move(key), std::make_shared<const OrderInfo>(std::move(o)));
    }
  }
  it = orders_.find(id);
  return it == orders_.end() ? nullptr : it->second;
}

void OrderCache::Invalidate() {
  std::lock_guard<std::mutex> lock(mu_);
  orders_.clear();
  loaded_ = false;
}

std::string DisplayName(const std::vector<Name>& names) {
  for (const Name& n : names) {
    if (n.lang == "en") return n.text;
  }
  return names.empty() ? "" : names.front().text;
}

json NamesToJson(const std::vector<Name>& names) {
  json j = json::array();
  for (const Name& n : names) j.push_back({{"lang", n.lang}, {"text", n.text}});
  return j;
}

json FactJson(const FactInfo& fact, const OrderCache& orders) {
  json j = cli::FactToJson(fact);
  json sources = json::array();
  if (auto o = orders.Find(fact.order)) {
    for (const SourceInfo& s : o->sources) sources.push_back(s.id);
  }
  j["sources"] = std::move(sources);
  return j;
}

json EntityJson(const EntityInfo& info, Date at, const OrderCache& orders) {
  json j = json::object();
  j["id"] = info.id;
  j["kind"] = info.kind;
  j["at"] = FormatDate(at);
  j["alive"] = info.alive;
  j["names"] = NamesToJson(info.names);
  j["aliases"] = NamesToJson(info.aliases);
  json life = json::array();
  for (const Span& i : info.lifetime) life.push_back({{"from", cli::FromToJson(i.from)}, {"to", cli::ToToJson(i.to)}});
  j["lifetime"] = std::move(life);
  json facts = json::array();
  for (const FactInfo& f : info.facts) facts.push_back(FactJson(f, orders));
  j["facts"] = std::move(facts);
  json order_list = json::array();
  std::set<std::string> seen;
  for (const FactInfo& f : info.facts) {
    if (!seen.insert(f.order).second) continue;
    if (auto o = orders.Find(f.order)) order_list.push_back(cli::OrderToJson(*o));
  }
  j["orders"] = std::move(order_list);
  return j;
}

json MembersJson(const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects,
                 const OrderCache& orders) {
  json j = json::array();
  for (size_t i = 0; i < facts.size(); ++i) {
    const FactInfo& f = facts[i];
    json row = json::object();
    row["id"] = f.subject;
    row["kind"] = i < subjects.size() ? subjects[i].kind : "";
    row["name"] = i < subjects.size() ? DisplayName(subjects[i].names) : "";
    json fj = FactJson(f, orders);
    fj.erase("id");
    row.update(fj);
    j.push_back(std::move(row));
  }
  return j;
}

json FactsJson(const std::vector<FactInfo>& facts, const OrderCache& orders) {
  json j = json::array();
  for (const FactInfo& f : facts) j.push_back(FactJson(f, orders));
  return j;
}

json ChangesJson(const std::vector<Change>& changes, const OrderCache& orders) {
  json j = json::array();
  for (const Change& c : changes) {
    json row = json::object();
    row["id"] = c.subject;
    row["predicate"] = c.predicate;
    row["perspective"] = c.perspective.empty() ? json(nullptr) : json(c.perspective);
    row["before"] = FactsJson(c.before, orders);
    row["after"] = FactsJson(c.after, orders);
    j.push_back(std::move(row));
  }
  return j;
}

json OrdersJson(const std::vector<OrderInfo>& orders) {
  json j = json::array();
  for (const OrderInfo& o : orders) j.push_back(cli::OrderToJson(o));
  return j;
}

json OrderChangesJson(const OrderChanges& changes) {
  json j = cli::OrderToJson(changes.order);
  json asserted = json::array(), superseded = json::array();
  for (const FactInfo& f : changes.asserted) asserted.push_back(cli::FactToJson(f));
  for (const FactInfo& f : changes.superseded) superseded.push_back(cli::FactToJson(f));
  j["asserted"] = std::move(asserted);
  j["superseded"] = std::move(superseded);
  return j;
}

json MatchesJson(const std::vector<Match>& matches) {
  json j = json::array();
  for (const Match& m : matches) {
    j.push_back({{"id", m.id}, {"kind", m.kind}, {"name", m.name}, {"lang", m.lang}, {"distance", m.distance}});
  }
  return j;
}

namespace {
void AddWhere(json& j, const SourceRegion& where) {
  if (!where.file.empty()) j["file"] = where.file;
  if (where.known()) {
    j["line"] = where.begin.line;
    j["column"] = where.begin.column;
  }
}
}  // namespace

json DiagnosticJson(const Status& status, std::string_view text, const std::string& file) {
  json e = json::object();
  e["code"] = CodeName(status.code());
  e["message"] = status.message();
  AddWhere(e, status.where());
  json notes = json::array();
  json located = json::array();
  for (const Note& n : status.notes()) {
    notes.push_back(n.message);
    json nj = json::object();
    nj["message"] = n.message;
    AddWhere(nj, n.where);
    located.push_back(std::move(nj));
  }
  e["notes"] = std::move(notes);
  if (status.where().known() || !text.empty()) {
    e["note_locations"] = std::move(located);
    e["rendered"] = RenderDiagnostic(status, text, file, false);
  }
  return e;
}

json ErrorBody(const Status& status, std::string_view text, const std::string& file, const char* code_name) {
  json e = DiagnosticJson(status, text, file);
  if (code_name != nullptr) e["code"] = code_name;
  json j = json::object();
  j["error"] = std::move(e);
  return j;
}

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kNotFound: return 404;
    case Code::kInvalid: return 400;
    case Code::kViolation: return 422;
    case Code::kConflict: return 409;
    case Code::kLimit: return 413;
    case Code::kIo: return 500;
    case Code::kInternal: return 500;
  }
  return 500;
}

}  // namespace ordo::server
