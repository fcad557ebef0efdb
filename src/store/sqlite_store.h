// The durable half of ordo: one SQLite file (WAL mode) with the schema in docs/storage.md.
// The engine writes each applied batch as one transaction and reads everything back on open.
// Ids in the file are the engine's dense ids plus one (SQLite rowids start at 1).
#ifndef ORDO_STORE_SQLITE_STORE_H_
#define ORDO_STORE_SQLITE_STORE_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ordo/database.h"
#include "ordo/order.h"
#include "ordo/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace ordo::store {

inline constexpr int kSchemaVersion = 1;  // bump with a migration; never reuse

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
  std::vector<uint32_t> sources;  // source ids
  std::vector<std::string> notes;
  SourceRegion where;
};
struct FactRow {
  uint32_t id;
  uint32_t subject, predicate;
  uint32_t object;              // Database::kNone for attributes
  std::optional<Value> value;   // attributes only
  FuzzyDate from, to;           // Date::Min()/Max() for unbounded ends
  uint32_t perspective;         // 0 = undisputed
  std::vector<Qualifier> qualifiers;
  uint32_t order, row_order;
  bool correction;
};
struct RetractionRow {
  uint32_t fact;
  uint32_t order;
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
};

// Receives the file's contents on open, table by table in the order of the members.
struct LoadSink {
  std::function<Status(KindRow&&)> kind;
  std::function<Status(PredicateRow&&)> predicate;
  std::function<Status(PerspectiveRow&&)> perspective;
  std::function<Status(EntityRow&&)> entity;
  std::function<Status(SourceRow&&)> source;
  std::function<Status(OrderRow&&)> order;
  std::function<Status(FactRow&&)> fact;
  std::function<Status(RetractionRow&&)> retraction;
};

class SqliteStore {
 public:
  // Opens or creates the file; ":memory:" is a private in-memory database.
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, const Options& options);
  ~SqliteStore();
  SqliteStore(const SqliteStore&) = delete;
  SqliteStore& operator=(const SqliteStore&) = delete;

  // Streams every row to sink, in id order within each table.
  Status Load(const LoadSink& sink);
  // Writes rows in one transaction; on failure nothing is written.
  Status Write(const BatchRows& rows);

 private:
  SqliteStore() = default;
  Status Exec(const char* sql);
  sqlite3* db_ = nullptr;
  bool read_only_ = false;
};

// JSON text of qualifiers ("" for none) and back; used by the store and by exports.
std::string QualifiersToJson(const std::vector<Qualifier>& q);
Result<std::vector<Qualifier>> QualifiersFromJson(const std::string& text);

}  // namespace ordo::store

#endif  // ORDO_STORE_SQLITE_STORE_H_
