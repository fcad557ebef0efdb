// What one cache-missing memory access costs on this machine: a pointer chase (each load
// depends on the one before, as the steps of a lookup do) over arrays from 4 MiB, which fit in
// L3, to 256 MiB, which do not, with 4 KiB pages and with transparent huge pages. This is the
// floor under a random point lookup (docs/benchmarks.md, "What bounds a lookup").
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
BENCHMARK(BM_DependentLoad)
    ->ArgNames({"MiB", "huge"})
    ->ArgsProduct({{4, 16, 64, 256}, {0, 1}})
    ->MinTime(0.5);

}  // namespace

BENCHMARK_MAIN();
