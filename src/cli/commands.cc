#include "cli/commands.h"

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <map>
#include <memory>
#include <ostream>
#include <set>

#include "cli/diagnostics.h"
#include "cli/files.h"
#include "cli/format.h"
#include "cli/progress.h"
#include "cli/statements.h"
#include "cli/scenario_commands.h"
#include "base/text.h"
#include "ordo/database.h"
#include "ordo/lang.h"

namespace ordo::cli {

namespace {

using json = nlohmann::ordered_json;

// "key   value" lines, keys padded to the widest, each line indented.
std::string KeyValues(const std::vector<std::pair<std::string, std::string>>& rows, int indent) {
  size_t width = 0;
  for (const auto& [k, v] : rows) width = std::max(width, DisplayWidth(k));
  std::string out;
  for (const auto& [k, v] : rows) {
    out.append(static_cast<size_t>(indent), ' ');
    out += k;
    if (!v.empty()) {
      out.append(width - DisplayWidth(k) + 2, ' ');
      out += v;
    }
    out += '\n';
  }
  return out;
}

// The English name, else the first one, else "".
std::string DisplayName(const std::vector<Name>& names) {
  for (const Name& n : names) {
    if (n.lang == "en") return n.text;
  }
  return names.empty() ? "" : names.front().text;
}

std::string JoinNames(const std::vector<Name>& names) {
  std::string out;
  for (const Name& n : names) {
    if (!out.empty()) out += ", ";
    out += n.text + " @" + n.lang;
  }
  return out;
}

json NamesToJson(const std::vector<Name>& names) {
  json j = json::array();
  for (const Name& n : names) j.push_back({{"lang", n.lang}, {"text", n.text}});
  return j;
}

// Columns shared by every table of facts, after the leading ones of each command.
std::vector<Table::Column> FactColumns(std::vector<Table::Column> leading, bool with_record) {
  leading.push_back({"from"});
  leading.push_back({"to"});
  leading.push_back({"perspective", false, true});
  leading.push_back({"qualifiers", false, true});
  leading.push_back({"order"});
  leading.push_back({"ended by", false, true});
  if (with_record) {
    leading.push_back({"recorded"});
    leading.push_back({"superseded", false, true});
    leading.push_back({"note", false, true});
  }
  return leading;
}

std::vector<std::string> FactCells(std::vector<std::string> leading, const FactInfo& f, bool with_record) {
  leading.push_back(FormatFrom(f.from));
  leading.push_back(FormatTo(f.to));
  leading.push_back(FormatPerspective(f.perspective));
  leading.push_back(FormatQualifiers(f.qualifiers));
  leading.push_back(f.order);
  leading.push_back(f.ended_by);
  if (with_record) {
    leading.push_back(FormatInstant(f.recorded_from));
    leading.push_back(FormatRecordedTo(f.recorded_to));
    leading.push_back(f.correction ? "correction" : "");
  }
  return leading;
}

// A CSV cell for a fact's value: strings unquoted, others as the language writes them.
std::string CsvValue(const FactInfo& f) {
  if (!f.is_attribute) return f.object;
  if (!f.value) return "";
  if (const auto* s = std::get_if<std::string>(&f.value->v)) return *s;
  return FormatValue(*f.value);
}

class Session {
 public:
  Session(const Request& request, Io& io) : r_(request), io_(io) {}

  int Run() {
    const std::string& c = r_.command;
    if (c == "load") return Load(false);
    if (c == "check") return Load(true);
    if (c == "show") return Show();
    if (c == "members") return Members();
    if (c == "history") return History();
    if (c == "diff") return Diff();
    if (c == "snapshot") return Snapshot();
    if (c == "orders") return Orders();
    if (c == "order") return OneOrder();
    if (c == "search") return Search();
    if (c == "path") return Path();
    if (c == "statements") return Statements();
    if (c == "report") return Report();
    if (c == "scenario" || c == "rules" || c == "alerts") return RunScenarioCommand(r_, io_);
    return Fail(Status::Invalid("unknown command '" + c + "'"));
  }

 private:
  bool want_json() const { return r_.json || r_.format == "json"; }

  // Prints a failure; for an unknown id without a hint, adds "did you mean" from the names.
  int Fail(Status status, const std::string& id = "") {
    if (status.code() == Code::kNotFound && status.notes().empty() && !id.empty() && db_ != nullptr) {
      for (const Match& m : db_->Search(id, 3)) {
        if (m.id == id) continue;
        status.AddNote(m.name.empty() || m.name == m.id ? fmt::format("did you mean '{}'?", m.id)
                                                        : fmt::format("did you mean '{}' ({})?", m.id, m.name));
      }
    }
    io_.err << RenderStatus(status, texts_, io_.err_color);
    return ExitCodeFor(status);
  }

  // Nothing matched: exit 1 with a short message on stderr (and "[]" on stdout for --json).
  int Nothing(const std::string& message) {
    if (want_json()) io_.out << "[]\n";
    io_.err << "ordo: " << message << "\n";
    return 1;
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

  const OrderInfo* FindOrder(const std::string& id) {
    if (!orders_loaded_) {
      orders_loaded_ = true;
      for (OrderInfo& o : db_->Orders()) {
        std::string key = o.id;
        orders_.emplace(std::move(key), std::move(o));
      }
    }
    auto it = orders_.find(id);
    return it == orders_.end() ? nullptr : &it->second;
  }

  json FactJson(const FactInfo& f) {
    json j = FactToJson(f);
    json sources = json::array();
    if (const OrderInfo* o = FindOrder(f.order)) {
      for (const SourceInfo& s : o->sources) sources.push_back(s.id);
    }
    j["sources"] = std::move(sources);
    return j;
  }

  // The orders behind facts and their sources, each order once, in order of first mention.
  std::string SourcesSection(const std::vector<FactInfo>& facts) {
    std::vector<std::string> ids;
    std::set<std::string> seen;
    for (const FactInfo& f : facts) {
      for (const std::string* id : {&f.order, &f.ended_by}) {
        if (!id->empty() && seen.insert(*id).second) ids.push_back(*id);
      }
    }
    if (ids.empty()) return "";
    std::string out = "\norders and sources:\n";
    for (const std::string& id : ids) {
      const OrderInfo* o = FindOrder(id);
      if (o == nullptr) {
        out += "  " + id + "\n";
        continue;
      }
      out += "  " + o->id + "  " + o->title;
      std::vector<std::string> about;
      if (!o->issuer.empty()) about.push_back("issuer " + o->issuer);
      about.push_back("effective " + FormatFuzzyDate(o->effective));
      if (!o->perspective.empty()) about.push_back("perspective " + o->perspective);
      out += " (" + fmt::format("{}", fmt::join(about, ", ")) + ")\n";
      // One line per source; `ordo order ID` shows them in full.
      size_t width = 0;
      for (const SourceInfo& src : o->sources) width = std::max(width, DisplayWidth(src.id));
      for (const SourceInfo& src : o->sources) {
        std::string line = "    " + src.id + std::string(width - DisplayWidth(src.id) + 2, ' ') + src.title;
        if (!src.url.empty()) line += "  <" + src.url + ">";
        out += line + "\n";
      }
    }
    return out;
  }

  static std::string RenderSources(const std::vector<SourceInfo>& sources, int indent) {
    std::string out;
    for (const SourceInfo& s : sources) {
      const std::string pad(static_cast<size_t>(indent), ' ');
      out += pad + s.id + "  " + s.title + "\n";
      const std::string more(static_cast<size_t>(indent) + DisplayWidth(s.id) + 2, ' ');
      std::vector<std::string> about;
      if (!s.publisher.empty()) about.push_back(s.publisher);
      if (s.date) about.push_back(FormatFuzzyDate(*s.date));
      if (!about.empty()) out += more + fmt::format("{}", fmt::join(about, ", ")) + "\n";
      if (!s.url.empty()) out += more + s.url + "\n";
      if (!s.quote.empty()) out += more + "«" + s.quote + "»\n";
      if (!s.note.empty()) out += more + "note: " + s.note + "\n";
    }
    return out;
  }

  // ---- load, check ----

  int Load(bool check_only) {
    const auto start = std::chrono::steady_clock::now();
    auto files = CollectOrderFiles(r_.paths);
    if (!files.ok()) return Fail(files.status());

    Progress progress(io_.progress);
    uint64_t total_bytes = 0;
    std::vector<std::string> contents;
    for (const std::string& f : *files) {
      auto text = ReadTextFile(f);
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

    Status opened = OpenForWrite(check_only);
    if (!opened.ok()) {
      progress.Clear();
      return Fail(opened);
    }
    progress.Stage(check_only ? "checking" : "applying", 0);
    Result<ApplySummary> applied = ApplySummary{};
    if (io_.progress) {
      auto future = std::async(std::launch::async, [&] { return db_->Apply(batch, check_only); });
      while (future.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) progress.Tick();
      applied = future.get();
    } else {
      applied = db_->Apply(batch, check_only);
    }
    progress.Clear();
    if (!applied.ok()) {
      const int code = Fail(applied.status());
      io_.err << (check_only ? "ordo: the check failed\n" : "ordo: nothing was applied\n");
      return code == 1 ? 2 : code;
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const ApplySummary& s = *applied;
    const std::string what =
        fmt::format("{} file{}, {} order{}, {} fact{} asserted, {} superseded, {} entit{} created", files->size(),
                    files->size() == 1 ? "" : "s", s.orders, s.orders == 1 ? "" : "s", s.facts_asserted,
                    s.facts_asserted == 1 ? "" : "s", s.facts_superseded, s.entities_created,
                    s.entities_created == 1 ? "y" : "ies");
    if (check_only) {
      io_.out << fmt::format("ok: {}; nothing written ({:.2f} s)\n", what, seconds);
    } else {
      io_.out << fmt::format("loaded {} in {:.2f} s; the database holds {} entities and {} facts\n", what, seconds,
                             db_->entity_count(), db_->fact_count());
    }
    return 0;
  }

  Status OpenForWrite(bool check_only) {
    Options options;
    std::string path = r_.db;
    // A check against a database that does not exist yet checks against an empty one and
    // leaves no file behind.
    if (check_only && path != ":memory:" && !std::filesystem::exists(path)) path = ":memory:";
    auto db = Database::Open(path, options);
    if (!db.ok()) return db.status();
    db_ = std::move(db).value();
    return Status::Ok();
  }

  // ---- show ----

  int Show() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto e = db_->Entity(r_.id, view);
    if (!e.ok()) return Fail(e.status(), r_.id);
    const EntityInfo& info = *e;
    if (want_json()) {
      json j = json::object();
      j["id"] = info.id;
      j["kind"] = info.kind;
      j["at"] = FormatDate(view.at);
      j["alive"] = info.alive;
      j["names"] = NamesToJson(info.names);
      j["aliases"] = NamesToJson(info.aliases);
      json life = json::array();
      for (const Span& i : info.lifetime) life.push_back({{"from", FromToJson(i.from)}, {"to", ToToJson(i.to)}});
      j["lifetime"] = std::move(life);
      json facts = json::array();
      for (const FactInfo& f : info.facts) facts.push_back(FactJson(f));
      j["facts"] = std::move(facts);
      json orders = json::array();
      std::set<std::string> seen;
      for (const FactInfo& f : info.facts) {
        if (!seen.insert(f.order).second) continue;
        if (const OrderInfo* o = FindOrder(f.order)) orders.push_back(OrderToJson(*o));
      }
      j["orders"] = std::move(orders);
      io_.out << DumpJson(j);
      return 0;
    }
    std::string out = info.id;
    const std::string name = DisplayName(info.names);
    if (!name.empty()) out += "  " + name;
    out += "\n";
    std::vector<std::pair<std::string, std::string>> kv;
    kv.emplace_back("kind", info.kind);
    std::string life;
    for (const Span& i : info.lifetime) life += (life.empty() ? "" : ", ") + FormatRange(i.from, i.to);
    kv.emplace_back("exists", life.empty() ? "never" : life);
    if (!info.names.empty()) kv.emplace_back("names", JoinNames(info.names));
    if (!info.aliases.empty()) kv.emplace_back("aliases", JoinNames(info.aliases));
    out += KeyValues(kv, 2);
    const std::string heading = FormatView(view, true);
    if (!info.alive) out += "  (does not exist " + heading + ")\n";
    out += "\nfacts " + heading + ":\n";
    if (info.facts.empty()) {
      out += "  (none)\n";
    } else {
      Table t(FactColumns({{"relation"}, {"value"}}, false));
      for (const FactInfo& f : info.facts) t.AddRow(FactCells({f.predicate, FormatFactValue(f)}, f, false));
      out += t.Render();
    }
    out += SourcesSection(info.facts);
    io_.out << out;
    return 0;
  }

  // ---- members ----

  int Members() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto facts = db_->Members(r_.id, r_.relation, view);
    if (!facts.ok()) return Fail(facts.status(), r_.id);
    if (facts->empty()) {
      return Nothing(fmt::format("nothing points to {} through {} {}", r_.id, r_.relation, FormatView(view, true)));
    }
    std::vector<EntityInfo> subjects;
    for (const FactInfo& f : *facts) {
      auto e = db_->Entity(f.subject, view);
      subjects.push_back(e.ok() ? std::move(e).value() : EntityInfo{});
    }
    if (want_json()) {
      json j = json::array();
      for (size_t i = 0; i < facts->size(); ++i) {
        const FactInfo& f = (*facts)[i];
        json row = json::object();
        row["id"] = f.subject;
        row["kind"] = subjects[i].kind;
        row["name"] = DisplayName(subjects[i].names);
        json fj = FactJson(f);
        fj.erase("id");
        row.update(fj);
        j.push_back(std::move(row));
      }
      io_.out << DumpJson(j);
      return 0;
    }
    Table t(FactColumns({{"id"}, {"name"}, {"kind"}}, false));
    for (size_t i = 0; i < facts->size(); ++i) {
      const FactInfo& f = (*facts)[i];
      t.AddRow(FactCells({f.subject, DisplayName(subjects[i].names), subjects[i].kind}, f, false));
    }
    io_.out << t.Render();
    return 0;
  }

  // ---- history ----

  int History() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto facts = db_->History(r_.id, r_.relation, view);
    if (!facts.ok()) return Fail(facts.status(), r_.id);
    if (facts->empty()) {
      std::string what = r_.relation.empty() ? "" : " through " + r_.relation;
      std::string v = FormatView(view, false);
      return Nothing(fmt::format("no facts about {}{}{}", r_.id, what, v.empty() ? "" : " " + v));
    }
    if (want_json()) {
      json j = json::array();
      for (const FactInfo& f : *facts) j.push_back(FactJson(f));
      io_.out << DumpJson(j);
      return 0;
    }
    Table t(FactColumns({{"relation"}, {"value"}}, true));
    for (const FactInfo& f : *facts) t.AddRow(FactCells({f.predicate, FormatFactValue(f)}, f, true));
    io_.out << t.Render() << SourcesSection(*facts);
    return 0;
  }

  // ---- diff ----

  int Diff() {
    View view;
    Date d1, d2;
    if (Status s = ParseDateArg("DATE1", r_.date1, &d1); !s.ok()) return Fail(s);
    if (Status s = ParseDateArg("DATE2", r_.date2, &d2); !s.ok()) return Fail(s);
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto changes = db_->Diff(d1, d2, r_.relation, view);
    if (!changes.ok()) return Fail(changes.status(), r_.relation);
    if (changes->empty()) {
      std::string v = FormatView(view, false);
      return Nothing(fmt::format("no changes between {} and {}{}", FormatDate(d1), FormatDate(d2),
                                 v.empty() ? "" : " (" + v + ")"));
    }
    if (want_json()) {
      json j = json::array();
      for (const Change& c : *changes) {
        json row = json::object();
        row["id"] = c.subject;
        row["predicate"] = c.predicate;
        row["perspective"] = c.perspective.empty() ? json(nullptr) : json(c.perspective);
        json before = json::array(), after = json::array();
        for (const FactInfo& f : c.before) before.push_back(FactJson(f));
        for (const FactInfo& f : c.after) after.push_back(FactJson(f));
        row["before"] = std::move(before);
        row["after"] = std::move(after);
        j.push_back(std::move(row));
      }
      io_.out << DumpJson(j);
      return 0;
    }
    Table t({{"id"}, {"relation"}, {FormatDate(d1)}, {FormatDate(d2)}, {"perspective", false, true}, {"by order"}});
    auto values = [](const std::vector<FactInfo>& facts) {
      std::string out;
      for (const FactInfo& f : facts) out += (out.empty() ? "" : ", ") + FormatFactValue(f);
      return out.empty() ? std::string("—") : out;
    };
    for (const Change& c : *changes) {
      std::vector<std::string> orders;
      auto add = [&orders](const std::string& o) {
        if (!o.empty() && std::find(orders.begin(), orders.end(), o) == orders.end()) orders.push_back(o);
      };
      const bool forward = d1 <= d2;
      for (const FactInfo& f : forward ? c.after : c.before) add(f.order);
      for (const FactInfo& f : forward ? c.before : c.after) add(f.ended_by);
      t.AddRow({c.subject, c.predicate, values(c.before), values(c.after), FormatPerspective(c.perspective),
                fmt::format("{}", fmt::join(orders, ", "))});
    }
    io_.out << t.Render();
    return 0;
  }

  // ---- snapshot ----

  int Snapshot() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto facts = db_->Snapshot(r_.relation, view);
    if (!facts.ok()) return Fail(facts.status(), r_.relation);
    if (facts->empty() && r_.format != "csv") {
      return Nothing(fmt::format("no {} facts {}", r_.relation, FormatView(view, true)));
    }
    if (want_json()) {
      json j = json::array();
      for (const FactInfo& f : *facts) j.push_back(FactJson(f));
      io_.out << DumpJson(j);
      return 0;
    }
    if (r_.format == "csv") {
      io_.out << CsvLine({"id", "predicate", "value", "from", "to", "perspective", "qualifiers", "order"});
      for (const FactInfo& f : *facts) {
        io_.out << CsvLine({f.subject, f.predicate, CsvValue(f), f.from.date.is_min() ? "" : FormatFuzzyDate(f.from),
                            f.to.date.is_max() ? "" : FormatFuzzyDate(f.to), f.perspective,
                            FormatQualifiers(f.qualifiers), f.order});
      }
      return facts->empty() ? 1 : 0;
    }
    Table t(FactColumns({{"id"}, {r_.relation}}, false));
    for (const FactInfo& f : *facts) t.AddRow(FactCells({f.subject, FormatFactValue(f)}, f, false));
    io_.out << t.Render();
    return 0;
  }

  // ---- orders, order ----

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
    if (want_json()) {
      json j = json::array();
      for (const OrderInfo& o : orders) j.push_back(OrderToJson(o));
      io_.out << DumpJson(j);
      return 0;
    }
    Table t({{"id"},
             {"effective"},
             {"issuer", false, true},
             {"recorded"},
             {"perspective", false, true},
             {"asserted", true},
             {"superseded", true},
             {"title"}});
    for (const OrderInfo& o : orders) {
      t.AddRow({o.id, FormatFuzzyDate(o.effective), o.issuer, FormatInstant(o.recorded),
                FormatPerspective(o.perspective), std::to_string(o.facts_asserted),
                std::to_string(o.facts_superseded), o.title});
    }
    io_.out << t.Render();
    return 0;
  }

  int OneOrder() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto changes = db_->Order(r_.id);
    if (!changes.ok()) {
      Status status = changes.status();
      if (status.code() == Code::kNotFound && status.notes().empty()) {
        std::vector<std::string> ids;
        for (const OrderInfo& o : db_->Orders()) ids.push_back(o.id);
        for (const std::string& near : Nearest(r_.id, ids)) status.AddNote("did you mean '" + near + "'?");
      }
      return Fail(status);
    }
    const OrderInfo& o = changes->order;
    if (want_json()) {
      json j = OrderToJson(o);
      json asserted = json::array(), superseded = json::array();
      for (const FactInfo& f : changes->asserted) asserted.push_back(FactToJson(f));
      for (const FactInfo& f : changes->superseded) superseded.push_back(FactToJson(f));
      j["asserted"] = std::move(asserted);
      j["superseded"] = std::move(superseded);
      io_.out << DumpJson(j);
      return 0;
    }
    std::string out = "order " + o.id + "  " + o.title + "\n";
    std::vector<std::pair<std::string, std::string>> kv;
    if (!o.issuer.empty()) kv.emplace_back("issuer", o.issuer);
    if (o.signed_on) kv.emplace_back("signed", FormatFuzzyDate(*o.signed_on));
    kv.emplace_back("effective", FormatFuzzyDate(o.effective));
    kv.emplace_back("recorded", FormatInstant(o.recorded));
    if (!o.perspective.empty()) kv.emplace_back("perspective", o.perspective);
    if (o.where.known()) {
      kv.emplace_back("loaded from", fmt::format("{}:{}", o.where.file, o.where.begin.line));
    } else if (!o.where.file.empty()) {
      kv.emplace_back("loaded from", o.where.file);
    }
    for (const std::string& n : o.notes) kv.emplace_back("note", n);
    out += KeyValues(kv, 2);
    if (!o.sources.empty()) out += "  sources\n" + RenderSources(o.sources, 4);
    auto section = [&](const char* title, const std::vector<FactInfo>& facts) {
      out += fmt::format("\n{} ({}):\n", title, facts.size());
      if (facts.empty()) return;
      Table t(FactColumns({{"id"}, {"relation"}, {"value"}}, false));
      for (const FactInfo& f : facts) t.AddRow(FactCells({f.subject, f.predicate, FormatFactValue(f)}, f, false));
      out += t.Render();
    };
    section("asserted", changes->asserted);
    section("superseded", changes->superseded);
    io_.out << out;
    return 0;
  }

  // ---- search ----

  int Search() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    const std::vector<Match> matches = db_->Search(r_.id, r_.limit);
    if (matches.empty()) return Nothing("nothing matches '" + r_.id + "'");
    if (want_json()) {
      json j = json::array();
      for (const Match& m : matches) {
        j.push_back({{"id", m.id}, {"kind", m.kind}, {"name", m.name}, {"lang", m.lang}, {"distance", m.distance}});
      }
      io_.out << DumpJson(j);
      return 0;
    }
    Table t({{"id"}, {"kind"}, {"match"}, {"lang", false, true}});
    for (const Match& m : matches) t.AddRow({m.id, m.kind, m.name, m.lang});
    io_.out << t.Render();
    return 0;
  }

  // ---- path ----

  int Path() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto facts = db_->PathUp(r_.id, r_.relation, view);
    if (!facts.ok()) return Fail(facts.status(), r_.id);
    if (facts->empty()) {
      return Nothing(fmt::format("{} has no {} {}", r_.id, r_.relation, FormatView(view, true)));
    }
    if (want_json()) {
      json j = json::array();
      for (const FactInfo& f : *facts) j.push_back(FactJson(f));
      io_.out << DumpJson(j);
      return 0;
    }
    std::string chain = facts->front().subject;
    for (const FactInfo& f : *facts) chain += " → " + FormatFactValue(f);
    Table t(FactColumns({{"id"}, {r_.relation}}, false));
    for (const FactInfo& f : *facts) t.AddRow(FactCells({f.subject, FormatFactValue(f)}, f, false));
    io_.out << chain << "\n\n" << t.Render();
    return 0;
  }

  // ---- statements, report (cli/statements.h) ----

  int Statements() {
    View view;
    StatementFilter filter;
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
    auto statements = ListStatements(*db_, filter, view);
    if (!statements.ok()) {
      return Fail(statements.status(), !r_.about.empty() ? r_.about : r_.speaker);
    }
    if (statements->empty()) return Nothing("no statements match");
    if (want_json()) {
      io_.out << DumpJson(StatementsToJson(*statements));
      return 0;
    }
    io_.out << RenderStatements(*statements);
    return 0;
  }

  int Report() {
    View view;
    if (Status s = Prepare(&view); !s.ok()) return Fail(s);
    auto report = CheckReport(*db_, r_.id, view);
    if (!report.ok()) return Fail(report.status(), r_.id);
    if (want_json()) {
      io_.out << DumpJson(ReportToJson(*report));
      return 0;
    }
    io_.out << RenderReport(*report);
    return 0;
  }

  const Request& r_;
  Io& io_;
  std::shared_ptr<Database> db_;  // the record, or with --scenario the scenario's branch
  SourceTexts texts_;
  bool orders_loaded_ = false;
  std::map<std::string, OrderInfo> orders_;
};

}  // namespace

int RunCommand(const Request& request, Io& io) {
  Session session(request, io);
  return session.Run();
}

}  // namespace ordo::cli
