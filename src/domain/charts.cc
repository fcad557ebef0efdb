#include "domain/charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/names.h"

namespace ordo::domain {

Result<MapView> BuildMap(const Database& db, const std::string& relation, const View& view) {
  auto facts = db.Snapshot(relation, view);
  if (!facts.ok()) return facts.status();
  MapView out;
  out.relation = relation;
  std::map<std::string, size_t> subject_at, disputed_at, counts;
  std::vector<std::string> objects;  // in order of first appearance
  for (const FactInfo& f : *facts) {
    if (f.is_attribute) continue;
    auto [it, fresh] = subject_at.emplace(f.subject, out.assignments.size());
    if (fresh) out.assignments.emplace_back(f.subject, std::vector<std::string>{});
    std::vector<std::string>& row = out.assignments[it->second].second;
    if (std::find(row.begin(), row.end(), f.object) == row.end()) row.push_back(f.object);
    if (!f.perspective.empty()) {
      auto [d, new_subject] = disputed_at.emplace(f.subject, out.disputed.size());
      if (new_subject) out.disputed.emplace_back(f.subject, std::vector<std::pair<std::string, std::string>>{});
      out.disputed[d->second].second.emplace_back(f.object, f.perspective);
    }
    if (counts[f.object]++ == 0) objects.push_back(f.object);
  }
  for (const std::string& id : objects) {
    LegendItem item;
    item.id = id;
    item.count = counts[id];
    auto e = db.Entity(id, view);
    if (e.ok()) {
      item.kind = e->kind;
      item.name = DisplayName(e->names);
      item.names = e->names;
    } else {
      item.name = id;
    }
    out.legend.push_back(std::move(item));
  }
  auto marks = db.Snapshot("uncovered", view);
  if (!marks.ok()) return marks.status();
  for (const FactInfo& m : *marks) {
    const auto* rel = m.value ? std::get_if<std::string>(&m.value->v) : nullptr;
    if (rel == nullptr || *rel != relation) continue;
    std::string note;
    for (const Qualifier& q : m.qualifiers) {
      if (const auto* t = std::get_if<std::string>(&q.value.v); q.key == "note" && t != nullptr) note = *t;
    }
    out.uncovered.emplace_back(m.subject, std::move(note));
  }
  return out;
}

namespace {

std::optional<double> Number(const EntityInfo& e, const char* attribute) {
  for (const FactInfo& f : e.facts) {
    if (f.predicate != attribute || !f.value) continue;
    if (const auto* d = std::get_if<double>(&f.value->v)) return *d;
    if (const auto* i = std::get_if<int64_t>(&f.value->v)) return static_cast<double>(*i);
  }
  return std::nullopt;
}

// The unit's symbol, headquarters and commanders at view.at, where the schema has them.
void AddUnitDetails(const Database& db, const EntityInfo& unit, const View& view, OrgNode* n) {
  for (const FactInfo& f : unit.facts) {
    if (f.predicate == "sidc" && f.value) {
      if (const auto* s = std::get_if<std::string>(&f.value->v)) n->sidc = *s;
    }
    if (f.predicate == "headquarters" && !f.is_attribute && !n->headquarters) {
      OrgNode::Place p;
      p.id = f.object;
      if (auto place = db.Entity(f.object, view); place.ok()) {
        p.name = DisplayName(place->names);
        p.latitude = Number(*place, "latitude");
        p.longitude = Number(*place, "longitude");
      }
      n->headquarters = std::move(p);
    }
  }
  auto commanders = db.Members(unit.id, "commands", view);
  if (!commanders.ok()) return;  // no `commands` relation in this schema
  for (const FactInfo& f : *commanders) {
    OrgNode::Commander c;
    c.id = f.subject;
    if (auto person = db.Entity(f.subject, view); person.ok()) c.name = DisplayName(person->names);
    for (const Qualifier& q : f.qualifiers) {
      if (q.key == "acting" && q.value == Value{true}) c.acting = true;
    }
    n->commanders.push_back(std::move(c));
  }
}

}  // namespace

Result<OrgChart> BuildOrgChart(const Database& db, const std::string& relation, const View& view) {
  auto facts = db.Snapshot(relation, view);
  if (!facts.ok()) return facts.status();
  OrgChart out;
  out.relation = relation;
  std::map<std::string, const FactInfo*> parents;
  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const FactInfo& f : *facts) {
    if (f.is_attribute) continue;
    for (const std::string* id : {&f.subject, &f.object}) {
      if (seen.insert(*id).second) ids.push_back(*id);
    }
    parents.emplace(f.subject, &f);
  }
  for (const std::string& id : ids) {
    OrgNode n;
    n.id = id;
    auto e = db.Entity(id, view);
    if (e.ok()) {
      n.kind = e->kind;
      n.name = DisplayName(e->names);
      n.names = e->names;
    } else {
      n.name = id;
    }
    if (auto p = parents.find(id); p != parents.end()) n.parent = *p->second;
    if (e.ok()) AddUnitDetails(db, *e, view, &n);
    out.nodes.push_back(std::move(n));
  }
  return out;
}

Result<ChangeDates> BuildChangeDates(const Database& db, const std::string& relation, const View& view) {
  auto facts = db.Timeline(relation, view);
  if (!facts.ok()) return facts.status();
  ChangeDates out;
  out.relation = relation;
  out.facts = facts->size();
  std::set<Date> dates;
  for (const FactInfo& f : *facts) {
    if (!f.from.date.is_min()) dates.insert(f.from.date);
    if (!f.to.date.is_max()) dates.insert(f.to.date);
  }
  out.dates.assign(dates.begin(), dates.end());
  return out;
}

Status WithSearchHints(const Database& db, Status status, const std::string& id) {
  // Entities only: a mistyped relation, perspective or speaker has its own suggestions.
  if (status.code() != Code::kNotFound || !status.notes().empty() || id.empty() ||
      status.message().rfind("unknown id '", 0) != 0) {
    return status;
  }
  for (const Match& m : db.Search(id, 3)) {
    if (m.id == id) continue;
    status.AddNote(m.name.empty() || m.name == m.id ? fmt::format("did you mean '{}'?", m.id)
                                                    : fmt::format("did you mean '{}' ({})?", m.id, m.name));
  }
  return status;
}

}  // namespace ordo::domain
