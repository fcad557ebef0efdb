#include "engine/branch.h"

#include "store/sqlite_store.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

namespace ordo::engine {

State BaseState(const State& record, Instant base, size_t max_orders) {
  State s;
  s.kinds = record.kinds;
  s.kind_ids = record.kind_ids;
  s.preds = record.preds;
  s.pred_ids = record.pred_ids;
  s.persps = record.persps;
  s.persp_notes = record.persp_notes;
  s.persp_ids = record.persp_ids;
  s.sources = record.sources;
  s.source_ids = record.source_ids;
  s.values = record.values;
  s.value_ids = record.value_ids;
  s.qual_sets = record.qual_sets;
  s.qual_ids = record.qual_ids;
  s.source_sets = record.source_sets;
  s.source_set_ids = record.source_set_ids;
  s.annots = record.annots;
  s.annot_ids = record.annot_ids;
  s.exists_pred = record.exists_pred;
  s.alias_pred = record.alias_pred;
  s.by_pred.resize(s.preds.size());

  std::vector<uint32_t> order_map(record.orders.size(), kNone);
  for (uint32_t i = 0; i < record.orders.size(); ++i) {
    if (i >= max_orders || record.orders[i].recorded > base) continue;
    order_map[i] = static_cast<uint32_t>(s.orders.size());
    s.order_ids.emplace(record.orders[i].key, order_map[i]);
    s.orders.push_back(record.orders[i]);
    s.max_known = std::max(s.max_known, record.orders[i].recorded);
    if (record.orders[i].stored) s.last_stored = std::max(s.last_stored, *record.orders[i].stored);
  }
  std::vector<uint32_t> entity_map(record.entities.size(), kNone);
  auto entity = [&](uint32_t e) {
    if (entity_map[e] == kNone) {
      entity_map[e] = static_cast<uint32_t>(s.entities.size());
      s.entities.push_back(record.entities[e]);
      s.IndexEntity(entity_map[e]);
      s.by_subject.emplace_back();
      s.by_object.emplace_back();
    }
    return entity_map[e];
  };
  // A row joins the branch when the record as known at base holds it, or held it before: its
  // record interval starts by base, and the orders that wrote it are among the branch's. Its
  // end stays only when known by base (then by an order of the branch's); else it is current.
  for (const Fact& f : record.facts) {
    if (order_map[f.row_order] == kNone || order_map[f.known_from] == kNone) continue;
    if (!f.live() && !(record.Known(f.known_to) > record.Known(f.known_from))) continue;  // never visible
    Fact g = f;
    g.subject = entity(f.subject);
    if (!record.preds[f.pred].is_attribute) g.object = entity(f.object);
    g.row_order = order_map[f.row_order];
    g.known_from = order_map[f.known_from];
    // An asserting order recorded after base (explicit record times out of order): the row's own.
    g.order = order_map[f.order] != kNone ? order_map[f.order] : g.row_order;
    const bool ended = !f.live() && order_map[f.known_to] != kNone;
    g.known_to = ended ? order_map[f.known_to] : kNone;
    g.retract_order = ended && order_map[f.retract_order] != kNone ? order_map[f.retract_order]
                      : ended                                      ? g.known_to
                                                                   : kNone;
    s.AddFact(g);
  }
  s.SortEvents();
  s.BuildSlots();
  return s;
}

namespace {

FactContent ContentOf(const State& s, const Fact& f) {
  FactContent c;
  if (s.preds[f.pred].is_attribute) {
    c.object.push_back('=');  // appended: GCC 12 at -O3 warns falsely (-Wrestrict) on `"=" + string`
    c.object += FormatValue(s.values[f.object]);
  } else {
    c.object = s.entities[f.object].key;
  }
  c.qualifiers = store::QualifiersToJson(s.Quals(f));
  return c;
}

using Key = std::tuple<std::string, std::string,
                       std::string>;  // subject, predicate, perspective

void Collect(const State& s, const std::string& predicate, std::map<Key, std::vector<uint32_t>>* out) {
  for (uint32_t id = 0; id < s.facts.size(); ++id) {
    const Fact& f = s.facts[id];
    if (!f.live()) continue;
    const std::string& p = s.preds[f.pred].name;
    if (!predicate.empty() && p != predicate) continue;
    (*out)[Key{s.entities[f.subject].key, p, s.persps[f.persp]}].push_back(id);
  }
}

}  // namespace

std::vector<RawDifference> CompareStates(const State& record, const State& scenario, const std::string& predicate) {
  std::map<Key, std::vector<uint32_t>> a, b;
  Collect(record, predicate, &a);
  Collect(scenario, predicate, &b);
  std::set<Key> keys;
  for (const auto& [k, v] : a) keys.insert(k);
  for (const auto& [k, v] : b) keys.insert(k);
  static const std::vector<uint32_t> kEmpty;
  std::vector<RawDifference> out;
  for (const Key& k : keys) {
    auto ia = a.find(k);
    auto ib = b.find(k);
    const std::vector<uint32_t>& ra = ia == a.end() ? kEmpty : ia->second;
    const std::vector<uint32_t>& rb = ib == b.end() ? kEmpty : ib->second;
    std::set<int32_t> bounds;
    for (uint32_t id : ra) bounds.insert({record.facts[id].from, record.facts[id].to});
    for (uint32_t id : rb) bounds.insert({scenario.facts[id].from, scenario.facts[id].to});
    auto contents = [](const State& s, const std::vector<uint32_t>& rows, int32_t day) {
      std::vector<FactContent> c;
      for (uint32_t id : rows) {
        if (s.facts[id].interval().contains(Date{day})) c.push_back(ContentOf(s, s.facts[id]));
      }
      std::sort(c.begin(), c.end());
      return c;
    };
    RawDifference d;
    std::tie(d.subject, d.predicate, d.perspective) = k;
    for (auto it = bounds.begin(); it != bounds.end() && std::next(it) != bounds.end(); ++it) {
      const int32_t from = *it, to = *std::next(it);
      if (contents(record, ra, from) == contents(scenario, rb, from)) continue;
      if (!d.dates.empty() && d.dates.back().to.days == from) {
        d.dates.back().to = Date{to};
      } else {
        d.dates.push_back(Interval{Date{from}, Date{to}});
      }
    }
    if (d.dates.empty()) continue;
    auto overlapping = [&](const State& s, const std::vector<uint32_t>& rows, std::vector<uint32_t>* keep) {
      for (uint32_t id : rows) {
        for (const Interval& i : d.dates) {
          if (s.facts[id].interval().overlaps(i)) {
            keep->push_back(id);
            break;
          }
        }
      }
    };
    overlapping(record, ra, &d.record_rows);
    overlapping(scenario, rb, &d.scenario_rows);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace ordo::engine
