// The parser of watch rules (docs/rules.md), called by the order-language
// parser when a top-level item starts with `rule`.
#ifndef ORDO_LANG_RULE_PARSER_H_
#define ORDO_LANG_RULE_PARSER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "lang/lexer.h"
#include "ordo/order.h"
#include "ordo/status.h"

namespace ordo::lang {

// The clauses of a rule, as listed in docs/rules.md.
extern const std::vector<std::string> kRuleClauses;  // cites sources perspective note when

// Parses one rule starting at tokens[*pos], the word `rule`. Appends the rule
// to *rules, or its errors to *diagnostics (messages start "while parsing rule
// 'ID': "). Leaves *pos at the next top-level item (a top-level keyword first
// on its line; top_level lists them) or the end. REQUIRES: tokens ends with a
// kEof token; tokens[*pos] is the word `rule`.
void ParseRule(const std::vector<Token>& tokens, size_t* pos, const std::string& file,
               const std::vector<std::string>& top_level, std::vector<RuleDecl>* rules, Diagnostics* diagnostics);

}  // namespace ordo::lang

#endif  // ORDO_LANG_RULE_PARSER_H_
