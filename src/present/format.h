// The text forms every front end shows: aligned tables, dates, values, qualifiers, CSV.
// Pure functions of their arguments; no I/O.
#ifndef ORDO_PRESENT_FORMAT_H_
#define ORDO_PRESENT_FORMAT_H_

#include <string>
#include <string_view>
#include <vector>

#include "ordo/database.h"
#include "ordo/order.h"
#include "ordo/time.h"

namespace ordo::present {

// Columns a UTF-8 string takes on a terminal: one per code point, two for East Asian wide
// characters, none for combining marks. Invalid bytes count one column each.
size_t DisplayWidth(std::string_view s);

// An aligned text table: a header row in capitals, then rows; columns are separated by two
// spaces; the last column is not padded and no line has trailing spaces.
class Table {
 public:
  struct Column {
    std::string header;
    bool right_align = false;  // numbers
    bool optional = false;     // dropped when every cell is empty
  };
  explicit Table(std::vector<Column> columns);
  // Short rows are padded with empty cells; cells beyond the columns are ignored.
  void AddRow(std::vector<std::string> cells);
  size_t rows() const { return rows_.size(); }
  // The rendered table, each line ending in '\n'; "" when there are no rows.
  std::string Render() const;
  // The same rows as CSV (CsvDocument): every column, optional ones too; headers with '_' for
  // spaces ("ended by" -> "ended_by").
  std::string Csv() const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Start of a valid interval as EDTF, "…" when unbounded.
std::string FormatFrom(const FuzzyDate& from);
// Exclusive end of a valid interval as EDTF, "open" when open-ended.
std::string FormatTo(const FuzzyDate& to);
// "2024-03-01 – open", "… – 2024-03-01".
std::string FormatRange(const FuzzyDate& from, const FuzzyDate& to);
// "2024-03-01 – open" for a plain interval of dates.
std::string FormatInterval(const Interval& interval);
// Record time: FormatInstant, "" for Instant::Max() (still current).
std::string FormatRecordedTo(Instant t);
// A record time in a table: "2024-02-26" for midnight UTC (as `recorded 2024-02-26` writes it),
// else FormatInstant's "2024-02-26T17:30:00Z".
std::string FormatRecordTime(Instant t);
// "[UA]" for a perspective, "" for undisputed facts.
std::string FormatPerspective(const std::string& perspective);
// What a fact says: the object id of a relation, the value of an attribute.
std::string FormatFactValue(const FactInfo& fact);
// Qualifiers as written in the order language: "extent: partial, size: 2000". Strings that
// are bare words are shown without quotes.
std::string FormatQualifiers(const std::vector<Qualifier>& qualifiers);
// The name of an order file as shown (orders' "loaded from", error locations): a relative path
// as given; an absolute one relative to the working directory when it lies under it, else its
// file name alone, so that no answer shows where on the machine the record's files are.
std::string ShownFileName(const std::string& file);
// "2024-03-01 as recorded 2024-02-26T00:00:00Z in perspective UA" — the view a query reads,
// for the heading of human-readable output. Skips what is default.
std::string FormatView(const View& view, bool with_date);

// ---- CSV (RFC 4180) -------------------------------------------------------

// What a fact says as a CSV cell: strings unquoted, others as the language writes them.
std::string CsvValue(const FactInfo& fact);
// Quotes a field when it holds a comma, a quote, a CR or an LF.
std::string CsvField(std::string_view s);
// Fields joined by commas, ending in CRLF (RFC 4180).
std::string CsvLine(const std::vector<std::string>& fields);
// A whole CSV file: a UTF-8 byte order mark (so that a spreadsheet opens Cyrillic as is), the
// header line, then the rows.
std::string CsvDocument(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);

// ---- terminal safety --------------------------------------------------------

// Text from the record as a terminal may show it: C0 controls other than LF and TAB, DEL and
// the C1 controls (U+0080-U+009F) written as visible escapes ("\x1b", "\u009b"), so that a name
// cannot retitle, clear or recolour the user's terminal. Invalid UTF-8 is left as it is.
std::string EscapeControls(std::string_view text);

}  // namespace ordo::present

#endif  // ORDO_PRESENT_FORMAT_H_
