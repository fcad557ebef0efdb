// Watch rules: the engine's evaluator against a naive reference that tries
// every assignment of entities to the variables, on random rows (intervals,
// perspectives, qualifiers, record times); the firings of orders against the
// earliest date a brute-force search finds; and rules through the public API
// (compile errors, alerts stored and read back).
#include "engine/rules.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "engine/state.h"
#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo::engine {
namespace {

constexpr int kEntities = 5;
constexpr int kOrders = 5;
constexpr int kVars = 3;

struct World {
  State s;
  std::mt19937 rng;
  explicit World(unsigned seed) : rng(seed) {}
  int Rand(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); }
};

const std::vector<Qualifier> kCombat = {Qualifier{"role", Value{std::string("combat")}}};
const std::vector<Qualifier> kTraining = {Qualifier{"role", Value{std::string("training")}}};

void BuildRandom(World& w, int facts) {
  State& s = w.s;
  s.kinds.push_back(KindMeta{"thing", kNone, ""});
  s.kind_ids.emplace("thing", 0);
  const char* names[] = {"r0", "r1", "a0"};
  for (uint32_t p = 0; p < 3; ++p) {
    s.preds.push_back(
        PredMeta{names[p], p == 2, p == 2 ? ValueType::kInteger : ValueType::kString, false, false, {}, {}, ""});
    s.pred_ids.emplace(names[p], p);
  }
  s.by_pred.resize(3);
  for (const char* p : {"A", "B"}) {
    s.persp_ids.emplace(p, static_cast<uint32_t>(s.persps.size()));
    s.persps.push_back(p);
  }
  for (int e = 0; e < kEntities; ++e) {
    s.entities.push_back(EntityMeta{"e" + std::to_string(e), 0});
    s.IndexEntity(static_cast<uint32_t>(e));
  }
  s.by_subject.resize(kEntities);
  s.by_object.resize(kEntities);
  for (int o = 0; o < kOrders; ++o) {
    OrderMeta row{};
    row.key = "o" + std::to_string(o);
    row.recorded = Instant{1000 * (o + 1)};
    s.order_ids.emplace(row.key, o);
    s.orders.push_back(row);
  }
  for (int v = 0; v < 3; ++v) s.InternValue(Value{int64_t{v}});
  const uint32_t combat = s.InternQuals(kCombat);
  const uint32_t training = s.InternQuals(kTraining);
  for (int i = 0; i < facts; ++i) {
    Fact f{};
    f.subject = static_cast<uint32_t>(w.Rand(kEntities));
    f.pred = static_cast<uint32_t>(w.Rand(3));
    f.object = static_cast<uint32_t>(f.pred == 2 ? w.Rand(3) : w.Rand(kEntities));
    const int a = w.Rand(22) - 1, b = w.Rand(22) - 1;
    f.from = a < 0 ? Date::kMinDays : std::min(a, b);
    f.to = b >= 20 ? Date::kMaxDays : std::max(a, b) + 1;
    if (f.from != Date::kMinDays && f.to != Date::kMaxDays && f.from >= f.to) f.to = f.from + 1;
    f.row_order = static_cast<uint32_t>(w.Rand(kOrders));
    f.order = w.Rand(3) == 0 ? static_cast<uint32_t>(w.Rand(static_cast<int>(f.row_order) + 1)) : f.row_order;
    const int r = w.Rand(kOrders + 2);
    f.retract_order = r > static_cast<int>(f.row_order) && r < kOrders ? static_cast<uint32_t>(r) : kNone;
    f.known_from = f.row_order;
    f.known_to = f.retract_order;
    const int q = w.Rand(3);
    f.annot = s.InternAnnot(q == 0 ? 0 : q == 1 ? combat : training, 0);
    f.persp = static_cast<uint16_t>(w.Rand(4) == 0 ? 1 + w.Rand(2) : 0);
    s.AddFact(f);
  }
}

CompiledRule RandomRule(World& w) {
  CompiledRule r;
  r.persp = static_cast<uint32_t>(w.Rand(3));
  const int atoms = 1 + w.Rand(4);
  auto term = [&](CompiledTerm* t) {
    if (w.Rand(4) == 0) {
      t->is_variable = false;
      t->id = static_cast<uint32_t>(w.Rand(kEntities));
    } else {
      t->is_variable = true;
      t->id = static_cast<uint32_t>(w.Rand(kVars));
    }
  };
  for (int i = 0; i < atoms; ++i) {
    CompiledAtom a;
    a.pred = static_cast<uint32_t>(w.Rand(3));
    a.is_attribute = a.pred == 2;
    term(&a.subject);
    if (a.is_attribute) {
      a.value = Value{int64_t{w.Rand(3)}};
    } else {
      term(&a.object);
    }
    if (w.Rand(3) == 0) a.qualifiers = w.Rand(2) ? kCombat : kTraining;
    r.atoms.push_back(a);
  }
  // Variables are numbered densely in order of first appearance, as CompileRule
  // does.
  std::map<uint32_t, uint32_t> renumber;
  for (CompiledAtom& a : r.atoms) {
    for (CompiledTerm* t : {&a.subject, &a.object}) {
      if (!t->is_variable || (t == &a.object && a.is_attribute)) continue;
      auto it = renumber.emplace(t->id, static_cast<uint32_t>(renumber.size())).first;
      t->id = it->second;
    }
  }
  for (size_t v = 0; v < renumber.size(); ++v) r.vars.push_back("v" + std::to_string(v));
  return r;
}

// ---- the naive reference ----

bool NaiveVisible(const State& s, const Fact& f, uint32_t persp, const EvalView& v) {
  if (!(f.persp == 0 || f.persp == persp)) return false;
  if (v.as_of_order != kNone) {
    return f.row_order <= v.as_of_order && (f.retract_order == kNone || f.retract_order > v.as_of_order);
  }
  if (v.recorded == nullptr) return f.retract_order == kNone;
  if (s.orders[f.row_order].recorded > *v.recorded) return false;
  return f.retract_order == kNone || s.orders[f.retract_order].recorded > *v.recorded;
}

bool NaiveMeets(const State& s, const CompiledRule& r, const CompiledAtom& a, const Fact& f,
                const std::vector<uint32_t>& values, const EvalView& v) {
  auto value = [&](const CompiledTerm& t) { return t.is_variable ? values[t.id] : t.id; };
  if (f.pred != a.pred || f.subject != value(a.subject)) return false;
  if (a.is_attribute ? !(s.values[f.object] == a.value) : f.object != value(a.object)) return false;
  if (!(f.from <= v.at.days && v.at.days < f.to)) return false;
  if (!NaiveVisible(s, f, r.persp, v)) return false;
  for (const Qualifier& q : a.qualifiers) {
    const auto& have = s.Quals(f);
    if (std::find(have.begin(), have.end(), q) == have.end()) return false;
  }
  return true;
}

// Every assignment of entities to the variables; for each, the number of row
// combinations.
std::map<std::vector<uint32_t>, size_t> Naive(const State& s, const CompiledRule& r, const EvalView& v) {
  std::map<std::vector<uint32_t>, size_t> out;
  std::vector<uint32_t> values(r.vars.size(), 0);
  while (true) {
    size_t combos = 1;
    for (const CompiledAtom& a : r.atoms) {
      size_t n = 0;
      for (const Fact& f : s.facts) n += NaiveMeets(s, r, a, f, values, v) ? 1 : 0;
      if (a.negated) {
        if (n > 0) combos = 0;
      } else {
        combos *= n;
      }
    }
    if (combos > 0) out[values] = combos;
    size_t i = 0;
    while (i < values.size() && ++values[i] == kEntities) values[i++] = 0;
    if (i == values.size()) break;
  }
  return out;
}

std::map<std::vector<uint32_t>, size_t> Group(const std::vector<RuleMatch>& matches) {
  std::map<std::vector<uint32_t>, size_t> out;
  for (const RuleMatch& m : matches) ++out[m.values];
  return out;
}

class RulesRandomTest : public ::testing::TestWithParam<int> {};

TEST_P(RulesRandomTest, EvaluatorMatchesNaiveReference) {
  World w(static_cast<unsigned>(GetParam()));
  BuildRandom(w, 60);
  const State& s = w.s;
  int nonempty = 0;
  for (int round = 0; round < 150; ++round) {
    CompiledRule rule = RandomRule(w);
    EvalView view;
    const int day = w.Rand(24) - 2;
    view.at = day < -1 ? Date::Min() : Date{day};
    Instant recorded{1000 * w.Rand(kOrders + 1) + 500};
    switch (w.Rand(3)) {
      case 0: break;
      case 1: view.recorded = &recorded; break;
      default: view.as_of_order = static_cast<uint32_t>(w.Rand(kOrders)); break;
    }
    SCOPED_TRACE("round " + std::to_string(round));
    const std::vector<RuleMatch> matches = EvaluateRule(s, rule, view);
    nonempty += matches.empty() ? 0 : 1;
    ASSERT_EQ(Group(matches), Naive(s, rule, view));
    // Every match really meets every atom with the row it names.
    for (const RuleMatch& m : matches) {
      for (size_t i = 0; i < rule.atoms.size(); ++i) {
        ASSERT_TRUE(NaiveMeets(s, rule, rule.atoms[i], s.facts[m.facts[i]], m.values, view));
      }
    }
    // Seeded evaluation: exactly the matches that use the seed for that atom.
    const uint32_t seed = static_cast<uint32_t>(w.Rand(static_cast<int>(s.facts.size())));
    const size_t atom = static_cast<size_t>(w.Rand(static_cast<int>(rule.atoms.size())));
    std::multiset<std::vector<uint32_t>> want, got;
    for (const RuleMatch& m : matches) {
      if (m.facts[atom] == seed) want.insert(m.facts);
    }
    for (const RuleMatch& m : EvaluateRuleSeeded(s, rule, view, atom, seed)) got.insert(m.facts);
    ASSERT_EQ(got, want);
  }
  EXPECT_GT(nonempty, 15) << "the random rules should often match";
}

// Queries: some atoms negated (each only over variables a positive atom binds, as CompileAtoms
// requires), against the same reference; and a work bound that stops the evaluation early.
TEST_P(RulesRandomTest, NegatedAtomsMatchNaiveReference) {
  World w(static_cast<unsigned>(GetParam()) + 50);
  BuildRandom(w, 60);
  const State& s = w.s;
  int negated = 0, excluded = 0;
  for (int round = 0; round < 500; ++round) {
    CompiledRule rule = RandomRule(w);
    if (rule.atoms.size() < 2) continue;
    // Negate atoms from the end while every variable of each is bound by a positive atom.
    for (size_t i = rule.atoms.size(); i-- > 1;) {
      if (w.Rand(2) == 0) continue;
      std::set<uint32_t> bound;
      for (size_t j = 0; j < rule.atoms.size(); ++j) {
        const CompiledAtom& a = rule.atoms[j];
        if (j == i || a.negated) continue;
        if (a.subject.is_variable) bound.insert(a.subject.id);
        if (!a.is_attribute && a.object.is_variable) bound.insert(a.object.id);
      }
      const CompiledAtom& a = rule.atoms[i];
      bool safe = (!a.subject.is_variable || bound.count(a.subject.id)) &&
                  (a.is_attribute || !a.object.is_variable || bound.count(a.object.id));
      if (safe) rule.atoms[i].negated = true;
    }
    // Variables that only negated atoms named are gone from the positive ones: the reference
    // still ranges over them, so renumbering is not needed; skip rules where that happens.
    std::set<uint32_t> positive_vars;
    for (const CompiledAtom& a : rule.atoms) {
      if (a.negated) continue;
      if (a.subject.is_variable) positive_vars.insert(a.subject.id);
      if (!a.is_attribute && a.object.is_variable) positive_vars.insert(a.object.id);
    }
    if (positive_vars.size() != rule.vars.size()) continue;
    EvalView view;
    view.at = Date{w.Rand(22) - 1};
    SCOPED_TRACE("round " + std::to_string(round));
    const std::vector<RuleMatch> matches = EvaluateRule(s, rule, view);
    CompiledRule positive = rule;
    std::erase_if(positive.atoms, [](const CompiledAtom& a) { return a.negated; });
    const bool any_negated = positive.atoms.size() < rule.atoms.size();
    negated += any_negated ? 1 : 0;
    excluded += any_negated && Group(matches) != Group(EvaluateRule(s, positive, view)) ? 1 : 0;
    ASSERT_EQ(Group(matches), Naive(s, rule, view));
  }
  EXPECT_GT(negated, 20) << "the random rules should often have a negated atom";
  EXPECT_GT(excluded, 3) << "a negated atom should often exclude a match";
}

TEST_P(RulesRandomTest, WorkBoundStopsTheEvaluation) {
  World w(static_cast<unsigned>(GetParam()) + 70);
  BuildRandom(w, 60);
  const State& s = w.s;
  for (int round = 0; round < 50; ++round) {
    CompiledRule rule = RandomRule(w);
    EvalView view;
    view.at = Date{w.Rand(22) - 1};
    WorkBudget unbounded;
    const std::vector<RuleMatch> all = EvaluateRule(s, rule, view, &unbounded);
    ASSERT_FALSE(unbounded.exhausted);
    ASSERT_GE(unbounded.spent, all.size()) << "each match is a step";
    // Enough steps: the same answer. One step fewer: stopped, with at most what it found by then.
    WorkBudget enough{unbounded.spent};
    ASSERT_EQ(Group(EvaluateRule(s, rule, view, &enough)), Group(all));
    EXPECT_FALSE(enough.exhausted);
    if (unbounded.spent < 2) continue;
    WorkBudget short_by_one{unbounded.spent - 1};
    const std::vector<RuleMatch> part = EvaluateRule(s, rule, view, &short_by_one);
    EXPECT_TRUE(short_by_one.exhausted);
    EXPECT_EQ(short_by_one.spent, unbounded.spent) << "it stops at the first step past the bound";
    EXPECT_LE(part.size(), all.size());
  }
}

TEST_P(RulesRandomTest, FiringsAreTheEarliestDatesAnOrderMakesTrue) {
  World w(static_cast<unsigned>(GetParam()) + 100);
  BuildRandom(w, 50);
  const State& s = w.s;
  std::vector<CompiledRule> rules;
  for (int i = 0; i < 8; ++i) rules.push_back(RandomRule(w));
  // Reference: (order, rule, values) -> earliest day (Min or a day of the
  // domain) at which, as of the order, the rule holds with some atom met by a
  // row the order asserted.
  std::map<std::tuple<uint32_t, size_t, std::vector<uint32_t>>, int32_t> want;
  std::vector<int32_t> days{Date::kMinDays};
  for (int d = -1; d < 24; ++d) days.push_back(d);
  for (uint32_t o = 0; o < kOrders; ++o) {
    for (size_t r = 0; r < rules.size(); ++r) {
      const CompiledRule& rule = rules[r];
      for (int32_t day : days) {
        EvalView view{Date{day}, nullptr, o};
        for (const auto& [values, n] : Naive(s, rule, view)) {
          bool uses_order = false;
          for (const CompiledAtom& a : rule.atoms) {
            for (const Fact& f : s.facts) {
              if (f.row_order == o && f.order == o && NaiveMeets(s, rule, a, f, values, view)) uses_order = true;
            }
          }
          if (uses_order) want.emplace(std::make_tuple(o, r, values),
                                       day);  // keeps the earliest
        }
      }
    }
  }
  std::map<std::tuple<uint32_t, size_t, std::vector<uint32_t>>, int32_t> got;
  auto fired = FireRules(s, rules, 0, 0);
  ASSERT_TRUE(fired.ok()) << fired.status().ToString();
  for (const Firing& f : *fired) {
    EXPECT_TRUE(got.emplace(std::make_tuple(f.order, f.rule, f.match.values), f.date.days).second)
        << "one firing per order, rule and values";
  }
  EXPECT_EQ(got, want);
  RecordProperty("firings", static_cast<int>(want.size()));
  EXPECT_GE(want.size(), 1u) << "the random orders should fire some rule";
}

INSTANTIATE_TEST_SUITE_P(Seeds, RulesRandomTest, ::testing::Range(1, 13));

// ---- through the public API ----

std::unique_ptr<Database> Open() {
  auto db = Database::Open(":memory:");
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return std::move(db).value();
}

constexpr const char* kWorld = R"(
kind state
kind alliance
kind statement
relation member-of : state -> alliance
relation deployed-to : state -> state
attribute quote : statement -> string
source s1 { title "a source" }
order setup "setup" effective 2000-01-01 recorded 2000-01-01 sources s1 {
  create (FR PL UA) : state
  create (nato eu) : alliance
  create says : statement
  set says quote "If it happens, then."
  assign (FR PL) member-of -> nato
  assign FR member-of -> eu
}
)";

Batch Parse(const std::string& text) {
  ParseResult r = ParseOrders(text, "t.ordo");
  EXPECT_TRUE(r.ok()) << (r.diagnostics.empty() ? "" : r.diagnostics.front().ToString());
  return r.batch;
}

constexpr const char* kRule = R"(
rule red-line "a stated condition"
  cites says
  sources s1
  note "narrower than the words"
  when member-of(?s, nato), member-of(?s, eu), deployed-to(?s, UA)[role: combat]
)";

TEST(Rules, FireOnTheOrderThatMeetsThemAndPersist) {
  const std::string path = ::testing::TempDir() + "/rules_persist.db";
  std::remove(path.c_str());
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Apply(Parse(std::string(kWorld) + kRule)).ok());
    auto applied = (*db)->Apply(Parse(R"(
order pl-deploys "PL deploys" effective 2010-05-01 sources s1 {
  assign PL deployed-to -> UA [role: combat]
}
order fr-trains "FR trains" effective 2011-01-01 sources s1 {
  assign FR deployed-to -> UA [role: training]
}
order fr-deploys "FR deploys" effective 2012-03-04 sources s1 {
  assign FR deployed-to -> UA [role: combat]
}
)"));
    ASSERT_TRUE(applied.ok()) << applied.status().ToString();
    auto alerts = (*db)->Alerts();
    ASSERT_TRUE(alerts.ok());
    ASSERT_EQ(alerts->size(), 1u);
    EXPECT_EQ((*alerts)[0].order, "fr-deploys");
    EXPECT_EQ(FormatDate((*alerts)[0].date), "2012-03-04");
  }
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto alerts = (*db)->Alerts();
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 1u);
  const AlertInfo& a = (*alerts)[0];
  EXPECT_EQ(a.rule, "red-line");
  EXPECT_EQ(a.order, "fr-deploys");
  EXPECT_EQ(FormatDate(a.date), "2012-03-04");
  EXPECT_EQ(a.bindings, (std::vector<std::pair<std::string, std::string>>{{"s", "FR"}}));
  EXPECT_EQ(a.quote, "If it happens, then.");
  EXPECT_EQ(a.note, "narrower than the words");
  EXPECT_EQ(a.cites, "says");
  ASSERT_EQ((*db)->Rules().size(), 1u);
  EXPECT_EQ((*db)->Rules()[0].condition,
            "member-of(?s, nato), member-of(?s, eu), deployed-to(?s, UA)[role: "
            "\"combat\"]");
  // Joining the EU later makes the condition true from the accession date: that
  // order fires.
  auto joined = (*db)->Apply(Parse(R"(
order pl-joins-eu "PL joins the EU" effective 2004-05-01 sources s1 { assign PL member-of -> eu }
)"));
  ASSERT_TRUE(joined.ok()) << joined.status().ToString();
  alerts = (*db)->Alerts();
  ASSERT_EQ(alerts->size(), 2u);
  EXPECT_EQ((*alerts)[1].order, "pl-joins-eu");
  EXPECT_EQ(FormatDate((*alerts)[1].date), "2010-05-01");
  std::remove(path.c_str());
}

// A rule that joins many facts is stopped at the work bound: the order is refused with the
// rule's and the order's names, and nothing of the batch is written.
TEST(Rules, ARuleOverItsWorkBoundRefusesTheOrder) {
  Options options;
  options.max_query_work = 200;
  auto db = Database::Open(":memory:", options);
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE((*db)
                  ->Apply(Parse(std::string(kWorld) + R"(
rule triples "three members of one alliance" cites says sources s1
  when member-of(?a, ?x), member-of(?b, ?x), member-of(?c, ?x)
)"))
                  .ok());
  std::string states, members;
  for (int i = 0; i < 12; ++i) {
    states += fmt::format(" s{}", i);
    members += fmt::format("  assign s{} member-of -> nato\n", i);
  }
  auto big = (*db)->Apply(Parse("order enlarge \"twelve join\" effective 2005-01-01 sources s1 {\n  create (" + states +
                                ") : state\n" + members + "}\n"));
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().code(), Code::kLimit);
  EXPECT_EQ(big.status().message(), "rule 'triples' needs more than 200 steps to evaluate on order 'enlarge'");
  View v;
  v.at = Date::FromCivil(2006, 1, 1);
  EXPECT_FALSE((*db)->Entity("s0", v).ok()) << "nothing of the refused order is written";
  // One new member stays within the bound and fires.
  auto one =
      (*db)->Apply(Parse("order one \"one joins\" effective 2005-01-01 sources s1 {\n  create s0 : state\n"
                         "  assign s0 member-of -> eu\n}\n"));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
}

// Regression: a rule whose statement's quote is unset later must not make the file unopenable.
TEST(Rules, ReopenAfterTheCitedQuoteIsUnset) {
  const std::string path = ::testing::TempDir() + "/rules_unset_quote.db";
  std::remove(path.c_str());
  {
    auto db = Database::Open(path);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Apply(Parse(std::string(kWorld) + kRule)).ok());
    auto unset = (*db)->Apply(Parse("order u \"u\" effective 2001-01-01 sources s1 {\n  unset says quote\n}\n"));
    ASSERT_TRUE(unset.ok()) << unset.status().ToString();
  }
  auto db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_EQ((*db)->Rules().size(), 1u);
  std::remove(path.c_str());
}

TEST(Rules, CompileErrorsPointIntoTheRule) {
  auto db = Open();
  ASSERT_TRUE(db->Apply(Parse(kWorld)).ok());
  struct Case {
    std::string text;
    std::string message;
    std::string at;  // the error points at the first occurrence of this text
  };
  const std::vector<Case> cases = {
      {"rule r \"t\" cites says sources s1 when membr-of(?s, nato)\n", "unknown relation or attribute 'membr-of'",
       "membr-of"},
      {"rule r \"t\" cites says sources s1 when member-of(?s, natoo)\n", "unknown id 'natoo'", "natoo"},
      {"rule r \"t\" cites says sources s1 when member-of(?s, \"x\")\n",
       "'member-of' is a relation: its object is a variable (?t) or an entity "
       "id, not a value",
       "\"x\""},
      {"rule r \"t\" cites says sources s1 when quote(?s, 3)\n", "'quote' holds string values; 3 is integer", "3)"},
      {"rule r \"t\" cites says sources nope when member-of(?s, nato)\n", "unknown source 'nope'", "nope"},
      {"rule r \"t\" cites FR sources s1 when member-of(?s, nato)\n", "'FR', cited by rule 'r', has no quote", "FR"},
      {"rule r \"t\" cites says sources s1 perspective XX when member-of(?s, "
       "nato)\n",
       "unknown perspective 'XX'", "XX"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    auto r = db->Apply(Parse(c.text));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().message().substr(0, c.message.size()), c.message) << r.status().message();
    EXPECT_EQ(r.status().where().begin.line, 1u);
    EXPECT_EQ(r.status().where().begin.column, c.text.find(c.at) + 1);
  }
  ASSERT_TRUE(db->Apply(Parse(kRule)).ok());
  auto dup = db->Apply(Parse(kRule));
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.status().code(), Code::kConflict);
  EXPECT_EQ(dup.status().message(), "rule 'red-line' already exists");
  EXPECT_EQ(db->Rules().size(), 1u);
}

}  // namespace
}  // namespace ordo::engine
