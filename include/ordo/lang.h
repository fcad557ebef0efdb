// The order language: text files of schema declarations, sources and orders.
// Reference: docs/language.md.
#ifndef ORDO_LANG_H_
#define ORDO_LANG_H_

#include <string>
#include <string_view>

#include "ordo/order.h"
#include "ordo/status.h"

namespace ordo {

// The outcome of parsing one text: a batch, and every error found. The batch is only
// meaningful when diagnostics is empty. Parsing recovers at the next top-level item or
// operation, so one text may report several errors.
struct ParseResult {
  Batch batch;
  Diagnostics diagnostics;
  bool ok() const { return diagnostics.empty(); }
};

// Parses text; file names the text in every SourceRegion (a path, "<stdin>", "<http>").
// Never fails in any other way; never crashes on any input.
ParseResult ParseOrders(std::string_view text, const std::string& file);

// A query (docs/cli.md, "Queries") and every error found; the query is only meaningful when
// diagnostics is empty.
struct QueryParseResult {
  QueryDecl query;
  Diagnostics diagnostics;
  bool ok() const { return diagnostics.empty(); }
};
QueryParseResult ParseQuery(std::string_view text, const std::string& file);

// Renders one diagnostic as a compiler does:
//   file:line:col: error: message
//      12 |   move RU-MUR military-distrct -> leningrad-md
//         |               ^~~~~~~~~~~~~~~~~~
//   note: did you mean 'military-district'?
// The source line is taken from `text` when the status points into it (status.where().file ==
// file); notes pointing elsewhere are shown as "file:line:col: note: message".
// With color, uses ANSI colours as GCC does.
std::string RenderDiagnostic(const Status& status, std::string_view text, const std::string& file, bool color = false);

}  // namespace ordo

#endif  // ORDO_LANG_H_
