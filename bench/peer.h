// One system under test: ordo or a peer database, loaded with a History and asked the
// benchmark's questions. Every answer is reduced to numbers (a district id, a row count, a
// checksum) so that the harness can check that all systems agree before it compares times.
// Failures throw std::runtime_error: the harness is a tool, not a library.
#ifndef ORDO_BENCH_PEER_H_
#define ORDO_BENCH_PEER_H_

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "history.h"

namespace ordo::bench {

// Rows to ingest: placements of territories that exist only for the ingest test.
struct IngestRows {
  std::vector<Placement> rows;
  uint32_t first_territory = 0;  // territories first_territory .. first_territory + count - 1
  uint32_t territory_count = 0;
};

struct Answer {
  uint64_t rows = 0;      // rows returned (snapshot, diff, path length)
  uint64_t checksum = 0;  // sum of the ids returned
};

class Peer {
 public:
  virtual ~Peer() = default;
  virtual std::string Name() const = 0;
  // Creates the schema and loads h (untimed by the harness except as "bulk load").
  virtual void Load(const History& h) = 0;

  // (a) the district of territory t at day, as currently recorded; -1 when none.
  virtual int64_t PointLookup(uint32_t t, int32_t day) = 0;
  // (f) the same, as recorded at an instant between the base load and the corrections.
  virtual int64_t PointAsOf(uint32_t t, int32_t day) = 0;
  // (f) as recorded at recorded_us (µs since 1970 on the History's clock), a record time drawn
  // for each query. false when the peer cannot ask at such a time (MariaDB's record time is its
  // own transaction clock); *out: the district, -1 when none.
  virtual bool PointAsOfAt(uint32_t /*t*/, int32_t /*day*/, int64_t /*recorded_us*/, int64_t* /*out*/) { return false; }
  // (b) every (territory, district) at day.
  virtual Answer Snapshot(int32_t day) = 0;
  // (c) territories whose district differs between d1 < d2 (net change).
  virtual Answer Diff(int32_t d1, int32_t d2) = 0;
  // (e) the chain of superiors of unit at day, up to the root.
  virtual Answer PathUp(uint32_t unit, int32_t day) = 0;

  // (d) ingest into an empty placement table with every constraint live. durable selects the
  // peer's strict durability setting (fsync at every commit) or its relaxed one.
  virtual void PrepareIngest(const IngestRows& rows, bool durable) = 0;
  // All rows in one transaction.
  virtual void IngestBulk(const IngestRows& rows) = 0;
  // rows[begin, end) as one transaction (an order of end - begin facts).
  virtual void IngestTransaction(const IngestRows& rows, size_t begin, size_t end) = 0;
  virtual void FinishIngest() {}

  // Plans of the queries, as the peer explains them ("" for ordo).
  virtual std::string Explain() { return ""; }
  // Bytes of the loaded placement and subordination data (file or relation sizes).
  virtual uint64_t StorageBytes() = 0;
};

std::unique_ptr<Peer> MakeSqlitePeer(const std::string& dir);
#ifdef ORDO_BENCH_WITH_PG
std::unique_ptr<Peer> MakePostgresPeer(const std::string& conninfo);
#endif
#ifdef ORDO_BENCH_WITH_MARIADB
std::unique_ptr<Peer> MakeMariaDbPeer(const std::string& socket_path);
#endif

}  // namespace ordo::bench

#endif  // ORDO_BENCH_PEER_H_
