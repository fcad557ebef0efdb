// SQLite 3.40: integer days, one covering index per table, partial indexes on the valid bounds
// of current rows for the diff, and a trigger that refuses overlapping rows (SQLite has no
// exclusion constraints).
#include <sqlite3.h>

#include <chrono>
#include <filesystem>

#include "peer.h"

namespace ordo::bench {

namespace {

constexpr const char* kMax = "9223372036854775807";  // open record end

class Stmt {
 public:
  Stmt(sqlite3* db, const std::string& sql) {
    if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s_, nullptr) != SQLITE_OK) {
      throw std::runtime_error("sqlite prepare: " + std::string(sqlite3_errmsg(db)) + " in " + sql);
    }
  }
  ~Stmt() { sqlite3_finalize(s_); }
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;
  sqlite3_stmt* get() { return s_; }
  Stmt& Bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  bool Row() {
    int rc = sqlite3_step(s_);
    if (rc == SQLITE_ROW) return true;
    if (rc != SQLITE_DONE)
      throw std::runtime_error("sqlite step: " + std::string(sqlite3_errmsg(sqlite3_db_handle(s_))));
    return false;
  }
  void Run() {
    while (Row()) {
    }
    sqlite3_reset(s_);
  }
  void Reset() { sqlite3_reset(s_); }
  int64_t Int(int i) { return sqlite3_column_int64(s_, i); }
  bool Null(int i) { return sqlite3_column_type(s_, i) == SQLITE_NULL; }

 private:
  sqlite3_stmt* s_ = nullptr;
};

std::string TableSql(const std::string& name) {
  return "CREATE TABLE " + name +
         "(territory INTEGER NOT NULL, district INTEGER NOT NULL, valid_from INTEGER NOT NULL, "
         "valid_to INTEGER NOT NULL, rec_from INTEGER NOT NULL, rec_to INTEGER NOT NULL);";
}

std::string IndexSql(const std::string& name) {
  return "CREATE INDEX " + name + "_cover ON " + name +
         "(territory, rec_to, valid_from, valid_to, rec_from, district);"
         "CREATE INDEX " +
         name + "_from ON " + name + "(valid_from, territory) WHERE rec_to = " + kMax + ";" + "CREATE INDEX " + name +
         "_to ON " + name + "(valid_to, territory) WHERE rec_to = " + kMax + ";" + "CREATE TRIGGER " + name +
         "_no_overlap BEFORE INSERT ON " + name + " WHEN EXISTS (SELECT 1 FROM " + name +
         " p WHERE p.territory = NEW.territory AND p.rec_to > NEW.rec_from AND p.rec_from < NEW.rec_to"
         " AND p.valid_from < NEW.valid_to AND NEW.valid_from < p.valid_to)"
         " BEGIN SELECT RAISE(ABORT, 'overlapping placement'); END;";
}

class SqlitePeer : public Peer {
 public:
  explicit SqlitePeer(std::string dir) : path_(dir + "/sqlite-peer.db") {}
  ~SqlitePeer() override {
    stmts_.clear();
    if (db_) sqlite3_close_v2(db_);
  }
  std::string Name() const override { return "SQLite"; }

  void Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err ? err : "?";
      sqlite3_free(err);
      throw std::runtime_error("sqlite: " + m + " in " + sql.substr(0, 200));
    }
  }

  void Load(const History& h) override {
    h_ = &h;
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
    if (sqlite3_open(path_.c_str(), &db_) != SQLITE_OK) throw std::runtime_error("sqlite open");
    Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-4194304; PRAGMA temp_store=MEMORY;");
    Exec(TableSql("placement"));
    Exec(
        "CREATE TABLE subordination(unit INTEGER NOT NULL, parent INTEGER NOT NULL, valid_from INTEGER NOT NULL, "
        "valid_to INTEGER NOT NULL, rec_from INTEGER NOT NULL, rec_to INTEGER NOT NULL);");
    Exec("BEGIN");
    {
      Stmt ins(db_, "INSERT INTO placement VALUES(?,?,?,?,?,?)");
      const int64_t kOpen = INT64_MAX;
      for (size_t i = 0; i < h.placements.size(); ++i) {
        const Placement& p = h.placements[i];
        ins.Bind(1, p.territory).Bind(2, p.district).Bind(3, p.from).Bind(4, p.to).Bind(5, h.recorded_base_us);
        ins.Bind(6, h.corrected[i] ? h.recorded_fix_us : kOpen).Run();
      }
      for (const Correction& c : h.corrections) {
        const Placement& p = h.placements[c.index];
        ins.Bind(1, p.territory).Bind(2, c.district).Bind(3, p.from).Bind(4, p.to).Bind(5, h.recorded_fix_us);
        ins.Bind(6, kOpen).Run();
      }
      Stmt sub(db_, "INSERT INTO subordination VALUES(?,?,?,?,?,?)");
      for (const Subordination& s : h.subordinations) {
        sub.Bind(1, s.unit).Bind(2, s.parent).Bind(3, s.from).Bind(4, s.to).Bind(5, h.recorded_base_us);
        sub.Bind(6, kOpen).Run();
      }
    }
    Exec(IndexSql("placement"));
    Exec("CREATE INDEX subordination_cover ON subordination(unit, rec_to, valid_from, valid_to, parent);");
    Exec("COMMIT; ANALYZE;");
    Prepare();
  }

  void Prepare() {
    const std::string cur = std::string(" rec_to = ") + kMax;
    point_ = Add("SELECT district FROM placement WHERE territory = ?1 AND" + cur +
                 " AND valid_from <= ?2 AND valid_to > ?2");
    asof_ =
        Add("SELECT district FROM placement WHERE territory = ?1 AND rec_to > ?3 AND rec_from <= ?3"
            " AND valid_from <= ?2 AND valid_to > ?2");
    snapshot_ =
        Add("SELECT territory, district FROM placement WHERE" + cur + " AND valid_from <= ?1 AND valid_to > ?1");
    diff_ =
        Add("WITH cand(territory) AS ("
            " SELECT territory FROM placement WHERE" +
            cur +
            " AND valid_from > ?1 AND valid_from <= ?2"
            " UNION SELECT territory FROM placement WHERE" +
            cur +
            " AND valid_to > ?1 AND valid_to <= ?2)"
            " SELECT territory, d1, d2 FROM (SELECT c.territory,"
            " (SELECT district FROM placement a WHERE a.territory = c.territory AND a." +
            cur.substr(1) +
            " AND a.valid_from <= ?1 AND a.valid_to > ?1) AS d1,"
            " (SELECT district FROM placement b WHERE b.territory = c.territory AND b." +
            cur.substr(1) + " AND b.valid_from <= ?2 AND b.valid_to > ?2) AS d2 FROM cand c) WHERE d1 IS NOT d2");
    // The recursive step is a scalar subquery: as a join, SQLite 3.40 builds a Bloom filter over
    // the whole subordination table at every step (8 ms a path instead of microseconds).
    path_q_ =
        Add("WITH RECURSIVE up(unit, depth) AS (SELECT ?1, 0 UNION ALL"
            " SELECT (SELECT s.parent FROM subordination s WHERE s.unit = up.unit AND s." +
            cur.substr(1) +
            " AND s.valid_from <= ?2 AND s.valid_to > ?2), up.depth + 1 FROM up WHERE up.unit IS NOT NULL)"
            " SELECT count(unit) - 1, sum(unit) - ?1 FROM up");
  }

  Stmt* Add(const std::string& sql) {
    stmts_.push_back(std::make_unique<Stmt>(db_, sql));
    sql_.push_back(sql);
    return stmts_.back().get();
  }

  int64_t PointLookup(uint32_t t, int32_t day) override {
    point_->Bind(1, t).Bind(2, day);
    int64_t d = point_->Row() ? point_->Int(0) : -1;
    point_->Reset();
    return d;
  }
  int64_t PointAsOf(uint32_t t, int32_t day) override {
    asof_->Bind(1, t).Bind(2, day).Bind(3, (h_->recorded_base_us + h_->recorded_fix_us) / 2);
    int64_t d = asof_->Row() ? asof_->Int(0) : -1;
    asof_->Reset();
    return d;
  }
  bool PointAsOfAt(uint32_t t, int32_t day, int64_t recorded_us, int64_t* out) override {
    asof_->Bind(1, t).Bind(2, day).Bind(3, recorded_us);
    *out = asof_->Row() ? asof_->Int(0) : -1;
    asof_->Reset();
    return true;
  }
  Answer Snapshot(int32_t day) override {
    Answer a;
    snapshot_->Bind(1, day);
    while (snapshot_->Row()) {
      ++a.rows;
      a.checksum += static_cast<uint64_t>(snapshot_->Int(1));
    }
    snapshot_->Reset();
    return a;
  }
  Answer Diff(int32_t d1, int32_t d2) override {
    Answer a;
    diff_->Bind(1, d1).Bind(2, d2);
    while (diff_->Row()) {
      ++a.rows;
      a.checksum += static_cast<uint64_t>(diff_->Int(0));
    }
    diff_->Reset();
    return a;
  }
  Answer PathUp(uint32_t unit, int32_t day) override {
    path_q_->Bind(1, unit).Bind(2, day);
    Answer a;
    if (path_q_->Row()) {
      a.rows = static_cast<uint64_t>(path_q_->Int(0));
      a.checksum = static_cast<uint64_t>(path_q_->Int(1));
    }
    path_q_->Reset();
    return a;
  }

  void PrepareIngest(const IngestRows&, bool durable) override {
    ingest_.reset();
    Exec("DROP TABLE IF EXISTS placement_ingest;");
    Exec(TableSql("placement_ingest"));
    Exec(IndexSql("placement_ingest"));
    Exec(durable ? "PRAGMA synchronous=FULL;" : "PRAGMA synchronous=NORMAL;");
    ingest_ = std::make_unique<Stmt>(db_, "INSERT INTO placement_ingest VALUES(?,?,?,?,?," + std::string(kMax) + ")");
  }
  void Insert(const IngestRows& rows, size_t begin, size_t end) {
    const int64_t now =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    Exec("BEGIN");
    for (size_t i = begin; i < end; ++i) {
      const Placement& p = rows.rows[i];
      ingest_->Bind(1, p.territory).Bind(2, p.district).Bind(3, p.from).Bind(4, p.to).Bind(5, now).Run();
    }
    Exec("COMMIT");
  }
  void IngestBulk(const IngestRows& rows) override { Insert(rows, 0, rows.rows.size()); }
  void IngestTransaction(const IngestRows& rows, size_t begin, size_t end) override { Insert(rows, begin, end); }
  void FinishIngest() override {
    ingest_.reset();
    Exec("DROP TABLE IF EXISTS placement_ingest; PRAGMA synchronous=NORMAL;");
  }

  std::string Explain() override {
    std::string out;
    const char* names[] = {"point lookup (a)", "as of a record time (f)", "snapshot (b)", "diff (c)", "path (e)"};
    for (size_t i = 0; i < sql_.size(); ++i) {
      out += "-- " + std::string(names[i]) + "\n" + sql_[i] + "\n";
      Stmt q(db_, "EXPLAIN QUERY PLAN " + sql_[i]);
      for (int p = 1; p <= 3; ++p) q.Bind(p, 0);
      while (q.Row()) {
        out += "  " + std::to_string(q.Int(0)) + " " + std::to_string(q.Int(1)) + " " +
               reinterpret_cast<const char*>(sqlite3_column_text(q.get(), 3)) + "\n";
      }
      out += "\n";
    }
    return out;
  }

  uint64_t StorageBytes() override {
    Stmt q(db_, "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()");
    return q.Row() ? static_cast<uint64_t>(q.Int(0)) : 0;
  }

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
  const History* h_ = nullptr;
  std::vector<std::unique_ptr<Stmt>> stmts_;
  std::vector<std::string> sql_;
  Stmt *point_ = nullptr, *asof_ = nullptr, *snapshot_ = nullptr, *diff_ = nullptr, *path_q_ = nullptr;
  std::unique_ptr<Stmt> ingest_;
};

}  // namespace

std::unique_ptr<Peer> MakeSqlitePeer(const std::string& dir) { return std::make_unique<SqlitePeer>(dir); }

}  // namespace ordo::bench
