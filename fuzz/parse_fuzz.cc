// libFuzzer target: the order language's three readers on the same arbitrary bytes, each held to
// its invariants in tests/lang/invariants.h (fuzz_regression_test.cc runs the same checks on the
// corpus in the normal build). Run with scripts/fuzz.sh.
// - ParseOrders and RenderDiagnostic (CheckInvariants);
// - ParseQuery, of `ordo query` and GET /api/query (CheckQueryInvariants);
// - ImportCsv, of `ordo import csv` and POST /api/import (CheckImportInvariants): no cell writes
//   more than its operation.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "invariants.h"
#include "ordo/lang.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string file = "fuzz.ordo";
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace t = ordo::lang::testing;
  for (const std::string& problem : {t::CheckInvariants(text, file, ordo::ParseOrders(text, file)),
                                     t::CheckQueryInvariants(text), t::CheckImportInvariants(text)}) {
    if (!problem.empty()) {
      std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
      std::abort();
    }
  }
  return 0;
}
