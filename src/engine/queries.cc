// The questions a Database answers (include/ordo/database.h, "Queries"). Each takes the shared
// lock once and reads through a ReadScope (DatabaseImpl::WithRead).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "base/text.h"
#include "engine/apply.h"
#include "engine/database_impl.h"
#include "engine/rules.h"

namespace ordo::engine {

namespace {

FuzzyDate Bound(int32_t days, uint8_t flags) { return FuzzyDate::Unpack(Date{days}, flags & FuzzyDate::kFlagsMask); }

}  // namespace

Result<uint32_t> ReadScope::EntityId(const std::string& key) const {
  const uint32_t id = s.FindEntity(key);
  if (id == kNone) return UnknownEntity(s, key, {});
  return id;
}

Result<uint32_t> ReadScope::PredId(const std::string& name) const {
  auto it = s.pred_ids.find(name);
  if (it == s.pred_ids.end()) return UnknownPredicate(s, name, {});
  return it->second;
}

Status ReadScope::CheckRows(size_t n) const {
  if (n > options_.max_result_rows) {
    return Status::Limit(
        fmt::format("the answer has more than {} rows (the configured limit)", options_.max_result_rows));
  }
  return Status::Ok();
}

FactRef ReadScope::Ref(uint32_t id) const {
  const Fact& f = s.facts[id];
  const PredMeta& p = s.preds[f.pred];
  FactRef out;
  out.fact_id = id + 1;
  out.subject = s.entities[f.subject].key;
  out.predicate = p.name;
  out.is_attribute = p.is_attribute;
  if (p.is_attribute) {
    out.value = &s.values[f.object];
  } else {
    out.object = s.entities[f.object].key;
  }
  out.from = Bound(f.from, f.from_flags);
  out.to = Bound(f.to, f.to_flags);
  out.recorded_from = s.Known(f.known_from);
  out.recorded_to = f.live() ? Instant::Max() : s.Known(f.known_to);
  if (recorded != nullptr && out.recorded_to > *recorded) out.recorded_to = Instant::Max();
  out.first_recorded = std::min(s.Known(f.order), out.recorded_from);
  out.recorded_by = s.orders[f.known_from].key;
  if (out.recorded_to != Instant::Max()) out.superseded_by = s.orders[f.known_to].key;
  out.perspective = s.persps[f.persp];
  out.qualifiers = s.Quals(f);
  const std::vector<uint32_t>& own = s.OwnSources(f);
  out.own_sources = !own.empty();
  out.sources = SourceRefs(own.empty() ? s.orders[f.order].sources : own, s.sources.data());
  out.order = s.orders[f.order].key;
  if (f.row_order != f.order) out.ended_by = s.orders[f.row_order].key;
  out.correction = (f.from_flags & kCorrectionBit) != 0;
  if (p.alternative_of != kNone) {
    out.alternative = true;
    out.predicate = s.preds[p.alternative_of].name;
  } else {
    out.disputed = Disputed(f);
  }
  return out;
}

FactInfo ReadScope::Info(uint32_t id) const { return Ref(id).Own(); }

CoverageGap ReadScope::Gap(uint32_t id) const {
  const Fact& f = s.facts[id];
  CoverageGap g;
  g.relation = std::get<std::string>(s.values[f.object].v);
  g.from = Bound(f.from, f.from_flags);
  g.to = Bound(f.to, f.to_flags);
  for (const Qualifier& q : s.Quals(f)) {
    if (q.key == "note") g.note = std::get<std::string>(q.value.v);
  }
  g.order = s.orders[f.order].key;
  const std::vector<uint32_t>& own = s.OwnSources(f);
  for (uint32_t src : own.empty() ? s.orders[f.order].sources : own) g.sources.push_back(SourceInfoOf(src));
  return g;
}

std::vector<LineageLink> ReadScope::LinksOf(uint32_t entity) const {
  std::vector<LineageLink> out;
  auto add = [&](uint32_t id) {
    const Fact& f = s.facts[id];
    if (!s.preds[f.pred].lineage || !Visible(f)) return;
    LineageLink l;
    l.type = s.preds[f.pred].name;
    const bool subject_succeeds = LineageSubjectIsSuccessor(l.type);
    l.successor = s.entities[subject_succeeds ? f.subject : f.object].key;
    l.predecessor = s.entities[subject_succeeds ? f.object : f.subject].key;
    l.date = Date{f.from};
    l.order = s.orders[f.order].key;
    const std::vector<uint32_t>& own = s.OwnSources(f);
    for (uint32_t src : own.empty() ? s.orders[f.order].sources : own) l.sources.push_back(SourceInfoOf(src));
    out.push_back(std::move(l));
  };
  for (uint32_t id : s.by_subject[entity]) add(id);
  for (uint32_t id : s.by_object[entity]) add(id);
  std::stable_sort(out.begin(), out.end(), [](const LineageLink& a, const LineageLink& b) {
    return std::tie(a.date, a.predecessor, a.successor) < std::tie(b.date, b.predecessor, b.successor);
  });
  return out;
}

std::string ReadScope::NameAt(uint32_t entity, Date at) const {
  auto it = s.pred_ids.find(std::string(kNamePrefix) + "en");
  std::string first;
  for (uint32_t id : s.by_subject[entity]) {
    const Fact& f = s.facts[id];
    if (!f.interval().contains(at) || !Visible(f) || s.preds[f.pred].name.rfind(kNamePrefix, 0) != 0) continue;
    const std::string& text = std::get<std::string>(s.values[f.object].v);
    if (it != s.pred_ids.end() && f.pred == it->second) return text;
    if (first.empty()) first = text;
  }
  return first;
}

bool ReadScope::Disputed(const Fact& f) const {
  const uint32_t alt = s.preds[f.pred].alternatives;
  if (alt == kNone) return false;
  for (uint32_t id : s.by_subject[f.subject]) {
    const Fact& g = s.facts[id];
    if (g.pred == alt && State::PerspClash(f.persp, g.persp) && f.interval().overlaps(g.interval()) && Visible(g)) {
      return true;
    }
  }
  return false;
}

Result<std::vector<FactInfo>> ReadScope::BySubject(const std::vector<uint32_t>& ids) const {
  if (Status st = CheckRows(ids.size()); !st.ok()) return st;
  // Sorted as row ids, then built: a FactInfo is costly to move.
  std::vector<uint32_t> sorted = ids;
  SortBySubject(&sorted);
  std::vector<FactInfo> out;
  out.reserve(sorted.size());
  for (uint32_t id : sorted) out.push_back(Info(id));
  return out;
}

SourceInfo ReadScope::SourceInfoOf(uint32_t source) const { return SourceInfoFrom(s.sources[source]); }

OrderInfo ReadScope::OrderInfoOf(uint32_t order) const {
  const OrderMeta& r = s.orders[order];
  OrderInfo o;
  o.id = r.key;
  o.title = r.title;
  o.issuer = r.issuer;
  o.perspective = r.perspective;
  o.signed_on = r.signed_on;
  o.effective = r.effective;
  o.recorded = r.recorded;
  o.stored = r.stored;
  for (uint32_t src : r.sources) o.sources.push_back(SourceInfoOf(src));
  o.notes = r.notes;
  o.where = r.where;
  return o;
}

Result<ReadScope> DatabaseImpl::Resolve(const View& v) const {
  const State& s = state_;
  uint32_t persp = kNone;
  if (!v.perspective.empty()) {
    auto it = s.persp_ids.find(v.perspective);
    if (it == s.persp_ids.end()) {
      Status st = Status::NotFound(fmt::format("unknown perspective '{}'", v.perspective));
      std::string known;
      for (size_t i = 1; i < s.persps.size(); ++i) known += (i > 1 ? ", " : "") + s.persps[i];
      st.AddNote(known.empty() ? "no fact in the record has a perspective"
                               : "the record has facts according to " + known);
      return st;
    }
    persp = it->second;
  }
  return ReadScope(s, options_, v.recorded ? &*v.recorded : nullptr, persp, v.at);
}

ReadScope DatabaseImpl::Unviewed() const { return ReadScope(state_, options_, nullptr, kNone, Date::Today()); }

Result<std::vector<FactInfo>> DatabaseImpl::Timeline(const std::string& predicate, const View& view) const {
  Tidy();
  return WithRead(view, [&](const ReadScope& r) -> Result<std::vector<FactInfo>> {
    auto p = r.PredId(predicate);
    if (!p.ok()) return p.status();
    std::vector<uint32_t> ids;
    for (uint32_t id : r.s.by_pred[*p]) {
      if (r.Visible(r.s.facts[id])) ids.push_back(id);
    }
    auto out = r.BySubject(ids);
    if (!out.ok()) return out;
    std::stable_sort(out->begin(), out->end(), [](const FactInfo& a, const FactInfo& b) {
      return std::tie(a.subject, a.from.date) < std::tie(b.subject, b.from.date);
    });
    return out;
  });
}

Result<std::vector<FactInfo>> DatabaseImpl::Objects(const std::string& subject, const std::string& predicate,
                                                    const View& view) const {
  return WithRead(view, [&](const ReadScope& r) -> Result<std::vector<FactInfo>> {
    auto refs = r.ObjectRefs(subject, predicate);
    if (!refs.ok()) return refs.status();
    return Own(*refs);
  });
}

Result<std::vector<FactInfo>> DatabaseImpl::Members(const std::string& object, const std::string& relation,
                                                    const View& view) const {
  Tidy();
  return WithRead(view, [&](const ReadScope& r) -> Result<std::vector<FactInfo>> {
    auto e = r.EntityId(object);
    if (!e.ok()) return e.status();
    auto p = r.PredId(relation);
    if (!p.ok()) return p.status();
    if (r.s.preds[*p].is_attribute) {
      return Status::Invalid(fmt::format("'{}' is an attribute; members needs a relation", relation));
    }
    std::vector<uint32_t> ids;
    for (uint32_t id : r.s.by_object[*e]) {
      const Fact& f = r.s.facts[id];
      if (f.pred == *p && f.interval().contains(r.at) && r.Visible(f)) ids.push_back(id);
    }
    return r.BySubject(ids);
  });
}

Result<std::vector<FactInfo>> DatabaseImpl::Snapshot(const std::string& predicate, const View& view) const {
  Tidy();
  return WithRead(view, [&](const ReadScope& r) -> Result<std::vector<FactInfo>> {
    auto refs = r.SnapshotRefs(predicate);
    if (!refs.ok()) return refs.status();
    return Own(*refs);
  });
}

Result<std::vector<FactInfo>> DatabaseImpl::History(const std::string& subject, const std::string& predicate,
                                                    const View& view) const {
  return WithRead(view, [&](const ReadScope& r) -> Result<std::vector<FactInfo>> {
    auto e = r.EntityId(subject);
    if (!e.ok()) return e.status();
    uint32_t pred = kNone;
    if (!predicate.empty()) {
      auto p = r.PredId(predicate);
      if (!p.ok()) return p.status();
      pred = *p;
    }
    std::vector<FactInfo> out;
    for (uint32_t id : r.s.by_subject[*e]) {
      const Fact& f = r.s.facts[id];
      if (!(pred == kNone ? r.s.preds[f.pred].alternative_of == kNone : f.pred == pred)) continue;
      // Every version: each row the record ever held (a row never known is not a version).
      const bool shown = view.all_versions ? State::PerspVisible(f.persp, r.persp) &&
                                                 (f.live() || r.s.Known(f.known_to) > r.s.Known(f.known_from))
                                           : r.Visible(f);
      if (shown) out.push_back(r.Info(id));
    }
    std::stable_sort(out.begin(), out.end(), [](const FactInfo& a, const FactInfo& b) {
      return std::tie(a.predicate, a.from.date, a.perspective, a.recorded_from) <
             std::tie(b.predicate, b.from.date, b.perspective, b.recorded_from);
    });
    return out;
  });
}

Result<std::vector<Change>> DatabaseImpl::Diff(Date d1, Date d2, const std::string& predicate, const View& view) const {
  Tidy();
  return WithRead(view, [&](const ReadScope& r) -> Result<std::vector<Change>> {
    auto refs = r.DiffRefs(d1, d2, predicate);
    if (!refs.ok()) return refs.status();
    std::vector<Change> out;
    out.reserve(refs->changes.size());
    for (const ChangeRef& c : refs->changes) out.push_back(c.Own());
    return out;
  });
}

Result<std::vector<FactInfo>> DatabaseImpl::PathUp(const std::string& subject, const std::string& relation,
                                                   const View& view) const {
  return WithRead(view, [&](const ReadScope& r) -> Result<std::vector<FactInfo>> {
    auto e = r.EntityId(subject);
    if (!e.ok()) return e.status();
    auto p = r.PredId(relation);
    if (!p.ok()) return p.status();
    const State& s = r.s;
    if (s.preds[*p].is_attribute || !s.preds[*p].exclusive) {
      return Status::Invalid(fmt::format("path needs an exclusive relation; '{}' is not one", relation));
    }
    std::vector<FactInfo> out;
    std::set<uint32_t> seen{*e};
    uint32_t node = *e;
    while (true) {
      uint32_t next = kNone;
      for (uint32_t id : s.by_subject[node]) {
        const Fact& f = s.facts[id];
        if (f.pred == *p && f.interval().contains(r.at) && r.Visible(f)) {
          out.push_back(r.Info(id));
          next = f.object;
          break;
        }
      }
      if (next == kNone || !seen.insert(next).second) break;
      node = next;
    }
    return out;
  });
}

Result<EntityInfo> DatabaseImpl::Entity(const std::string& id, const View& view) const {
  return WithRead(view, [&](const ReadScope& r) -> Result<EntityInfo> {
    auto e = r.EntityId(id);
    if (!e.ok()) return e.status();
    const State& s = r.s;
    EntityInfo out;
    out.id = id;
    out.kind = s.kinds[s.entities[*e].kind].name;
    for (uint32_t fid : s.by_subject[*e]) {
      const Fact& f = s.facts[fid];
      if (!r.Visible(f)) continue;
      const PredMeta& p = s.preds[f.pred];
      if (f.pred == s.exists_pred) {
        out.lifetime.push_back(Span{Bound(f.from, f.from_flags), Bound(f.to, f.to_flags)});
        if (f.interval().contains(r.at)) out.alive = true;
        continue;
      }
      if (p.lineage) continue;  // below, with the links pointing at the entity
      if (!f.interval().contains(r.at)) continue;
      const std::string& pname = p.name;
      if (p.alternative_of != kNone) {
        out.alternatives.push_back(r.Info(fid));
      } else if (f.pred == s.uncovered_pred) {
        out.uncovered.push_back(r.Gap(fid));
      } else if (pname.rfind(kNamePrefix, 0) == 0) {
        out.names.push_back(Name{pname.substr(5), std::get<std::string>(s.values[f.object].v)});
      } else if (f.pred == s.alias_pred) {
        std::string lang;
        for (const Qualifier& q : s.Quals(f)) {
          if (q.key == "lang") lang = std::get<std::string>(q.value.v);
        }
        out.aliases.push_back(Name{lang, std::get<std::string>(s.values[f.object].v)});
      } else {
        out.facts.push_back(r.Info(fid));
      }
    }
    out.lineage = r.LinksOf(*e);
    std::sort(out.lifetime.begin(), out.lifetime.end(),
              [](const Span& a, const Span& b) { return a.from.date < b.from.date; });
    std::stable_sort(out.names.begin(), out.names.end(), [](const Name& a, const Name& b) {
      return (a.lang != "en") < (b.lang != "en") || ((a.lang != "en") == (b.lang != "en") && a.lang < b.lang);
    });
    return out;
  });
}

Result<LineageInfo> DatabaseImpl::Lineage(const std::string& id, const View& view) const {
  return WithRead(view, [&](const ReadScope& r) -> Result<LineageInfo> {
    auto e = r.EntityId(id);
    if (!e.ok()) return e.status();
    const State& s = r.s;
    LineageInfo out;
    out.id = id;
    // Walk the links both ways: predecessors of predecessors, successors of successors.
    std::vector<uint32_t> queue{*e};
    std::set<uint32_t> seen{*e};
    std::set<std::tuple<int32_t, std::string, std::string, std::string>> links;
    for (size_t i = 0; i < queue.size(); ++i) {
      const uint32_t x = queue[i];
      LineageEntity ent;
      ent.id = s.entities[x].key;
      ent.kind = s.kinds[s.entities[x].kind].name;
      for (uint32_t fid : s.by_subject[x]) {
        const Fact& f = s.facts[fid];
        if (f.pred == s.exists_pred && r.Visible(f)) {
          ent.lifetime.push_back(Span{Bound(f.from, f.from_flags), Bound(f.to, f.to_flags)});
        }
      }
      std::sort(ent.lifetime.begin(), ent.lifetime.end(),
                [](const Span& a, const Span& b) { return a.from.date < b.from.date; });
      ent.name = r.NameAt(x, ent.lifetime.empty() ? Date::Today() : ent.lifetime.back().from.date);
      out.entities.push_back(std::move(ent));
      for (LineageLink& link : r.LinksOf(x)) {
        for (const std::string* other : {&link.predecessor, &link.successor}) {
          const uint32_t o = s.FindEntity(*other);
          if (seen.insert(o).second) queue.push_back(o);
        }
        if (links.emplace(link.date.days, link.predecessor, link.successor, link.type).second) {
          out.links.push_back(std::move(link));
        }
      }
    }
    std::stable_sort(out.links.begin(), out.links.end(), [](const LineageLink& a, const LineageLink& b) {
      return std::tie(a.date, a.predecessor, a.successor) < std::tie(b.date, b.predecessor, b.successor);
    });
    return out;
  });
}

std::vector<std::string> DatabaseImpl::EntityIds(const std::string& kind) const {
  ReaderLock lock(&mu_);
  const ReadScope r = Unviewed();
  const State& s = r.s;
  uint32_t k = kNone;
  if (!kind.empty()) {
    auto it = s.kind_ids.find(kind);
    if (it == s.kind_ids.end()) return {};
    k = it->second;
  }
  std::vector<std::string> out;
  for (const auto& e : s.entities) {
    if (k == kNone || s.KindIsA(e.kind, k)) out.push_back(e.key);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<OrderInfo> DatabaseImpl::Orders() const {
  ReaderLock lock(&mu_);
  const ReadScope r = Unviewed();
  std::vector<OrderInfo> out;
  for (uint32_t i = 0; i < r.s.orders.size(); ++i) out.push_back(r.OrderInfoOf(i));
  for (const Fact& f : r.s.facts) {
    ++out[f.row_order].facts_asserted;
    if (!f.live()) ++out[f.retract_order].facts_superseded;
  }
  return out;
}

Result<OrderChanges> DatabaseImpl::Order(const std::string& id) const {
  ReaderLock lock(&mu_);
  const ReadScope r = Unviewed();
  const State& s = r.s;
  auto it = s.order_ids.find(id);
  if (it == s.order_ids.end()) {
    std::vector<std::string> keys;
    for (const auto& o : s.orders) keys.push_back(o.key);
    Status st = Status::NotFound(fmt::format("unknown order '{}'", id));
    for (const std::string& n : Nearest(id, keys)) st.AddNote(fmt::format("did you mean '{}'?", n));
    return st;
  }
  OrderChanges out;
  out.order = r.OrderInfoOf(it->second);
  for (uint32_t fid = 0; fid < s.facts.size(); ++fid) {
    const Fact& f = s.facts[fid];
    if (f.row_order == it->second) out.asserted.push_back(r.Info(fid));
    if (f.retract_order == it->second) out.superseded.push_back(r.Info(fid));
  }
  out.order.facts_asserted = out.asserted.size();
  out.order.facts_superseded = out.superseded.size();
  return out;
}

Result<SourceInfo> DatabaseImpl::Source(const std::string& id) const {
  ReaderLock lock(&mu_);
  const ReadScope r = Unviewed();
  auto it = r.s.source_ids.find(id);
  if (it == r.s.source_ids.end()) return Status::NotFound(fmt::format("unknown source '{}'", id));
  return r.SourceInfoOf(it->second);
}

std::vector<Match> DatabaseImpl::Search(const std::string& text, size_t limit) const {
  ReaderLock lock(&mu_);
  const ReadScope r = Unviewed();
  const State& s = r.s;
  const std::string needle = AsciiLower(text);
  if (needle.empty()) return {};
  // Best match per entity: (rank, distance) where rank 0 = exact, 1 = prefix, 2 = substring, 3 = fuzzy.
  std::map<uint32_t, std::pair<std::pair<int, int>, Match>> best;
  auto consider = [&](uint32_t entity, const std::string& name, const std::string& lang) {
    const std::string hay = AsciiLower(name);
    int rank, dist = 0;
    if (hay == needle) {
      rank = 0;
    } else if (hay.rfind(needle, 0) == 0) {
      rank = 1;
    } else if (hay.find(needle) != std::string::npos) {
      rank = 2;
    } else {
      dist = EditDistance(needle, hay, 2);
      if (dist > 2) return;
      rank = 3;
    }
    auto key = std::make_pair(rank, dist);
    auto it = best.find(entity);
    if (it != best.end() && it->second.first <= key) return;
    best[entity] = {key, Match{s.entities[entity].key, s.kinds[s.entities[entity].kind].name, name, lang, dist}};
  };
  for (uint32_t e = 0; e < s.entities.size(); ++e) consider(e, s.entities[e].key, "");
  for (uint32_t p = 0; p < s.preds.size(); ++p) {
    const std::string& pname = s.preds[p].name;
    const bool is_name = pname.rfind(kNamePrefix, 0) == 0;
    if (!is_name && p != s.alias_pred) continue;
    for (uint32_t id : s.by_pred[p]) {
      const Fact& f = s.facts[id];
      if (!f.live()) continue;
      std::string lang = is_name ? pname.substr(5) : "";
      if (!is_name) {
        for (const Qualifier& q : s.Quals(f)) {
          if (q.key == "lang") lang = std::get<std::string>(q.value.v);
        }
      }
      consider(f.subject, std::get<std::string>(s.values[f.object].v), lang);
    }
  }
  std::vector<std::pair<std::pair<int, int>, Match>> all;
  for (auto& [e, m] : best) all.push_back(std::move(m));
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) {
    return a.first < b.first || (a.first == b.first && a.second.id < b.second.id);
  });
  std::vector<Match> out;
  for (size_t i = 0; i < all.size() && i < limit; ++i) out.push_back(std::move(all[i].second));
  return out;
}

std::vector<NameInfo> DatabaseImpl::Names(const View& view) const {
  View names_view = view;
  names_view.perspective.clear();
  auto r = WithRead(names_view, [&](const ReadScope& r) -> Result<std::vector<NameInfo>> {
    const State& s = r.s;
    std::vector<NameInfo> out;
    for (uint32_t e = 0; e < s.entities.size(); ++e) {
      for (uint32_t fid : s.by_subject[e]) {
        const Fact& f = s.facts[fid];
        const std::string& pname = s.preds[f.pred].name;
        const bool is_name = pname.rfind(kNamePrefix, 0) == 0;
        if ((!is_name && f.pred != s.alias_pred) || !r.Visible(f)) continue;
        NameInfo n;
        n.entity = s.entities[e].key;
        n.kind = s.kinds[s.entities[e].kind].name;
        n.alias = !is_name;
        if (is_name) {
          n.lang = pname.substr(std::char_traits<char>::length(kNamePrefix));
        } else {
          for (const Qualifier& q : s.Quals(f)) {
            if (q.key == "lang") n.lang = std::get<std::string>(q.value.v);
          }
        }
        n.text = std::get<std::string>(s.values[f.object].v);
        n.from = Bound(f.from, f.from_flags);
        n.to = Bound(f.to, f.to_flags);
        out.push_back(std::move(n));
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const NameInfo& a, const NameInfo& b) {
      return a.entity < b.entity || (a.entity == b.entity && a.from.date < b.from.date);
    });
    return out;
  });
  return r.ok() ? std::move(*r) : std::vector<NameInfo>{};
}

namespace {
std::vector<std::string> KindNames(const State& s, const std::vector<uint32_t>& ids) {
  std::vector<std::string> out;
  for (uint32_t k : ids) out.push_back(s.kinds[k].name);
  return out;
}
}  // namespace

SchemaInfo DatabaseImpl::Schema() const {
  ReaderLock lock(&mu_);
  const State& s = state_;
  SchemaInfo out;
  for (const auto& k : s.kinds)
    out.kinds.push_back(KindDecl{k.name, k.parent == kNone ? "" : s.kinds[k.parent].name, k.note, {}});
  for (size_t i = 1; i < s.persps.size(); ++i)
    out.perspectives.push_back(PerspectiveDecl{s.persps[i], s.persp_notes[i], {}});
  for (const auto& p : s.preds) {
    if (p.is_attribute) {
      out.attributes.push_back(AttributeDecl{p.name, KindNames(s, p.subject_kinds), p.type, p.note, {}});
    } else {
      out.relations.push_back(RelationDecl{
          p.name, KindNames(s, p.subject_kinds), KindNames(s, p.object_kinds), p.exclusive, p.acyclic, p.note, {}});
    }
  }
  return out;
}
Result<QueryAnswer> DatabaseImpl::Query(const QueryDecl& query, const View& view, uint64_t max_work) const {
  return WithRead(view, [&](const ReadScope& r) -> Result<QueryAnswer> {
    CompiledRule rule;
    if (Status st = CompileAtoms(r.s, query.atoms, &rule.vars, &rule.atoms); !st.ok()) return st;
    rule.persp = r.persp == kNone ? 0 : r.persp;
    std::vector<uint32_t> columns;  // indexes into rule.vars
    QueryAnswer out;
    for (size_t i = 0; i < query.select.size(); ++i) {
      auto it = std::find(rule.vars.begin(), rule.vars.end(), query.select[i]);
      if (it == rule.vars.end()) {
        return Status::Invalid(fmt::format("?{} is selected but no atom names it", query.select[i]),
                               i < query.select_where.size() ? query.select_where[i] : SourceRegion{});
      }
      columns.push_back(static_cast<uint32_t>(it - rule.vars.begin()));
      out.columns.push_back(query.select[i]);
    }
    if (query.select.empty()) {
      for (size_t v = 0; v < rule.vars.size(); ++v) {
        columns.push_back(static_cast<uint32_t>(v));
        out.columns.push_back(rule.vars[v]);
      }
    }
    WorkBudget budget{max_work != 0 ? max_work : options_.max_query_work};
    EvalView ev{r.at, r.recorded, kNone};
    std::vector<RuleMatch> matches = EvaluateRule(r.s, rule, ev, &budget);
    out.work = budget.spent;
    if (budget.exhausted) {
      return Status::Limit(fmt::format("the query needs more than {} steps", budget.limit))
          .AddNote(
              "each candidate fact examined and each match found is a step; bind a variable to an entity or add "
              "an atom to narrow it, or raise the bound (--max-work, max_work=)");
    }
    std::set<std::vector<std::string>> rows;
    for (const RuleMatch& m : matches) {
      std::vector<std::string> row;
      for (uint32_t c : columns) row.push_back(r.s.entities[m.values[c]].key);
      rows.insert(std::move(row));
    }
    if (Status st = r.CheckRows(rows.size()); !st.ok()) return st;
    out.rows.assign(rows.begin(), rows.end());
    return out;
  });
}

}  // namespace ordo::engine
