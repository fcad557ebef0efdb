// Scenarios (docs/cli.md, "Scenarios"): named branches of hypothetical orders, each a read-only
// DatabaseImpl built from the record as known at its base time and its stored batches.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "base/text.h"
#include "engine/branch.h"
#include "engine/database_impl.h"

namespace ordo::engine {

namespace {

bool IsScenarioName(const std::string& name) {
  if (name.empty() || name.size() > 64 || !std::isalnum(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

Status DatabaseImpl::LoadScenarios() {
  std::vector<store::ScenarioRow> rows;
  std::vector<store::ScenarioBatchRow> batches;
  if (Status st = store_->LoadScenarios(&rows, &batches); !st.ok()) return st;
  std::map<int64_t, std::string> names;
  for (store::ScenarioRow& r : rows) {
    names[r.id] = r.name;
    std::string name = r.name;
    scenarios_[name].row = std::move(r);
  }
  for (store::ScenarioBatchRow& b : batches) {
    auto it = names.find(b.scenario_id);
    if (it == names.end()) return Status::Io("corrupt database: a scenario batch without its scenario");
    scenarios_[it->second].batches.push_back(std::move(b));
  }
  return Status::Ok();
}

Result<DatabaseImpl::ScenarioSlot*> DatabaseImpl::Slot(const std::string& name) const {
  auto it = scenarios_.find(name);
  if (it != scenarios_.end()) return &it->second;
  std::vector<std::string> known;
  for (const auto& [n, slot] : scenarios_) known.push_back(n);
  Status st = Status::NotFound(fmt::format("unknown scenario '{}'", name));
  for (const std::string& n : Nearest(name, known)) st.AddNote(fmt::format("did you mean '{}'?", n));
  if (known.empty()) st.AddNote("create one with: ordo scenario create NAME");
  return st;
}

Result<std::shared_ptr<DatabaseImpl>> DatabaseImpl::Built(ScenarioSlot& slot) const {
  if (slot.db != nullptr) return slot.db;
  Options branch_options = options_;
  branch_options.read_only = true;  // a branch changes only through its record's Apply
  std::shared_ptr<DatabaseImpl> branch(new DatabaseImpl(branch_options, slot.row.name));
  WriterLock branch_lock(&branch->mu_);
  {
    ReaderLock lock(&mu_);
    branch->state_ = BaseState(state_, slot.row.base_recorded, static_cast<size_t>(slot.row.base_orders));
    for (const CompiledRule& r : rules_) {
      if (r.recorded > slot.row.base_recorded || r.recorded > slot.row.created) continue;
      auto compiled = CompileRule(branch->state_, r.decl, /*require_quote=*/false);
      if (!compiled.ok()) continue;  // it names what the record did not hold at the base time
      compiled->recorded = r.recorded;
      branch->rules_.push_back(std::move(compiled).value());
    }
  }
  for (const store::ScenarioBatchRow& b : slot.batches) {
    auto batch = store::DecodeBatch(b);
    if (!batch.ok()) return Status::Io(fmt::format("scenario '{}': {}", slot.row.name, batch.status().message()));
    Checkpoint cp = branch->state_.Mark();
    store::BatchRows rows;
    std::vector<CompiledRule> new_rules;
    std::vector<AlertInfo> new_alerts;
    auto applied = branch->ApplyWithRules(*batch, b.applied, &rows, &cp, &new_rules, &new_alerts);
    if (!applied.ok()) {
      return Status::Io(fmt::format("scenario '{}': stored batch {} ({}) no longer applies: {}", slot.row.name, b.seq,
                                    b.file, applied.status().message()));
    }
    branch->Commit(std::move(new_rules), std::move(new_alerts));
  }
  slot.db = branch;
  return slot.db;
}

Status DatabaseImpl::CreateScenario(const std::string& name, std::optional<Instant> base_recorded,
                                    const std::string& note) {
  if (!IsScenarioName(name)) {
    return Status::Invalid(fmt::format("'{}' is not a scenario name", name))
        .AddNote("a name starts with a letter or digit and has letters, digits, '-', '_' or '.' (at most 64)");
  }
  if (options_.read_only) return Status::Invalid("the database is open read-only");
  MutexLock lock(&scenario_mu_);
  if (Status st = RefreshLocked(); !st.ok()) return st;
  if (scenarios_.count(name)) return Status::Conflict(fmt::format("scenario '{}' already exists", name));
  store::ScenarioRow row{0, name, base_recorded.value_or(Instant::Now()), note, Instant::Now(), 0};
  {
    // Orders the record gains later never join the branch, whatever their record time.
    ReaderLock state_lock(&mu_);
    row.base_orders = static_cast<int64_t>(state_.orders.size());
  }
  auto id = store_->AddScenario(row);
  if (!id.ok()) return id.status();
  row.id = *id;
  scenarios_[name].row = std::move(row);
  Changed();
  return Status::Ok();
}

Result<ApplySummary> DatabaseImpl::ApplyToScenario(const Batch& batch, const ApplyOptions& options) {
  MutexLock lock(&scenario_mu_);
  if (Status st = RefreshLocked(); !st.ok()) return st;
  auto slot = Slot(options.scenario);
  if (!slot.ok()) return slot.status();
  auto db = Built(**slot);
  if (!db.ok()) return db.status();
  DatabaseImpl& branch = **db;
  WriterLock branch_lock(&branch.mu_);
  const Instant now = Instant::Now();
  Checkpoint cp = branch.state_.Mark();
  store::BatchRows rows;
  std::vector<CompiledRule> new_rules;
  std::vector<AlertInfo> new_alerts;
  auto result = branch.ApplyWithRules(batch, now, &rows, &cp, &new_rules, &new_alerts);
  if (!result.ok() || options.check_only) {
    branch.state_.Rollback(cp);
    return result;
  }
  store::ScenarioBatchRow row{(*slot)->row.id, static_cast<int64_t>((*slot)->batches.size()) + 1, options.file,
                              options.text, now};
  if (Status st = store_->AddScenarioBatch(row, rows.alerts); !st.ok()) {
    branch.state_.Rollback(cp);
    return st;
  }
  branch.Commit(std::move(new_rules), std::move(new_alerts));
  (*slot)->batches.push_back(std::move(row));
  return result;
}

std::vector<ScenarioInfo> DatabaseImpl::Scenarios() const {
  MutexLock lock(&scenario_mu_);
  std::vector<ScenarioInfo> out;
  for (const auto& [name, slot] : scenarios_) {
    out.push_back(ScenarioInfo{name, slot.row.base_recorded, slot.row.note, slot.row.created, slot.batches.size()});
  }
  return out;
}

Status DatabaseImpl::DeleteScenario(const std::string& name) {
  if (options_.read_only) return Status::Invalid("the database is open read-only");
  MutexLock lock(&scenario_mu_);
  if (Status st = RefreshLocked(); !st.ok()) return st;
  auto slot = Slot(name);
  if (!slot.ok()) return slot.status();
  if (Status st = store_->RemoveScenario((*slot)->row.id, name); !st.ok()) return st;
  scenarios_.erase(name);
  Changed();
  return Status::Ok();
}

Result<std::shared_ptr<Database>> DatabaseImpl::Scenario(const std::string& name) const {
  if (name.empty()) return std::shared_ptr<Database>();
  MutexLock lock(&scenario_mu_);
  auto slot = Slot(name);
  if (!slot.ok()) return slot.status();
  auto db = Built(**slot);
  if (!db.ok()) return db.status();
  return std::shared_ptr<Database>(std::move(db).value());
}

Result<std::vector<ScenarioDifference>> DatabaseImpl::CompareScenario(const std::string& name,
                                                                      const std::string& predicate) const {
  std::shared_ptr<DatabaseImpl> branch;
  {
    MutexLock lock(&scenario_mu_);
    auto slot = Slot(name);
    if (!slot.ok()) return slot.status();
    auto db = Built(**slot);
    if (!db.ok()) return db.status();
    branch = std::move(db).value();
  }
  // A branch's lock before its record's, as in Built (TSan: lock-order inversion otherwise).
  ReaderLock branch_lock(&branch->mu_);
  ReaderLock lock(&mu_);
  const ReadScope record = Unviewed();
  if (!predicate.empty()) {
    auto p = record.PredId(predicate);
    if (!p.ok()) return p.status();
  }
  const ReadScope scenario = branch->Unviewed();
  std::vector<ScenarioDifference> out;
  for (RawDifference& d : CompareStates(state_, branch->state_, predicate)) {
    ScenarioDifference x;
    x.subject = std::move(d.subject);
    x.predicate = std::move(d.predicate);
    x.perspective = std::move(d.perspective);
    x.dates = std::move(d.dates);
    for (uint32_t id : d.record_rows) x.record.push_back(record.Info(id));
    for (uint32_t id : d.scenario_rows) x.scenario.push_back(scenario.Info(id));
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace ordo::engine
