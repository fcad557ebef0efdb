// A stand-in for `ordo serve` for the end-to-end tests while the CLI does not have the command:
//   ordo_web_serve --db PATH [--listen ADDR] [--port N] [--web-root DIR] [--write-token T]
#include <cstdlib>
#include <iostream>
#include <string>

#include "server/server.h"

int main(int argc, char** argv) {
  ordo::server::ServeOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const bool has_value = i + 1 < argc;
    if (arg == "--db" && has_value) {
      options.db_path = argv[++i];
    } else if (arg == "--listen" && has_value) {
      options.listen = argv[++i];
    } else if (arg == "--port" && has_value) {
      options.port = std::atoi(argv[++i]);
    } else if (arg == "--web-root" && has_value) {
      options.web_root = argv[++i];
    } else if (arg == "--write-token" && has_value) {
      options.write_token = argv[++i];
    } else {
      std::cerr << "usage: ordo_web_serve --db PATH [--listen ADDR] [--port N] [--web-root DIR] [--write-token T]\n";
      return 2;
    }
  }
  if (options.write_token.empty()) {
    if (const char* t = std::getenv("ORDO_WRITE_TOKEN"); t != nullptr) options.write_token = t;
  }
  return ordo::server::Serve(options, std::cout, std::cerr);
}
