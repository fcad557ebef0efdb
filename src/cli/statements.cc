#include "cli/statements.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <utility>

#include "base/text.h"
#include "cli/format.h"

namespace ordo::cli {

namespace {

using json = nlohmann::ordered_json;

constexpr const char* kLinkRelations[] = {"answers", "supports", "qualifies", "contradicts"};

// "answered by", "supported by" ... for a link seen from its object.
std::string IncomingLabel(const std::string& relation) {
  if (relation == "answers") return "answered by";
  if (relation == "supports") return "supported by";
  if (relation == "qualifies") return "qualified by";
  if (relation == "contradicts") return "contradicted by";
  return relation + " (from)";
}

View ViewAt(Date at, const View& base) {
  View v = base;
  v.at = at;
  return v;
}

// The English name, else the first one, else "".
std::string DisplayName(const std::vector<Name>& names) {
  for (const Name& n : names) {
    if (n.lang == "en") return n.text;
  }
  return names.empty() ? "" : names.front().text;
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

// The orders of the record, by id, with their place in application order.
class OrderIndex {
 public:
  explicit OrderIndex(const Database& db) {
    for (OrderInfo& o : db.Orders()) {
      const size_t pos = orders_.size();
      std::string id = o.id;
      orders_.push_back(std::move(o));
      index_.emplace(std::move(id), pos);
    }
  }
  const OrderInfo* Find(const std::string& id) const {
    auto it = index_.find(id);
    return it == index_.end() ? nullptr : &orders_[it->second];
  }
  // Ids in application order, each once; unknown ids last, as given.
  std::vector<std::string> Sorted(std::vector<std::string> ids) const {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    std::stable_sort(ids.begin(), ids.end(), [this](const std::string& a, const std::string& b) {
      auto ia = index_.find(a), ib = index_.find(b);
      const size_t pa = ia == index_.end() ? orders_.size() : ia->second;
      const size_t pb = ib == index_.end() ? orders_.size() : ib->second;
      return pa < pb;
    });
    return ids;
  }
  // The sources of the orders, each once, in order of first mention.
  std::vector<SourceInfo> Sources(const std::vector<std::string>& order_ids) const {
    std::vector<SourceInfo> out;
    std::set<std::string> seen;
    for (const std::string& id : order_ids) {
      const OrderInfo* o = Find(id);
      if (o == nullptr) continue;
      for (const SourceInfo& s : o->sources) {
        if (seen.insert(s.id).second) out.push_back(s);
      }
    }
    return out;
  }
  std::vector<std::string> Notes(const std::vector<std::string>& order_ids) const {
    std::vector<std::string> out;
    for (const std::string& id : order_ids) {
      if (const OrderInfo* o = Find(id)) out.insert(out.end(), o->notes.begin(), o->notes.end());
    }
    return out;
  }
  EvidenceOrder Evidence(const std::string& id) const {
    EvidenceOrder e{id, "", {}};
    if (const OrderInfo* o = Find(id)) {
      e.title = o->title;
      e.sources = o->sources;
    }
    return e;
  }

 private:
  std::vector<OrderInfo> orders_;
  std::map<std::string, size_t> index_;
};

std::vector<std::string> OrdersOf(const std::vector<FactInfo>& facts, const OrderIndex& orders) {
  std::vector<std::string> ids;
  for (const FactInfo& f : facts) ids.push_back(f.order);
  return orders.Sorted(std::move(ids));
}

bool IsKindOrSub(const Database& db, std::string kind, const std::string& wanted) {
  const std::vector<KindDecl> kinds = db.Kinds();
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

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json RefJson(const EntityRef& r, bool with_kind) {
  json j = {{"id", r.id}, {"name", NullIfEmpty(r.name)}};
  if (with_kind) j["kind"] = NullIfEmpty(r.kind);
  return j;
}

json Strings(const std::vector<std::string>& v) {
  json j = json::array();
  for (const std::string& s : v) j.push_back(s);
  return j;
}

json SourcesJson(const std::vector<SourceInfo>& sources) {
  json j = json::array();
  for (const SourceInfo& s : sources) j.push_back(SourceToJson(s));
  return j;
}

// "Name (id)", or "id" when the entity has no name.
std::string Named(const EntityRef& r) { return r.name.empty() ? r.id : r.name + " (" + r.id + ")"; }
// "id (Name)", or "id".
std::string IdNamed(const EntityRef& r) { return r.name.empty() ? r.id : r.id + " (" + r.name + ")"; }

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

// Rows of "key  value" with the values aligned; a value may run over several lines, each
// indented to the value column.
class Block {
 public:
  void Add(std::string key, std::vector<std::string> lines) {
    if (!lines.empty()) rows_.emplace_back(std::move(key), std::move(lines));
  }
  void Add(std::string key, const std::string& line) {
    if (!line.empty()) Add(std::move(key), std::vector<std::string>{line});
  }
  std::string Render(int indent) const {
    size_t width = 0;
    for (const auto& [k, v] : rows_) width = std::max(width, DisplayWidth(k));
    const std::string pad(static_cast<size_t>(indent), ' ');
    std::string out;
    for (const auto& [k, lines] : rows_) {
      for (size_t i = 0; i < lines.size(); ++i) {
        const std::string key = i == 0 ? k : "";
        out += pad + key + std::string(width - DisplayWidth(key) + 2, ' ') + lines[i] + "\n";
      }
    }
    return out;
  }

 private:
  std::vector<std::pair<std::string, std::vector<std::string>>> rows_;
};

std::vector<std::string> SourceLines(const std::vector<SourceInfo>& sources) {
  size_t width = 0;
  for (const SourceInfo& s : sources) width = std::max(width, DisplayWidth(s.id));
  std::vector<std::string> out;
  for (const SourceInfo& s : sources) {
    std::string line = s.id + std::string(width - DisplayWidth(s.id) + 2, ' ') + s.title;
    if (!s.url.empty()) line += "  <" + s.url + ">";
    out.push_back(std::move(line));
  }
  return out;
}

// The reporting chain as a tree: first reports at the left, each relay under what it relayed.
std::vector<std::string> ChainLines(const std::vector<ReportingLink>& links) {
  std::vector<std::string> out;
  std::set<std::string> known;
  for (const ReportingLink& l : links) known.insert(l.report.id);
  std::set<std::string> shown;
  auto describe = [](const ReportingLink& l) {
    std::vector<std::string> about;
    if (!l.publisher.empty()) about.push_back(l.publisher);
    if (!l.medium.empty()) about.push_back(l.medium);
    std::string line =
        fmt::format("{}. ", l.step) + (about.empty() ? l.report.id : Join(about, ", ") + ": " + l.report.id);
    if (!l.source.empty()) line += "  [" + l.source + "]";
    return line;
  };
  auto walk = [&](auto&& self, const std::string& parent, int depth) -> void {
    for (const ReportingLink& l : links) {
      const bool root = l.via.empty() || !known.count(l.via);
      if ((parent.empty() ? !root : l.via != parent) || !shown.insert(l.report.id).second) continue;
      out.push_back(std::string(static_cast<size_t>(depth) * 2, ' ') + "→ " + describe(l));
      self(self, l.report.id, depth + 1);
    }
  };
  walk(walk, "", 0);
  return out;
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
  c->evidence.push_back(orders.Evidence(order_id));
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

std::string Upper(std::string s) {
  for (char& ch : s) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  return s;
}

}  // namespace

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
  for (const std::string* id : {&filter.about, &filter.speaker}) {
    if (id->empty()) continue;
    auto e = db.Entity(*id, view);
    if (!e.ok()) return e.status();
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

json StatementToJson(const StatementRecord& s) {
  json j = json::object();
  j["id"] = s.id;
  j["name"] = NullIfEmpty(s.name);
  j["speaker"] = NullIfEmpty(s.speaker.id);
  j["speaker_name"] = NullIfEmpty(s.speaker.name);
  j["speaker_kind"] = NullIfEmpty(s.speaker.kind);
  json offices = json::array();
  for (const EntityRef& o : s.offices) offices.push_back(RefJson(o, false));
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
  for (const EntityRef& a : s.about) about.push_back(RefJson(a, true));
  j["about"] = std::move(about);
  json links = json::array();
  for (const StatementLink& l : s.links) {
    links.push_back({{"relation", l.relation},
                     {"direction", l.outgoing ? "out" : "in"},
                     {"label", l.outgoing ? l.relation : IncomingLabel(l.relation)},
                     {"id", l.other.id},
                     {"name", NullIfEmpty(l.other.name)}});
  }
  j["links"] = std::move(links);
  json reporting = json::array();
  for (const ReportingLink& l : s.reporting) {
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
  return j;
}

json StatementsToJson(const std::vector<StatementRecord>& statements) {
  json j = json::array();
  for (const StatementRecord& s : statements) j.push_back(StatementToJson(s));
  return j;
}

std::string RenderStatements(const std::vector<StatementRecord>& statements) {
  std::string out;
  for (const StatementRecord& s : statements) {
    if (!out.empty()) out += "\n";
    std::string head = FormatFuzzyDate(s.date);
    if (!s.time.empty()) head += " " + s.time;
    head += "  " + (s.kind.empty() ? std::string("statement") : s.kind) + "  " + s.id;
    if (!s.name.empty()) head += "  " + s.name;
    out += head + "\n";
    Block b;
    std::string speaker = s.speaker.id.empty() ? "(not recorded)" : Named(s.speaker);
    if (!s.offices.empty()) {
      std::vector<std::string> offices;
      for (const EntityRef& o : s.offices) offices.push_back(Named(o));
      speaker += ", " + Join(offices, ", ") + " on " + FormatFuzzyDate(s.date);
    } else if (s.speaker.kind == "person") {
      speaker += ", no office recorded on " + FormatFuzzyDate(s.date);
    } else if (!s.speaker.kind.empty()) {
      speaker += ", " + s.speaker.kind;
    }
    b.Add("speaker", speaker);
    b.Add("venue", s.venue);
    if (!s.quote.empty()) {
      b.Add("quote", Quoted(s.quote) + (s.quote_source.empty() ? "" : "  (wording: " + s.quote_source + ")"));
    }
    std::vector<std::string> also;
    for (const std::string& a : s.also) also.push_back(Quoted(a));
    b.Add("also", also);
    std::vector<std::string> hedges;
    for (const std::string& h : s.hedges) hedges.push_back(Quoted(h));
    b.Add("hedges", Join(hedges, "; "));
    if (!s.condition.empty()) {
      b.Add("condition",
            Quoted(s.condition) +
                (s.condition_meaning.empty() ? "" : "  (meaning, in ordo's words: " + s.condition_meaning + ")"));
    }
    if (!s.gist.empty()) b.Add("gist", s.gist);
    std::vector<std::string> about;
    for (const EntityRef& a : s.about) about.push_back(IdNamed(a));
    b.Add("about", Join(about, ", "));
    std::vector<std::string> links;
    for (const StatementLink& l : s.links) {
      links.push_back((l.outgoing ? l.relation : IncomingLabel(l.relation)) + " " + IdNamed(l.other));
    }
    b.Add("links", links);
    b.Add("reported", ChainLines(s.reporting));
    b.Add("sources", SourceLines(s.sources));
    b.Add("notes", s.notes);
    out += b.Render(2);
  }
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

json ReportToJson(const ReportCheck& r) {
  json j = json::object();
  j["id"] = r.report.id;
  j["name"] = NullIfEmpty(r.report.name);
  j["kind"] = NullIfEmpty(r.report.kind);
  j["publisher"] = NullIfEmpty(r.publisher);
  j["medium"] = NullIfEmpty(r.medium);
  j["published"] = r.published ? json(FormatFuzzyDate(*r.published)) : json(nullptr);
  json relies = json::array();
  for (const EntityRef& e : r.relies_on) relies.push_back(RefJson(e, true));
  j["relies_on"] = std::move(relies);
  j["sources"] = SourcesJson(r.sources);
  j["notes"] = Strings(r.notes);
  size_t counts[3] = {0, 0, 0};
  for (const ClaimCheck& c : r.claims) ++counts[static_cast<size_t>(c.verdict)];
  j["counts"] = {{"confirmed", counts[0]}, {"corrected", counts[1]}, {"unknown", counts[2]}};
  json claims = json::array();
  for (const ClaimCheck& c : r.claims) {
    json cj = json::object();
    cj["id"] = c.id;
    cj["name"] = NullIfEmpty(c.name);
    cj["wording"] = NullIfEmpty(c.wording);
    cj["report_words"] = NullIfEmpty(c.report_words);
    json follows = json::array();
    for (const EntityRef& e : c.follows) follows.push_back(RefJson(e, false));
    cj["follows"] = std::move(follows);
    cj["sources"] = SourcesJson(c.sources);
    cj["verdict"] = VerdictName(c.verdict);
    cj["computed"] = c.computed;
    cj["check"] = NullIfEmpty(c.check);
    cj["check_text"] = NullIfEmpty(c.check_text);
    cj["record"] = NullIfEmpty(c.record);
    cj["record_ids"] = Strings(c.record_ids);
    json against = json::array();
    for (const EntityRef& e : c.checked_against) against.push_back(RefJson(e, true));
    cj["checked_against"] = std::move(against);
    json evidence = json::array();
    for (const EvidenceOrder& e : c.evidence) {
      evidence.push_back({{"order", e.id}, {"title", NullIfEmpty(e.title)}, {"sources", SourcesJson(e.sources)}});
    }
    cj["evidence"] = std::move(evidence);
    claims.push_back(std::move(cj));
  }
  j["claims"] = std::move(claims);
  return j;
}

std::string RenderReport(const ReportCheck& r) {
  std::string out = "report " + r.report.id;
  if (!r.report.name.empty()) out += "  " + r.report.name;
  out += "\n";
  Block head;
  head.Add("publisher", r.publisher);
  head.Add("medium", r.medium);
  if (r.published) head.Add("published", FormatFuzzyDate(*r.published));
  std::vector<std::string> relies;
  for (const EntityRef& e : r.relies_on) relies.push_back(IdNamed(e));
  head.Add("relies on", relies);
  head.Add("sources", SourceLines(r.sources));
  head.Add("notes", r.notes);
  out += head.Render(2);
  size_t counts[3] = {0, 0, 0};
  for (const ClaimCheck& c : r.claims) ++counts[static_cast<size_t>(c.verdict)];
  if (r.claims.empty()) {
    out += "\nno claims recorded\n";
    return out;
  }
  out += fmt::format("\n{} claim{}: {} confirmed, {} corrected, {} unknown\n", r.claims.size(),
                     r.claims.size() == 1 ? "" : "s", counts[0], counts[1], counts[2]);
  for (const ClaimCheck& c : r.claims) {
    out += "\n" + Upper(VerdictName(c.verdict)) + "  " + c.id;
    if (!c.name.empty()) out += "  " + c.name;
    out += "\n";
    Block b;
    b.Add("the report says", c.wording);
    if (!c.report_words.empty()) b.Add("in its words", Quoted(c.report_words));
    std::vector<std::string> follows;
    for (const EntityRef& e : c.follows) follows.push_back(IdNamed(e));
    b.Add("following", Join(follows, ", "));
    std::vector<std::string> sources;
    for (const SourceInfo& s : c.sources) sources.push_back(s.id);
    b.Add("its sources", Join(sources, ", "));
    b.Add("the record holds", c.record.empty() ? std::string("(nothing recorded)") : c.record);
    if (!c.check_text.empty())
      b.Add("check", c.check_text + (c.computed ? " (computed)" : ""));
    else
      b.Add("verdict", "stated in the record");
    std::vector<std::string> against;
    for (const EntityRef& e : c.checked_against) against.push_back(IdNamed(e));
    b.Add("checked against", Join(against, ", "));
    std::vector<std::string> evidence;
    for (const EvidenceOrder& e : c.evidence) {
      evidence.push_back(e.id + (e.title.empty() ? "" : "  " + e.title));
      for (const std::string& line : SourceLines(e.sources)) evidence.push_back("  " + line);
    }
    b.Add("evidence", evidence);
    out += b.Render(2);
  }
  return out;
}

}  // namespace ordo::cli
