// What one batch of n new facts of one relation costs, per fact, as n grows (issue 21: "batches
// cost linear time in their size"; docs/benchmarks.md, "Batches of one relation"). Each
// iteration opens a fresh database file (relaxed sync, as the bulk ingest), declares the schema
// and creates the entities untimed, then times one Apply:
// - BM_BatchAssign: one order of n `assign` operations, territory i -> one of 8 districts;
// - BM_BatchMembers: one order of n `assign` operations of one subject, district 0 -> territory
//   i, through a many-valued relation (an alliance's members, a district's list of territories);
// - BM_BatchHistory: one order of n `assign` operations of one subject over n consecutive days
//   of an exclusive relation (a long history of one key);
// - BM_BatchOrders: n orders of one `assign` (as BM_BatchAssign's) each;
// - BM_BatchMoves: one order of one `assign` and n - 1 `move`s of one subject, a day apart, each
//   open-ended (a key moved again and again: every move supersedes the row before).
// - BM_SmallOrder: orders of one `assign` each, applied one Apply at a time (what a client's
//   write costs, issue 21's "small orders"), relaxed sync, into a record of 10,000 territories.
//   build/bench/batch_bench --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "ordo_peer.h"

namespace ordo::bench {
namespace {

constexpr uint32_t kDistricts = 8;
constexpr int32_t kDay = 20'000;  // 2024-10-04
constexpr const char* kIncludes = "includes";

template <typename T>
T Take(Result<T>&& r, const char* what) {
  if (!r.ok()) throw std::runtime_error(std::string(what) + ": " + r.status().message());
  return std::move(*r);
}

std::string DbPath() {
  const char* dir = std::getenv("TMPDIR");
  return std::string(dir ? dir : "/tmp") + "/ordo-batch-bench.db";
}

std::unique_ptr<Database> FreshDatabase() {
  const std::string path = DbPath();
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  Options opt;
  opt.sync = false;
  return Take(Database::Open(path, opt), "open");
}

Op Place(uint32_t territory) {
  return RelOp(OpKind::kAssign, TerritoryKey(territory), kPlacedIn, DistrictKey(territory % kDistricts), kDay,
               kOpenDay);
}

// The schema, the districts and the n territories.
Batch Setup(uint32_t n) {
  Batch b;
  b.kinds = {KindDecl{"territory", "", "", {}}, KindDecl{"district", "", "", {}}};
  b.relations = {RelationDecl{kPlacedIn, {"territory"}, {"district"}, true, false, "", {}},
                 RelationDecl{kIncludes, {"district"}, {"territory"}, false, false, "", {}}};
  SourceDecl src;
  src.id = "bench";
  src.title = "generated batch";
  b.sources = {src};
  OrderDecl o = NewOrder("create", 0, std::nullopt);
  std::vector<std::string> keys;
  for (uint32_t d = 0; d < kDistricts; ++d) keys.push_back(DistrictKey(d));
  o.ops.push_back(CreateOp("district", std::move(keys)));
  keys.clear();
  for (uint32_t t = 0; t < n; ++t) keys.push_back(TerritoryKey(t));
  o.ops.push_back(CreateOp("territory", std::move(keys)));
  b.orders.push_back(std::move(o));
  return b;
}

enum class Shape { kAssign, kMembers, kHistory, kOrders, kMoves };

Batch Timed(uint32_t n, Shape shape) {
  Batch b;
  if (shape == Shape::kOrders) {
    for (uint32_t t = 0; t < n; ++t) {
      OrderDecl o = NewOrder("place-" + std::to_string(t), kDay, std::nullopt);
      o.ops.push_back(Place(t));
      b.orders.push_back(std::move(o));
    }
    return b;
  }
  OrderDecl o = NewOrder("place", kDay, std::nullopt);
  for (uint32_t i = 0; i < n; ++i) {
    switch (shape) {
      case Shape::kAssign: o.ops.push_back(Place(i)); break;
      case Shape::kMembers:
        o.ops.push_back(RelOp(OpKind::kAssign, DistrictKey(0), kIncludes, TerritoryKey(i), kDay, kOpenDay));
        break;
      case Shape::kHistory: {
        const int32_t day = kDay + static_cast<int32_t>(i);
        o.ops.push_back(RelOp(OpKind::kAssign, TerritoryKey(0), kPlacedIn, DistrictKey(i % kDistricts), day, day + 1));
        break;
      }
      case Shape::kMoves: {
        const int32_t day = kDay + static_cast<int32_t>(i);
        o.ops.push_back(RelOp(i == 0 ? OpKind::kAssign : OpKind::kMove, TerritoryKey(0), kPlacedIn,
                              DistrictKey(i % kDistricts), day, kOpenDay));
        break;
      }
      case Shape::kOrders: break;
    }
  }
  b.orders.push_back(std::move(o));
  return b;
}

void Run(benchmark::State& state, Shape shape) {
  const auto n = static_cast<uint32_t>(state.range(0));
  const Batch batch = Timed(n, shape);
  for (auto _ : state) {
    state.PauseTiming();
    std::unique_ptr<Database> db = FreshDatabase();
    Take(db->Apply(Setup(n)), "setup");
    state.ResumeTiming();
    const ApplySummary s = Take(db->Apply(batch), "batch");
    state.PauseTiming();
    // A move asserts its new row and the part before it of the row it cuts.
    if (s.facts_asserted != (shape == Shape::kMoves ? 2 * n - 1 : n)) {
      state.SkipWithError(("the batch asserted " + std::to_string(s.facts_asserted) + " facts").c_str());
      break;
    }
    db.reset();
    state.ResumeTiming();
  }
  state.SetItemsProcessed(state.iterations() * n);
  // The time a fact takes: the figure that stays flat when the cost is linear.
  state.counters["per_fact"] =
      benchmark::Counter(n, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

void BM_BatchAssign(benchmark::State& state) { Run(state, Shape::kAssign); }
void BM_BatchMembers(benchmark::State& state) { Run(state, Shape::kMembers); }
void BM_BatchHistory(benchmark::State& state) { Run(state, Shape::kHistory); }
void BM_BatchOrders(benchmark::State& state) { Run(state, Shape::kOrders); }
void BM_BatchMoves(benchmark::State& state) { Run(state, Shape::kMoves); }

// One Apply of one order of one fact per iteration, into one database (relaxed sync).
void BM_SmallOrder(benchmark::State& state) {
  constexpr uint32_t kTerritories = 10'000;
  std::unique_ptr<Database> db = FreshDatabase();
  Take(db->Apply(Setup(kTerritories)), "setup");
  std::vector<Batch> batches(kTerritories);
  for (uint32_t t = 0; t < kTerritories; ++t) {
    OrderDecl o = NewOrder("small-" + std::to_string(t), kDay, std::nullopt);
    o.ops.push_back(Place(t));
    batches[t].orders.push_back(std::move(o));
  }
  uint32_t i = 0;
  for (auto _ : state) {
    auto r = db->Apply(batches[i++]);
    if (!r.ok()) {
      state.SkipWithError(r.status().message().c_str());
      break;
    }
  }
}
BENCHMARK(BM_SmallOrder)->Iterations(9000)->Unit(benchmark::kMicrosecond);

BENCHMARK(BM_BatchAssign)->Arg(10'000)->Arg(40'000)->Arg(160'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BatchMembers)->Arg(10'000)->Arg(40'000)->Arg(160'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BatchHistory)->Arg(10'000)->Arg(40'000)->Arg(160'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BatchOrders)->Arg(10'000)->Arg(40'000)->Arg(160'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_BatchMoves)->Arg(10'000)->Arg(40'000)->Arg(160'000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ordo::bench

BENCHMARK_MAIN();
