#include "history.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

namespace ordo::bench {

namespace {
constexpr int32_t kDay1900 = -25567;  // 1900-01-01
constexpr int32_t kDay1950 = -7305;   // 1950-01-01
constexpr int32_t kDay2025 = 20089;   // 2025-01-01
constexpr int kTreeLevels = 8;
}  // namespace

std::string DayText(int32_t day) {
  const std::time_t s = static_cast<std::time_t>(day) * 86400;
  std::tm tm{};
  gmtime_r(&s, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string TerritoryKey(uint32_t t) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "T%07u", t);
  return buf;
}
std::string DistrictKey(uint32_t d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "D%04u", d);
  return buf;
}
std::string UnitKey(uint32_t u) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U%06u", u);
  return buf;
}

HistoryConfig ConfigFromEnv() {
  const auto env_or = [](const char* name, uint32_t fallback) {
    const char* v = std::getenv(name);
    return v ? static_cast<uint32_t>(std::strtoul(v, nullptr, 10)) : fallback;
  };
  HistoryConfig c;
  c.territories = env_or("ORDO_BENCH_TERRITORIES", 100'000);
  c.versions = env_or("ORDO_BENCH_VERSIONS", 10);
  c.units = env_or("ORDO_BENCH_UNITS", 100'000);
  return c;
}

History Generate(const HistoryConfig& c) {
  History h;
  h.config = c;
  h.created_day = kDay1900;
  h.first_day = kDay1950;
  h.last_day = kDay2025;
  h.recorded_base_us = int64_t{1704067200} * 1'000'000;  // 2024-01-01T00:00:00Z
  h.recorded_fix_us = int64_t{1717200000} * 1'000'000;   // 2024-06-01T00:00:00Z
  Rng rng(c.seed);

  // Placements: k versions per territory, boundaries at distinct random days.
  h.placements.reserve(size_t{c.territories} * c.versions);
  std::vector<int32_t> bounds;
  const int32_t span = h.last_day - h.first_day;
  for (uint32_t t = 0; t < c.territories; ++t) {
    bounds.clear();
    bounds.push_back(h.first_day + static_cast<int32_t>(rng.Below(5 * 365)));
    while (bounds.size() < c.versions) {
      bounds.push_back(h.first_day + 5 * 365 + static_cast<int32_t>(rng.Below(static_cast<uint32_t>(span - 5 * 365))));
      std::sort(bounds.begin() + 1, bounds.end());
      bounds.erase(std::unique(bounds.begin() + 1, bounds.end()), bounds.end());
    }
    uint32_t district = c.districts;
    for (uint32_t i = 0; i < c.versions; ++i) {
      uint32_t d;
      do d = rng.Below(c.districts);
      while (d == district);
      district = d;
      const int32_t to = i + 1 < c.versions ? bounds[i + 1] : kOpenDay;
      h.placements.push_back(Placement{t, district, bounds[i], to});
    }
  }

  // Corrections: a share of the placements is recorded again, later, with another district.
  h.corrected.assign(h.placements.size(), 0);
  for (uint32_t i = 0; i < h.placements.size(); ++i) {
    if (rng.Below(100) >= c.correction_pct) continue;
    uint32_t d;
    do d = rng.Below(c.districts);
    while (d == h.placements[i].district);
    h.corrections.push_back(Correction{i, d});
    h.corrected[i] = 1;
  }

  // The unit tree: kTreeLevels levels growing by a common ratio; each unit's parent is a unit of
  // the level above, and one unit in ten moves to another parent once.
  double lo = 1.0, hi = 64.0;
  for (int it = 0; it < 60; ++it) {
    double r = (lo + hi) / 2, sum = 0;
    for (int d = 0; d < kTreeLevels; ++d) sum += std::pow(r, d);
    (sum < c.units ? lo : hi) = r;
  }
  std::vector<uint32_t> level_start{0};
  for (int d = 0; d < kTreeLevels && level_start.back() < c.units; ++d) {
    const uint32_t size = std::max<uint32_t>(1, static_cast<uint32_t>(std::llround(std::pow(lo, d))));
    level_start.push_back(d + 1 == kTreeLevels ? c.units : std::min(c.units, level_start.back() + size));
  }
  h.unit_level.assign(c.units, 0);
  for (size_t d = 1; d + 1 < level_start.size(); ++d) {
    const uint32_t above = level_start[d - 1], above_n = level_start[d] - level_start[d - 1];
    for (uint32_t u = level_start[d]; u < level_start[d + 1]; ++u) {
      h.unit_level[u] = static_cast<uint8_t>(d);
      const uint32_t parent = above + rng.Below(above_n);
      if (above_n > 1 && rng.Below(10) == 0) {
        const int32_t move = h.first_day + 1 + static_cast<int32_t>(rng.Below(static_cast<uint32_t>(span - 1)));
        uint32_t other;
        do other = above + rng.Below(above_n);
        while (other == parent);
        h.subordinations.push_back(Subordination{u, parent, h.first_day, move});
        h.subordinations.push_back(Subordination{u, other, move, kOpenDay});
      } else {
        h.subordinations.push_back(Subordination{u, parent, h.first_day, kOpenDay});
      }
    }
  }
  return h;
}

}  // namespace ordo::bench
