// PostgreSQL 15 through libpq: daterange for valid time, tstzrange for record time, a btree_gist
// exclusion constraint (territory WITH =, valid WITH &&, recorded WITH &&) and, for each query,
// the index that serves it best (partial b-trees over the current rows).
#include <libpq-fe.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "peer.h"

namespace ordo::bench {

namespace {

std::string InstantText(int64_t us) {
  const std::time_t s = static_cast<std::time_t>(us / 1'000'000);
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[48];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
  char out[64];
  std::snprintf(out, sizeof out, "%s.%06lld+00", buf, static_cast<long long>(us % 1'000'000));
  return out;
}

// GCC 12 warns falsely (-Wrestrict) about "literal" + std::string chains; append instead.
std::string ValidText(int32_t from, int32_t to) {
  std::string out(1, '[');
  out += DayText(from);
  out += ',';
  if (to != kOpenDay) out += DayText(to);
  out += ')';
  return out;
}

std::string RecordedText(int64_t from, int64_t to) {
  std::string out("[\"");
  out += InstantText(from);
  out += "\",";
  if (to != INT64_MAX) {
    out += '"';
    out += InstantText(to);
    out += '"';
  }
  out += ')';
  return out;
}

const char* const kPlacementIndexes[] = {
    ("ALTER TABLE {t} ADD CONSTRAINT {t}_no_overlap EXCLUDE USING gist "
     "(territory WITH =, valid WITH &&, recorded WITH &&)"),
    "CREATE INDEX {t}_point ON {t} (territory, lower(valid)) INCLUDE (district, valid) WHERE upper_inf(recorded)",
    "CREATE INDEX {t}_from ON {t} (lower(valid)) INCLUDE (territory) WHERE upper_inf(recorded)",
    "CREATE INDEX {t}_to ON {t} (upper(valid)) INCLUDE (territory) WHERE upper_inf(recorded)",
};

std::string Subst(std::string s, const std::string& table) {
  for (size_t pos; (pos = s.find("{t}")) != std::string::npos;) s.replace(pos, 3, table);
  return s;
}

class PostgresPeer : public Peer {
 public:
  explicit PostgresPeer(const std::string& conninfo) {
    c_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(c_) != CONNECTION_OK) throw std::runtime_error("postgres connect: " + std::string(PQerrorMessage(c_)));
  }
  ~PostgresPeer() override { PQfinish(c_); }
  std::string Name() const override { return "PostgreSQL"; }

  void Exec(const std::string& sql) {
    PGresult* r = PQexec(c_, sql.c_str());
    const auto st = PQresultStatus(r);
    std::string err = PQresultErrorMessage(r);
    PQclear(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) throw std::runtime_error("postgres: " + err + " in " + sql);
  }

  void Copy(const std::string& sql, const std::string& data) {
    PGresult* r = PQexec(c_, sql.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN)
      throw std::runtime_error("postgres copy: " + std::string(PQerrorMessage(c_)));
    PQclear(r);
    for (size_t off = 0; off < data.size(); off += 1 << 20) {
      const size_t n = std::min<size_t>(1 << 20, data.size() - off);
      if (PQputCopyData(c_, data.data() + off, static_cast<int>(n)) != 1)
        throw std::runtime_error("postgres copy data");
    }
    if (PQputCopyEnd(c_, nullptr) != 1) throw std::runtime_error("postgres copy end");
    while ((r = PQgetResult(c_)) != nullptr) {
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      std::string err = PQresultErrorMessage(r);
      PQclear(r);
      if (!ok) throw std::runtime_error("postgres copy: " + err);
    }
  }

  static std::string PlacementCopy(const std::vector<Placement>& rows, size_t begin, size_t end, int64_t rec_from,
                                   const std::vector<uint8_t>* corrected, int64_t fix) {
    std::string out;
    out.reserve((end - begin) * 96);
    for (size_t i = begin; i < end; ++i) {
      const Placement& p = rows[i];
      out += std::to_string(p.territory) + '\t' + std::to_string(p.district) + '\t' + ValidText(p.from, p.to) + '\t' +
             RecordedText(rec_from, corrected && (*corrected)[i] ? fix : INT64_MAX) + '\n';
    }
    return out;
  }

  void Load(const History& h) override {
    h_ = &h;
    Exec("SET client_min_messages = warning");
    Exec("CREATE EXTENSION IF NOT EXISTS btree_gist");
    Exec("DROP TABLE IF EXISTS placement, subordination, placement_ingest");
    Exec(
        "CREATE TABLE placement(territory int NOT NULL, district int NOT NULL, valid daterange NOT NULL, "
        "recorded tstzrange NOT NULL)");
    Exec(
        "CREATE TABLE subordination(unit int NOT NULL, parent int NOT NULL, valid daterange NOT NULL, "
        "recorded tstzrange NOT NULL)");
    Exec("SET synchronous_commit = off");
    Exec("SET maintenance_work_mem = '2GB'");
    Exec("BEGIN");
    Copy("COPY placement FROM STDIN",
         PlacementCopy(h.placements, 0, h.placements.size(), h.recorded_base_us, &h.corrected, h.recorded_fix_us));
    std::string fixes;
    for (const Correction& c : h.corrections) {
      const Placement& p = h.placements[c.index];
      fixes += std::to_string(p.territory) + '\t' + std::to_string(c.district) + '\t' + ValidText(p.from, p.to) + '\t' +
               RecordedText(h.recorded_fix_us, INT64_MAX) + '\n';
    }
    Copy("COPY placement FROM STDIN", fixes);
    std::string subs;
    for (const Subordination& s : h.subordinations) {
      subs += std::to_string(s.unit) + '\t' + std::to_string(s.parent) + '\t' + ValidText(s.from, s.to) + '\t' +
              RecordedText(h.recorded_base_us, INT64_MAX) + '\n';
    }
    Copy("COPY subordination FROM STDIN", subs);
    for (const char* sql : kPlacementIndexes) Exec(Subst(sql, "placement"));
    Exec(
        "ALTER TABLE subordination ADD CONSTRAINT subordination_no_overlap EXCLUDE USING gist "
        "(unit WITH =, valid WITH &&, recorded WITH &&)");
    Exec(
        "CREATE INDEX subordination_point ON subordination (unit, lower(valid)) INCLUDE (parent, valid) "
        "WHERE upper_inf(recorded)");
    Exec("COMMIT");
    Exec("VACUUM ANALYZE placement");
    Exec("VACUUM ANALYZE subordination");
    Exec("SET synchronous_commit = on");
    Prepare("point",
            "SELECT district FROM placement WHERE territory = $1::int AND upper_inf(recorded) "
            "AND valid @> $2::date");
    Prepare("asof",
            "SELECT district FROM placement WHERE territory = $1::int AND recorded @> $3::timestamptz "
            "AND valid @> $2::date");
    Prepare("snapshot", "SELECT territory, district FROM placement WHERE upper_inf(recorded) AND valid @> $1::date");
    Prepare("diff",
            "WITH cand AS ("
            " SELECT territory FROM placement WHERE upper_inf(recorded) AND lower(valid) > $1::date AND lower(valid) "
            "<= $2::date"
            " UNION SELECT territory FROM placement WHERE upper_inf(recorded) AND upper(valid) > $1::date AND "
            "upper(valid) <= $2::date)"
            " SELECT c.territory, a.district, b.district FROM cand c"
            " LEFT JOIN placement a ON a.territory = c.territory AND upper_inf(a.recorded) AND a.valid @> $1::date"
            " LEFT JOIN placement b ON b.territory = c.territory AND upper_inf(b.recorded) AND b.valid @> $2::date"
            " WHERE a.district IS DISTINCT FROM b.district");
    Prepare("path",
            "WITH RECURSIVE up(unit, depth) AS (SELECT $1::int, 0 UNION ALL"
            " SELECT s.parent, up.depth + 1 FROM up JOIN subordination s ON s.unit = up.unit"
            " AND upper_inf(s.recorded) AND s.valid @> $2::date)"
            " SELECT count(*) - 1, coalesce(sum(unit), 0) - $1::int FROM up");
  }

  void Prepare(const char* name, const std::string& sql) {
    PGresult* r = PQprepare(c_, name, sql.c_str(), 0, nullptr);
    const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    std::string err = PQresultErrorMessage(r);
    PQclear(r);
    if (!ok) throw std::runtime_error("postgres prepare " + std::string(name) + ": " + err);
    names_.push_back(name);
    sql_.push_back(sql);
  }

  // Runs a prepared statement; the caller PQclears the result.
  PGresult* Run(const char* name, std::initializer_list<std::string> params) {
    const char* v[4];
    int n = 0;
    for (const std::string& p : params) v[n++] = p.c_str();
    PGresult* r = PQexecPrepared(c_, name, n, v, nullptr, nullptr, 0);
    const auto st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
      std::string err = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("postgres " + std::string(name) + ": " + err);
    }
    return r;
  }

  int64_t One(PGresult* r) {
    int64_t v = PQntuples(r) > 0 && !PQgetisnull(r, 0, 0) ? std::atoll(PQgetvalue(r, 0, 0)) : -1;
    PQclear(r);
    return v;
  }

  int64_t PointLookup(uint32_t t, int32_t day) override { return One(Run("point", {std::to_string(t), DayText(day)})); }
  int64_t PointAsOf(uint32_t t, int32_t day) override {
    return One(
        Run("asof", {std::to_string(t), DayText(day), InstantText((h_->recorded_base_us + h_->recorded_fix_us) / 2)}));
  }
  Answer Rows(PGresult* r, int col) {
    Answer a;
    a.rows = static_cast<uint64_t>(PQntuples(r));
    for (int i = 0; i < PQntuples(r); ++i) a.checksum += static_cast<uint64_t>(std::atoll(PQgetvalue(r, i, col)));
    PQclear(r);
    return a;
  }
  Answer Snapshot(int32_t day) override { return Rows(Run("snapshot", {DayText(day)}), 1); }
  Answer Diff(int32_t d1, int32_t d2) override { return Rows(Run("diff", {DayText(d1), DayText(d2)}), 0); }
  Answer PathUp(uint32_t unit, int32_t day) override {
    PGresult* r = Run("path", {std::to_string(unit), DayText(day)});
    Answer a;
    a.rows = static_cast<uint64_t>(std::atoll(PQgetvalue(r, 0, 0)));
    a.checksum = static_cast<uint64_t>(std::atoll(PQgetvalue(r, 0, 1)));
    PQclear(r);
    return a;
  }

  void PrepareIngest(const IngestRows& rows, bool durable) override {
    Exec("DROP TABLE IF EXISTS placement_ingest");
    Exec(
        "CREATE TABLE placement_ingest(territory int NOT NULL, district int NOT NULL, valid daterange NOT NULL, "
        "recorded tstzrange NOT NULL)");
    for (const char* sql : kPlacementIndexes) Exec(Subst(sql, "placement_ingest"));
    Exec(durable ? "SET synchronous_commit = on" : "SET synchronous_commit = off");
    if (!ingest_prepared_) {
      PGresult* r = PQprepare(c_, "ingest",
                              "INSERT INTO placement_ingest VALUES($1::int, $2::int, $3::daterange, "
                              "tstzrange(now(), NULL))",
                              0, nullptr);
      PQclear(r);
      ingest_prepared_ = true;
    }
    const int64_t now =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
            .count();
    copy_ = PlacementCopy(rows.rows, 0, rows.rows.size(), now, nullptr, 0);
    params_.clear();
    for (const Placement& p : rows.rows) {
      params_.push_back({std::to_string(p.territory), std::to_string(p.district), ValidText(p.from, p.to)});
    }
  }
  void IngestBulk(const IngestRows&) override {
    Exec("BEGIN");
    Copy("COPY placement_ingest FROM STDIN", copy_);
    Exec("COMMIT");
  }
  void IngestTransaction(const IngestRows&, size_t begin, size_t end) override {
    Exec("BEGIN");
    for (size_t i = begin; i < end; ++i) {
      const char* v[3] = {params_[i][0].c_str(), params_[i][1].c_str(), params_[i][2].c_str()};
      PGresult* r = PQexecPrepared(c_, "ingest", 3, v, nullptr, nullptr, 0);
      const bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      std::string err = PQresultErrorMessage(r);
      PQclear(r);
      if (!ok) throw std::runtime_error("postgres ingest: " + err);
    }
    Exec("COMMIT");
  }
  void FinishIngest() override {
    Exec("DROP TABLE IF EXISTS placement_ingest");
    Exec("SET synchronous_commit = on");
    copy_.clear();
    params_.clear();
  }

  std::string Explain() override {
    const int32_t mid = h_->first_day + (h_->last_day - h_->first_day) / 2;
    auto quote = [](const std::string& x) {
      std::string q(1, '\'');
      q += x;
      q += '\'';
      return q;
    };
    const std::string d = quote(DayText(mid));
    const std::string asof = quote(InstantText((h_->recorded_base_us + h_->recorded_fix_us) / 2));
    const std::string args[] = {"(42, " + d + ")", "(42, " + d + ", " + asof + ")", "(" + d + ")",
                                "(" + d + ", " + quote(DayText(mid + 365)) + ")", "(99999, " + d + ")"};
    std::string out;
    for (size_t i = 0; i < names_.size(); ++i) {
      out += "-- " + names_[i] + "\n" + sql_[i] + "\n";
      PGresult* r = PQexec(c_, ("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE " + names_[i] + args[i]).c_str());
      for (int row = 0; row < PQntuples(r); ++row) out += std::string("  ") + PQgetvalue(r, row, 0) + "\n";
      if (PQresultStatus(r) != PGRES_TUPLES_OK) out += std::string("  error: ") + PQresultErrorMessage(r);
      PQclear(r);
      out += "\n";
    }
    return out;
  }

  uint64_t StorageBytes() override {
    PGresult* r = PQexec(c_, "SELECT pg_total_relation_size('placement') + pg_total_relation_size('subordination')");
    return static_cast<uint64_t>(One(r));
  }

 private:
  PGconn* c_ = nullptr;
  const History* h_ = nullptr;
  std::vector<std::string> names_, sql_;
  bool ingest_prepared_ = false;
  std::string copy_;
  std::vector<std::array<std::string, 3>> params_;
};

}  // namespace

std::unique_ptr<Peer> MakePostgresPeer(const std::string& conninfo) { return std::make_unique<PostgresPeer>(conninfo); }

}  // namespace ordo::bench
