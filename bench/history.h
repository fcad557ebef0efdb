// A deterministic generator of structure histories for the benchmarks: territories placed in
// military districts over valid time (k versions each), record-time corrections of some of those
// placements, and a subordination tree of units. The same History is loaded into ordo and into
// every peer database, so all of them answer the same questions over the same rows.
#ifndef ORDO_BENCH_HISTORY_H_
#define ORDO_BENCH_HISTORY_H_

#include <cstdint>
#include <string>
#include <vector>

namespace ordo::bench {

inline constexpr int32_t kOpenDay = 2147483647;  // open valid end (Date::kMaxDays)

struct HistoryConfig {
  uint32_t territories = 100'000;
  uint32_t versions = 10;  // k placements per territory
  uint32_t districts = 1'000;
  uint32_t units = 100'000;     // subordination tree, about 8 levels deep
  uint32_t correction_pct = 5;  // share of placements corrected at a later record time
  uint64_t seed = 20240301;
};

// The micro-benchmarks' size, from ORDO_BENCH_TERRITORIES / ORDO_BENCH_VERSIONS / ORDO_BENCH_UNITS
// (default 100,000 x 10, 100,000 units).
HistoryConfig ConfigFromEnv();

// One placement row: territory in district over [from, to) (days since 1970-01-01).
struct Placement {
  uint32_t territory;
  uint32_t district;
  int32_t from;
  int32_t to;  // kOpenDay when open-ended
};

// A later record of a placement's interval with another district.
struct Correction {
  uint32_t index;     // into History::placements
  uint32_t district;  // the corrected district
};

// unit subordinate to parent over [from, to).
struct Subordination {
  uint32_t unit;
  uint32_t parent;
  int32_t from;
  int32_t to;
};

struct History {
  HistoryConfig config;
  int32_t created_day = 0;                    // every entity exists from this day, open-ended
  int32_t first_day = 0, last_day = 0;        // placements change within [first_day, last_day)
  int64_t recorded_base_us = 0;               // record time of the placements and subordinations
  int64_t recorded_fix_us = 0;                // record time of the corrections (later)
  std::vector<Placement> placements;          // territory-major, versions in valid-time order
  std::vector<Correction> corrections;        // in placement order
  std::vector<uint8_t> corrected;             // per placement: 1 when a correction replaces it
  std::vector<Subordination> subordinations;  // unit-major, in valid-time order
  std::vector<uint8_t> unit_level;            // depth of each unit in the tree (root: 0)
};

History Generate(const HistoryConfig& config);

// Entity keys as loaded into ordo: T0000042, D0042, U000042.
std::string TerritoryKey(uint32_t t);
std::string DistrictKey(uint32_t d);
std::string UnitKey(uint32_t u);

// "1998-03-01" for a day number.
std::string DayText(int32_t day);

// splitmix64: deterministic on every platform, unlike std::uniform_int_distribution.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t Next() {
    uint64_t z = (s_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>(Next() % n); }

 private:
  uint64_t s_;
};

}  // namespace ordo::bench

#endif  // ORDO_BENCH_HISTORY_H_
