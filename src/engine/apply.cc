#include "engine/apply.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "base/text.h"

namespace ordo::engine {

namespace {

std::string FormatBound(int32_t days, uint8_t flags) {
  return FormatFuzzyDate(FuzzyDate::Unpack(Date{days}, flags & FuzzyDate::kFlagsMask));
}

SourceRegion OrderRegion(const State& s, uint32_t order) { return s.orders[order].where; }

std::string KindList(const State& s, const std::vector<uint32_t>& kinds) {
  std::string out;
  for (size_t i = 0; i < kinds.size(); ++i) {
    out += (i == 0 ? "" : (i + 1 == kinds.size() ? " or " : ", ")) + s.kinds[kinds[i]].name;
  }
  return out;
}

class Applier {
 public:
  Applier(State& s, Instant now, store::BatchRows* rows, Checkpoint* cp) : s_(s), now_(now), rows_(rows), cp_(cp) {}

  Result<ApplySummary> Run(const Batch& b) {
    for (const KindDecl& d : b.kinds) {
      if (Status st = Kind(d); !st.ok()) return st;
    }
    for (const PerspectiveDecl& d : b.perspectives) {
      if (Status st = Perspective(d); !st.ok()) return st;
    }
    for (const RelationDecl& d : b.relations) {
      if (Status st = Relation(d); !st.ok()) return st;
    }
    for (const AttributeDecl& d : b.attributes) {
      if (Status st = Attribute(d); !st.ok()) return st;
    }
    for (const SourceDecl& d : b.sources) {
      if (Status st = Source(d); !st.ok()) return st;
    }
    // Every order is checked: one that fails is undone and the next goes on from the state
    // before it, so that the batch reports each order's errors (up to kMaxBatchErrors), not
    // only the first. Any error fails the whole batch.
    for (const OrderDecl& o : b.orders) {
      const Checkpoint mark = s_.Mark();
      const size_t cuts = cp_->retracted.size();
      if (Order(o)) continue;
      // What the refused order created does not exist for the orders after it: their
      // "unknown id" errors about it would only repeat this one.
      for (size_t i = mark.entities; i < s_.entities.size(); ++i) refused_.insert(s_.entities[i].key);
      Undo(mark, cuts);
      if (errors_.size() >= kMaxBatchErrors) break;
    }
    if (!errors_.empty()) {
      Status first = std::move(errors_.front());
      for (size_t i = 1; i < errors_.size(); ++i) first.AddMore(std::move(errors_[i]));
      return first;
    }
    summary_.facts_asserted = rows_->facts.size();
    summary_.facts_superseded = rows_->retractions.size();
    summary_.entities_created = rows_->entities.size();
    return summary_;
  }

 private:
  // ---- declarations ----

  Result<uint32_t> KindId(const std::string& name, const SourceRegion& where) {
    auto it = s_.kind_ids.find(name);
    if (it != s_.kind_ids.end()) return it->second;
    std::vector<std::string> names;
    for (const KindMeta& k : s_.kinds) names.push_back(k.name);
    Status st = Status::NotFound(fmt::format("unknown kind '{}'", name), where);
    for (const std::string& n : Nearest(name, names)) st.AddNote(fmt::format("did you mean '{}'?", n));
    return st;
  }

  Result<std::vector<uint32_t>> KindIds(const std::vector<std::string>& names, const SourceRegion& where) {
    std::vector<uint32_t> out;
    for (const std::string& n : names) {
      if (n == "*") continue;
      auto k = KindId(n, where);
      if (!k.ok()) return k.status();
      out.push_back(*k);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  // Declaring a perspective again is allowed (a later file may repeat the schema's); its note
  // stays the first one's.
  Status Perspective(const PerspectiveDecl& d) {
    if (s_.persp_ids.count(d.name) != 0) return Status::Ok();
    uint32_t id = static_cast<uint32_t>(s_.persps.size());
    if (id > kMaxPerspective) {
      return Status::Invalid(
          fmt::format("perspective '{}' would be the record's 65,536th: ordo holds at most 65,535 perspectives",
                      d.name),
          d.where);
    }
    s_.persps.push_back(d.name);
    s_.persp_notes.push_back(d.note);
    s_.persp_ids.emplace(d.name, id);
    rows_->perspectives.push_back(store::PerspectiveRow{id, d.name, d.note});
    return Status::Ok();
  }

  Status Kind(const KindDecl& d) {
    uint32_t parent = kNone;
    if (!d.parent.empty()) {
      auto p = KindId(d.parent, d.where);
      if (!p.ok()) return p.status();
      parent = *p;
    }
    if (auto it = s_.kind_ids.find(d.name); it != s_.kind_ids.end()) {
      if (s_.kinds[it->second].parent != parent) {
        return Status::Conflict(fmt::format("kind '{}' is already declared with a different parent", d.name), d.where);
      }
      return Status::Ok();
    }
    uint32_t id = static_cast<uint32_t>(s_.kinds.size());
    s_.kinds.push_back(KindMeta{d.name, parent, d.note});
    s_.kind_ids.emplace(d.name, id);
    rows_->kinds.push_back(store::KindRow{id, d.name, d.parent, d.note});
    return Status::Ok();
  }

  Status Predicate(const std::string& name, bool is_attribute, ValueType type, bool exclusive, bool acyclic,
                   const std::vector<std::string>& subject_kinds, const std::vector<std::string>& object_kinds,
                   const std::string& note, const SourceRegion& where) {
    if (IsBuiltInPredicate(name)) {
      return Status::Conflict(fmt::format("'{}' is built in and cannot be declared", name), where);
    }
    auto sk = KindIds(subject_kinds, where);
    if (!sk.ok()) return sk.status();
    auto ok = KindIds(object_kinds, where);
    if (!ok.ok()) return ok.status();
    if (acyclic && !exclusive) {
      // Allowed: acyclicity does not need exclusivity; the path query does, and says so.
    }
    if (auto it = s_.pred_ids.find(name); it != s_.pred_ids.end()) {
      const PredMeta& p = s_.preds[it->second];
      if (p.is_attribute != is_attribute || p.type != type || p.exclusive != exclusive || p.acyclic != acyclic ||
          p.subject_kinds != *sk || p.object_kinds != *ok) {
        return Status::Conflict(
            fmt::format("{} '{}' is already declared differently", p.is_attribute ? "attribute" : "relation", name),
            where);
      }
      return Status::Ok();
    }
    AddPredicate(PredMeta{name, is_attribute, type, exclusive, acyclic, *sk, *ok, note}, subject_kinds, object_kinds);
    return Status::Ok();
  }

  uint32_t AddPredicate(PredMeta p, std::vector<std::string> sk, std::vector<std::string> ok) {
    uint32_t id = static_cast<uint32_t>(s_.preds.size());
    rows_->predicates.push_back(store::PredicateRow{id, p.name, p.is_attribute, p.type, p.exclusive, p.acyclic,
                                                    std::move(sk), std::move(ok), p.note});
    s_.pred_ids.emplace(p.name, id);
    s_.preds.push_back(std::move(p));
    s_.by_pred.emplace_back();
    return id;
  }

  Status Relation(const RelationDecl& d) {
    return Predicate(d.name, false, ValueType::kString, d.exclusive, d.acyclic, d.subject_kinds, d.object_kinds, d.note,
                     d.where);
  }

  Status Attribute(const AttributeDecl& d) {
    return Predicate(d.name, true, d.type, true, false, d.subject_kinds, {}, d.note, d.where);
  }

  Status Source(const SourceDecl& d) {
    if (d.title.empty()) return Status::Invalid(fmt::format("source '{}' has no title", d.id), d.where);
    if (auto it = s_.source_ids.find(d.id); it != s_.source_ids.end()) {
      const SourceDecl& old = s_.sources[it->second];
      if (old.title != d.title || old.url != d.url || old.publisher != d.publisher || old.date != d.date ||
          old.quote != d.quote) {
        return Status::Conflict(fmt::format("source '{}' is already recorded with different details", d.id), d.where);
      }
      return Status::Ok();
    }
    uint32_t id = static_cast<uint32_t>(s_.sources.size());
    s_.sources.push_back(d);
    s_.source_ids.emplace(d.id, id);
    rows_->sources.push_back(store::SourceRow{id, d});
    return Status::Ok();
  }

  // ---- orders ----

  // Undoes what was applied since mark (its retractions are those past `cuts`).
  void Undo(const Checkpoint& mark, size_t cuts) {
    Checkpoint c = mark;
    c.retracted.assign(cp_->retracted.begin() + static_cast<std::ptrdiff_t>(cuts), cp_->retracted.end());
    s_.Rollback(c);
    cp_->retracted.resize(cuts);
  }

  // Applies one order; false when it had errors (in errors_). An operation that fails is undone
  // and the next one goes on, so that an order reports each failing operation; the order's
  // invariants are checked only when every operation applied.
  bool Order(const OrderDecl& o) {
    Status st = OrderHeader(o);
    if (!st.ok()) {
      errors_.push_back(std::move(st));
      return false;
    }
    auto cascade = [&](const Status& e) {
      for (const std::string& key : refused_) {
        if (e.message() == fmt::format("unknown id '{}'", key)) return true;
      }
      return false;
    };
    new_facts_.clear();
    ended_.clear();
    lineage_.clear();
    bool failed = false;
    for (const Op& op : o.ops) {
      const Checkpoint mark = s_.Mark();
      const size_t cuts = cp_->retracted.size();
      const size_t sizes[] = {new_facts_.size(), ended_.size(), lineage_.size()};
      if (Status e = ApplyOp(op, o); !e.ok()) {
        Undo(mark, cuts);
        new_facts_.resize(sizes[0]);
        ended_.resize(sizes[1]);
        lineage_.resize(sizes[2]);
        if (!cascade(e)) errors_.push_back(std::move(e));
        failed = true;
        if (errors_.size() >= kMaxBatchErrors) return false;
      }
    }
    if (failed) return false;
    if (Status e = CheckInvariants(); !e.ok()) {
      errors_.push_back(std::move(e));
      return false;
    }
    s_.max_known = std::max(s_.max_known, known_);
    return true;
  }

  Status OrderHeader(const OrderDecl& o) {
    if (auto it = s_.order_ids.find(o.id); it != s_.order_ids.end()) {
      Status st = Status::Conflict(fmt::format("order '{}' is already recorded", o.id), o.where);
      const SourceRegion& w = OrderRegion(s_, it->second);
      if (w.known()) st.AddNote(fmt::format("order '{}' was loaded from here", o.id), w);
      return st;
    }
    if (o.sources.empty()) {
      return Status::Invalid(fmt::format("order '{}' cites no source; every order needs at least one", o.id), o.where);
    }
    // The header's perspective is checked even when every operation names its own.
    if (auto p = Persp(o.perspective, o.perspective_where); !p.ok()) return p.status();
    store::OrderRow row;
    row.id = static_cast<uint32_t>(s_.orders.size());
    auto sources = SourceIds(o.sources, o.source_where, o.where);
    if (!sources.ok()) return sources.status();
    row.sources = std::move(sources).value();
    row.key = o.id;
    row.title = o.title;
    row.issuer = o.issuer;
    row.perspective = o.perspective;
    row.signed_on = o.signed_on;
    row.effective = o.effective;
    row.recorded = o.recorded.value_or(now_);
    // Transaction time only moves forward, whatever the clock does.
    s_.last_stored = std::max(now_, Instant{s_.last_stored.micros + 1});
    row.stored = s_.last_stored;
    row.notes = o.notes;
    row.where = o.where;
    order_ = row.id;
    known_ = row.recorded;
    back_dated_ = known_ < s_.max_known;
    overlapped_keys_.clear();
    s_.order_ids.emplace(o.id, row.id);
    s_.orders.push_back(OrderMeta{row.key, row.title, row.issuer, row.perspective, row.signed_on, row.effective,
                                  row.recorded, row.stored, row.sources, row.notes, row.where});
    rows_->orders.push_back(std::move(row));
    ++summary_.orders;
    return Status::Ok();
  }

  // Source ids for the names cited, or kNotFound at the first unknown one.
  Result<std::vector<uint32_t>> SourceIds(const std::vector<std::string>& names,
                                          const std::vector<SourceRegion>& wheres, const SourceRegion& where) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < names.size(); ++i) {
      auto it = s_.source_ids.find(names[i]);
      const SourceRegion& w = i < wheres.size() ? wheres[i] : where;
      if (it == s_.source_ids.end()) {
        std::vector<std::string> ids;
        for (const auto& src : s_.sources) ids.push_back(src.id);
        Status st = Status::NotFound(fmt::format("unknown source '{}'", names[i]), w);
        for (const std::string& n : Nearest(names[i], ids)) st.AddNote(fmt::format("did you mean '{}'?", n));
        if (ids.empty()) st.AddNote("declare it with `source ID { title \"...\" }` before the order");
        return st;
      }
      out.push_back(it->second);
    }
    return out;
  }

  Result<uint32_t> Entity(const std::string& key, const SourceRegion& where) {
    const uint32_t id = s_.FindEntity(key);
    if (id == kNone) return UnknownEntity(s_, key, where);
    return id;
  }

  Result<uint32_t> Pred(const std::string& name, const SourceRegion& where) {
    auto it = s_.pred_ids.find(name);
    if (it == s_.pred_ids.end()) return UnknownPredicate(s_, name, where);
    return it->second;
  }

  // A perspective an order or operation names: declared in the schema ("" is undisputed).
  Result<uint16_t> Persp(const std::string& name, const SourceRegion& where) {
    auto it = s_.persp_ids.find(name);
    if (it != s_.persp_ids.end()) return static_cast<uint16_t>(it->second);
    std::vector<std::string> names(s_.persps.begin() + 1, s_.persps.end());
    Status st = Status::NotFound(fmt::format("unknown perspective '{}'", name), where);
    for (const std::string& n : Nearest(name, names)) st.AddNote(fmt::format("did you mean '{}'?", n));
    st.AddNote(fmt::format("perspectives are declared in the schema: perspective {} note \"…\"", name));
    return st;
  }

  uint32_t NamePred(const std::string& lang) {
    std::string name = kNamePrefix + lang;
    auto it = s_.pred_ids.find(name);
    if (it != s_.pred_ids.end()) return it->second;
    return AddPredicate(PredMeta{name, true, ValueType::kString, true, false, {}, {}, "name in " + lang}, {}, {});
  }

  Status CheckSubjectKind(uint32_t pred, uint32_t entity, const SourceRegion& where) {
    const PredMeta& p = s_.preds[pred];
    uint32_t kind = s_.entities[entity].kind;
    if (s_.KindAccepted(kind, p.subject_kinds)) return Status::Ok();
    return Status::Invalid(
        fmt::format("'{}' is a {}; {} '{}' applies to {}", s_.entities[entity].key, s_.kinds[kind].name,
                    p.is_attribute ? "attribute" : "relation", p.name, KindList(s_, p.subject_kinds)),
        where);
  }

  // The value of a literal as the attribute's declared type.
  Result<Value> Coerce(const Value& v, ValueType want, const std::string& attr, const SourceRegion& where) {
    if (v.type() == want) return v;
    if (want == ValueType::kNumber && v.type() == ValueType::kInteger) {
      return Value{static_cast<double>(std::get<int64_t>(v.v))};
    }
    if (want == ValueType::kDate && v.type() == ValueType::kInteger) {
      int64_t y = std::get<int64_t>(v.v);
      if (y >= 1 && y <= 9999) {
        return Value{FuzzyDate{Date::FromCivil(static_cast<int>(y), 1, 1), Precision::kYear, false, false}};
      }
    }
    if (want == ValueType::kDate && v.type() == ValueType::kString) {
      auto d = ParseFuzzyDate(std::get<std::string>(v.v));
      if (!d.ok()) return Status::Invalid(d.status().message(), where);
      return Value{*d};
    }
    auto article = [](ValueType t) { return t == ValueType::kInteger ? "an" : "a"; };
    return Status::Invalid(fmt::format("attribute '{}' takes {} {} value, not {} {} ({})", attr, article(want),
                                       ValueTypeName(want), article(v.type()), ValueTypeName(v.type()), FormatValue(v)),
                           where);
  }

  // ---- the primitive: rows in, rows out ----

  // Appends a row written by the current order. A new fact is visible from the order's record
  // time (known_from = the order); a row rewritten from another keeps the visibility it had.
  uint32_t Insert(Fact f, const SourceRegion* where) {
    f.row_order = order_;
    if (!in_portion_ && f.live() && s_.preds[f.pred].exclusive && !back_dated_) {
      const uint64_t key = KeyOf(f.subject, f.pred);
      if (!overlapped_keys_.contains(key) &&
          !LiveOverlapping(PerspRun(s_.SubjectFacts(f.subject, f.pred), f.persp), f.from, f.to).empty()) {
        overlapped_keys_.insert(key);
      }
    }
    uint32_t id = s_.AddFact(f);
    store::FactRow r;
    r.id = id;
    r.subject = f.subject;
    r.predicate = f.pred;
    if (s_.preds[f.pred].is_attribute) {
      r.object = store::kNoObject;
      r.value = s_.values[f.object];
    } else {
      r.object = f.object;
    }
    r.from = FuzzyDate::Unpack(Date{f.from}, f.from_flags & FuzzyDate::kFlagsMask);
    r.to = FuzzyDate::Unpack(Date{f.to}, f.to_flags & FuzzyDate::kFlagsMask);
    r.perspective = f.persp;
    r.qualifiers = s_.Quals(f);
    r.sources = s_.OwnSources(f);
    r.order = f.order;
    r.row_order = f.row_order;
    r.known_from = f.known_from;
    r.correction = (f.from_flags & kCorrectionBit) != 0;
    rows_->facts.push_back(std::move(r));
    if (where != nullptr) new_facts_.emplace_back(id, *where);
    if (!f.live()) {
      // A rewritten part of a row another order has already ended: it ends where that row did.
      rows_->retractions.push_back(store::RetractionRow{id, f.retract_order, f.known_to});
    }
    return id;
  }

  // The current order replaces a row in every view from its record time on: the row stays visible
  // before (its record interval now ends at the order's record time, or at its own start when it
  // became known only later: then it is never visible).
  void Retract(uint32_t id) {
    Fact& f = s_.facts[id];
    cp_->retracted.push_back(Checkpoint::Cut{id, f.retract_order, f.known_to});
    const uint32_t end = s_.Known(f.known_from) >= known_ ? f.known_from : order_;
    f.retract_order = order_;
    f.known_to = end;
    s_.MarkStale(f.subject);
    rows_->retractions.push_back(store::RetractionRow{id, order_, end});
  }

  // Live facts of subject through pred, in the index's order: what the current record holds,
  // for the checks of an operation's intent.
  std::vector<uint32_t> LiveFacts(uint32_t subject, uint32_t pred) const {
    std::vector<uint32_t> out;
    for (uint32_t id : s_.SubjectFacts(subject, pred)) {
      if (s_.facts[id].live()) out.push_back(id);
    }
    return out;
  }

  // The rows of subject through pred that some view from the current order's record time on
  // holds: what the order rewrites. The live ones, and (for an order recorded before others)
  // rows that later-recorded orders already replaced.
  std::vector<uint32_t> RewrittenFacts(uint32_t subject, uint32_t pred) const {
    std::vector<uint32_t> out;
    for (uint32_t id : s_.SubjectFacts(subject, pred)) {
      if (s_.VisibleFrom(s_.facts[id], known_)) out.push_back(id);
    }
    return out;
  }

  // The rows of one perspective in rows (a subject's rows of one predicate, by_subject's order).
  std::span<const uint32_t> PerspRun(std::span<const uint32_t> rows, uint16_t persp) const {
    const auto lo =
        std::partition_point(rows.begin(), rows.end(), [&](uint32_t r) { return s_.facts[r].persp < persp; });
    const auto hi = std::partition_point(lo, rows.end(), [&](uint32_t r) { return s_.facts[r].persp == persp; });
    return {lo, hi};
  }

  static uint64_t KeyOf(uint32_t subject, uint32_t pred) { return uint64_t{subject} << 32 | pred; }

  // Whether the current order sees only live rows of (subject, pred), and they do not overlap
  // within a perspective: it is not back-dated (a superseded row's record interval then ends by
  // its record time, so no view from it on holds one), the predicate is exclusive, and the order
  // wrote no row overlapping another to it (the invariant held before the order).
  bool LiveRowsApart(uint32_t subject, uint32_t pred) const {
    return !back_dated_ && s_.preds[pred].exclusive && !overlapped_keys_.contains(KeyOf(subject, pred));
  }

  // The live rows of run (one perspective's rows of a subject through a predicate, sorted by valid
  // start) that overlap [from, to), in run's order. REQUIRES: LiveRowsApart, or only the first
  // result is used to learn whether there is one. The search walks back from the last row starting
  // before `to` and stops at the first live row ending by `from` (the rows before it end before
  // it starts): a long history of superseded rows (a key moved again and again) is not read.
  std::vector<uint32_t> LiveOverlapping(std::span<const uint32_t> run, int32_t from, int32_t to) const {
    std::vector<uint32_t> out;
    auto it = std::partition_point(run.begin(), run.end(), [&](uint32_t r) { return s_.facts[r].from < to; });
    while (it != run.begin()) {
      const uint32_t id = *--it;
      const Fact& g = s_.facts[id];
      if (!g.live()) continue;
      if (g.to <= from) break;
      out.push_back(id);
    }
    std::reverse(out.begin(), out.end());
    return out;
  }

  // Over [iv.from, iv.to), the key (subject, pred, persp[, key_object]) holds new_object, or
  // nothing when new_object == kNone, in every view from the order's record time on. Rows
  // overlapping the interval are retracted and their parts outside it written again, keeping the
  // order that asserted them and the record interval they had from this order's record time on.
  void PutPortion(uint32_t subject, uint32_t pred, uint16_t persp, uint32_t key_object, FuzzyDate from, FuzzyDate to,
                  uint32_t new_object, uint32_t annot, bool correction, const SourceRegion& where) {
    const Interval iv{from.date, to.date};
    std::vector<uint32_t> overlapping;
    if (key_object == kNone && LiveRowsApart(subject, pred)) {
      overlapping = LiveOverlapping(PerspRun(s_.SubjectFacts(subject, pred), persp), iv.from.days, iv.to.days);
    } else {
      for (uint32_t id : RewrittenFacts(subject, pred)) {
        const Fact& old = s_.facts[id];
        if (old.persp == persp && (key_object == kNone || old.object == key_object) && old.interval().overlaps(iv)) {
          overlapping.push_back(id);
        }
      }
    }
    // What every view from this order's record time on already holds over the whole portion is
    // not split in two: a move to the current object changes nothing.
    if (new_object != kNone && !correction && overlapping.size() == 1) {
      const Fact& old = s_.facts[overlapping[0]];
      if (old.live() && old.object == new_object && old.annot == annot && old.from <= iv.from.days &&
          iv.to.days <= old.to && s_.Known(old.known_from) <= known_) {
        return;
      }
    }
    // The rows written here overlap no live row of the key: the parts of the rows cut keep
    // outside the portion, and the new row is alone in it.
    in_portion_ = true;
    for (uint32_t id : overlapping) {
      Fact old = s_.facts[id];
      Retract(id);
      // The parts outside the portion, as the views from this order's record time on hold them.
      Fact rest = old;
      rest.known_from = s_.Known(old.known_from) >= known_ ? old.known_from : order_;
      rest.known_to = old.known_to;
      rest.retract_order = old.retract_order;
      if (old.from < iv.from.days) {
        Fact left = rest;
        left.to = iv.from.days;
        left.to_flags = from.PackFlags();
        Insert(left, &where);
      }
      if (old.to > iv.to.days) {
        Fact right = rest;
        right.from = iv.to.days;
        right.from_flags = static_cast<uint8_t>(to.PackFlags() | (old.from_flags & kCorrectionBit));
        Insert(right, &where);
      }
    }
    if (new_object != kNone) Insert(MakeFact(subject, pred, persp, new_object, from, to, annot, correction), &where);
    in_portion_ = false;
  }

  Fact MakeFact(uint32_t subject, uint32_t pred, uint16_t persp, uint32_t object, FuzzyDate from, FuzzyDate to,
                uint32_t annot, bool correction) const {
    Fact f{};
    f.subject = subject;
    f.pred = pred;
    f.object = object;
    f.from = from.date.days;
    f.to = to.date.days;
    f.order = order_;
    f.retract_order = kNone;
    f.known_from = order_;
    f.known_to = kNone;
    f.annot = annot;
    f.persp = persp;
    f.from_flags = static_cast<uint8_t>(from.PackFlags() | (correction ? kCorrectionBit : 0));
    f.to_flags = to.PackFlags();
    return f;
  }

  // ---- operations ----

  Status ApplyOp(const Op& op, const OrderDecl& o) {
    const FuzzyDate from = op.from.value_or(o.effective);
    const FuzzyDate to = op.to.value_or(FuzzyDate{Date::Max(), Precision::kDay, false, false});
    if (!(from.date < to.date)) {
      return Status::Invalid(
          fmt::format("empty interval: from {} is not before to {}", FormatFuzzyDate(from), FormatFuzzyDate(to)),
          op.where);
    }
    auto persp_id =
        op.perspective ? Persp(*op.perspective, op.perspective_where) : Persp(o.perspective, o.perspective_where);
    if (!persp_id.ok()) return persp_id.status();
    const uint16_t persp = *persp_id;
    for (const Qualifier& q : op.qualifiers) {
      if (q.key.empty()) return Status::Invalid("a qualifier needs a key", op.where);
    }
    auto own_sources = SourceIds(op.sources, op.source_where, op.where);
    if (!own_sources.ok()) return own_sources.status();
    sources_ = s_.InternSources(*own_sources);
    // An operation's note is kept with its facts as the qualifier `note`.
    std::vector<Qualifier> quals = op.qualifiers;
    if (!op.note.empty()) {
      for (const Qualifier& q : quals) {
        if (q.key == "note") {
          return Status::Invalid("the note is given twice: as a qualifier [note: …] and as a clause note \"…\"",
                                 op.where);
        }
      }
      quals.push_back(Qualifier{"note", Value{op.note}});
    }
    const uint32_t annot = s_.InternAnnot(s_.InternQuals(quals), sources_);
    if (op.subjects.empty())
      return Status::Invalid(fmt::format("'{}' needs at least one id", OpKindName(op.kind)), op.where);

    for (size_t i = 0; i < op.subjects.size(); ++i) {
      const SourceRegion& sw = i < op.subject_where.size() ? op.subject_where[i] : op.where;
      Status st = OpOnSubject(op, op.subjects[i], sw, from, to, persp, annot);
      if (!st.ok()) return st.At(op.where);
    }
    return Status::Ok();
  }

  Status OpOnSubject(const Op& op, const std::string& key, const SourceRegion& sw, FuzzyDate from, FuzzyDate to,
                     uint16_t persp, uint32_t annot) {
    switch (op.kind) {
      case OpKind::kCreate: return Create(op, key, sw, from, to, annot);
      case OpKind::kEndEntity: return EndEntity(op, key, sw, from);
      case OpKind::kRename:
      case OpKind::kAlias: return Names(op, key, sw, from, to, persp, annot);
      case OpKind::kLineage: return Lineage(op, key, sw, from, annot);
      case OpKind::kUncovered: return Uncovered(op, key, sw, from, to, persp, annot);
      default: break;
    }
    auto subj = Entity(key, sw);
    if (!subj.ok()) return subj.status();
    auto pred = Pred(op.predicate, op.predicate_where);
    if (!pred.ok()) return pred.status();
    const PredMeta& p = s_.preds[*pred];
    if (IsBuiltInPredicate(op.predicate)) {
      return Status::Invalid(
          fmt::format("'{}' is built in; use create, end, rename, alias, lineage or uncovered", op.predicate),
          op.predicate_where);
    }
    const bool wants_attribute = (op.kind == OpKind::kAlternative && p.is_attribute) || op.kind == OpKind::kSet ||
                                 op.kind == OpKind::kUnset ||
                                 (op.kind == OpKind::kCorrect && op.object.empty() && op.value.has_value()) ||
                                 (op.kind == OpKind::kCorrect && p.is_attribute);
    if (p.is_attribute && !wants_attribute) {
      return Status::Invalid(fmt::format("'{}' is an attribute; use `set` or `unset`", p.name), op.predicate_where);
    }
    if (!p.is_attribute && wants_attribute) {
      return Status::Invalid(fmt::format("'{}' is a relation; use assign, move or end with '-> OBJECT'", p.name),
                             op.predicate_where);
    }
    if (Status st = CheckSubjectKind(*pred, *subj, sw); !st.ok()) return st;

    uint32_t object = kNone;  // entity id or value id; kNone = none
    if (!p.is_attribute && !op.object.empty()) {
      auto obj = Entity(op.object, op.object_where);
      if (!obj.ok()) return obj.status();
      uint32_t kind = s_.entities[*obj].kind;
      if (!s_.KindAccepted(kind, p.object_kinds)) {
        return Status::Invalid(fmt::format("'{}' is a {}; relation '{}' points to {}", op.object, s_.kinds[kind].name,
                                           p.name, KindList(s_, p.object_kinds)),
                               op.object_where);
      }
      object = *obj;
    } else if (p.is_attribute && op.value) {
      auto v = Coerce(*op.value, p.type, p.name, op.object_where);
      if (!v.ok()) return v.status();
      object = s_.InternValue(*v);
    }

    switch (op.kind) {
      case OpKind::kAssign:
        if (object == kNone) return Status::Invalid("assign needs '-> OBJECT'", op.where);
        Insert(MakeFact(*subj, *pred, persp, object, from, to, annot, false), &op.where);
        return Status::Ok();
      case OpKind::kMove:
        if (!p.exclusive) {
          return Status::Invalid(
              fmt::format("relation '{}' is not exclusive; `move` needs an exclusive relation (use `end` and `assign`)",
                          p.name),
              op.predicate_where);
        }
        if (object == kNone) return Status::Invalid("move needs '-> OBJECT'", op.where);
        PutPortion(*subj, *pred, persp, kNone, from, to, object, annot, false, op.where);
        return Status::Ok();
      case OpKind::kEndRelation: {
        // Without '-> OBJECT': whatever the subject's facts of the relation hold (docs/language.md).
        bool holds = false;
        for (uint32_t id : LiveFacts(*subj, *pred)) {
          const Fact& f = s_.facts[id];
          if (f.persp == persp && (object == kNone || f.object == object) && f.interval().contains(from.date)) {
            holds = true;
          }
        }
        if (!holds) {
          Status st = Status::Violation(
              object == kNone
                  ? fmt::format("cannot end '{} {}' on {}: it has none then", key, p.name, FormatFuzzyDate(from))
                  : fmt::format("cannot end '{} {} -> {}' on {}: it does not hold then", key, p.name, op.object,
                                FormatFuzzyDate(from)),
              op.where);
          for (uint32_t id : LiveFacts(*subj, *pred)) {
            const Fact& f = s_.facts[id];
            if (f.interval().contains(from.date) && State::PerspClash(f.persp, persp)) {
              st.AddNote(fmt::format("on that date the record holds '{}' {}", DescribeFact(s_, f), DescribeInterval(f)),
                         OrderRegion(s_, f.order));
            }
          }
          return st;
        }
        PutPortion(*subj, *pred, persp, object, from, to, kNone, annot, false, op.where);
        return Status::Ok();
      }
      case OpKind::kSet:
        if (object == kNone) return Status::Invalid("set needs a value", op.where);
        PutPortion(*subj, *pred, persp, kNone, from, to, object, annot, false, op.where);
        return Status::Ok();
      case OpKind::kUnset:
        PutPortion(*subj, *pred, persp, kNone, from, to, kNone, annot, false, op.where);
        return Status::Ok();
      case OpKind::kAlternative: {
        if (object == kNone) return Status::Invalid("alternative needs '-> OBJECT' or a value", op.where);
        // Another source's value: a row of the predicate's alternatives, beside the preferred
        // one, which stays as it is (docs/language.md, "Sources that disagree").
        Insert(MakeFact(*subj, AlternativesOf(*pred), persp, object, from, to, annot, false), &op.where);
        return Status::Ok();
      }
      case OpKind::kCorrect: {
        if (!op.from) return Status::Invalid("`correct` needs an explicit `from` date", op.where);
        const uint32_t key_object = (p.exclusive || object == kNone) ? kNone : object;
        PutPortion(*subj, *pred, persp, key_object, from, to, object, annot, true, op.where);
        return Status::Ok();
      }
      default: return Status::Internal("unhandled operation");
    }
  }

  // The built-in predicate that holds pred's alternatives, created on first use.
  uint32_t AlternativesOf(uint32_t pred) {
    if (s_.preds[pred].alternatives != kNone) return s_.preds[pred].alternatives;
    PredMeta base = s_.preds[pred];
    PredMeta alt{kAlternativePrefix + base.name,
                 base.is_attribute,
                 base.type,
                 false,
                 false,
                 base.subject_kinds,
                 base.object_kinds,
                 "another value a source gives for " + base.name};
    std::vector<std::string> sk, ok;
    for (uint32_t k : base.subject_kinds) sk.push_back(s_.kinds[k].name);
    for (uint32_t k : base.object_kinds) ok.push_back(s_.kinds[k].name);
    const uint32_t id = AddPredicate(std::move(alt), std::move(sk), std::move(ok));
    s_.LinkBuiltIns();
    return id;
  }

  // lineage SUBJECTS TYPE OBJECTS: one event a day long for each pair, checked once the order's
  // operations are done (CheckLineage): the successor exists on the day, the predecessor the day
  // before, and nothing succeeds itself.
  Status Lineage(const Op& op, const std::string& key, const SourceRegion& sw, FuzzyDate on, uint32_t annot) {
    if (op.to) {
      return Status::Invalid("a lineage is an event on one day; it takes 'from DATE' (or the order's date), not 'to'",
                             op.where);
    }
    auto subj = Entity(key, sw);
    if (!subj.ok()) return subj.status();
    auto pred = Pred(op.predicate, op.predicate_where);
    if (!pred.ok() || !s_.preds[*pred].lineage) {
      return Status::Internal(fmt::format("the lineage relation '{}' is missing from the database", op.predicate));
    }
    const FuzzyDate next = FuzzyDate::Exact(Date{on.date.days + 1});
    for (size_t i = 0; i < op.objects.size(); ++i) {
      const SourceRegion& ow = i < op.object_wheres.size() ? op.object_wheres[i] : op.where;
      auto obj = Entity(op.objects[i], ow);
      if (!obj.ok()) return obj.status();
      if (*obj == *subj) {
        return Status::Violation(fmt::format("'{}' cannot be {} itself: no entity succeeds itself", key, op.predicate),
                                 ow);
      }
      const uint32_t id = Insert(MakeFact(*subj, *pred, 0, *obj, on, next, annot, false), nullptr);
      lineage_.emplace_back(id, ow);
    }
    return Status::Ok();
  }

  // uncovered SUBJECTS REL: the record does not cover REL for the subjects over the interval.
  Status Uncovered(const Op& op, const std::string& key, const SourceRegion& sw, FuzzyDate from, FuzzyDate to,
                   uint16_t persp, uint32_t annot) {
    auto subj = Entity(key, sw);
    if (!subj.ok()) return subj.status();
    auto rel = Pred(op.predicate, op.predicate_where);
    if (!rel.ok()) return rel.status();
    if (IsBuiltInPredicate(op.predicate)) {
      return Status::Invalid(
          fmt::format("'{}' is built in; coverage marks are for declared relations and attributes", op.predicate),
          op.predicate_where);
    }
    if (Status st = CheckSubjectKind(*rel, *subj, sw); !st.ok()) return st;
    if (s_.uncovered_pred == kNone) return Status::Internal("the built-in 'uncovered' is missing from the database");
    PutPortion(*subj, s_.uncovered_pred, persp, s_.InternValue(Value{op.predicate}), from, to,
               s_.InternValue(Value{op.predicate}), annot, false, op.where);
    return Status::Ok();
  }

  // Whether the entity exists over the whole interval in a view of the record (nullptr: now).
  bool Alive(uint32_t entity, Interval iv, const Instant* view = nullptr) const {
    std::vector<Interval> spans;
    for (uint32_t id : s_.SubjectFacts(entity, s_.exists_pred)) {
      const Fact& f = s_.facts[id];
      if (s_.VisibleAt(f, view)) spans.push_back(f.interval());
    }
    std::sort(spans.begin(), spans.end(), [](const Interval& a, const Interval& b) { return a.from < b.from; });
    Date cursor = iv.from;
    for (const Interval& sp : spans) {
      if (sp.from > cursor) break;
      if (sp.to > cursor) cursor = sp.to;
      if (!(cursor < iv.to)) return true;
    }
    return !(cursor < iv.to);
  }

  std::string Lifetime(uint32_t entity, const Instant* view = nullptr) const {
    std::vector<std::string> parts;
    for (uint32_t id : s_.SubjectFacts(entity, s_.exists_pred)) {
      const Fact& f = s_.facts[id];
      if (s_.VisibleAt(f, view)) parts.push_back(DescribeInterval(f));
    }
    if (parts.empty()) return "it does not exist at any date";
    std::string out = "it exists ";
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? " and " : "") + parts[i];
    return out;
  }

  Status Create(const Op& op, const std::string& key, const SourceRegion& sw, FuzzyDate from, FuzzyDate to,
                uint32_t annot) {
    auto kind = KindId(op.entity_kind, op.kind_where.known() ? op.kind_where : op.where);
    if (!kind.ok()) return kind.status();
    uint32_t id;
    if (id = s_.FindEntity(key); id != kNone) {
      if (s_.entities[id].kind != *kind) {
        const std::string& was = s_.kinds[s_.entities[id].kind].name;
        bool alive = false;
        for (uint32_t fid : LiveFacts(id, s_.exists_pred)) alive |= s_.facts[fid].interval().contains(from.date);
        const std::string life = Lifetime(id);
        if (!alive && life != "it does not exist at any date") {
          // An earlier life: a second one keeps the id, and its kind.
          return Status::Conflict(fmt::format("'{}' lived as a {} {}; a second life keeps its kind, so it cannot "
                                              "be created again as a {}",
                                              key, was, life.substr(10), op.entity_kind),
                                  sw)
              .AddNote(fmt::format("create it as a {} to give it a second life, or choose another id", was));
        }
        return Status::Conflict(
            fmt::format("'{}' already exists as a {}; it cannot be created as a {}", key, was, op.entity_kind), sw);
      }
      for (uint32_t fid : LiveFacts(id, s_.exists_pred)) {
        const Fact& f = s_.facts[fid];
        if (f.interval().overlaps(Interval{from.date, to.date})) {
          return Status::Violation(fmt::format("'{}' already exists {}", key, DescribeInterval(f)), sw)
              .AddNote(fmt::format("it was created by order '{}'", s_.orders[f.order].key), OrderRegion(s_, f.order));
        }
      }
    } else {
      if (key.empty()) return Status::Invalid("an entity id cannot be empty", sw);
      id = static_cast<uint32_t>(s_.entities.size());
      s_.entities.push_back(EntityMeta{key, *kind});
      s_.IndexEntity(id);
      s_.by_subject.emplace_back();
      s_.by_object.emplace_back();
      rows_->entities.push_back(store::EntityRow{id, key, *kind});
    }
    uint32_t yes = s_.InternValue(Value{true});
    // The existence carries the operation's qualifiers and note; the names only its sources.
    const uint32_t cited = s_.InternAnnot(0, sources_);
    Insert(MakeFact(id, s_.exists_pred, 0, yes, from, to, annot, false), &op.where);
    for (const Name& n : op.names) {
      PutPortion(id, NamePred(n.lang), 0, kNone, from, to, s_.InternValue(Value{n.text}), cited, false, op.where);
    }
    return Status::Ok();
  }

  Status EndEntity(const Op& op, const std::string& key, const SourceRegion& sw, FuzzyDate from) {
    auto e = Entity(key, sw);
    if (!e.ok()) return e.status();
    bool alive = false;
    for (uint32_t fid : LiveFacts(*e, s_.exists_pred)) alive |= s_.facts[fid].interval().contains(from.date);
    if (!alive) {
      return Status::Violation(
          fmt::format("cannot end '{}' on {}: it does not exist then; {}", key, FormatFuzzyDate(from), Lifetime(*e)),
          sw);
    }
    const FuzzyDate open{Date::Max(), Precision::kDay, false, false};
    // The entity's own facts end with it, in every perspective.
    std::set<std::tuple<uint32_t, uint16_t, uint32_t>> keys;
    for (uint32_t id : s_.by_subject[*e]) {
      const Fact& f = s_.facts[id];
      if (s_.VisibleFrom(f, known_) && f.to > from.date.days) {
        const PredMeta& p = s_.preds[f.pred];
        keys.emplace(f.pred, f.persp, p.exclusive ? kNone : f.object);
      }
    }
    for (const auto& [pred, persp, obj] : keys) PutPortion(*e, pred, persp, obj, from, open, kNone, 0, false, op.where);
    ended_.emplace_back(*e, op.where);
    if (LiveFacts(*e, s_.exists_pred).empty()) {
      summary_.warnings.push_back(Status::Error(
          Code::kWarning,
          fmt::format("'{}' exists never: it is ended on {}, the day its life begins", key, FormatFuzzyDate(from)),
          sw));
    }
    return Status::Ok();
  }

  Status Names(const Op& op, const std::string& key, const SourceRegion& sw, FuzzyDate from, FuzzyDate to,
               uint16_t persp, uint32_t annot) {
    auto e = Entity(key, sw);
    if (!e.ok()) return e.status();
    if (op.names.empty())
      return Status::Invalid(fmt::format("'{}' needs at least one name", OpKindName(op.kind)), op.where);
    for (const Name& n : op.names) {
      if (op.kind == OpKind::kRename) {
        PutPortion(*e, NamePred(n.lang), persp, kNone, from, to, s_.InternValue(Value{n.text}), annot, false, op.where);
      } else {
        std::vector<Qualifier> q = s_.qual_sets[s_.annots[annot].quals];
        q.push_back(Qualifier{"lang", Value{n.lang}});
        Insert(MakeFact(*e, s_.alias_pred, persp, s_.InternValue(Value{n.text}), from, to,
                        s_.InternAnnot(s_.InternQuals(q), s_.annots[annot].sources), false),
               &op.where);
      }
    }
    return Status::Ok();
  }

  // ---- invariants, checked when an order's operations are all applied ----
  //
  // In the current record, and for an order recorded before others (back-dated) also in every
  // view of the record as known from its record time on: each of those views holds the order's
  // rows, so each must satisfy the invariants (docs/storage.md, "Record time").

  // The views a row is seen in besides the current record: the record times, from the row's
  // own record start up to its end, at which some order became known. Empty unless the order
  // is back-dated (then the current record is not the only view its rows change).
  std::vector<Instant> PastViews(const Fact& f) const {
    std::vector<Instant> out;
    if (!back_dated_) return out;
    const Instant a = s_.Known(f.known_from);
    const Instant b = f.live() ? Instant::Max() : s_.Known(f.known_to);
    if (!(a < b)) return out;
    out.push_back(a);
    for (const OrderMeta& o : s_.orders) {
      if (a < o.recorded && o.recorded < b) out.push_back(o.recorded);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }

  static std::string AsKnownOn(Instant k) { return "as known on " + FormatInstant(k) + ", "; }

  Status CheckInvariants() {
    reach_.clear();
    for (const auto& [id, where] : new_facts_) {
      const Fact f = s_.facts[id];
      const bool seen = f.live() || s_.Known(f.known_to) > s_.Known(f.known_from);
      if (!seen) continue;
      const PredMeta& p = s_.preds[f.pred];
      const std::vector<Instant> past = PastViews(f);
      if (f.pred != s_.exists_pred && !p.lineage) {
        for (uint32_t entity : {f.subject, p.is_attribute ? kNone : f.object}) {
          if (entity == kNone) continue;
          if (f.live() && !Alive(entity, f.interval())) return OutsideLifetime(f, entity, where, nullptr);
          for (const Instant& k : past) {
            if (!Alive(entity, f.interval(), &k)) return OutsideLifetime(f, entity, where, &k);
          }
        }
      }
      if (Status st = CheckOverlap(id, where); !st.ok()) return st;
      if (p.acyclic) {
        if (f.live()) {
          if (Status st = CheckCycle(id, where, nullptr); !st.ok()) return st;
        }
        for (const Instant& k : past) {
          if (Status st = CheckCycle(id, where, &k); !st.ok()) return st;
        }
      }
    }
    for (const auto& [id, where] : lineage_) {
      if (Status st = CheckLineage(id, where); !st.ok()) return st;
    }
    for (const auto& [entity, where] : ended_) {
      for (uint32_t id : s_.by_object[entity]) {
        const Fact& f = s_.facts[id];
        if (!s_.VisibleFrom(f, known_) || s_.preds[f.pred].lineage) continue;  // lineage names the past
        const Instant* view = nullptr;
        bool outside = f.live() && !Alive(entity, f.interval());
        std::vector<Instant> past = PastViews(f);
        for (size_t i = 0; !outside && i < past.size(); ++i) {
          if (past[i] < known_) continue;  // views before this order are not changed by it
          if (!Alive(entity, f.interval(), &past[i])) {
            outside = true;
            view = &past[i];
          }
        }
        if (outside) {
          return Status::Violation(fmt::format("{}'{}' ends, but '{}' still holds {}", view ? AsKnownOn(*view) : "",
                                               s_.entities[entity].key, DescribeFact(s_, f), DescribeInterval(f)),
                                   where)
              .AddNote(fmt::format("that fact was asserted by order '{}'", s_.orders[f.order].key),
                       OrderRegion(s_, f.order))
              .AddNote("end or move such facts in the same order, before or after ending the entity");
        }
      }
    }
    return Status::Ok();
  }

  // A lineage event: the successor exists on its day, the predecessor on the day before, in
  // the current record and in every view the order changes.
  Status CheckLineage(uint32_t id, const SourceRegion& where) {
    const Fact f = s_.facts[id];
    const std::string& type = s_.preds[f.pred].name;
    const bool subject_succeeds = LineageSubjectIsSuccessor(type);
    const uint32_t successor = subject_succeeds ? f.subject : f.object;
    const uint32_t predecessor = subject_succeeds ? f.object : f.subject;
    const Date day{f.from};
    const Date before{f.from - 1};
    std::vector<const Instant*> views{nullptr};
    const std::vector<Instant> past = PastViews(f);
    for (const Instant& k : past) views.push_back(&k);
    for (const Instant* view : views) {
      for (auto [entity, on, role] :
           {std::tuple{successor, day, "successor"}, std::tuple{predecessor, before, "predecessor"}}) {
        if (Alive(entity, Interval{on, Date{on.days + 1}}, view)) continue;
        return Status::Violation(
            fmt::format("{}'{} {} {}' on {}: the {} '{}' does not exist on {}{}; {}", view ? AsKnownOn(*view) : "",
                        s_.entities[f.subject].key, type, s_.entities[f.object].key, FormatDate(day), role,
                        s_.entities[entity].key, FormatDate(on), on == before ? " (the day before)" : "",
                        Lifetime(entity, view)),
            where);
      }
    }
    return Status::Ok();
  }

  Status OutsideLifetime(const Fact& f, uint32_t entity, const SourceRegion& where, const Instant* view) {
    return Status::Violation(
        fmt::format("{}'{}' {} refers to '{}' outside its lifetime: {}", view ? AsKnownOn(*view) : "",
                    DescribeFact(s_, f), DescribeInterval(f), s_.entities[entity].key, Lifetime(entity, view)),
        where);
  }

  // Two rows are seen together in some view of the record: their record intervals overlap.
  bool SeenTogether(const Fact& f, const Fact& g) const {
    const Instant fa = s_.Known(f.known_from), ga = s_.Known(g.known_from);
    const Instant fb = f.live() ? Instant::Max() : s_.Known(f.known_to);
    const Instant gb = g.live() ? Instant::Max() : s_.Known(g.known_to);
    return fa < gb && ga < fb && fa < fb && ga < gb;
  }

  // For each of by_subject's rows of (subject, pred): the latest valid end among the rows of its
  // perspective up to it. Built once per order and key: no row is added while the invariants
  // are checked (CheckInvariants empties the cache first).
  const std::vector<int32_t>& Reach(uint32_t subject, uint32_t pred, std::span<const uint32_t> rows) {
    auto [it, added] = reach_.try_emplace(uint64_t{subject} << 32 | pred);
    std::vector<int32_t>& reach = it->second;
    if (added) {
      reach.reserve(rows.size());
      for (size_t i = 0; i < rows.size(); ++i) {
        const Fact& g = s_.facts[rows[i]];
        const bool run_start = i == 0 || s_.facts[rows[i - 1]].persp != g.persp;
        reach.push_back(run_start ? g.to : std::max(reach.back(), g.to));
      }
    }
    return reach;
  }

  Status CheckOverlap(uint32_t id, const SourceRegion& where) {
    const Fact f = s_.facts[id];
    const PredMeta& p = s_.preds[f.pred];
    auto clashes = [&](uint32_t other) {
      if (other == id) return false;
      const Fact& g = s_.facts[other];
      if (!State::PerspClash(f.persp, g.persp) || !f.interval().overlaps(g.interval()) || !SeenTogether(f, g)) {
        return false;
      }
      // Facts of a many-valued relation clash only when they say the same thing: the same
      // object with the same qualifiers (an alias in two languages is two facts).
      return p.exclusive || (g.object == f.object && s_.annots[g.annot].quals == s_.annots[f.annot].quals);
    };
    uint32_t clash = kNone;
    if (!p.exclusive && !p.is_attribute) {
      // Only rows to the same object can clash: read those (through the object), not every row
      // of a subject that may hold thousands, and report the first in the subject's order.
      for (uint32_t other : s_.ObjectFacts(f.object, f.pred, f.subject)) {
        if (clashes(other) && (clash == kNone || s_.SubjectLess(other, clash))) clash = other;
      }
    } else if (LiveRowsApart(f.subject, f.pred)) {
      // f (written by this order) is seen together only with live rows, and those of a
      // perspective do not overlap: each clashing perspective's live rows overlapping f are found
      // without reading the superseded ones; the first in by_subject's order is reported.
      if (!f.live()) return Status::Ok();
      const std::span<const uint32_t> rows = s_.SubjectFacts(f.subject, f.pred);
      for (auto run = rows.begin(); run != rows.end() && clash == kNone;) {
        const uint16_t persp = s_.facts[*run].persp;
        const auto run_end =
            std::partition_point(run, rows.end(), [&](uint32_t r) { return s_.facts[r].persp == persp; });
        if (State::PerspClash(f.persp, persp)) {
          for (uint32_t other : LiveOverlapping({run, run_end}, f.from, f.to)) {
            if (clashes(other)) {
              clash = other;
              break;
            }
          }
        }
        run = run_end;
      }
    } else {
      // In each perspective's run of the subject's rows (sorted by from), only the rows that
      // start before f ends, from the first whose reach passes f's start, can overlap it: a
      // subject's long history is not read whole per fact.
      const std::span<const uint32_t> rows = s_.SubjectFacts(f.subject, f.pred);
      const std::vector<int32_t>& reach = Reach(f.subject, f.pred, rows);
      for (auto run = rows.begin(); run != rows.end() && clash == kNone;) {
        const uint16_t persp = s_.facts[*run].persp;
        const auto run_end =
            std::partition_point(run, rows.end(), [&](uint32_t r) { return s_.facts[r].persp == persp; });
        if (State::PerspClash(f.persp, persp)) {
          const auto end = std::partition_point(run, run_end, [&](uint32_t r) { return s_.facts[r].from < f.to; });
          const auto reach_at = [&](auto it) { return reach.begin() + (it - rows.begin()); };
          const auto from =
              std::partition_point(reach_at(run), reach_at(end), [&](int32_t to) { return to <= f.from; });
          for (auto it = rows.begin() + (from - reach.begin()); it != end; ++it) {
            if (clashes(*it)) {
              clash = *it;
              break;
            }
          }
        }
        run = run_end;
      }
    }
    if (clash == kNone) return Status::Ok();
    const Fact& g = s_.facts[clash];
    // Seen together now, or only in a view of the past: then the message names the view.
    const std::string view =
        f.live() && g.live() ? "" : AsKnownOn(std::max(s_.Known(f.known_from), s_.Known(g.known_from)));
    const std::string what = p.is_attribute ? "value" : p.name;
    std::string msg;
    if (p.exclusive) {
      msg =
          fmt::format("{}'{}' cannot have two {}s at once: '{}' {} overlaps '{}' {}", view, s_.entities[f.subject].key,
                      what, DescribeFact(s_, f), DescribeInterval(f), DescribeFact(s_, g), DescribeInterval(g));
    } else {
      msg = fmt::format("{}'{}' {} overlaps the same fact already recorded {}", view, DescribeFact(s_, f),
                        DescribeInterval(f), DescribeInterval(g));
    }
    Status st = Status::Violation(msg, where);
    st.AddNote(fmt::format("'{}' {} was asserted by order '{}'", DescribeFact(s_, g), DescribeInterval(g),
                           s_.orders[g.order].key),
               OrderRegion(s_, g.order));
    if (p.exclusive && !p.is_attribute) st.AddNote("use `move` to replace the current object from a date");
    return st;
  }

  // Searches for a path from `node` back to `target` over [iv) within one perspective view of
  // the record as known at `known` (nullptr: now).
  bool FindPath(uint32_t node, Interval iv, uint32_t target, uint32_t pred, uint32_t view, const Instant* known,
                std::vector<uint32_t>* path, Date* at, size_t* budget) {
    if (*budget == 0) return false;
    --*budget;
    for (uint32_t id : s_.by_subject[node]) {
      const Fact& f = s_.facts[id];
      if (f.pred != pred || !s_.VisibleAt(f, known) || !f.interval().overlaps(iv)) continue;
      if (view != 0 && f.persp != 0 && f.persp != view) continue;
      const uint32_t next_view = view != 0 ? view : f.persp;
      const Interval j{std::max(iv.from, Date{f.from}), std::min(iv.to, Date{f.to})};
      if (f.object != target) {
        // A cycle that does not pass through target is reported by the check of its own fact.
        bool on_path = f.object == node;
        for (uint32_t pid : *path) on_path |= s_.facts[pid].subject == f.object;
        if (on_path) continue;
      }
      path->push_back(id);
      if (f.object == target) {
        *at = j.from;
        return true;
      }
      if (FindPath(f.object, j, target, pred, next_view, known, path, at, budget)) return true;
      path->pop_back();
    }
    return false;
  }

  Status CheckCycle(uint32_t id, const SourceRegion& where, const Instant* known) {
    const Fact f = s_.facts[id];
    std::vector<uint32_t> path{id};
    Date at;
    size_t budget = 100'000;
    if (f.object != f.subject &&
        !FindPath(f.object, f.interval(), f.subject, f.pred, f.persp, known, &path, &at, &budget)) {
      return Status::Ok();
    }
    if (f.object == f.subject) at = Date{f.from};
    std::string cycle = s_.entities[f.subject].key;
    for (uint32_t pid : path) cycle += " -> " + s_.entities[s_.facts[pid].object].key;
    Status st =
        Status::Violation(fmt::format("{}relation '{}' would form a cycle on {}: {}", known ? AsKnownOn(*known) : "",
                                      s_.preds[f.pred].name, FormatDate(at), cycle),
                          where);
    for (size_t i = 1; i < path.size(); ++i) {
      const Fact& g = s_.facts[path[i]];
      st.AddNote(fmt::format("'{}' {} was asserted by order '{}'", DescribeFact(s_, g), DescribeInterval(g),
                             s_.orders[g.order].key),
                 OrderRegion(s_, g.order));
    }
    return st;
  }

  State& s_;
  Instant now_;
  store::BatchRows* rows_;
  Checkpoint* cp_;
  ApplySummary summary_;
  uint32_t order_ = kNone;
  Instant known_;            // the current order's record time
  uint32_t sources_ = 0;     // the current operation's own sources (a source_sets id)
  bool back_dated_ = false;  // the current order is recorded before an order already applied
  // The (subject << 32 | pred) keys of exclusive predicates to which the current order wrote a
  // live row overlapping another live row of its perspective (a clash CheckOverlap will report):
  // for the others, live rows of one perspective never overlap (see LiveOverlapping).
  std::unordered_set<uint64_t> overlapped_keys_;
  bool in_portion_ = false;  // PutPortion is writing: its rows never overlap a live row
  std::vector<std::pair<uint32_t, SourceRegion>> new_facts_;
  std::vector<std::pair<uint32_t, SourceRegion>> ended_;
  std::vector<std::pair<uint32_t, SourceRegion>> lineage_;    // lineage rows of the current order
  std::unordered_map<uint64_t, std::vector<int32_t>> reach_;  // Reach, by subject << 32 | pred
  std::vector<Status> errors_;                                // of the orders, in order
  std::set<std::string> refused_;                             // entities created by refused orders
};

}  // namespace

std::string DisplayName(const State& s, uint32_t entity) {
  auto it = s.pred_ids.find(std::string(kNamePrefix) + "en");
  if (it == s.pred_ids.end()) return "";
  std::string best;
  int32_t best_from = Date::kMinDays;
  for (uint32_t id : s.by_subject[entity]) {
    const Fact& f = s.facts[id];
    if (f.pred == it->second && f.live() && f.persp == 0 && (best.empty() || f.from >= best_from)) {
      best = std::get<std::string>(s.values[f.object].v);
      best_from = f.from;
    }
  }
  return best;
}

std::string DescribeFact(const State& s, const Fact& f) {
  const PredMeta& p = s.preds[f.pred];
  std::string out = s.entities[f.subject].key + " " + p.name;
  // Appends rather than `"literal" + string`, on which GCC 12 at -O3 warns falsely (-Wrestrict).
  out += p.is_attribute ? " " : " -> ";
  out += p.is_attribute ? FormatValue(s.values[f.object]) : s.entities[f.object].key;
  if (f.persp != 0) out += " (according to " + s.persps[f.persp] + ")";
  return out;
}

std::string DescribeInterval(const Fact& f) {
  std::string out;
  if (f.from != Date::kMinDays) {
    out += "from ";
    out += FormatBound(f.from, f.from_flags);
  }
  if (f.to != Date::kMaxDays) {
    out += out.empty() ? "to " : " to ";
    out += FormatBound(f.to, f.to_flags);
  }
  return out.empty() ? "at all times" : out;
}

Status UnknownEntity(const State& s, const std::string& key, const SourceRegion& where) {
  std::vector<std::string> keys;
  keys.reserve(s.entities.size());
  for (const EntityMeta& e : s.entities) keys.push_back(e.key);
  Status st = Status::NotFound(fmt::format("unknown id '{}'", key), where);
  for (const std::string& n : Nearest(key, keys)) {
    uint32_t id = s.FindEntity(n);
    std::string name = DisplayName(s, id);
    st.AddNote(name.empty() ? fmt::format("did you mean '{}'?", n) : fmt::format("did you mean '{}' ({})?", n, name));
  }
  return st;
}

Status UnknownPredicate(const State& s, const std::string& name, const SourceRegion& where) {
  std::vector<std::string> names;
  for (const PredMeta& p : s.preds) {
    if (p.name.rfind(kNamePrefix, 0) != 0) names.push_back(p.name);
  }
  Status st = Status::NotFound(fmt::format("unknown relation or attribute '{}'", name), where);
  for (const std::string& n : Nearest(name, names)) st.AddNote(fmt::format("did you mean '{}'?", n));
  return st;
}

Result<ApplySummary> ApplyBatch(State& state, const Batch& batch, Instant now, store::BatchRows* rows,
                                Checkpoint* checkpoint) {
  Applier a(state, now, rows, checkpoint);
  return a.Run(batch);
}

}  // namespace ordo::engine
