#include "store/sqlite_store.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string_view>
#include <thread>

#include "model/value_json.h"
#include "ordo/lang.h"

namespace ordo::store {

namespace {

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS kinds(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, parent TEXT, note TEXT);
CREATE TABLE IF NOT EXISTS predicates(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, is_attribute INTEGER NOT NULL,
  value_type INTEGER NOT NULL, exclusive INTEGER NOT NULL, acyclic INTEGER NOT NULL,
  subject_kinds TEXT NOT NULL, object_kinds TEXT NOT NULL, note TEXT);
CREATE TABLE IF NOT EXISTS perspectives(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, note TEXT);
CREATE TABLE IF NOT EXISTS entities(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, kind_id INTEGER NOT NULL REFERENCES kinds(id));
CREATE TABLE IF NOT EXISTS sources(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, title TEXT NOT NULL, publisher TEXT,
  date TEXT, url TEXT, quote TEXT, note TEXT, original TEXT);
CREATE TABLE IF NOT EXISTS orders(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, title TEXT, issuer TEXT, signed TEXT,
  effective TEXT NOT NULL, recorded_us INTEGER NOT NULL, perspective TEXT, notes TEXT,
  file TEXT, line INTEGER, col INTEGER, stored_us INTEGER);
CREATE TABLE IF NOT EXISTS order_sources(
  order_id INTEGER NOT NULL REFERENCES orders(id), position INTEGER NOT NULL,
  source_id INTEGER NOT NULL REFERENCES sources(id), PRIMARY KEY(order_id, position));
CREATE TABLE IF NOT EXISTS facts(
  id INTEGER PRIMARY KEY, subject_id INTEGER NOT NULL, predicate_id INTEGER NOT NULL,
  object_id INTEGER, value_type INTEGER, value,
  valid_from INTEGER, valid_from_flags INTEGER NOT NULL, valid_to INTEGER, valid_to_flags INTEGER NOT NULL,
  perspective_id INTEGER, qualifiers TEXT, order_id INTEGER NOT NULL, row_order_id INTEGER NOT NULL,
  correction INTEGER NOT NULL, known_from_id INTEGER, sources TEXT);
CREATE TABLE IF NOT EXISTS retractions(
  fact_id INTEGER PRIMARY KEY REFERENCES facts(id), order_id INTEGER NOT NULL REFERENCES orders(id));
)sql";

// Version 2's new table, and what a migration from version 1 adds to the old ones.
constexpr const char* kVersion2Schema = R"sql(
CREATE TABLE IF NOT EXISTS cuts(
  id INTEGER PRIMARY KEY, fact_id INTEGER NOT NULL REFERENCES facts(id),
  order_id INTEGER NOT NULL REFERENCES orders(id), known_to_id INTEGER NOT NULL REFERENCES orders(id));
CREATE INDEX IF NOT EXISTS cuts_fact ON cuts(fact_id);
)sql";
constexpr const char* kMigrate1To2 = R"sql(
ALTER TABLE facts ADD COLUMN known_from_id INTEGER;
ALTER TABLE facts ADD COLUMN sources TEXT;
ALTER TABLE orders ADD COLUMN stored_us INTEGER;
ALTER TABLE sources ADD COLUMN original TEXT;
DROP VIEW IF EXISTS facts_readable;
)sql";

// Version 3: perspectives are declared, with a note (a file of version 1 or 2 holds only the
// perspectives its orders used, which stay declared).
constexpr const char* kMigrate2To3 = "ALTER TABLE perspectives ADD COLUMN note TEXT;";

// A readable view of every row with its record interval (docs/storage.md).
constexpr const char* kViewSchema = R"sql(
CREATE VIEW IF NOT EXISTS facts_readable AS
  SELECT f.id, s.key AS subject, p.name AS predicate, o.key AS object, f.value,
         CASE WHEN f.valid_from IS NULL THEN NULL ELSE date(f.valid_from * 86400, 'unixepoch') END AS valid_from,
         CASE WHEN f.valid_to IS NULL THEN NULL ELSE date(f.valid_to * 86400, 'unixepoch') END AS valid_to,
         ps.name AS perspective, f.qualifiers,
         ord.key AS asserted_by, rord.key AS recorded_by,
         strftime('%Y-%m-%dT%H:%M:%fZ', kord.recorded_us / 1e6, 'unixepoch') AS recorded_from,
         strftime('%Y-%m-%dT%H:%M:%fZ', xord.recorded_us / 1e6, 'unixepoch') AS recorded_to
  FROM facts f
  JOIN entities s ON s.id = f.subject_id
  JOIN predicates p ON p.id = f.predicate_id
  LEFT JOIN entities o ON o.id = f.object_id
  LEFT JOIN perspectives ps ON ps.id = f.perspective_id
  JOIN orders ord ON ord.id = f.order_id
  JOIN orders rord ON rord.id = f.row_order_id
  JOIN orders kord ON kord.id = coalesce(f.known_from_id, f.row_order_id)
  LEFT JOIN (SELECT fact_id, known_to_id FROM cuts c WHERE c.id = (SELECT max(id) FROM cuts WHERE fact_id = c.fact_id))
    k ON k.fact_id = f.id
  LEFT JOIN retractions r ON r.fact_id = f.id
  LEFT JOIN orders xord ON xord.id = coalesce(k.known_to_id, r.order_id);
)sql";

// Tables added after version 1 shipped; created on every writable open (docs/rules.md).
constexpr const char* kRuleSchema = R"sql(
CREATE TABLE IF NOT EXISTS rules(
  id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, text TEXT NOT NULL,
  file TEXT, line INTEGER, col INTEGER, recorded_us INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS alerts(
  id INTEGER PRIMARY KEY, scenario TEXT NOT NULL, rule TEXT NOT NULL, date INTEGER NOT NULL,
  bindings TEXT NOT NULL, facts TEXT NOT NULL, order_key TEXT NOT NULL, recorded_us INTEGER NOT NULL,
  quote TEXT, note TEXT);
CREATE TABLE IF NOT EXISTS scenarios(
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, base_recorded_us INTEGER NOT NULL, note TEXT,
  created_us INTEGER NOT NULL, base_orders INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS scenario_batches(
  scenario_id INTEGER NOT NULL REFERENCES scenarios(id), seq INTEGER NOT NULL, file TEXT NOT NULL,
  text TEXT NOT NULL, applied_us INTEGER NOT NULL, PRIMARY KEY(scenario_id, seq));
)sql";

}  // namespace

// A prepared statement that finalizes itself (declared in sqlite_store.h for the write cache).
class Stmt {
 public:
  Stmt(sqlite3* db, const char* sql) { rc_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr); }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  bool ok() const { return rc_ == SQLITE_OK; }
  sqlite3_stmt* get() const { return s_; }
  void Bind(int i, int64_t v) { sqlite3_bind_int64(s_, i, v); }
  void Bind(int i, double v) { sqlite3_bind_double(s_, i, v); }
  void Bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  void BindNull(int i) { sqlite3_bind_null(s_, i); }
  void BindOpt(int i, const std::string& v) {
    if (v.empty())
      BindNull(i);
    else
      Bind(i, v);
  }
  int Step() { return sqlite3_step(s_); }
  void Reset() {
    sqlite3_reset(s_);
    sqlite3_clear_bindings(s_);
  }
  std::string Text(int i) const {
    auto p = reinterpret_cast<const char*>(sqlite3_column_text(s_, i));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(s_, i))) : std::string();
  }
  int64_t Int(int i) const { return sqlite3_column_int64(s_, i); }
  bool IsNull(int i) const { return sqlite3_column_type(s_, i) == SQLITE_NULL; }
  // Column i as an id: an integer from `base` to base + 2^32 - 2, returned less base (rows count
  // from 1, perspectives from 0; kNoObject stays free). Anything else makes the row corrupt.
  Status Id(int i, std::string_view table, int64_t row, std::string_view column, uint32_t* out,
            int64_t base = 1) const {
    if (sqlite3_column_type(s_, i) == SQLITE_INTEGER) {
      const int64_t v = Int(i);
      if (v >= base && v - base < int64_t{kNoObject}) {
        *out = static_cast<uint32_t>(v - base);
        return Status::Ok();
      }
    }
    return Status::Io(fmt::format("corrupt database: table {}, row {}: {} holds {}, not an id", table, row, column,
                                  IsNull(i) ? std::string("NULL") : Text(i)));
  }

 private:
  sqlite3_stmt* s_ = nullptr;
  int rc_ = SQLITE_ERROR;
};

namespace {

std::string JoinKinds(const std::vector<std::string>& v) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? "," : "") + v[i];
  return out;
}
std::vector<std::string> SplitKinds(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

std::string FuzzyText(const std::optional<FuzzyDate>& d) { return d ? FormatFuzzyDate(*d) : std::string(); }
Result<std::optional<FuzzyDate>> ParseOptFuzzy(const std::string& s) {
  if (s.empty()) return std::optional<FuzzyDate>();
  auto r = ParseFuzzyDate(s);
  if (!r.ok()) return Status::Io("corrupt date in database: " + r.status().message());
  return std::optional<FuzzyDate>(*r);
}

}  // namespace

std::string QualifiersToJson(const std::vector<Qualifier>& q) {
  if (q.empty()) return "";
  nlohmann::json arr = nlohmann::json::array();
  for (const Qualifier& x : q) {
    arr.push_back(
        {{"key", x.key}, {"type", static_cast<int>(x.value.type())}, {"value", ValueAsJson<nlohmann::json>(x.value)}});
  }
  return arr.dump();
}

Result<std::vector<Qualifier>> QualifiersFromJson(const std::string& text) {
  std::vector<Qualifier> out;
  if (text.empty()) return out;
  const Status corrupt = Status::Io("qualifiers do not read as qualifiers: " + text);
  auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!j.is_array()) return corrupt;
  // Every type is checked before it is read: a hand-edited file must not throw.
  for (const auto& e : j) {
    if (!e.is_object() || !e.contains("key") || !e.contains("type") || !e.contains("value")) return corrupt;
    if (!e["key"].is_string() || !e["type"].is_number_unsigned()) return corrupt;
    Qualifier q;
    q.key = e["key"].get<std::string>();
    const auto& v = e["value"];
    const uint64_t type = e["type"].get<uint64_t>();
    if (type == static_cast<uint64_t>(ValueType::kString) && v.is_string()) {
      q.value.v = v.get<std::string>();
    } else if (type == static_cast<uint64_t>(ValueType::kInteger) && v.is_number_integer()) {
      q.value.v = v.get<int64_t>();
    } else if (type == static_cast<uint64_t>(ValueType::kNumber) && v.is_number()) {
      q.value.v = v.get<double>();
    } else if (type == static_cast<uint64_t>(ValueType::kBoolean) && v.is_boolean()) {
      q.value.v = v.get<bool>();
    } else if (type == static_cast<uint64_t>(ValueType::kDate) && v.is_string()) {
      auto d = ParseFuzzyDate(v.get<std::string>());
      if (!d.ok()) return corrupt;
      q.value.v = *d;
    } else {
      return corrupt;
    }
    out.push_back(std::move(q));
  }
  return out;
}

SqliteStore::~SqliteStore() {
  cache_.clear();  // finalized before the connection closes
  if (db_) sqlite3_close_v2(db_);
}

// A write's statements are prepared once a connection: preparing them took more time than a
// one-fact order's inserts (docs/benchmarks.md, "Small orders"). Reset before each use, so that
// a write that failed half-way leaves nothing bound for the next.
Stmt& SqliteStore::Cached(const char* sql) {
  std::unique_ptr<Stmt>& slot = cache_[sql];
  if (!slot || !slot->ok()) slot = std::make_unique<Stmt>(db_, sql);
  slot->Reset();
  return *slot;
}

Status SqliteStore::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return Status::Io("sqlite: " + msg);
  }
  return Status::Ok();
}

namespace {

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}
bool Writable(const std::string& dir) { return ::access(dir.c_str(), W_OK) == 0; }
bool Exists(const std::string& path) { return ::access(path.c_str(), F_OK) == 0; }

// file:PATH?mode=ro&immutable=1 with PATH's '%', '?' and '#' escaped (RFC 3986, as SQLite reads it).
std::string ImmutableUri(const std::string& path) {
  std::string uri = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      uri += fmt::format("%{:02X}", static_cast<unsigned char>(c));
    } else {
      uri += c;
    }
  }
  return uri + "?mode=ro&immutable=1";
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, const StoreOptions& options) {
  std::unique_ptr<SqliteStore> s(new SqliteStore());
  s->read_only_ = options.read_only;
  s->path_ = path;
  int flags = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  if (!options.read_only && options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  flags |= SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &s->db_, flags, nullptr) != SQLITE_OK) {
    std::string msg = s->db_ ? sqlite3_errmsg(s->db_) : "out of memory";
    return Status::Io(fmt::format("cannot open database '{}': {}", path, msg));
  }
  sqlite3_busy_timeout(s->db_, options.busy_timeout_ms);
  if (!options.read_only) {
    if (path != ":memory:") {
      if (Status st = s->Exec("PRAGMA journal_mode=WAL;"); !st.ok()) {
        if (sqlite3_errcode(s->db_) != SQLITE_READONLY) return st;
        return Status::Io(fmt::format("cannot write '{}': the file or its directory is not writable", path))
            .AddNote("to read it, open it read-only (ordo serve without a write token reads it as it is)");
      }
    }
    if (Status st = s->Exec(options.sync ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;"); !st.ok())
      return st;
    if (Status st = s->Exec("PRAGMA foreign_keys=ON;"); !st.ok()) return st;
  }
  // A file with tables but no meta row is not ours; a newer schema version is refused.
  auto meta = std::make_unique<Stmt>(s->db_, "SELECT value FROM meta WHERE key='schema_version'");
  const int meta_rc = meta->ok() ? SQLITE_OK : sqlite3_errcode(s->db_);
  if (options.read_only && (meta_rc == SQLITE_CANTOPEN || meta_rc == SQLITE_READONLY) && !Writable(DirectoryOf(path))) {
    // A file in WAL mode reads through a -shm file beside it, which a directory the user cannot
    // write cannot hold. When no -wal file is there either, every order is in the main file and
    // nobody is writing it (nobody can create the -wal): it is read as immutable.
    if (Exists(path + "-wal")) {
      return Status::Io(
          fmt::format("cannot read '{}': its directory is not writable and a write-ahead log '{}-wal' is beside it; "
                      "ask its owner to open it once, or copy the database with its -wal file to a writable directory",
                      path, path));
    }
    meta.reset();
    sqlite3_close(s->db_);
    s->db_ = nullptr;
    if (sqlite3_open_v2(ImmutableUri(path).c_str(), &s->db_, flags | SQLITE_OPEN_URI, nullptr) != SQLITE_OK) {
      std::string msg = s->db_ ? sqlite3_errmsg(s->db_) : "out of memory";
      return Status::Io(fmt::format("cannot open database '{}': {}", path, msg));
    }
    meta = std::make_unique<Stmt>(s->db_, "SELECT value FROM meta WHERE key='schema_version'");
  }
  if (!meta->ok() && sqlite3_errcode(s->db_) != SQLITE_ERROR) {  // SQLITE_ERROR: no such table
    return Status::Io(fmt::format("cannot read database '{}': {}", path, sqlite3_errmsg(s->db_)));
  }
  Stmt& q = *meta;
  if (q.ok() && q.Step() == SQLITE_ROW) {
    int v = std::atoi(q.Text(0).c_str());
    q.Reset();
    if (v < 1 || v > kSchemaVersion) {
      return Status::Io(fmt::format("database '{}' has schema version {}; this ordo reads versions 1 to {}", path, v,
                                    kSchemaVersion));
    }
    s->version_ = v;
    if (!options.read_only) {
      if (Status st = s->Exec(kRuleSchema); !st.ok()) return st;
      if (v == 1) {
        if (Status st = s->Migrate(2, {kMigrate1To2, kVersion2Schema, kViewSchema}); !st.ok()) return st;
      }
      if (s->version_ == 2) {
        if (Status st = s->Migrate(3, {kMigrate2To3}); !st.ok()) return st;
      }
    }
    return s;
  }
  if (options.read_only) return Status::Io(fmt::format("'{}' is not an ordo database", path));
  Stmt tables(s->db_, "SELECT count(*) FROM sqlite_master WHERE type='table'");
  if (!tables.ok() || tables.Step() != SQLITE_ROW) {
    return Status::Io(fmt::format("'{}' is not a readable SQLite database: {}", path, sqlite3_errmsg(s->db_)));
  }
  if (tables.Int(0) != 0) return Status::Io(fmt::format("'{}' is a SQLite database but not an ordo database", path));
  if (Status st = s->BeginWrite(); !st.ok()) return st;
  for (const char* sql : {kSchema, kVersion2Schema, kViewSchema, kRuleSchema}) {
    if (Status st = s->Exec(sql); !st.ok()) return st;
  }
  if (Status st = s->Exec(fmt::format("INSERT INTO meta VALUES('schema_version','{}');", kSchemaVersion).c_str());
      !st.ok()) {
    return st;
  }
  if (Status st = s->Exec("COMMIT;"); !st.ok()) return st;
  s->version_ = kSchemaVersion;
  return s;
}

// One step of migration, in one transaction: the statements, then the new version number.
// From 1 to 2 the new columns stay NULL for old rows, which read as version 1 meant them
// (FactRow::known_from, RetractionRow::known_to); from 2 to 3 perspectives gain a note.
Status SqliteStore::Migrate(int to, std::initializer_list<const char*> statements) {
  if (Status st = BeginWrite(); !st.ok()) return st;
  for (const char* sql : statements) {
    if (Status st = Exec(sql); !st.ok()) {
      Exec("ROLLBACK;").ok();
      return Status::Io(fmt::format("cannot migrate '{}' to schema version {}: {}", path_, to, st.message()));
    }
  }
  if (Status st = Exec(fmt::format("UPDATE meta SET value='{}' WHERE key='schema_version';", to).c_str()); !st.ok()) {
    Exec("ROLLBACK;").ok();
    return st;
  }
  if (Status st = Exec("COMMIT;"); !st.ok()) return st;
  version_ = to;
  return Status::Ok();
}

namespace {

// Below this many facts a file is read by one connection: a second one would not pay for itself.
constexpr size_t kParallelFactRows = 200'000;

// Reads the fact rows with ids in [lo, hi] through conn, in id order.
Status ReadFacts(sqlite3* conn, int version, int64_t lo, int64_t hi, int reader, const LoadSink& sink) {
  if (lo > hi) return Status::Ok();
  Stmt q(conn, version >= 2
                   ? "SELECT id, subject_id, predicate_id, object_id, value_type, value, valid_from, valid_from_flags, "
                     "valid_to, valid_to_flags, perspective_id, qualifiers, order_id, row_order_id, correction, "
                     "known_from_id, sources FROM facts WHERE id BETWEEN ? AND ? ORDER BY id"
                   : "SELECT id, subject_id, predicate_id, object_id, value_type, value, valid_from, valid_from_flags, "
                     "valid_to, valid_to_flags, perspective_id, qualifiers, order_id, row_order_id, correction, "
                     "NULL, NULL FROM facts WHERE id BETWEEN ? AND ? ORDER BY id");
  if (!q.ok()) return Status::Io(fmt::format("cannot read facts: {}", sqlite3_errmsg(conn)));
  q.Bind(1, lo);
  q.Bind(2, hi);
  while (q.Step() == SQLITE_ROW) {
    FactRow r;
    const int64_t row = q.Int(0);
    if (Status st = q.Id(0, "facts", row, "id", &r.id); !st.ok()) return st;
    if (Status st = q.Id(1, "facts", row, "subject_id", &r.subject); !st.ok()) return st;
    if (Status st = q.Id(2, "facts", row, "predicate_id", &r.predicate); !st.ok()) return st;
    r.object = kNoObject;
    if (!q.IsNull(3)) {
      if (Status st = q.Id(3, "facts", row, "object_id", &r.object); !st.ok()) return st;
    }
    if (!q.IsNull(4)) {
      Value v;
      switch (static_cast<ValueType>(q.Int(4))) {
        case ValueType::kString: v.v = q.Text(5); break;
        case ValueType::kInteger: v.v = q.Int(5); break;
        case ValueType::kNumber: v.v = sqlite3_column_double(q.get(), 5); break;
        case ValueType::kBoolean: v.v = q.Int(5) != 0; break;
        case ValueType::kDate: {
          auto d = ParseFuzzyDate(q.Text(5));
          if (!d.ok()) return Status::Io("corrupt date value in facts");
          v.v = *d;
          break;
        }
        default: return Status::Io("corrupt value type in facts");
      }
      r.value = std::move(v);
    }
    r.from = FuzzyDate::Unpack(q.IsNull(6) ? Date::Min() : Date{static_cast<int32_t>(q.Int(6))},
                               static_cast<uint8_t>(q.Int(7)));
    r.to = FuzzyDate::Unpack(q.IsNull(8) ? Date::Max() : Date{static_cast<int32_t>(q.Int(8))},
                             static_cast<uint8_t>(q.Int(9)));
    r.perspective = 0;
    if (!q.IsNull(10)) {
      if (Status st = q.Id(10, "facts", row, "perspective_id", &r.perspective, 0); !st.ok()) return st;
    }
    auto quals = QualifiersFromJson(q.Text(11));
    if (!quals.ok())
      return Status::Io(fmt::format("corrupt database: table facts, row {}: {}", row, quals.status().message()));
    r.qualifiers = std::move(*quals);
    if (Status st = q.Id(12, "facts", row, "order_id", &r.order); !st.ok()) return st;
    if (Status st = q.Id(13, "facts", row, "row_order_id", &r.row_order); !st.ok()) return st;
    r.correction = q.Int(14) != 0;
    if (!q.IsNull(15)) {
      if (Status st = q.Id(15, "facts", row, "known_from_id", &r.known_from); !st.ok()) return st;
    }
    if (!q.IsNull(16)) {
      auto ids = nlohmann::json::parse(q.Text(16), nullptr, false);
      const auto bad = [&] {
        return Status::Io(
            fmt::format("corrupt database: table facts, row {}: sources holds {}, not a list of ids", row, q.Text(16)));
      };
      if (!ids.is_array()) return bad();
      for (const auto& id : ids) {
        if (!id.is_number_integer() || id.get<int64_t>() < 1 || id.get<int64_t>() > int64_t{kNoObject}) return bad();
        r.sources.push_back(static_cast<uint32_t>(id.get<int64_t>() - 1));
      }
    }
    if (Status st = sink.fact(reader, std::move(r)); !st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace

Status SqliteStore::Load(const LoadSink& sink) {
  // One snapshot for every table: a writer in another process cannot slip an order in between.
  if (Status st = Exec("BEGIN;"); !st.ok()) return st;
  Status st = LoadInSnapshot(sink);
  if (st.ok()) {  // inside the snapshot: the version of what was read
    auto v = DataVersion();
    if (v.ok())
      seen_version_ = *v;
    else
      st = v.status();
  }
  Exec(st.ok() ? "COMMIT;" : "ROLLBACK;").ok();  // read-only transaction: nothing to lose
  return st;
}

Status SqliteStore::LoadInSnapshot(const LoadSink& sink) {
  auto fail = [this](const char* what) {
    return Status::Io(fmt::format("cannot read {}: {}", what, sqlite3_errmsg(db_)));
  };
  {
    Stmt q(db_, "SELECT id, name, parent, note FROM kinds ORDER BY id");
    if (!q.ok()) return fail("kinds");
    while (q.Step() == SQLITE_ROW) {
      KindRow r{0, q.Text(1), q.Text(2), q.Text(3)};
      if (Status st = q.Id(0, "kinds", q.Int(0), "id", &r.id); !st.ok()) return st;
      if (Status st = sink.kind(std::move(r)); !st.ok()) return st;
    }
  }
  {
    Stmt q(db_,
           "SELECT id, name, is_attribute, value_type, exclusive, acyclic, subject_kinds, object_kinds, note "
           "FROM predicates ORDER BY id");
    if (!q.ok()) return fail("predicates");
    while (q.Step() == SQLITE_ROW) {
      PredicateRow r{0,
                     q.Text(1),
                     q.Int(2) != 0,
                     static_cast<ValueType>(q.Int(3)),
                     q.Int(4) != 0,
                     q.Int(5) != 0,
                     SplitKinds(q.Text(6)),
                     SplitKinds(q.Text(7)),
                     q.Text(8)};
      if (Status st = q.Id(0, "predicates", q.Int(0), "id", &r.id); !st.ok()) return st;
      if (Status st = sink.predicate(std::move(r)); !st.ok()) return st;
    }
  }
  {
    Stmt q(db_, version_ >= 3 ? "SELECT id, name, note FROM perspectives ORDER BY id"
                              : "SELECT id, name, NULL FROM perspectives ORDER BY id");
    if (!q.ok()) return fail("perspectives");
    while (q.Step() == SQLITE_ROW) {
      PerspectiveRow r{0, q.Text(1), q.Text(2)};
      if (Status st = q.Id(0, "perspectives", q.Int(0), "id", &r.id, 0); !st.ok()) return st;
      if (Status st = sink.perspective(std::move(r)); !st.ok()) return st;
    }
  }
  {
    Stmt q(db_, "SELECT id, key, kind_id FROM entities ORDER BY id");
    if (!q.ok()) return fail("entities");
    while (q.Step() == SQLITE_ROW) {
      EntityRow r{0, q.Text(1), 0};
      if (Status st = q.Id(0, "entities", q.Int(0), "id", &r.id); !st.ok()) return st;
      if (Status st = q.Id(2, "entities", q.Int(0), "kind_id", &r.kind); !st.ok()) return st;
      if (Status st = sink.entity(std::move(r)); !st.ok()) return st;
    }
  }
  {
    Stmt q(db_, version_ >= 2
                    ? "SELECT id, key, title, publisher, date, url, quote, note, original FROM sources ORDER BY id"
                    : "SELECT id, key, title, publisher, date, url, quote, note, NULL FROM sources ORDER BY id");
    if (!q.ok()) return fail("sources");
    while (q.Step() == SQLITE_ROW) {
      SourceRow r;
      if (Status st = q.Id(0, "sources", q.Int(0), "id", &r.id); !st.ok()) return st;
      r.decl.id = q.Text(1);
      r.decl.title = q.Text(2);
      r.decl.publisher = q.Text(3);
      auto d = ParseOptFuzzy(q.Text(4));
      if (!d.ok()) return d.status();
      r.decl.date = *d;
      r.decl.url = q.Text(5);
      r.decl.quote = q.Text(6);
      r.decl.note = q.Text(7);
      r.decl.original = q.Text(8);
      if (Status st = sink.source(std::move(r)); !st.ok()) return st;
    }
  }
  {
    Stmt src(db_, "SELECT source_id FROM order_sources WHERE order_id=? ORDER BY position");
    Stmt q(db_, version_ >= 2 ? "SELECT id, key, title, issuer, signed, effective, recorded_us, perspective, notes, "
                                "file, line, col, stored_us FROM orders ORDER BY id"
                              : "SELECT id, key, title, issuer, signed, effective, recorded_us, perspective, notes, "
                                "file, line, col, NULL FROM orders ORDER BY id");
    if (!q.ok() || !src.ok()) return fail("orders");
    while (q.Step() == SQLITE_ROW) {
      OrderRow r;
      if (Status st = q.Id(0, "orders", q.Int(0), "id", &r.id); !st.ok()) return st;
      r.key = q.Text(1);
      r.title = q.Text(2);
      r.issuer = q.Text(3);
      auto sd = ParseOptFuzzy(q.Text(4));
      auto ed = ParseOptFuzzy(q.Text(5));
      if (!sd.ok()) return sd.status();
      if (!ed.ok() || !ed->has_value()) return Status::Io("corrupt effective date in orders");
      r.signed_on = *sd;
      r.effective = **ed;
      r.recorded = Instant{q.Int(6)};
      r.perspective = q.Text(7);
      auto notes = nlohmann::json::parse(q.Text(8), nullptr, false);
      if (notes.is_array()) {
        for (const auto& n : notes) {
          if (n.is_string()) r.notes.push_back(n.get<std::string>());
        }
      }
      r.where.file = q.Text(9);
      r.where.begin.line = static_cast<uint32_t>(q.Int(10));
      r.where.begin.column = static_cast<uint32_t>(q.Int(11));
      if (!q.IsNull(12)) r.stored = Instant{q.Int(12)};
      src.Bind(1, q.Int(0));
      while (src.Step() == SQLITE_ROW) {
        uint32_t id = 0;
        if (Status st = src.Id(0, "order_sources", q.Int(0), "source_id", &id); !st.ok()) return st;
        r.sources.push_back(id);
      }
      src.Reset();
      if (Status st = sink.order(std::move(r)); !st.ok()) return st;
    }
  }
  {
    // Facts are the bulk of a file: large ones are read by two connections at once, each over
    // half of the ids. Rows are never updated once written, so the second connection, whose
    // snapshot may be newer, reads the same rows up to the count taken in this snapshot.
    const size_t n = RowCount("facts");
    if (sink.facts_begin) sink.facts_begin(n);
    sqlite3* second = nullptr;
    if (n >= kParallelFactRows && path_ != ":memory:" && !path_.empty()) {
      if (sqlite3_open_v2(path_.c_str(), &second, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
        sqlite3_close(second);
        second = nullptr;  // read everything on this connection
      }
    }
    const int64_t mid = second != nullptr ? static_cast<int64_t>(n / 2) : static_cast<int64_t>(n);
    Status upper;
    std::thread reader;
    if (second != nullptr) {
      reader = std::thread([&] { upper = ReadFacts(second, version_, mid + 1, static_cast<int64_t>(n), 1, sink); });
    }
    Status lower = ReadFacts(db_, version_, 1, mid, 0, sink);
    if (second != nullptr) {
      reader.join();
      sqlite3_close(second);
    }
    if (!lower.ok()) return lower;
    if (!upper.ok()) return upper;
  }
  {
    // Version 1's retractions first, then every cut in the order it was made: the last holds.
    Stmt q(db_, "SELECT fact_id, order_id FROM retractions ORDER BY order_id, fact_id");
    if (!q.ok()) return fail("retractions");
    while (q.Step() == SQLITE_ROW) {
      RetractionRow r{0, 0};
      r.table = "retractions";
      r.row = q.Int(0);
      if (Status st = q.Id(0, "retractions", r.row, "fact_id", &r.fact); !st.ok()) return st;
      if (Status st = q.Id(1, "retractions", r.row, "order_id", &r.order); !st.ok()) return st;
      if (Status st = sink.retraction(std::move(r)); !st.ok()) return st;
    }
  }
  if (version_ >= 2) {
    Stmt q(db_, "SELECT fact_id, order_id, known_to_id, id FROM cuts ORDER BY id");
    if (!q.ok()) return fail("cuts");
    while (q.Step() == SQLITE_ROW) {
      RetractionRow r{0, 0};
      r.table = "cuts";
      r.row = q.Int(3);
      if (Status st = q.Id(0, "cuts", r.row, "fact_id", &r.fact); !st.ok()) return st;
      if (Status st = q.Id(1, "cuts", r.row, "order_id", &r.order); !st.ok()) return st;
      if (Status st = q.Id(2, "cuts", r.row, "known_to_id", &r.known_to); !st.ok()) return st;
      if (Status st = sink.retraction(std::move(r)); !st.ok()) return st;
    }
  }
  return Status::Ok();
}

size_t SqliteStore::RowCount(const std::string& table) {
  const std::string sql = "SELECT max(id) FROM " + table;
  Stmt q(db_, sql.c_str());
  if (!q.ok() || q.Step() != SQLITE_ROW || q.IsNull(0)) return 0;
  return static_cast<size_t>(q.Int(0));
}

Status SqliteStore::BeginWrite() {
  const int rc = sqlite3_exec(db_, "BEGIN IMMEDIATE;", nullptr, nullptr, nullptr);
  if (rc == SQLITE_OK) return Status::Ok();
  if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
    return Status::Io("the database is busy: another process is writing it; retry");
  }
  return Status::Io(fmt::format("cannot begin a write: {}", sqlite3_errmsg(db_)));
}

Result<int64_t> SqliteStore::DataVersion() {
  Stmt& q = Cached("PRAGMA data_version");
  if (!q.ok() || q.Step() != SQLITE_ROW) {
    Status st = Status::Io(fmt::format("cannot read the file's version: {}", sqlite3_errmsg(db_)));
    q.Reset();
    return st;
  }
  const int64_t v = q.Int(0);
  q.Reset();  // a statement left on a row would hold its read transaction open, and its snapshot
  return v;
}

Result<bool> SqliteStore::ChangedElsewhere() {
  auto v = DataVersion();
  if (!v.ok()) return v.status();
  return *v != seen_version_;
}

Result<bool> SqliteStore::WriteIfCurrent(const BatchRows& rows) {
  if (read_only_) return Status::Invalid("the database is open read-only");
  if (Status st = BeginWrite(); !st.ok()) return st;
  auto v = DataVersion();
  if (!v.ok() || *v != seen_version_) {
    Exec("ROLLBACK;").ok();  // nothing was written
    if (!v.ok()) return v.status();
    return false;
  }
  if (Status st = WriteInTransaction(rows); !st.ok()) return st;
  return true;
}

Status SqliteStore::Write(const BatchRows& rows) {
  if (read_only_) return Status::Invalid("the database is open read-only");
  if (Status st = BeginWrite(); !st.ok()) return st;
  return WriteInTransaction(rows);
}

Status SqliteStore::WriteInTransaction(const BatchRows& rows) {
  auto fail = [this](const std::string& what) {
    std::string msg = fmt::format("cannot write {}: {}", what, sqlite3_errmsg(db_));
    Exec("ROLLBACK;").ok();  // best effort; the write already failed
    return Status::Io(msg);
  };
  {
    Stmt& q = Cached("INSERT INTO kinds(id, name, parent, note) VALUES(?,?,?,?)");
    for (const KindRow& r : rows.kinds) {
      q.Bind(1, int64_t{r.id} + 1);
      q.Bind(2, r.name);
      q.BindOpt(3, r.parent);
      q.BindOpt(4, r.note);
      if (q.Step() != SQLITE_DONE) return fail("kinds");
      q.Reset();
    }
  }
  {
    Stmt& q = Cached("INSERT INTO predicates VALUES(?,?,?,?,?,?,?,?,?)");
    for (const PredicateRow& r : rows.predicates) {
      q.Bind(1, int64_t{r.id} + 1);
      q.Bind(2, r.name);
      q.Bind(3, int64_t{r.is_attribute});
      q.Bind(4, static_cast<int64_t>(r.type));
      q.Bind(5, int64_t{r.exclusive});
      q.Bind(6, int64_t{r.acyclic});
      q.Bind(7, JoinKinds(r.subject_kinds));
      q.Bind(8, JoinKinds(r.object_kinds));
      q.BindOpt(9, r.note);
      if (q.Step() != SQLITE_DONE) return fail("predicates");
      q.Reset();
    }
  }
  {
    Stmt& q = Cached("INSERT INTO perspectives(id, name, note) VALUES(?,?,?)");
    for (const PerspectiveRow& r : rows.perspectives) {
      q.Bind(1, int64_t{r.id});
      q.Bind(2, r.name);
      if (r.note.empty()) {
        q.BindNull(3);
      } else {
        q.Bind(3, r.note);
      }
      if (q.Step() != SQLITE_DONE) return fail("perspectives");
      q.Reset();
    }
  }
  {
    Stmt& q = Cached("INSERT INTO entities(id, key, kind_id) VALUES(?,?,?)");
    for (const EntityRow& r : rows.entities) {
      q.Bind(1, int64_t{r.id} + 1);
      q.Bind(2, r.key);
      q.Bind(3, int64_t{r.kind} + 1);
      if (q.Step() != SQLITE_DONE) return fail("entities");
      q.Reset();
    }
  }
  {
    Stmt& q = Cached(
        "INSERT INTO sources(id, key, title, publisher, date, url, quote, note, original) VALUES(?,?,?,?,?,?,?,?,?)");
    for (const SourceRow& r : rows.sources) {
      q.Bind(1, int64_t{r.id} + 1);
      q.Bind(2, r.decl.id);
      q.Bind(3, r.decl.title);
      q.BindOpt(4, r.decl.publisher);
      q.BindOpt(5, FuzzyText(r.decl.date));
      q.BindOpt(6, r.decl.url);
      q.BindOpt(7, r.decl.quote);
      q.BindOpt(8, r.decl.note);
      q.BindOpt(9, r.decl.original);
      if (q.Step() != SQLITE_DONE) return fail("sources");
      q.Reset();
    }
  }
  {
    Stmt& q = Cached(
        "INSERT INTO orders(id, key, title, issuer, signed, effective, recorded_us, perspective, notes, file, "
        "line, col, stored_us) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?)");
    Stmt& s = Cached("INSERT INTO order_sources(order_id, position, source_id) VALUES(?,?,?)");
    for (const OrderRow& r : rows.orders) {
      q.Bind(1, int64_t{r.id} + 1);
      q.Bind(2, r.key);
      q.BindOpt(3, r.title);
      q.BindOpt(4, r.issuer);
      q.BindOpt(5, FuzzyText(r.signed_on));
      q.Bind(6, FormatFuzzyDate(r.effective));
      q.Bind(7, r.recorded.micros);
      q.BindOpt(8, r.perspective);
      q.Bind(9, nlohmann::json(r.notes).dump());
      q.BindOpt(10, r.where.file);
      q.Bind(11, int64_t{r.where.begin.line});
      q.Bind(12, int64_t{r.where.begin.column});
      if (r.stored)
        q.Bind(13, r.stored->micros);
      else
        q.BindNull(13);
      if (q.Step() != SQLITE_DONE) return fail("orders");
      q.Reset();
      for (size_t i = 0; i < r.sources.size(); ++i) {
        s.Bind(1, int64_t{r.id} + 1);
        s.Bind(2, static_cast<int64_t>(i));
        s.Bind(3, int64_t{r.sources[i]} + 1);
        if (s.Step() != SQLITE_DONE) return fail("order sources");
        s.Reset();
      }
    }
  }
  {
    Stmt& q = Cached(
        "INSERT INTO facts(id, subject_id, predicate_id, object_id, value_type, value, valid_from, "
        "valid_from_flags, valid_to, valid_to_flags, perspective_id, qualifiers, order_id, row_order_id, "
        "correction, known_from_id, sources) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const FactRow& r : rows.facts) {
      q.Bind(1, int64_t{r.id} + 1);
      q.Bind(2, int64_t{r.subject} + 1);
      q.Bind(3, int64_t{r.predicate} + 1);
      if (r.object == kNoObject)
        q.BindNull(4);
      else
        q.Bind(4, int64_t{r.object} + 1);
      if (r.value) {
        q.Bind(5, static_cast<int64_t>(r.value->type()));
        const auto& v = r.value->v;
        switch (r.value->type()) {
          case ValueType::kString: q.Bind(6, std::get<std::string>(v)); break;
          case ValueType::kInteger: q.Bind(6, std::get<int64_t>(v)); break;
          case ValueType::kNumber: q.Bind(6, std::get<double>(v)); break;
          case ValueType::kBoolean: q.Bind(6, int64_t{std::get<bool>(v)}); break;
          case ValueType::kDate: q.Bind(6, FormatFuzzyDate(std::get<FuzzyDate>(v))); break;
        }
      } else {
        q.BindNull(5);
        q.BindNull(6);
      }
      if (r.from.date.is_min())
        q.BindNull(7);
      else
        q.Bind(7, int64_t{r.from.date.days});
      q.Bind(8, int64_t{r.from.PackFlags()});
      if (r.to.date.is_max())
        q.BindNull(9);
      else
        q.Bind(9, int64_t{r.to.date.days});
      q.Bind(10, int64_t{r.to.PackFlags()});
      if (r.perspective == 0)
        q.BindNull(11);
      else
        q.Bind(11, int64_t{r.perspective});
      q.BindOpt(12, QualifiersToJson(r.qualifiers));
      q.Bind(13, int64_t{r.order} + 1);
      q.Bind(14, int64_t{r.row_order} + 1);
      q.Bind(15, int64_t{r.correction});
      q.Bind(16, int64_t{r.known_from == kNoObject ? r.row_order : r.known_from} + 1);
      if (r.sources.empty()) {
        q.BindNull(17);
      } else {
        nlohmann::json ids = nlohmann::json::array();
        for (uint32_t id : r.sources) ids.push_back(int64_t{id} + 1);
        q.Bind(17, ids.dump());
      }
      if (q.Step() != SQLITE_DONE) return fail("facts");
      q.Reset();
    }
  }
  {
    Stmt& q = Cached("INSERT INTO cuts(fact_id, order_id, known_to_id) VALUES(?,?,?)");
    for (const RetractionRow& r : rows.retractions) {
      q.Bind(1, int64_t{r.fact} + 1);
      q.Bind(2, int64_t{r.order} + 1);
      q.Bind(3, int64_t{r.known_to == kNoObject ? r.order : r.known_to} + 1);
      if (q.Step() != SQLITE_DONE) return fail("cuts");
      q.Reset();
    }
  }
  {
    Stmt& q = Cached("INSERT INTO rules(id, key, text, file, line, col, recorded_us) VALUES(?,?,?,?,?,?,?)");
    for (const RuleRow& r : rows.rules) {
      q.Bind(1, int64_t{r.id} + 1);
      q.Bind(2, r.key);
      q.Bind(3, r.text);
      q.BindOpt(4, r.where.file);
      q.Bind(5, int64_t{r.where.begin.line});
      q.Bind(6, int64_t{r.where.begin.column});
      q.Bind(7, r.recorded.micros);
      if (q.Step() != SQLITE_DONE) return fail("rules");
      q.Reset();
    }
  }
  if (Status st = WriteAlerts(rows.alerts); !st.ok()) {
    Exec("ROLLBACK;").ok();  // best effort; the write already failed
    return st;
  }
  if (sqlite3_exec(db_, "COMMIT;", nullptr, nullptr, nullptr) != SQLITE_OK) return fail("commit");
  return Status::Ok();
}

bool SqliteStore::HasTable(const char* name) {
  Stmt q(db_, "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?");
  q.Bind(1, std::string(name));
  return q.ok() && q.Step() == SQLITE_ROW;
}

// REQUIRES: inside a transaction.
Status SqliteStore::WriteAlerts(const std::vector<AlertRow>& alerts) {
  Stmt& q = Cached(
      "INSERT INTO alerts(scenario, rule, date, bindings, facts, order_key, recorded_us, quote, note) "
      "VALUES(?,?,?,?,?,?,?,?,?)");
  for (const AlertRow& a : alerts) {
    q.Bind(1, a.scenario);
    q.Bind(2, a.rule);
    q.Bind(3, int64_t{a.date.days});
    q.Bind(4, a.bindings);
    q.Bind(5, a.facts);
    q.Bind(6, a.order);
    q.Bind(7, a.recorded.micros);
    q.Bind(8, a.quote);
    q.Bind(9, a.note);
    if (q.Step() != SQLITE_DONE) return Status::Io(fmt::format("cannot write alerts: {}", sqlite3_errmsg(db_)));
    q.Reset();
  }
  return Status::Ok();
}

Status SqliteStore::LoadRules(std::vector<RuleRow>* out) {
  if (!HasTable("rules")) return Status::Ok();
  Stmt q(db_, "SELECT id, key, text, file, line, col, recorded_us FROM rules ORDER BY id");
  if (!q.ok()) return Status::Io(fmt::format("cannot read rules: {}", sqlite3_errmsg(db_)));
  while (q.Step() == SQLITE_ROW) {
    RuleRow r;
    r.id = static_cast<uint32_t>(q.Int(0) - 1);
    r.key = q.Text(1);
    r.text = q.Text(2);
    r.where.file = q.Text(3);
    r.where.begin = SourcePosition{static_cast<uint32_t>(q.Int(4)), static_cast<uint32_t>(q.Int(5))};
    r.where.end = r.where.begin;
    r.recorded = Instant{q.Int(6)};
    ParseResult parsed = ParseOrders(r.text, r.where.file);
    if (!parsed.ok() || parsed.batch.rules.size() != 1) {
      return Status::Io(fmt::format("corrupt database: rule '{}' does not parse", r.key));
    }
    r.decl = std::move(parsed.batch.rules.front());
    r.decl.where = r.where;
    out->push_back(std::move(r));
  }
  return Status::Ok();
}

Result<Batch> DecodeBatch(const ScenarioBatchRow& row) {
  ParseResult parsed = ParseOrders(row.text, row.file);
  if (!parsed.ok()) return Status::Io(fmt::format("stored batch {} ({}) no longer parses", row.seq, row.file));
  return std::move(parsed.batch);
}

Status SqliteStore::LoadAlerts(const std::string& scenario, std::vector<AlertRow>* out) {
  if (!HasTable("alerts")) return Status::Ok();
  Stmt q(db_,
         "SELECT scenario, rule, date, bindings, facts, order_key, recorded_us, quote, note FROM alerts "
         "WHERE scenario=? ORDER BY id");
  if (!q.ok()) return Status::Io(fmt::format("cannot read alerts: {}", sqlite3_errmsg(db_)));
  q.Bind(1, scenario);
  while (q.Step() == SQLITE_ROW) {
    AlertRow a;
    a.scenario = q.Text(0);
    a.rule = q.Text(1);
    a.date = Date{static_cast<int32_t>(q.Int(2))};
    a.bindings = q.Text(3);
    a.facts = q.Text(4);
    a.order = q.Text(5);
    a.recorded = Instant{q.Int(6)};
    a.quote = q.Text(7);
    a.note = q.Text(8);
    out->push_back(std::move(a));
  }
  return Status::Ok();
}

Status SqliteStore::LoadScenarios(std::vector<ScenarioRow>* scenarios, std::vector<ScenarioBatchRow>* batches) {
  if (!HasTable("scenarios")) return Status::Ok();
  {
    Stmt q(db_, "SELECT id, name, base_recorded_us, note, created_us, base_orders FROM scenarios ORDER BY id");
    if (!q.ok()) return Status::Io(fmt::format("cannot read scenarios: {}", sqlite3_errmsg(db_)));
    while (q.Step() == SQLITE_ROW) {
      scenarios->push_back(ScenarioRow{q.Int(0), q.Text(1), Instant{q.Int(2)}, q.Text(3), Instant{q.Int(4)}, q.Int(5)});
    }
  }
  Stmt q(db_, "SELECT scenario_id, seq, file, text, applied_us FROM scenario_batches ORDER BY scenario_id, seq");
  if (!q.ok()) return Status::Io(fmt::format("cannot read scenario batches: {}", sqlite3_errmsg(db_)));
  while (q.Step() == SQLITE_ROW) {
    batches->push_back(ScenarioBatchRow{q.Int(0), q.Int(1), q.Text(2), q.Text(3), Instant{q.Int(4)}});
  }
  return Status::Ok();
}

Result<int64_t> SqliteStore::AddScenario(const ScenarioRow& row) {
  if (read_only_) return Status::Invalid("the database is open read-only");
  Stmt q(db_, "INSERT INTO scenarios(name, base_recorded_us, note, created_us, base_orders) VALUES(?,?,?,?,?)");
  q.Bind(1, row.name);
  q.Bind(2, row.base_recorded.micros);
  q.Bind(3, row.note);
  q.Bind(4, row.created.micros);
  q.Bind(5, row.base_orders);
  const int rc = q.Step();
  if (rc == SQLITE_CONSTRAINT) return Status::Conflict(fmt::format("scenario '{}' already exists", row.name));
  if (rc != SQLITE_DONE) return Status::Io(fmt::format("cannot write scenario: {}", sqlite3_errmsg(db_)));
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Status SqliteStore::AddScenarioBatch(const ScenarioBatchRow& row, const std::vector<AlertRow>& alerts) {
  if (read_only_) return Status::Invalid("the database is open read-only");
  if (Status st = BeginWrite(); !st.ok()) return st;
  Stmt q(db_, "INSERT INTO scenario_batches(scenario_id, seq, file, text, applied_us) VALUES(?,?,?,?,?)");
  q.Bind(1, row.scenario_id);
  q.Bind(2, row.seq);
  q.Bind(3, row.file);
  q.Bind(4, row.text);
  q.Bind(5, row.applied.micros);
  Status st = q.Step() == SQLITE_DONE ? WriteAlerts(alerts)
                                      : Status::Io(fmt::format("cannot write scenario batch: {}", sqlite3_errmsg(db_)));
  if (st.ok()) st = Exec("COMMIT;");
  if (!st.ok()) Exec("ROLLBACK;").ok();  // best effort; the write already failed
  return st;
}

Status SqliteStore::RemoveScenario(int64_t id, const std::string& name) {
  if (read_only_) return Status::Invalid("the database is open read-only");
  if (Status st = BeginWrite(); !st.ok()) return st;
  Status st;
  for (const char* sql : {"DELETE FROM alerts WHERE scenario=?2", "DELETE FROM scenario_batches WHERE scenario_id=?1",
                          "DELETE FROM scenarios WHERE id=?1"}) {
    Stmt q(db_, sql);
    if (std::string_view(sql).find("?1") != std::string_view::npos) q.Bind(1, id);
    if (std::string_view(sql).find("?2") != std::string_view::npos) q.Bind(2, name);
    if (q.Step() != SQLITE_DONE) {
      st = Status::Io(fmt::format("cannot delete scenario: {}", sqlite3_errmsg(db_)));
      break;
    }
  }
  if (st.ok()) st = Exec("COMMIT;");
  if (!st.ok()) Exec("ROLLBACK;").ok();  // best effort; the write already failed
  return st;
}

}  // namespace ordo::store
