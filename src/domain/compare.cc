#include "domain/compare.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "domain/changes.h"

namespace ordo::domain {

namespace {

// subject, perspective, and, for a relation that is not exclusive, the object: Finland joining
// NATO is a membership added, not the European Union corrected to "the European Union, NATO".
using Key = std::tuple<std::string, std::string, std::string>;

// The facts of a predicate in a view, by key: at one date, or all valid time.
Result<std::map<Key, std::vector<FactInfo>>> FactsOf(const Database& db, const std::string& predicate, bool per_object,
                                                     std::optional<Date> at, View view) {
  if (at) view.at = *at;
  auto facts = at ? db.Snapshot(predicate, view) : db.Timeline(predicate, view);
  if (!facts.ok()) return facts.status();
  std::map<Key, std::vector<FactInfo>> out;
  for (FactInfo& f : *facts) {
    out[{f.subject, f.perspective, per_object ? f.object : std::string()}].push_back(std::move(f));
  }
  return out;
}

}  // namespace

const char* KindName(ComparedFact::Kind kind) {
  switch (kind) {
    case ComparedFact::Kind::kAdded: return "added";
    case ComparedFact::Kind::kCorrected: return "corrected";
    case ComparedFact::Kind::kRetracted: return "retracted";
  }
  return "";
}

Result<Comparison> Compare(const Database& db, const OrderIndex& orders, Instant then, std::optional<Instant> now,
                           std::optional<Date> at, const std::string& relation, const View& view) {
  if (now && *now < then) {
    return Status::Invalid(
        fmt::format("the second record time {} is before the first {}", FormatInstant(*now), FormatInstant(then)));
  }
  Comparison out;
  out.then = then;
  out.now = now;
  out.at = at;
  out.relation = relation;
  const SchemaInfo schema = db.Schema();
  std::set<std::string> multi;  // the relations that are not exclusive
  for (const RelationDecl& r : schema.relations) {
    if (!r.exclusive) multi.insert(r.name);
  }
  std::vector<std::string> predicates;
  if (!relation.empty()) {
    predicates.push_back(relation);
  } else {
    for (const RelationDecl& r : schema.relations) predicates.push_back(r.name);
    for (const AttributeDecl& a : schema.attributes) predicates.push_back(a.name);
  }
  View v1 = view, v2 = view;
  v1.recorded = then;
  v2.recorded = now;
  Namer namer(db);
  for (const std::string& predicate : predicates) {
    const bool per_object = multi.count(predicate) > 0;
    auto a = FactsOf(db, predicate, per_object, at, v1);
    if (!a.ok()) return a.status();
    auto b = FactsOf(db, predicate, per_object, at, v2);
    if (!b.ok()) return b.status();
    std::set<Key> keys;
    for (const auto& [k, f] : *a) keys.insert(k);
    for (const auto& [k, f] : *b) keys.insert(k);
    for (const Key& key : keys) {
      static const std::vector<FactInfo> kNone;
      const auto ia = a->find(key);
      const auto ib = b->find(key);
      const std::vector<FactInfo>& fa = ia == a->end() ? kNone : ia->second;
      const std::vector<FactInfo>& fb = ib == b->end() ? kNone : ib->second;
      // The valid dates where either side changes: between two of them both sides are constant.
      std::set<int32_t> bounds;
      if (at) {
        bounds = {at->days, at->days + 1};
      } else {
        for (const std::vector<FactInfo>* side : {&fa, &fb}) {
          for (const FactInfo& f : *side) {
            bounds.insert(f.from.date.days);
            bounds.insert(f.to.date.days);
          }
        }
      }
      std::optional<ComparedFact> open;  // the row being extended over adjacent stretches
      auto flush = [&] {
        if (open) out.facts.push_back(std::move(*open));
        open.reset();
      };
      for (auto it = bounds.begin(); it != bounds.end() && std::next(it) != bounds.end(); ++it) {
        const Date d{*it};
        std::vector<FactInfo> x, y;
        std::multiset<std::string> sx, sy;
        for (const FactInfo& f : fa) {
          if (Holds(f, d)) {
            x.push_back(f);
            sx.insert(Says(f));
          }
        }
        for (const FactInfo& f : fb) {
          if (Holds(f, d)) {
            y.push_back(f);
            sy.insert(Says(f));
          }
        }
        if (sx == sy) {
          flush();
          continue;
        }
        const auto kind = x.empty()   ? ComparedFact::Kind::kAdded
                          : y.empty() ? ComparedFact::Kind::kRetracted
                                      : ComparedFact::Kind::kCorrected;
        auto same_ids = [](const std::vector<FactInfo>& p, const std::vector<FactInfo>& q) {
          if (p.size() != q.size()) return false;
          for (size_t i = 0; i < p.size(); ++i) {
            if (p[i].fact_id != q[i].fact_id) return false;
          }
          return true;
        };
        if (open && open->kind == kind && open->to == d && same_ids(open->then, x) && same_ids(open->now, y)) {
          open->to = Date{*std::next(it)};
          continue;
        }
        flush();
        ComparedFact c;
        c.kind = kind;
        c.subject = std::get<0>(key);
        c.perspective = std::get<1>(key);
        c.predicate = predicate;
        c.from = d;
        c.to = Date{*std::next(it)};
        c.then = std::move(x);
        c.now = std::move(y);
        open = std::move(c);
      }
      flush();
    }
  }
  // Names, and the order behind each difference.
  for (ComparedFact& c : out.facts) {
    const Date named = c.from.is_min() ? (c.to.is_max() ? Date::Today() : Date{c.to.days - 1}) : c.from;
    c.subject_name = namer.Name(c.subject, named, view);
    for (const FactInfo& f : c.then) c.then_names.push_back(f.is_attribute ? "" : namer.Name(f.object, named, view));
    for (const FactInfo& f : c.now) c.now_names.push_back(f.is_attribute ? "" : namer.Name(f.object, named, view));
    // The order that first asserted what holds now, when that was after `then`; else the one
    // whose version of it (an interval cut by a move or an end) was recorded after `then`.
    for (const FactInfo& f : c.now) {
      if (f.first_recorded > then) {
        c.order = f.order;
        c.order_recorded = f.first_recorded;
        break;
      }
    }
    for (const FactInfo& f : c.now) {
      if (c.order.empty() && f.recorded_from > then) {
        c.order = f.recorded_by;
        c.order_recorded = f.recorded_from;
      }
    }
    if (c.order.empty() && !c.then.empty()) {
      // What held then was superseded: by which order, as the later record knows it.
      View all = view;
      all.recorded = now;
      all.all_versions = true;
      auto versions = db.History(c.subject, c.predicate, all);
      if (versions.ok()) {
        for (const FactInfo& f : *versions) {
          if (f.fact_id == c.then.front().fact_id && !f.superseded_by.empty()) c.order = f.superseded_by;
        }
      }
    }
    if (const OrderInfo* o = orders.Find(c.order); o != nullptr && !c.order_recorded) c.order_recorded = o->recorded;
  }
  return out;
}

}  // namespace ordo::domain
