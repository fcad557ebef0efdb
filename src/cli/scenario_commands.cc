#include "cli/scenario_commands.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>
#include <ostream>

#include "cli/diagnostics.h"
#include "lang/files.h"
#include "ordo/database.h"
#include "ordo/lang.h"
#include "present/json.h"
#include "present/text.h"

namespace ordo::cli {

namespace {

class ScenarioSession {
 public:
  ScenarioSession(const Request& request, Io& io) : r_(request), io_(io) {}

  int Run() {
    const bool writes = r_.command == "scenario" && (r_.scenario_action == "create" || r_.scenario_action == "load" ||
                                                     r_.scenario_action == "delete");
    if (r_.command == "scenario" && r_.scenario_action == "load") return Load();
    if (Status s = Open(writes); !s.ok()) return Fail(s);
    if (r_.command == "rules") return Rules();
    if (r_.command == "alerts") return Alerts();
    const std::string& a = r_.scenario_action;
    if (a == "create") return Create();
    if (a == "list") return List();
    if (a == "diff") return Diff();
    if (a == "delete") return Delete();
    return Fail(Status::Invalid("unknown scenario action '" + a + "'"));
  }

 private:
  bool want_json() const { return r_.json || r_.format == "json"; }

  int Fail(const Status& status) {
    io_.err << RenderStatus(status, texts_, io_.err_color);
    return ExitCodeFor(status);
  }

  Status Open(bool writable) {
    if (r_.db != ":memory:" && !std::filesystem::exists(r_.db)) {
      Status s = Status::Invalid("no database at '" + r_.db + "'");
      s.AddNote(
          "load orders first with 'ordo load PATH...', or name the "
          "database with --db or ORDO_DB");
      return s;
    }
    Options options;
    options.create_if_missing = false;
    options.read_only = !writable;
    auto db = Database::Open(r_.db, options);
    if (!db.ok()) return db.status();
    db_ = std::move(db).value();
    return Status::Ok();
  }

  int Create() {
    std::optional<Instant> base;
    if (!r_.from_recorded.empty()) {
      auto t = ParseInstant(r_.from_recorded);
      if (!t.ok()) return Fail(Status::Invalid("invalid instant for --from-recorded: " + t.status().message()));
      base = *t;
    }
    if (Status s = db_->CreateScenario(r_.scenario, base, r_.note); !s.ok()) return Fail(s);
    io_.out << fmt::format("created scenario {}: the record as known {}\n", r_.scenario,
                           base ? "at " + FormatInstant(*base) : std::string("now"));
    return 0;
  }

  int Load() {
    auto files = lang::CollectOrderFiles(r_.paths);
    if (!files.ok()) return Fail(files.status());
    Batch batch;
    std::string text_all, file_all, rendered;
    size_t errors = 0;
    for (const std::string& f : *files) {
      auto text = lang::ReadTextFile(f);
      if (!text.ok()) return Fail(text.status());
      texts_[f] = *text;
      ParseResult parsed = ParseOrders(*text, f);
      if (!parsed.ok()) {
        errors += parsed.diagnostics.size();
        for (const Status& d : parsed.diagnostics) rendered += RenderStatus(d, texts_, io_.err_color);
        continue;
      }
      batch.Append(std::move(parsed.batch));
    }
    if (errors > 0) {
      io_.err << rendered
              << fmt::format("ordo: {} error{}; nothing was applied to scenario {}\n", errors, errors == 1 ? "" : "s",
                             r_.scenario);
      return 2;
    }
    if (Status s = Open(true); !s.ok()) return Fail(s);
    // Several files are stored as one text (one batch), so that they re-apply
    // atomically.
    if (files->size() == 1) {
      file_all = files->front();
      text_all = texts_[file_all];
    } else {
      // Diagnostics point into the files; the stored text is their
      // concatenation.
      for (const std::string& f : *files) text_all += texts_[f] + "\n";
      file_all = fmt::format("{} (+{} more)", files->front(), files->size() - 1);
    }
    size_t alerts_before = 0;
    if (auto a = BranchAlerts(); a.ok()) alerts_before = a->size();
    ApplyOptions options;
    options.scenario = r_.scenario;
    options.text = text_all;
    options.file = file_all;
    auto applied = db_->Apply(batch, options);
    if (!applied.ok()) {
      const int code = Fail(applied.status());
      const size_t n = 1 + applied.status().more().size();
      io_.err << (n == 1 ? std::string("ordo: ") : fmt::format("ordo: {} errors; ", n))
              << "nothing was applied to scenario " << r_.scenario << "\n";
      return code == 1 && applied.status().message().rfind("unknown scenario", 0) != 0 ? 2 : code;
    }
    io_.out << fmt::format(
        "scenario {}: {} order{}, {} fact{} asserted, {} superseded (the "
        "record is unchanged)\n",
        r_.scenario, applied->orders, applied->orders == 1 ? "" : "s", applied->facts_asserted,
        applied->facts_asserted == 1 ? "" : "s", applied->facts_superseded);
    auto alerts = BranchAlerts();
    if (alerts.ok() && alerts->size() > alerts_before) {
      io_.out << present::FiredAlertsText(
          std::vector<AlertInfo>(alerts->begin() + static_cast<std::ptrdiff_t>(alerts_before), alerts->end()));
    }
    return 0;
  }

  // The alerts of the scenario named on the command line, or of the record.
  Result<std::vector<AlertInfo>> BranchAlerts() const {
    if (r_.scenario.empty()) return db_->Alerts();
    auto branch = db_->Scenario(r_.scenario);
    if (!branch.ok()) return branch.status();
    return (*branch)->Alerts();
  }

  int List() {
    const std::vector<ScenarioInfo> list = db_->Scenarios();
    if (want_json()) {
      io_.out << present::ScenariosJson(list).Dump(true);
      return list.empty() ? 1 : 0;
    }
    if (list.empty()) {
      io_.err << "ordo: no scenarios\n";
      return 1;
    }
    io_.out << present::ScenariosText(list);
    return 0;
  }

  int Diff() {
    auto diff = db_->CompareScenario(r_.scenario, r_.relation);
    if (!diff.ok()) return Fail(diff.status());
    if (want_json()) {
      io_.out << present::ScenarioDifferencesJson(*diff).Dump(true);
      return diff->empty() ? 1 : 0;
    }
    if (diff->empty()) {
      io_.err << "ordo: scenario " << r_.scenario << " does not differ from the record"
              << (r_.relation.empty() ? "" : " in " + r_.relation) << "\n";
      return 1;
    }
    io_.out << present::ScenarioDifferencesText(*diff);
    return 0;
  }

  int Delete() {
    if (Status s = db_->DeleteScenario(r_.scenario); !s.ok()) return Fail(s);
    io_.out << "deleted scenario " << r_.scenario << "\n";
    return 0;
  }

  int Rules() {
    const std::vector<RuleInfo> rules = db_->Rules();
    if (want_json()) {
      io_.out << present::RulesJson(rules).Dump(true);
      return rules.empty() ? 1 : 0;
    }
    if (rules.empty()) {
      io_.err << "ordo: no rules\n";
      return 1;
    }
    io_.out << present::RulesText(rules);
    return 0;
  }

  int Alerts() {
    auto alerts = BranchAlerts();
    if (!alerts.ok()) return Fail(alerts.status());
    if (want_json()) {
      io_.out << present::AlertsJson(*alerts).Dump(true);
      return alerts->empty() ? 1 : 0;
    }
    if (alerts->empty()) {
      io_.err << "ordo: no alerts in " << (r_.scenario.empty() ? "the record" : "scenario " + r_.scenario) << "\n";
      return 1;
    }
    io_.out << present::AlertsText(*alerts);
    return 0;
  }

  const Request& r_;
  Io& io_;
  SourceTexts texts_;
  std::unique_ptr<Database> db_;
};

}  // namespace

int RunScenarioCommand(const Request& request, Io& io) { return ScenarioSession(request, io).Run(); }

}  // namespace ordo::cli
