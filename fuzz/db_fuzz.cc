// libFuzzer target: a damaged database file. The input is the bytes of an ordo database file
// (the seed is the record of tests/server/fixture, written to $ORDO_DB_FUZZ_SEED_DIR/record.db
// at start when that is set; libFuzzer mutates it). Database::Open must refuse the file with an error, or open it and
// answer every query below, without any sanitizer report. Run with scripts/fuzz.sh SECONDS db.
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "fixture.h"
#include "ordo/database.h"

namespace {

namespace fs = std::filesystem;

std::string file;  // the temporary database file each input is written to

// Asks the questions every front end asks of an open record, over each of its names.
void Query(const ordo::Database& db) {
  ordo::View view;
  view.at = ordo::Date::FromCivil(2024, 3, 1);
  ordo::View all = view;
  all.all_versions = true;
  const ordo::SchemaInfo schema = db.Schema();
  (void)db.Rules();
  (void)db.Alerts();
  (void)db.Scenarios();
  (void)db.Search("a", 20);
  for (const ordo::OrderInfo& o : db.Orders()) (void)db.Order(o.id);
  std::vector<std::string> predicates;
  for (const auto& r : schema.relations) predicates.push_back(r.name);
  for (const auto& a : schema.attributes) predicates.push_back(a.name);
  for (const std::string& p : predicates) {
    (void)db.Snapshot(p, view);
    (void)db.Timeline(p, view);
    (void)db.Diff(ordo::Date::FromCivil(2000, 1, 1), ordo::Date::FromCivil(2030, 1, 1), p, view);
  }
  (void)db.Diff(ordo::Date::FromCivil(1900, 1, 1), ordo::Date::FromCivil(2100, 1, 1), "", view);
  for (const std::string& id : db.EntityIds()) {
    (void)db.Entity(id, view);
    (void)db.Lineage(id, view);
    (void)db.History(id, "", all);
    for (const std::string& p : predicates) {
      (void)db.Objects(id, p, view);
      (void)db.Members(id, p, view);
      (void)db.PathUp(id, p, view);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  char tmpl[] = "/tmp/ordo-db-fuzz-XXXXXX";
  if (mkdtemp(tmpl) == nullptr) std::abort();
  file = std::string(tmpl) + "/input.db";
  if (const char* seeds = std::getenv("ORDO_DB_FUZZ_SEED_DIR")) {
    const std::string seed = std::string(seeds) + "/record.db";
    ordo::fuzz::LoadFixture(seed);  // closed again, so the seed is one file
  }
  std::atexit([] {
    std::error_code ec;
    fs::remove_all(fs::path(file).parent_path(), ec);
  });
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(file + suffix, ec);
  {
    std::ofstream out(file, std::ios::binary);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  ordo::Options options;
  options.create_if_missing = false;
  options.read_only = true;
  auto db = ordo::Database::Open(file, options);
  if (!db.ok()) return 0;  // refused: the error names the cause (tests/engine/corrupt_file_test.cc)
  Query(**db);
  return 0;
}
