// `ordo import csv` and POST /api/import: a CSV of changes as one order against the record's
// schema (lang/csv_import.h does the reading and writing; this adds what the schema says).
#ifndef ORDO_DOMAIN_IMPORT_H_
#define ORDO_DOMAIN_IMPORT_H_

#include <string>
#include <string_view>
#include <vector>

#include "lang/csv_import.h"
#include "ordo/database.h"

namespace ordo::domain {

// "a, b,c" -> {"a", "b", "c"}: the ids of a comma-separated option.
std::vector<std::string> SplitIds(const std::string& list);

// The order text of the CSV (named file), with spec's header and the database's relations and
// attributes; its order text is named "<order from FILE>" in diagnostics.
lang::CsvImport ImportCsv(const Database& db, std::string_view csv, const std::string& file, lang::CsvImportSpec spec);

}  // namespace ordo::domain

#endif  // ORDO_DOMAIN_IMPORT_H_
