// The `ordo` command. Everything is in app.cc; main only guarantees that no input can crash it.
#include <exception>
#include <iostream>

#include "cli/app.h"

int main(int argc, char** argv) {
  try {
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
