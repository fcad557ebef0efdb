// Applying a batch to the in-memory state: declarations, orders, operations, invariants.
#ifndef ORDO_ENGINE_APPLY_H_
#define ORDO_ENGINE_APPLY_H_

#include <string>

#include "engine/state.h"
#include "ordo/database.h"
#include "ordo/order.h"
#include "store/sqlite_store.h"

namespace ordo::engine {

// Applies batch to state, appending what must be persisted to rows and every retraction to
// checkpoint->retracted. On failure the state is partly changed: the caller rolls back to
// the checkpoint taken before the call.
Result<ApplySummary> ApplyBatch(State& state, const Batch& batch, Instant now, store::BatchRows* rows,
                                Checkpoint* checkpoint);

// Text helpers shared with the queries.
std::string DisplayName(const State& s, uint32_t entity);  // current English name, or ""
std::string DescribeFact(const State& s, const Fact& f);   // "RU-MUR military-district -> western-md"
std::string DescribeInterval(const Fact& f);               // "from 2010-12-01", "from 1991 to 2014-03-18"
// A NotFound status for an unknown entity id, with "did you mean" notes naming candidates.
Status UnknownEntity(const State& s, const std::string& key, const SourceRegion& where);
Status UnknownPredicate(const State& s, const std::string& name, const SourceRegion& where);

}  // namespace ordo::engine

#endif  // ORDO_ENGINE_APPLY_H_
