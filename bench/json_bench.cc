// What GET /api/entity/ID costs, part by part, over the generated history of query_bench
// (ORDO_BENCH_TERRITORIES / ORDO_BENCH_VERSIONS, default 100,000 x 10): the engine's answer
// (Database::Entity), the JSON document built from it (present::EntityJson) and its
// serialisation (Json::Dump, compact as the server sends it), then the three together; and the
// JSON of a whole snapshot (GET /api/snapshot/RELATION: 1e5 facts by default).
//   build/bench/json_bench --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include "domain/orders.h"
#include "ordo_peer.h"
#include "present/json.h"

namespace ordo::bench {
namespace {

// The territories asked about, each with its answer computed once (for the parts after it).
struct Fixture {
  History h;
  std::unique_ptr<OrdoPeer> peer;
  std::unique_ptr<domain::OrderIndex> orders;
  std::vector<std::pair<std::string, Date>> asks;
  std::vector<EntityInfo> infos;
  std::vector<present::Json> docs;
  std::vector<FactInfo> snapshot;  // every placement at the middle of the history
  Fixture() {
    const HistoryConfig c = ConfigFromEnv();
    h = Generate(c);
    peer = std::make_unique<OrdoPeer>("", "/tmp");
    peer->Load(h);
    orders = std::make_unique<domain::OrderIndex>(peer->db());
    Rng rng(11);
    for (int i = 0; i < 1024; ++i) {
      asks.emplace_back(TerritoryKey(rng.Below(c.territories)),
                        Date{h.first_day + static_cast<int32_t>(rng.Below(27000))});
      infos.push_back(*peer->db().Entity(asks.back().first, View{asks.back().second, std::nullopt, ""}));
      docs.push_back(present::EntityJson(infos.back(), asks.back().second, *orders));
    }
    snapshot = *peer->db().Snapshot(kPlacedIn, View{Date{h.first_day + 13500}, std::nullopt, ""});
  }
};

Fixture& F() {
  static Fixture* f = new Fixture();  // shared by every benchmark; never freed
  return *f;
}

void BM_EntityAnswer(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    const auto& [key, at] = f.asks[i++ & 1023];
    benchmark::DoNotOptimize(f.peer->db().Entity(key, View{at, std::nullopt, ""}));
  }
}
BENCHMARK(BM_EntityAnswer);

void BM_EntityJsonBuild(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    const size_t k = i++ & 1023;
    benchmark::DoNotOptimize(present::EntityJson(f.infos[k], f.asks[k].second, *f.orders));
  }
}
BENCHMARK(BM_EntityJsonBuild);

void BM_EntityJsonDump(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = f.docs[i++ & 1023].Dump(false);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EntityJsonDump);

void BM_EntityWhole(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    const auto& [key, at] = f.asks[i++ & 1023];
    auto info = f.peer->db().Entity(key, View{at, std::nullopt, ""});
    benchmark::DoNotOptimize(present::EntityJson(*info, at, *f.orders).Dump(false));
  }
}
BENCHMARK(BM_EntityWhole);

// The JSON of a snapshot, built and written (what the server sends).
void BM_SnapshotJson(benchmark::State& state) {
  Fixture& f = F();
  size_t bytes = 0;
  for (auto _ : state) {
    const std::string out = present::FactsJson(f.snapshot, *f.orders).Dump(false);
    bytes += out.size();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["facts"] = static_cast<double>(f.snapshot.size());
}
BENCHMARK(BM_SnapshotJson)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace ordo::bench

BENCHMARK_MAIN();
