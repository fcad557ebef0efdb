#include "ordo/database.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <map>
#include <mutex>
#include <set>
#include <shared_mutex>

#include "base/text.h"
#include "engine/apply.h"
#include "engine/rules.h"
#include "engine/scenario.h"
#include "engine/state.h"
#include "ordo/lang.h"
#include "store/sqlite_store.h"

namespace ordo {

using engine::Fact;
using engine::kNone;
using engine::State;

class Database::Impl {
 public:
  Options options;
  std::unique_ptr<store::SqliteStore> store;
  State s;
  mutable std::shared_mutex mu;

  Status LoadFromStore();
  Status Bootstrap();

  // ---- rules, alerts, scenarios (the definitions are at the end of this file) ----
  std::vector<engine::CompiledRule> rules;
  std::vector<AlertInfo> alerts;
  std::string scenario_name;  // "" for the record; a scenario's Impl holds its name
  struct ScenarioSlot {
    store::ScenarioRow row;
    std::vector<store::ScenarioBatchRow> batches;
    // Built on first use. Shared: a handle given out stays valid after DeleteScenario.
    std::shared_ptr<Database> db;
  };
  std::map<std::string, ScenarioSlot> scenarios;
  mutable std::mutex scenario_mu;  // guards scenarios; taken before any Impl's mu

  Status LoadRulesAndScenarios();
  // ApplyBatch, then the batch's rules, then the firings of every rule on the batch's orders.
  // Appends rules and alerts to rows; the caller rolls back to cp on failure or check_only and
  // calls Commit otherwise. REQUIRES: mu held exclusively.
  Result<ApplySummary> ApplyWithRules(const Batch& batch, Instant now, store::BatchRows* rows, engine::Checkpoint* cp,
                                      std::vector<engine::CompiledRule>* new_rules, std::vector<AlertInfo>* new_alerts);
  void Commit(std::vector<engine::CompiledRule>&& new_rules, std::vector<AlertInfo>&& new_alerts);
  RuleInfo RuleInfoOf(const engine::CompiledRule& r) const;
  // The slot's Database, built from the record and the stored batches when first needed.
  // REQUIRES: scenario_mu held.
  Result<std::shared_ptr<Database>> Built(ScenarioSlot& slot) const;

  // ---- query helpers (callers hold mu) ----
  struct ResolvedView {
    const Instant* recorded;
    uint32_t persp;  // kNone: every perspective
    Date at;
  };
  Result<ResolvedView> Resolve(const View& v) const {
    ResolvedView r{v.recorded ? &*v.recorded : nullptr, kNone, v.at};
    if (!v.perspective.empty()) {
      auto it = s.persp_ids.find(v.perspective);
      if (it == s.persp_ids.end()) {
        Status st = Status::NotFound(fmt::format("unknown perspective '{}'", v.perspective));
        std::string known;
        for (size_t i = 1; i < s.persps.size(); ++i) known += (i > 1 ? ", " : "") + s.persps[i];
        st.AddNote(known.empty() ? "no fact in the record has a perspective" : "the record has facts according to " + known);
        return st;
      }
      r.persp = it->second;
    }
    return r;
  }
  bool Visible(const Fact& f, const ResolvedView& v) const {
    return State::PerspVisible(f.persp, v.persp) && s.VisibleAt(f, v.recorded);
  }
  Result<uint32_t> EntityId(const std::string& key) const {
    auto it = s.entity_ids.find(key);
    if (it == s.entity_ids.end()) return engine::UnknownEntity(s, key, {});
    return it->second;
  }
  Result<uint32_t> PredId(const std::string& name) const {
    auto it = s.pred_ids.find(name);
    if (it == s.pred_ids.end()) return engine::UnknownPredicate(s, name, {});
    return it->second;
  }
  Status CheckRows(size_t n) const {
    if (n > options.max_result_rows) {
      return Status::Limit(fmt::format("the answer has more than {} rows (the configured limit)", options.max_result_rows));
    }
    return Status::Ok();
  }
  // recorded: the view's record time; a retraction after it is not shown.
  FactInfo Info(uint32_t id, const Instant* recorded = nullptr) const;
  // The facts as FactInfo ordered by subject id, perspective and row; kLimit past max rows.
  Result<std::vector<FactInfo>> BySubject(const std::vector<uint32_t>& ids, const Instant* recorded) const {
    if (Status st = CheckRows(ids.size()); !st.ok()) return st;
    std::vector<FactInfo> out;
    out.reserve(ids.size());
    for (uint32_t id : ids) out.push_back(Info(id, recorded));
    std::sort(out.begin(), out.end(), [](const FactInfo& a, const FactInfo& b) {
      return std::tie(a.subject, a.perspective, a.fact_id) < std::tie(b.subject, b.perspective, b.fact_id);
    });
    return out;
  }
  OrderInfo OrderInfoOf(uint32_t order) const;
  SourceInfo SourceInfoOf(uint32_t source) const;
};

namespace {

// Unsorted diff events a diff reads as they are before it merges them into the sorted list.
constexpr size_t kEventsTailMerge = 4096;

FuzzyDate Bound(int32_t days, uint8_t flags) { return FuzzyDate::Unpack(Date{days}, flags & FuzzyDate::kFlagsMask); }

// Runs a query on view.scenario's branch with the rest of the view.
template <typename F>
auto InScenario(const Database& db, const View& view, F&& query) -> decltype(query(db, view)) {
  auto branch = db.Scenario(view.scenario);
  if (!branch.ok()) return branch.status();
  View v = view;
  v.scenario.clear();
  return query(**branch, v);
}

}  // namespace

FactInfo Database::Impl::Info(uint32_t id, const Instant* recorded) const {
  const Fact& f = s.facts[id];
  const engine::PredMeta& p = s.preds[f.pred];
  FactInfo out;
  out.fact_id = id + 1;
  out.subject = s.entities[f.subject].key;
  out.predicate = p.name;
  out.is_attribute = p.is_attribute;
  if (p.is_attribute) {
    out.value = s.values[f.object];
  } else {
    out.object = s.entities[f.object].key;
  }
  out.from = Bound(f.from, f.from_flags);
  out.to = Bound(f.to, f.to_flags);
  out.recorded_from = s.orders[f.row_order].row.recorded;
  out.recorded_to = f.live() ? Instant::Max() : s.orders[f.retract_order].row.recorded;
  if (recorded != nullptr && out.recorded_to > *recorded) out.recorded_to = Instant::Max();
  out.perspective = s.persps[f.persp];
  out.qualifiers = s.qual_sets[f.quals];
  out.order = s.orders[f.order].row.key;
  if (f.row_order != f.order) out.ended_by = s.orders[f.row_order].row.key;
  out.correction = (f.from_flags & engine::kCorrectionBit) != 0;
  return out;
}

SourceInfo Database::Impl::SourceInfoOf(uint32_t source) const {
  const SourceDecl& d = s.sources[source].decl;
  return SourceInfo{d.id, d.title, d.publisher, d.url, d.quote, d.note, d.date};
}

OrderInfo Database::Impl::OrderInfoOf(uint32_t order) const {
  const store::OrderRow& r = s.orders[order].row;
  OrderInfo o;
  o.id = r.key;
  o.title = r.title;
  o.issuer = r.issuer;
  o.perspective = r.perspective;
  o.signed_on = r.signed_on;
  o.effective = r.effective;
  o.recorded = r.recorded;
  for (uint32_t src : r.sources) o.sources.push_back(SourceInfoOf(src));
  o.notes = r.notes;
  o.where = r.where;
  return o;
}

Status Database::Impl::LoadFromStore() {
  store::LoadSink sink;
  sink.kind = [this](store::KindRow&& r) {
    s.kind_ids.emplace(r.name, r.id);
    uint32_t parent = kNone;
    if (!r.parent.empty()) {
      auto it = s.kind_ids.find(r.parent);
      if (it == s.kind_ids.end()) return Status::Io("corrupt database: kind parent '" + r.parent + "' is missing");
      parent = it->second;
    }
    s.kinds.push_back(engine::KindMeta{r.name, parent, r.note});
    return Status::Ok();
  };
  sink.predicate = [this](store::PredicateRow&& r) {
    auto ids = [this](const std::vector<std::string>& names) {
      std::vector<uint32_t> out;
      for (const auto& n : names) {
        auto it = s.kind_ids.find(n);
        if (it != s.kind_ids.end()) out.push_back(it->second);
      }
      std::sort(out.begin(), out.end());
      return out;
    };
    s.pred_ids.emplace(r.name, r.id);
    s.preds.push_back(engine::PredMeta{r.name, r.is_attribute, r.type, r.exclusive, r.acyclic, ids(r.subject_kinds),
                                       ids(r.object_kinds), r.note});
    s.by_pred.emplace_back();
    return Status::Ok();
  };
  sink.perspective = [this](store::PerspectiveRow&& r) {
    if (r.id != s.persps.size()) return Status::Io("corrupt database: perspective ids are not dense");
    s.persps.push_back(r.name);
    s.persp_ids.emplace(r.name, r.id);
    return Status::Ok();
  };
  sink.entity = [this](store::EntityRow&& r) {
    if (r.id != s.entities.size()) return Status::Io("corrupt database: entity ids are not dense");
    if (r.id == 0) {
      const size_t n = store->RowCount("entities");
      s.entities.reserve(n);
      s.entity_ids.reserve(n);
    }
    s.entity_ids.emplace(r.key, r.id);
    s.entities.push_back(engine::EntityMeta{std::move(r.key), r.kind});
    return Status::Ok();
  };
  sink.source = [this](store::SourceRow&& r) {
    s.source_ids.emplace(r.decl.id, r.id);
    s.sources.push_back(std::move(r));
    return Status::Ok();
  };
  sink.order = [this](store::OrderRow&& r) {
    if (r.id != s.orders.size()) return Status::Io("corrupt database: order ids are not dense");
    s.order_ids.emplace(r.key, r.id);
    s.orders.push_back(engine::OrderMeta{std::move(r)});
    return Status::Ok();
  };
  // Fact rows come from two readers at once (store::LoadSink). Each fills its own rows of the
  // presized array; values and qualifiers, interned in shared tables, wait per reader and are
  // interned afterwards in id order. Then every index is built in a pass or two.
  struct Pending {
    std::vector<std::pair<uint32_t, Value>> values;
    std::vector<std::pair<uint32_t, std::vector<Qualifier>>> quals;
    size_t rows = 0;
  };
  std::array<Pending, 2> pending;
  sink.facts_begin = [this](size_t n) {
    s.by_subject.resize(s.entities.size());
    s.by_object.resize(s.entities.size());
    s.facts.resize(n);
  };
  sink.fact = [this, &pending](int reader, store::FactRow&& r) {
    if (r.id >= s.facts.size() || r.subject >= s.entities.size() || r.predicate >= s.preds.size() ||
        r.order >= s.orders.size() || r.row_order >= s.orders.size() ||
        (!s.preds[r.predicate].is_attribute && r.object >= s.entities.size()) ||
        (s.preds[r.predicate].is_attribute && !r.value)) {
      return Status::Io("corrupt database: fact " + std::to_string(r.id + 1) + " refers to missing rows");
    }
    Fact& f = s.facts[r.id];
    Pending& p = pending[reader & 1];
    f.subject = r.subject;
    f.pred = r.predicate;
    f.object = r.object;
    if (r.value) p.values.emplace_back(r.id, std::move(*r.value));
    if (!r.qualifiers.empty()) p.quals.emplace_back(r.id, std::move(r.qualifiers));
    f.from = r.from.date.days;
    f.to = r.to.date.days;
    f.order = r.order;
    f.row_order = r.row_order;
    f.retract_order = kNone;
    f.quals = 0;
    f.persp = static_cast<uint16_t>(r.perspective);
    f.from_flags = static_cast<uint8_t>(r.from.PackFlags() | (r.correction ? engine::kCorrectionBit : 0));
    f.to_flags = r.to.PackFlags();
    ++p.rows;
    return Status::Ok();
  };
  sink.retraction = [this](store::RetractionRow&& r) {
    if (r.fact >= s.facts.size() || r.order >= s.orders.size()) return Status::Io("corrupt database: bad retraction");
    s.facts[r.fact].retract_order = r.order;
    return Status::Ok();
  };
  if (Status st = store->Load(sink); !st.ok()) return st;
  if (pending[0].rows + pending[1].rows != s.facts.size()) return Status::Io("corrupt database: fact ids are not dense");
  for (Pending& p : pending) {
    uint32_t last = kNone;  // rows in id order often repeat a value (every lifetime is `true`)
    const Value* last_value = nullptr;
    for (auto& [id, v] : p.values) {
      // Numbers are not reused by equality: 0.0 == -0.0, yet they are different values.
      if (last == kNone || v.type() == ValueType::kNumber || !(v == *last_value)) last = s.InternValue(v);
      s.facts[id].object = last;
      last_value = &v;
    }
    for (auto& [id, q] : p.quals) s.facts[id].quals = s.InternQuals(q);
  }
  pending = {};
  s.by_subject.resize(s.entities.size());
  s.by_object.resize(s.entities.size());
  s.IndexAll();
  s.ReleaseSlack();
  s.BuildSlots();
  auto e = s.pred_ids.find(engine::kExists);
  auto a = s.pred_ids.find(engine::kAlias);
  if (e != s.pred_ids.end()) s.exists_pred = e->second;
  if (a != s.pred_ids.end()) s.alias_pred = a->second;
  return Status::Ok();
}

// Creates the built-in predicates in a new database.
Status Database::Impl::Bootstrap() {
  if (s.exists_pred != kNone && s.alias_pred != kNone) return Status::Ok();
  if (options.read_only) return Status::Io("the database has no built-in predicates and is open read-only");
  store::BatchRows rows;
  auto add = [&](const char* name, ValueType type, bool exclusive, const char* note) {
    uint32_t id = static_cast<uint32_t>(s.preds.size());
    s.preds.push_back(engine::PredMeta{name, true, type, exclusive, false, {}, {}, note});
    s.pred_ids.emplace(name, id);
    s.by_pred.emplace_back();
    rows.predicates.push_back(store::PredicateRow{id, name, true, type, exclusive, false, {}, {}, note});
    return id;
  };
  s.exists_pred = add(engine::kExists, ValueType::kBoolean, true, "the entity's lifetime");
  s.alias_pred = add(engine::kAlias, ValueType::kString, false, "other names the entity is known by");
  return store->Write(rows);
}

Database::Database(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Database::~Database() = default;

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, const Options& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  auto st = store::SqliteStore::Open(path, options);
  if (!st.ok()) return st.status();
  impl->store = std::move(*st);
  if (Status s = impl->LoadFromStore(); !s.ok()) return s;
  if (Status s = impl->Bootstrap(); !s.ok()) return s;
  if (Status s = impl->LoadRulesAndScenarios(); !s.ok()) return s;
  return std::unique_ptr<Database>(new Database(std::move(impl)));
}

Result<ApplySummary> Database::Apply(const Batch& batch, bool check_only) {
  std::unique_lock lock(impl_->mu);
  if (impl_->options.read_only && !check_only) return Status::Invalid("the database is open read-only");
  engine::Checkpoint cp = impl_->s.Mark();
  store::BatchRows rows;
  std::vector<engine::CompiledRule> new_rules;
  std::vector<AlertInfo> new_alerts;
  auto result = impl_->ApplyWithRules(batch, Instant::Now(), &rows, &cp, &new_rules, &new_alerts);
  if (!result.ok() || check_only) {
    impl_->s.Rollback(cp);
    return result;
  }
  if (Status st = impl_->store->Write(rows); !st.ok()) {
    impl_->s.Rollback(cp);
    return st;
  }
  impl_->Commit(std::move(new_rules), std::move(new_alerts));
  return result;
}

Result<std::vector<FactInfo>> Database::Objects(const std::string& subject, const std::string& predicate,
                                                const View& view) const {
  if (!view.scenario.empty()) {
    return InScenario(*this, view, [&](const Database& d, const View& v) { return d.Objects(subject, predicate, v); });
  }
  std::shared_lock lock(impl_->mu);
  auto v = impl_->Resolve(view);
  if (!v.ok()) return v.status();
  auto e = impl_->EntityId(subject);
  if (!e.ok()) return e.status();
  auto p = impl_->PredId(predicate);
  if (!p.ok()) return p.status();
  std::vector<FactInfo> out;
  for (uint32_t id : impl_->s.by_subject[*e]) {
    const Fact& f = impl_->s.facts[id];
    if (f.pred == *p && f.interval().contains(v->at) && impl_->Visible(f, *v)) out.push_back(impl_->Info(id, v->recorded));
  }
  return out;
}

Result<std::vector<FactInfo>> Database::Members(const std::string& object, const std::string& relation,
                                                const View& view) const {
  if (!view.scenario.empty()) {
    return InScenario(*this, view, [&](const Database& d, const View& v) { return d.Members(object, relation, v); });
  }
  std::shared_lock lock(impl_->mu);
  auto v = impl_->Resolve(view);
  if (!v.ok()) return v.status();
  auto e = impl_->EntityId(object);
  if (!e.ok()) return e.status();
  auto p = impl_->PredId(relation);
  if (!p.ok()) return p.status();
  if (impl_->s.preds[*p].is_attribute) {
    return Status::Invalid(fmt::format("'{}' is an attribute; members needs a relation", relation));
  }
  std::vector<uint32_t> ids;
  for (uint32_t id : impl_->s.by_object[*e]) {
    const Fact& f = impl_->s.facts[id];
    if (f.pred == *p && f.interval().contains(v->at) && impl_->Visible(f, *v)) ids.push_back(id);
  }
  return impl_->BySubject(ids, v->recorded);
}

Result<std::vector<FactInfo>> Database::Snapshot(const std::string& predicate, const View& view) const {
  if (!view.scenario.empty()) {
    return InScenario(*this, view, [&](const Database& d, const View& v) { return d.Snapshot(predicate, v); });
  }
  std::shared_lock lock(impl_->mu);
  auto v = impl_->Resolve(view);
  if (!v.ok()) return v.status();
  auto p = impl_->PredId(predicate);
  if (!p.ok()) return p.status();
  std::vector<uint32_t> ids;
  for (uint32_t id : impl_->s.by_pred[*p]) {
    const Fact& f = impl_->s.facts[id];
    if (f.interval().contains(v->at) && impl_->Visible(f, *v)) ids.push_back(id);
  }
  return impl_->BySubject(ids, v->recorded);
}

Result<std::vector<FactInfo>> Database::History(const std::string& subject, const std::string& predicate,
                                                const View& view) const {
  if (!view.scenario.empty()) {
    return InScenario(*this, view, [&](const Database& d, const View& v) { return d.History(subject, predicate, v); });
  }
  std::shared_lock lock(impl_->mu);
  auto v = impl_->Resolve(view);
  if (!v.ok()) return v.status();
  auto e = impl_->EntityId(subject);
  if (!e.ok()) return e.status();
  uint32_t pred = kNone;
  if (!predicate.empty()) {
    auto p = impl_->PredId(predicate);
    if (!p.ok()) return p.status();
    pred = *p;
  }
  std::vector<FactInfo> out;
  for (uint32_t id : impl_->s.by_subject[*e]) {
    const Fact& f = impl_->s.facts[id];
    if ((pred == kNone || f.pred == pred) && impl_->Visible(f, *v)) out.push_back(impl_->Info(id, v->recorded));
  }
  std::stable_sort(out.begin(), out.end(), [](const FactInfo& a, const FactInfo& b) {
    return std::tie(a.predicate, a.from.date, a.perspective) < std::tie(b.predicate, b.from.date, b.perspective);
  });
  return out;
}

Result<std::vector<Change>> Database::Diff(Date d1, Date d2, const std::string& predicate, const View& view) const {
  if (!view.scenario.empty()) {
    return InScenario(*this, view, [&](const Database& d, const View& v) { return d.Diff(d1, d2, predicate, v); });
  }
  {
    // Events added since the last merge wait, unsorted, in events_tail; a diff reads them there
    // too, and merges them (under the exclusive lock) only once there are many, so that readers
    // are not serialised by every diff.
    std::shared_lock peek(impl_->mu);
    const bool merge = impl_->s.events_tail.size() > kEventsTailMerge;
    peek.unlock();
    if (merge) {
      std::unique_lock lock(impl_->mu);
      impl_->s.SortEvents();
    }
  }
  std::shared_lock lock(impl_->mu);
  auto v = impl_->Resolve(view);
  if (!v.ok()) return v.status();
  uint32_t pred = kNone;
  if (!predicate.empty()) {
    auto p = impl_->PredId(predicate);
    if (!p.ok()) return p.status();
    pred = *p;
  }
  const State& s = impl_->s;
  const Date lo = std::min(d1, d2), hi = std::max(d1, d2);
  // A fact valid at exactly one of the dates starts or ends in (lo, hi].
  auto after = [&s](int32_t day, uint32_t event) { return day < s.EventDate(event); };
  auto first = std::upper_bound(s.events.begin(), s.events.end(), lo.days, after);
  auto last = std::upper_bound(first, s.events.end(), hi.days, after);
  // Keys are (subject, pred, persp); in a perspective view every persp folds into the view's.
  const bool folded = v->persp != kNone;
  std::vector<std::tuple<uint32_t, uint32_t, uint32_t>> keys;
  auto consider = [&](uint32_t id) {
    const Fact& f = s.facts[id];
    if ((pred == kNone || f.pred == pred) && impl_->Visible(f, *v)) {
      keys.emplace_back(f.subject, f.pred, folded ? v->persp : f.persp);
    }
  };
  for (auto it = first; it != last; ++it) consider(*it >> 1);
  for (uint32_t event : s.events_tail) {
    const int32_t date = s.EventDate(event);
    if (lo.days < date && date <= hi.days) consider(event >> 1);
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  if (Status st = impl_->CheckRows(keys.size()); !st.ok()) return st;
  std::vector<Change> out;
  for (const auto& [subject, p, persp] : keys) {
    Change c;
    c.subject = s.entities[subject].key;
    c.predicate = s.preds[p].name;
    c.perspective = s.persps[persp];
    std::vector<uint32_t> before, after;
    for (uint32_t id : s.by_subject[subject]) {
      const Fact& f = s.facts[id];
      if (f.pred != p || !s.VisibleAt(f, v->recorded)) continue;
      if (folded ? !State::PerspVisible(f.persp, persp) : f.persp != persp) continue;
      if (f.interval().contains(d1)) before.push_back(id);
      if (f.interval().contains(d2)) after.push_back(id);
    }
    auto objects = [&](const std::vector<uint32_t>& ids) {
      std::vector<uint32_t> o;
      for (uint32_t id : ids) o.push_back(s.facts[id].object);
      std::sort(o.begin(), o.end());
      return o;
    };
    if (objects(before) == objects(after)) continue;
    for (uint32_t id : before) c.before.push_back(impl_->Info(id, v->recorded));
    for (uint32_t id : after) c.after.push_back(impl_->Info(id, v->recorded));
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Change& a, const Change& b) {
    return std::tie(a.subject, a.predicate, a.perspective) < std::tie(b.subject, b.predicate, b.perspective);
  });
  return out;
}

Result<std::vector<FactInfo>> Database::PathUp(const std::string& subject, const std::string& relation,
                                               const View& view) const {
  if (!view.scenario.empty()) {
    return InScenario(*this, view, [&](const Database& d, const View& v) { return d.PathUp(subject, relation, v); });
  }
  std::shared_lock lock(impl_->mu);
  auto v = impl_->Resolve(view);
  if (!v.ok()) return v.status();
  auto e = impl_->EntityId(subject);
  if (!e.ok()) return e.status();
  auto p = impl_->PredId(relation);
  if (!p.ok()) return p.status();
  const State& s = impl_->s;
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
      if (f.pred == *p && f.interval().contains(v->at) && impl_->Visible(f, *v)) {
        out.push_back(impl_->Info(id, v->recorded));
        next = f.object;
        break;
      }
    }
    if (next == kNone || !seen.insert(next).second) break;
    node = next;
  }
  return out;
}

Result<EntityInfo> Database::Entity(const std::string& id, const View& view) const {
  if (!view.scenario.empty()) {
    return InScenario(*this, view, [&](const Database& d, const View& v) { return d.Entity(id, v); });
  }
  std::shared_lock lock(impl_->mu);
  auto v = impl_->Resolve(view);
  if (!v.ok()) return v.status();
  auto e = impl_->EntityId(id);
  if (!e.ok()) return e.status();
  const State& s = impl_->s;
  EntityInfo out;
  out.id = id;
  out.kind = s.kinds[s.entities[*e].kind].name;
  for (uint32_t fid : s.by_subject[*e]) {
    const Fact& f = s.facts[fid];
    if (!impl_->Visible(f, *v)) continue;
    if (f.pred == s.exists_pred) {
      out.lifetime.push_back(Span{Bound(f.from, f.from_flags), Bound(f.to, f.to_flags)});
      if (f.interval().contains(v->at)) out.alive = true;
      continue;
    }
    if (!f.interval().contains(v->at)) continue;
    const std::string& pname = s.preds[f.pred].name;
    if (pname.rfind(engine::kNamePrefix, 0) == 0) {
      out.names.push_back(Name{pname.substr(5), std::get<std::string>(s.values[f.object].v)});
    } else if (f.pred == s.alias_pred) {
      std::string lang;
      for (const Qualifier& q : s.qual_sets[f.quals]) {
        if (q.key == "lang") lang = std::get<std::string>(q.value.v);
      }
      out.aliases.push_back(Name{lang, std::get<std::string>(s.values[f.object].v)});
    } else {
      out.facts.push_back(impl_->Info(fid, v->recorded));
    }
  }
  std::sort(out.lifetime.begin(), out.lifetime.end(),
            [](const Span& a, const Span& b) { return a.from.date < b.from.date; });
  std::stable_sort(out.names.begin(), out.names.end(), [](const Name& a, const Name& b) {
    return (a.lang != "en") < (b.lang != "en") || ((a.lang != "en") == (b.lang != "en") && a.lang < b.lang);
  });
  return out;
}

std::vector<std::string> Database::EntityIds(const std::string& kind) const {
  std::shared_lock lock(impl_->mu);
  const State& s = impl_->s;
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

std::vector<OrderInfo> Database::Orders() const {
  std::shared_lock lock(impl_->mu);
  std::vector<OrderInfo> out;
  for (uint32_t i = 0; i < impl_->s.orders.size(); ++i) out.push_back(impl_->OrderInfoOf(i));
  for (const Fact& f : impl_->s.facts) {
    ++out[f.row_order].facts_asserted;
    if (!f.live()) ++out[f.retract_order].facts_superseded;
  }
  return out;
}

Result<OrderChanges> Database::Order(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  const State& s = impl_->s;
  auto it = s.order_ids.find(id);
  if (it == s.order_ids.end()) {
    std::vector<std::string> keys;
    for (const auto& o : s.orders) keys.push_back(o.row.key);
    Status st = Status::NotFound(fmt::format("unknown order '{}'", id));
    for (const std::string& n : Nearest(id, keys)) st.AddNote(fmt::format("did you mean '{}'?", n));
    return st;
  }
  OrderChanges out;
  out.order = impl_->OrderInfoOf(it->second);
  for (uint32_t fid = 0; fid < s.facts.size(); ++fid) {
    const Fact& f = s.facts[fid];
    if (f.row_order == it->second) out.asserted.push_back(impl_->Info(fid));
    if (f.retract_order == it->second) out.superseded.push_back(impl_->Info(fid));
  }
  out.order.facts_asserted = out.asserted.size();
  out.order.facts_superseded = out.superseded.size();
  return out;
}

Result<SourceInfo> Database::Source(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->s.source_ids.find(id);
  if (it == impl_->s.source_ids.end()) return Status::NotFound(fmt::format("unknown source '{}'", id));
  return impl_->SourceInfoOf(it->second);
}

std::vector<Match> Database::Search(const std::string& text, size_t limit) const {
  std::shared_lock lock(impl_->mu);
  const State& s = impl_->s;
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
    const bool is_name = pname.rfind(engine::kNamePrefix, 0) == 0;
    if (!is_name && p != s.alias_pred) continue;
    for (uint32_t id : s.by_pred[p]) {
      const Fact& f = s.facts[id];
      if (!f.live()) continue;
      std::string lang = is_name ? pname.substr(5) : "";
      if (!is_name) {
        for (const Qualifier& q : s.qual_sets[f.quals]) {
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

std::vector<KindDecl> Database::Kinds() const {
  std::shared_lock lock(impl_->mu);
  std::vector<KindDecl> out;
  for (const auto& k : impl_->s.kinds) {
    out.push_back(KindDecl{k.name, k.parent == kNone ? "" : impl_->s.kinds[k.parent].name, k.note, {}});
  }
  return out;
}

namespace {
std::vector<std::string> KindNames(const State& s, const std::vector<uint32_t>& ids) {
  std::vector<std::string> out;
  for (uint32_t k : ids) out.push_back(s.kinds[k].name);
  return out;
}
}  // namespace

std::vector<RelationDecl> Database::Relations() const {
  std::shared_lock lock(impl_->mu);
  std::vector<RelationDecl> out;
  for (const auto& p : impl_->s.preds) {
    if (p.is_attribute) continue;
    out.push_back(RelationDecl{p.name, KindNames(impl_->s, p.subject_kinds), KindNames(impl_->s, p.object_kinds),
                               p.exclusive, p.acyclic, p.note, {}});
  }
  return out;
}

std::vector<AttributeDecl> Database::Attributes() const {
  std::shared_lock lock(impl_->mu);
  std::vector<AttributeDecl> out;
  for (const auto& p : impl_->s.preds) {
    if (!p.is_attribute) continue;
    out.push_back(AttributeDecl{p.name, KindNames(impl_->s, p.subject_kinds), p.type, p.note, {}});
  }
  return out;
}

uint32_t Database::EntityHandle(const std::string& id) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->s.entity_ids.find(id);
  return it == impl_->s.entity_ids.end() ? kNone : it->second;
}

uint32_t Database::PredicateHandle(const std::string& name) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->s.pred_ids.find(name);
  return it == impl_->s.pred_ids.end() ? kNone : it->second;
}

uint32_t Database::PerspectiveHandle(const std::string& name) const {
  std::shared_lock lock(impl_->mu);
  auto it = impl_->s.persp_ids.find(name);
  return it == impl_->s.persp_ids.end() ? kNone : it->second;
}

const std::string& Database::EntityKey(uint32_t handle) const { return impl_->s.entities[handle].key; }

uint32_t Database::ObjectAt(uint32_t subject, uint32_t predicate, Date at, uint32_t perspective) const {
  std::shared_lock lock(impl_->mu);
  return impl_->s.ObjectAt(subject, predicate, at.days, perspective);
}

void Database::ObjectsAt(std::span<const uint32_t> subjects, uint32_t predicate, Date at,
                         std::vector<uint32_t>* objects, uint32_t perspective) const {
  objects->resize(subjects.size());
  std::shared_lock lock(impl_->mu);
  const engine::State& s = impl_->s;
  for (size_t i = 0; i < subjects.size(); ++i) (*objects)[i] = s.ObjectAt(subjects[i], predicate, at.days, perspective);
}

size_t Database::fact_count() const {
  std::shared_lock lock(impl_->mu);
  return impl_->s.facts.size();
}
size_t Database::entity_count() const {
  std::shared_lock lock(impl_->mu);
  return impl_->s.entities.size();
}
size_t Database::memory_bytes() const {
  std::shared_lock lock(impl_->mu);
  return impl_->s.MemoryBytes();
}

// ---- Rules, alerts and scenarios (docs/rules.md; docs/cli.md, "Scenarios") ------------------

namespace {

nlohmann::json BindingsJson(const AlertInfo& a) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [var, entity] : a.bindings) j[var] = entity;
  return j;
}

store::AlertRow AlertRowOf(const AlertInfo& a) {
  return store::AlertRow{a.scenario, a.rule, a.date, BindingsJson(a).dump(), nlohmann::json(a.facts).dump(),
                         a.order, a.recorded, a.quote, a.note};
}

bool IsScenarioName(const std::string& name) {
  if (name.empty() || name.size() > 64 || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

Result<ApplySummary> Database::Impl::ApplyWithRules(const Batch& batch, Instant now, store::BatchRows* rows,
                                                    engine::Checkpoint* cp,
                                                    std::vector<engine::CompiledRule>* new_rules,
                                                    std::vector<AlertInfo>* new_alerts) {
  auto result = engine::ApplyBatch(s, batch, now, rows, cp);
  if (!result.ok()) return result;
  std::map<std::string, SourceRegion> ids;
  for (const auto& r : rules) ids.emplace(r.decl.id, r.decl.where);
  for (const RuleDecl& decl : batch.rules) {
    if (auto it = ids.find(decl.id); it != ids.end()) {
      return Status::Conflict(fmt::format("rule '{}' already exists", decl.id), decl.where)
          .AddNote("the rule was first declared here", it->second);
    }
    ids.emplace(decl.id, decl.where);
    auto compiled = engine::CompileRule(s, decl);
    if (!compiled.ok()) return compiled.status();
    compiled->recorded = now;
    rows->rules.push_back(store::RuleRow{static_cast<uint32_t>(rules.size() + new_rules->size()), decl.id,
                                         FormatRule(decl), decl.where, now});
    new_rules->push_back(std::move(compiled).value());
  }
  std::vector<engine::CompiledRule> all = rules;
  all.insert(all.end(), new_rules->begin(), new_rules->end());
  for (engine::Firing& f : engine::FireRules(s, all, static_cast<uint32_t>(cp->orders), cp->facts)) {
    const engine::CompiledRule& rule = all[f.rule];
    AlertInfo a;
    a.id = alerts.size() + new_alerts->size() + 1;
    a.scenario = scenario_name;
    a.rule = rule.decl.id;
    a.rule_title = rule.decl.title;
    a.date = f.date;
    for (size_t v = 0; v < rule.vars.size(); ++v) a.bindings.emplace_back(rule.vars[v], s.entities[f.match.values[v]].key);
    for (uint32_t row : f.match.facts) a.facts.push_back(uint64_t{row} + 1);
    a.order = s.orders[f.order].row.key;
    a.recorded = s.orders[f.order].row.recorded;
    a.cites = rule.decl.cites;
    a.quote = rule.quote;
    a.note = rule.decl.note;
    rows->alerts.push_back(AlertRowOf(a));
    new_alerts->push_back(std::move(a));
  }
  return result;
}

void Database::Impl::Commit(std::vector<engine::CompiledRule>&& new_rules, std::vector<AlertInfo>&& new_alerts) {
  for (auto& r : new_rules) rules.push_back(std::move(r));
  for (auto& a : new_alerts) alerts.push_back(std::move(a));
  s.RefreshSlots();
}

RuleInfo Database::Impl::RuleInfoOf(const engine::CompiledRule& r) const {
  RuleInfo out;
  out.id = r.decl.id;
  out.title = r.decl.title;
  out.cites = r.decl.cites;
  out.quote = r.quote;
  out.perspective = r.decl.perspective;
  out.note = r.decl.note;
  out.condition = FormatRuleCondition(r.decl);
  out.text = FormatRule(r.decl);
  for (uint32_t src : r.sources) out.sources.push_back(SourceInfoOf(src));
  out.recorded = r.recorded;
  out.where = r.decl.where;
  return out;
}

Status Database::Impl::LoadRulesAndScenarios() {
  std::vector<store::RuleRow> rule_rows;
  if (Status st = store->LoadRules(&rule_rows); !st.ok()) return st;
  for (store::RuleRow& row : rule_rows) {
    ParseResult parsed = ParseOrders(row.text, row.where.file);
    if (!parsed.ok() || parsed.batch.rules.size() != 1) {
      return Status::Io(fmt::format("corrupt database: rule '{}' does not parse", row.key));
    }
    RuleDecl decl = std::move(parsed.batch.rules.front());
    decl.where = row.where;
    auto compiled = engine::CompileRule(s, decl, /*require_quote=*/false);
    if (!compiled.ok()) {
      return Status::Io(fmt::format("rule '{}' no longer compiles: {}", row.key, compiled.status().message()));
    }
    compiled->recorded = row.recorded;
    rules.push_back(std::move(compiled).value());
  }
  std::map<std::string, std::string> titles;
  for (const auto& r : rules) titles.emplace(r.decl.id, r.decl.title);
  std::vector<store::AlertRow> alert_rows;
  if (Status st = store->LoadAlerts("", &alert_rows); !st.ok()) return st;
  for (store::AlertRow& row : alert_rows) {
    AlertInfo a;
    a.id = alerts.size() + 1;
    a.rule = row.rule;
    a.rule_title = titles[row.rule];
    a.date = row.date;
    auto b = nlohmann::json::parse(row.bindings, nullptr, false);
    auto f = nlohmann::json::parse(row.facts, nullptr, false);
    if (!b.is_object() || !f.is_array()) return Status::Io("corrupt database: an alert's bindings do not parse");
    for (auto it = b.begin(); it != b.end(); ++it) a.bindings.emplace_back(it.key(), it.value().get<std::string>());
    for (const auto& id : f) a.facts.push_back(id.get<uint64_t>());
    a.order = row.order;
    a.recorded = row.recorded;
    a.quote = row.quote;
    a.note = row.note;
    for (const auto& r : rules) {
      if (r.decl.id == a.rule) a.cites = r.decl.cites;
    }
    alerts.push_back(std::move(a));
  }
  std::vector<store::ScenarioRow> rows;
  std::vector<store::ScenarioBatchRow> batches;
  if (Status st = store->LoadScenarios(&rows, &batches); !st.ok()) return st;
  std::map<int64_t, std::string> names;
  for (store::ScenarioRow& r : rows) {
    names[r.id] = r.name;
    std::string name = r.name;
    scenarios[name].row = std::move(r);
  }
  for (store::ScenarioBatchRow& b : batches) {
    auto it = names.find(b.scenario_id);
    if (it == names.end()) return Status::Io("corrupt database: a scenario batch without its scenario");
    scenarios[it->second].batches.push_back(std::move(b));
  }
  return Status::Ok();
}

Result<std::shared_ptr<Database>> Database::Impl::Built(ScenarioSlot& slot) const {
  if (slot.db != nullptr) return slot.db;
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->options.read_only = true;  // the branch changes only through ApplyToScenario
  impl->scenario_name = slot.row.name;
  {
    std::shared_lock lock(mu);
    impl->s = engine::BaseState(s, slot.row.base_recorded, static_cast<size_t>(slot.row.base_orders));
    for (const engine::CompiledRule& r : rules) {
      if (r.recorded > slot.row.base_recorded || r.recorded > slot.row.created) continue;
      auto compiled = engine::CompileRule(impl->s, r.decl, /*require_quote=*/false);
      if (!compiled.ok()) continue;  // it names what the record did not hold at the base time
      compiled->recorded = r.recorded;
      impl->rules.push_back(std::move(compiled).value());
    }
  }
  for (const store::ScenarioBatchRow& b : slot.batches) {
    ParseResult parsed = ParseOrders(b.text, b.file);
    if (!parsed.ok()) {
      return Status::Io(fmt::format("scenario '{}': stored batch {} ({}) no longer parses", slot.row.name, b.seq, b.file));
    }
    engine::Checkpoint cp = impl->s.Mark();
    store::BatchRows rows;
    std::vector<engine::CompiledRule> new_rules;
    std::vector<AlertInfo> new_alerts;
    auto applied = impl->ApplyWithRules(parsed.batch, b.applied, &rows, &cp, &new_rules, &new_alerts);
    if (!applied.ok()) {
      return Status::Io(fmt::format("scenario '{}': stored batch {} ({}) no longer applies: {}", slot.row.name, b.seq,
                                    b.file, applied.status().message()));
    }
    impl->Commit(std::move(new_rules), std::move(new_alerts));
  }
  slot.db = std::shared_ptr<Database>(new Database(std::move(impl)));
  return slot.db;
}

Status Database::CreateScenario(const std::string& name, std::optional<Instant> base_recorded,
                                const std::string& note) {
  if (!IsScenarioName(name)) {
    return Status::Invalid(fmt::format("'{}' is not a scenario name", name))
        .AddNote("a name starts with a letter or digit and has letters, digits, '-', '_' or '.' (at most 64)");
  }
  if (impl_->options.read_only) return Status::Invalid("the database is open read-only");
  std::lock_guard lock(impl_->scenario_mu);
  if (impl_->scenarios.count(name)) return Status::Conflict(fmt::format("scenario '{}' already exists", name));
  store::ScenarioRow row{0, name, base_recorded.value_or(Instant::Now()), note, Instant::Now(), 0};
  {
    // Orders the record gains later never join the branch, whatever their record time.
    std::shared_lock state_lock(impl_->mu);
    row.base_orders = static_cast<int64_t>(impl_->s.orders.size());
  }
  auto id = impl_->store->AddScenario(row);
  if (!id.ok()) return id.status();
  row.id = *id;
  impl_->scenarios[name].row = std::move(row);
  return Status::Ok();
}

namespace {
Status UnknownScenario(const std::string& name, const std::vector<std::string>& known) {
  Status st = Status::NotFound(fmt::format("unknown scenario '{}'", name));
  for (const std::string& n : Nearest(name, known)) st.AddNote(fmt::format("did you mean '{}'?", n));
  if (known.empty()) st.AddNote("create one with: ordo scenario create NAME");
  return st;
}
}  // namespace

Result<ApplySummary> Database::ApplyToScenario(const std::string& name, const Batch& batch, const std::string& file,
                                               const std::string& text, bool check_only) {
  if (impl_->options.read_only && !check_only) return Status::Invalid("the database is open read-only");
  std::lock_guard lock(impl_->scenario_mu);
  auto it = impl_->scenarios.find(name);
  if (it == impl_->scenarios.end()) {
    std::vector<std::string> known;
    for (const auto& [n, slot] : impl_->scenarios) known.push_back(n);
    return UnknownScenario(name, known);
  }
  auto db = impl_->Built(it->second);
  if (!db.ok()) return db.status();
  Impl& branch = *(*db)->impl_;
  std::unique_lock branch_lock(branch.mu);
  const Instant now = Instant::Now();
  engine::Checkpoint cp = branch.s.Mark();
  store::BatchRows rows;
  std::vector<engine::CompiledRule> new_rules;
  std::vector<AlertInfo> new_alerts;
  auto result = branch.ApplyWithRules(batch, now, &rows, &cp, &new_rules, &new_alerts);
  if (!result.ok() || check_only) {
    branch.s.Rollback(cp);
    return result;
  }
  store::ScenarioBatchRow row{it->second.row.id, static_cast<int64_t>(it->second.batches.size()) + 1, file, text, now};
  if (Status st = impl_->store->AddScenarioBatch(row, rows.alerts); !st.ok()) {
    branch.s.Rollback(cp);
    return st;
  }
  branch.Commit(std::move(new_rules), std::move(new_alerts));
  it->second.batches.push_back(std::move(row));
  return result;
}

std::vector<ScenarioInfo> Database::Scenarios() const {
  std::lock_guard lock(impl_->scenario_mu);
  std::vector<ScenarioInfo> out;
  for (const auto& [name, slot] : impl_->scenarios) {
    out.push_back(ScenarioInfo{name, slot.row.base_recorded, slot.row.note, slot.row.created, slot.batches.size()});
  }
  return out;
}

Status Database::DeleteScenario(const std::string& name) {
  if (impl_->options.read_only) return Status::Invalid("the database is open read-only");
  std::lock_guard lock(impl_->scenario_mu);
  auto it = impl_->scenarios.find(name);
  if (it == impl_->scenarios.end()) {
    std::vector<std::string> known;
    for (const auto& [n, slot] : impl_->scenarios) known.push_back(n);
    return UnknownScenario(name, known);
  }
  if (Status st = impl_->store->RemoveScenario(it->second.row.id, name); !st.ok()) return st;
  impl_->scenarios.erase(it);
  return Status::Ok();
}

Result<std::shared_ptr<Database>> Database::Scenario(const std::string& name) const {
  if (name.empty()) return std::shared_ptr<Database>();
  std::lock_guard lock(impl_->scenario_mu);
  auto it = impl_->scenarios.find(name);
  if (it == impl_->scenarios.end()) {
    std::vector<std::string> known;
    for (const auto& [n, slot] : impl_->scenarios) known.push_back(n);
    return UnknownScenario(name, known);
  }
  return impl_->Built(it->second);
}

Result<std::vector<ScenarioDifference>> Database::CompareScenario(const std::string& name,
                                                                  const std::string& predicate) const {
  auto db = Scenario(name);
  if (!db.ok()) return db.status();
  if (!predicate.empty()) {
    std::shared_lock lock(impl_->mu);
    auto p = impl_->PredId(predicate);
    if (!p.ok()) return p.status();
  }
  const Impl& branch = *(*db)->impl_;
  std::shared_lock lock(impl_->mu);
  std::shared_lock branch_lock(branch.mu);
  std::vector<ScenarioDifference> out;
  for (engine::RawDifference& d : engine::CompareStates(impl_->s, branch.s, predicate)) {
    ScenarioDifference x;
    x.subject = std::move(d.subject);
    x.predicate = std::move(d.predicate);
    x.perspective = std::move(d.perspective);
    x.dates = std::move(d.dates);
    for (uint32_t id : d.record_rows) x.record.push_back(impl_->Info(id));
    for (uint32_t id : d.scenario_rows) x.scenario.push_back(branch.Info(id));
    out.push_back(std::move(x));
  }
  return out;
}

std::vector<RuleInfo> Database::Rules() const {
  std::shared_lock lock(impl_->mu);
  std::vector<RuleInfo> out;
  for (const auto& r : impl_->rules) out.push_back(impl_->RuleInfoOf(r));
  return out;
}

Result<std::vector<AlertInfo>> Database::Alerts(const std::string& scenario) const {
  if (!scenario.empty()) {
    auto db = Scenario(scenario);
    if (!db.ok()) return db.status();
    return (*db)->Alerts("");
  }
  std::shared_lock lock(impl_->mu);
  return impl_->alerts;
}

}  // namespace ordo
