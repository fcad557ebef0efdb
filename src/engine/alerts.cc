// Watch rules and their alerts (docs/rules.md): rules read back on open, their RuleInfo, and the
// alerts of a branch.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include <map>

#include "engine/database_impl.h"

namespace ordo::engine {

RuleInfo DatabaseImpl::RuleInfoOf(const CompiledRule& r) const {
  const ReadScope scope = Unviewed();
  RuleInfo out;
  out.id = r.decl.id;
  out.title = r.decl.title;
  out.cites = r.decl.cites;
  out.quote = r.quote;
  out.perspective = r.decl.perspective;
  out.note = r.decl.note;
  out.condition = FormatRuleCondition(r.decl);
  out.text = FormatRule(r.decl);
  for (uint32_t src : r.sources) out.sources.push_back(scope.SourceInfoOf(src));
  out.recorded = r.recorded;
  out.where = r.decl.where;
  return out;
}

Status DatabaseImpl::LoadRules() {
  std::vector<store::RuleRow> rule_rows;
  if (Status st = store_->LoadRules(&rule_rows); !st.ok()) return st;
  for (store::RuleRow& row : rule_rows) {
    auto compiled = CompileRule(state_, row.decl, /*require_quote=*/false);
    if (!compiled.ok()) {
      return Status::Io(fmt::format("rule '{}' no longer compiles: {}", row.key, compiled.status().message()));
    }
    compiled->recorded = row.recorded;
    rules_.push_back(std::move(compiled).value());
  }
  std::map<std::string, std::string> titles;
  for (const auto& r : rules_) titles.emplace(r.decl.id, r.decl.title);
  std::vector<store::AlertRow> alert_rows;
  if (Status st = store_->LoadAlerts("", &alert_rows); !st.ok()) return st;
  for (store::AlertRow& row : alert_rows) {
    AlertInfo a;
    a.id = alerts_.size() + 1;
    a.rule = row.rule;
    a.rule_title = titles[row.rule];
    a.date = row.date;
    auto b = nlohmann::json::parse(row.bindings, nullptr, false);
    auto f = nlohmann::json::parse(row.facts, nullptr, false);
    if (!b.is_object() || !f.is_array()) return Status::Io("corrupt database: an alert's bindings do not parse");
    for (auto it = b.begin(); it != b.end(); ++it) {
      if (!it.value().is_string()) return Status::Io("corrupt database: an alert's bindings do not parse");
      a.bindings.emplace_back(it.key(), it.value().get<std::string>());
    }
    for (const auto& id : f) {
      if (!id.is_number_unsigned()) return Status::Io("corrupt database: an alert's bindings do not parse");
      a.facts.push_back(id.get<uint64_t>());
    }
    a.order = row.order;
    a.recorded = row.recorded;
    a.quote = row.quote;
    a.note = row.note;
    for (const auto& r : rules_) {
      if (r.decl.id == a.rule) a.cites = r.decl.cites;
    }
    alerts_.push_back(std::move(a));
  }
  return Status::Ok();
}

std::vector<RuleInfo> DatabaseImpl::Rules() const {
  ReaderLock lock(&mu_);
  std::vector<RuleInfo> out;
  for (const auto& r : rules_) out.push_back(RuleInfoOf(r));
  return out;
}

Result<std::vector<AlertInfo>> DatabaseImpl::Alerts() const {
  ReaderLock lock(&mu_);
  return alerts_;
}

}  // namespace ordo::engine
