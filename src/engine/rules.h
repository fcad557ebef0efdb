// Watch rules (docs/rules.md): compiling a RuleDecl against the state,
// evaluating its conjunction over the facts valid at a date, and finding what
// an applied order fired.
#ifndef ORDO_ENGINE_RULES_H_
#define ORDO_ENGINE_RULES_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "engine/state.h"
#include "ordo/order.h"
#include "ordo/status.h"

namespace ordo::engine {

// A term: a variable (index into CompiledRule::vars) or an entity id.
struct CompiledTerm {
  bool is_variable = false;
  uint32_t id = kNone;
};

struct CompiledAtom {
  uint32_t pred = kNone;
  bool is_attribute = false;
  CompiledTerm subject;
  CompiledTerm object;  // relations only
  Value value;          // attributes only: the literal the fact's value must equal
  std::vector<Qualifier> qualifiers;
  bool negated = false;  // queries: no visible row meets it
};

struct CompiledRule {
  RuleDecl decl;
  std::vector<std::string> vars;  // names without '?', in order of first appearance
  std::vector<CompiledAtom> atoms;
  uint32_t persp = 0;      // facts of this perspective join the undisputed (0: none do)
  uint32_t cites = kNone;  // the statement entity
  std::string quote;       // its words when the rule was compiled
  std::vector<uint32_t> sources;
  Instant recorded;
};

// Checks a rule against the schema and the entities of s (predicates,
// constants, value types, the cited statement and its quote, sources,
// perspective). Errors point into the rule's text.
// With require_quote false (a rule read back from the file, or carried into a scenario), a
// statement whose quote has since been unset leaves quote empty instead of failing.
Result<CompiledRule> CompileRule(const State& s, const RuleDecl& decl, bool require_quote = true);

// Checks atoms (a rule's or a query's) against the schema and the entities of s and appends them
// to out; variables are numbered in order of first appearance in vars. A variable of a negated
// atom must appear in a positive one (else 'not' would range over everything).
Status CompileAtoms(const State& s, const std::vector<RuleAtom>& atoms, std::vector<std::string>* vars,
                    std::vector<CompiledAtom>* out);

// Which rows a rule sees: valid at `at`, in the rule's perspective, and either
// as known at `recorded` (nullptr: now) or, when as_of_order is set, just after
// that order was applied (rows written by it or earlier orders, not yet
// retracted by one of them).
struct EvalView {
  Date at;
  const Instant* recorded = nullptr;
  uint32_t as_of_order = kNone;
};

struct RuleMatch {
  std::vector<uint32_t> values;  // per variable: an entity id
  std::vector<uint32_t> facts;   // per atom: the row that met it
};

bool RowVisible(const State& s, const Fact& f, uint32_t persp, const EvalView& view);

// The work an evaluation may do: each candidate row examined and each match found is one step.
// Once `limit` steps are spent (0: no limit) the evaluation stops and `exhausted` is set; what
// it found by then is incomplete.
struct WorkBudget {
  uint64_t limit = 0;
  uint64_t spent = 0;
  bool exhausted = false;
  bool Spend() {
    if (exhausted) return false;
    ++spent;
    if (limit != 0 && spent > limit) exhausted = true;
    return !exhausted;
  }
};

// Every combination of rows meeting all atoms at view.at (and no row meeting a negated atom),
// one match per combination.
std::vector<RuleMatch> EvaluateRule(const State& s, const CompiledRule& rule, const EvalView& view,
                                    WorkBudget* budget = nullptr);
// Only the combinations in which atom `atom` is met by row `seed`.
std::vector<RuleMatch> EvaluateRuleSeeded(const State& s, const CompiledRule& rule, const EvalView& view, size_t atom,
                                          uint32_t seed, WorkBudget* budget = nullptr);

struct Firing {
  size_t rule;  // index into the rules given
  Date date;    // the earliest date in the seed's interval at which the match holds
  RuleMatch match;
  uint32_t order;
};

// The firings caused by the orders with ids >= first_order, whose rows have ids
// >= first_fact. For each such order O and each row O asserted (row_order ==
// order == O), the rules are evaluated as of O at the row's start and at every
// later start, within the row's interval, of a row of a predicate the rule
// names; a match that uses the row fires once per (rule, values) and order, at
// its earliest date.
// Each rule may spend max_work steps (0: no limit) over the batch; past it, kLimit names the rule.
Result<std::vector<Firing>> FireRules(const State& s, const std::vector<CompiledRule>& rules, uint32_t first_order,
                                      size_t first_fact, uint64_t max_work = 0);

}  // namespace ordo::engine

#endif  // ORDO_ENGINE_RULES_H_
