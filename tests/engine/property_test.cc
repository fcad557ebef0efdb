// Random orders, some invalid, some back-dated, applied both to ordo and to a naive reference
// model that keeps, per (subject, predicate, perspective), a multiset of objects for every day
// of a small valid-time domain. Record time is modelled from its definition (docs/storage.md,
// "Record time"): the record as known at K is what applying, in the order they were applied,
// the accepted orders recorded by K makes of an empty record, the checks of intent (the entity
// to end exists, the relation to end holds) made only against the current record. An order is
// accepted when the current record takes it and every view it changes keeps the invariants.
// Every query is compared at random valid dates, record times and perspectives.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "ordo/database.h"

namespace ordo {
namespace {

constexpr int kDays = 40;  // valid-time domain: days 0..39 from 2000-01-01
constexpr int kEntities = 7;
constexpr int kPersps = 3;  // "", "A", "B"
const char* const kPerspNames[kPersps] = {"", "A", "B"};
enum Pred { kX = 0, kM = 1, kVal = 2, kPreds = 3 };  // x: exclusive acyclic; m: many; val: integer attribute
const char* const kPredNames[kPreds] = {"x", "m", "val"};
constexpr int kOpen = 1000;  // an open end

Date Day(int d) { return Date{Date::FromCivil(2000, 1, 1).days + d}; }
std::string Ent(int e) { return "e" + std::to_string(e); }
std::string ValStr(int v) { return std::to_string(v); }

// ---- the reference model ----
struct Model {
  // cells[e][p][persp][day] = multiset of objects (entity index or value)
  using Cell = std::multiset<int>;
  std::array<std::array<std::array<std::array<Cell, kDays>, kPersps>, kPreds>, kEntities> cells;
  std::array<std::array<bool, kDays>, kEntities> alive{};
  std::array<bool, kEntities> known{};
};

struct RandOp {
  OpKind kind;
  int subject;
  int pred;
  int object;  // entity index, value, or -1 for none
  int from, to;
  int persp;
};

bool Clash(int a, int b) { return a == 0 || b == 0 || a == b; }

// Applies one op to the model; false when the engine must refuse the whole order. Lenient: the
// op applies to a view of the past, where only the invariants (not the op's intent) are checked.
bool ModelOp(Model& m, const RandOp& op, bool lenient = false) {
  const int to = std::min(op.to, kDays);
  if (op.from >= op.to) return false;
  const int e = op.subject;
  switch (op.kind) {
    case OpKind::kCreate:
      for (int d = op.from; d < to; ++d) {
        if (m.alive[e][d]) return false;
      }
      // an open lifetime beyond the domain overlaps any later open creation; both start inside
      for (int d = op.from; d < to; ++d) m.alive[e][d] = true;
      m.known[e] = true;
      return true;
    case OpKind::kEndEntity:
      if (!lenient && (!m.known[e] || !m.alive[e][op.from])) return false;
      for (int d = op.from; d < kDays; ++d) {
        m.alive[e][d] = false;
        for (auto& p : m.cells[e]) {
          for (auto& cellp : p) cellp[d].clear();
        }
      }
      return true;
    default: break;
  }
  if (!lenient && !m.known[e]) return false;
  if (!lenient && op.pred != kVal && op.object >= 0 && !m.known[op.object]) return false;
  auto& cells = m.cells[e][op.pred][op.persp];
  switch (op.kind) {
    case OpKind::kAssign:
      for (int d = op.from; d < to; ++d) cells[d].insert(op.object);
      return true;
    case OpKind::kMove:
    case OpKind::kSet:
      for (int d = op.from; d < to; ++d) cells[d] = {op.object};
      return true;
    case OpKind::kUnset:
      for (int d = op.from; d < to; ++d) cells[d].clear();
      return true;
    case OpKind::kEndRelation:
      if (!lenient && !cells[op.from].count(op.object)) return false;
      for (int d = op.from; d < to; ++d) cells[d].erase(op.object);
      return true;
    case OpKind::kCorrect:
      for (int d = op.from; d < to; ++d) {
        if (op.object < 0) {
          cells[d].clear();
        } else if (op.pred == kM) {
          cells[d].erase(op.object);
          cells[d].insert(op.object);
        } else {
          cells[d] = {op.object};
        }
      }
      return true;
    default: return false;
  }
}

bool ModelInvariants(const Model& m) {
  for (int e = 0; e < kEntities; ++e) {
    for (int p = 0; p < kPreds; ++p) {
      for (int d = 0; d < kDays; ++d) {
        for (int a = 0; a < kPersps; ++a) {
          const auto& ca = m.cells[e][p][a][d];
          if (ca.empty()) continue;
          if (!m.alive[e][d]) return false;
          if (p != kVal) {
            for (int o : ca) {
              if (!m.alive[o][d]) return false;
            }
          }
          for (int b = a; b < kPersps; ++b) {
            if (!Clash(a, b)) continue;
            const auto& cb = m.cells[e][p][b][d];
            if (p != kM) {
              if (a == b ? ca.size() > 1 : !cb.empty()) return false;
            } else {
              for (int o : ca) {
                if ((a == b ? ca.count(o) : cb.count(o)) > (a == b ? 1u : 0u)) return false;
              }
            }
          }
        }
      }
    }
  }
  // x is acyclic in every view: views A and B each see undisputed facts plus their own.
  for (int d = 0; d < kDays; ++d) {
    for (int view = 0; view < kPersps; ++view) {
      for (int start = 0; start < kEntities; ++start) {
        int node = start;
        std::set<int> seen{start};
        while (true) {
          int next = -1;
          for (int persp = 0; persp < kPersps; ++persp) {
            if (persp != 0 && persp != view) continue;
            if (!m.cells[node][kX][persp][d].empty()) next = *m.cells[node][kX][persp][d].begin();
          }
          if (next < 0) break;
          if (!seen.insert(next).second) return false;
          node = next;
        }
      }
    }
  }
  return true;
}

// The multiset of objects the model holds for a key at a day in a view (-1 view: all).
std::multiset<std::string> ModelObjects(const Model& m, int e, int p, int d, int view) {
  std::multiset<std::string> out;
  for (int persp = 0; persp < kPersps; ++persp) {
    if (view >= 0 && persp != 0 && persp != view) continue;
    for (int o : m.cells[e][p][persp][d]) out.insert(p == kVal ? ValStr(o) : Ent(o));
  }
  return out;
}

class PropertyTest : public ::testing::TestWithParam<int> {};

TEST_P(PropertyTest, MatchesReferenceModel) {
  std::mt19937 rng(static_cast<unsigned>(GetParam()));
  auto rnd = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto db = Database::Open(":memory:");
  ASSERT_TRUE(db.ok()) << db.status().ToString();

  Batch schema;
  schema.kinds.push_back({"node", "", "", {}});
  for (int p = 1; p < kPersps; ++p) schema.perspectives.push_back({kPerspNames[p], "", {}});
  schema.relations.push_back({"x", {"node"}, {"node"}, true, true, "", {}});
  schema.relations.push_back({"m", {"node"}, {"node"}, false, false, "", {}});
  schema.attributes.push_back({"val", {"node"}, ValueType::kInteger, "", {}});
  schema.sources.push_back({"src", "A source", "", std::nullopt, "", "", "", {}, ""});
  ASSERT_TRUE((*db)->Apply(schema).ok());

  Model model;                                 // the current record
  std::map<int64_t, Model> views;              // the record as known at each accepted order's record time
  const int64_t base = 946684800LL * 1000000;  // 2000-01-01
  int accepted = 0, refused = 0, back_dated = 0;

  const int kOrders = 3000;
  for (int i = 0; i < kOrders; ++i) {
    OrderDecl o;
    o.id = "o" + std::to_string(i);
    o.effective = FuzzyDate::Exact(Day(0));
    // One order in four is back-dated: recorded between two orders already applied (or at the
    // same time as one of them), so that it joins the views from then on.
    const bool backdated = i > 10 && rnd(4) == 0;
    o.recorded = Instant{base + int64_t{backdated ? rnd(i) : i} * 1000000 + (backdated ? rnd(3) * 250000 : 0)};
    o.sources = {"src"};
    Model next = model;
    bool ok = true;
    std::vector<RandOp> ops;
    const int n_ops = 1 + rnd(3) / 2;
    for (int k = 0; k < n_ops; ++k) {
      RandOp r{};
      const int choice = rnd(20);
      r.subject = rnd(kEntities);
      r.persp = rnd(4) == 0 ? 1 + rnd(2) : 0;
      r.from = rnd(kDays - 1);
      r.to = rnd(3) == 0 ? kOpen : r.from + rnd(kDays - 1 - r.from) + (rnd(10) == 0 ? 0 : 1);
      if (r.to != kOpen && r.to > kDays - 1) r.to = kDays - 1;
      r.pred = kX;
      r.object = rnd(kEntities);
      if (rnd(8) != 0 && r.object == r.subject) r.object = (r.object + 1) % kEntities;
      if ((choice < 2 && rnd(3) == 0) || !model.known[r.subject]) {
        r.kind = OpKind::kCreate;
        r.persp = 0;
        r.from = rnd(4) == 0 ? rnd(kDays - 1) : rnd(3);
        if (rnd(5) != 0) r.to = kOpen;
      } else if (choice < 5 && rnd(3) == 0) {
        r.kind = OpKind::kEndEntity;
        r.persp = 0;
      } else if (choice < 8) {
        r.kind = OpKind::kAssign;
        r.pred = rnd(2) ? kX : kM;
      } else if (choice < 12) {
        r.kind = OpKind::kMove;
      } else if (choice < 14) {
        r.kind = OpKind::kEndRelation;
        r.pred = rnd(2) ? kX : kM;
      } else if (choice < 16) {
        r.kind = OpKind::kSet;
        r.pred = kVal;
        r.object = rnd(5);
      } else if (choice < 17) {
        r.kind = OpKind::kUnset;
        r.pred = kVal;
        r.object = -1;
      } else {
        r.kind = OpKind::kCorrect;
        r.pred = rnd(3);
        r.object = rnd(4) == 0 ? -1 : (r.pred == kVal ? rnd(5) : rnd(kEntities));
      }
      if (r.kind == OpKind::kEndEntity || r.kind == OpKind::kEndRelation) r.to = kOpen;
      if (r.pred == kX && r.subject + 1 < kEntities && rnd(6) != 0) {
        // mostly point "upwards", so that cycles are attempted but rare
        r.object = r.subject + 1 + rnd(kEntities - r.subject - 1);
      }
      if (r.kind == OpKind::kEndRelation && rnd(4) != 0) {
        // usually end something that holds, so the walk goes on
        const auto& cell = next.cells[r.subject][r.pred][r.persp][r.from];
        if (!cell.empty()) r.object = *cell.begin();
      }
      Op op;
      op.kind = r.kind;
      op.subjects = {Ent(r.subject)};
      op.from = FuzzyDate::Exact(Day(r.from));
      if (r.to != kOpen) op.to = FuzzyDate::Exact(Day(r.to));
      op.perspective = kPerspNames[r.persp];
      if (r.kind == OpKind::kCreate) {
        op.entity_kind = "node";
      } else if (r.kind != OpKind::kEndEntity) {
        op.predicate = kPredNames[r.pred];
        if (r.pred == kVal) {
          if (r.object >= 0) op.value = Value{int64_t{r.object}};
        } else if (r.object >= 0) {
          op.object = Ent(r.object);
        }
      }
      o.ops.push_back(op);
      if (ok) ok = ModelOp(next, r);
      ops.push_back(r);
    }
    if (ok) ok = ModelInvariants(next);
    // Every view from the order's record time on holds the order, applied last.
    const int64_t k = o.recorded->micros;
    std::map<int64_t, Model> next_views;
    if (ok) {
      auto at = views.upper_bound(k);
      Model own = at == views.begin() ? Model{} : std::prev(at)->second;
      for (auto it = views.lower_bound(k); it != views.end(); ++it) next_views.emplace(it->first, it->second);
      next_views.emplace(k, std::move(own));  // no effect when k already has a view
      for (auto& [when, view] : next_views) {
        for (const RandOp& r : ops) {
          if (ok) ok = ModelOp(view, r, /*lenient=*/true);
        }
        if (ok) ok = ModelInvariants(view);
      }
    }
    if (std::getenv("ORDO_TRACE")) {
      for (const Op& op : o.ops) {
        fprintf(stderr, "  order %d: %s %s %s %s%s from %d to %d persp '%s'\n", i, OpKindName(op.kind),
                op.subjects[0].c_str(), op.predicate.c_str(), op.object.c_str(),
                op.value ? FormatValue(*op.value).c_str() : "", op.from->date.days - Day(0).days,
                op.to ? op.to->date.days - Day(0).days : 999, op.perspective->c_str());
      }
      fprintf(stderr, "  => model %s\n", ok ? "accepts" : "refuses");
    }
    Batch b;
    b.orders.push_back(o);
    auto result = (*db)->Apply(b);
    ASSERT_EQ(result.ok(), ok) << "order " << i << " seed " << GetParam() << ": engine says "
                               << (result.ok() ? "ok" : result.status().ToString());
    if (ok) {
      model = next;
      for (auto& [when, view] : next_views) views[when] = std::move(view);
      ++accepted;
      back_dated += backdated;
    } else {
      ++refused;
    }

    // Compare queries at random points.
    for (int q = 0; q < 6; ++q) {
      View v;
      const int d = rnd(kDays);
      v.at = Day(d);
      const Model* ref = &model;
      if (!views.empty() && rnd(3) == 0) {
        auto it = std::next(views.begin(), rnd(static_cast<int>(views.size())));
        v.recorded = Instant{it->first + rnd(2)};  // at or just after an order's record time
        ref = &it->second;
      }
      int view = rnd(3);  // 0: every perspective (the engine's empty view)
      if (view == 0) view = -1;
      if (view > 0) {
        // declared in the schema: known before any fact uses it
        EXPECT_NE((*db)->PerspectiveHandle(kPerspNames[view]), Database::kNone);
        v.perspective = kPerspNames[view];
      }
      const int e = rnd(kEntities);
      if (!model.known[e]) continue;
      const int p = rnd(kPreds);
      auto got = (*db)->Objects(Ent(e), kPredNames[p], v);
      ASSERT_TRUE(got.ok()) << got.status().ToString();
      std::multiset<std::string> objs;
      for (const FactInfo& f : *got) objs.insert(f.value ? FormatValue(*f.value) : f.object);
      ASSERT_EQ(objs, ModelObjects(*ref, e, p, d, view)) << "Objects(" << Ent(e) << ", " << kPredNames[p] << ", day "
                                                         << d << ", view " << view << ") after order " << i;
      {
        // The borrowed answer (Database::Read) against the model too.
        auto reading = (*db)->Read();
        auto borrowed = reading->Objects(Ent(e), kPredNames[p], v);
        ASSERT_TRUE(borrowed.ok()) << borrowed.status().ToString();
        std::multiset<std::string> borrowed_objs;
        for (const FactRef& f : *borrowed)
          borrowed_objs.insert(f.value ? FormatValue(*f.value) : std::string(f.object));
        ASSERT_EQ(borrowed_objs, ModelObjects(*ref, e, p, d, view))
            << "Read()->Objects(" << Ent(e) << ", " << kPredNames[p] << ", day " << d << ") after order " << i;
      }
      if (p == kX && ref == &model) {
        // The fast path (slots, or by_subject for entities changed since they were built) for
        // every entity at once: current record, undisputed plus the view's perspective.
        const int fast_view = view > 0 ? view : 0;
        const uint32_t persp = fast_view > 0 ? (*db)->PerspectiveHandle(kPerspNames[fast_view]) : 0;
        std::vector<uint32_t> handles;
        std::vector<int> which;
        for (int s = 0; s < kEntities; ++s) {
          if (!model.known[s]) continue;
          handles.push_back((*db)->EntityHandle(Ent(s)));
          which.push_back(s);
        }
        std::vector<uint32_t> fast;
        (*db)->ObjectsAt(handles, (*db)->PredicateHandle("x"), Day(d), &fast, persp);
        ASSERT_EQ(fast.size(), handles.size());
        for (size_t k = 0; k < handles.size(); ++k) {
          const auto expect = ModelObjects(model, which[k], kX, d, fast_view);
          ASSERT_LE(expect.size(), 1u);
          const std::string got_key = fast[k] == Database::kNone ? "" : (*db)->EntityKey(fast[k]);
          ASSERT_EQ(got_key, expect.empty() ? "" : *expect.begin())
              << "ObjectsAt(" << Ent(which[k]) << ", x, day " << d << ", view " << fast_view << ") after order " << i;
          ASSERT_EQ((*db)->ObjectAt(handles[k], (*db)->PredicateHandle("x"), Day(d), persp), fast[k]);
        }
      }
      if (p == kX && v.recorded) {
        // The as-of fast path for every entity: against the model of the record as it stood
        // then, and against the string API at a random record time around it.
        const int fast_view = view > 0 ? view : 0;
        const uint32_t persp = fast_view > 0 ? (*db)->PerspectiveHandle(kPerspNames[fast_view]) : 0;
        const Instant other{v.recorded->micros + rnd(2'000'001) - 1'000'000};
        View random = v;
        random.recorded = other;
        random.perspective = fast_view > 0 ? kPerspNames[fast_view] : "";
        for (int s = 0; s < kEntities; ++s) {
          if (!model.known[s]) continue;
          const uint32_t h = (*db)->EntityHandle(Ent(s));
          const auto expect = ModelObjects(*ref, s, kX, d, fast_view);
          ASSERT_LE(expect.size(), 1u);
          const uint32_t got_then = (*db)->ObjectAsOf(h, (*db)->PredicateHandle("x"), Day(d), *v.recorded, persp);
          ASSERT_EQ(got_then == Database::kNone ? "" : (*db)->EntityKey(got_then),
                    expect.empty() ? "" : *expect.begin())
              << "ObjectAsOf(" << Ent(s) << ", x, day " << d << ", view " << fast_view << ") after order " << i;
          auto api = (*db)->Objects(Ent(s), "x", random);
          ASSERT_TRUE(api.ok());
          std::string api_key;
          for (const FactInfo& f : *api) {
            if (fast_view > 0 || f.perspective.empty()) api_key = f.object;  // perspective handle 0: undisputed only
          }
          const uint32_t got = (*db)->ObjectAsOf(h, (*db)->PredicateHandle("x"), Day(d), other, persp);
          ASSERT_EQ(got == Database::kNone ? "" : (*db)->EntityKey(got), api_key)
              << "ObjectAsOf(" << Ent(s) << ", x, day " << d << ", recorded " << other.micros << ") after order " << i;
        }
      }
      if (p != kVal) {
        auto mem = (*db)->Members(Ent(e), kPredNames[p], v);
        ASSERT_TRUE(mem.ok());
        std::multiset<std::string> subjects, expect;
        for (const FactInfo& f : *mem) subjects.insert(f.subject);
        for (int s = 0; s < kEntities; ++s) {
          for (const std::string& o : ModelObjects(*ref, s, p, d, view)) {
            if (o == Ent(e)) expect.insert(Ent(s));
          }
        }
        ASSERT_EQ(subjects, expect) << "Members(" << Ent(e) << ", " << kPredNames[p] << ", day " << d << ")";
      }
      auto ent = (*db)->Entity(Ent(e), v);
      ASSERT_TRUE(ent.ok());
      ASSERT_EQ(ent->alive, ref->known[e] && ref->alive[e][d]) << "alive " << Ent(e) << " day " << d;
    }
    if (i % 20 == 19) {
      // A diff between two random days, in a random view, against the model.
      View v;
      const int d1 = rnd(kDays), d2 = rnd(kDays);
      const int view = rnd(4) - 1;
      if (view > 0 && (*db)->PerspectiveHandle(kPerspNames[view]) != Database::kNone) v.perspective = kPerspNames[view];
      const int vw = v.perspective.empty() ? -1 : view;
      const int p = rnd(kPreds);
      auto diff = (*db)->Diff(Day(d1), Day(d2), kPredNames[p], v);
      ASSERT_TRUE(diff.ok());
      std::set<std::pair<std::string, std::string>> got, expect;
      for (const Change& c : *diff) got.emplace(c.subject, c.perspective);
      std::set<std::pair<std::string, std::string>> borrowed;
      {
        auto reading = (*db)->Read();
        auto refs = reading->Diff(Day(d1), Day(d2), kPredNames[p], v);
        ASSERT_TRUE(refs.ok());
        for (const ChangeRef& c : refs->changes) borrowed.emplace(c.subject, c.perspective);
      }
      for (int s = 0; s < kEntities; ++s) {
        if (vw >= 0) {
          // in a perspective view, undisputed facts and the view's are compared together
          if (ModelObjects(model, s, p, d1, vw) != ModelObjects(model, s, p, d2, vw))
            expect.emplace(Ent(s), kPerspNames[vw]);
          continue;
        }
        for (int persp = 0; persp < kPersps; ++persp) {
          if (model.cells[s][p][persp][d1] != model.cells[s][p][persp][d2]) expect.emplace(Ent(s), kPerspNames[persp]);
        }
      }
      ASSERT_EQ(got, expect) << "Diff day " << d1 << " to " << d2 << " of " << kPredNames[p];
      ASSERT_EQ(borrowed, expect) << "Read()->Diff day " << d1 << " to " << d2 << " of " << kPredNames[p];
    }
  }
  // The random walk must exercise both outcomes.
  RecordProperty("accepted", accepted);
  RecordProperty("refused", refused);
  RecordProperty("back_dated", back_dated);
  EXPECT_GT(accepted, kOrders / 10);
  EXPECT_GT(refused, kOrders / 10);
  EXPECT_GT(back_dated, kOrders / 60) << "back-dated orders must be exercised too";
}

INSTANTIATE_TEST_SUITE_P(Seeds, PropertyTest, ::testing::Range(1, 9));

}  // namespace
}  // namespace ordo
