// libFuzzer target: ParseOrders and RenderDiagnostic on arbitrary bytes. Run with scripts/fuzz.sh.
// Besides the sanitizers' checks, every result must satisfy tests/lang/invariants.h.
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
  const ordo::ParseResult result = ordo::ParseOrders(text, file);
  const std::string problem = ordo::lang::testing::CheckInvariants(text, file, result);
  if (!problem.empty()) {
    std::fprintf(stderr, "invariant broken: %s\n", problem.c_str());
    std::abort();
  }
  return 0;
}
