// The `ordo` command: the command line (src/cli) with `ordo serve` wired to the HTTP server
// (src/server). main only connects the two and guarantees that no input can crash it.
#include <exception>
#include <iostream>

#include "cli/app.h"
#include "server/server.h"

int main(int argc, char** argv) {
  try {
    ordo::cli::SetServeHandler([](const ordo::cli::ServeRequest& r, std::ostream& out, std::ostream& err) {
      ordo::server::ServeOptions options;
      options.db_path = r.db;
      options.listen = r.listen;
      options.port = r.port;
      options.write_token = r.write_token;
      options.allow_hosts = r.allow_hosts;
      options.web_root = r.web_root;
      if (r.max_connections > 0) options.max_connections = r.max_connections;
      options.max_connections_per_client = r.max_per_client;
      options.workers = r.workers;
      if (r.cache_mb >= 0) options.cache_bytes = static_cast<size_t>(r.cache_mb) << 20;
      if (r.time_limit_s > 0) options.time_limit_ms = static_cast<int>(r.time_limit_s * 1000);
      return ordo::server::Serve(options, out, err);
    });
    const int code = ordo::cli::Main(argc, argv, std::cout, std::cerr);
    std::cout.flush();
    return code;
  } catch (const std::exception& e) {
    std::cout.flush();
    std::cerr << "ordo: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cout.flush();
    std::cerr << "ordo: internal error: unknown exception\n";
  }
  return 2;
}
