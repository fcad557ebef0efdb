// The implementation of ordo::Database (include/ordo/database.h), as leveldb's DBImpl is of its
// DB: the record's in-memory state and its SQLite file, the locks that guard them, and the
// scenarios branched from it. Its methods live in files of their own:
//   database_impl.cc  opening, applying batches, the fast path
//   queries.cc        the questions (Objects, Members, ..., Search, Schema)
//   scenarios.cc      creating, building, applying to, comparing and deleting branches
//   alerts.cc         watch rules and their alerts
//
// Locking: mu_ guards the state, the rules and the alerts: queries hold it shared, Apply
// exclusively. scenario_mu_ guards the table of scenarios and is taken before any mu_ (a
// branch's included). A branch is a DatabaseImpl of its own (read-only, with its own mu_).
// Clang checks these rules at compile time (-Wthread-safety; base/mutex.h).
#ifndef ORDO_ENGINE_DATABASE_IMPL_H_
#define ORDO_ENGINE_DATABASE_IMPL_H_

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "engine/rules.h"
#include "engine/state.h"
#include "ordo/database.h"
#include "store/sqlite_store.h"

namespace ordo::engine {

// A source as the API shows it.
SourceInfo SourceInfoFrom(const SourceDecl& d);
// Owning copies of borrowed facts, in order.
std::vector<FactInfo> Own(const std::vector<FactRef>& refs);

// What a query reads, resolved once under the shared lock: the state, the record time, the
// perspective and the date. Every query of queries.cc starts from one (DatabaseImpl::WithRead).
// REQUIRES: the DatabaseImpl's mu_ held (shared) for the scope's whole life.
class ReadScope {
 public:
  ReadScope(const State& s, const Options& options, const Instant* recorded, uint32_t persp, Date at)
      : s(s), recorded(recorded), persp(persp), at(at), options_(options) {}

  const State& s;
  const Instant* recorded;  // nullptr: everything recorded
  uint32_t persp;           // kNone: every perspective
  Date at;

  bool Visible(const Fact& f) const { return State::PerspVisible(f.persp, persp) && s.VisibleAt(f, recorded); }
  bool VisibleAt(const Fact& f) const { return f.interval().contains(at) && Visible(f); }
  // The dense id of an entity or predicate; kNotFound with "did you mean" notes.
  Result<uint32_t> EntityId(const std::string& key) const;
  Result<uint32_t> PredId(const std::string& name) const;
  // kLimit when an answer would have more than Options::max_result_rows rows.
  Status CheckRows(size_t n) const;
  // A row as the API shows it; a retraction after the view's record time is not shown. Ref
  // borrows from the state (include/ordo/database.h, "Borrowed answers"); Info is its Own().
  FactRef Ref(uint32_t id) const;
  FactInfo Info(uint32_t id) const;
  // Sorts row ids by subject key, perspective name and row: the order of BySubject. On integers
  // (the key ranks, State::by_key) when every entity is ranked, else comparing keys.
  void SortBySubject(std::vector<uint32_t>* ids) const;
  // The borrowed answers of Objects, Snapshot and Diff (reading.cc); the Database's own are
  // their Own().
  Result<std::vector<FactRef>> ObjectRefs(const std::string& subject, const std::string& predicate) const;
  Result<std::vector<FactRef>> SnapshotRefs(const std::string& predicate) const;
  Result<DiffRef> DiffRefs(Date d1, Date d2, const std::string& predicate) const;
  // Rows as FactInfo ordered by subject id, perspective and row; kLimit past the row limit.
  Result<std::vector<FactInfo>> BySubject(const std::vector<uint32_t>& ids) const;
  OrderInfo OrderInfoOf(uint32_t order) const;
  SourceInfo SourceInfoOf(uint32_t source) const;
  // A coverage mark (a row of the built-in `uncovered`) as the API shows it.
  CoverageGap Gap(uint32_t id) const;
  // The lineage links of an entity either way, visible in the view, by date.
  std::vector<LineageLink> LinksOf(uint32_t entity) const;
  // The entity's English (else first) name valid at a date in the view; "" when none.
  std::string NameAt(uint32_t entity, Date at) const;
  // Whether another value is recorded for the same fact (a visible alternative overlapping it).
  bool Disputed(const Fact& f) const;

 private:
  const Options& options_;
};

class DatabaseImpl final : public Database {
 public:
  // Opens the record at path (Database::Open).
  static Result<std::unique_ptr<DatabaseImpl>> OpenFile(const std::string& path, const Options& options);

  // ---- Database ----
  Result<ApplySummary> Apply(const Batch& batch, const ApplyOptions& options) override;
  Status CreateScenario(const std::string& name, std::optional<Instant> base_recorded,
                        const std::string& note) override;
  std::vector<ScenarioInfo> Scenarios() const override;
  Status DeleteScenario(const std::string& name) override;
  Result<std::vector<ScenarioDifference>> CompareScenario(const std::string& name,
                                                          const std::string& predicate) const override;
  Result<std::shared_ptr<Database>> Scenario(const std::string& name) const override;
  std::vector<RuleInfo> Rules() const override;
  Result<std::vector<AlertInfo>> Alerts() const override;
  Result<std::vector<FactInfo>> Objects(const std::string& subject, const std::string& predicate,
                                        const View& view) const override;
  Result<std::vector<FactInfo>> Members(const std::string& object, const std::string& relation,
                                        const View& view) const override;
  Result<std::vector<FactInfo>> Snapshot(const std::string& predicate, const View& view) const override;
  Result<std::vector<FactInfo>> History(const std::string& subject, const std::string& predicate,
                                        const View& view) const override;
  Result<std::vector<FactInfo>> Timeline(const std::string& predicate, const View& view) const override;
  Result<std::vector<Change>> Diff(Date d1, Date d2, const std::string& predicate, const View& view) const override;
  Result<std::vector<FactInfo>> PathUp(const std::string& subject, const std::string& relation,
                                       const View& view) const override;
  std::unique_ptr<Reading> Read() const override;
  Result<EntityInfo> Entity(const std::string& id, const View& view) const override;
  Result<LineageInfo> Lineage(const std::string& id, const View& view) const override;
  std::vector<std::string> EntityIds(const std::string& kind) const override;
  std::vector<OrderInfo> Orders() const override;
  Result<OrderChanges> Order(const std::string& id) const override;
  Result<QueryAnswer> Query(const QueryDecl& query, const View& view, uint64_t max_work) const override;
  Result<SourceInfo> Source(const std::string& id) const override;
  std::vector<Match> Search(const std::string& text, size_t limit) const override;
  std::vector<NameInfo> Names(const View& view) const override;
  SchemaInfo Schema() const override;
  uint32_t EntityHandle(const std::string& id) const override;
  uint32_t PredicateHandle(const std::string& name) const override;
  uint32_t PerspectiveHandle(const std::string& name) const override;
  std::string EntityKey(uint32_t handle) const override;
  uint32_t ObjectAt(uint32_t subject, uint32_t predicate, Date at, uint32_t perspective) const override;
  uint32_t ObjectAsOf(uint32_t subject, uint32_t predicate, Date at, Instant recorded,
                      uint32_t perspective) const override;
  void ObjectsAt(std::span<const uint32_t> subjects, uint32_t predicate, Date at, std::vector<uint32_t>* objects,
                 uint32_t perspective) const override;
  size_t fact_count() const override;
  size_t entity_count() const override;
  size_t memory_bytes() const override;
  uint64_t generation() const override { return generation_.load(std::memory_order_acquire); }
  Status Refresh() override EXCLUDES(scenario_mu_, mu_);

 private:
  // Bumped after every change that commits (Apply, scenario create and delete), never before.
  void Changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }
  std::atomic<uint64_t> generation_{1};
  // A scenario: its stored definition and batches, and its branch once built.
  struct ScenarioSlot {
    store::ScenarioRow row;
    std::vector<store::ScenarioBatchRow> batches;
    // Built on first use. Shared: a handle given out stays valid after DeleteScenario.
    std::shared_ptr<DatabaseImpl> db;
  };

  DatabaseImpl(const Options& options, std::string scenario_name)
      : options_(options), scenario_name_(std::move(scenario_name)) {}

  // ---- opening (database_impl.cc, alerts.cc, scenarios.cc) ----
  // Reads the file again when another process has committed to it since it was last read:
  // state, rules, alerts and scenarios replaced whole (kept as they were if the read fails).
  Status RefreshLocked() REQUIRES(scenario_mu_) EXCLUDES(mu_);
  Status Reload() REQUIRES(scenario_mu_, mu_);
  Status LoadRules() REQUIRES(mu_);
  Status LoadScenarios() REQUIRES(scenario_mu_);

  // The one preamble of every query: takes mu_ shared, resolves the view and runs body on it.
  template <typename F>
  auto WithRead(const View& view, F&& body) const -> decltype(body(std::declval<const ReadScope&>())) {
    ReaderLock lock(&mu_);
    auto scope = Resolve(view);
    if (!scope.ok()) return scope.status();
    return body(*scope);
  }
  Result<ReadScope> Resolve(const View& view) const REQUIRES_SHARED(mu_);
  // The derived indexes that queries ordering rows read are merged when due, under the exclusive
  // lock, before such a query takes the shared one: the diff events waiting unsorted in the
  // tail (once there are many: a diff reads a short tail as it is) and the key ranks of entities
  // created since (State::RankKeys). TidyDue looks; Tidy looks under the shared lock and merges.
  bool TidyDue() const REQUIRES_SHARED(mu_);
  void Tidy() const EXCLUDES(mu_);
  friend class ReadingImpl;
  // A scope for the questions that take no view: everything recorded, every perspective.
  ReadScope Unviewed() const REQUIRES_SHARED(mu_);

  // ---- applying (database_impl.cc, alerts.cc) ----
  // ApplyBatch, then the batch's rules, then the firings of every rule on the batch's orders.
  // Appends rules and alerts to rows; the caller rolls back to cp on failure or check_only and
  // calls Commit otherwise.
  Result<ApplySummary> ApplyWithRules(const Batch& batch, Instant now, store::BatchRows* rows, Checkpoint* cp,
                                      std::vector<CompiledRule>* new_rules, std::vector<AlertInfo>* new_alerts)
      REQUIRES(mu_);
  void Commit(std::vector<CompiledRule>&& new_rules, std::vector<AlertInfo>&& new_alerts) REQUIRES(mu_);
  Result<ApplySummary> ApplyToRecord(const Batch& batch, const ApplyOptions& options) EXCLUDES(scenario_mu_, mu_);
  Result<ApplySummary> ApplyToScenario(const Batch& batch, const ApplyOptions& options) EXCLUDES(scenario_mu_);
  RuleInfo RuleInfoOf(const CompiledRule& r) const REQUIRES_SHARED(mu_);

  // ---- scenarios (scenarios.cc) ----
  // The slot's branch, built from the record and the stored batches when first needed.
  Result<std::shared_ptr<DatabaseImpl>> Built(ScenarioSlot& slot) const REQUIRES(scenario_mu_);
  // The slot of a scenario, or kNotFound with "did you mean" notes.
  Result<ScenarioSlot*> Slot(const std::string& name) const REQUIRES(scenario_mu_);

  const Options options_;
  // "" for the record; a branch holds its scenario's name.
  const std::string scenario_name_;
  // The file. Used only under scenario_mu_ (once the handle is open), which every writer and
  // Refresh take first: the connection is never used by two threads at once. A branch has none.
  std::unique_ptr<store::SqliteStore> store_;

  mutable Mutex scenario_mu_ ACQUIRED_BEFORE(mu_);
  mutable std::map<std::string, ScenarioSlot> scenarios_ GUARDED_BY(scenario_mu_);

  mutable SharedMutex mu_;
  State state_ GUARDED_BY(mu_);
  std::vector<CompiledRule> rules_ GUARDED_BY(mu_);
  std::vector<AlertInfo> alerts_ GUARDED_BY(mu_);
};

}  // namespace ordo::engine

#endif  // ORDO_ENGINE_DATABASE_IMPL_H_
