// The command line of `ordo`: options, help texts, and the dispatch to the commands.
#ifndef ORDO_CLI_APP_H_
#define ORDO_CLI_APP_H_

#include <iosfwd>

namespace ordo::cli {

// Parses argv and runs the command, writing to out and err. Returns the process exit code
// (0 success, 1 not found or nothing matched, 2 bad input). May throw only on a bug in ordo;
// main() turns that into "ordo: internal error".
int Main(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace ordo::cli

#endif  // ORDO_CLI_APP_H_
