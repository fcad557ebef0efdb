// Applies orders to a database forever (or until N), printing "ack I" after each one is
// committed. The crash test kills it with SIGKILL at random moments.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "engine/crash_orders.h"
#include "ordo/database.h"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: ordo_crash_child DB COUNT\n");
    return 2;
  }
  auto db = ordo::Database::Open(argv[1]);
  if (!db.ok()) {
    std::fprintf(stderr, "%s\n", db.status().ToString().c_str());
    return 2;
  }
  const int count = std::atoi(argv[2]);
  // The first order declares the districts; o0, o1, ... follow.
  const int applied = static_cast<int>((*db)->Orders().size());
  if (applied == 0) {
    auto r = (*db)->Apply(ordo::crash::Schema());
    if (!r.ok()) return 3;
  }
  const int start = applied == 0 ? 0 : applied - 1;
  for (int i = start; i < count; ++i) {
    auto r = (*db)->Apply(ordo::crash::OrderBatch(i));
    if (!r.ok()) {
      std::fprintf(stderr, "order %d: %s\n", i, r.status().ToString().c_str());
      return 3;
    }
    std::string line = "ack " + std::to_string(i) + "\n";
    if (write(1, line.data(), line.size()) < 0) return 4;
  }
  return 0;
}
