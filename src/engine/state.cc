#include "engine/state.h"
#include "store/sqlite_store.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <limits>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace ordo::engine {

namespace {
std::string ValueKey(const Value& v) {
  std::string key;
  key += static_cast<char>('0' + static_cast<int>(v.type()));
  key += FormatValue(v);  // appended, not operator+: GCC 12 at -O3 warns falsely (-Wrestrict) on the latter
  return key;
}
}  // namespace

namespace {
constexpr size_t kHugePage = size_t{2} << 20;
size_t LargeBytes(size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }
}  // namespace

// Large blocks are mapped afresh rather than taken from malloc, which may hand back memory an
// earlier (freed) state already touched in small pages.
void* AllocateLarge(size_t bytes) {
  if (bytes < kHugePage) return ::operator new(bytes);
  const size_t len = LargeBytes(bytes);
#ifdef __linux__
  void* raw = mmap(nullptr, len + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t begin = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (begin + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > begin) munmap(raw, aligned - begin);
  const uintptr_t end = begin + len + kHugePage;
  if (end > aligned + len) munmap(reinterpret_cast<void*>(aligned + len), end - (aligned + len));
  madvise(reinterpret_cast<void*>(aligned), len, MADV_HUGEPAGE);
  return reinterpret_cast<void*>(aligned);
#else
  void* p = std::aligned_alloc(kHugePage, len);
  if (p == nullptr) throw std::bad_alloc();
  return p;
#endif
}

void FreeLarge(void* p, size_t bytes) {
  if (bytes < kHugePage) {
    ::operator delete(p);
    return;
  }
#ifdef __linux__
  munmap(p, LargeBytes(bytes));
#else
  std::free(p);
#endif
}

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

bool IsBuiltInPredicate(const std::string& name) {
  if (name == kExists || name == kAlias || name == kUncovered) return true;
  if (name.rfind(kNamePrefix, 0) == 0 || name.rfind(kAlternativePrefix, 0) == 0) return true;
  const auto& types = LineageTypes();
  return std::find(types.begin(), types.end(), name) != types.end();
}

void State::LinkBuiltIns() {
  auto find = [this](const std::string& n) {
    auto it = pred_ids.find(n);
    return it == pred_ids.end() ? kNone : it->second;
  };
  exists_pred = find(kExists);
  alias_pred = find(kAlias);
  uncovered_pred = find(kUncovered);
  for (PredMeta& p : preds) {
    p.alternatives = kNone;
    p.alternative_of = kNone;
  }
  for (uint32_t id = 0; id < preds.size(); ++id) {
    PredMeta& p = preds[id];
    p.lineage = std::find(LineageTypes().begin(), LineageTypes().end(), p.name) != LineageTypes().end();
    if (p.name.rfind(kAlternativePrefix, 0) != 0) continue;
    const uint32_t base = find(p.name.substr(std::string_view(kAlternativePrefix).size()));
    if (base == kNone) continue;
    p.alternative_of = base;
    preds[base].alternatives = id;
  }
}

uint32_t State::InternSources(const std::vector<uint32_t>& sources) {
  if (sources.empty()) return 0;
  auto it = source_set_ids.find(sources);
  if (it != source_set_ids.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(source_sets.size());
  source_sets.push_back(sources);
  source_set_ids.emplace(sources, id);
  return id;
}

uint32_t State::InternAnnot(uint32_t quals, uint32_t sources) {
  if (quals == 0 && sources == 0) return 0;
  const uint64_t key = uint64_t{quals} << 32 | sources;
  auto it = annot_ids.find(key);
  if (it != annot_ids.end()) return it->second;
  uint32_t id = static_cast<uint32_t>(annots.size());
  annots.push_back(Annotation{quals, sources});
  annot_ids.emplace(key, id);
  return id;
}

bool State::SubjectLess(uint32_t a, uint32_t b) const {
  const Fact& x = facts[a];
  const Fact& y = facts[b];
  if (x.pred != y.pred) return x.pred < y.pred;
  if (x.persp != y.persp) return x.persp < y.persp;
  if (x.from != y.from) return x.from < y.from;
  return a < b;
}

bool State::ObjectLess(uint32_t a, uint32_t b) const {
  const Fact& x = facts[a];
  const Fact& y = facts[b];
  if (x.pred != y.pred) return x.pred < y.pred;
  if (x.subject != y.subject) return x.subject < y.subject;
  if (x.from != y.from) return x.from < y.from;
  return a < b;
}

std::span<const uint32_t> State::SubjectFacts(uint32_t subject, uint32_t pred) const {
  const auto& ids = by_subject[subject];
  if (ids.empty()) return {};
  // Most subjects have rows of one predicate: two reads instead of a binary search's.
  if (facts[ids.front()].pred == pred && facts[ids.back()].pred == pred) return ids;
  auto lo =
      std::lower_bound(ids.begin(), ids.end(), pred, [this](uint32_t id, uint32_t p) { return facts[id].pred < p; });
  auto hi = std::upper_bound(lo, ids.end(), pred, [this](uint32_t p, uint32_t id) { return p < facts[id].pred; });
  return {lo, hi};
}

std::span<const uint32_t> State::ObjectFacts(uint32_t object, uint32_t pred, uint32_t subject) const {
  const auto& ids = by_object[object];
  const std::pair key{pred, subject};
  auto lo = std::lower_bound(ids.begin(), ids.end(), key, [this](uint32_t id, const std::pair<uint32_t, uint32_t>& k) {
    return std::pair{facts[id].pred, facts[id].subject} < k;
  });
  auto hi = std::upper_bound(lo, ids.end(), key, [this](const std::pair<uint32_t, uint32_t>& k, uint32_t id) {
    return k < std::pair{facts[id].pred, facts[id].subject};
  });
  return {lo, hi};
}

uint32_t State::AddFact(const Fact& f) {
  const uint32_t id = static_cast<uint32_t>(facts.size());
  facts.push_back(f);
  MarkStale(f.subject);
  auto subject_less = [this](uint32_t a, uint32_t b) { return SubjectLess(a, b); };
  // Rows usually arrive in index order (loads, and new facts of one subject): append without a
  // binary search, which on large indexes costs a cache miss per probe.
  auto& subj = by_subject[f.subject];
  if (subj.empty() || !subject_less(id, subj.back())) {
    subj.push_back(id);
  } else {
    subj.insert(std::upper_bound(subj.begin(), subj.end(), id, subject_less), id);
  }
  if (!preds[f.pred].is_attribute) {
    auto object_less = [this](uint32_t a, uint32_t b) { return ObjectLess(a, b); };
    auto& obj = by_object[f.object];
    if (obj.empty() || !object_less(id, obj.back())) {
      obj.push_back(id);
    } else {
      obj.insert(std::upper_bound(obj.begin(), obj.end(), id, object_less), id);
    }
  }
  by_pred[f.pred].push_back(id);
  if (f.from != Date::kMinDays) events_tail.push_back(Event(id, false));
  if (f.to != Date::kMaxDays) events_tail.push_back(Event(id, true));
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

void State::RankKeys() const {
  const size_t ranked = by_key.size();
  if (ranked == entities.size()) return;
  auto key_less = [this](uint32_t a, uint32_t b) { return entities[a].key < entities[b].key; };
  std::vector<uint32_t> fresh(entities.size() - ranked);
  for (size_t i = 0; i < fresh.size(); ++i) fresh[i] = static_cast<uint32_t>(ranked + i);
  std::sort(fresh.begin(), fresh.end(), key_less);
  if (ranked == 0) {
    by_key = std::move(fresh);
  } else {
    // Each new entity finds its place by binary search (a few key reads against the whole
    // list), then the list is copied over in blocks: linear in the entities, not E log E.
    std::vector<uint32_t> merged;
    merged.reserve(entities.size());
    auto at = by_key.begin();
    for (uint32_t e : fresh) {
      auto pos = std::lower_bound(at, by_key.end(), e, key_less);
      merged.insert(merged.end(), at, pos);
      merged.push_back(e);
      at = pos;
    }
    merged.insert(merged.end(), at, by_key.end());
    by_key = std::move(merged);
  }
  key_rank.resize(entities.size());
  for (size_t i = 0; i < by_key.size(); ++i) key_rank[by_key[i]] = static_cast<uint32_t>(i);
}

void State::SortEvents() const {
  if (events_tail.empty()) return;
  // Sort the tail on 8-byte (date, event) keys, so that comparisons read no fact row.
  std::vector<uint64_t> keyed(events_tail.size());
  for (size_t i = 0; i < events_tail.size(); ++i) {
    const uint32_t e = events_tail[i];
    keyed[i] = uint64_t{static_cast<uint32_t>(EventDate(e)) ^ 0x80000000u} << 32 | e;
  }
  std::sort(keyed.begin(), keyed.end());
  // Merge: each tail event finds its place by galloping from the previous one's (a few row
  // reads when the tail is small against the list), then the list is copied over in blocks.
  LargeVector<uint32_t> merged;
  merged.reserve(events.size() + keyed.size());
  const size_t n = events.size();
  auto before = [this](int32_t day, uint32_t e) { return day < EventDate(e); };
  size_t at = 0;
  for (uint64_t k : keyed) {
    const int32_t day = static_cast<int32_t>(static_cast<uint32_t>(k >> 32) ^ 0x80000000u);
    size_t lo = at, hi = at, step = 1;
    while (hi < n && !before(day, events[hi])) {
      lo = hi + 1;
      hi = lo + step;
      step *= 2;
    }
    hi = std::min(hi, n);
    const size_t pos =
        static_cast<size_t>(std::upper_bound(events.begin() + static_cast<std::ptrdiff_t>(lo),
                                             events.begin() + static_cast<std::ptrdiff_t>(hi), day, before) -
                            events.begin());
    merged.insert(merged.end(), events.begin() + static_cast<std::ptrdiff_t>(at),
                  events.begin() + static_cast<std::ptrdiff_t>(pos));
    merged.push_back(static_cast<uint32_t>(k));
    at = pos;
  }
  merged.insert(merged.end(), events.begin() + static_cast<std::ptrdiff_t>(at), events.end());
  events.swap(merged);
  events_tail.clear();
}

void State::IndexAll() {
  // The per-entity indexes: count, size each list once, fill in id order, then sort the few
  // lists whose rows did not arrive in index order.
  {
    std::vector<uint32_t> as_subject(entities.size()), as_object(entities.size());
    for (const Fact& f : facts) {
      ++as_subject[f.subject];
      if (!preds[f.pred].is_attribute) ++as_object[f.object];
    }
    for (size_t e = 0; e < entities.size(); ++e) {
      by_subject[e].clear();
      by_subject[e].reserve(as_subject[e]);
      by_object[e].clear();
      by_object[e].reserve(as_object[e]);
    }
  }
  for (uint32_t id = 0; id < facts.size(); ++id) {
    const Fact& f = facts[id];
    by_subject[f.subject].push_back(id);
    if (!preds[f.pred].is_attribute) by_object[f.object].push_back(id);
  }
  auto subject_less = [this](uint32_t a, uint32_t b) { return SubjectLess(a, b); };
  auto object_less = [this](uint32_t a, uint32_t b) { return ObjectLess(a, b); };
  for (auto& v : by_subject) {
    if (!std::is_sorted(v.begin(), v.end(), subject_less)) std::sort(v.begin(), v.end(), subject_less);
  }
  for (auto& v : by_object) {
    if (!std::is_sorted(v.begin(), v.end(), object_less)) std::sort(v.begin(), v.end(), object_less);
  }
  std::vector<size_t> per_pred(preds.size());
  int32_t lo = Date::kMaxDays, hi = Date::kMinDays;
  size_t bounds = 0;
  for (const Fact& f : facts) {
    ++per_pred[f.pred];
    for (int32_t d : {f.from, f.to}) {
      if (d == Date::kMinDays || d == Date::kMaxDays) continue;
      lo = std::min(lo, d);
      hi = std::max(hi, d);
      ++bounds;
    }
  }
  for (size_t p = 0; p < preds.size(); ++p) {
    by_pred[p].clear();
    by_pred[p].reserve(per_pred[p]);
  }
  for (uint32_t id = 0; id < facts.size(); ++id) by_pred[facts[id].pred].push_back(id);
  // The events by a counting sort on the date: two passes over the facts, no comparisons.
  std::vector<uint32_t> unsorted;
  unsorted.swap(events_tail);
  events.clear();
  if (bounds == 0) return;
  const size_t span = static_cast<size_t>(int64_t{hi} - lo) + 2;
  if (span > 4 * bounds + 1024) {  // dates too sparse for counting: gather and sort
    for (uint32_t id = 0; id < facts.size(); ++id) {
      if (facts[id].from != Date::kMinDays) events_tail.push_back(Event(id, false));
      if (facts[id].to != Date::kMaxDays) events_tail.push_back(Event(id, true));
    }
    SortEvents();
    return;
  }
  std::vector<uint32_t> start(span);
  for (const Fact& f : facts) {
    if (f.from != Date::kMinDays) ++start[static_cast<size_t>(f.from - lo) + 1];
    if (f.to != Date::kMaxDays) ++start[static_cast<size_t>(f.to - lo) + 1];
  }
  for (size_t i = 1; i < span; ++i) start[i] += start[i - 1];
  events.resize(bounds);
  for (uint32_t id = 0; id < facts.size(); ++id) {
    const Fact& f = facts[id];
    if (f.from != Date::kMinDays) events[start[static_cast<size_t>(f.from - lo)]++] = Event(id, false);
    if (f.to != Date::kMaxDays) events[start[static_cast<size_t>(f.to - lo)]++] = Event(id, true);
  }
}

uint32_t State::ObjectAt(uint32_t subject, uint32_t pred, int32_t day, uint32_t persp) const {
  if (subject + 1 < slot_begin.size() && (slot_begin[subject] & kStaleSlots) == 0) {
    const Slot* it = slots.data() + slot_begin[subject];
    const Slot* end = slots.data() + (slot_begin[subject + 1] & ~kStaleSlots);
    if (end - it > 16) {
      it = std::lower_bound(it, end, pred, [](const Slot& x, uint32_t p) { return x.pred < p; });
      if (pred < preds.size() && preds[pred].exclusive) {
        // Live rows of an exclusive relation never overlap in a view: in each visible
        // perspective's run only the last row starting on or before day can hold it.
        while (it != end && it->pred == pred) {
          const uint16_t p = it->persp;
          const Slot* run_end =
              std::partition_point(it, end, [&](const Slot& x) { return x.pred == pred && x.persp == p; });
          if (p == 0 || p == persp) {
            const Slot* after = std::partition_point(it, run_end, [day](const Slot& x) { return x.from <= day; });
            if (after != it && day < (after - 1)->to) return (after - 1)->object;
          }
          it = run_end;
        }
        return kNone;
      }
    }
    for (; it != end && it->pred <= pred; ++it) {
      if (it->pred == pred && it->from <= day && day < it->to && (it->persp == 0 || it->persp == persp)) {
        return it->object;
      }
    }
    return kNone;
  }
  return RowsObjectAt(subject, pred, day, persp, nullptr);
}

uint32_t State::ObjectAsOf(uint32_t subject, uint32_t pred, int32_t day, Instant recorded, uint32_t persp) const {
  if (subject + 1 < slot_begin.size() && (slot_begin[subject] & kStaleSlots) == 0) {
    const RowTimes& t = row_times[subject];
    if (recorded.micros >= t.last_change) return ObjectAt(subject, pred, day, persp);
    if (recorded.micros < t.first_known) return kNone;
  }
  return RowsObjectAt(subject, pred, day, persp, &recorded);
}

std::span<const uint32_t> State::PerspRun(std::span<const uint32_t> rows) const {
  const uint16_t p = facts[rows.front()].persp;
  auto end = std::partition_point(rows.begin(), rows.end(), [&](uint32_t id) { return facts[id].persp == p; });
  return {rows.begin(), end};
}

uint32_t State::RunRowAt(std::span<const uint32_t> run, int32_t day, const Instant* recorded) const {
  // The rows of the run seen at the record time never overlap, so the one holding day is the last
  // seen row starting on or before it: search for day, then step back over the rows not seen then
  // (superseded or later ones).
  for (auto r = std::partition_point(run.begin(), run.end(), [&](uint32_t id) { return facts[id].from <= day; });
       r != run.begin();) {
    const Fact& f = facts[*--r];
    if (!VisibleAt(f, recorded)) continue;
    return day < f.to ? *r : kNone;
  }
  return kNone;
}

uint32_t State::RowsObjectAt(uint32_t subject, uint32_t pred, int32_t day, uint32_t persp,
                             const Instant* recorded) const {
  if (subject >= by_subject.size()) return kNone;
  std::span<const uint32_t> rows = SubjectFacts(subject, pred);
  if (pred < preds.size() && preds[pred].exclusive) {
    while (!rows.empty()) {
      const std::span<const uint32_t> run = PerspRun(rows);
      const uint16_t p = facts[run.front()].persp;
      if (p == 0 || p == persp) {
        if (const uint32_t id = RunRowAt(run, day, recorded); id != kNone) return facts[id].object;
      }
      rows = rows.subspan(run.size());
    }
    return kNone;
  }
  for (uint32_t id : rows) {
    const Fact& f = facts[id];
    if (f.from <= day && day < f.to && (f.persp == 0 || f.persp == persp) && VisibleAt(f, recorded)) return f.object;
  }
  return kNone;
}

void State::BuildSlots() {
  slot_begin.clear();
  slots.clear();
  row_times.clear();
  stale_entities = 0;
  if (preds.size() > 0xffff || persps.size() > 0xffff) return;  // not representable: by_subject answers
  size_t live = 0;
  for (const Fact& f : facts) live += f.live();
  if (live >= kStaleSlots) return;
  slot_begin.reserve(entities.size() + 1);
  slots.reserve(live);
  row_times.reserve(entities.size());
  for (size_t e = 0; e < entities.size(); ++e) {
    slot_begin.push_back(static_cast<uint32_t>(slots.size()));
    RowTimes t{std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()};
    for (uint32_t id : by_subject[e]) {
      const Fact& f = facts[id];
      const int64_t known = Known(f.known_from).micros;
      t.first_known = std::min(t.first_known, known);
      t.last_change = std::max(t.last_change, known);
      if (f.live()) {
        slots.push_back(Slot{static_cast<uint16_t>(f.pred), f.persp, f.from, f.to, f.object});
      } else {
        t.last_change = std::max(t.last_change, Known(f.known_to).micros);
      }
    }
    row_times.push_back(t);
  }
  slot_begin.push_back(static_cast<uint32_t>(slots.size()));
}

void State::ReleaseSlack() {
  facts.shrink_to_fit();
  for (auto& v : by_pred) v.shrink_to_fit();
  events.shrink_to_fit();
  std::vector<uint32_t>().swap(events_tail);
}

Checkpoint State::Mark() const {
  return Checkpoint{kinds.size(),  preds.size(),       persps.size(),    entities.size(),    sources.size(),
                    orders.size(), values.size(),      qual_sets.size(), source_sets.size(), annots.size(),
                    facts.size(),  events_tail.size(), last_stored,      max_known,          {}};
}

void State::Rollback(const Checkpoint& c) {
  for (auto it = c.retracted.rbegin(); it != c.retracted.rend(); ++it) {
    facts[it->row].retract_order = it->retract_order;
    facts[it->row].known_to = it->known_to;
  }
  for (size_t id = facts.size(); id-- > c.facts;) {
    const Fact& f = facts[id];
    auto erase = [id](std::vector<uint32_t>& v) { v.erase(std::find(v.begin(), v.end(), static_cast<uint32_t>(id))); };
    erase(by_subject[f.subject]);
    if (!preds[f.pred].is_attribute) erase(by_object[f.object]);
    by_pred[f.pred].pop_back();
  }
  facts.resize(c.facts);
  events_tail.resize(c.events_tail);
  last_stored = c.last_stored;
  max_known = c.max_known;
  for (size_t i = c.entities; i < entities.size(); ++i) entity_index.Erase(entities[i].key, EntityKeyOf{this});
  entities.resize(c.entities);
  if (by_key.size() > c.entities) {  // ranked under the same exclusive lock: drop, rank again
    by_key.clear();
    key_rank.clear();
  }
  by_subject.resize(c.entities);
  by_object.resize(c.entities);
  for (size_t i = c.preds; i < preds.size(); ++i) pred_ids.erase(preds[i].name);
  preds.resize(c.preds);
  by_pred.resize(c.preds);
  LinkBuiltIns();
  for (size_t i = c.kinds; i < kinds.size(); ++i) kind_ids.erase(kinds[i].name);
  kinds.resize(c.kinds);
  for (size_t i = c.persps; i < persps.size(); ++i) persp_ids.erase(persps[i]);
  persps.resize(c.persps);
  persp_notes.resize(c.persps);
  for (size_t i = c.sources; i < sources.size(); ++i) source_ids.erase(sources[i].id);
  sources.resize(c.sources);
  for (size_t i = c.orders; i < orders.size(); ++i) order_ids.erase(orders[i].key);
  orders.resize(c.orders);
  for (size_t i = c.values; i < values.size(); ++i) value_ids.erase(ValueKey(values[i]));
  values.resize(c.values);
  for (size_t i = c.quals; i < qual_sets.size(); ++i) qual_ids.erase(store::QualifiersToJson(qual_sets[i]));
  qual_sets.resize(c.quals);
  for (size_t i = c.source_sets; i < source_sets.size(); ++i) source_set_ids.erase(source_sets[i]);
  source_sets.resize(c.source_sets);
  for (size_t i = c.annots; i < annots.size(); ++i) {
    annot_ids.erase(uint64_t{annots[i].quals} << 32 | annots[i].sources);
  }
  annots.resize(c.annots);
}

size_t State::MemoryBytes() const {
  size_t n = facts.capacity() * sizeof(Fact);
  for (const auto& v : by_subject) n += v.capacity() * sizeof(uint32_t) + sizeof(v);
  for (const auto& v : by_object) n += v.capacity() * sizeof(uint32_t) + sizeof(v);
  for (const auto& v : by_pred) n += v.capacity() * sizeof(uint32_t) + sizeof(v);
  n += (events.capacity() + events_tail.capacity()) * sizeof(uint32_t);
  n += (by_key.capacity() + key_rank.capacity()) * sizeof(uint32_t);
  n += slot_begin.capacity() * sizeof(uint32_t) + slots.capacity() * sizeof(Slot);
  n += row_times.capacity() * sizeof(RowTimes);
  n += entities.capacity() * sizeof(EntityMeta);
  // A key's own allocation, when it has one (short keys live inside the EntityMeta).
  const size_t inline_capacity = std::string().capacity();
  for (const auto& e : entities) n += e.key.capacity() > inline_capacity ? e.key.capacity() + 1 : 0;
  n += entity_index.memory_bytes();
  return n;
}

}  // namespace ordo::engine
