#include "engine/state.h"

#include <algorithm>

namespace ordo::engine {

namespace {
std::string ValueKey(const Value& v) {
  return std::string(1, static_cast<char>('0' + static_cast<int>(v.type()))) + FormatValue(v);
}
}  // namespace

uint32_t State::InternValue(const Value& v) {
  std::string key = ValueKey(v);
  auto it = value_ids.find(key);
  if (it != value_ids.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(values.size());
  values.push_back(v);
  value_ids.emplace(std::move(key), id);
  return id;
}

uint32_t State::InternQuals(const std::vector<Qualifier>& q) {
  if (q.empty()) return 0;
  std::string key = store::QualifiersToJson(q);
  auto it = qual_ids.find(key);
  if (it != qual_ids.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(qual_sets.size());
  qual_sets.push_back(q);
  qual_ids.emplace(std::move(key), id);
  return id;
}

uint32_t State::AddFact(const Fact& f) {
  const uint32_t id = static_cast<uint32_t>(facts.size());
  facts.push_back(f);
  auto subject_less = [this](uint32_t a, uint32_t b) {
    const Fact& x = facts[a];
    const Fact& y = facts[b];
    if (x.pred != y.pred) return x.pred < y.pred;
    if (x.persp != y.persp) return x.persp < y.persp;
    if (x.from != y.from) return x.from < y.from;
    return a < b;
  };
  // Rows usually arrive in index order (loads, and new facts of one subject): append without a
  // binary search, which on large indexes costs a cache miss per probe.
  auto& subj = by_subject[f.subject];
  if (subj.empty() || !subject_less(id, subj.back())) {
    subj.push_back(id);
  } else {
    subj.insert(std::upper_bound(subj.begin(), subj.end(), id, subject_less), id);
  }
  if (!preds[f.pred].is_attribute) {
    auto object_less = [this](uint32_t a, uint32_t b) {
      const Fact& x = facts[a];
      const Fact& y = facts[b];
      if (x.pred != y.pred) return x.pred < y.pred;
      if (x.subject != y.subject) return x.subject < y.subject;
      if (x.from != y.from) return x.from < y.from;
      return a < b;
    };
    auto& obj = by_object[f.object];
    if (obj.empty() || !object_less(id, obj.back())) {
      obj.push_back(id);
    } else {
      obj.insert(std::upper_bound(obj.begin(), obj.end(), id, object_less), id);
    }
  }
  by_pred[f.pred].push_back(id);
  if (f.from != Date::kMinDays) events_tail.emplace_back(f.from, id);
  if (f.to != Date::kMaxDays) events_tail.emplace_back(f.to, id);
  return id;
}

bool State::KindIsA(uint32_t kind, uint32_t ancestor) const {
  for (uint32_t k = kind; k != kNone; k = kinds[k].parent) {
    if (k == ancestor) return true;
  }
  return false;
}

bool State::KindAccepted(uint32_t kind, const std::vector<uint32_t>& accepted) const {
  if (accepted.empty()) return true;
  return std::any_of(accepted.begin(), accepted.end(), [&](uint32_t a) { return KindIsA(kind, a); });
}

void State::SortEvents() {
  if (events_tail.empty()) return;
  std::sort(events_tail.begin(), events_tail.end());
  size_t mid = events.size();
  events.insert(events.end(), events_tail.begin(), events_tail.end());
  std::inplace_merge(events.begin(), events.begin() + static_cast<std::ptrdiff_t>(mid), events.end());
  events_tail.clear();
}

void State::ReleaseSlack() {
  facts.shrink_to_fit();
  for (auto& v : by_pred) v.shrink_to_fit();
  events.shrink_to_fit();
  std::vector<std::pair<int32_t, uint32_t>>().swap(events_tail);
}

Checkpoint State::Mark() const {
  return Checkpoint{kinds.size(),   preds.size(),     persps.size(), entities.size(), sources.size(),
                    orders.size(),  values.size(),    qual_sets.size(), facts.size(), events_tail.size(), {}};
}

void State::Rollback(const Checkpoint& c) {
  for (auto it = c.retracted.rbegin(); it != c.retracted.rend(); ++it) facts[*it].retract_order = kNone;
  for (size_t id = facts.size(); id-- > c.facts;) {
    const Fact& f = facts[id];
    auto erase = [id](std::vector<uint32_t>& v) { v.erase(std::find(v.begin(), v.end(), static_cast<uint32_t>(id))); };
    erase(by_subject[f.subject]);
    if (!preds[f.pred].is_attribute) erase(by_object[f.object]);
    by_pred[f.pred].pop_back();
  }
  facts.resize(c.facts);
  events_tail.resize(c.events_tail);
  for (size_t i = c.entities; i < entities.size(); ++i) entity_ids.erase(entities[i].key);
  entities.resize(c.entities);
  by_subject.resize(c.entities);
  by_object.resize(c.entities);
  for (size_t i = c.preds; i < preds.size(); ++i) pred_ids.erase(preds[i].name);
  preds.resize(c.preds);
  by_pred.resize(c.preds);
  for (size_t i = c.kinds; i < kinds.size(); ++i) kind_ids.erase(kinds[i].name);
  kinds.resize(c.kinds);
  for (size_t i = c.persps; i < persps.size(); ++i) persp_ids.erase(persps[i]);
  persps.resize(c.persps);
  for (size_t i = c.sources; i < sources.size(); ++i) source_ids.erase(sources[i].decl.id);
  sources.resize(c.sources);
  for (size_t i = c.orders; i < orders.size(); ++i) order_ids.erase(orders[i].row.key);
  orders.resize(c.orders);
  for (size_t i = c.values; i < values.size(); ++i) value_ids.erase(ValueKey(values[i]));
  values.resize(c.values);
  for (size_t i = c.quals; i < qual_sets.size(); ++i) qual_ids.erase(store::QualifiersToJson(qual_sets[i]));
  qual_sets.resize(c.quals);
}

size_t State::MemoryBytes() const {
  size_t n = facts.capacity() * sizeof(Fact);
  for (const auto& v : by_subject) n += v.capacity() * sizeof(uint32_t) + sizeof(v);
  for (const auto& v : by_object) n += v.capacity() * sizeof(uint32_t) + sizeof(v);
  for (const auto& v : by_pred) n += v.capacity() * sizeof(uint32_t) + sizeof(v);
  n += (events.capacity() + events_tail.capacity()) * sizeof(std::pair<int32_t, uint32_t>);
  n += entities.capacity() * sizeof(EntityMeta);
  for (const auto& e : entities) n += e.key.capacity();
  return n;
}

}  // namespace ordo::engine
