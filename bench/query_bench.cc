// Google Benchmark micro-benchmarks for each query of the C++ API, over a generated history
// held in memory. Size with ORDO_BENCH_TERRITORIES / ORDO_BENCH_VERSIONS (default 100,000 x 10).
//   build/bench/query_bench --benchmark_min_time=0.2
#include <benchmark/benchmark.h>

#include "ordo_peer.h"

namespace ordo::bench {
namespace {

struct Fixture {
  History h;
  std::unique_ptr<OrdoPeer> peer;
  std::vector<std::pair<uint32_t, int32_t>> lookups;
  int32_t mid = 0;
  Fixture() {
    const HistoryConfig c = ConfigFromEnv();
    h = Generate(c);
    peer = std::make_unique<OrdoPeer>("", "/tmp");
    peer->Load(h);
    Rng rng(11);
    for (int i = 0; i < 4096; ++i) {
      lookups.emplace_back(rng.Below(c.territories), h.first_day + static_cast<int32_t>(rng.Below(27000)));
    }
    mid = h.first_day + (h.last_day - h.first_day) / 2;
  }
};

Fixture& F() {
  static Fixture* f = new Fixture();  // shared by every benchmark; never freed
  return *f;
}

View At(int32_t day) {
  View v;
  v.at = Date{day};
  return v;
}

void BM_ObjectAt(benchmark::State& state) {
  Fixture& f = F();
  Database& db = f.peer->db();
  std::vector<uint32_t> handles;
  for (auto [t, d] : f.lookups) handles.push_back(db.EntityHandle(TerritoryKey(t)));
  const uint32_t pred = db.PredicateHandle(kPlacedIn);
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(db.ObjectAt(handles[i & 4095], pred, Date{f.lookups[i & 4095].second}));
    ++i;
  }
}
BENCHMARK(BM_ObjectAt);

void BM_EntityHandle(benchmark::State& state) {
  Fixture& f = F();
  std::vector<std::string> keys;
  for (auto [t, d] : f.lookups) keys.push_back(TerritoryKey(t));
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(f.peer->db().EntityHandle(keys[i++ & 4095]));
}
BENCHMARK(BM_EntityHandle);

void BM_Objects(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    auto [t, d] = f.lookups[i++ & 4095];
    benchmark::DoNotOptimize(f.peer->db().Objects(TerritoryKey(t), kPlacedIn, At(d)));
  }
}
BENCHMARK(BM_Objects);

// Objects through a Reading (Database::Read): the same answer with borrowed names. A Reading
// per lookup, as a server takes one per request; the object's name is read.
void BM_ObjectsBorrowed(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    auto [t, d] = f.lookups[i++ & 4095];
    auto reading = f.peer->db().Read();
    auto r = reading->Objects(TerritoryKey(t), kPlacedIn, At(d));
    benchmark::DoNotOptimize(r.ok() && !r->empty() ? r->front().object.size() : 0);
  }
}
BENCHMARK(BM_ObjectsBorrowed);

void BM_ObjectsAsOf(benchmark::State& state) {
  Fixture& f = F();
  View v = At(f.mid);
  v.recorded = Instant{(f.h.recorded_base_us + f.h.recorded_fix_us) / 2};
  size_t i = 0;
  for (auto _ : state) {
    auto [t, d] = f.lookups[i++ & 4095];
    v.at = Date{d};
    benchmark::DoNotOptimize(f.peer->db().Objects(TerritoryKey(t), kPlacedIn, v));
  }
}
BENCHMARK(BM_ObjectsAsOf);

void BM_History(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.peer->db().History(TerritoryKey(f.lookups[i++ & 4095].first), kPlacedIn, View{}));
  }
}
BENCHMARK(BM_History);

void BM_Entity(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    auto [t, d] = f.lookups[i++ & 4095];
    benchmark::DoNotOptimize(f.peer->db().Entity(TerritoryKey(t), At(d)));
  }
}
BENCHMARK(BM_Entity);

void BM_Members(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        f.peer->db().Members(DistrictKey(static_cast<uint32_t>(i++ % 1000)), kPlacedIn, At(f.mid)));
  }
}
BENCHMARK(BM_Members)->Unit(benchmark::kMicrosecond);

void BM_Snapshot(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(f.peer->db().Snapshot(kPlacedIn, At(f.mid)));
}
BENCHMARK(BM_Snapshot)->Unit(benchmark::kMillisecond);

void BM_SnapshotByHandles(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(f.peer->Snapshot(f.mid));
}
void BM_SnapshotBorrowed(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) {
    auto reading = f.peer->db().Read();
    benchmark::DoNotOptimize(reading->Snapshot(kPlacedIn, At(f.mid)));
  }
}
BENCHMARK(BM_SnapshotBorrowed)->Unit(benchmark::kMillisecond);

BENCHMARK(BM_SnapshotByHandles)->Unit(benchmark::kMillisecond);

void BM_Diff(benchmark::State& state) {
  Fixture& f = F();
  const int32_t width = static_cast<int32_t>(state.range(0));
  size_t changes = 0;
  for (auto _ : state) {
    auto r = f.peer->db().Diff(Date{f.mid}, Date{f.mid + width}, kPlacedIn, View{});
    changes = r.ok() ? r->size() : 0;
    benchmark::DoNotOptimize(r);
  }
  state.counters["changes"] = static_cast<double>(changes);
}
BENCHMARK(BM_Diff)->Arg(1)->Arg(30)->Arg(365)->Arg(3650)->Unit(benchmark::kMicrosecond);

void BM_DiffBorrowed(benchmark::State& state) {
  Fixture& f = F();
  const int32_t width = static_cast<int32_t>(state.range(0));
  size_t changes = 0;
  for (auto _ : state) {
    auto reading = f.peer->db().Read();
    auto r = reading->Diff(Date{f.mid}, Date{f.mid + width}, kPlacedIn, View{});
    changes = r.ok() ? r->changes.size() : 0;
    benchmark::DoNotOptimize(r);
  }
  state.counters["changes"] = static_cast<double>(changes);
}
BENCHMARK(BM_DiffBorrowed)->Arg(1)->Arg(30)->Arg(365)->Arg(3650)->Unit(benchmark::kMicrosecond);

void BM_PathUp(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.peer->db().PathUp(UnitKey(f.h.config.units - 1 - static_cast<uint32_t>(i++ % 1000)),
                                                 kSubordinate, At(f.mid)));
  }
}
BENCHMARK(BM_PathUp);

void BM_PathUpByHandles(benchmark::State& state) {
  Fixture& f = F();
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(f.peer->PathUp(f.h.config.units - 1 - static_cast<uint32_t>(i++ % 1000), f.mid));
  }
}
BENCHMARK(BM_PathUpByHandles);

void BM_Search(benchmark::State& state) {
  Fixture& f = F();
  for (auto _ : state) benchmark::DoNotOptimize(f.peer->db().Search("T00012", 10));
}
BENCHMARK(BM_Search)->Unit(benchmark::kMillisecond);

// Validates an order of N facts and rolls it back (Apply with check_only): the engine's cost of
// an order without the SQLite commit.
void BM_ApplyCheckOnly(benchmark::State& state) {
  Fixture& f = F();
  std::vector<Placement> rows;
  for (uint32_t i = 0; i < static_cast<uint32_t>(state.range(0)); ++i) {
    rows.push_back(Placement{i, (i * 7) % 1000, f.h.last_day + 10 + static_cast<int32_t>(i % 10), kOpenDay});
  }
  // Territories' last placements are open-ended: end them first, then place again.
  Batch b;
  b.orders.push_back(PlacementOrder("check", rows, 0, rows.size(), std::nullopt));
  for (Op& op : b.orders[0].ops) op.kind = OpKind::kMove;
  ApplyOptions check;
  check.check_only = true;
  for (auto _ : state) benchmark::DoNotOptimize(f.peer->db().Apply(b, check));
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ApplyCheckOnly)->Arg(1)->Arg(100)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ordo::bench

BENCHMARK_MAIN();
