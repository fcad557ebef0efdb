// ordo as a system under test: answers through the fast path (dense handles, ObjectAt) where
// the public API has one, and through the string API (FactInfo) otherwise; both are measured.
#ifndef ORDO_BENCH_ORDO_PEER_H_
#define ORDO_BENCH_ORDO_PEER_H_

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "ordo/database.h"
#include "peer.h"

namespace ordo::bench {

inline constexpr const char* kPlacedIn = "in-district";
inline constexpr const char* kSubordinate = "subordinate-to";

// Hands apply, one at a time, the batches that load a History: the schema and the entities, the
// placements in chunks of chunk_facts facts (one order per chunk), the subordinations, then the
// corrections.
void ForEachHistoryBatch(const History& h, size_t chunk_facts, const std::function<void(Batch&&)>& apply);
// The parts of a batch, built without parsing text. An order citing the source "bench",
// effective on day `effective` (days since 1970-01-01); recorded absent: at apply time.
OrderDecl NewOrder(const std::string& id, int32_t effective, std::optional<Instant> recorded);
// Creates the entities keys of kind.
Op CreateOp(const std::string& kind, std::vector<std::string> keys);
// subject pred -> object over [from, to) (to == kOpenDay: open-ended).
Op RelOp(OpKind kind, std::string subject, const char* pred, std::string object, int32_t from, int32_t to);
// An order asserting rows[begin, end) with explicit valid intervals.
OrderDecl PlacementOrder(const std::string& id, const std::vector<Placement>& rows, size_t begin, size_t end,
                         std::optional<Instant> recorded);

class OrdoPeer : public Peer {
 public:
  // path: the database file ("" for :memory:); scratch: a directory for the ingest databases.
  OrdoPeer(std::string path, std::string scratch) : path_(std::move(path)), scratch_(std::move(scratch)) {}
  std::string Name() const override { return "ordo"; }
  void Load(const History& h) override;
  int64_t PointLookup(uint32_t t, int32_t day) override;
  int64_t PointAsOf(uint32_t t, int32_t day) override;
  bool PointAsOfAt(uint32_t t, int32_t day, int64_t recorded_us, int64_t* out) override;  // the fast path
  Answer Snapshot(int32_t day) override;
  Answer Diff(int32_t d1, int32_t d2) override;
  Answer PathUp(uint32_t unit, int32_t day) override;
  void PrepareIngest(const IngestRows& rows, bool durable) override { PrepareIngestSized(rows, durable, 0); }
  void PrepareIngestSized(const IngestRows& rows, bool durable, size_t tx_size);
  void IngestBulk(const IngestRows& rows) override;
  void IngestTransaction(const IngestRows& rows, size_t begin, size_t end) override;
  void FinishIngest() override;
  uint64_t StorageBytes() override;

  // The string API for the same questions.
  int64_t PointLookupApi(uint32_t t, int32_t day);
  int64_t PointAsOfApi(uint32_t t, int32_t day, int64_t recorded_us);
  Answer SnapshotApi(int32_t day);
  Answer PathUpApi(uint32_t unit, int32_t day);

  // Closes the database and opens it again; returns the seconds Open took.
  double Reopen();
  Database& db() { return *db_; }

 private:
  std::string path_, scratch_;
  std::unique_ptr<Database> db_;
  const History* h_ = nullptr;
  std::vector<uint32_t> territory_, unit_;
  std::vector<std::string> territory_key_, unit_key_;
  std::vector<uint32_t> snapshot_;  // reused by Snapshot, as a server would reuse its buffer
  uint32_t district_base_ = 0, unit_base_ = 0, placed_ = 0, subordinate_ = 0;
  uint32_t territory_base_ = 0;
  bool territories_consecutive_ = false;
  // ingest
  std::unique_ptr<Database> ingest_db_;
  std::vector<Batch> ingest_batches_;
  size_t ingest_tx_size_ = 0;
};

}  // namespace ordo::bench

#endif  // ORDO_BENCH_ORDO_PEER_H_
