#include "engine/rules.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "engine/apply.h"

namespace ordo::engine {

namespace {

// The latest live value of the statement's `quote` attribute; "" when it has
// none.
std::string QuoteOf(const State& s, uint32_t statement) {
  auto q = s.pred_ids.find("quote");
  if (q == s.pred_ids.end() || !s.preds[q->second].is_attribute) return "";
  const Fact* best = nullptr;
  for (uint32_t id : s.by_subject[statement]) {
    const Fact& f = s.facts[id];
    if (f.pred != q->second || !f.live() || f.persp != 0) continue;
    if (best == nullptr || f.from >= best->from) best = &f;
  }
  if (best == nullptr) return "";
  const Value& v = s.values[best->object];
  return v.type() == ValueType::kString ? std::get<std::string>(v.v) : FormatValue(v);
}

class Matcher {
 public:
  Matcher(const State& s, const CompiledRule& rule, const EvalView& view, std::vector<RuleMatch>* out,
          WorkBudget* budget)
      : s_(s), rule_(rule), view_(view), out_(out), budget_(budget != nullptr ? budget : &unlimited_) {
    current_.values.assign(rule.vars.size(), kNone);
    current_.facts.assign(rule.atoms.size(), kNone);
    for (const CompiledAtom& a : rule.atoms) positive_ += a.negated ? 0 : 1;
  }

  void Run() { Search(positive_); }

  void RunSeeded(size_t atom, uint32_t seed) {
    const Fact& f = s_.facts[seed];
    if (!Meets(rule_.atoms[atom], f)) return;
    std::vector<uint32_t> bound;
    if (!Bind(rule_.atoms[atom], f, &bound)) return;
    current_.facts[atom] = seed;
    Search(positive_ - 1);
    current_.facts[atom] = kNone;
    for (uint32_t v : bound) current_.values[v] = kNone;
  }

 private:
  uint32_t Resolve(const CompiledTerm& t) const { return t.is_variable ? current_.values[t.id] : t.id; }

  // Whether a row meets an atom apart from the variables: predicate, date,
  // view, value, qualifiers.
  bool Meets(const CompiledAtom& a, const Fact& f) const {
    if (f.pred != a.pred || !f.interval().contains(view_.at) || !RowVisible(s_, f, rule_.persp, view_)) return false;
    if (a.is_attribute && !(s_.values[f.object] == a.value)) return false;
    if (!a.qualifiers.empty()) {
      const std::vector<Qualifier>& have = s_.Quals(f);
      for (const Qualifier& q : a.qualifiers) {
        if (std::find(have.begin(), have.end(), q) == have.end()) return false;
      }
    }
    return true;
  }

  // Binds the atom's unbound variables to the row's entities; false on a clash.
  bool Bind(const CompiledAtom& a, const Fact& f, std::vector<uint32_t>* bound) {
    auto bind = [&](const CompiledTerm& t, uint32_t entity) {
      const uint32_t have = Resolve(t);
      if (have != kNone) return have == entity;
      current_.values[t.id] = entity;
      bound->push_back(t.id);
      return true;
    };
    bool ok = bind(a.subject, f.subject) && (a.is_attribute || bind(a.object, f.object));
    if (!ok) {
      for (uint32_t v : *bound) current_.values[v] = kNone;
      bound->clear();
    }
    return ok;
  }

  // Chooses the open positive atom with the most bound terms: it has the fewest
  // candidate rows.
  size_t Choose() const {
    size_t best = kNone;
    int best_score = -1;
    for (size_t i = 0; i < rule_.atoms.size(); ++i) {
      const CompiledAtom& a = rule_.atoms[i];
      if (a.negated || current_.facts[i] != kNone) continue;
      int score = (Resolve(a.subject) != kNone ? 2 : 0) + (!a.is_attribute && Resolve(a.object) != kNone ? 1 : 0);
      if (score > best_score) {
        best = i;
        best_score = score;
      }
    }
    return best;
  }

  // Whether some visible row meets a negated atom, all of whose variables are bound.
  bool Holds(const CompiledAtom& a) {
    const uint32_t subject = Resolve(a.subject);
    const uint32_t object = a.is_attribute ? kNone : Resolve(a.object);
    for (uint32_t id : s_.by_subject[subject]) {
      if (!budget_->Spend()) return true;
      const Fact& f = s_.facts[id];
      if (Meets(a, f) && (a.is_attribute || f.object == object)) return true;
    }
    return false;
  }

  void Search(size_t open) {
    if (budget_->exhausted) return;
    if (open == 0) {
      for (const CompiledAtom& a : rule_.atoms) {
        if (a.negated && Holds(a)) return;
      }
      if (budget_->Spend()) out_->push_back(current_);
      return;
    }
    const size_t i = Choose();
    const CompiledAtom& a = rule_.atoms[i];
    const uint32_t subject = Resolve(a.subject);
    const uint32_t object = a.is_attribute ? kNone : Resolve(a.object);
    const std::vector<uint32_t>& candidates = subject != kNone  ? s_.by_subject[subject]
                                              : object != kNone ? s_.by_object[object]
                                                                : s_.by_pred[a.pred];
    for (uint32_t id : candidates) {
      if (!budget_->Spend()) return;
      const Fact& f = s_.facts[id];
      if (!Meets(a, f)) continue;
      std::vector<uint32_t> bound;
      if (!Bind(a, f, &bound)) continue;
      current_.facts[i] = id;
      Search(open - 1);
      current_.facts[i] = kNone;
      for (uint32_t v : bound) current_.values[v] = kNone;
    }
  }

  const State& s_;
  const CompiledRule& rule_;
  const EvalView& view_;
  std::vector<RuleMatch>* out_;
  WorkBudget unlimited_;
  WorkBudget* budget_;
  size_t positive_ = 0;
  RuleMatch current_;
};

}  // namespace

Status CompileAtoms(const State& s, const std::vector<RuleAtom>& atoms, std::vector<std::string>* vars,
                    std::vector<CompiledAtom>* out) {
  auto term = [&](const RuleTerm& t, CompiledTerm* c) -> Status {
    c->is_variable = t.is_variable;
    if (t.is_variable) {
      auto it = std::find(vars->begin(), vars->end(), t.name);
      c->id = static_cast<uint32_t>(it - vars->begin());
      if (it == vars->end()) vars->push_back(t.name);
      return Status::Ok();
    }
    c->id = s.FindEntity(t.name);
    if (c->id == kNone) return UnknownEntity(s, t.name, t.where);
    return Status::Ok();
  };
  for (const RuleAtom& atom : atoms) {
    auto p = s.pred_ids.find(atom.predicate);
    if (p == s.pred_ids.end()) return UnknownPredicate(s, atom.predicate, atom.where);
    const PredMeta& meta = s.preds[p->second];
    CompiledAtom c;
    c.pred = p->second;
    c.is_attribute = meta.is_attribute;
    c.qualifiers = atom.qualifiers;
    c.negated = atom.negated;
    if (Status st = term(atom.subject, &c.subject); !st.ok()) return st;
    if (meta.is_attribute) {
      if (!atom.value) {
        return Status::Invalid(fmt::format("'{}' is an attribute: write its value as a literal, "
                                           "as in {}(?x, \"text\")",
                                           atom.predicate, atom.predicate),
                               atom.object.where);
      }
      if (atom.value->type() != meta.type) {
        return Status::Invalid(fmt::format("'{}' holds {} values; {} is {}", atom.predicate, ValueTypeName(meta.type),
                                           FormatValue(*atom.value), ValueTypeName(atom.value->type())),
                               atom.object.where);
      }
      c.value = *atom.value;
    } else {
      if (atom.value) {
        return Status::Invalid(fmt::format("'{}' is a relation: its object is a variable (?t) or "
                                           "an entity id, not a value",
                                           atom.predicate),
                               atom.object.where);
      }
      if (Status st = term(atom.object, &c.object); !st.ok()) return st;
    }
    out->push_back(std::move(c));
  }
  // A negated atom's variables must be bound by the positive ones.
  std::vector<bool> positive(vars->size(), false);
  for (const CompiledAtom& c : *out) {
    if (c.negated) continue;
    if (c.subject.is_variable) positive[c.subject.id] = true;
    if (!c.is_attribute && c.object.is_variable) positive[c.object.id] = true;
  }
  for (size_t i = 0; i < atoms.size(); ++i) {
    if (!atoms[i].negated) continue;
    for (const RuleTerm* t : {&atoms[i].subject, &atoms[i].object}) {
      if (!t->is_variable) continue;
      auto it = std::find(vars->begin(), vars->end(), t->name);
      if (it != vars->end() && !positive[static_cast<size_t>(it - vars->begin())]) {
        return Status::Invalid(fmt::format("?{} appears only in a negated atom", t->name), t->where)
            .AddNote("'not' excludes what the other atoms find: bind ?" + t->name +
                     " in an atom without 'not', as in member-of(?" + t->name + ", nato), not member-of(?" + t->name +
                     ", eu)");
      }
    }
  }
  return Status::Ok();
}

Result<CompiledRule> CompileRule(const State& s, const RuleDecl& decl, bool require_quote) {
  CompiledRule r;
  r.decl = decl;
  auto entity = [&](const std::string& key, const SourceRegion& where) -> Result<uint32_t> {
    const uint32_t id = s.FindEntity(key);
    if (id == kNone) return UnknownEntity(s, key, where);
    return id;
  };
  if (decl.atoms.empty()) return Status::Invalid(fmt::format("rule '{}' has no condition", decl.id), decl.where);
  if (Status st = CompileAtoms(s, decl.atoms, &r.vars, &r.atoms); !st.ok()) return st;
  if (!decl.perspective.empty()) {
    auto it = s.persp_ids.find(decl.perspective);
    if (it == s.persp_ids.end()) {
      return Status::NotFound(fmt::format("unknown perspective '{}'", decl.perspective), decl.perspective_where)
          .AddNote(
              "a rule's perspective must be one the record's facts "
              "already use");
    }
    r.persp = it->second;
  }
  for (size_t i = 0; i < decl.sources.size(); ++i) {
    auto it = s.source_ids.find(decl.sources[i]);
    if (it == s.source_ids.end()) {
      return Status::NotFound(fmt::format("unknown source '{}'", decl.sources[i]),
                              i < decl.source_where.size() ? decl.source_where[i] : decl.where);
    }
    r.sources.push_back(it->second);
  }
  auto cites = entity(decl.cites, decl.cites_where);
  if (!cites.ok()) return cites.status();
  r.cites = *cites;
  r.quote = QuoteOf(s, r.cites);
  if (r.quote.empty() && require_quote) {
    return Status::Violation(fmt::format("'{}', cited by rule '{}', has no quote", decl.cites, decl.id),
                             decl.cites_where)
        .AddNote(
            "an alert quotes the statement's own words: record them with  "
            "set " +
            decl.cites + " quote \"...\"");
  }
  return r;
}

bool RowVisible(const State& s, const Fact& f, uint32_t persp, const EvalView& view) {
  if (f.persp != 0 && f.persp != persp) return false;
  if (view.as_of_order != kNone) {
    return f.row_order <= view.as_of_order && (f.live() || f.retract_order > view.as_of_order);
  }
  return s.VisibleAt(f, view.recorded);
}

std::vector<RuleMatch> EvaluateRule(const State& s, const CompiledRule& rule, const EvalView& view,
                                    WorkBudget* budget) {
  std::vector<RuleMatch> out;
  Matcher(s, rule, view, &out, budget).Run();
  return out;
}

std::vector<RuleMatch> EvaluateRuleSeeded(const State& s, const CompiledRule& rule, const EvalView& view, size_t atom,
                                          uint32_t seed, WorkBudget* budget) {
  std::vector<RuleMatch> out;
  Matcher(s, rule, view, &out, budget).RunSeeded(atom, seed);
  return out;
}

Result<std::vector<Firing>> FireRules(const State& s, const std::vector<CompiledRule>& rules, uint32_t first_order,
                                      size_t first_fact, uint64_t max_work) {
  std::vector<Firing> out;
  std::vector<WorkBudget> budgets(rules.size(), WorkBudget{max_work});
  if (rules.empty()) return out;
  // Rows of each order in this batch that the order asserted.
  std::map<uint32_t, std::vector<uint32_t>> seeds;
  for (size_t id = first_fact; id < s.facts.size(); ++id) {
    const Fact& f = s.facts[id];
    if (f.row_order >= first_order && f.row_order == f.order) seeds[f.row_order].push_back(static_cast<uint32_t>(id));
  }
  for (const auto& [order, rows] : seeds) {
    // (rule, values) -> index into out: the earliest date wins.
    std::map<std::pair<size_t, std::vector<uint32_t>>, size_t> fired;
    for (size_t r = 0; r < rules.size(); ++r) {
      const CompiledRule& rule = rules[r];
      std::set<uint32_t> preds;
      for (const CompiledAtom& a : rule.atoms) preds.insert(a.pred);
      for (uint32_t seed : rows) {
        const Fact& f = s.facts[seed];
        if (!preds.count(f.pred)) continue;
        std::set<int32_t> dates{f.from};
        for (uint32_t p : preds) {
          for (uint32_t id : s.by_pred[p]) {
            const int32_t start = s.facts[id].from;
            if (start > f.from && start < f.to) dates.insert(start);
          }
        }
        for (size_t i = 0; i < rule.atoms.size(); ++i) {
          if (rule.atoms[i].pred != f.pred) continue;
          for (int32_t day : dates) {
            EvalView view{Date{day}, nullptr, order};
            for (RuleMatch& m : EvaluateRuleSeeded(s, rule, view, i, seed, &budgets[r])) {
              auto key = std::make_pair(r, m.values);
              auto it = fired.find(key);
              if (it == fired.end()) {
                fired.emplace(std::move(key), out.size());
                out.push_back(Firing{r, Date{day}, std::move(m), order});
              } else if (Date{day} < out[it->second].date) {
                out[it->second].date = Date{day};
                out[it->second].match = std::move(m);
              }
            }
            if (budgets[r].exhausted) {
              return Status::Limit(fmt::format("rule '{}' needs more than {} steps to evaluate on order '{}'",
                                               rule.decl.id, max_work, s.orders[order].key),
                                   rule.decl.where)
                  .AddNote(
                      "each candidate fact examined and each match found is a step; bind a variable to an entity "
                      "or add an atom to narrow the condition, or raise the bound (--max-work)");
            }
          }
        }
      }
    }
  }
  return out;
}

}  // namespace ordo::engine
