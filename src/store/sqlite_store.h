// The durable half of ordo: one SQLite file (WAL mode) with the schema in docs/storage.md.
// The engine writes each applied batch as one transaction and reads everything back on open.
// Ids in the file are the engine's dense ids plus one (SQLite rowids start at 1).
#ifndef ORDO_STORE_SQLITE_STORE_H_
#define ORDO_STORE_SQLITE_STORE_H_

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ordo/order.h"
#include "ordo/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ordo::store {

// 1: the first release. 2: facts know the order their record time starts from and cite their
// own sources; retractions are cuts (a row's record end may be set again by a back-dated order);
// orders carry the instant ordo stored them; sources the original URL of a mirror. A writable
// open migrates version 1 in place; a read-only one reads it as it is (docs/storage.md).
inline constexpr int kSchemaVersion = 3;  // bump with a migration; never reuse

// In FactRow::object: an attribute's row, which has a value instead.
inline constexpr uint32_t kNoObject = 0xffffffffu;

struct StoreOptions {
  bool create_if_missing = true;  // create the file and its tables when missing
  bool read_only = false;         // open read-only; every write fails with kInvalid
  bool sync = true;               // synchronous=FULL (true) or NORMAL (false), WAL mode either way
  int busy_timeout_ms = 5000;     // how long a write waits for another process's write
};

struct KindRow {
  uint32_t id;
  std::string name, parent, note;
};
struct PredicateRow {
  uint32_t id;
  std::string name;
  bool is_attribute;
  ValueType type;
  bool exclusive, acyclic;
  std::vector<std::string> subject_kinds, object_kinds;
  std::string note;
};
struct PerspectiveRow {
  uint32_t id;
  std::string name;
  std::string note;  // of its declaration; empty in files before version 3
};
struct EntityRow {
  uint32_t id;
  std::string key;
  uint32_t kind;
};
struct SourceRow {
  uint32_t id;
  SourceDecl decl;
};
struct OrderRow {
  uint32_t id;
  std::string key, title, issuer, perspective;
  std::optional<FuzzyDate> signed_on;
  FuzzyDate effective;
  Instant recorded;
  std::optional<Instant> stored;  // when ordo stored it; absent in files of version 1
  std::vector<uint32_t> sources;  // source ids
  std::vector<std::string> notes;
  SourceRegion where;
};
struct FactRow {
  uint32_t id;
  uint32_t subject, predicate;
  uint32_t object;             // Database::kNone for attributes
  std::optional<Value> value;  // attributes only
  FuzzyDate from, to;          // Date::Min()/Max() for unbounded ends
  uint32_t perspective;        // 0 = undisputed
  std::vector<Qualifier> qualifiers;
  uint32_t order, row_order;
  bool correction;
  // The order whose record time starts the row's visibility; kNoObject (version 1 files): row_order.
  uint32_t known_from = kNoObject;
  std::vector<uint32_t> sources;  // the row's own source ids; empty: its order's
};
// The end of a row's record interval, set when an order retracted or cut it. A row may be cut
// again later (by a back-dated order); the last cut holds.
struct RetractionRow {
  uint32_t fact;
  uint32_t order;  // the order that retracted or cut it
  // The order whose record time ends the row's visibility; kNoObject (version 1 files): derived
  // as version 1 read it (the retracting order, or the row's start when that order was recorded
  // earlier, so that the row is never visible).
  uint32_t known_to = kNoObject;
  const char* table = "cuts";  // where the row is in the file, for messages: "cuts" or "retractions"
  int64_t row = 0;             // its row id there
};

// A watch rule, stored as its canonical text (FormatRule) and parsed back on open.
struct RuleRow {
  uint32_t id;
  std::string key, text;
  SourceRegion where;
  Instant recorded;
  RuleDecl decl;  // on load: the text parsed back, with `where` as its region
};
// One firing of a rule, in the record (scenario "") or in a scenario.
struct AlertRow {
  std::string scenario, rule;
  Date date;
  std::string bindings;  // JSON object: variable -> entity id
  std::string facts;     // JSON array of fact ids (file ids)
  std::string order;     // the triggering order's key
  Instant recorded;
  std::string quote, note;
};
struct ScenarioRow {
  int64_t id = 0;
  std::string name;
  Instant base_recorded;
  std::string note;
  Instant created;
  int64_t base_orders = 0;  // the record's orders when created: later ones never join the branch
};
// A batch of hypothetical orders as text; applied at `applied` (its orders' default record time).
struct ScenarioBatchRow {
  int64_t scenario_id = 0;
  int64_t seq = 0;
  std::string file, text;
  Instant applied;
};

// Everything a batch adds to the file.
struct BatchRows {
  std::vector<KindRow> kinds;
  std::vector<PredicateRow> predicates;
  std::vector<PerspectiveRow> perspectives;
  std::vector<EntityRow> entities;
  std::vector<SourceRow> sources;
  std::vector<OrderRow> orders;
  std::vector<FactRow> facts;
  std::vector<RetractionRow> retractions;
  std::vector<RuleRow> rules;
  std::vector<AlertRow> alerts;
};

// Receives the file's contents on open, table by table in the order of the members.
struct LoadSink {
  std::function<Status(KindRow&&)> kind;
  std::function<Status(PredicateRow&&)> predicate;
  std::function<Status(PerspectiveRow&&)> perspective;
  std::function<Status(EntityRow&&)> entity;
  std::function<Status(SourceRow&&)> source;
  std::function<Status(OrderRow&&)> order;
  // Called once with the number of fact rows before any of them.
  std::function<void(size_t)> facts_begin;
  // Called for every fact row; reader 0 or 1. The two readers run at the same time on large
  // files (reader 0 takes the lower half of the ids, reader 1 the upper), each in id order.
  std::function<Status(int reader, FactRow&&)> fact;
  std::function<Status(RetractionRow&&)> retraction;
};

class Stmt;  // a prepared statement (sqlite_store.cc)

class SqliteStore {
 public:
  // Opens or creates the file; ":memory:" is a private in-memory database.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, const StoreOptions& options);
  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // Streams every row to sink, in id order within each table, from one snapshot of the file
  // (facts, never updated once written, may be read by a second connection: see LoadSink).
  Status Load(const LoadSink& sink);
  // The number of rows of a table whose ids are dense ("entities", "facts"): lets a loader
  // size its arrays once.
  size_t RowCount(const std::string& table);
  // Writes rows in one transaction; on failure nothing is written.
  Status Write(const BatchRows& rows);
  // Whether another connection (another process) has committed to the file since the last Load
  // (PRAGMA data_version: this connection's own commits do not count). One prepared statement.
  Result<bool> ChangedElsewhere();
  // Write, unless another connection has committed since the last Load: then nothing is written
  // and the answer is false, so the caller reloads and retries. Check and write are one
  // transaction, so no other writer can come between them.
  Result<bool> WriteIfCurrent(const BatchRows& rows);

  // ---- Rules, alerts and scenarios. Files written before these tables existed read as
  // having none; a writable open creates the tables (schema version stays 1). ----
  // Fails with kIo naming the rule when a stored text does not parse back.
  Status LoadRules(std::vector<RuleRow>* out);
  Status LoadAlerts(const std::string& scenario, std::vector<AlertRow>* out);
  Status LoadScenarios(std::vector<ScenarioRow>* scenarios, std::vector<ScenarioBatchRow>* batches);
  // Inserts a scenario; returns its id. Fails with kConflict when the name is taken.
  Result<int64_t> AddScenario(const ScenarioRow& row);
  // Appends a scenario batch and its alerts in one transaction.
  Status AddScenarioBatch(const ScenarioBatchRow& row, const std::vector<AlertRow>& alerts);
  // Removes a scenario, its batches and its alerts; the record's rows are not touched.
  Status RemoveScenario(int64_t id, const std::string& name);

 private:
  SqliteStore() = default;
  Status Exec(const char* sql);
  // BEGIN IMMEDIATE, waiting up to the busy timeout for another writer; then "busy; retry".
  Status BeginWrite();
  Result<int64_t> DataVersion();
  // The rows of a Write, inside a transaction begun by BeginWrite; commits, or rolls back.
  Status WriteInTransaction(const BatchRows& rows);
  Status Migrate(int to, std::initializer_list<const char*> statements);
  bool HasTable(const char* name);
  Status WriteAlerts(const std::vector<AlertRow>& alerts);
  Status LoadInSnapshot(const LoadSink& sink);
  // The statement of sql (a string literal: keyed by its address), prepared on first use.
  Stmt& Cached(const char* sql);
  sqlite3* db_ = nullptr;
  std::unordered_map<const char*, std::unique_ptr<Stmt>> cache_;
  std::string path_;
  bool read_only_ = false;
  int64_t seen_version_ = 0;      // PRAGMA data_version as of the last Load
  int version_ = kSchemaVersion;  // of the file as opened (a read-only open keeps version 1 as it is)
};

// A scenario batch's stored order text parsed back into its Batch (the store keeps batches as
// text, in the order language). Fails with kIo when it no longer parses.
Result<Batch> DecodeBatch(const ScenarioBatchRow& row);

// JSON text of qualifiers ("" for none) and back; used by the store and by exports.
std::string QualifiersToJson(const std::vector<Qualifier>& q);
Result<std::vector<Qualifier>> QualifiersFromJson(const std::string& text);

}  // namespace ordo::store

#endif  // ORDO_STORE_SQLITE_STORE_H_
