#include "ordo_peer.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string_view>

namespace ordo::bench {

namespace {

FuzzyDate Day(int32_t d) { return FuzzyDate::Exact(Date{d}); }

template <typename T>
T Take(Result<T>&& r, const std::string& what) {
  if (!r.ok()) throw std::runtime_error(what + ": " + r.status().message());
  return std::move(*r);
}

// The number in a key such as "D0042".
// The number in a generated key ("T000123": 123).
uint64_t KeyNumber(std::string_view key) {
  uint64_t n = 0;
  for (char c : key.substr(1)) n = n * 10 + static_cast<uint64_t>(c - '0');
  return n;
}

Batch SchemaBatch() {
  Batch b;
  b.kinds = {KindDecl{"territory", "", "", {}}, KindDecl{"district", "", "", {}}, KindDecl{"unit", "", "", {}}};
  b.relations = {RelationDecl{kPlacedIn, {"territory"}, {"district"}, true, false, "", {}},
                 RelationDecl{kSubordinate, {"unit"}, {"unit"}, true, true, "", {}}};
  SourceDecl src;
  src.id = "bench";
  src.title = "generated history";
  b.sources = {src};
  return b;
}

}  // namespace

OrderDecl NewOrder(const std::string& id, int32_t effective, std::optional<Instant> recorded) {
  OrderDecl o;
  o.id = id;
  o.title = id;
  o.effective = Day(effective);
  o.recorded = recorded;
  o.sources = {"bench"};
  return o;
}

Op CreateOp(const std::string& kind, std::vector<std::string> keys) {
  Op op;
  op.kind = OpKind::kCreate;
  op.entity_kind = kind;
  op.subjects = std::move(keys);
  return op;
}

Op RelOp(OpKind kind, std::string subject, const char* pred, std::string object, int32_t from, int32_t to) {
  Op op;
  op.kind = kind;
  op.subjects = {std::move(subject)};
  op.predicate = pred;
  op.object = std::move(object);
  op.from = Day(from);
  if (to != kOpenDay) op.to = Day(to);
  return op;
}

OrderDecl PlacementOrder(const std::string& id, const std::vector<Placement>& rows, size_t begin, size_t end,
                         std::optional<Instant> recorded) {
  OrderDecl o = NewOrder(id, rows[begin].from, recorded);
  o.ops.reserve(end - begin);
  for (size_t i = begin; i < end; ++i) {
    const Placement& p = rows[i];
    o.ops.push_back(
        RelOp(OpKind::kAssign, TerritoryKey(p.territory), kPlacedIn, DistrictKey(p.district), p.from, p.to));
  }
  return o;
}

void ForEachHistoryBatch(const History& h, size_t chunk_facts, const std::function<void(Batch&&)>& apply) {
  const HistoryConfig& c = h.config;
  const Instant base{h.recorded_base_us}, fix{h.recorded_fix_us};
  Batch first = SchemaBatch();
  {
    OrderDecl o = NewOrder("create", h.created_day, base);
    std::vector<std::string> keys;
    for (uint32_t d = 0; d < c.districts; ++d) keys.push_back(DistrictKey(d));
    o.ops.push_back(CreateOp("district", std::move(keys)));
    keys.clear();
    for (uint32_t u = 0; u < c.units; ++u) keys.push_back(UnitKey(u));
    o.ops.push_back(CreateOp("unit", std::move(keys)));
    keys.clear();
    for (uint32_t t = 0; t < c.territories; ++t) keys.push_back(TerritoryKey(t));
    o.ops.push_back(CreateOp("territory", std::move(keys)));
    first.orders.push_back(std::move(o));
  }
  apply(std::move(first));
  for (size_t begin = 0; begin < h.placements.size(); begin += chunk_facts) {
    const size_t end = std::min(h.placements.size(), begin + chunk_facts);
    Batch b;
    b.orders.push_back(PlacementOrder("place-" + std::to_string(begin), h.placements, begin, end, base));
    apply(std::move(b));
  }
  {
    Batch b;
    OrderDecl o = NewOrder("subordinate", h.first_day, base);
    for (const Subordination& s : h.subordinations) {
      o.ops.push_back(RelOp(OpKind::kAssign, UnitKey(s.unit), kSubordinate, UnitKey(s.parent), s.from, s.to));
    }
    b.orders.push_back(std::move(o));
    apply(std::move(b));
  }
  {
    Batch b;
    OrderDecl o = NewOrder("corrections", h.first_day, fix);
    for (const Correction& x : h.corrections) {
      const Placement& p = h.placements[x.index];
      o.ops.push_back(
          RelOp(OpKind::kCorrect, TerritoryKey(p.territory), kPlacedIn, DistrictKey(x.district), p.from, p.to));
    }
    b.orders.push_back(std::move(o));
    apply(std::move(b));
  }
}

void OrdoPeer::Load(const History& h) {
  h_ = &h;
  Options opt;
  opt.sync = false;
  if (!path_.empty()) {
    std::filesystem::remove(path_);
    std::filesystem::remove(path_ + "-wal");
    std::filesystem::remove(path_ + "-shm");
  }
  db_ = Take(Database::Open(path_.empty() ? ":memory:" : path_, opt), "open");
  // One batch at a time: the orders of a 1e8-fact history would not fit in memory at once.
  ForEachHistoryBatch(h, 500'000, [this](Batch&& b) { Take(db_->Apply(b), "load"); });
  const HistoryConfig& c = h.config;
  placed_ = db_->PredicateHandle(kPlacedIn);
  subordinate_ = db_->PredicateHandle(kSubordinate);
  district_base_ = db_->EntityHandle(DistrictKey(0));
  unit_base_ = db_->EntityHandle(UnitKey(0));
  territory_.resize(c.territories);
  territory_key_.resize(c.territories);
  for (uint32_t t = 0; t < c.territories; ++t) {
    territory_key_[t] = TerritoryKey(t);
    territory_[t] = db_->EntityHandle(territory_key_[t]);
  }
  territory_base_ = territory_.empty() ? 0 : territory_[0];
  territories_consecutive_ = true;
  for (uint32_t t = 0; t < c.territories; ++t) territories_consecutive_ &= territory_[t] == territory_base_ + t;
  unit_.resize(c.units);
  unit_key_.resize(c.units);
  for (uint32_t u = 0; u < c.units; ++u) {
    unit_key_[u] = UnitKey(u);
    unit_[u] = db_->EntityHandle(unit_key_[u]);
  }
}

int64_t OrdoPeer::PointLookup(uint32_t t, int32_t day) {
  // The peers key on the territory's number itself; ordo's handles for the territories are
  // consecutive (one create), so the handle is computed as theirs is, without a table read.
  const uint32_t handle = territories_consecutive_ ? territory_base_ + t : territory_[t];
  const uint32_t d = db_->ObjectAt(handle, placed_, Date{day});
  return d == Database::kNone ? -1 : int64_t{d - district_base_};
}

int64_t OrdoPeer::PointLookupApi(uint32_t t, int32_t day) {
  View v;
  v.at = Date{day};
  auto r = Take(db_->Objects(territory_key_[t], kPlacedIn, v), "objects");
  return r.empty() ? -1 : static_cast<int64_t>(KeyNumber(r[0].object));
}

bool OrdoPeer::PointAsOfAt(uint32_t t, int32_t day, int64_t recorded_us, int64_t* out) {
  const uint32_t handle = territories_consecutive_ ? territory_base_ + t : territory_[t];
  const uint32_t d = db_->ObjectAsOf(handle, placed_, Date{day}, Instant{recorded_us});
  *out = d == Database::kNone ? -1 : int64_t{d - district_base_};
  return true;
}

int64_t OrdoPeer::PointAsOfApi(uint32_t t, int32_t day, int64_t recorded_us) {
  View v;
  v.at = Date{day};
  v.recorded = Instant{recorded_us};
  auto r = Take(db_->Objects(territory_key_[t], kPlacedIn, v), "objects as of");
  return r.empty() ? -1 : static_cast<int64_t>(KeyNumber(r[0].object));
}

int64_t OrdoPeer::PointAsOf(uint32_t t, int32_t day) {
  View v;
  v.at = Date{day};
  v.recorded = Instant{(h_->recorded_base_us + h_->recorded_fix_us) / 2};
  auto r = Take(db_->Objects(territory_key_[t], kPlacedIn, v), "objects as of");
  return r.empty() ? -1 : static_cast<int64_t>(KeyNumber(r[0].object));
}

Answer OrdoPeer::Snapshot(int32_t day) {
  db_->ObjectsAt(territory_, placed_, Date{day}, &snapshot_);
  Answer a;
  for (uint32_t d : snapshot_) {
    if (d == Database::kNone) continue;
    ++a.rows;
    a.checksum += d - district_base_;
  }
  return a;
}

Answer OrdoPeer::SnapshotApi(int32_t day) {
  View v;
  v.at = Date{day};
  // Borrowed, as the server answers GET /api/snapshot (BM_Snapshot in query_bench times the owned
  // answer).
  auto reading = db_->Read();
  auto r = Take(reading->Snapshot(kPlacedIn, v), "snapshot");
  Answer a;
  a.rows = r.size();
  for (const FactRef& f : r) a.checksum += KeyNumber(f.object);
  return a;
}

Answer OrdoPeer::Diff(int32_t d1, int32_t d2) {
  // Borrowed, as the server answers GET /api/diff.
  auto reading = db_->Read();
  auto r = Take(reading->Diff(Date{d1}, Date{d2}, kPlacedIn, View{}), "diff");
  Answer a;
  a.rows = r.changes.size();
  for (const ChangeRef& c : r.changes) a.checksum += KeyNumber(c.subject);
  return a;
}

Answer OrdoPeer::PathUp(uint32_t unit, int32_t day) {
  Answer a;
  uint32_t node = unit_[unit];
  for (uint32_t next; (next = db_->ObjectAt(node, subordinate_, Date{day})) != Database::kNone; node = next) {
    ++a.rows;
    a.checksum += next - unit_base_;
  }
  return a;
}

Answer OrdoPeer::PathUpApi(uint32_t unit, int32_t day) {
  View v;
  v.at = Date{day};
  auto r = Take(db_->PathUp(unit_key_[unit], kSubordinate, v), "path");
  Answer a;
  a.rows = r.size();
  for (const FactInfo& f : r) a.checksum += KeyNumber(f.object);
  return a;
}

void OrdoPeer::PrepareIngestSized(const IngestRows& rows, bool durable, size_t tx_size) {
  const std::string path = scratch_ + "/ordo-ingest.db";
  ingest_db_.reset();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  Options opt;
  opt.sync = durable;
  ingest_db_ = Take(Database::Open(path, opt), "open ingest");
  Batch b = SchemaBatch();
  OrderDecl o = NewOrder("create", h_ ? h_->created_day : -25567, std::nullopt);
  std::vector<std::string> keys;
  for (uint32_t d = 0; d < (h_ ? h_->config.districts : 1000); ++d) keys.push_back(DistrictKey(d));
  o.ops.push_back(CreateOp("district", std::move(keys)));
  keys.clear();
  for (uint32_t t = 0; t < rows.territory_count; ++t) keys.push_back(TerritoryKey(rows.first_territory + t));
  o.ops.push_back(CreateOp("territory", std::move(keys)));
  b.orders.push_back(std::move(o));
  Take(ingest_db_->Apply(b), "ingest setup");
  ingest_tx_size_ = tx_size;
  ingest_batches_.clear();
  const size_t step = tx_size == 0 ? rows.rows.size() : tx_size;
  for (size_t begin = 0; begin < rows.rows.size(); begin += step) {
    Batch x;
    x.orders.push_back(PlacementOrder("ingest-" + std::to_string(begin), rows.rows, begin,
                                      std::min(rows.rows.size(), begin + step), std::nullopt));
    ingest_batches_.push_back(std::move(x));
  }
}

void OrdoPeer::IngestBulk(const IngestRows&) {
  for (const Batch& b : ingest_batches_) Take(ingest_db_->Apply(b), "ingest");
}

void OrdoPeer::IngestTransaction(const IngestRows&, size_t begin, size_t) {
  Take(ingest_db_->Apply(ingest_batches_[begin / ingest_tx_size_]), "ingest order");
}

void OrdoPeer::FinishIngest() {
  ingest_db_.reset();
  ingest_batches_.clear();
}

uint64_t OrdoPeer::StorageBytes() {
  if (path_.empty()) return 0;
  uint64_t n = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    auto s = std::filesystem::file_size(path_ + suffix, ec);
    if (!ec) n += s;
  }
  return n;
}

double OrdoPeer::Reopen() {
  db_.reset();
  const auto t0 = std::chrono::steady_clock::now();
  db_ = Take(Database::Open(path_.empty() ? ":memory:" : path_, Options{}), "reopen");
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace ordo::bench
