// What the engine's fuzz targets share: the record they start from (tests/server/fixture) and
// how they stop on a finding.
#ifndef ORDO_FUZZ_FIXTURE_H_
#define ORDO_FUZZ_FIXTURE_H_

#include <cstdio>
#include <cstdlib>
#include <string>

#include "lang/files.h"
#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo::fuzz {

// Reports a finding and aborts, so that libFuzzer keeps the input.
[[noreturn]] inline void Fail(const std::string& what) {
  std::fprintf(stderr, "fuzz: %s\n", what.c_str());
  std::abort();
}

// Loads the order files of tests/server/fixture into a new database file at path.
inline void LoadFixture(const std::string& path) {
  auto files = lang::CollectOrderFiles({std::string(ORDO_SOURCE_DIR) + "/tests/server/fixture"});
  if (!files.ok()) Fail(files.status().ToString());
  Batch batch;
  for (const std::string& f : *files) {
    auto text = lang::ReadTextFile(f);
    if (!text.ok()) Fail(text.status().ToString());
    ParseResult parsed = ParseOrders(*text, f);
    if (!parsed.ok()) Fail(parsed.diagnostics.front().ToString());
    batch.Append(std::move(parsed.batch));
  }
  auto db = Database::Open(path);
  if (!db.ok()) Fail(db.status().ToString());
  auto applied = (*db)->Apply(batch);
  if (!applied.ok()) Fail(applied.status().ToString());
}

}  // namespace ordo::fuzz

#endif  // ORDO_FUZZ_FIXTURE_H_
