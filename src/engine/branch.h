// Scenarios: a branch's starting state, cut from the record as known at a
// record time, and the comparison of a branch with the record.
#ifndef ORDO_ENGINE_BRANCH_H_
#define ORDO_ENGINE_BRANCH_H_

#include <string>
#include <vector>

#include "engine/state.h"
#include "ordo/database.h"
#include "ordo/time.h"

namespace ordo::engine {

// A new State holding the record as known at `base`: the catalog (kinds, predicates,
// perspectives, sources, values), those of the first `max_orders` orders recorded by then, and
// their rows with their record intervals cut there. Entities appear when a kept row names them.
// The record's state is only read.
State BaseState(const State& record, Instant base, size_t max_orders);

// One fact's content, for comparing two states whose ids differ: the object
// entity's key or the formatted value, and the qualifiers.
struct FactContent {
  std::string object;
  std::string qualifiers;
  friend auto operator<=>(const FactContent&, const FactContent&) = default;
};

// Where `scenario` and `record` differ (current rows only), for one predicate
// name or all (empty). Each difference lists the merged valid intervals and the
// row ids on each side.
struct RawDifference {
  std::string subject, predicate, perspective;
  std::vector<Interval> dates;
  std::vector<uint32_t> record_rows, scenario_rows;
};
std::vector<RawDifference> CompareStates(const State& record, const State& scenario, const std::string& predicate);

}  // namespace ordo::engine

#endif  // ORDO_ENGINE_BRANCH_H_
