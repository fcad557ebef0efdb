// The record then against the record now (`ordo compare`, GET /api/compare): what an analyst
// knew at one record time against what is known at another, for one valid date or over all
// valid time.
//
// Definitions (docs/cli.md, "Then versus now"), per subject, relation and perspective (and, for
// a relation that is not exclusive, per object: a membership is added or retracted on its own),
// at each valid date:
// - added: nothing held then, something holds now;
// - corrected: something held then and something else holds now (a correction, or a later
//   order that replaced the value for that valid time: either way the record's answer changed);
// - retracted: something held then and nothing holds now.
// Each with the order that did it (the one that first asserted what holds now, when that was
// after the first record time; else the one whose version of it was recorded after; for a
// retraction, the one that superseded the version that held then) and when that was recorded. Adjacent dates with the
// same difference are one row.
#ifndef ORDO_DOMAIN_COMPARE_H_
#define ORDO_DOMAIN_COMPARE_H_

#include <optional>
#include <string>
#include <vector>

#include "domain/orders.h"
#include "ordo/database.h"

namespace ordo::domain {

struct ComparedFact {
  enum class Kind { kAdded, kCorrected, kRetracted };
  Kind kind;
  std::string subject;
  std::string subject_name;
  std::string predicate;
  std::string perspective;
  Date from;  // the valid dates the difference covers, [from, to)
  Date to;
  std::vector<FactInfo> then;                      // what held then (at the first record time)
  std::vector<FactInfo> now;                       // what holds now (at the second)
  std::vector<std::string> then_names, now_names;  // the objects' names, parallel
  std::string order;  // the order that made the difference ("" when the record does not say)
  std::optional<Instant> order_recorded;
};

const char* KindName(ComparedFact::Kind kind);  // "added", "corrected", "retracted"

struct Comparison {
  Instant then;
  std::optional<Instant> now;       // empty: everything recorded
  std::optional<Date> at;           // empty: all valid time
  std::string relation;             // empty: every relation and attribute
  std::vector<ComparedFact> facts;  // by relation, subject, perspective, valid start
};

// view.recorded is ignored (then and now are the record times); view.perspective applies.
Result<Comparison> Compare(const Database& db, const OrderIndex& orders, Instant then, std::optional<Instant> now,
                           std::optional<Date> at, const std::string& relation, const View& view);

}  // namespace ordo::domain

#endif  // ORDO_DOMAIN_COMPARE_H_
