// Borrowed answers (include/ordo/database.h, "Borrowed answers"): the questions whose answers
// can be large or asked very often, answered as FactRefs into the state; the Database's own
// answers to them are these refs' Own(). A Reading holds the shared lock for its life.
#include <fmt/format.h>

#include <algorithm>
#include <tuple>

#include "engine/database_impl.h"

namespace ordo {

FactInfo FactRef::Own() const {
  FactInfo out;
  out.fact_id = fact_id;
  out.subject = subject;
  out.predicate = predicate;
  out.is_attribute = is_attribute;
  out.object = object;
  if (value != nullptr) out.value = *value;
  out.from = from;
  out.to = to;
  out.recorded_from = recorded_from;
  out.recorded_to = recorded_to;
  out.first_recorded = first_recorded;
  out.recorded_by = recorded_by;
  out.superseded_by = superseded_by;
  out.perspective = perspective;
  out.qualifiers.assign(qualifiers.begin(), qualifiers.end());
  out.order = order;
  out.ended_by = ended_by;
  out.correction = correction;
  out.sources.reserve(sources.size());
  for (const SourceDecl& d : sources) out.sources.push_back(engine::SourceInfoFrom(d));
  out.own_sources = own_sources;
  out.disputed = disputed;
  out.alternative = alternative;
  return out;
}

Change ChangeRef::Own() const {
  Change out;
  out.subject = subject;
  out.predicate = predicate;
  out.perspective = perspective;
  out.before.reserve(before.size());
  for (const FactRef& f : before) out.before.push_back(f.Own());
  out.after.reserve(after.size());
  for (const FactRef& f : after) out.after.push_back(f.Own());
  return out;
}

}  // namespace ordo

namespace ordo::engine {

namespace {

// Unsorted diff events a diff reads as they are before they are merged into the sorted list.
constexpr size_t kEventsTailMerge = 4096;

}  // namespace

SourceInfo SourceInfoFrom(const SourceDecl& d) {
  return SourceInfo{d.id, d.title, d.publisher, d.url, d.quote, d.note, d.date, d.original};
}

std::vector<FactInfo> Own(const std::vector<FactRef>& refs) {
  std::vector<FactInfo> out;
  out.reserve(refs.size());
  for (const FactRef& f : refs) out.push_back(f.Own());
  return out;
}

void ReadScope::SortBySubject(std::vector<uint32_t>* ids) const {
  // Within a subject: by perspective name, then row.
  auto persp_less = [this](uint32_t a, uint32_t b) {
    const uint16_t pa = s.facts[a].persp, pb = s.facts[b].persp;
    if (pa != pb) {
      const int c = s.persps[pa].compare(s.persps[pb]);
      if (c != 0) return c < 0;
    }
    return a < b;
  };
  if (!s.KeysRanked()) {
    std::sort(ids->begin(), ids->end(), [&](uint32_t a, uint32_t b) {
      const uint32_t sa = s.facts[a].subject, sb = s.facts[b].subject;
      if (sa != sb) {
        const int c = s.entities[sa].key.compare(s.entities[sb].key);
        if (c != 0) return c < 0;
      }
      return persp_less(a, b);
    });
    return;
  }
  const std::vector<uint32_t>& rank = s.key_rank;
  const size_t n = ids->size();
  if (n * 8 < s.entities.size()) {  // few rows against the entities: a comparison sort
    std::sort(ids->begin(), ids->end(), [&](uint32_t a, uint32_t b) {
      const uint32_t sa = s.facts[a].subject, sb = s.facts[b].subject;
      if (sa != sb) return rank[sa] < rank[sb];
      return persp_less(a, b);
    });
    return;
  }
  // Many: a counting sort by the subject's rank (one pass to count, one to place), then each
  // subject's rows, usually one, by perspective and row.
  std::vector<uint32_t> row_rank(n);
  std::vector<uint32_t> start(s.entities.size() + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    row_rank[i] = rank[s.facts[(*ids)[i]].subject];
    ++start[row_rank[i] + 1];
  }
  for (size_t r = 1; r < start.size(); ++r) start[r] += start[r - 1];
  std::vector<uint32_t> placed(n), placed_rank(n);
  for (size_t i = 0; i < n; ++i) {
    const size_t at = start[row_rank[i]]++;
    placed[at] = (*ids)[i];
    placed_rank[at] = row_rank[i];
  }
  // start[r] is now the end of rank r's rows, start[r - 1] (or 0) their beginning. The ranks
  // travel with the rows: reading them from the facts again would cost a cache miss a row.
  for (size_t i = 0; i < n;) {
    const size_t end = start[placed_rank[i]];
    if (end - i > 1)
      std::sort(placed.begin() + static_cast<ptrdiff_t>(i), placed.begin() + static_cast<ptrdiff_t>(end), persp_less);
    i = end;
  }
  *ids = std::move(placed);
}

Result<std::vector<FactRef>> ReadScope::ObjectRefs(const std::string& subject, const std::string& predicate) const {
  auto e = EntityId(subject);
  if (!e.ok()) return e.status();
  auto p = PredId(predicate);
  if (!p.ok()) return p.status();
  std::vector<FactRef> out;
  std::span<const uint32_t> rows = s.SubjectFacts(*e, *p);
  if (s.preds[*p].exclusive) {  // at most one row of each perspective: found by a binary search
    while (!rows.empty()) {
      const std::span<const uint32_t> run = s.PerspRun(rows);
      if (State::PerspVisible(s.facts[run.front()].persp, persp)) {
        if (const uint32_t id = s.RunRowAt(run, at.days, recorded); id != kNone) out.push_back(Ref(id));
      }
      rows = rows.subspan(run.size());
    }
    return out;
  }
  for (uint32_t id : rows) {
    if (VisibleAt(s.facts[id])) out.push_back(Ref(id));
  }
  return out;
}

Result<std::vector<FactRef>> ReadScope::SnapshotRefs(const std::string& predicate) const {
  auto p = PredId(predicate);
  if (!p.ok()) return p.status();
  std::vector<uint32_t> ids;
  for (uint32_t id : s.by_pred[*p]) {
    if (VisibleAt(s.facts[id])) ids.push_back(id);
  }
  if (Status st = CheckRows(ids.size()); !st.ok()) return st;
  SortBySubject(&ids);
  std::vector<FactRef> out;
  out.reserve(ids.size());
  for (uint32_t id : ids) out.push_back(Ref(id));
  return out;
}

Result<DiffRef> ReadScope::DiffRefs(Date d1, Date d2, const std::string& predicate) const {
  uint32_t pred = kNone;
  if (!predicate.empty()) {
    auto p = PredId(predicate);
    if (!p.ok()) return p.status();
    pred = *p;
  }
  const Date lo = std::min(d1, d2), hi = std::max(d1, d2);
  // A fact valid at exactly one of the dates starts or ends in (lo, hi].
  auto after_day = [this](int32_t day, uint32_t event) { return day < s.EventDate(event); };
  auto first = std::upper_bound(s.events.begin(), s.events.end(), lo.days, after_day);
  auto last = std::upper_bound(first, s.events.end(), hi.days, after_day);
  // Keys are (subject, pred, persp); in a perspective view every persp folds into the view's.
  const bool folded = persp != kNone;
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> keys;
  auto consider = [&](uint32_t id) {
    const Fact& f = s.facts[id];
    if ((pred == kNone ? s.preds[f.pred].alternative_of == kNone : f.pred == pred) && Visible(f)) {
      keys.emplace_back(f.subject, f.pred, folded ? persp : f.persp);
    }
  };
  for (auto it = first; it != last; ++it) consider(*it >> 1);
  for (uint32_t event : s.events_tail) {
    const int32_t date = s.EventDate(event);
    if (lo.days < date && date <= hi.days) consider(event >> 1);
  }
  // The answer's order: subject key, predicate name, perspective name. Entities' keys,
  // predicates' and perspectives' names are unique, so equal keys sort together and the order
  // is total. Sorted before the changes are built, so that nothing built moves.
  const bool ranked = s.KeysRanked();
  std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
    const auto& [sa, pa, qa] = a;
    const auto& [sb, pb, qb] = b;
    if (sa != sb) return ranked ? s.key_rank[sa] < s.key_rank[sb] : s.entities[sa].key < s.entities[sb].key;
    if (pa != pb) return s.preds[pa].name < s.preds[pb].name;
    return s.persps[qa] < s.persps[qb];
  });
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (Status st = CheckRows(keys.size()); !st.ok()) return st;
  DiffRef out;
  // Each change's facts, as (key, first fact, before count, after count) until facts stops
  // growing; then the spans.
  struct Built {
    size_t key, begin, before, after;
  };
  std::vector<Built> built;
  std::vector<uint32_t> before, after, objects_before, objects_after;
  for (size_t k = 0; k < keys.size(); ++k) {
    const auto& [subject, p, key_persp] = keys[k];
    before.clear();
    after.clear();
    for (uint32_t id : s.SubjectFacts(subject, p)) {
      const Fact& f = s.facts[id];
      if (!s.VisibleAt(f, recorded)) continue;
      if (folded ? !State::PerspVisible(f.persp, key_persp) : f.persp != key_persp) continue;
      if (f.interval().contains(d1)) before.push_back(id);
      if (f.interval().contains(d2)) after.push_back(id);
    }
    auto objects = [this](const std::vector<uint32_t>& ids, std::vector<uint32_t>* o) {
      o->clear();
      for (uint32_t id : ids) o->push_back(s.facts[id].object);
      std::sort(o->begin(), o->end());
    };
    objects(before, &objects_before);
    objects(after, &objects_after);
    if (objects_before == objects_after) continue;
    built.push_back(Built{k, out.facts.size(), before.size(), after.size()});
    for (uint32_t id : before) out.facts.push_back(Ref(id));
    for (uint32_t id : after) out.facts.push_back(Ref(id));
  }
  out.changes.reserve(built.size());
  const std::span<const FactRef> facts(out.facts);
  for (const Built& b : built) {
    const auto& [subject, p, key_persp] = keys[b.key];
    ChangeRef c;
    c.subject = s.entities[subject].key;
    c.predicate = s.preds[p].name;
    c.perspective = s.persps[key_persp];
    c.before = facts.subspan(b.begin, b.before);
    c.after = facts.subspan(b.begin + b.before, b.after);
    out.changes.push_back(c);
  }
  return out;
}

bool DatabaseImpl::TidyDue() const { return state_.events_tail.size() > kEventsTailMerge || !state_.KeysRanked(); }

void DatabaseImpl::Tidy() const {
  {
    ReaderLock peek(&mu_);
    if (!TidyDue()) return;
  }
  WriterLock lock(&mu_);
  if (state_.events_tail.size() > kEventsTailMerge) state_.SortEvents();
  state_.RankKeys();
}

// The Reading of a DatabaseImpl: the shared lock, held from construction to destruction
// (Clang's analysis follows locks within a function only, hence the exemptions).
class ReadingImpl final : public Reading {
 public:
  explicit ReadingImpl(const DatabaseImpl& db) NO_THREAD_SAFETY_ANALYSIS : db_(db) {
    db_.mu_.ReaderLock();
    if (db_.TidyDue()) {
      db_.mu_.ReaderUnlock();
      db_.Tidy();
      db_.mu_.ReaderLock();
    }
  }
  ~ReadingImpl() override NO_THREAD_SAFETY_ANALYSIS { db_.mu_.ReaderUnlock(); }
  ReadingImpl(const ReadingImpl&) = delete;
  ReadingImpl& operator=(const ReadingImpl&) = delete;

  Result<std::vector<FactRef>> Objects(const std::string& subject, const std::string& predicate,
                                       const View& view) const override NO_THREAD_SAFETY_ANALYSIS {
    auto r = db_.Resolve(view);
    if (!r.ok()) return r.status();
    return r->ObjectRefs(subject, predicate);
  }
  Result<std::vector<FactRef>> Snapshot(const std::string& predicate,
                                        const View& view) const override NO_THREAD_SAFETY_ANALYSIS {
    auto r = db_.Resolve(view);
    if (!r.ok()) return r.status();
    return r->SnapshotRefs(predicate);
  }
  Result<DiffRef> Diff(Date d1, Date d2, const std::string& predicate,
                       const View& view) const override NO_THREAD_SAFETY_ANALYSIS {
    auto r = db_.Resolve(view);
    if (!r.ok()) return r.status();
    return r->DiffRefs(d1, d2, predicate);
  }

 private:
  const DatabaseImpl& db_;
};

std::unique_ptr<Reading> DatabaseImpl::Read() const { return std::make_unique<ReadingImpl>(*this); }

}  // namespace ordo::engine
