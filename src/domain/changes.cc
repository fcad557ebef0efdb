#include "domain/changes.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/names.h"

namespace ordo::domain {

std::vector<FactInfo> ContestedOnly(std::vector<FactInfo> facts) {
  // subject -> perspective -> what it holds (objects or values); "" is the undisputed record.
  std::map<std::string, std::map<std::string, std::set<std::string>>> held;
  for (const FactInfo& f : facts) {
    held[f.subject][f.perspective].insert(f.is_attribute ? (f.value ? FormatValue(*f.value) : "") : f.object);
  }
  std::set<std::string> contested;
  for (const auto& [subject, by] : held) {
    const auto undisputed = by.find("");
    std::set<std::set<std::string>> views;
    if (undisputed != by.end()) views.insert(undisputed->second);
    for (const auto& [perspective, objects] : by) {
      if (perspective.empty()) continue;
      std::set<std::string> view = objects;
      if (undisputed != by.end()) view.insert(undisputed->second.begin(), undisputed->second.end());
      views.insert(std::move(view));
    }
    if (views.size() > 1) contested.insert(subject);
  }
  std::erase_if(facts, [&](const FactInfo& f) { return contested.count(f.subject) == 0; });
  return facts;
}

std::string Says(const FactInfo& f) {
  std::string s = f.is_attribute ? (f.value ? FormatValue(*f.value) : "") : f.object;
  for (const Qualifier& q : f.qualifiers) s += "\x1f" + q.key + "=" + FormatValue(q.value);
  return s;
}

const std::string& Namer::Name(const std::string& id, Date at, const View& view) {
  auto [it, fresh] = names_.try_emplace({id, at.days}, "");
  if (!fresh) return it->second;
  View v = view;
  v.at = at;
  auto e = db_.Entity(id, v);
  if (!e.ok()) return it->second;
  it->second = DisplayName(e->names);
  if (it->second.empty() && !e->lifetime.empty()) {
    // Not alive then: the name of its nearest life.
    const Span& last = e->lifetime.back();
    const Span& near = at < e->lifetime.front().from.date ? e->lifetime.front() : last;
    Date d = near.from.date;
    if (!(at < near.to.date) && !near.to.date.is_max()) d = Date{near.to.date.days - 1};
    v.at = d;
    auto again = db_.Entity(id, v);
    if (again.ok()) it->second = DisplayName(again->names);
  }
  return it->second;
}

Result<ChangeLog> ListChanges(const Database& db, const OrderIndex& orders, const std::string& relation, Date from,
                              Date to, const View& view) {
  auto facts = db.Timeline(relation, view);
  if (!facts.ok()) return facts.status();
  ChangeLog log;
  log.relation = relation;
  log.from = from;
  log.to = to;
  Namer namer(db);
  // The facts of each subject, in valid-time order (Timeline's). A subject whose facts are
  // held in perspectives is followed in each party's view: the undisputed facts with that
  // party's. A change that involves no party's fact is one change, not one per party.
  std::map<std::string, std::vector<const FactInfo*>> subjects;
  for (const FactInfo& f : *facts) subjects[f.subject].push_back(&f);
  std::vector<std::pair<std::string, std::vector<const FactInfo*>>> groups;  // (subject, facts of one view)
  for (const auto& [subject, all] : subjects) {
    std::set<std::string> parties;
    for (const FactInfo* f : all) {
      if (!f->perspective.empty()) parties.insert(f->perspective);
    }
    if (parties.empty() || !view.perspective.empty()) {
      groups.emplace_back(subject, all);
      continue;
    }
    for (const std::string& p : parties) {
      std::vector<const FactInfo*> in_view;
      for (const FactInfo* f : all) {
        if (f->perspective.empty() || f->perspective == p) in_view.push_back(f);
      }
      groups.emplace_back(subject, std::move(in_view));
    }
  }
  std::set<std::pair<std::string, int32_t>> undisputed_seen;  // (subject, day) of changes without a party
  for (const auto& [subject, group] : groups) {
    // The days on which something starts or stops, with the bound as written.
    std::map<int32_t, FuzzyDate> days;
    for (const FactInfo* f : group) {
      if (!f->from.date.is_min()) days.emplace(f->from.date.days, f->from);
      if (!f->to.date.is_max()) days.emplace(f->to.date.days, f->to);
    }
    for (const auto& [day, when] : days) {
      const Date d{day};
      if (d < from || to < d) continue;
      const Date before_day{day - 1};
      ChangeEvent e;
      std::multiset<std::string> was, is;
      for (const FactInfo* f : group) {
        if (Holds(*f, before_day)) {
          e.before.push_back(*f);
          was.insert(Says(*f));
        }
        if (Holds(*f, d)) {
          e.after.push_back(*f);
          is.insert(Says(*f));
        }
      }
      if (was == is) continue;  // a fact split in two with the same content
      for (const std::vector<FactInfo>* side : {&e.before, &e.after}) {
        for (const FactInfo& f : *side) {
          if (!f.perspective.empty()) e.perspective = f.perspective;
        }
      }
      if (e.perspective.empty() && !undisputed_seen.insert({subject, day}).second) continue;
      e.date = d;
      e.when = when;
      e.subject = subject;
      e.subject_name = namer.Name(e.subject, d, view);
      for (const FactInfo& f : e.before)
        e.before_names.push_back(f.is_attribute ? "" : namer.Name(f.object, before_day, view));
      for (const FactInfo& f : e.after) e.after_names.push_back(f.is_attribute ? "" : namer.Name(f.object, d, view));
      // What starts on the day is the change's reason; else what stops.
      const FactInfo* starts = nullptr;
      for (const FactInfo& f : e.after) {
        if (f.from.date == d && starts == nullptr) starts = &f;
      }
      if (starts != nullptr) {
        e.order = starts->order;
        e.sources = starts->sources;
      } else {
        for (const FactInfo& f : e.before) {
          if (f.to.date == d) {
            e.order = f.ended_by.empty() ? f.order : f.ended_by;
            if (f.ended_by.empty()) {
              e.sources = f.sources;
            } else if (const OrderInfo* o = orders.Find(f.ended_by); o != nullptr) {
              e.sources = o->sources;
            }
            break;
          }
        }
      }
      log.changes.push_back(std::move(e));
    }
  }
  std::stable_sort(log.changes.begin(), log.changes.end(), [](const ChangeEvent& a, const ChangeEvent& b) {
    return std::tie(a.date, a.subject, a.perspective) < std::tie(b.date, b.subject, b.perspective);
  });
  return log;
}

}  // namespace ordo::domain
