// Canonical text of watch rules (docs/rules.md). The store keeps rules as this
// text and parses it back on open, so it must round-trip through the rule
// parser.
#include <string>

#include "ordo/order.h"

namespace ordo {

namespace {

std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Term(const RuleTerm& t) { return t.is_variable ? "?" + t.name : t.name; }

}  // namespace

std::string FormatRuleCondition(const RuleDecl& rule) {
  std::string out;
  for (size_t i = 0; i < rule.atoms.size(); ++i) {
    const RuleAtom& a = rule.atoms[i];
    if (i > 0) out += ", ";
    out += a.predicate + "(" + Term(a.subject) + ", ";
    out += a.value ? (a.value->type() == ValueType::kString ? Quoted(std::get<std::string>(a.value->v))
                                                            : FormatValue(*a.value))
                   : Term(a.object);
    out += ")";
    if (!a.qualifiers.empty()) {
      out += "[";
      for (size_t q = 0; q < a.qualifiers.size(); ++q) {
        const Value& v = a.qualifiers[q].value;
        out += (q > 0 ? ", " : "") + a.qualifiers[q].key + ": " +
               (v.type() == ValueType::kString ? Quoted(std::get<std::string>(v.v)) : FormatValue(v));
      }
      out += "]";
    }
  }
  return out;
}

std::string FormatRule(const RuleDecl& rule) {
  std::string out = "rule " + rule.id + " " + Quoted(rule.title) + "\n";
  out += "  cites " + rule.cites + "\n";
  out += "  sources ";
  for (size_t i = 0; i < rule.sources.size(); ++i) out += (i > 0 ? ", " : "") + rule.sources[i];
  out += "\n";
  if (!rule.perspective.empty()) out += "  perspective " + rule.perspective + "\n";
  if (!rule.note.empty()) out += "  note " + Quoted(rule.note) + "\n";
  out += "  when " + FormatRuleCondition(rule) + "\n";
  return out;
}

}  // namespace ordo
