// Rendering errors of the `ordo` command: order-file diagnostics with source excerpts, and
// plain errors of queries.
#ifndef ORDO_CLI_DIAGNOSTICS_H_
#define ORDO_CLI_DIAGNOSTICS_H_

#include <map>
#include <string>

#include "ordo/status.h"

namespace ordo::cli {

// The texts of the order files of one invocation, keyed by the name used in their regions.
using SourceTexts = std::map<std::string, std::string>;

// Renders a diagnostic as a compiler does (RenderDiagnostic), with the source line of the error
// and of every note that points into one of `texts`, including notes into other files than the
// error's own. Errors without a location read "ordo: error: message". Ends in '\n'.
std::string RenderStatus(const Status& status, const SourceTexts& texts, bool color);

// The exit code for a failed status: 1 for kNotFound, 2 for everything else.
int ExitCodeFor(const Status& status);

// Whether stderr is a terminal that should get ANSI colours (not when NO_COLOR is set or
// TERM is "dumb").
bool StderrWantsColor();

// Whether stdout is a terminal and NO_COLOR is unset.
bool StdoutWantsColor();

// Whether stderr is a terminal that can redraw a progress bar (TERM is not "dumb").
bool StderrIsTerminal();

}  // namespace ordo::cli

#endif  // ORDO_CLI_DIAGNOSTICS_H_
