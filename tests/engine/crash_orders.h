// The orders the crash test applies: order i creates territory t<i>, assigns it to a
// district, and moves territory t<i-1> to another district — several rows written and one
// retracted per order, so a torn write would show.
#ifndef ORDO_TESTS_ENGINE_CRASH_ORDERS_H_
#define ORDO_TESTS_ENGINE_CRASH_ORDERS_H_

#include <string>

#include "ordo/order.h"

namespace ordo::crash {

inline constexpr int kDistricts = 5;

inline Date DayOf(int i) { return Date{Date::FromCivil(2000, 1, 1).days + i}; }

inline Batch Schema() {
  Batch b;
  b.kinds.push_back({"territory", "", "", {}});
  b.kinds.push_back({"district", "", "", {}});
  b.relations.push_back({"in", {"territory"}, {"district"}, true, false, "", {}});
  b.sources.push_back({"src", "Crash test", "", std::nullopt, "", "", "", {}, ""});
  OrderDecl o;
  o.id = "districts";
  o.effective = FuzzyDate::Exact(DayOf(0));
  o.sources = {"src"};
  for (int d = 0; d < kDistricts; ++d) {
    Op op;
    op.kind = OpKind::kCreate;
    op.subjects = {"d" + std::to_string(d)};
    op.entity_kind = "district";
    o.ops.push_back(op);
  }
  b.orders.push_back(o);
  return b;
}

inline Batch OrderBatch(int i) {
  Batch b;
  OrderDecl o;
  o.id = "o" + std::to_string(i);
  o.effective = FuzzyDate::Exact(DayOf(i + 1));
  o.sources = {"src"};
  Op create;
  create.kind = OpKind::kCreate;
  create.subjects = {"t" + std::to_string(i)};
  create.entity_kind = "territory";
  create.names = {Name{"en", "Territory " + std::to_string(i)}};
  o.ops.push_back(create);
  Op assign;
  assign.kind = OpKind::kAssign;
  assign.subjects = {"t" + std::to_string(i)};
  assign.predicate = "in";
  assign.object = "d" + std::to_string(i % kDistricts);
  o.ops.push_back(assign);
  if (i > 0) {
    Op move;
    move.kind = OpKind::kMove;
    move.subjects = {"t" + std::to_string(i - 1)};
    move.predicate = "in";
    move.object = "d" + std::to_string((i + 1) % kDistricts);
    o.ops.push_back(move);
  }
  b.orders.push_back(o);
  return b;
}

}  // namespace ordo::crash

#endif  // ORDO_TESTS_ENGINE_CRASH_ORDERS_H_
