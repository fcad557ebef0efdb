#include "domain/statements.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "base/text.h"
#include "domain/names.h"
#include "domain/orders.h"

namespace ordo::domain {

namespace {

constexpr const char* kLinkRelations[] = {"answers", "supports", "qualifies", "contradicts"};

View ViewAt(Date at, const View& base) {
  View v = base;
  v.at = at;
  return v;
}

// What the record holds about an entity now: per predicate, the open-ended facts; where none is
// open, those starting last. History gives them ordered by predicate, then valid start.
Result<std::vector<FactInfo>> CurrentFacts(const Database& db, const std::string& id, const View& view) {
  auto history = db.History(id, "", view);
  if (!history.ok()) return history.status();
  std::vector<FactInfo> out;
  const std::vector<FactInfo>& all = *history;
  for (size_t i = 0; i < all.size();) {
    size_t j = i;
    while (j < all.size() && all[j].predicate == all[i].predicate) ++j;
    bool any_open = false;
    Date last = Date::Min();
    for (size_t k = i; k < j; ++k) {
      any_open = any_open || all[k].to.date.is_max();
      last = std::max(last, all[k].from.date);
    }
    for (size_t k = i; k < j; ++k) {
      if (any_open ? all[k].to.date.is_max() : all[k].from.date == last) out.push_back(all[k]);
    }
    i = j;
  }
  return out;
}

const FactInfo* One(const std::vector<FactInfo>& facts, const std::string& predicate) {
  for (const FactInfo& f : facts) {
    if (f.predicate == predicate) return &f;
  }
  return nullptr;
}

std::vector<const FactInfo*> All(const std::vector<FactInfo>& facts, const std::string& predicate) {
  std::vector<const FactInfo*> out;
  for (const FactInfo& f : facts) {
    if (f.predicate == predicate) out.push_back(&f);
  }
  return out;
}

// A value as text: strings as they are, other values as the language writes them.
std::string ValueText(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v.v)) return *s;
  return FormatValue(v);
}

std::string Text(const FactInfo* f) { return f != nullptr && f->value ? ValueText(*f->value) : ""; }

const Value* Qual(const FactInfo& f, const std::string& key) {
  for (const Qualifier& q : f.qualifiers) {
    if (q.key == key) return &q.value;
  }
  return nullptr;
}

std::string QualText(const FactInfo& f, const std::string& key) {
  const Value* v = Qual(f, key);
  return v == nullptr ? "" : ValueText(*v);
}

// Keys `base`, `base-1`, `base-2` ... (the order language allows a qualifier key once per fact,
// so repeated items are numbered), in the order written.
std::vector<std::string> Numbered(const FactInfo& f, const std::string& base) {
  std::vector<std::string> out;
  for (const Qualifier& q : f.qualifiers) {
    if (q.key == base || (q.key.size() > base.size() + 1 && q.key.compare(0, base.size() + 1, base + "-") == 0 &&
                          std::all_of(q.key.begin() + static_cast<long>(base.size()) + 1, q.key.end(),
                                      [](char c) { return c >= '0' && c <= '9'; }))) {
      out.push_back(ValueText(q.value));
    }
  }
  return out;
}

std::optional<FuzzyDate> AsDate(const Value* v) {
  if (v == nullptr) return std::nullopt;
  if (const auto* d = std::get_if<FuzzyDate>(&v->v)) return *d;
  if (const auto* s = std::get_if<std::string>(&v->v)) {
    auto parsed = ParseFuzzyDate(*s);
    if (parsed.ok()) return *parsed;
  }
  if (const auto* i = std::get_if<int64_t>(&v->v)) {
    // A bare year.
    if (*i >= -9999 && *i <= 9999) return FuzzyDate{Date::FromCivil(static_cast<int>(*i), 1, 1), Precision::kYear};
  }
  return std::nullopt;
}

// Names an entity as of a date; falls back to the start of its last lifetime span when it has
// no name then.
EntityRef Ref(const Database& db, const std::string& id, Date at, const View& view) {
  EntityRef ref{id, "", ""};
  auto e = db.Entity(id, ViewAt(at, view));
  if (!e.ok()) return ref;
  ref.kind = e->kind;
  ref.name = DisplayName(e->names);
  if (ref.name.empty() && !e->lifetime.empty()) {
    auto later = db.Entity(id, ViewAt(e->lifetime.back().from.date, view));
    if (later.ok()) ref.name = DisplayName(later->names);
  }
  return ref;
}

std::vector<std::string> OrdersOf(const std::vector<FactInfo>& facts, const OrderIndex& orders) {
  std::vector<std::string> ids;
  for (const FactInfo& f : facts) ids.push_back(f.order);
  return orders.Sorted(std::move(ids));
}

bool IsKindOrSub(const Database& db, std::string kind, const std::string& wanted) {
  const std::vector<KindDecl> kinds = db.Schema().kinds;
  for (int guard = 0; guard < 64 && !kind.empty(); ++guard) {
    if (kind == wanted) return true;
    std::string parent;
    for (const KindDecl& k : kinds) {
      if (k.name == kind) parent = k.parent;
    }
    kind = parent;
  }
  return false;
}

// The statement's facts and what other statements say of it, gathered once for a listing.
struct Gathered {
  std::map<std::string, std::vector<FactInfo>> facts;                                // by statement id
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> incoming;  // object -> (relation, subject)
};

Result<Gathered> Gather(const Database& db, const View& view) {
  Gathered g;
  for (const std::string& id : db.EntityIds("statement")) {
    auto facts = CurrentFacts(db, id, view);
    if (!facts.ok()) return facts.status();
    for (const FactInfo& f : *facts) {
      for (const char* rel : kLinkRelations) {
        if (f.predicate == rel) g.incoming[f.object].emplace_back(rel, id);
      }
    }
    g.facts.emplace(id, std::move(facts).value());
  }
  for (auto& [object, links] : g.incoming) std::sort(links.begin(), links.end());
  return g;
}

StatementRecord BuildStatement(const Database& db, const std::string& id, const std::vector<FactInfo>& facts,
                               const Gathered& g, const OrderIndex& orders, const View& view) {
  StatementRecord s;
  s.id = id;
  const FactInfo* said = One(facts, "said-at");
  if (auto d = said != nullptr && said->value ? AsDate(&*said->value) : std::nullopt) {
    s.date = *d;
  } else {
    Date earliest = Date::Max();
    for (const FactInfo& f : facts) {
      if (f.from.date < earliest) {
        earliest = f.from.date;
        s.date = f.from;
      }
    }
  }
  const Date at = s.date.date;
  s.recorded = Instant::Max();
  for (const FactInfo& f : facts) s.recorded = std::min(s.recorded, f.recorded_from);
  const EntityRef self = Ref(db, id, at, view);
  s.name = self.name;
  s.kind = Text(One(facts, "statement-kind"));
  s.time = Text(One(facts, "said-time"));
  s.venue = Text(One(facts, "venue"));
  if (const FactInfo* by = One(facts, "stated-by")) {
    s.speaker = Ref(db, by->object, at, view);
    auto offices = db.Objects(by->object, "holds-office", ViewAt(at, view));
    if (offices.ok()) {
      for (const FactInfo& o : *offices) s.offices.push_back(Ref(db, o.object, at, view));
    }
  }
  if (const FactInfo* q = One(facts, "quote")) {
    s.quote = Text(q);
    s.quote_source = QualText(*q, "source");
    s.also = Numbered(*q, "also");
    s.hedges = Numbered(*q, "hedge");
  }
  if (const FactInfo* c = One(facts, "condition")) {
    s.condition = Text(c);
    s.condition_meaning = QualText(*c, "meaning");
  }
  s.gist = Text(One(facts, "gist"));
  for (const FactInfo* f : All(facts, "about")) s.about.push_back(Ref(db, f->object, at, view));
  for (const char* rel : kLinkRelations) {
    for (const FactInfo* f : All(facts, rel)) {
      s.links.push_back(StatementLink{rel, true, Ref(db, f->object, at, view)});
    }
  }
  if (auto it = g.incoming.find(id); it != g.incoming.end()) {
    for (const auto& [rel, subject] : it->second) {
      s.links.push_back(StatementLink{rel, false, Ref(db, subject, at, view)});
    }
  }
  for (const FactInfo* f : All(facts, "reported-via")) {
    ReportingLink link;
    if (const Value* step = Qual(*f, "step")) {
      if (const auto* n = std::get_if<int64_t>(&step->v)) link.step = *n;
    }
    link.report = Ref(db, f->object, at, view);
    link.via = QualText(*f, "via");
    link.source = QualText(*f, "source");
    auto report_facts = CurrentFacts(db, f->object, view);
    if (report_facts.ok()) {
      link.publisher = Text(One(*report_facts, "publisher"));
      link.medium = Text(One(*report_facts, "medium"));
    }
    s.reporting.push_back(std::move(link));
  }
  std::sort(s.reporting.begin(), s.reporting.end(), [](const ReportingLink& a, const ReportingLink& b) {
    return std::tie(a.step, a.report.id) < std::tie(b.step, b.report.id);
  });
  s.orders = OrdersOf(facts, orders);
  s.sources = orders.Sources(s.orders);
  s.notes = orders.Notes(s.orders);
  return s;
}

bool KnownKind(const std::string& kind) {
  const auto& kinds = StatementKinds();
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}

// ---- Checks ---------------------------------------------------------------------------------

void AddEvidence(ClaimCheck* c, const OrderIndex& orders, const std::string& order_id) {
  if (order_id.empty()) return;
  for (const EvidenceOrder& e : c->evidence) {
    if (e.id == order_id) return;
  }
  EvidenceOrder e{order_id, "", {}};
  if (const OrderInfo* o = orders.Find(order_id)) {
    e.title = o->title;
    e.sources = o->sources;
  }
  c->evidence.push_back(std::move(e));
}

// transfer [relation, before, after, on, quantity]: of the entities whose `relation` pointed at
// `before` the day before `on`, how many point at `after` on `on`, against the claimed quantity
// (all, most, some, none, half, or a number).
void CheckTransfer(const Database& db, const FactInfo& check, const OrderIndex& orders, const View& view,
                   ClaimCheck* c) {
  const std::string rel = QualText(check, "relation");
  const std::string before = QualText(check, "before");
  const std::string after = QualText(check, "after");
  const std::optional<FuzzyDate> on = AsDate(Qual(check, "on"));
  const Value* quantity = Qual(check, "quantity");
  const std::string quantity_text = quantity == nullptr ? "" : ValueText(*quantity);
  c->check_text = fmt::format("transfer: {} {} -> {} on {}, claimed quantity: {}", rel, before, after,
                              on ? FormatFuzzyDate(*on) : "?", quantity_text.empty() ? "?" : quantity_text);
  for (const char* key : {"relation", "before", "after", "on", "quantity"}) {
    if (Qual(check, key) == nullptr || (std::string(key) == "on" && !on)) {
      c->record = fmt::format("cannot evaluate: the check has no valid '{}'", key);
      return;
    }
  }
  const Date day = on->date;
  const Date prev{day.days - 1};
  auto members = db.Members(before, rel, ViewAt(prev, view));
  if (!members.ok()) {
    c->record = "cannot evaluate: " + members.status().message();
    return;
  }
  std::set<std::string> subjects;
  for (const FactInfo& f : *members) subjects.insert(f.subject);
  if (subjects.empty()) {
    c->computed = true;
    c->record = fmt::format("nothing had {} -> {} on {}", rel, before, FormatDate(prev));
    return;
  }
  std::vector<std::string> moved;
  std::map<std::string, std::vector<std::string>> elsewhere;  // destination ("" = none) -> subjects
  for (const std::string& s : subjects) {
    auto now = db.Objects(s, rel, ViewAt(day, view));
    std::string dest;
    if (now.ok() && !now->empty()) {
      dest = now->front().object;
      AddEvidence(c, orders, now->front().order);
    }
    if (dest == after) {
      moved.push_back(s);
    } else {
      elsewhere[dest].push_back(s);
    }
  }
  const size_t n = subjects.size(), m = moved.size();
  c->computed = true;
  c->record_ids = moved;
  std::string text = m == n ? fmt::format("all {} of the {}", m, n) : fmt::format("{} of the {}", m, n);
  text += fmt::format(" with {} -> {} on {} have {} -> {} on {}", rel, before, FormatDate(prev), rel, after,
                      FormatDate(day));
  if (m > 0) text += ": " + Join(moved, ", ");
  for (const auto& [dest, list] : elsewhere) {
    text += fmt::format("; {} {}: {}", list.size(), dest.empty() ? "have none" : "-> " + dest, Join(list, ", "));
  }
  c->record = text;

  bool ok = false, known = true;
  if (const auto* k = std::get_if<int64_t>(&quantity->v)) {
    ok = static_cast<int64_t>(m) == *k;
  } else if (quantity_text == "all") {
    ok = m == n;
  } else if (quantity_text == "most") {
    ok = 2 * m > n && m < n;  // "most" says: more than half, not all
  } else if (quantity_text == "half") {
    ok = 2 * m == n;
  } else if (quantity_text == "some") {
    ok = m > 0 && m < n;
  } else if (quantity_text == "none") {
    ok = m == 0;
  } else {
    known = false;
    c->record += fmt::format(
        " (the quantity '{}' is not one ordo can compare: all, most, half, some, none or a number)", quantity_text);
  }
  c->verdict = !known ? Verdict::kUnknown : ok ? Verdict::kConfirmed : Verdict::kCorrected;
}

// statement [speaker, on]: the record holds a statement by the speaker on that day (confirmed);
// only within a week of it (corrected: the record's date); or none (unknown).
void CheckStatement(const Database& db, const FactInfo& check, const OrderIndex& orders, const View& view,
                    ClaimCheck* c) {
  const std::string speaker = QualText(check, "speaker");
  const std::optional<FuzzyDate> on = AsDate(Qual(check, "on"));
  c->check_text =
      fmt::format("statement: by {} on {}", speaker.empty() ? "?" : speaker, on ? FormatFuzzyDate(*on) : "?");
  if (speaker.empty() || !on) {
    c->record = fmt::format("cannot evaluate: the check has no valid '{}'", speaker.empty() ? "speaker" : "on");
    return;
  }
  StatementFilter filter;
  filter.speaker = speaker;
  auto statements = ListStatements(db, filter, view);
  if (!statements.ok()) {
    c->record = "cannot evaluate: " + statements.status().message();
    return;
  }
  c->computed = true;
  std::vector<const StatementRecord*> same_day, near;
  for (const StatementRecord& s : *statements) {
    const int32_t gap = s.date.date.days - on->date.days;
    if (gap == 0) {
      same_day.push_back(&s);
    } else if (gap >= -7 && gap <= 7) {
      near.push_back(&s);
    }
  }
  auto describe = [](const StatementRecord& s) {
    std::string who = Named(s.speaker);
    if (!s.offices.empty()) who += ", " + s.offices.front().name;
    std::string line = fmt::format("{} by {} on {}", s.id, who, FormatFuzzyDate(s.date));
    if (!s.kind.empty()) line += " (" + s.kind + ")";
    if (!s.quote.empty()) line += ": " + Quoted(s.quote);
    return line;
  };
  const std::vector<const StatementRecord*>& found = same_day.empty() ? near : same_day;
  if (found.empty()) {
    c->verdict = Verdict::kUnknown;
    c->record = fmt::format("the record holds no statement by {} within a week of {}", speaker, FormatFuzzyDate(*on));
    return;
  }
  std::vector<std::string> parts;
  for (const StatementRecord* s : found) {
    parts.push_back(describe(*s));
    c->record_ids.push_back(s->id);
    for (const std::string& o : s->orders) AddEvidence(c, orders, o);
  }
  c->verdict = same_day.empty() ? Verdict::kCorrected : Verdict::kConfirmed;
  c->record = (same_day.empty() ? "a statement on another day: " : "") + Join(parts, "; ");
}

ClaimCheck BuildClaim(const Database& db, const std::string& id, const std::vector<FactInfo>& facts,
                      const OrderIndex& orders, const View& view) {
  ClaimCheck c;
  c.id = id;
  Date at = Date::Max();
  for (const FactInfo& f : facts) at = std::min(at, f.from.date);
  c.name = Ref(db, id, at, view).name;
  c.wording = Text(One(facts, "wording"));
  c.report_words = Text(One(facts, "report-words"));
  for (const FactInfo* f : All(facts, "follows")) c.follows.push_back(Ref(db, f->object, f->from.date, view));
  c.sources = orders.Sources(OrdersOf(facts, orders));
  if (const FactInfo* check = One(facts, "check")) {
    c.check = Text(check);
    if (c.check == "transfer") {
      CheckTransfer(db, *check, orders, view, &c);
    } else if (c.check == "statement") {
      CheckStatement(db, *check, orders, view, &c);
    } else {
      c.check_text = c.check;
      c.record = fmt::format("cannot evaluate: unknown check '{}' (transfer or statement)", c.check);
    }
  }
  if (!c.computed) {
    const std::string stated = Text(One(facts, "verdict"));
    c.verdict = stated == "confirmed"   ? Verdict::kConfirmed
                : stated == "corrected" ? Verdict::kCorrected
                                        : Verdict::kUnknown;
    const std::string says = Text(One(facts, "record-says"));
    if (!says.empty()) c.record = c.record.empty() ? says : c.record + "; " + says;
  }
  for (const FactInfo* f : All(facts, "checked-against")) {
    c.checked_against.push_back(Ref(db, f->object, f->from.date, view));
    for (const std::string& o : Numbered(*f, "order")) AddEvidence(&c, orders, o);
  }
  return c;
}

}  // namespace

std::string IncomingLabel(const std::string& relation) {
  if (relation == "answers") return "answered by";
  if (relation == "supports") return "supported by";
  if (relation == "qualifies") return "qualified by";
  if (relation == "contradicts") return "contradicted by";
  return relation + " (from)";
}

const std::vector<std::string>& StatementKinds() {
  static const std::vector<std::string> kKinds = {"announcement", "order",  "conditional-threat", "warning",
                                                  "hedge",        "denial", "assessment"};
  return kKinds;
}

Result<std::vector<StatementRecord>> ListStatements(const Database& db, const StatementFilter& filter,
                                                    const View& view) {
  if (!filter.kind.empty() && !KnownKind(filter.kind)) {
    Status s = Status::Invalid("unknown statement kind '" + filter.kind + "'");
    for (const std::string& near : Nearest(filter.kind, StatementKinds())) s.AddNote("did you mean '" + near + "'?");
    s.AddNote("the kinds are " + Join(StatementKinds(), ", "));
    return s;
  }
  if (!filter.about.empty()) {
    auto e = db.Entity(filter.about, view);
    if (!e.ok()) return e.status();
  }
  if (!filter.speaker.empty() && !db.Entity(filter.speaker, view).ok()) {
    // A mistyped speaker suggests the people and bodies who speak in the record.
    Status s = Status::NotFound("unknown speaker '" + filter.speaker + "'");
    std::vector<std::string> speakers;
    if (auto by = db.Timeline("stated-by", view); by.ok()) {
      std::set<std::string> seen;
      for (const FactInfo& f : *by) {
        if (seen.insert(f.object).second) speakers.push_back(f.object);
      }
    }
    std::vector<std::string> near;  // by name or alias (Search), then by id
    const std::set<std::string> is_speaker(speakers.begin(), speakers.end());
    for (const Match& m : db.Search(filter.speaker, 10)) {
      if (is_speaker.count(m.id) && std::find(near.begin(), near.end(), m.id) == near.end()) near.push_back(m.id);
    }
    // By id, and by each word of an id ("macrn" is near the "macron" of "emmanuel-macron").
    std::map<std::string, std::string> words;  // word -> the speaker it is a word of
    std::vector<std::string> candidates = speakers;
    for (const std::string& id : speakers) {
      for (size_t b = 0, e; b < id.size(); b = e + 1) {
        e = std::min(id.find('-', b), id.size());
        const std::string w = id.substr(b, e - b);
        if (w.size() > 2 && words.emplace(w, id).second) candidates.push_back(w);
      }
    }
    for (const std::string& n : Nearest(filter.speaker, candidates)) {
      const std::string id = words.count(n) && !is_speaker.count(n) ? words[n] : n;
      if (std::find(near.begin(), near.end(), id) == near.end()) near.push_back(id);
    }
    if (near.size() > 3) near.resize(3);
    for (const std::string& id : near) {
      const EntityRef r = Ref(db, id, Date::Today(), view);
      s.AddNote(r.name.empty() ? fmt::format("did you mean '{}'?", id)
                               : fmt::format("did you mean '{}' ({})?", id, r.name));
    }
    return s;
  }
  auto gathered = Gather(db, view);
  if (!gathered.ok()) return gathered.status();
  const OrderIndex orders(db);
  std::vector<StatementRecord> out;
  for (const auto& [id, facts] : gathered->facts) {
    if (facts.empty()) continue;  // not recorded as of view.recorded
    if (!filter.speaker.empty()) {
      const FactInfo* by = One(facts, "stated-by");
      if (by == nullptr || by->object != filter.speaker) continue;
    }
    if (!filter.kind.empty() && Text(One(facts, "statement-kind")) != filter.kind) continue;
    if (!filter.about.empty()) {
      const auto about = All(facts, "about");
      if (std::none_of(about.begin(), about.end(), [&](const FactInfo* f) { return f->object == filter.about; })) {
        continue;
      }
    }
    StatementRecord s = BuildStatement(db, id, facts, *gathered, orders, view);
    if (filter.from && s.date.date < *filter.from) continue;
    if (filter.to && *filter.to < s.date.date) continue;
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const StatementRecord& a, const StatementRecord& b) {
    return std::tie(a.date.date, a.recorded, a.id) < std::tie(b.date.date, b.recorded, b.id);
  });
  return out;
}

const char* VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kConfirmed: return "confirmed";
    case Verdict::kCorrected: return "corrected";
    case Verdict::kUnknown: return "unknown";
  }
  return "unknown";
}

Result<ReportCheck> CheckReport(const Database& db, const std::string& report_id, const View& view) {
  auto entity = db.Entity(report_id, view);
  if (!entity.ok()) return entity.status();
  if (!IsKindOrSub(db, entity->kind, "report")) {
    Status s = Status::Invalid(fmt::format("'{}' is a {}, not a report", report_id, entity->kind));
    std::vector<std::string> reports = db.EntityIds("report");
    if (!reports.empty()) {
      const size_t shown = std::min<size_t>(reports.size(), 5);
      s.AddNote("reports: " +
                Join(std::vector<std::string>(reports.begin(), reports.begin() + static_cast<long>(shown)), ", ") +
                (reports.size() > shown ? ", …" : ""));
    }
    return s;
  }
  const OrderIndex orders(db);
  ReportCheck r;
  auto facts = CurrentFacts(db, report_id, view);
  if (!facts.ok()) return facts.status();
  Date at = Date::Max();
  for (const FactInfo& f : *facts) at = std::min(at, f.from.date);
  if (at.is_max() && !entity->lifetime.empty()) at = entity->lifetime.front().from.date;
  r.report = Ref(db, report_id, at, view);
  r.publisher = Text(One(*facts, "publisher"));
  r.medium = Text(One(*facts, "medium"));
  if (const FactInfo* p = One(*facts, "published-on"); p != nullptr && p->value) r.published = AsDate(&*p->value);
  for (const FactInfo* f : All(*facts, "relies-on")) r.relies_on.push_back(Ref(db, f->object, at, view));
  const std::vector<std::string> report_orders = OrdersOf(*facts, orders);
  r.sources = orders.Sources(report_orders);
  r.notes = orders.Notes(report_orders);
  for (const std::string& id : db.EntityIds("claim")) {
    auto claim_facts = CurrentFacts(db, id, view);
    if (!claim_facts.ok()) return claim_facts.status();
    const FactInfo* in = One(*claim_facts, "claim-in");
    if (in == nullptr || in->object != report_id) continue;
    r.claims.push_back(BuildClaim(db, id, *claim_facts, orders, view));
  }
  return r;
}

}  // namespace ordo::domain
