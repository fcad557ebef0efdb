#include "engine/database_impl.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <map>

#include "engine/apply.h"

namespace ordo {

Result<std::unique_ptr<Database>> Database::Open(const std::string& path, const Options& options) {
  auto db = engine::DatabaseImpl::OpenFile(path, options);
  if (!db.ok()) return db.status();
  return std::unique_ptr<Database>(std::move(db).value());
}

}  // namespace ordo

namespace ordo::engine {

namespace {

nlohmann::json BindingsJson(const AlertInfo& a) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [var, entity] : a.bindings) j[var] = entity;
  return j;
}

store::AlertRow AlertRowOf(const AlertInfo& a) {
  return store::AlertRow{a.scenario, a.rule,  a.date, BindingsJson(a).dump(), nlohmann::json(a.facts).dump(), a.order,
                         a.recorded, a.quote, a.note};
}

// A row of the file that cannot be what it says: the table, the row (its id there) and what.
Status Corrupt(std::string_view table, int64_t row, std::string_view what) {
  return Status::Io(fmt::format("corrupt database: table {}, row {}: {}", table, row, what));
}
Status Corrupt(std::string_view table, int64_t row, std::string_view name, std::string_view what) {
  return Status::Io(fmt::format("corrupt database: table {}, row {} ('{}'): {}", table, row, name, what));
}
// Rows are read in id order; ids count from 1 in the file (perspectives from 0) and are dense.
std::string NotDense(size_t expected) { return fmt::format("ids are not dense (expected {})", expected); }

// Fills a new state from the file: every table, then every index in a pass or two. Every id
// read is checked against the rows it names, so that no index is ever out of its array.
Status LoadState(store::SqliteStore* store, State* state) {
  State& s = *state;
  store::LoadSink sink;
  sink.kind = [&s](store::KindRow&& r) {
    if (r.id != s.kinds.size()) return Corrupt("kinds", r.id + 1, r.name, NotDense(s.kinds.size() + 1));
    s.kind_ids.emplace(r.name, r.id);
    uint32_t parent = kNone;
    if (!r.parent.empty()) {
      auto it = s.kind_ids.find(r.parent);
      if (it == s.kind_ids.end()) return Corrupt("kinds", r.id + 1, r.name, "parent '" + r.parent + "' names no kind");
      parent = it->second;
    }
    s.kinds.push_back(KindMeta{r.name, parent, r.note});
    return Status::Ok();
  };
  sink.predicate = [&s](store::PredicateRow&& r) {
    if (r.id != s.preds.size()) return Corrupt("predicates", r.id + 1, r.name, NotDense(s.preds.size() + 1));
    std::vector<uint32_t> kinds[2];
    for (int side = 0; side < 2; ++side) {
      for (const auto& n : side == 0 ? r.subject_kinds : r.object_kinds) {
        auto it = s.kind_ids.find(n);
        if (it == s.kind_ids.end()) {
          return Corrupt("predicates", r.id + 1, r.name,
                         fmt::format("{} kind '{}' names no kind", side == 0 ? "subject" : "object", n));
        }
        kinds[side].push_back(it->second);
      }
      std::sort(kinds[side].begin(), kinds[side].end());
    }
    s.pred_ids.emplace(r.name, r.id);
    s.preds.push_back(PredMeta{r.name, r.is_attribute, r.type, r.exclusive, r.acyclic, std::move(kinds[0]),
                               std::move(kinds[1]), r.note});
    s.by_pred.emplace_back();
    return Status::Ok();
  };
  sink.perspective = [&s](store::PerspectiveRow&& r) {
    if (r.id != s.persps.size()) return Corrupt("perspectives", r.id, r.name, NotDense(s.persps.size()));
    if (r.id > kMaxPerspective) {
      return Corrupt("perspectives", r.id, r.name,
                     fmt::format("more perspectives than ordo holds ({})", kMaxPerspective));
    }
    s.persps.push_back(r.name);
    s.persp_notes.push_back(std::move(r.note));
    s.persp_ids.emplace(r.name, r.id);
    return Status::Ok();
  };
  sink.entity = [store, &s](store::EntityRow&& r) {
    if (r.id != s.entities.size()) return Corrupt("entities", r.id + 1, r.key, NotDense(s.entities.size() + 1));
    if (r.kind >= s.kinds.size())
      return Corrupt("entities", r.id + 1, r.key, fmt::format("kind_id {} names no kind", r.kind + 1));
    if (r.id == 0) {
      const size_t n = store->RowCount("entities");
      s.entities.reserve(n);
      s.entity_index.Reserve(n);
    }
    s.entities.push_back(EntityMeta{std::move(r.key), r.kind});
    s.IndexEntity(r.id);
    return Status::Ok();
  };
  sink.source = [&s](store::SourceRow&& r) {
    if (r.id != s.sources.size()) return Corrupt("sources", r.id + 1, r.decl.id, NotDense(s.sources.size() + 1));
    s.source_ids.emplace(r.decl.id, r.id);
    s.sources.push_back(std::move(r.decl));
    return Status::Ok();
  };
  sink.order = [&s](store::OrderRow&& r) {
    if (r.id != s.orders.size()) return Corrupt("orders", r.id + 1, r.key, NotDense(s.orders.size() + 1));
    s.order_ids.emplace(r.key, r.id);
    for (uint32_t src : r.sources) {
      if (src >= s.sources.size()) {
        return Status::Io(fmt::format("corrupt database: table order_sources, order '{}': source_id {} names no source",
                                      r.key, src + 1));
      }
    }
    if (r.stored) s.last_stored = std::max(s.last_stored, *r.stored);
    s.max_known = std::max(s.max_known, r.recorded);
    s.orders.push_back(OrderMeta{std::move(r.key), std::move(r.title), std::move(r.issuer), std::move(r.perspective),
                                 r.signed_on, r.effective, r.recorded, r.stored, std::move(r.sources),
                                 std::move(r.notes), std::move(r.where)});
    return Status::Ok();
  };
  // Fact rows come from two readers at once (store::LoadSink). Each fills its own rows of the
  // presized array; values and qualifiers, interned in shared tables, wait per reader and are
  // interned afterwards in id order. Then every index is built in a pass or two.
  struct Pending {
    std::vector<std::pair<uint32_t, Value>> values;
    std::vector<std::pair<uint32_t, std::vector<Qualifier>>> quals;
    std::vector<std::pair<uint32_t, std::vector<uint32_t>>> sources;
    size_t rows = 0;
  };
  std::array<Pending, 2> pending;
  sink.facts_begin = [&s](size_t n) {
    s.by_subject.resize(s.entities.size());
    s.by_object.resize(s.entities.size());
    s.facts.resize(n);
  };
  sink.fact = [&s, &pending](int reader, store::FactRow&& r) {
    const int64_t row = int64_t{r.id} + 1;
    const auto names_no = [row](const char* column, uint32_t id, const char* what, int64_t base = 1) {
      return Corrupt("facts", row, fmt::format("{} {} names no {}", column, id + base, what));
    };
    if (r.id >= s.facts.size())
      return Corrupt("facts", row, fmt::format("ids are not dense ({} rows)", s.facts.size()));
    if (r.subject >= s.entities.size()) return names_no("subject_id", r.subject, "entity");
    if (r.predicate >= s.preds.size()) return names_no("predicate_id", r.predicate, "predicate");
    const bool attribute = s.preds[r.predicate].is_attribute;
    if (!attribute && r.object >= s.entities.size()) {
      if (r.object == store::kNoObject) return Corrupt("facts", row, "object_id is NULL in a relation");
      return names_no("object_id", r.object, "entity");
    }
    if (attribute && !r.value) return Corrupt("facts", row, "value is NULL in an attribute");
    if (r.perspective >= s.persps.size()) return names_no("perspective_id", r.perspective, "perspective", 0);
    if (r.order >= s.orders.size()) return names_no("order_id", r.order, "order");
    if (r.row_order >= s.orders.size()) return names_no("row_order_id", r.row_order, "order");
    if (r.known_from != store::kNoObject && r.known_from >= s.orders.size()) {
      return names_no("known_from_id", r.known_from, "order");
    }
    Fact& f = s.facts[r.id];
    Pending& p = pending[reader & 1];
    f.subject = r.subject;
    f.pred = r.predicate;
    f.object = r.object;
    if (r.value) p.values.emplace_back(r.id, std::move(*r.value));
    if (!r.qualifiers.empty()) p.quals.emplace_back(r.id, std::move(r.qualifiers));
    for (uint32_t src : r.sources) {
      if (src >= s.sources.size()) return Corrupt("facts", row, fmt::format("sources cites {}, no source", src + 1));
    }
    if (!r.sources.empty()) p.sources.emplace_back(r.id, std::move(r.sources));
    f.from = r.from.date.days;
    f.to = r.to.date.days;
    f.order = r.order;
    f.row_order = r.row_order;
    f.retract_order = kNone;
    f.known_from = r.known_from == store::kNoObject ? r.row_order : r.known_from;
    f.known_to = kNone;
    f.annot = 0;
    f.persp = static_cast<uint16_t>(r.perspective);
    f.from_flags = static_cast<uint8_t>(r.from.PackFlags() | (r.correction ? kCorrectionBit : 0));
    f.to_flags = r.to.PackFlags();
    ++p.rows;
    return Status::Ok();
  };
  sink.retraction = [&s](store::RetractionRow&& r) {
    if (r.fact >= s.facts.size()) return Corrupt(r.table, r.row, fmt::format("fact_id {} names no fact", r.fact + 1));
    if (r.order >= s.orders.size())
      return Corrupt(r.table, r.row, fmt::format("order_id {} names no order", r.order + 1));
    if (r.known_to != store::kNoObject && r.known_to >= s.orders.size()) {
      return Corrupt(r.table, r.row, fmt::format("known_to_id {} names no order", r.known_to + 1));
    }
    Fact& f = s.facts[r.fact];
    f.retract_order = r.order;
    if (r.known_to != store::kNoObject) {
      f.known_to = r.known_to;
    } else {
      // Version 1: a row retracted by an order recorded before the row's own was never visible.
      f.known_to = s.Known(r.order) < s.Known(f.known_from) ? f.known_from : r.order;
    }
    return Status::Ok();
  };
  if (Status st = store->Load(sink); !st.ok()) return st;
  if (pending[0].rows + pending[1].rows != s.facts.size()) {
    return Status::Io("corrupt database: table facts: ids are not dense (fewer rows than the largest id)");
  }
  for (Pending& p : pending) {
    uint32_t last = kNone;  // rows in id order often repeat a value (every lifetime is `true`)
    const Value* last_value = nullptr;
    for (auto& [id, v] : p.values) {
      // Numbers are not reused by equality: 0.0 == -0.0, yet they are different values.
      if (last == kNone || v.type() == ValueType::kNumber || !(v == *last_value)) last = s.InternValue(v);
      s.facts[id].object = last;
      last_value = &v;
    }
    std::vector<uint32_t> quals(p.quals.size()), sources(p.sources.size());
    for (size_t i = 0; i < p.quals.size(); ++i) quals[i] = s.InternQuals(p.quals[i].second);
    for (size_t i = 0; i < p.sources.size(); ++i) sources[i] = s.InternSources(p.sources[i].second);
    // Both lists are in id order: merge them into the rows' annotations.
    size_t qi = 0, si = 0;
    while (qi < p.quals.size() || si < p.sources.size()) {
      const uint32_t qid = qi < p.quals.size() ? p.quals[qi].first : kNone;
      const uint32_t sid = si < p.sources.size() ? p.sources[si].first : kNone;
      const uint32_t id = std::min(qid, sid);
      const uint32_t q = qid == id ? quals[qi++] : 0;
      const uint32_t src = sid == id ? sources[si++] : 0;
      s.facts[id].annot = s.InternAnnot(q, src);
    }
  }
  pending = {};
  s.by_subject.resize(s.entities.size());
  s.by_object.resize(s.entities.size());
  s.IndexAll();
  s.ReleaseSlack();
  s.BuildSlots();
  s.LinkBuiltIns();
  return Status::Ok();
}

// Creates the built-in predicates a file lacks: all of them in a new database; in an older file
// the ones added since (uncovered, the lineage relations).
Status Bootstrap(store::SqliteStore* store, bool read_only, State* state) {
  State& s = *state;
  struct BuiltIn {
    const char* name;
    bool is_attribute;
    ValueType type;
    bool exclusive;
    const char* note;
  };
  std::vector<BuiltIn> wanted = {
      {kExists, true, ValueType::kBoolean, true, "the entity's lifetime"},
      {kAlias, true, ValueType::kString, false, "other names the entity is known by"},
      {kUncovered, true, ValueType::kString, false,
       "a relation the record does not cover for the entity over the interval (qualifier note: why)"}};
  for (const std::string& type : LineageTypes()) {
    wanted.push_back({type.c_str(), false, ValueType::kString, false, "lineage: an event on the day it starts"});
  }
  store::BatchRows rows;
  for (const BuiltIn& b : wanted) {
    if (s.pred_ids.count(b.name)) continue;
    if (read_only) {
      if (std::string_view(b.name) == kExists || std::string_view(b.name) == kAlias) {
        return Status::Io("the database has no built-in predicates and is open read-only");
      }
      continue;  // an older file read as it is: it holds none of these
    }
    uint32_t id = static_cast<uint32_t>(s.preds.size());
    s.preds.push_back(PredMeta{b.name, b.is_attribute, b.type, b.exclusive, false, {}, {}, b.note});
    s.pred_ids.emplace(b.name, id);
    s.by_pred.emplace_back();
    rows.predicates.push_back(
        store::PredicateRow{id, b.name, b.is_attribute, b.type, b.exclusive, false, {}, {}, b.note});
  }
  s.LinkBuiltIns();
  if (rows.predicates.empty()) return Status::Ok();
  return store->Write(rows);
}

}  // namespace

Result<std::unique_ptr<DatabaseImpl>> DatabaseImpl::OpenFile(const std::string& path, const Options& options) {
  std::unique_ptr<DatabaseImpl> db(new DatabaseImpl(options, ""));
  store::StoreOptions store_options;
  store_options.create_if_missing = options.create_if_missing;
  store_options.read_only = options.read_only;
  store_options.sync = options.sync;
  store_options.busy_timeout_ms = options.busy_timeout_ms;
  auto st = store::SqliteStore::Open(path, store_options);
  if (!st.ok()) return st.status();
  db->store_ = std::move(*st);
  State state;
  if (Status s = LoadState(db->store_.get(), &state); !s.ok()) return s;
  if (Status s = Bootstrap(db->store_.get(), options.read_only, &state); !s.ok()) return s;
  {
    WriterLock lock(&db->mu_);
    db->state_ = std::move(state);
    if (Status s = db->LoadRules(); !s.ok()) return s;
  }
  MutexLock lock(&db->scenario_mu_);
  if (Status s = db->LoadScenarios(); !s.ok()) return s;
  return db;
}

Result<ApplySummary> DatabaseImpl::Apply(const Batch& batch, const ApplyOptions& options) {
  if (options_.read_only && !options.check_only) return Status::Invalid("the database is open read-only");
  auto result = options.scenario.empty() ? ApplyToRecord(batch, options) : ApplyToScenario(batch, options);
  if (result.ok() && !options.check_only) Changed();
  return result;
}

Status DatabaseImpl::Refresh() {
  if (!store_) return Status::Ok();  // a branch: built once, from the record's memory
  MutexLock lock(&scenario_mu_);
  return RefreshLocked();
}

Status DatabaseImpl::RefreshLocked() {
  auto changed = store_->ChangedElsewhere();
  if (!changed.ok()) return changed.status();
  if (!*changed) return Status::Ok();
  WriterLock lock(&mu_);
  return Reload();
}

Status DatabaseImpl::Reload() {
  State state;
  if (Status s = LoadState(store_.get(), &state); !s.ok()) return s;
  if (Status s = Bootstrap(store_.get(), options_.read_only, &state); !s.ok()) return s;
  State old_state = std::exchange(state_, std::move(state));
  std::vector<CompiledRule> old_rules = std::exchange(rules_, {});
  std::vector<AlertInfo> old_alerts = std::exchange(alerts_, {});
  std::map<std::string, ScenarioSlot> old_scenarios = std::exchange(scenarios_, {});
  Status st = LoadRules();
  if (st.ok()) st = LoadScenarios();
  if (!st.ok()) {
    state_ = std::move(old_state);
    rules_ = std::move(old_rules);
    alerts_ = std::move(old_alerts);
    scenarios_ = std::move(old_scenarios);
    return st;
  }
  Changed();
  return Status::Ok();
}

// An order by another process may land between reading the file and writing it: the write then
// writes nothing (WriteIfCurrent), and the batch is applied again to the file as it now is.
Result<ApplySummary> DatabaseImpl::ApplyToRecord(const Batch& batch, const ApplyOptions& options) {
  constexpr int kAttempts = 3;
  MutexLock scenario_lock(&scenario_mu_);
  if (Status st = RefreshLocked(); !st.ok()) return st;
  WriterLock lock(&mu_);
  for (int attempt = 1;; ++attempt) {
    Checkpoint cp = state_.Mark();
    store::BatchRows rows;
    std::vector<CompiledRule> new_rules;
    std::vector<AlertInfo> new_alerts;
    auto result = ApplyWithRules(batch, Instant::Now(), &rows, &cp, &new_rules, &new_alerts);
    if (!result.ok() || options.check_only) {
      state_.Rollback(cp);
      return result;
    }
    auto written = store_->WriteIfCurrent(rows);
    if (written.ok() && *written) {
      Commit(std::move(new_rules), std::move(new_alerts));
      return result;
    }
    state_.Rollback(cp);
    if (!written.ok()) return written.status();
    if (attempt == kAttempts) return Status::Io("the database is busy: other processes keep writing it; retry");
    if (Status st = Reload(); !st.ok()) return st;
  }
}

Result<ApplySummary> DatabaseImpl::ApplyWithRules(const Batch& batch, Instant now, store::BatchRows* rows,
                                                  Checkpoint* cp, std::vector<CompiledRule>* new_rules,
                                                  std::vector<AlertInfo>* new_alerts) {
  State& s = state_;
  auto result = ApplyBatch(s, batch, now, rows, cp);
  if (!result.ok()) return result;
  std::map<std::string, SourceRegion> ids;
  for (const auto& r : rules_) ids.emplace(r.decl.id, r.decl.where);
  for (const RuleDecl& decl : batch.rules) {
    if (auto it = ids.find(decl.id); it != ids.end()) {
      return Status::Conflict(fmt::format("rule '{}' already exists", decl.id), decl.where)
          .AddNote("the rule was first declared here", it->second);
    }
    ids.emplace(decl.id, decl.where);
    auto compiled = CompileRule(s, decl);
    if (!compiled.ok()) return compiled.status();
    compiled->recorded = now;
    rows->rules.push_back(store::RuleRow{static_cast<uint32_t>(rules_.size() + new_rules->size()), decl.id,
                                         FormatRule(decl), decl.where, now, decl});
    new_rules->push_back(std::move(compiled).value());
  }
  std::vector<CompiledRule> all = rules_;
  all.insert(all.end(), new_rules->begin(), new_rules->end());
  auto firings = FireRules(s, all, static_cast<uint32_t>(cp->orders), cp->facts, options_.max_query_work);
  if (!firings.ok()) return firings.status();
  for (Firing& f : *firings) {
    const CompiledRule& rule = all[f.rule];
    AlertInfo a;
    a.id = alerts_.size() + new_alerts->size() + 1;
    a.scenario = scenario_name_;
    a.rule = rule.decl.id;
    a.rule_title = rule.decl.title;
    a.date = f.date;
    for (size_t v = 0; v < rule.vars.size(); ++v)
      a.bindings.emplace_back(rule.vars[v], s.entities[f.match.values[v]].key);
    for (uint32_t row : f.match.facts) a.facts.push_back(uint64_t{row} + 1);
    a.order = s.orders[f.order].key;
    a.recorded = s.orders[f.order].recorded;
    a.cites = rule.decl.cites;
    a.quote = rule.quote;
    a.note = rule.decl.note;
    rows->alerts.push_back(AlertRowOf(a));
    new_alerts->push_back(std::move(a));
  }
  return result;
}

void DatabaseImpl::Commit(std::vector<CompiledRule>&& new_rules, std::vector<AlertInfo>&& new_alerts) {
  for (auto& r : new_rules) rules_.push_back(std::move(r));
  for (auto& a : new_alerts) alerts_.push_back(std::move(a));
  state_.RefreshSlots();
}

uint32_t DatabaseImpl::EntityHandle(const std::string& id) const {
  ReaderLock lock(&mu_);
  return state_.FindEntity(id);
}

uint32_t DatabaseImpl::PredicateHandle(const std::string& name) const {
  ReaderLock lock(&mu_);
  auto it = state_.pred_ids.find(name);
  return it == state_.pred_ids.end() ? kNone : it->second;
}

uint32_t DatabaseImpl::PerspectiveHandle(const std::string& name) const {
  ReaderLock lock(&mu_);
  auto it = state_.persp_ids.find(name);
  return it == state_.persp_ids.end() ? kNone : it->second;
}

std::string DatabaseImpl::EntityKey(uint32_t handle) const {
  ReaderLock lock(&mu_);
  return state_.entities[handle].key;
}

uint32_t DatabaseImpl::ObjectAt(uint32_t subject, uint32_t predicate, Date at, uint32_t perspective) const {
  ReaderLock lock(&mu_);
  return state_.ObjectAt(subject, predicate, at.days, perspective);
}

uint32_t DatabaseImpl::ObjectAsOf(uint32_t subject, uint32_t predicate, Date at, Instant recorded,
                                  uint32_t perspective) const {
  ReaderLock lock(&mu_);
  return state_.ObjectAsOf(subject, predicate, at.days, recorded, perspective);
}

void DatabaseImpl::ObjectsAt(std::span<const uint32_t> subjects, uint32_t predicate, Date at,
                             std::vector<uint32_t>* objects, uint32_t perspective) const {
  objects->resize(subjects.size());
  ReaderLock lock(&mu_);
  const State& s = state_;
  for (size_t i = 0; i < subjects.size(); ++i) (*objects)[i] = s.ObjectAt(subjects[i], predicate, at.days, perspective);
}

size_t DatabaseImpl::fact_count() const {
  ReaderLock lock(&mu_);
  return state_.facts.size();
}
size_t DatabaseImpl::entity_count() const {
  ReaderLock lock(&mu_);
  return state_.entities.size();
}
size_t DatabaseImpl::memory_bytes() const {
  ReaderLock lock(&mu_);
  return state_.MemoryBytes();
}

}  // namespace ordo::engine
