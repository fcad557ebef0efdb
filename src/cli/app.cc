#include "cli/app.h"

#include <fmt/format.h>
#include <CLI/CLI.hpp>

#include <ostream>

#include "base/text.h"
#include "cli/commands.h"
#include "cli/diagnostics.h"
#include "lang/files.h"

namespace ordo::cli {

namespace {

constexpr const char* kMainFooter = R"(Dates are EDTF (2024-03-01, 2014-12, 1991); record instants are 2024-02-26 or
2024-02-26T17:30:00Z. Exit codes: 0 success, 1 not found or nothing matched, 2 bad input.

Examples:
  ordo load data/                                  apply every .ordo file below data/
  ordo show RU-MUR --at 2024-02-29                 Murmansk Oblast the day before Decree 141
  ordo members leningrad-md --relation military-district --at 2024-03-01
  ordo diff 2024-02-29 2024-03-01 --relation military-district
  ordo snapshot --relation military-district --format csv > districts.csv

Run 'ordo COMMAND --help' for the options of a command.)";

void AddJson(CLI::App* sub, Request* r);

// `scenario create|load|list|diff|delete`, `rules` and `alerts` (docs/cli.md, "Scenarios").
void AddScenarioCommands(CLI::App& app, Request* r) {
  CLI::App* scenario =
      app.add_subcommand("scenario", "Hypothetical branches of the record: create, load, list, diff, delete");
  scenario->require_subcommand(1);
  scenario->footer(R"(A scenario starts from the record as known at a record time and takes hypothetical orders in
the order language. The record never changes because of one. Every query takes --scenario S.

Examples:
  ordo scenario create eu-nato-combat --note "demonstration"
  ordo scenario load eu-nato-combat data/scenarios/eu-nato-combat-deployment.ordo
  ordo scenario diff eu-nato-combat --relation deployed-to
  ordo alerts --scenario eu-nato-combat)");
  auto action = [&](const char* name, const char* description) {
    CLI::App* sub = scenario->add_subcommand(name, description);
    sub->callback([r, name] {
      r->command = "scenario";
      r->scenario_action = name;
    });
    return sub;
  };
  CLI::App* create = action("create", "Start a scenario from the record as known now (or at --from-recorded)");
  create->add_option("NAME", r->scenario, "Scenario name, e.g. eu-nato-combat")->required();
  create->add_option("--from-recorded", r->from_recorded, "Start from the record as known at this instant")
      ->type_name("INSTANT");
  create->add_option("--note", r->note, "What the scenario explores")->type_name("TEXT");
  CLI::App* load = action("load", "Apply hypothetical order files to a scenario as one atomic change");
  load->add_option("NAME", r->scenario, "Scenario name")->required();
  load->add_option("PATH", r->paths, "Order files (.ordo) or directories")->required();
  CLI::App* list = action("list", "The scenarios, their base record time and their batches");
  AddJson(list, r);
  CLI::App* diff = action("diff", "What differs between a scenario and the record, on which dates");
  diff->add_option("NAME", r->scenario, "Scenario name")->required();
  diff->add_option("--relation,-r", r->relation, "Only this relation or attribute")->type_name("REL");
  AddJson(diff, r);
  CLI::App* del = action("delete", "Delete a scenario, its orders and its alerts");
  del->add_option("NAME", r->scenario, "Scenario name")->required();

  CLI::App* rules = app.add_subcommand("rules", "The watch rules: each condition, the statement it cites, its note");
  rules->callback([r] { r->command = "rules"; });
  AddJson(rules, r);
  CLI::App* alerts = app.add_subcommand("alerts", "Where a watch rule's stated condition was met, and by which order");
  alerts->footer(R"(An alert says that the condition a party stated is met, quoting the statement's words; it never
asserts the consequence the statement speaks of.

Examples:
  ordo alerts
  ordo alerts --scenario eu-nato-combat --json)");
  alerts->callback([r] { r->command = "alerts"; });
  alerts->add_option("--scenario", r->scenario, "The alerts of this scenario; default: the record")->type_name("S");
  AddJson(alerts, r);
}

void AddJson(CLI::App* sub, Request* r) {
  sub->add_flag("--json", r->json, "Print JSON (objects with an \"id\") instead of a table");
}

// --format table|json|csv (and --json) for the listing commands; --sources where tables
// shorten source lists.
void AddFormat(CLI::App* sub, Request* r, bool sources = false) {
  sub->add_option("--format", r->format,
                  "Output format: table, json, or csv (RFC 4180, UTF-8 with a byte order mark); default: table")
      ->check(CLI::IsMember({"table", "json", "csv"}))
      ->type_name("FORMAT");
  AddJson(sub, r);
  if (sources) {
    sub->add_flag("--sources", r->all_sources, "List every source in tables (default: the first and a count)");
  }
}

// --recorded and --perspective, which every query takes; --at for queries at one date.
void AddView(CLI::App* sub, Request* r, bool with_at) {
  if (with_at) {
    sub->add_option("--at", r->at, "Valid date (EDTF, e.g. 2024-03-01); default: today")->type_name("DATE");
  }
  sub->add_option("--recorded", r->recorded,
                  "What was known at this instant (2024-02-26, 2024-02-26T17:30:00Z); default: all")
      ->type_name("INSTANT");
  sub->add_option("--perspective", r->perspective,
                  "Undisputed facts plus this party's (e.g. UA); default: all, labelled [P]")
      ->type_name("P");
  sub->add_option("--scenario", r->scenario, "Read this scenario's branch instead of the record")->type_name("S");
}

CLI::Option* AddRelation(CLI::App* sub, Request* r, const std::string& what) {
  return sub->add_option("--relation,-r", r->relation, what)->type_name("REL");
}

CLI::App* Sub(CLI::App& app, Request* r, const char* name, const char* description, const char* footer) {
  CLI::App* sub = app.add_subcommand(name, description);
  sub->footer(footer);
  sub->callback([r, name] { r->command = name; });
  return sub;
}

// A command line CLI11 rejected: "ordo: error: ..." and where to find help; exit code 2.
int ReportUsageError(const CLI::App& app, const CLI::ParseError& e, int argc, const char* const* argv,
                     std::ostream& err) {
  std::vector<const CLI::App*> chosen;
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (sub->parsed()) chosen.push_back(sub);
  }
  if (chosen.empty()) {
    // The first word that is not an option or the value of --db names the command.
    for (int i = 1; i < argc; ++i) {
      const std::string arg = argv[i];
      if (arg == "--db") {
        ++i;
        continue;
      }
      if (!arg.empty() && arg[0] == '-') continue;
      std::vector<std::string> names;
      for (const CLI::App* sub : app.get_subcommands({})) names.push_back(sub->get_name());
      err << "ordo: error: unknown command '" << arg << "'\n";
      for (const std::string& near : Nearest(arg, names)) err << "note: did you mean '" << near << "'?\n";
      err << "Run 'ordo --help' for the commands.\n";
      return 2;
    }
    if (argc <= 1) {
      err << app.help();
      return 2;
    }
    if (dynamic_cast<const CLI::RequiredError*>(&e) != nullptr) {
      err << "ordo: error: a command is required\nRun 'ordo --help' for the commands.\n";
      return 2;
    }
    err << "ordo: error: " << e.what() << "\nRun 'ordo --help' for the commands.\n";
    return 2;
  }
  err << "ordo: error: " << e.what() << "\nRun 'ordo " << chosen.front()->get_name() << " --help' for its options.\n";
  return 2;
}

}  // namespace

ServeHandler& TheServeHandler() {
  static ServeHandler handler;
  return handler;
}

void SetServeHandler(ServeHandler handler) { TheServeHandler() = std::move(handler); }

namespace {

// The first line of a token file, without its line end; an empty or unreadable file is an error.
Result<std::string> ReadTokenFile(const std::string& path) {
  auto text = lang::ReadTextFile(path);
  if (!text.ok()) return text.status();
  std::string token = text->substr(0, text->find('\n'));
  if (!token.empty() && token.back() == '\r') token.pop_back();
  if (token.empty()) return Status::Invalid(fmt::format("the token file '{}' has no token on its first line", path));
  return token;
}

}  // namespace

int Main(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  Request r;
  ServeRequest serve_request;
  if (const char* env = std::getenv("ORDO_WRITE_TOKEN"); env != nullptr) serve_request.write_token = env;
  if (const char* env = std::getenv("ORDO_DB"); env != nullptr && env[0] != '\0') r.db = env;

  CLI::App app("ordo — a bitemporal record of military-administrative structures, changed only by dated orders.",
               "ordo");
  app.footer(kMainFooter);
  app.require_subcommand(1);
  app.fallthrough();
  app.set_version_flag("--version", "ordo 0.1.0");
  app.get_formatter()->column_width(34);
  app.add_option("--db", r.db,
                 "Database file; default: $ORDO_DB, else ordo.db in the working directory (\":memory:\" for a "
                 "throw-away one)")
      ->type_name("PATH");

  CLI::App* load = Sub(app, &r, "load", "Apply order files or directories as one atomic change",
                       R"(All files are parsed first and every error in every file is reported; then the orders are
applied as one change: if anything is wrong, nothing is recorded. A directory stands for every
.ordo file below it, in sorted path order.

Examples:
  ordo load data/
  ordo --db /tmp/test.db load schema.ordo decree-141.ordo)");
  load->add_option("PATH", r.paths, "Order files (.ordo) or directories, applied in the order given")->required();

  CLI::App* check = Sub(app, &r, "check", "Parse and validate order files against the database without writing",
                        R"(Reports the same errors 'load' would, and changes nothing.

Examples:
  ordo check data/
  ordo check new-order.ordo)");
  check->add_option("PATH", r.paths, "Order files (.ordo) or directories")->required();

  CLI::App* show = Sub(app, &r, "show", "An entity at a date: kind, names, every relation and attribute, their sources",
                       R"(Examples:
  ordo show RU-MUR --at 2024-02-29
  ordo show RU-MUR --at 2024-03-01 --json
  ordo show UA-43 --at 2024-03-01 --perspective UA
  ordo show RU-MUR --relation military-district --at 2024-03-01)");
  show->add_option("ID", r.id, "Entity id, e.g. RU-MUR")->required();
  show->add_flag("--disputes", r.disputes, "Also list the other values sources give for its facts");
  AddRelation(show, &r, "Only this relation or attribute, e.g. military-district");
  AddView(show, &r, true);
  AddFormat(show, &r);

  CLI::App* lineage =
      Sub(app, &r, "lineage", "What an entity was formed from and what it became, both ways, with dates",
          R"(Predecessors back to the first and successors forward: formed-from, merged-into,
split-from, renamed-from, re-established-from, each with its date, order and sources, and every
entity's lives (an entity re-established later keeps its id: its lifetime shows the gap).

Examples:
  ordo lineage leningrad-md
  ordo lineage western-md --format json)");
  lineage->add_option("ID", r.id, "Entity id, e.g. leningrad-md")->required();
  AddView(lineage, &r, false);
  AddFormat(lineage, &r);

  CLI::App* members = Sub(app, &r, "members", "What points to an entity through a relation at a date",
                          R"(Exit code 1 when nothing points to ID at that date.

Examples:
  ordo members leningrad-md --relation military-district --at 2024-03-01
  ordo members leningrad-md -r military-district --at 2024-03-01 --json)");
  members->add_option("ID", r.id, "Entity id of the object, e.g. leningrad-md")->required();
  AddRelation(members, &r, "Relation to follow backwards, e.g. military-district")->required();
  AddView(members, &r, true);
  AddFormat(members, &r);

  CLI::App* history = Sub(app, &r, "history", "Every fact about an entity over all valid time, with orders and sources",
                          R"(Examples:
  ordo history RU-MUR
  ordo history RU-MUR --relation military-district
  ordo history RU-MUR --recorded 2024-02-25
  ordo history RU-MUR --relation military-district --all-versions

FIRST RECORDED is when the fact was first known (its order's record time); THIS VERSION, when a
later order set its end or start (a move, an end) and which order; SUPERSEDED, when a later
order replaced this version. --all-versions lists the superseded versions too.)");
  history->add_option("ID", r.id, "Entity id, e.g. RU-MUR")->required();
  history->add_flag("--all-versions", r.all_versions, "Also the versions later orders superseded");
  AddRelation(history, &r, "Only facts of this relation or attribute");
  AddView(history, &r, false);
  AddFormat(history, &r);

  CLI::App* diff = Sub(app, &r, "diff", "What changed between two valid dates",
                       R"(Shows, per subject and relation, what held at DATE1 and what holds at DATE2, and the order
behind the change.

Examples:
  ordo diff 2024-02-29 2024-03-01
  ordo diff 2024-02-29 2024-03-01 --relation military-district --json)");
  diff->add_option("DATE1", r.date1, "The earlier date (EDTF)")->required();
  diff->add_option("DATE2", r.date2, "The later date (EDTF)")->required();
  AddRelation(diff, &r, "Only changes of this relation or attribute");
  AddView(diff, &r, false);
  AddFormat(diff, &r);

  CLI::App* changes = Sub(app, &r, "changes", "Every change of one relation or attribute in a period, in date order",
                          R"(Unlike diff, which compares two dates, every change between them: each with the date, the
subject and its name, before -> after (names; qualifiers in brackets), the order behind it and
the sources that state it. --from and --to are inclusive; without them, all valid time.

Examples:
  ordo changes --relation military-district --from 2020-01-01 --to 2024-12-31
  ordo changes -r subordinate-to --from 2022 --format csv > subordination.csv)");
  AddRelation(changes, &r, "Relation or attribute, e.g. military-district")->required();
  changes->add_option("--from", r.from_date, "First day of the period (EDTF; a year or month: its first day)")
      ->type_name("DATE");
  changes->add_option("--to", r.to_date, "Last day of the period, inclusive (a year or month: its last day)")
      ->type_name("DATE");
  AddView(changes, &r, false);
  AddFormat(changes, &r, true);

  CLI::App* compare = Sub(app, &r, "compare", "The record as known then against the record as known later (or now)",
                          R"(Per subject, relation and perspective: ADDED (nothing held then, something holds now),
CORRECTED (something else holds now for the same valid time: a correction, or a later order
that replaced the value), RETRACTED (nothing holds now), each with the order that did it and
when that order was recorded. With --at, at that valid date; without, over all valid time.

Examples:
  ordo compare --recorded 2024-02-25 --at 2024-03-01 --relation military-district
  ordo compare --recorded 2020-01-01 --recorded 2024-02-25
  ordo compare --recorded 2024-02-25 --format csv > then-vs-now.csv)");
  compare
      ->add_option("--recorded", r.recorded_times, "The first record time, then optionally the second (default: now)")
      ->type_name("INSTANT")
      ->required()
      ->expected(1, 2)
      ->take_all();
  compare->add_option("--at", r.at, "Valid date (EDTF); default: all valid time")->type_name("DATE");
  AddRelation(compare, &r, "Only this relation or attribute");
  compare->add_option("--perspective", r.perspective, "Undisputed facts plus this party's")->type_name("P");
  compare->add_option("--scenario", r.scenario, "Read this scenario's branch instead of the record")->type_name("S");
  AddFormat(compare, &r, true);

  CLI::App* query = Sub(app, &r, "query", "Which entities meet a condition at a date (the atoms of watch rules)",
                        R"(A query is atoms joined by commas, as in a watch rule's `when` (docs/rules.md): a relation
or attribute with a variable (?s) or an entity id in each place; `not ATOM` holds when no such
fact does (its variables must appear in an atom without `not`); `select ?a, ?b where ...`
chooses the columns (default: every variable, in order of first appearance). Each answer is a
distinct assignment, with each entity's name. The evaluation stops with an error after
--max-work steps (each candidate fact examined, each match found).

Examples:
  ordo query 'member-of(?s, nato), member-of(?s, eu)' --at 2024-02-27
  ordo query 'member-of(?s, eu), not member-of(?s, nato)' --at 2024-02-27
  ordo query 'select ?t where military-district(?t, ?d), borders(?t, ?n), member-of(?n, nato)' --at 2024-03-01)");
  query->add_option("query", r.id, "The query, quoted for the shell")->required()->type_name("QUERY");
  AddView(query, &r, true);
  query->add_option("--max-work", r.max_work, "Stop after this many steps (default: 2,000,000)")
      ->check(CLI::Range(uint64_t{1}, uint64_t{1'000'000'000}))
      ->type_name("N");
  AddFormat(query, &r, true);

  CLI::App* snapshot = Sub(app, &r, "snapshot", "Every fact of one relation or attribute at a date",
                           R"(Examples:
  ordo snapshot --relation military-district --at 2024-03-01
  ordo snapshot --relation military-district --format csv > districts.csv
  ordo snapshot --relation part-of --contested --at 2024-03-01)");
  AddRelation(snapshot, &r, "Relation or attribute, e.g. military-district")->required();
  AddView(snapshot, &r, true);
  snapshot->add_flag("--contested", r.contested,
                     "Only the subjects whose parties hold different things (each perspective's view against the "
                     "others)");
  AddFormat(snapshot, &r);

  CLI::App* orders = Sub(app, &r, "orders", "The orders in the order they were applied",
                         R"(With --recorded, only the orders recorded by then; with --perspective, the undisputed ones
and that party's.

Examples:
  ordo orders
  ordo orders --recorded 2024-02-27 --json)");
  AddView(orders, &r, false);
  AddFormat(orders, &r);

  CLI::App* order =
      Sub(app, &r, "order", "One order: its header, sources, and exactly which facts it asserted and superseded",
          R"(Examples:
  ordo order ru-decree-141-2024
  ordo order ru-decree-141-2024 --json)");
  order->add_option("ID", r.id, "Order id")->required();
  AddView(order, &r, false);
  AddJson(order, &r);

  CLI::App* search = Sub(app, &r, "search", "Find entities by id, name or alias in any language",
                         R"(Exact matches first, then prefixes (ignoring case), then near misses.

Examples:
  ordo search Murmansk
  ordo search "Мурманская область" --json)");
  search->add_option("TEXT", r.id, "Text to look for")->required();
  search->add_option("--limit", r.limit, "Most results to show, 1 to 1000 (as GET /api/search); default: 10")
      ->check(CLI::Range(size_t{1}, size_t{1000}))
      ->type_name("N");
  AddView(search, &r, false);
  AddFormat(search, &r);

  CLI::App* path = Sub(app, &r, "path", "The chain up an exclusive, acyclic relation from an entity at a date",
                       R"(Examples:
  ordo path 6-army --relation subordinate-to --at 2024-03-01)");
  path->add_option("ID", r.id, "Entity id to start from")->required();
  AddRelation(path, &r, "Exclusive, acyclic relation to follow, e.g. subordinate-to")->required();
  AddView(path, &r, true);
  AddFormat(path, &r);

  CLI::App* statements = Sub(app, &r, "statements", "Who said what, when, in what office, how firmly, on whose report",
                             R"(In date order: the speaker and the office held that day, the kind (announcement, order,
conditional-threat, warning, hedge, denial, assessment), the words quoted, the condition and
hedges in the speaker's words, what it is about, links to other statements (both ways) and the
chain of reports through which it reached the record. --from and --to are inclusive; --to 2024-02
takes in all of February.

Examples:
  ordo statements --about UA --from 2024-02-26 --to 2024-02-27
  ordo statements --speaker dmitry-peskov --json
  ordo statements --kind assessment)");
  statements->add_option("--about", r.about, "Only statements about this entity, e.g. UA")->type_name("ID");
  statements->add_option("--speaker", r.speaker, "Only statements by this person or organisation")->type_name("ID");
  statements->add_option("--kind", r.statement_kind, "Only statements of this kind, e.g. hedge")->type_name("K");
  statements->add_option("--from", r.from_date, "Earliest date (EDTF), inclusive")->type_name("DATE");
  statements->add_option("--to", r.to_date, "Latest date (EDTF), inclusive")->type_name("DATE");
  AddView(statements, &r, false);
  AddFormat(statements, &r);

  CLI::App* report =
      Sub(app, &r, "report", "A report's claims, each beside what the record holds: confirmed, corrected or unknown",
          R"(Claims with a machine check are evaluated against the record now; the others carry the
verdict and evidence recorded with them. Each side is shown with its sources.

Examples:
  ordo report article-2024-02
  ordo report article-2024-02 --json)");
  report->add_option("ID", r.id, "Report id, e.g. article-2024-02")->required();
  AddView(report, &r, false);
  AddJson(report, &r);

  CLI::App* read = Sub(app, &r, "read", "Read a news report or statement against the record on its date",
                       R"(Finds the record's commands, formations, territories, states, alliances and people the text
names (English, Russian or Ukrainian; inflected, abbreviated, coordinated), by every name valid on
the date and, with a note, on others; what the record holds for each on the date; the orders
within the window around it; and the quoted words of people in the record, matched to its
statements. Ambiguous mentions are listed with their candidates. docs/read.md.

Examples:
  ordo read report.txt --date 2024-02-26
  curl -s https://example.org/a.txt | ordo read - --date 2010-09-09 --format json
  ordo read report.txt --date 2024-02-26 --draft-report report.ordo)");
  read->add_option("FILE", r.id, "The text (UTF-8, at most 1 MiB); - for standard input")->required();
  read->add_option("--date", r.read_date, "The text's date (EDTF day, e.g. 2024-02-26)")->required()->type_name("DATE");
  read->add_option("--window", r.window, "Orders effective within this many days of the date; default: 30d")
      ->type_name("Nd");
  read->add_option("--lang", r.lang, "The text's language: en, ru or uk; default: by its letters")
      ->check(CLI::IsMember({"en", "ru", "uk"}))
      ->type_name("L");
  read->add_option("--draft-report", r.draft_report, "Also write a report file of the mentions and candidate claims")
      ->type_name("FILE");
  read->add_option("--recorded", r.recorded, "Read against the record as known at this instant; default: all")
      ->type_name("INSTANT");
  read->add_option("--perspective", r.perspective, "Whose view of the entities' state; default: all, labelled")
      ->type_name("P");
  read->add_option("--format", r.format, "Output format: text or json; default: text")
      ->check(CLI::IsMember({"text", "json", "table"}))
      ->type_name("FORMAT");
  AddJson(read, &r);

  AddScenarioCommands(app, &r);

  CLI::App* exp = Sub(app, &r, "export", "Write the record in another tool's format",
                      R"(`export orbat` writes the order of battle at a date (who is subordinate to whom, each unit
with its APP-6 symbol, headquarters and commander) as an ORBAT Mapper scenario file (JSON),
which https://orbat-mapper.app opens. docs/cli.md, "Export the order of battle".

Examples:
  ordo export orbat --at 2024-06-01 > orbat-2024-06-01.json
  ordo export orbat --at 2015-06-01 --recorded 2016-01-01 > as-known-in-2016.json)");
  exp->add_option("FORMAT", r.import_format, "The format: orbat")->required()->check(CLI::IsMember({"orbat"}));
  AddRelation(exp, &r, "The acyclic relation of the chart; default: subordinate-to");
  AddView(exp, &r, true);

  CLI::App* import = Sub(app, &r, "import", "Turn a spreadsheet of changes into one order, checked like any other",
                         R"(A CSV file (RFC 4180; ';' as the separator when the header line has no ',') whose first
line names the columns: subject, relation, object (an id) or value, from, to, and optionally op
(assign, move, end, set, unset, correct; default: move for an exclusive relation, assign for
another, set for an attribute), perspective, source (ids, ';'-separated: the row's own sources),
note, q:KEY (a qualifier). Every row is one operation of one order; the order is applied whole
or not at all, and every error names the file, row and column of the cell. docs/cli.md, "Import
from a spreadsheet".

Examples:
  ordo import csv moves.csv --order district-moves-2024 --title "District moves, 2024" --sources decree-141-2024
  ordo import csv moves.csv --order x --title "x" --sources s1 --dry-run)");
  import->add_option("FORMAT", r.import_format, "The file's format: csv")->required()->check(CLI::IsMember({"csv"}));
  import->add_option("FILE", r.paths, "The spreadsheet, saved as CSV in UTF-8")->required()->expected(1);
  import->add_option("--order", r.order_id, "The order's id")->required()->type_name("ID");
  import->add_option("--title", r.title, "The order's title")->required()->type_name("TEXT");
  import->add_option("--sources", r.sources, "The order's sources: declared source ids, comma-separated")
      ->required()
      ->type_name("IDS");
  import->add_option("--effective", r.effective, "The order's date (EDTF); default: the earliest 'from' of the rows")
      ->type_name("DATE");
  import->add_option("--recorded", r.recorded, "When its content became known; default: now")->type_name("INSTANT");
  import->add_option("--issuer", r.issuer, "Who issued it (an entity id)")->type_name("ID");
  import->add_option("--perspective", r.perspective, "Whose view its facts are")->type_name("P");
  import->add_option("--note", r.note, "A note kept with the order")->type_name("TEXT");
  import->add_flag("--dry-run", r.dry_run, "Print the order text and check it; write nothing");

  CLI::App* serve = Sub(app, &r, "serve", "Serve the JSON API and the web UI (map, timeline, org chart) over HTTP",
                        R"(Read-only and bound to 127.0.0.1 by default. With a write token (--write-token or
$ORDO_WRITE_TOKEN), POST /api/orders applies order text sent with "Authorization: Bearer TOKEN"
with the same checks as `ordo load`. The API is documented in docs/http.md.

Examples:
  ordo serve                          then open http://127.0.0.1:8080/
  ordo serve --port 9000 --web-root web/dist)");
  serve->add_option("--listen", serve_request.listen, "Address to bind; default 127.0.0.1 (loopback only)")
      ->type_name("ADDR");
  serve->add_option("--port", serve_request.port, "TCP port; default 8080")
      ->type_name("N")
      ->check(CLI::Range(0, 65535));
  serve
      ->add_option("--write-token", serve_request.write_token,
                   "Allow POST /api/orders with this bearer token; default $ORDO_WRITE_TOKEN, else read-only")
      ->type_name("TOKEN");
  std::string token_file;
  auto* token_file_option =
      serve
          ->add_option("--write-token-file", token_file,
                       "Read the write token from the first line of FILE (not shown in ps, unlike --write-token)")
          ->type_name("FILE");
  token_file_option->excludes("--write-token");
  serve
      ->add_option("--allow-host", serve_request.allow_hosts,
                   "A name the Host header may carry (repeatable); default only the address served and, on "
                   "loopback, localhost. Other hosts are refused (421), against DNS rebinding")
      ->type_name("NAME");
  serve->add_option("--web-root", serve_request.web_root, "Directory of the built web UI; default web/dist")
      ->type_name("DIR");
  serve
      ->add_option("--max-connections", serve_request.max_connections,
                   "Connections open at once; at the limit the longest-idle one is closed first; default 4096")
      ->type_name("N")
      ->check(CLI::Range(1, 1000000));
  serve
      ->add_option("--max-per-client", serve_request.max_per_client,
                   "Connections open at once from one address (429 beyond); default 0, no limit")
      ->type_name("N");
  serve
      ->add_option("--workers", serve_request.workers,
                   "Threads answering cheap requests; default one per core. Expensive ones have 2 of their own")
      ->type_name("N")
      ->check(CLI::Range(1, 256));
  serve
      ->add_option("--time-limit", serve_request.time_limit_s,
                   "Seconds a request may take before it is answered 504; default 10")
      ->type_name("SECONDS")
      ->check(CLI::Range(0.001, 3600.0));
  serve
      ->add_option("--cache-mb", serve_request.cache_mb,
                   "Megabytes of answers kept while the record is unchanged; 0 turns the cache off; default 64")
      ->type_name("N")
      ->check(CLI::Range(0, 65536));

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e, out, err);  // --help, --version
    return ReportUsageError(app, e, argc, argv, err);
  }

  if (r.command == "serve") {
    if (!TheServeHandler()) {
      err << "ordo: error: this build of ordo has no HTTP server\n";
      return 2;
    }
    serve_request.db = r.db;
    if (!token_file.empty()) {
      auto token = ReadTokenFile(token_file);
      if (!token.ok()) {
        err << "ordo: error: " << token.status().message() << "\n";
        return 2;
      }
      serve_request.write_token = std::move(token).value();
    }
    return TheServeHandler()(serve_request, out, err);
  }
  Io io{out, err, StderrWantsColor(), StderrIsTerminal(), StdoutWantsColor()};
  return RunCommand(r, io);
}

}  // namespace ordo::cli
