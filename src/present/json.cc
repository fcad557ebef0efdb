#include "present/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "domain/names.h"
#include "model/value_json.h"
#include "ordo/lang.h"
#include "present/format.h"
#include "present/json_sink.h"
#include "present/json_values.h"

namespace ordo::present {

Json::Json() : value_(std::make_shared<const Value>()) {}
Json::Json(std::shared_ptr<const Value> value) : value_(std::move(value)) {}

Json Json::FromText(std::string compact) {
  auto v = std::make_shared<Value>();
  v->text = std::move(compact);
  v->is_text = true;
  return Json(std::move(v));
}

std::string Json::Dump(bool pretty) const {
  if (value_->is_text && !pretty) return value_->text + "\n";
  return Unwrap(*this).dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace) + "\n";
}

Json Wrap(json j) {
  auto v = std::make_shared<Json::Value>();
  v->j = std::move(j);
  return Json(std::move(v));
}

const json& Unwrap(const Json& doc) {
  const Json::Value& v = doc.value();
  if (v.is_text) std::call_once(v.parsed, [&v] { v.j = json::parse(v.text); });
  return v.j;
}

namespace {
json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

Json InScenario(const Json& doc, const std::string& scenario) {
  json j = Unwrap(doc);
  auto mark = [&](json& o) {
    if (o.is_object() && !o.contains("scenario")) o["scenario"] = scenario;
  };
  if (j.is_array()) {
    for (json& e : j) mark(e);
  } else {
    mark(j);
  }
  return Wrap(std::move(j));
}

json ValueToJson(const Value& value) { return ValueAsJson<json>(value); }

// ---- The record's shapes, each written once for both sinks (present/json_sink.h) ----

namespace {

template <typename Sink>
void WriteValue(Sink& s, const Value& v) {
  switch (v.type()) {
    case ValueType::kString: s.String(std::get<std::string>(v.v)); return;
    case ValueType::kInteger: s.Int(std::get<int64_t>(v.v)); return;
    case ValueType::kNumber: s.Value(json(std::get<double>(v.v))); return;
    case ValueType::kDate: s.String(FormatFuzzyDate(std::get<FuzzyDate>(v.v))); return;
    case ValueType::kBoolean: s.Bool(std::get<bool>(v.v)); return;
  }
  s.Null();
}

template <typename Sink>
void WriteFrom(Sink& s, const FuzzyDate& from) {
  if (from.date.is_min()) return s.Null();
  s.String(FormatFuzzyDate(from));
}

template <typename Sink>
void WriteTo(Sink& s, const FuzzyDate& to) {
  if (to.date.is_max()) return s.Null();
  s.String(FormatFuzzyDate(to));
}

// A valid-time interval's "from" and "to" members.
template <typename Sink>
void WriteBounds(Sink& s, const FuzzyDate& from, const FuzzyDate& to) {
  s.Key("from");
  WriteFrom(s, from);
  s.Key("to");
  WriteTo(s, to);
}

template <typename Sink>
void WriteStrings(Sink& s, const std::vector<std::string>& v) {
  s.BeginArray();
  for (const std::string& e : v) s.String(e);
  s.EndArray();
}

// Sources: SourceInfos (an owned answer's or an order's) or SourceDecls (a borrowed answer's).
template <typename Sink, typename Sources>
void WriteSourceIds(Sink& s, const Sources& sources) {
  s.BeginArray();
  for (const auto& src : sources) s.String(src.id);
  s.EndArray();
}

// A fact's members; "id" (the subject) only when with_id. Fact: a FactInfo or a FactRef, whose
// members read alike.
template <typename Sink, typename Fact>
void WriteFactMembers(Sink& s, const Fact& fact, bool with_id) {
  if (with_id) {
    Member(s, "id", fact.subject);
  }
  Member(s, "predicate", fact.predicate);
  if (fact.is_attribute) {
    s.Key("value");
    if (fact.value) {
      WriteValue(s, *fact.value);
    } else {
      s.Null();
    }
  } else {
    MemberOrNull(s, "object", fact.object);
  }
  WriteBounds(s, fact.from, fact.to);
  MemberOrNull(s, "perspective", fact.perspective);
  s.Key("qualifiers");
  s.BeginObject();
  const auto& q = fact.qualifiers;
  for (size_t i = 0; i < q.size(); ++i) {
    // A key given twice (the language refuses it) keeps its first place and its last value.
    bool earlier = false;
    for (size_t k = 0; k < i && !earlier; ++k) earlier = q[k].key == q[i].key;
    if (earlier) continue;
    size_t last = i;
    for (size_t k = i + 1; k < q.size(); ++k) {
      if (q[k].key == q[i].key) last = k;
    }
    s.Key(q[i].key);
    WriteValue(s, q[last].value);
  }
  s.EndObject();
  Member(s, "order", fact.order);
  MemberOrNull(s, "ended_by", fact.ended_by);
  s.Key("correction");
  s.Bool(fact.correction);
  Member(s, "first_recorded", FormatInstant(fact.first_recorded));
  Member(s, "recorded_from", FormatInstant(fact.recorded_from));
  Member(s, "recorded_by", fact.recorded_by);
  s.Key("recorded_to");
  if (fact.recorded_to == Instant::Max()) {
    s.Null();
  } else {
    s.String(FormatInstant(fact.recorded_to));
  }
  s.Key("fact_id");
  s.UInt(fact.fact_id);
}

// How a fact ends after its sources: "disputed" (another value is recorded for it), or
// "alternative": true for a row of Database::Alternatives.
enum class FactTail { kDisputed, kAlternative };

// A fact's members with the ids of the sources that state it (its own, else its order's) and its
// tail.
template <typename Sink, typename Fact>
void WriteFactBody(Sink& s, const Fact& fact, const domain::OrderIndex& orders, bool with_id, FactTail tail) {
  WriteFactMembers(s, fact, with_id);
  s.Key("sources");
  if (!fact.sources.empty()) {
    WriteSourceIds(s, fact.sources);
  } else if (const OrderInfo* o = orders.Find(fact.order)) {
    WriteSourceIds(s, o->sources);
  } else {
    s.BeginArray();
    s.EndArray();
  }
  if (tail == FactTail::kDisputed) {
    s.Key("disputed");
    s.Bool(fact.disputed);
  } else {
    s.Key("alternative");
    s.Bool(true);
  }
}

template <typename Sink, typename Fact>
void WriteFact(Sink& s, const Fact& fact, const domain::OrderIndex& orders, FactTail tail = FactTail::kDisputed) {
  s.BeginObject();
  WriteFactBody(s, fact, orders, true, tail);
  s.EndObject();
}

// Facts: a range of FactInfos or FactRefs.
template <typename Sink, typename Facts>
void WriteFacts(Sink& s, const Facts& facts, const domain::OrderIndex& orders) {
  s.BeginArray();
  for (const auto& f : facts) WriteFact(s, f, orders);
  s.EndArray();
}

template <typename Sink>
void WriteSource(Sink& s, const SourceInfo& source) {
  s.BeginObject();
  Member(s, "id", source.id);
  Member(s, "title", source.title);
  MemberOrNull(s, "publisher", source.publisher);
  MemberOrNull(s, "date", source.date ? FormatFuzzyDate(*source.date) : std::string());
  MemberOrNull(s, "url", source.url);
  MemberOrNull(s, "original", source.original);
  MemberOrNull(s, "quote", source.quote);
  MemberOrNull(s, "note", source.note);
  s.EndObject();
}

// An order's members.
template <typename Sink>
void WriteOrderMembers(Sink& s, const OrderInfo& order) {
  Member(s, "id", order.id);
  Member(s, "title", order.title);
  MemberOrNull(s, "issuer", order.issuer);
  MemberOrNull(s, "signed", order.signed_on ? FormatFuzzyDate(*order.signed_on) : std::string());
  Member(s, "effective", FormatFuzzyDate(order.effective));
  Member(s, "recorded", FormatInstant(order.recorded));
  MemberOrNull(s, "stored", order.stored ? FormatInstant(*order.stored) : std::string());
  MemberOrNull(s, "perspective", order.perspective);
  s.Key("sources");
  s.BeginArray();
  for (const SourceInfo& src : order.sources) WriteSource(s, src);
  s.EndArray();
  s.Key("notes");
  WriteStrings(s, order.notes);
  s.Key("loaded_from");
  if (order.where.known()) {
    s.String(fmt::format("{}:{}", ShownFileName(order.where.file), order.where.begin.line));
  } else {
    StringOrNull(s, ShownFileName(order.where.file));
  }
  s.Key("facts_asserted");
  s.UInt(order.facts_asserted);
  s.Key("facts_superseded");
  s.UInt(order.facts_superseded);
}

template <typename Sink>
void WriteOrder(Sink& s, const OrderInfo& order) {
  s.BeginObject();
  WriteOrderMembers(s, order);
  s.EndObject();
}

template <typename Sink>
void WriteNames(Sink& s, const std::vector<Name>& names) {
  s.BeginArray();
  for (const Name& n : names) {
    s.BeginObject();
    Member(s, "lang", n.lang);
    Member(s, "text", n.text);
    s.EndObject();
  }
  s.EndArray();
}

template <typename Sink>
void WriteLineageLink(Sink& s, const LineageLink& l) {
  s.BeginObject();
  Member(s, "date", FormatDate(l.date));
  Member(s, "predecessor", l.predecessor);
  Member(s, "successor", l.successor);
  Member(s, "type", l.type);
  Member(s, "order", l.order);
  s.Key("sources");
  WriteSourceIds(s, l.sources);
  s.EndObject();
}

template <typename Sink>
void WriteGap(Sink& s, const CoverageGap& g) {
  s.BeginObject();
  Member(s, "relation", g.relation);
  WriteBounds(s, g.from, g.to);
  MemberOrNull(s, "note", g.note);
  Member(s, "order", g.order);
  s.Key("sources");
  WriteSourceIds(s, g.sources);
  s.EndObject();
}

template <typename Sink>
void WriteEntity(Sink& s, const EntityInfo& info, Date at, const domain::OrderIndex& orders) {
  s.BeginObject();
  Member(s, "id", info.id);
  Member(s, "kind", info.kind);
  Member(s, "at", FormatDate(at));
  s.Key("alive");
  s.Bool(info.alive);
  s.Key("names");
  WriteNames(s, info.names);
  s.Key("aliases");
  WriteNames(s, info.aliases);
  s.Key("lifetime");
  s.BeginArray();
  for (const Span& i : info.lifetime) {
    s.BeginObject();
    WriteBounds(s, i.from, i.to);
    s.EndObject();
  }
  s.EndArray();
  s.Key("facts");
  WriteFacts(s, info.facts, orders);
  s.Key("alternatives");
  s.BeginArray();
  for (const FactInfo& f : info.alternatives) WriteFact(s, f, orders, FactTail::kAlternative);
  s.EndArray();
  s.Key("uncovered");
  s.BeginArray();
  for (const CoverageGap& g : info.uncovered) WriteGap(s, g);
  s.EndArray();
  s.Key("lineage");
  s.BeginArray();
  for (const LineageLink& l : info.lineage) WriteLineageLink(s, l);
  s.EndArray();
  // The orders behind the facts, each once, in the facts' order.
  s.Key("orders");
  s.BeginArray();
  std::vector<const OrderInfo*> seen;
  for (const FactInfo& f : info.facts) {
    const OrderInfo* o = orders.Find(f.order);
    if (o == nullptr || std::find(seen.begin(), seen.end(), o) != seen.end()) continue;
    seen.push_back(o);
    WriteOrder(s, *o);
  }
  s.EndArray();
  s.EndObject();
}

template <typename Sink>
void WriteMembers(Sink& s, const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects,
                  const domain::OrderIndex& orders) {
  s.BeginArray();
  for (size_t i = 0; i < facts.size(); ++i) {
    const FactInfo& f = facts[i];
    // The row: the subject's id, kind and name at the date, then the fact without its "id".
    s.BeginObject();
    Member(s, "id", f.subject);
    Member(s, "kind", i < subjects.size() ? std::string_view(subjects[i].kind) : std::string_view());
    Member(s, "name", i < subjects.size() ? domain::DisplayName(subjects[i].names) : std::string());
    WriteFactBody(s, f, orders, false, FactTail::kDisputed);
    s.EndObject();
  }
  s.EndArray();
}

// Changes: Changes or ChangeRefs.
template <typename Sink, typename Changes>
void WriteChanges(Sink& s, const Changes& changes, const domain::OrderIndex& orders) {
  s.BeginArray();
  for (const auto& c : changes) {
    s.BeginObject();
    Member(s, "id", c.subject);
    Member(s, "predicate", c.predicate);
    MemberOrNull(s, "perspective", c.perspective);
    s.Key("before");
    WriteFacts(s, c.before, orders);
    s.Key("after");
    WriteFacts(s, c.after, orders);
    s.EndObject();
  }
  s.EndArray();
}

template <typename Sink>
void WriteOrderChanges(Sink& s, const OrderChanges& changes) {
  s.BeginObject();
  WriteOrderMembers(s, changes.order);
  for (const auto& [key, facts] : {std::pair{"asserted", &changes.asserted}, {"superseded", &changes.superseded}}) {
    s.Key(key);
    s.BeginArray();
    for (const FactInfo& f : *facts) {
      s.BeginObject();
      WriteFactMembers(s, f, true);
      s.EndObject();
    }
    s.EndArray();
  }
  s.EndObject();
}

// The document a shape writes, built through a DomSink.
template <typename Write>
json Dom(Write&& write) {
  DomSink s;
  write(s);
  return s.Take();
}

// The compact text a shape writes, as a document.
template <typename Write>
Json Text(Write&& write) {
  TextSink s;
  write(s);
  return Json::FromText(s.Take());
}

}  // namespace

json FromToJson(const FuzzyDate& from) {
  return Dom([&](DomSink& s) { WriteFrom(s, from); });
}

json ToToJson(const FuzzyDate& to) {
  return Dom([&](DomSink& s) { WriteTo(s, to); });
}

json FactToJson(const FactInfo& fact) {
  return Dom([&](DomSink& s) {
    s.BeginObject();
    WriteFactMembers(s, fact, true);
    s.EndObject();
  });
}

json SourceToJson(const SourceInfo& source) {
  return Dom([&](DomSink& s) { WriteSource(s, source); });
}

namespace {

json RefJson(const domain::EntityRef& r, bool with_kind) {
  json j = {{"id", r.id}, {"name", NullIfEmpty(r.name)}};
  if (with_kind) j["kind"] = NullIfEmpty(r.kind);
  return j;
}

json Strings(const std::vector<std::string>& v) {
  return Dom([&](DomSink& s) { WriteStrings(s, v); });
}

json SourcesJson(const std::vector<SourceInfo>& sources) {
  return Dom([&](DomSink& s) {
    s.BeginArray();
    for (const SourceInfo& src : sources) WriteSource(s, src);
    s.EndArray();
  });
}

json NamesToJson(const std::vector<Name>& names) {
  return Dom([&](DomSink& s) { WriteNames(s, names); });
}

json FactJson(const FactInfo& fact, const domain::OrderIndex& orders) {
  return Dom([&](DomSink& s) { WriteFact(s, fact, orders); });
}

json LineageLinkJson(const LineageLink& l) {
  return Dom([&](DomSink& s) { WriteLineageLink(s, l); });
}

json MatchesJsonValue(const std::vector<Match>& matches) {
  json j = json::array();
  for (const Match& m : matches) {
    j.push_back({{"id", m.id}, {"kind", m.kind}, {"name", m.name}, {"lang", m.lang}, {"distance", m.distance}});
  }
  return j;
}

void AddWhere(json& j, const SourceRegion& where) {
  if (!where.file.empty()) j["file"] = ShownFileName(where.file);
  if (where.known()) {
    j["line"] = where.begin.line;
    j["column"] = where.begin.column;
  }
}

json DiagnosticJson(const Status& status, std::string_view text, const std::string& file) {
  json e = json::object();
  e["code"] = CodeName(status.code());
  e["message"] = status.message();
  AddWhere(e, status.where());
  json notes = json::array();
  json located = json::array();
  for (const Note& n : status.notes()) {
    notes.push_back(n.message);
    json nj = json::object();
    nj["message"] = n.message;
    AddWhere(nj, n.where);
    located.push_back(std::move(nj));
  }
  e["notes"] = std::move(notes);
  if (status.where().known() || !text.empty()) {
    e["note_locations"] = std::move(located);
    e["rendered"] = RenderDiagnostic(status, text, file, false);
  }
  return e;
}

json ErrorBody(const Status& status, std::string_view text, const std::string& file, const char* code_name) {
  json e = DiagnosticJson(status, text, file);
  if (code_name != nullptr) e["code"] = code_name;
  json j = json::object();
  j["error"] = std::move(e);
  return j;
}

}  // namespace

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kOk: return 200;
    case Code::kNotFound: return 404;
    case Code::kInvalid: return 400;
    case Code::kViolation: return 422;
    case Code::kConflict: return 409;
    case Code::kLimit: return 413;
    case Code::kIo: return 500;
    case Code::kInternal: return 500;
    case Code::kWarning: return 200;
  }
  return 500;
}

Json StatementJson(const domain::StatementRecord& s) {
  json j = json::object();
  j["id"] = s.id;
  j["name"] = NullIfEmpty(s.name);
  j["speaker"] = NullIfEmpty(s.speaker.id);
  j["speaker_name"] = NullIfEmpty(s.speaker.name);
  j["speaker_kind"] = NullIfEmpty(s.speaker.kind);
  json offices = json::array();
  for (const domain::EntityRef& o : s.offices) offices.push_back(RefJson(o, false));
  j["offices"] = std::move(offices);
  j["kind"] = NullIfEmpty(s.kind);
  j["date"] = FormatFuzzyDate(s.date);
  j["time"] = NullIfEmpty(s.time);
  j["venue"] = NullIfEmpty(s.venue);
  j["quote"] = NullIfEmpty(s.quote);
  j["quote_source"] = NullIfEmpty(s.quote_source);
  j["also"] = Strings(s.also);
  j["hedges"] = Strings(s.hedges);
  j["condition"] = NullIfEmpty(s.condition);
  j["condition_meaning"] = NullIfEmpty(s.condition_meaning);
  j["gist"] = NullIfEmpty(s.gist);
  json about = json::array();
  for (const domain::EntityRef& a : s.about) about.push_back(RefJson(a, true));
  j["about"] = std::move(about);
  json links = json::array();
  for (const domain::StatementLink& l : s.links) {
    links.push_back({{"relation", l.relation},
                     {"direction", l.outgoing ? "out" : "in"},
                     {"label", l.outgoing ? l.relation : domain::IncomingLabel(l.relation)},
                     {"id", l.other.id},
                     {"name", NullIfEmpty(l.other.name)}});
  }
  j["links"] = std::move(links);
  json reporting = json::array();
  for (const domain::ReportingLink& l : s.reporting) {
    reporting.push_back({{"step", l.step},
                         {"id", l.report.id},
                         {"name", NullIfEmpty(l.report.name)},
                         {"publisher", NullIfEmpty(l.publisher)},
                         {"medium", NullIfEmpty(l.medium)},
                         {"via", NullIfEmpty(l.via)},
                         {"source", NullIfEmpty(l.source)}});
  }
  j["reporting"] = std::move(reporting);
  j["orders"] = Strings(s.orders);
  j["sources"] = SourcesJson(s.sources);
  j["notes"] = Strings(s.notes);
  return Wrap(std::move(j));
}

Json StatementsJson(const std::vector<domain::StatementRecord>& statements) {
  json j = json::array();
  for (const domain::StatementRecord& s : statements) j.push_back(StatementJson(s).value().j);
  return Wrap(std::move(j));
}

Json ReportJson(const domain::ReportCheck& r) {
  json j = json::object();
  j["id"] = r.report.id;
  j["name"] = NullIfEmpty(r.report.name);
  j["kind"] = NullIfEmpty(r.report.kind);
  j["publisher"] = NullIfEmpty(r.publisher);
  j["medium"] = NullIfEmpty(r.medium);
  j["published"] = r.published ? json(FormatFuzzyDate(*r.published)) : json(nullptr);
  json relies = json::array();
  for (const domain::EntityRef& e : r.relies_on) relies.push_back(RefJson(e, true));
  j["relies_on"] = std::move(relies);
  j["sources"] = SourcesJson(r.sources);
  j["notes"] = Strings(r.notes);
  size_t counts[3] = {0, 0, 0};
  for (const domain::ClaimCheck& c : r.claims) ++counts[static_cast<size_t>(c.verdict)];
  j["counts"] = {{"confirmed", counts[0]}, {"corrected", counts[1]}, {"unknown", counts[2]}};
  json claims = json::array();
  for (const domain::ClaimCheck& c : r.claims) {
    json cj = json::object();
    cj["id"] = c.id;
    cj["name"] = NullIfEmpty(c.name);
    cj["wording"] = NullIfEmpty(c.wording);
    cj["report_words"] = NullIfEmpty(c.report_words);
    json follows = json::array();
    for (const domain::EntityRef& e : c.follows) follows.push_back(RefJson(e, false));
    cj["follows"] = std::move(follows);
    cj["sources"] = SourcesJson(c.sources);
    cj["verdict"] = domain::VerdictName(c.verdict);
    cj["computed"] = c.computed;
    cj["check"] = NullIfEmpty(c.check);
    cj["check_text"] = NullIfEmpty(c.check_text);
    cj["record"] = NullIfEmpty(c.record);
    cj["record_ids"] = Strings(c.record_ids);
    json against = json::array();
    for (const domain::EntityRef& e : c.checked_against) against.push_back(RefJson(e, true));
    cj["checked_against"] = std::move(against);
    json evidence = json::array();
    for (const domain::EvidenceOrder& e : c.evidence) {
      evidence.push_back({{"order", e.id}, {"title", NullIfEmpty(e.title)}, {"sources", SourcesJson(e.sources)}});
    }
    cj["evidence"] = std::move(evidence);
    claims.push_back(std::move(cj));
  }
  j["claims"] = std::move(claims);
  return Wrap(std::move(j));
}

const char* const kAlertDisclaimer =
    "the condition as the statement states it is met; ordo does not assert the "
    "consequence";

namespace {
json ScenarioValue(const ScenarioInfo& s) {
  return {{"id", s.name},
          {"base_recorded", FormatInstant(s.base_recorded)},
          {"created", FormatInstant(s.created)},
          {"batches", s.batches},
          {"note", s.note}};
}
json AlertsValue(const std::vector<AlertInfo>& alerts);
}  // namespace

Json ScenariosJson(const std::vector<ScenarioInfo>& scenarios) {
  json arr = json::array();
  for (const ScenarioInfo& s : scenarios) arr.push_back(ScenarioValue(s));
  return Wrap(std::move(arr));
}

Json ScenarioJson(const ScenarioInfo& scenario) { return Wrap(ScenarioValue(scenario)); }

Json ScenarioDifferencesJson(const std::vector<ScenarioDifference>& differences) {
  json arr = json::array();
  for (const ScenarioDifference& d : differences) {
    json dates = json::array();
    for (const Interval& i : d.dates) {
      dates.push_back({{"from", FromToJson(FuzzyDate::Exact(i.from))}, {"to", ToToJson(FuzzyDate::Exact(i.to))}});
    }
    json rec = json::array(), scen = json::array();
    for (const FactInfo& f : d.record) rec.push_back(FactToJson(f));
    for (const FactInfo& f : d.scenario) scen.push_back(FactToJson(f));
    arr.push_back({{"id", d.subject},
                   {"predicate", d.predicate},
                   {"perspective", NullIfEmpty(d.perspective)},
                   {"dates", std::move(dates)},
                   {"record", std::move(rec)},
                   {"scenario", std::move(scen)}});
  }
  return Wrap(std::move(arr));
}

Json RulesJson(const std::vector<RuleInfo>& rules) {
  json arr = json::array();
  for (const RuleInfo& r : rules) {
    json sources = json::array();
    for (const SourceInfo& s : r.sources) sources.push_back(SourceToJson(s));
    arr.push_back({{"id", r.id},
                   {"title", r.title},
                   {"cites", r.cites},
                   {"quote", r.quote},
                   {"perspective", NullIfEmpty(r.perspective)},
                   {"condition", r.condition},
                   {"note", r.note},
                   {"sources", std::move(sources)},
                   {"recorded", FormatInstant(r.recorded)}});
  }
  return Wrap(std::move(arr));
}

Json AlertsJson(const std::vector<AlertInfo>& alerts) { return Wrap(AlertsValue(alerts)); }

namespace {
json AlertsValue(const std::vector<AlertInfo>& alerts) {
  json arr = json::array();
  for (const AlertInfo& a : alerts) {
    json bindings = json::object();
    for (const auto& [var, entity] : a.bindings) bindings[var] = entity;
    arr.push_back({{"id", a.id},
                   {"scenario", NullIfEmpty(a.scenario)},
                   {"rule", a.rule},
                   {"rule_title", a.rule_title},
                   {"date", FormatDate(a.date)},
                   {"order", a.order},
                   {"recorded", FormatInstant(a.recorded)},
                   {"bindings", std::move(bindings)},
                   {"facts", a.facts},
                   {"cites", a.cites},
                   {"quote", a.quote},
                   {"note", a.note},
                   {"meaning", kAlertDisclaimer}});
  }
  return arr;
}
}  // namespace

// ---- The record's answers ----

Json EntityJson(const EntityInfo& info, Date at, const domain::OrderIndex& orders) {
  return Text([&](TextSink& s) { WriteEntity(s, info, at, orders); });
}
Json MembersJson(const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects,
                 const domain::OrderIndex& orders) {
  return Text([&](TextSink& s) { WriteMembers(s, facts, subjects, orders); });
}
Json FactsJson(const std::vector<FactInfo>& facts, const domain::OrderIndex& orders) {
  return Text([&](TextSink& s) { WriteFacts(s, facts, orders); });
}
Json ChangesJson(const std::vector<Change>& changes, const domain::OrderIndex& orders) {
  return Text([&](TextSink& s) { WriteChanges(s, changes, orders); });
}
Json FactsJson(const std::vector<FactRef>& facts, const domain::OrderIndex& orders) {
  return Text([&](TextSink& s) { WriteFacts(s, facts, orders); });
}
Json ChangesJson(const std::vector<ChangeRef>& changes, const domain::OrderIndex& orders) {
  return Text([&](TextSink& s) { WriteChanges(s, changes, orders); });
}
Json OrdersJson(const std::vector<OrderInfo>& orders) {
  return Text([&](TextSink& s) {
    s.BeginArray();
    for (const OrderInfo& o : orders) WriteOrder(s, o);
    s.EndArray();
  });
}
Json OrderChangesJson(const OrderChanges& changes) {
  return Text([&](TextSink& s) { WriteOrderChanges(s, changes); });
}
Json MatchesJson(const std::vector<Match>& matches) { return Wrap(MatchesJsonValue(matches)); }
Json EmptyArray() { return Wrap(json::array()); }

// ---- The HTTP API's own shapes ----

namespace {

json ViewJson(const View& view, bool with_at) {
  json j = json::object();
  if (with_at) j["at"] = FormatDate(view.at);
  j["recorded"] = view.recorded ? json(FormatInstant(*view.recorded)) : json(nullptr);
  j["perspective"] = NullIfEmpty(view.perspective);
  return j;
}

}  // namespace

Json ServiceJson(const ServiceInfo& info) {
  json j = json::object();
  j["service"] = "ordo";
  j["version"] = "0.1.0";
  j["writable"] = info.writable;
  j["entities"] = info.entities;
  j["facts"] = info.facts;
  j["max_result_rows"] = info.max_result_rows;
  j["max_body_bytes"] = info.max_body_bytes;
  j["routes"] = info.routes;
  return Wrap(std::move(j));
}

Json SchemaJson(const SchemaInfo& schema) {
  json kinds = json::array();
  for (const KindDecl& k : schema.kinds) {
    kinds.push_back({{"name", k.name}, {"parent", NullIfEmpty(k.parent)}, {"note", NullIfEmpty(k.note)}});
  }
  json relations = json::array();
  for (const RelationDecl& r : schema.relations) {
    relations.push_back({{"name", r.name},
                         {"subject_kinds", r.subject_kinds},
                         {"object_kinds", r.object_kinds},
                         {"exclusive", r.exclusive},
                         {"acyclic", r.acyclic},
                         {"note", NullIfEmpty(r.note)}});
  }
  json attributes = json::array();
  for (const AttributeDecl& a : schema.attributes) {
    attributes.push_back({{"name", a.name},
                          {"subject_kinds", a.subject_kinds},
                          {"type", ValueTypeName(a.type)},
                          {"note", NullIfEmpty(a.note)}});
  }
  json perspectives = json::array();
  for (const PerspectiveDecl& p : schema.perspectives) {
    perspectives.push_back({{"id", p.name}, {"note", NullIfEmpty(p.note)}});
  }
  return Wrap(json{{"kinds", std::move(kinds)},
                   {"perspectives", std::move(perspectives)},
                   {"relations", std::move(relations)},
                   {"attributes", std::move(attributes)}});
}

Json MapJson(const domain::MapView& map, const View& view) {
  json assignments = json::object();
  for (const auto& [subject, objects] : map.assignments) assignments[subject] = objects;
  json disputed = json::object();
  for (const auto& [subject, facts] : map.disputed) {
    json& d = disputed[subject];
    d = json::array();
    for (const auto& [object, perspective] : facts) d.push_back({{"object", object}, {"perspective", perspective}});
  }
  json legend = json::array();
  for (const domain::LegendItem& item : map.legend) {
    json i = json::object();
    i["id"] = item.id;
    i["kind"] = item.kind;
    i["name"] = item.name;
    i["names"] = NamesToJson(item.names);
    i["count"] = item.count;
    legend.push_back(std::move(i));
  }
  json j = json::object();
  j["relation"] = map.relation;
  j.update(ViewJson(view, true));
  j["assignments"] = std::move(assignments);
  j["disputed"] = std::move(disputed);
  j["legend"] = std::move(legend);
  json uncovered = json::object();
  for (const auto& [subject, note] : map.uncovered) uncovered[subject] = note;
  j["uncovered"] = std::move(uncovered);
  return Wrap(std::move(j));
}

Json SourceListJson(const std::vector<SourceInfo>& sources, const std::vector<std::string>& unknown) {
  return Wrap(json{{"sources", SourcesJson(sources)}, {"unknown", Strings(unknown)}});
}

Json NamesJson(const std::vector<EntityInfo>& entities, const std::vector<std::string>& unknown, const View& view) {
  json list = json::array();
  for (const EntityInfo& e : entities) {
    list.push_back({{"id", e.id},
                    {"kind", e.kind},
                    {"name", domain::DisplayName(e.names)},
                    {"names", NamesToJson(e.names)},
                    {"alive", e.alive}});
  }
  json j = ViewJson(view, true);
  j["names"] = std::move(list);
  j["unknown"] = Strings(unknown);
  return Wrap(std::move(j));
}

Json OrgChartJson(const domain::OrgChart& chart, const View& view, const domain::OrderIndex& orders) {
  json nodes = json::array();
  for (const domain::OrgNode& node : chart.nodes) {
    json n = json::object();
    n["id"] = node.id;
    n["kind"] = node.kind;
    n["name"] = node.name;
    n["names"] = NamesToJson(node.names);
    if (node.parent) {
      json fact = FactJson(*node.parent, orders);
      n["parent"] = fact["object"];
      n["fact"] = std::move(fact);
    } else {
      n["parent"] = nullptr;
      n["fact"] = nullptr;
    }
    n["sidc"] = NullIfEmpty(node.sidc);
    if (node.headquarters) {
      const domain::OrgNode::Place& p = *node.headquarters;
      n["headquarters"] = {{"id", p.id},
                           {"name", NullIfEmpty(p.name)},
                           {"latitude", p.latitude ? json(*p.latitude) : json(nullptr)},
                           {"longitude", p.longitude ? json(*p.longitude) : json(nullptr)}};
    } else {
      n["headquarters"] = nullptr;
    }
    json commanders = json::array();
    for (const domain::OrgNode::Commander& c : node.commanders) {
      commanders.push_back({{"id", c.id}, {"name", NullIfEmpty(c.name)}, {"acting", c.acting}});
    }
    n["commanders"] = std::move(commanders);
    nodes.push_back(std::move(n));
  }
  json j = json::object();
  j["relation"] = chart.relation;
  j.update(ViewJson(view, true));
  j["nodes"] = std::move(nodes);
  return Wrap(std::move(j));
}

Json ChangeDatesJson(const domain::ChangeDates& changes, const View& view) {
  json list = json::array();
  for (Date d : changes.dates) list.push_back(FormatDate(d));
  json j = json::object();
  j["relation"] = changes.relation;
  j.update(ViewJson(view, false));
  j["facts"] = changes.facts;
  j["dates"] = std::move(list);
  return Wrap(std::move(j));
}

namespace {
json ChangeSideJson(const std::vector<FactInfo>& facts, const std::vector<std::string>& names) {
  json out = json::array();
  for (size_t i = 0; i < facts.size(); ++i) {
    const FactInfo& f = facts[i];
    json j = json::object();
    if (f.is_attribute) {
      j["value"] = f.value ? ValueToJson(*f.value) : json(nullptr);
    } else {
      j["object"] = f.object;
      j["name"] = i < names.size() ? NullIfEmpty(names[i]) : json(nullptr);
    }
    json q = json::object();
    for (const Qualifier& qual : f.qualifiers) q[qual.key] = ValueToJson(qual.value);
    j["qualifiers"] = std::move(q);
    j["from"] = FromToJson(f.from);
    j["to"] = ToToJson(f.to);
    j["order"] = f.order;
    out.push_back(std::move(j));
  }
  return out;
}
}  // namespace

Json ChangeLogJson(const domain::ChangeLog& log, const View& view, const domain::ChangeDates* dates) {
  json list = json::array();
  for (const domain::ChangeEvent& e : log.changes) {
    json j = json::object();
    j["date"] = FormatFuzzyDate(e.when);
    j["id"] = e.subject;
    j["name"] = NullIfEmpty(e.subject_name);
    j["perspective"] = NullIfEmpty(e.perspective);
    j["before"] = ChangeSideJson(e.before, e.before_names);
    j["after"] = ChangeSideJson(e.after, e.after_names);
    j["order"] = NullIfEmpty(e.order);
    json sources = json::array();
    for (const SourceInfo& s : e.sources) sources.push_back(s.id);
    j["sources"] = std::move(sources);
    list.push_back(std::move(j));
  }
  json j = json::object();
  j["relation"] = log.relation;
  j["from"] = log.from.is_min() ? json(nullptr) : json(FormatDate(log.from));
  j["to"] = log.to.is_max() ? json(nullptr) : json(FormatDate(log.to));
  j.update(ViewJson(view, false));
  if (dates != nullptr) {
    json d = json::array();
    for (Date day : dates->dates) d.push_back(FormatDate(day));
    j["facts"] = dates->facts;
    j["dates"] = std::move(d);
  }
  j["changes"] = std::move(list);
  return Wrap(std::move(j));
}

Json QueryJson(const domain::NamedAnswer& a, const std::string& query, const View& view) {
  json rows = json::array();
  for (size_t r = 0; r < a.answer.rows.size(); ++r) {
    json row = json::object();
    for (size_t c = 0; c < a.answer.columns.size(); ++c) {
      row[a.answer.columns[c]] = {{"id", a.answer.rows[r][c]}, {"name", NullIfEmpty(a.names[r][c])}};
    }
    rows.push_back(std::move(row));
  }
  json j = json::object();
  j["query"] = query;
  j.update(ViewJson(view, true));
  j["columns"] = a.answer.columns;
  j["count"] = a.answer.rows.size();
  j["work"] = a.answer.work;
  j["rows"] = std::move(rows);
  return Wrap(std::move(j));
}

Json ComparisonJson(const domain::Comparison& c, const View& view) {
  json list = json::array();
  for (const domain::ComparedFact& f : c.facts) {
    json j = json::object();
    j["kind"] = domain::KindName(f.kind);
    j["id"] = f.subject;
    j["name"] = NullIfEmpty(f.subject_name);
    j["predicate"] = f.predicate;
    j["perspective"] = NullIfEmpty(f.perspective);
    j["from"] = f.from.is_min() ? json(nullptr) : json(FormatDate(f.from));
    j["to"] = f.to.is_max() ? json(nullptr) : json(FormatDate(f.to));
    j["then"] = ChangeSideJson(f.then, f.then_names);
    j["now"] = ChangeSideJson(f.now, f.now_names);
    j["order"] = NullIfEmpty(f.order);
    j["order_recorded"] = f.order_recorded ? json(FormatInstant(*f.order_recorded)) : json(nullptr);
    list.push_back(std::move(j));
  }
  json j = json::object();
  j["then"] = FormatInstant(c.then);
  j["now"] = c.now ? json(FormatInstant(*c.now)) : json(nullptr);
  j["at"] = c.at ? json(FormatDate(*c.at)) : json(nullptr);
  j["relation"] = NullIfEmpty(c.relation);
  j["perspective"] = NullIfEmpty(view.perspective);
  j["facts"] = std::move(list);
  return Wrap(std::move(j));
}

Json AppliedJson(const AppliedBatch& a) {
  json j = json::object();
  j["applied"] = a.applied;
  j["checked"] = true;
  if (!a.scenario.empty()) j["scenario"] = a.scenario;
  j["orders"] = a.summary.orders;
  j["facts_asserted"] = a.summary.facts_asserted;
  j["facts_superseded"] = a.summary.facts_superseded;
  j["entities_created"] = a.summary.entities_created;
  j["entities"] = a.entities;
  j["facts"] = a.facts;
  j["alerts"] = AlertsValue(a.alerts);
  json warnings = json::array();
  for (const Status& w : a.summary.warnings) warnings.push_back(DiagnosticJson(w, a.text, a.file));
  j["warnings"] = std::move(warnings);
  return Wrap(std::move(j));
}

Json DeletedJson(const std::string& name) { return Wrap(json{{"deleted", name}}); }

Json LineageJson(const LineageInfo& lineage) {
  json entities = json::array();
  for (const LineageEntity& e : lineage.entities) {
    json life = json::array();
    for (const Span& i : e.lifetime) life.push_back({{"from", FromToJson(i.from)}, {"to", ToToJson(i.to)}});
    entities.push_back({{"id", e.id}, {"kind", e.kind}, {"name", NullIfEmpty(e.name)}, {"lifetime", std::move(life)}});
  }
  json links = json::array();
  for (const LineageLink& l : lineage.links) links.push_back(LineageLinkJson(l));
  return Wrap(json{{"id", lineage.id}, {"entities", std::move(entities)}, {"links", std::move(links)}});
}

// ---- Errors ----

Json ErrorJson(const Status& status, std::string_view text, const std::string& file, const char* code_name) {
  return Wrap(ErrorBody(status, text, file, code_name));
}

Json BatchErrorJson(const Diagnostics& diagnostics, std::string_view text, const std::string& file) {
  json list = json::array();
  for (const Status& d : diagnostics) list.push_back(DiagnosticJson(d, text, file));
  json body = json::object();
  body["error"] = list.empty() ? json(nullptr) : list.front();
  body["diagnostics"] = std::move(list);
  body["applied"] = false;
  return Wrap(std::move(body));
}

// ---- Input ----

Result<ScenarioRequest> ParseScenarioRequestJson(std::string_view text) {
  const json body = json::parse(text, nullptr, false);
  if (!body.is_object()) return Status::Invalid("the request body is not a JSON object");
  ScenarioRequest r;
  for (auto [key, field] :
       {std::pair{"name", &r.name}, std::pair{"from_recorded", &r.from_recorded}, std::pair{"note", &r.note}}) {
    if (!body.contains(key) || body[key].is_null()) continue;
    if (!body[key].is_string()) return Status::Invalid(fmt::format("'{}' must be a string", key));
    *field = body[key].get<std::string>();
  }
  return r;
}

}  // namespace ordo::present
