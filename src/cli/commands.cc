#include "cli/commands.h"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <ostream>
#include <set>

#include "cli/diagnostics.h"
#include "cli/progress.h"
#include "cli/scenario_commands.h"
#include "domain/changes.h"
#include "domain/charts.h"
#include "domain/compare.h"
#include "domain/import.h"
#include "domain/orders.h"
#include "domain/query.h"
#include "domain/statements.h"
#include "lang/csv_import.h"
#include "lang/files.h"
#include "ordo/database.h"
#include "ordo/lang.h"
#include "present/format.h"
#include "present/json.h"
#include "present/orbat.h"
#include "present/read.h"
#include "present/text.h"
#include "read/read.h"

namespace ordo::cli {

namespace {

// One command: parses what the command line gave, asks the engine or the domain layer, and
// prints through the presentation layer (present/json.h, present/text.h).
class Session {
 public:
  Session(const Request& request, Io& io) : r_(request), io_(io) {}

  int Run() {
    const std::string& c = r_.command;
    if (c == "load") return Load(false);
    if (c == "check") return Load(true);
    if (c == "import") return Import();
    if (c == "export") return Export();
    if (c == "show") return Show();
    if (c == "members") return Members();
    if (c == "history") return History();
    if (c == "diff") return Diff();
    if (c == "changes") return Changes();
    if (c == "compare") return Compare();
    if (c == "query") return Query();
    if (c == "snapshot") return Snapshot();
    if (c == "orders") return Orders();
    if (c == "order") return OneOrder();
    if (c == "search") return Search();
    if (c == "path") return Path();
    if (c == "lineage") return Lineage();
    if (c == "statements") return Statements();
    if (c == "report") return Report();
    if (c == "read") return Read();
    if (c == "scenario" || c == "rules" || c == "alerts") return RunScenarioCommand(r_, io_);
    return Fail(Status::Invalid("unknown command '" + c + "'"));
  }

 private:
  bool want_json() const { return r_.json || r_.format == "json"; }

  // Prints a failure; for an unknown id without a hint, adds "did you mean" from the names.
  int Fail(Status status, const std::string& id = "") {
    if (db_ != nullptr) status = domain::WithSearchHints(*db_, std::move(status), id);
    io_.err << RenderStatus(status, texts_, io_.err_color);
    return ExitCodeFor(status);
  }

  // Nothing matched: exit 1 with a short message on stderr (and "[]" on stdout for --json).
  int Nothing(const std::string& message) {
    if (want_json()) io_.out << present::EmptyArray().Dump(true);
    io_.err << "ordo: " << message << "\n";
    return 1;
  }

  // A CSV document (present::CsvDocument) as it is: the record's text unescaped, for a
  // spreadsheet.
  int Csv(const std::string& document) {
    io_.out << document;
    return 0;
  }

  // The last line after a refused batch: "ordo: 3 errors; nothing was applied".
  static std::string Refused(const Status& status, const char* what) {
    const size_t n = 1 + status.more().size();
    return n == 1 ? fmt::format("ordo: {}\n", what) : fmt::format("ordo: {} errors; {}\n", n, what);
  }

  // JSON; read in a scenario, it says so (present::InScenario).
  int Print(const present::Json& json) {
    io_.out << (r_.scenario.empty() ? json : present::InScenario(json, r_.scenario)).Dump(true);
    return 0;
  }

  // Text for a terminal: the record's control characters escaped (present::EscapeControls);
  // read in a scenario, its first line says so.
  void Text(const std::string& text) {
    if (!r_.scenario.empty()) {
      io_.out << present::EscapeControls("scenario " + r_.scenario + ": a hypothetical branch, not the record\n\n");
    }
    io_.out << present::EscapeControls(text);
  }

  Status OpenForQuery() {
    if (r_.db != ":memory:" && !std::filesystem::exists(r_.db)) {
      Status s = Status::Invalid("no database at '" + r_.db + "'");
      s.AddNote("load orders first with 'ordo load PATH...', or name the database with --db or ORDO_DB");
      return s;
    }
    Options options;
    options.create_if_missing = false;
    options.read_only = true;
    auto db = Database::Open(r_.db, options);
    if (!db.ok()) return db.status();
    db_ = std::move(db).value();
    if (!r_.scenario.empty()) {
      auto branch = db_->Scenario(r_.scenario);
      if (!branch.ok()) return branch.status();
      db_ = std::move(branch).value();
    }
    return Status::Ok();
  }

  static Status ParseDateArg(const std::string& what, const std::string& text, Date* out) {
    auto d = ParseFuzzyDate(text);
    if (!d.ok()) return Status::Invalid("invalid date for " + what + ": " + d.status().message());
    *out = d->date;
    return Status::Ok();
  }

  Status ParseView(View* view) const {
    if (!r_.at.empty()) {
      if (Status s = ParseDateArg("--at", r_.at, &view->at); !s.ok()) return s;
    }
    if (!r_.recorded.empty()) {
      auto t = ParseInstant(r_.recorded);
      if (!t.ok()) return Status::Invalid("invalid instant for --recorded: " + t.status().message());
      view->recorded = *t;
    }
    view->perspective = r_.perspective;
    return Status::Ok();
  }

  // Parses the view, then opens the database: bad input is reported before a missing database.
  Status Prepare(View* view) {
    if (Status s = ParseView(view); !s.ok()) return s;
    return OpenForQuery();
  }

  // The orders of the database, looked up once per command.
  const domain::OrderIndex& Orders_() {
    if (!orders_) orders_.emplace(*db_);
    return *orders_;
  }

  // ---- load, check ----

  int Load(bool check_only) {
    const auto start = std::chrono::steady_clock::now();
    auto files = lang::CollectOrderFiles(r_.paths);
    if (!files.ok()) return Fail(files.status());

    Progress progress(io_.progress, io_.err);
    uint64_t total_bytes = 0;
    std::vector<std::string> contents;
    for (const std::string& f : *files) {
      auto text = lang::ReadTextFile(f);
      if (!text.ok()) return Fail(text.status());
      total_bytes += text->size();
      texts_[f] = *text;
      contents.push_back(std::move(text).value());
    }

    progress.Stage("parsing", total_bytes, "bytes");
    Batch batch;
    size_t errors = 0;
    std::set<std::string> files_with_errors;
    uint64_t parsed_bytes = 0;
    std::string rendered;
    for (size_t i = 0; i < files->size(); ++i) {
      const std::string& f = (*files)[i];
      ParseResult parsed = ParseOrders(contents[i], f);
      parsed_bytes += contents[i].size();
      progress.Update(parsed_bytes);
      if (!parsed.ok()) {
        errors += parsed.diagnostics.size();
        files_with_errors.insert(f);
        for (const Status& d : parsed.diagnostics) rendered += RenderStatus(d, texts_, io_.err_color);
        continue;
      }
      batch.Append(std::move(parsed.batch));
    }
    if (errors > 0) {
      progress.Clear();
      io_.err << rendered;
      io_.err << fmt::format("ordo: {} error{} in {} file{}; nothing was {}\n", errors, errors == 1 ? "" : "s",
                             files_with_errors.size(), files_with_errors.size() == 1 ? "" : "s",
                             check_only ? "checked against the database" : "applied");
      return 2;
    }

    const bool existed = DatabaseExists();
    Status opened = OpenForWrite(check_only);
    if (!opened.ok()) {
      progress.Clear();
      return Fail(opened);
    }
    progress.Stage(check_only ? "checking" : "applying", 0);
    ApplyOptions options;
    options.check_only = check_only;
    Result<ApplySummary> applied = ApplySummary{};
    if (io_.progress) {
      auto future = std::async(std::launch::async, [&] { return writable_->Apply(batch, options); });
      while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) progress.Tick();
      applied = future.get();
    } else {
      applied = writable_->Apply(batch, options);
    }
    progress.Clear();
    if (!applied.ok()) {
      const int code = Fail(applied.status());
      io_.err << Refused(applied.status(), check_only ? "the check failed" : "nothing was applied");
      if (!existed) RemoveNewDatabase();
      return code == 1 ? 2 : code;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const ApplySummary& s = *applied;
    for (const Status& w : s.warnings) io_.err << RenderStatus(w, texts_, io_.err_color);
    const std::string what = fmt::format("{} file{}, {} order{}, {} fact{} asserted, {} superseded, {} entit{} created",
                                         files->size(), files->size() == 1 ? "" : "s", s.orders,
                                         s.orders == 1 ? "" : "s", s.facts_asserted, s.facts_asserted == 1 ? "" : "s",
                                         s.facts_superseded, s.entities_created, s.entities_created == 1 ? "y" : "ies");
    if (check_only) {
      io_.out << fmt::format("ok: {}; nothing written ({:.2f} s)\n", what, seconds);
    } else {
      io_.out << fmt::format("loaded {} in {:.2f} s; the database holds {} entities and {} facts\n", what, seconds,
                             db_->entity_count(), db_->fact_count());
    }
    return 0;
  }

  // `import csv`: the rows as one order's text, parsed and applied as `load` would, every
  // diagnostic located at the CSV cell it comes from.
  int Import() {
    const std::string& file = r_.paths.front();
    auto csv = lang::ReadTextFile(file);
    if (!csv.ok()) return Fail(csv.status());
    texts_[file] = *csv;
    const bool existed = DatabaseExists();
    if (Status opened = OpenForWrite(r_.dry_run); !opened.ok()) return Fail(opened);
    // A refused import leaves no database file it created.
    struct Cleanup {
      Session* session;
      bool keep;
      ~Cleanup() {
        if (!keep) session->RemoveNewDatabase();
      }
    } cleanup{this, existed};
    lang::CsvImportSpec spec;
    spec.order = r_.order_id;
    spec.title = r_.title;
    spec.sources = domain::SplitIds(r_.sources);
    spec.effective = r_.effective;
    spec.recorded = r_.recorded;
    spec.issuer = r_.issuer;
    spec.perspective = r_.perspective;
    spec.note = r_.note;
    lang::CsvImport imported = domain::ImportCsv(*db_, *csv, file, std::move(spec));
    const std::string& text_file = imported.text_file;
    auto refuse = [&](const std::vector<Status>& diagnostics) {
      for (const Status& d : diagnostics) io_.err << RenderStatus(d, texts_, io_.err_color);
      io_.err << fmt::format("ordo: {} error{} in {}; nothing was {}\n", diagnostics.size(),
                             diagnostics.size() == 1 ? "" : "s", file, r_.dry_run ? "checked" : "applied");
      return 2;
    };
    if (!imported.diagnostics.empty()) return refuse(imported.diagnostics);
    texts_[text_file] = imported.text;
    if (r_.dry_run) io_.out << imported.text;
    ParseResult parsed = ParseOrders(imported.text, text_file);
    if (!parsed.ok()) {
      std::vector<Status> mapped;
      for (const Status& d : parsed.diagnostics) mapped.push_back(imported.Map(d));
      return refuse(mapped);
    }
    imported.Relocate(&parsed.batch);
    ApplyOptions options;
    options.check_only = r_.dry_run;
    auto applied = writable_->Apply(parsed.batch, options);
    if (!applied.ok()) {
      const int code = Fail(imported.Map(applied.status()));
      io_.err << Refused(applied.status(), r_.dry_run ? "the check failed" : "nothing was applied");
      return code == 1 ? 2 : code;
    }
    cleanup.keep = true;
    for (const Status& w : applied->warnings) io_.err << RenderStatus(imported.Map(w), texts_, io_.err_color);
    const std::string what =
        fmt::format("{} row{} of {} as order '{}': {} fact{} asserted, {} superseded, {} entit{} created",
                    imported.rows, imported.rows == 1 ? "" : "s", file, r_.order_id, applied->facts_asserted,
                    applied->facts_asserted == 1 ? "" : "s", applied->facts_superseded, applied->entities_created,
                    applied->entities_created == 1 ? "y" : "ies");
    if (r_.dry_run) {
      io_.err << "ok: " << what << "; nothing written\n";
    } else {
      io_.out << "imported " << what << "\n";
    }
    return 0;
  }

  // `export orbat`: the org chart at the date as an ORBAT Mapper scenario.
  int Export() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    const std::string relation = r_.relation.empty() ? "subordinate-to" : r_.relation;
    auto chart = domain::BuildOrgChart(*db_, relation, view);
    if (!chart.ok()) return Fail(chart.status(), relation);
    if (chart->nodes.empty()) return Nothing(fmt::format("no {} facts {}", relation, present::FormatView(view, true)));
    io_.out << present::OrbatScenarioJson(*chart, view, view.at, r_.scenario).Dump(true);
    return 0;
  }

  bool DatabaseExists() const { return r_.db == ":memory:" || std::filesystem::exists(r_.db); }

  // After a refused write to a database file this command created: close it and remove it (and
  // SQLite's -wal and -shm files), so that a failed `load` leaves nothing behind.
  void RemoveNewDatabase() {
    if (r_.db == ":memory:") return;
    db_.reset();
    writable_.reset();
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(r_.db + suffix, ec);
  }

  Status OpenForWrite(bool check_only) {
    Options options;
    std::string path = r_.db;
    // A check against a database that does not exist yet checks against an empty one and
    // leaves no file behind.
    if (check_only && path != ":memory:" && !std::filesystem::exists(path)) path = ":memory:";
    auto db = Database::Open(path, options);
    if (!db.ok()) return db.status();
    writable_ = std::move(db).value();
    db_ = writable_;
    return Status::Ok();
  }

  // ---- queries ----

  int Show() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto e = db_->Entity(r_.id, view);
    if (!e.ok()) return Fail(e.status(), r_.id);
    if (!r_.relation.empty()) {
      // One relation or attribute: the facts, other values and coverage marks of it alone.
      if (auto known = db_->Objects(r_.id, r_.relation, view); !known.ok()) return Fail(known.status(), r_.relation);
      auto other = [&](const std::string& predicate) { return predicate != r_.relation; };
      std::erase_if(e->facts, [&](const FactInfo& f) { return other(f.predicate); });
      std::erase_if(e->alternatives, [&](const FactInfo& f) { return other(f.predicate); });
      std::erase_if(e->uncovered, [&](const CoverageGap& g) { return other(g.relation); });
    }
    if (want_json()) return Print(present::EntityJson(*e, view.at, Orders_()));
    if (r_.format == "csv") return Csv(present::FactsCsv(e->facts, false));
    Text(present::EntityText(*e, view, Orders_(), r_.disputes));
    return 0;
  }

  int Lineage() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto lineage = db_->Lineage(r_.id, view);
    if (!lineage.ok()) return Fail(lineage.status(), r_.id);
    if (want_json()) return Print(present::LineageJson(*lineage));
    if (r_.format == "csv") return Csv(present::LineageCsv(*lineage));
    Text(present::LineageText(*lineage));
    return 0;
  }

  int Members() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto facts = db_->Members(r_.id, r_.relation, view);
    if (!facts.ok()) return Fail(facts.status(), r_.id);
    if (facts->empty()) {
      return Nothing(
          fmt::format("nothing points to {} through {} {}", r_.id, r_.relation, present::FormatView(view, true)));
    }
    std::vector<EntityInfo> subjects;
    for (const FactInfo& f : *facts) {
      auto e = db_->Entity(f.subject, view);
      subjects.push_back(e.ok() ? std::move(e).value() : EntityInfo{});
    }
    if (want_json()) return Print(present::MembersJson(*facts, subjects, Orders_()));
    if (r_.format == "csv") return Csv(present::MembersCsv(*facts, subjects));
    Text(present::MembersText(*facts, subjects));
    return 0;
  }

  int History() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    view.all_versions = r_.all_versions;
    auto facts = db_->History(r_.id, r_.relation, view);
    if (!facts.ok()) return Fail(facts.status(), r_.id);
    if (facts->empty()) {
      std::string what = r_.relation.empty() ? "" : " through " + r_.relation;
      std::string v = present::FormatView(view, false);
      return Nothing(fmt::format("no facts about {}{}{}", r_.id, what, v.empty() ? "" : " " + v));
    }
    if (want_json()) return Print(present::FactsJson(*facts, Orders_()));
    if (r_.format == "csv") return Csv(present::FactsCsv(*facts, true));
    Text(present::HistoryText(*facts, Orders_()));
    return 0;
  }

  int Diff() {
    View view;
    Date d1, d2;
    if (Status s = ParseDateArg("DATE1", r_.date1, &d1); !s.ok()) return Fail(s);
    if (Status s = ParseDateArg("DATE2", r_.date2, &d2); !s.ok()) return Fail(s);
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto changes = db_->Diff(d1, d2, r_.relation, view);
    if (!changes.ok()) return Fail(changes.status(), r_.relation);
    if (changes->empty()) {
      std::string v = present::FormatView(view, false);
      return Nothing(fmt::format("no changes between {} and {}{}", FormatDate(d1), FormatDate(d2),
                                 v.empty() ? "" : " (" + v + ")"));
    }
    if (want_json()) return Print(present::ChangesJson(*changes, Orders_()));
    if (r_.format == "csv") return Csv(present::DiffCsv(*changes));
    Text(present::DiffText(*changes, d1, d2));
    return 0;
  }

  // The period of --from and --to: a year or a month from its first day to its last.
  Status ParsePeriod(Date* from, Date* to) const {
    *from = Date::Min();
    *to = Date::Max();
    if (!r_.from_date.empty()) {
      auto d = ParseFuzzyDate(r_.from_date);
      if (!d.ok()) return Status::Invalid("invalid date for --from: " + d.status().message());
      *from = EarliestDay(*d);
    }
    if (!r_.to_date.empty()) {
      auto d = ParseFuzzyDate(r_.to_date);
      if (!d.ok()) return Status::Invalid("invalid date for --to: " + d.status().message());
      *to = LatestDay(*d);
    }
    if (*to < *from) {
      return Status::Invalid(fmt::format("the period is empty: --to {} is before --from {}", r_.to_date, r_.from_date));
    }
    return Status::Ok();
  }

  int Changes() {
    View view;
    Date from, to;
    if (Status s = ParsePeriod(&from, &to); !s.ok()) return Fail(s);
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto log = domain::ListChanges(*db_, Orders_(), r_.relation, from, to, view);
    if (!log.ok()) return Fail(log.status(), r_.relation);
    if (want_json()) return Print(present::ChangeLogJson(*log, view));
    if (r_.format == "csv") {
      io_.out << present::ChangeLogTable(*log, true, true).Csv();
      return log->changes.empty() ? 1 : 0;
    }
    if (log->changes.empty()) return Nothing("no changes of " + r_.relation + " in the period");
    Text(present::ChangeLogText(*log, view, r_.all_sources));
    return 0;
  }

  int Compare() {
    std::vector<Instant> times;
    for (const std::string& t : r_.recorded_times) {
      auto i = ParseInstant(t);
      if (!i.ok()) return Fail(Status::Invalid("invalid instant for --recorded: " + i.status().message()));
      times.push_back(*i);
    }
    View view;
    std::optional<Date> at;
    if (!r_.at.empty()) {
      Date d;
      if (Status s = ParseDateArg("--at", r_.at, &d); !s.ok()) return Fail(s);
      at = d;
    }
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    std::optional<Instant> now;
    if (times.size() > 1) now = times[1];
    auto c = domain::Compare(*db_, Orders_(), times.front(), now, at, r_.relation, view);
    if (!c.ok()) return Fail(c.status(), r_.relation);
    if (want_json()) return Print(present::ComparisonJson(*c, view));
    if (r_.format == "csv") {
      io_.out << present::ComparisonTable(*c, true).Csv();
      return 0;
    }
    Text(present::ComparisonText(*c));
    return 0;
  }

  int Query() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    const std::string file = "<query>";
    texts_[file] = r_.id;
    QueryParseResult q = ParseQuery(r_.id, file);
    if (!q.ok()) {
      for (const Status& d : q.diagnostics) io_.err << RenderStatus(d, texts_, io_.err_color);
      return ExitCodeFor(q.diagnostics.front());
    }
    auto a = domain::RunQuery(*db_, q.query, view, r_.max_work);
    if (!a.ok()) return Fail(a.status());
    if (want_json()) return Print(present::QueryJson(*a, r_.id, view));
    if (r_.format == "csv") {
      io_.out << present::QueryTable(*a).Csv();
      return a->answer.rows.empty() ? 1 : 0;
    }
    if (a->answer.rows.empty()) return Nothing("no answers (" + present::FormatView(view, true) + ")");
    Text(present::QueryText(*a, view));
    return 0;
  }

  int Snapshot() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto facts = db_->Snapshot(r_.relation, view);
    if (!facts.ok()) return Fail(facts.status(), r_.relation);
    if (r_.contested) *facts = domain::ContestedOnly(std::move(*facts));
    if (facts->empty() && r_.format != "csv") {
      return Nothing(fmt::format("no {}{} facts {}", r_.contested ? "contested " : "", r_.relation,
                                 present::FormatView(view, true)));
    }
    if (want_json()) return Print(present::FactsJson(*facts, Orders_()));
    if (r_.format == "csv") {
      io_.out << present::SnapshotCsv(*facts);
      return facts->empty() ? 1 : 0;
    }
    Text(present::SnapshotText(*facts, r_.relation));
    return 0;
  }

  int Orders() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    std::vector<OrderInfo> orders;
    for (OrderInfo& o : db_->Orders()) {
      if (view.recorded && o.recorded > *view.recorded) continue;
      if (!view.perspective.empty() && !o.perspective.empty() && o.perspective != view.perspective) continue;
      orders.push_back(std::move(o));
    }
    if (orders.empty()) return Nothing("no orders recorded" + std::string(view.recorded ? " by then" : ""));
    if (want_json()) return Print(present::OrdersJson(orders));
    if (r_.format == "csv") return Csv(present::OrdersCsv(orders));
    Text(present::OrdersText(orders));
    return 0;
  }

  int OneOrder() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto changes = db_->Order(r_.id);
    if (!changes.ok()) return Fail(changes.status());
    if (want_json()) return Print(present::OrderChangesJson(*changes));
    Text(present::OrderText(*changes));
    return 0;
  }

  int Search() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    const std::vector<Match> matches = db_->Search(r_.id, r_.limit);
    if (matches.empty()) return Nothing("nothing matches '" + r_.id + "'");
    if (want_json()) return Print(present::MatchesJson(matches));
    if (r_.format == "csv") return Csv(present::MatchesCsv(matches));
    Text(present::MatchesText(matches));
    return 0;
  }

  int Path() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto facts = db_->PathUp(r_.id, r_.relation, view);
    if (!facts.ok()) return Fail(facts.status(), r_.id);
    if (facts->empty()) {
      return Nothing(fmt::format("{} has no {} {}", r_.id, r_.relation, present::FormatView(view, true)));
    }
    if (want_json()) return Print(present::FactsJson(*facts, Orders_()));
    if (r_.format == "csv") return Csv(present::FactsCsv(*facts, false));
    Text(present::PathText(*facts, r_.relation));
    return 0;
  }

  // ---- read (read/read.h) ----

  int Read() {
    read::ReadOptions options;
    if (Status s = ParseDateArg("--date", r_.read_date, &options.date); !s.ok()) return Fail(s);
    auto window = read::ParseWindow(r_.window);
    if (!window.ok()) return Fail(window.status());
    options.window_days = *window;
    options.lang = r_.lang;
    options.perspective = r_.perspective;
    if (!r_.recorded.empty()) {
      auto t = ParseInstant(r_.recorded);
      if (!t.ok()) return Fail(Status::Invalid("invalid instant for --recorded: " + t.status().message()));
      options.recorded = *t;
    }
    auto text = ReadInput(r_.id);
    if (!text.ok()) return Fail(text.status());
    if (Status s = read::CheckText(*text); !s.ok()) {
      return Fail(Status::Error(s.code(), (r_.id == "-" ? "standard input" : r_.id) + ": " + s.message()));
    }
    if (Status s = OpenForQuery(); !s.ok()) return Fail(s);
    const read::Linker linker(*db_, options.recorded);
    auto reading = read::ReadText(*db_, linker, *text, options);
    if (!reading.ok()) return Fail(reading.status());
    if (!r_.draft_report.empty()) {
      std::string id = std::filesystem::path(r_.id == "-" ? "stdin" : r_.id).stem().string();
      std::string clean;
      for (char c : id)
        clean.push_back(std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '-');
      if (clean.empty() || !std::isalpha(static_cast<unsigned char>(clean[0]))) clean = "report-" + clean;
      std::ofstream f(r_.draft_report, std::ios::binary | std::ios::trunc);
      f << read::DraftReport(*reading, *text, clean, r_.id);
      if (!f.good()) return Fail(Status::Io("cannot write the draft report to '" + r_.draft_report + "'"));
      io_.err << fmt::format("ordo: wrote a draft report to {}\n", r_.draft_report);
    }
    if (want_json()) return Print(present::ReadingJson(*reading));
    io_.out << present::ReadingText(*reading, *text, io_.out_color);
    return 0;
  }

  // A file, or standard input for "-"; at most read::kMaxTextBytes + 1 bytes are read, so a
  // text too long is refused without reading all of it.
  static Result<std::string> ReadInput(const std::string& path) {
    std::ifstream file;
    std::istream* in = &std::cin;
    if (path != "-") {
      std::error_code ec;
      if (std::filesystem::is_directory(path, ec)) return Status::Invalid("'" + path + "' is a directory, not a text");
      file.open(path, std::ios::binary);
      if (!file) return Status::Io("cannot open '" + path + "': " + std::strerror(errno));
      in = &file;
    }
    std::string text(read::kMaxTextBytes + 1, '\0');
    in->read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<size_t>(in->gcount()));
    return text;
  }

  // ---- statements, report (domain/statements.h) ----

  int Statements() {
    View view;
    domain::StatementFilter filter;
    filter.about = r_.about;
    filter.speaker = r_.speaker;
    filter.kind = r_.statement_kind;
    if (!r_.from_date.empty()) {
      auto d = ParseFuzzyDate(r_.from_date);
      if (!d.ok()) return Fail(Status::Invalid("invalid date for --from: " + d.status().message()));
      filter.from = d->date;
    }
    if (!r_.to_date.empty()) {
      auto d = ParseFuzzyDate(r_.to_date);
      if (!d.ok()) return Fail(Status::Invalid("invalid date for --to: " + d.status().message()));
      filter.to = LatestDay(*d);  // the last day of its period: --to 2024-02 takes in the whole of February
    }
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto statements = domain::ListStatements(*db_, filter, view);
    if (!statements.ok()) return Fail(statements.status(), !r_.about.empty() ? r_.about : r_.speaker);
    if (statements->empty()) return Nothing("no statements match");
    if (want_json()) return Print(present::StatementsJson(*statements));
    if (r_.format == "csv") return Csv(present::StatementsCsv(*statements));
    Text(present::StatementsText(*statements));
    return 0;
  }

  int Report() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto report = domain::CheckReport(*db_, r_.id, view);
    if (!report.ok()) return Fail(report.status(), r_.id);
    if (want_json()) return Print(present::ReportJson(*report));
    Text(present::ReportText(*report));
    return 0;
  }

  const Request& r_;
  Io& io_;
  std::shared_ptr<Database> writable_;  // the database `load` and `check` write to
  std::shared_ptr<Database> db_;        // what queries read: the record, or with --scenario its branch
  SourceTexts texts_;
  std::optional<domain::OrderIndex> orders_;
};

}  // namespace

int RunCommand(const Request& request, Io& io) {
  Session session(request, io);
  return session.Run();
}

}  // namespace ordo::cli
