// What one cache-missing memory access costs on this machine, and so what bounds a random point
// lookup (docs/benchmarks.md, "What bounds a lookup"):
// - BM_DependentLoad: a pointer chase (each load depends on the one before, as the steps of a
//   lookup do) over arrays from 4 MiB to 256 MiB, with 4 KiB pages and with huge pages;
// - BM_SlotRun: a model of the fast path's arrays at 1e6 x 10 (engine::Slot runs of 12 per
//   territory, 2 per other entity): finding the run through a table of run starts, as ordo does
//   (two dependent misses), against computing its address from the handle (one miss).
//   build-bench/bench/memory_bench
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <numeric>
#include <random>
#include <vector>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace {

constexpr size_t kLine = 64;  // one chain link per cache line

void BM_DependentLoad(benchmark::State& state) {
  const size_t bytes = static_cast<size_t>(state.range(0)) << 20;
  const bool huge = state.range(1) != 0;
  const size_t n = bytes / kLine;
  constexpr size_t kHuge = size_t{2} << 20;
  auto* raw = static_cast<uint64_t*>(std::aligned_alloc(kHuge, bytes));
  if (raw == nullptr) {
    state.SkipWithError("out of memory");
    return;
  }
#ifdef __linux__
  madvise(raw, bytes, huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE);
#endif
  // One random cycle through every line, so that the prefetchers cannot guess the next one.
  std::vector<uint32_t> order(n);
  std::iota(order.begin(), order.end(), 0u);
  std::shuffle(order.begin(), order.end(), std::mt19937(42));
  constexpr size_t kWords = kLine / sizeof(uint64_t);
  for (size_t i = 0; i < n; ++i) raw[order[i] * kWords] = order[(i + 1) % n];
  uint64_t at = order[0];
  for (auto _ : state) {
    at = raw[at * kWords];
    benchmark::DoNotOptimize(at);
  }
  std::free(raw);
}
BENCHMARK(BM_DependentLoad)->ArgNames({"MiB", "huge"})->ArgsProduct({{4, 16, 64, 256}, {0, 1}})->MinTime(0.5);

// The fast path's layout (src/engine/state.h): 16-byte slots, runs found through slot_begin.
struct Slot {
  uint16_t pred, persp;
  int32_t from, to;
  uint32_t object;
};

template <typename T>
T* HugeArray(size_t n) {
  constexpr size_t kHuge = size_t{2} << 20;
  const size_t bytes = (n * sizeof(T) + kHuge - 1) & ~(kHuge - 1);
  auto* p = static_cast<T*>(std::aligned_alloc(kHuge, bytes));
#ifdef __linux__
  if (p != nullptr) madvise(p, bytes, MADV_HUGEPAGE);
#endif
  return p;
}

void BM_SlotRun(benchmark::State& state) {
  const bool computed = state.range(0) != 0;
  constexpr size_t kEntities = 2'100'000, kFirst = 101'000, kTerritories = 1'000'000, kRun = 12;
  auto* begin = HugeArray<uint32_t>(kEntities + 1);
  auto* slots = HugeArray<Slot>(kRun * kEntities);
  if (begin == nullptr || slots == nullptr) {
    state.SkipWithError("out of memory");
    return;
  }
  uint32_t k = 0;
  for (size_t e = 0; e < kEntities; ++e) {
    begin[e] = k;
    const bool territory = e >= kFirst && e < kFirst + kTerritories;
    slots[k++] = Slot{0, 0, -30'000, 1 << 30, 1};  // the lifetime
    for (uint32_t j = 1; j < (territory ? kRun : 2); ++j) {
      slots[k++] = Slot{2, 0, -7'000 + 2'000 * static_cast<int32_t>(j), -5'000 + 2'000 * static_cast<int32_t>(j), j};
    }
  }
  begin[kEntities] = k;
  std::mt19937 rng(3);
  std::vector<std::pair<uint32_t, int32_t>> lookups(1 << 20);
  for (auto& l : lookups) {
    l = {static_cast<uint32_t>(kFirst + rng() % kTerritories), -7'000 + static_cast<int32_t>(rng() % 24'000)};
  }
  // Always 0, but the compiler cannot know it: each lookup's address then depends on the answer
  // before it, so lookups do not overlap, as when the harness times them one by one.
  uint32_t chain = 0;
  benchmark::DoNotOptimize(chain);
  uint32_t found = 0;
  size_t i = 0;
  for (auto _ : state) {
    const auto [t, day] = lookups[i++ & ((1 << 20) - 1)];
    const uint32_t e = t + (found & chain);
    const Slot* it = slots + (computed ? 2 * kFirst + (e - kFirst) * kRun : begin[e]);
    const Slot* end = it + kRun;
    found = ~0u;
    for (; it != end && it->pred <= 2; ++it) {
      if (it->pred == 2 && it->from <= day && day < it->to) {
        found = it->object;
        break;
      }
    }
    benchmark::DoNotOptimize(found);
  }
  std::free(begin);
  std::free(slots);
}
BENCHMARK(BM_SlotRun)->ArgName("computed")->Arg(0)->Arg(1)->MinTime(0.5);

}  // namespace

BENCHMARK_MAIN();
