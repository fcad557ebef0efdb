// The parser of watch rules (docs/rules.md), called by the order-language
// parser when a top-level item starts with `rule`.
#ifndef ORDO_LANG_RULE_PARSER_H_
#define ORDO_LANG_RULE_PARSER_H_

#include <cstddef>
#include <string>
#include <vector>

#include "lang/cursor.h"
#include "ordo/order.h"
#include "ordo/status.h"

namespace ordo::lang {

// The clauses of a rule, as listed in docs/rules.md.
extern const std::vector<std::string> kRuleClauses;  // cites sources perspective note when

// Parses one rule starting at the cursor's word `rule`. Appends the rule to *rules, or its
// errors to the cursor (messages start "while parsing rule 'ID': "). Leaves the cursor at the
// next top-level item (a top-level keyword first on its line) or the end.
void ParseRule(TokenCursor& cursor, std::vector<RuleDecl>* rules);

// Parses a whole text as a query: [select ?a, ?b where] [not] ATOM, [not] ATOM, ...
// Errors go to the cursor.
bool ParseQueryText(TokenCursor& cursor, QueryDecl* query);

}  // namespace ordo::lang

#endif  // ORDO_LANG_RULE_PARSER_H_
