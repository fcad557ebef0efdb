// The commands of `ordo`, independent of the argument parser: app.cc fills a Request from the
// command line, RunCommand carries it out.
#ifndef ORDO_CLI_COMMANDS_H_
#define ORDO_CLI_COMMANDS_H_

#include <cstddef>
#include <iosfwd>
#include <string>
#include <vector>

namespace ordo::cli {

// Everything a command may use, as typed on the command line (dates still unparsed).
struct Request {
  std::string command;                      // "load", "check", "show", ...
  std::string db = "ordo.db";               // --db, ORDO_DB
  std::vector<std::string> paths;           // load, check
  std::string id;                           // show, members, history, order, path; search: the text
  std::string relation;                     // --relation
  std::string at;                           // --at; empty: today
  std::string date1, date2;                 // diff
  std::string recorded;                     // --recorded; empty: everything recorded
  std::string perspective;                  // --perspective; empty: every perspective
  std::string format = "table";             // table, json, csv
  bool json = false;                        // --json (same as --format json)
  size_t limit = 10;                        // search --limit
  std::string about;                        // statements --about
  std::string speaker;                      // statements --speaker
  std::string statement_kind;               // statements --kind
  std::string from_date, to_date;           // statements --from, --to (inclusive)
  std::string scenario;                     // --scenario on queries; the NAME of `scenario` subcommands
  std::string scenario_action;              // scenario: create, load, list, diff, delete
  std::string from_recorded;                // scenario create --from-recorded
  std::string note;                         // scenario create --note
  bool disputes = false;                    // show --disputes
  bool contested = false;                   // snapshot --contested
  bool all_versions = false;                // history --all-versions
  bool all_sources = false;                 // --sources: every source in tables
  std::vector<std::string> recorded_times;  // compare --recorded T1 [--recorded T2]
  uint64_t max_work = 0;                    // query --max-work; 0: Options::max_query_work
  std::string import_format;                // import: csv
  std::string order_id, title, sources;     // import --order, --title, --sources (ids, comma-separated)
  std::string effective, issuer;            // import --effective, --issuer
  bool dry_run = false;                     // import --dry-run
  std::string read_date;                    // read --date
  std::string window = "30d";               // read --window
  std::string lang;                         // read --lang
  std::string draft_report;                 // read --draft-report FILE
};

// Where a command writes. err_color: ANSI colours in diagnostics; progress: a progress bar on
// stderr for long loads.
struct Io {
  std::ostream& out;
  std::ostream& err;
  bool err_color = false;
  bool progress = false;
  bool out_color = false;  // ANSI bold for `ordo read`'s marked words
};

// Runs one command; returns the exit code: 0 success, 1 not found or nothing matched,
// 2 bad input (the diagnostic is on io.err).
int RunCommand(const Request& request, Io& io);

}  // namespace ordo::cli

#endif  // ORDO_CLI_COMMANDS_H_
