// The order language's parser: tokens -> Batch, with diagnostics. The public entry point is
// ordo::ParseOrders (ordo/lang.h); this header exists for the parser's own tests.
#ifndef ORDO_LANG_PARSER_H_
#define ORDO_LANG_PARSER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "lang/cursor.h"  // kTopLevelKeywords, kMaxDiagnostics
#include "ordo/lang.h"

namespace ordo::lang {

// The keywords of each context, as listed in docs/language.md ("did you mean" draws on them).
extern const std::vector<std::string> kHeaderKeywords;     // issuer signed effective recorded sources perspective note
extern const std::vector<std::string> kOperationKeywords;  // create end assign move set unset rename alias correct
                                                           // lineage alternative uncovered
extern const std::vector<std::string> kClauseKeywords;     // from to perspective note cites
extern const std::vector<std::string> kSourceFields;       // title publisher date url quote note original
extern const std::vector<std::string> kTypeNames;          // string integer number date boolean

// True for a BCP 47-shaped tag: a 2-8 letter primary subtag, then 1-8 letter-or-digit subtags
// separated by '-': ru, uk, en-GB, sr-Latn.
bool IsLanguageTag(std::string_view tag);

}  // namespace ordo::lang

#endif  // ORDO_LANG_PARSER_H_
