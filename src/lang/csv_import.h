// `ordo import csv`: a spreadsheet of changes (one row per change) as the text of one order,
// which is then parsed and applied like any other, with every diagnostic mapped back to the
// CSV cell it comes from (docs/cli.md, "Import from a spreadsheet").
//
// The CSV is RFC 4180 (quoted fields may hold commas, quotes as "" and line breaks; LF or
// CRLF; a UTF-8 byte order mark is skipped); a header line that holds ';' and no ',' makes ';'
// the separator, as spreadsheets in many locales write it. The header names the columns, in any
// order and case: subject, relation, object, value, from, to, op, perspective, source (or
// sources), note, and q:KEY for a qualifier. Empty lines are skipped.
#ifndef ORDO_LANG_CSV_IMPORT_H_
#define ORDO_LANG_CSV_IMPORT_H_

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "ordo/order.h"
#include "ordo/status.h"

namespace ordo::lang {

// The order's header, as given on the command line, and what the schema says of each
// predicate (to choose an operation and to write a value).
struct CsvImportSpec {
  std::string order;  // id
  std::string title;
  std::vector<std::string> sources;
  std::string effective;  // EDTF; empty: the earliest `from` of the rows
  std::string recorded, issuer, perspective, note;
  // How errors name the options: "--order" (the command line) or "'order'" (query parameters).
  bool query_parameters = false;
  std::set<std::string> exclusive;              // exclusive relations: a row is a `move`
  std::set<std::string> relations;              // the others: a row is an `assign`
  std::map<std::string, ValueType> attributes;  // a row is a `set`; strings are quoted
};

struct CsvImport {
  std::string text;  // the order (empty when diagnostics is not)
  size_t rows = 0;   // the rows turned into operations
  // CSV-level errors, located in the CSV file at the cell (file:line:column).
  std::vector<Status> diagnostics;

  // A diagnostic of the order text (named text_file) located at the CSV cell its operation
  // came from: the cell under its column, else the row's first cell. Others pass unchanged.
  Status Map(const Status& status) const;
  SourceRegion Map(const SourceRegion& region) const;
  // Relocates the operations of the parsed order text at their CSV cells, so that the record
  // keeps where each fact came from in the spreadsheet (and the engine's diagnostics name it).
  void Relocate(Batch* batch) const;

  // Internal: where each piece of an operation line came from.
  struct Piece {
    uint32_t line = 0;            // in the order text
    uint32_t begin = 0, end = 0;  // columns in that line, [begin, end)
    SourceRegion cell;            // in the CSV
  };
  std::string text_file;
  std::vector<Piece> pieces;
  std::map<uint32_t, SourceRegion> row_of_line;  // order-text line -> the row's first cell
};

// Reads the CSV text (named file in diagnostics) and writes the order; the order text is
// named text_file in the diagnostics of its parse and application.
CsvImport ImportCsv(std::string_view csv, const std::string& file, const CsvImportSpec& spec,
                    const std::string& text_file);

}  // namespace ordo::lang

#endif  // ORDO_LANG_CSV_IMPORT_H_
