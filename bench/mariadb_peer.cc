// MariaDB 10.11 through its client library: an application-time period `valid` with a
// WITHOUT OVERLAPS key, system versioning for record time (explicit, indexed row_start/row_end
// columns), and a covering index per query. Record time here is the server's clock: the
// corrections are applied by UPDATE after the base load, and "as of" asks for the instant
// between the two.
#include <mysql.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "peer.h"

namespace ordo::bench {

namespace {

std::string DateEnd(int32_t to) { return to == kOpenDay ? "9999-12-31" : DayText(to); }

int32_t DateInt(const std::string& d) {  // "1998-03-01" -> 19980301
  return std::atoi(d.substr(0, 4).c_str()) * 10000 + std::atoi(d.substr(5, 2).c_str()) * 100 +
         std::atoi(d.substr(8, 2).c_str());
}

// A prepared statement with string or integer parameters and integer results.
class MStmt {
 public:
  MStmt(MYSQL* db, const std::string& sql) : sql_(sql) {
    s_ = mysql_stmt_init(db);
    if (mysql_stmt_prepare(s_, sql.c_str(), sql.size()) != 0) {
      throw std::runtime_error("mariadb prepare: " + std::string(mysql_stmt_error(s_)) + " in " + sql);
    }
    n_ = mysql_stmt_param_count(s_);
    str_.resize(n_);
    len_.resize(n_);
    int_.resize(n_);
    is_int_.resize(n_);
  }
  ~MStmt() { mysql_stmt_close(s_); }
  MStmt(const MStmt&) = delete;
  MStmt& operator=(const MStmt&) = delete;
  const std::string& sql() const { return sql_; }

  MStmt& Str(size_t i, std::string v) {
    str_[i] = std::move(v);
    is_int_[i] = false;
    return *this;
  }
  MStmt& Int(size_t i, long long v) {
    int_[i] = v;
    is_int_[i] = true;
    return *this;
  }
  // Executes; then Fetch() yields rows of up to 4 integer columns.
  void Execute() {
    std::vector<MYSQL_BIND> b(n_);
    for (size_t i = 0; i < n_; ++i) {
      std::memset(&b[i], 0, sizeof(MYSQL_BIND));
      if (is_int_[i]) {
        b[i].buffer_type = MYSQL_TYPE_LONGLONG;
        b[i].buffer = &int_[i];
      } else {
        b[i].buffer_type = MYSQL_TYPE_STRING;
        b[i].buffer = str_[i].data();
        len_[i] = str_[i].size();
        b[i].buffer_length = len_[i];
        b[i].length = &len_[i];
      }
    }
    if ((n_ > 0 && mysql_stmt_bind_param(s_, b.data()) != 0) || mysql_stmt_execute(s_) != 0) {
      throw std::runtime_error("mariadb execute: " + std::string(mysql_stmt_error(s_)) + " in " + sql_);
    }
    cols_ = mysql_stmt_field_count(s_);
    if (cols_ > 0) {
      MYSQL_BIND r[4];
      std::memset(r, 0, sizeof r);
      for (unsigned i = 0; i < cols_ && i < 4; ++i) {
        r[i].buffer_type = MYSQL_TYPE_LONGLONG;
        r[i].buffer = &out_[i];
        r[i].is_null = &null_[i];
      }
      mysql_stmt_bind_result(s_, r);
    }
  }
  bool Fetch() {
    if (cols_ == 0) return false;
    int rc = mysql_stmt_fetch(s_);
    if (rc == 0 || rc == MYSQL_DATA_TRUNCATED) return true;
    if (rc == MYSQL_NO_DATA) return false;
    throw std::runtime_error("mariadb fetch: " + std::string(mysql_stmt_error(s_)));
  }
  void Done() {
    while (Fetch()) {
    }
    mysql_stmt_free_result(s_);
  }
  long long Col(int i) const { return null_[i] ? -1 : out_[i]; }
  MYSQL_STMT* get() { return s_; }

 private:
  std::string sql_;
  MYSQL_STMT* s_;
  size_t n_ = 0;
  unsigned cols_ = 0;
  std::vector<std::string> str_;
  std::vector<unsigned long> len_;
  std::vector<long long> int_;
  std::vector<bool> is_int_;
  long long out_[4] = {};
  my_bool null_[4] = {};
};

std::string PlacementTable(const std::string& name) {
  return "CREATE TABLE " + name +
         "(territory INT NOT NULL, district INT NOT NULL, valid_from DATE NOT NULL, valid_to DATE NOT NULL,"
         " row_start TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,"
         " row_end TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,"
         " PERIOD FOR valid(valid_from, valid_to), PERIOD FOR SYSTEM_TIME(row_start, row_end),"
         " UNIQUE KEY " +
         name +
         "_no_overlap (territory, valid WITHOUT OVERLAPS),"
         " KEY " +
         name +
         "_point (territory, row_end, valid_from, valid_to, district, row_start),"
         " KEY " +
         name +
         "_from (row_end, valid_from, territory),"
         " KEY " +
         name +
         "_to (row_end, valid_to, territory)"
         ") ENGINE=InnoDB WITH SYSTEM VERSIONING";
}

class MariaDbPeer : public Peer {
 public:
  explicit MariaDbPeer(const std::string& socket) {
    db_ = mysql_init(nullptr);
    unsigned int local = 1;
    mysql_optionsv(db_, MYSQL_OPT_LOCAL_INFILE, &local);
    if (!mysql_real_connect(db_, nullptr, "root", nullptr, nullptr, 0, socket.c_str(), 0)) {
      throw std::runtime_error("mariadb connect: " + std::string(mysql_error(db_)));
    }
    Exec("CREATE DATABASE IF NOT EXISTS ordo_bench");
    Exec("USE ordo_bench");
  }
  ~MariaDbPeer() override {
    stmts_.clear();
    ingest_.reset();
    mysql_close(db_);
  }
  std::string Name() const override { return "MariaDB"; }

  void Exec(const std::string& sql) {
    if (mysql_real_query(db_, sql.c_str(), sql.size()) != 0) {
      throw std::runtime_error("mariadb: " + std::string(mysql_error(db_)) + " in " + sql.substr(0, 300));
    }
    if (MYSQL_RES* r = mysql_store_result(db_)) mysql_free_result(r);
  }
  std::string Scalar(const std::string& sql) {
    if (mysql_real_query(db_, sql.c_str(), sql.size()) != 0) throw std::runtime_error(mysql_error(db_));
    MYSQL_RES* r = mysql_store_result(db_);
    MYSQL_ROW row = r ? mysql_fetch_row(r) : nullptr;
    std::string v = row && row[0] ? row[0] : "";
    if (r) mysql_free_result(r);
    return v;
  }

  void LoadFile(const std::string& table, const std::string& cols, const std::string& data) {
    const std::string path = "/tmp/ordo-bench-mariadb-" + table + ".tsv";
    {
      FILE* f = std::fopen(path.c_str(), "w");
      if (!f) throw std::runtime_error("cannot write " + path);
      std::fwrite(data.data(), 1, data.size(), f);
      std::fclose(f);
    }
    Exec("LOAD DATA LOCAL INFILE '" + path + "' INTO TABLE " + table + " (" + cols + ")");
    std::remove(path.c_str());
  }

  void Load(const History& h) override {
    h_ = &h;
    Exec("SET GLOBAL innodb_flush_log_at_trx_commit = 2");
    Exec("DROP TABLE IF EXISTS placement, subordination, placement_ingest");
    Exec(PlacementTable("placement"));
    Exec(
        "CREATE TABLE subordination(unit INT NOT NULL, parent INT NOT NULL, valid_from DATE NOT NULL,"
        " valid_to DATE NOT NULL,"
        " row_start TIMESTAMP(6) GENERATED ALWAYS AS ROW START INVISIBLE,"
        " row_end TIMESTAMP(6) GENERATED ALWAYS AS ROW END INVISIBLE,"
        " PERIOD FOR valid(valid_from, valid_to), PERIOD FOR SYSTEM_TIME(row_start, row_end),"
        " UNIQUE KEY subordination_no_overlap (unit, valid WITHOUT OVERLAPS),"
        " KEY subordination_point (unit, row_end, valid_from, valid_to, parent)"
        ") ENGINE=InnoDB WITH SYSTEM VERSIONING");
    std::string data;
    data.reserve(h.placements.size() * 32);
    for (const Placement& p : h.placements) {
      data += std::to_string(p.territory) + '\t' + std::to_string(p.district) + '\t' + DayText(p.from) + '\t' +
              DateEnd(p.to) + '\n';
    }
    Exec("BEGIN");
    LoadFile("placement", "territory, district, valid_from, valid_to", data);
    data.clear();
    for (const Subordination& s : h.subordinations) {
      data += std::to_string(s.unit) + '\t' + std::to_string(s.parent) + '\t' + DayText(s.from) + '\t' + DateEnd(s.to) +
              '\n';
    }
    LoadFile("subordination", "unit, parent, valid_from, valid_to", data);
    Exec("COMMIT");
    // Record time is the server's: remember an instant between the load and the corrections.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    asof_text_ = Scalar("SELECT NOW(6)");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    Exec("BEGIN");
    {
      MStmt fix(db_, "UPDATE placement SET district = ? WHERE territory = ? AND valid_from = ?");
      for (const Correction& c : h.corrections) {
        const Placement& p = h.placements[c.index];
        fix.Int(0, c.district).Int(1, p.territory).Str(2, DayText(p.from)).Execute();
      }
    }
    Exec("COMMIT");
    Exec("ANALYZE TABLE placement, subordination");
    Exec("SET GLOBAL innodb_flush_log_at_trx_commit = 1");

    point_ = Add("SELECT district FROM placement WHERE territory = ? AND valid_from <= ? AND valid_to > ?");
    asof_ = Add("SELECT district FROM placement FOR SYSTEM_TIME AS OF TIMESTAMP'" + asof_text_ +
                "' WHERE territory = ? AND valid_from <= ? AND valid_to > ?");
    snapshot_ = Add("SELECT territory, district FROM placement WHERE valid_from <= ? AND valid_to > ?");
    diff_ =
        Add("SELECT c.territory, a.district, b.district FROM (SELECT territory FROM placement"
            " WHERE valid_from > ? AND valid_from <= ? UNION SELECT territory FROM placement WHERE valid_to > ? AND "
            "valid_to <= ?) c"
            " LEFT JOIN placement a ON a.territory = c.territory AND a.valid_from <= ? AND a.valid_to > ?"
            " LEFT JOIN placement b ON b.territory = c.territory AND b.valid_from <= ? AND b.valid_to > ?"
            " WHERE NOT (a.district <=> b.district)");
    path_ =
        Add("WITH RECURSIVE up(unit, depth) AS (SELECT CAST(? AS INT), 0 UNION ALL"
            " SELECT s.parent, up.depth + 1 FROM up JOIN subordination s ON s.unit = up.unit"
            " AND s.valid_from <= ? AND s.valid_to > ?)"
            " SELECT count(*) - 1, sum(unit) - ? FROM up");
  }

  MStmt* Add(const std::string& sql) {
    stmts_.push_back(std::make_unique<MStmt>(db_, sql));
    return stmts_.back().get();
  }

  int64_t First(MStmt* s) {
    s->Execute();
    int64_t v = s->Fetch() ? s->Col(0) : -1;
    s->Done();
    return v;
  }
  int64_t PointLookup(uint32_t t, int32_t day) override {
    const std::string d = DayText(day);
    return First(&point_->Int(0, t).Str(1, d).Str(2, d));
  }
  int64_t PointAsOf(uint32_t t, int32_t day) override {
    const std::string d = DayText(day);
    return First(&asof_->Int(0, t).Str(1, d).Str(2, d));
  }
  Answer Rows(MStmt* s, int col) {
    Answer a;
    s->Execute();
    while (s->Fetch()) {
      ++a.rows;
      a.checksum += static_cast<uint64_t>(s->Col(col));
    }
    s->Done();
    return a;
  }
  Answer Snapshot(int32_t day) override {
    const std::string d = DayText(day);
    return Rows(&snapshot_->Str(0, d).Str(1, d), 1);
  }
  Answer Diff(int32_t d1, int32_t d2) override {
    const std::string a = DayText(d1), b = DayText(d2);
    diff_->Str(0, a).Str(1, b).Str(2, a).Str(3, b).Str(4, a).Str(5, a).Str(6, b).Str(7, b);
    return Rows(diff_, 0);
  }
  Answer PathUp(uint32_t unit, int32_t day) override {
    const std::string d = DayText(day);
    path_->Int(0, unit).Str(1, d).Str(2, d).Int(3, unit).Execute();
    Answer a;
    if (path_->Fetch()) {
      a.rows = static_cast<uint64_t>(path_->Col(0));
      a.checksum = static_cast<uint64_t>(path_->Col(1));
    }
    path_->Done();
    return a;
  }

  void PrepareIngest(const IngestRows& rows, bool durable) override {
    ingest_.reset();
    Exec("DROP TABLE IF EXISTS placement_ingest");
    Exec(PlacementTable("placement_ingest"));
    Exec(std::string("SET GLOBAL innodb_flush_log_at_trx_commit = ") + (durable ? "1" : "2"));
    ingest_ = std::make_unique<MStmt>(
        db_, "INSERT INTO placement_ingest(territory, district, valid_from, valid_to) VALUES(?, ?, ?, ?)");
    territory_.clear();
    district_.clear();
    from_.clear();
    to_.clear();
    for (const Placement& p : rows.rows) {
      territory_.push_back(p.territory);
      district_.push_back(p.district);
      from_.push_back(DateInt(DayText(p.from)));
      to_.push_back(p.to == kOpenDay ? 99991231 : DateInt(DayText(p.to)));
    }
  }
  // Array binding: one round trip per chunk of rows.
  void Insert(size_t begin, size_t end) {
    MYSQL_STMT* s = ingest_->get();
    MYSQL_BIND b[4];
    std::memset(b, 0, sizeof b);
    int32_t* cols[4] = {territory_.data(), district_.data(), from_.data(), to_.data()};
    for (size_t chunk = begin; chunk < end; chunk += 10'000) {
      unsigned int n = static_cast<unsigned int>(std::min<size_t>(10'000, end - chunk));
      for (int i = 0; i < 4; ++i) {
        b[i].buffer_type = MYSQL_TYPE_LONG;
        b[i].buffer = cols[i] + chunk;
      }
      mysql_stmt_attr_set(s, STMT_ATTR_ARRAY_SIZE, &n);
      if (mysql_stmt_bind_param(s, b) != 0 || mysql_stmt_execute(s) != 0) {
        throw std::runtime_error("mariadb ingest: " + std::string(mysql_stmt_error(s)));
      }
    }
  }
  void IngestBulk(const IngestRows& rows) override {
    Exec("BEGIN");
    Insert(0, rows.rows.size());
    Exec("COMMIT");
  }
  // One statement per fact, as an application applying an order would.
  void IngestTransaction(const IngestRows&, size_t begin, size_t end) override {
    Exec("BEGIN");
    MYSQL_STMT* s = ingest_->get();
    unsigned int one = 1;
    mysql_stmt_attr_set(s, STMT_ATTR_ARRAY_SIZE, &one);
    for (size_t i = begin; i < end; ++i) Insert(i, i + 1);
    Exec("COMMIT");
  }
  void FinishIngest() override {
    ingest_.reset();
    Exec("DROP TABLE IF EXISTS placement_ingest");
    Exec("SET GLOBAL innodb_flush_log_at_trx_commit = 1");
  }

  std::string Explain() override {
    const int32_t mid = h_->first_day + (h_->last_day - h_->first_day) / 2;
    const std::string d = "'" + DayText(mid) + "'", d2 = "'" + DayText(mid + 365) + "'";
    const char* names[] = {"point lookup (a)", "as of a record time (f)", "snapshot (b)", "diff (c)", "path (e)"};
    std::vector<std::vector<std::string>> args = {
        {"42", d, d}, {"42", d, d}, {d, d}, {d, d2, d, d2, d, d, d2, d2}, {"99999", d, d, "99999"}};
    std::string out;
    for (size_t i = 0; i < stmts_.size(); ++i) {
      std::string sql = stmts_[i]->sql();
      for (const std::string& a : args[i]) sql.replace(sql.find('?'), 1, a);
      out += "-- " + std::string(names[i]) + "\n" + stmts_[i]->sql() + "\n";
      for (const char* how : {"EXPLAIN ", "ANALYZE FORMAT=JSON "}) {
        if (mysql_real_query(db_, (how + sql).c_str(), std::strlen(how) + sql.size()) != 0) {
          out += std::string("  error: ") + mysql_error(db_) + "\n";
          continue;
        }
        MYSQL_RES* r = mysql_store_result(db_);
        if (!r) continue;
        const unsigned nf = mysql_num_fields(r);
        MYSQL_FIELD* f = mysql_fetch_fields(r);
        if (how[0] == 'E') {
          out += " ";
          for (unsigned c = 0; c < nf; ++c) out += std::string(" ") + f[c].name;
          out += "\n";
        }
        for (MYSQL_ROW row; (row = mysql_fetch_row(r));) {
          out += " ";
          for (unsigned c = 0; c < nf; ++c) out += std::string(" ") + (row[c] ? row[c] : "NULL");
          out += "\n";
        }
        mysql_free_result(r);
      }
      out += "\n";
    }
    return out;
  }

  uint64_t StorageBytes() override {
    return std::strtoull(Scalar("SELECT SUM(data_length + index_length) FROM information_schema.tables "
                                "WHERE table_schema = 'ordo_bench' AND table_name IN ('placement', 'subordination')")
                             .c_str(),
                         nullptr, 10);
  }

 private:
  MYSQL* db_ = nullptr;
  const History* h_ = nullptr;
  std::string asof_text_;
  std::vector<std::unique_ptr<MStmt>> stmts_;
  MStmt *point_ = nullptr, *asof_ = nullptr, *snapshot_ = nullptr, *diff_ = nullptr, *path_ = nullptr;
  std::unique_ptr<MStmt> ingest_;
  std::vector<int32_t> territory_, district_, from_, to_;
};

}  // namespace

std::unique_ptr<Peer> MakeMariaDbPeer(const std::string& socket_path) {
  return std::make_unique<MariaDbPeer>(socket_path);
}

}  // namespace ordo::bench
