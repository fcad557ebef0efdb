// The command line of `ordo`: options, help texts, and the dispatch to the commands.
#ifndef ORDO_CLI_APP_H_
#define ORDO_CLI_APP_H_

#include <cstddef>
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace ordo::cli {

// What `ordo serve` was asked for. The server is a library that links the CLI, so the CLI
// cannot call it directly: main() registers it with SetServeHandler.
struct ServeRequest {
  std::string db;
  std::string listen = "127.0.0.1";
  int port = 8080;
  std::string write_token;               // --write-token, --write-token-file, else $ORDO_WRITE_TOKEN; empty: read-only
  std::vector<std::string> allow_hosts;  // --allow-host: names the Host header may carry
  std::string web_root;
  // Limits (0: the server's default; docs/http.md, "Limits").
  size_t max_connections = 0;
  size_t max_per_client = 0;
  int workers = 0;
  double time_limit_s = 0;
  int cache_mb = -1;  // -1: the server's default
};
using ServeHandler = std::function<int(const ServeRequest&, std::ostream& out, std::ostream& err)>;
// Registers the implementation of `ordo serve`; without one the command reports that this build
// has no server and exits 2.
void SetServeHandler(ServeHandler handler);

// Parses argv and runs the command, writing to out and err. Returns the process exit code
// (0 success, 1 not found or nothing matched, 2 bad input). May throw only on a bug in ordo;
// main() turns that into "ordo: internal error".
int Main(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace ordo::cli

#endif  // ORDO_CLI_APP_H_
