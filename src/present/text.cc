#include "present/text.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>
#include <set>

#include "domain/names.h"
#include "present/format.h"
#include "present/json.h"

namespace ordo::present {

using domain::DisplayName;
using domain::IdNamed;
using domain::Named;
using domain::Quoted;

namespace {

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

std::string JoinNames(const std::vector<Name>& names) {
  std::string out;
  for (const Name& n : names) {
    if (!out.empty()) out += ", ";
    out += n.text + " @" + n.lang;
  }
  return out;
}

// The notes of a table's facts, shown under it: a row's qualifiers say "note [1]" and the
// table is followed by "  [1] the note's text", so a long note does not widen every row. The same
// text is numbered once.
class Notes {
 public:
  std::string Ref(const std::string& text) {
    auto it = std::find(texts_.begin(), texts_.end(), text);
    if (it == texts_.end()) it = texts_.insert(texts_.end(), text);
    return fmt::format("[{}]", it - texts_.begin() + 1);
  }
  std::string Render() const {
    std::string out;
    for (size_t i = 0; i < texts_.size(); ++i) out += fmt::format("  [{}] {}\n", i + 1, texts_[i]);
    return out;
  }

 private:
  std::vector<std::string> texts_;
};

std::string QualifierCell(const std::vector<Qualifier>& qualifiers, Notes* notes) {
  if (notes == nullptr) return FormatQualifiers(qualifiers);
  std::vector<Qualifier> shown;
  std::string refs;
  for (const Qualifier& q : qualifiers) {
    const auto* text = std::get_if<std::string>(&q.value.v);
    if (q.key == "note" && text != nullptr) {
      refs += (refs.empty() ? "note " : " ") + notes->Ref(*text);
    } else {
      shown.push_back(q);
    }
  }
  std::string out = FormatQualifiers(shown);
  if (!refs.empty()) out += (out.empty() ? "" : ", ") + refs;
  return out;
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
    leading.push_back({"first recorded"});
    leading.push_back({"this version", false, true});
    leading.push_back({"superseded", false, true});
    leading.push_back({"note", false, true});
  }
  return leading;
}

std::vector<std::string> FactCells(std::vector<std::string> leading, const FactInfo& f, bool with_record,
                                   Notes* notes) {
  leading.push_back(FormatFrom(f.from));
  leading.push_back(FormatTo(f.to));
  leading.push_back(FormatPerspective(f.perspective));
  leading.push_back(QualifierCell(f.qualifiers, notes));
  leading.push_back(f.order);
  leading.push_back(f.ended_by);
  if (with_record) {
    leading.push_back(FormatRecordTime(f.first_recorded));
    // A version written later than the fact was first known (its end or start set by a later
    // order): when, and by which order.
    leading.push_back(
        f.recorded_from == f.first_recorded ? "" : FormatRecordTime(f.recorded_from) + " (" + f.recorded_by + ")");
    leading.push_back(FormatRecordedTo(f.recorded_to));
    leading.push_back(f.correction ? "correction" : "");
  }
  return leading;
}

// The orders behind facts and their sources, each order once, in order of first mention.
// "id  title  <url>" per source, ids padded to the widest, each line indented.
std::string SourceLinesText(const std::vector<SourceInfo>& sources, int indent) {
  size_t width = 0;
  for (const SourceInfo& src : sources) width = std::max(width, DisplayWidth(src.id));
  std::string out;
  for (const SourceInfo& src : sources) {
    std::string line = std::string(static_cast<size_t>(indent), ' ') + src.id +
                       std::string(width - DisplayWidth(src.id) + 2, ' ') + src.title;
    if (!src.url.empty()) line += "  <" + src.url + ">";
    out += line + "\n";
  }
  return out;
}

std::string SourcesSection(const std::vector<FactInfo>& facts, const domain::OrderIndex& orders) {
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
    const OrderInfo* o = orders.Find(id);
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
    // One line per source; `ordo order ID` shows them in full. The order's sources are listed
    // when a fact shown rests on them: one without sources of its own, or one the order ended.
    bool rests_on_order = false;
    for (const FactInfo& f : facts) rests_on_order |= (f.order == id && !f.own_sources) || f.ended_by == id;
    if (rests_on_order) out += SourceLinesText(o->sources, 4);
    // Facts of the order that cite their own sources: those, not the order's, state them.
    for (const FactInfo& f : facts) {
      if (f.order != id || !f.own_sources) continue;
      out += "    " + f.subject + " " + f.predicate + " " + FormatFactValue(f) + " cites:\n";
      out += SourceLinesText(f.sources, 6);
    }
  }
  return out;
}

std::string RenderSources(const std::vector<SourceInfo>& sources, int indent) {
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
std::vector<std::string> ChainLines(const std::vector<domain::ReportingLink>& links) {
  std::vector<std::string> out;
  std::set<std::string> known;
  for (const domain::ReportingLink& l : links) known.insert(l.report.id);
  std::set<std::string> shown;
  auto describe = [](const domain::ReportingLink& l) {
    std::vector<std::string> about;
    if (!l.publisher.empty()) about.push_back(l.publisher);
    if (!l.medium.empty()) about.push_back(l.medium);
    std::string line =
        fmt::format("{}. ", l.step) + (about.empty() ? l.report.id : Join(about, ", ") + ": " + l.report.id);
    if (!l.source.empty()) line += "  [" + l.source + "]";
    return line;
  };
  auto walk = [&](auto&& self, const std::string& parent, int depth) -> void {
    for (const domain::ReportingLink& l : links) {
      const bool root = l.via.empty() || !known.count(l.via);
      if ((parent.empty() ? !root : l.via != parent) || !shown.insert(l.report.id).second) continue;
      out.push_back(std::string(static_cast<size_t>(depth) * 2, ' ') + "→ " + describe(l));
      self(self, l.report.id, depth + 1);
    }
  };
  walk(walk, "", 0);
  return out;
}

std::string Upper(std::string s) {
  for (char& ch : s) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  return s;
}

}  // namespace

std::string EntityText(const EntityInfo& info, const View& view, const domain::OrderIndex& orders, bool alternatives) {
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
  // Lineage as sentences, as the order wrote them: "re-established from western-md on 2024-03-01
  // (order)", "moscow-md re-established from it on 2024-03-01 (order)".
  bool first_link = true;
  for (const LineageLink& l : info.lineage) {
    std::string words = l.type;
    const size_t dash = words.rfind('-');
    if (dash != std::string::npos) words[dash] = ' ';
    const bool subject_succeeds = LineageSubjectIsSuccessor(l.type);
    const std::string& subject = subject_succeeds ? l.successor : l.predecessor;
    const std::string& object = subject_succeeds ? l.predecessor : l.successor;
    const std::string line = subject == info.id ? words + " " + object : subject + " " + words + " it";
    kv.emplace_back(first_link ? "lineage" : "", line + " on " + FormatDate(l.date) + " (" + l.order + ")");
    first_link = false;
  }
  out += KeyValues(kv, 2);
  const std::string heading = FormatView(view, true);
  if (!info.alive) out += "  (does not exist " + heading + ")\n";
  out += "\nfacts " + heading + ":\n";
  if (info.facts.empty()) {
    out += "  (none)\n";
  } else {
    Table t(FactColumns({{"relation"}, {"value"}}, false));
    Notes notes;
    bool any_disputed = false;
    for (const FactInfo& f : info.facts) {
      t.AddRow(FactCells({f.predicate, FormatFactValue(f)}, f, false, &notes));
      any_disputed |= f.disputed;
    }
    out += t.Render() + notes.Render();
    if (any_disputed) {
      std::vector<std::string> which;
      for (const FactInfo& f : info.facts) {
        if (f.disputed) which.push_back(f.predicate);
      }
      out += "  disputed: " + Join(which, ", ") + " (another source differs; " +
             (alternatives ? "see the alternatives below)\n" : "ordo show --disputes lists what it says)\n");
    }
  }
  if (alternatives) out += AlternativesText(info, view);
  if (!info.uncovered.empty()) {
    out += "\nnot covered " + heading + ":\n";
    Table t({{"relation"}, {"from"}, {"to"}, {"order"}, {"note", false, true}});
    for (const CoverageGap& g : info.uncovered) {
      t.AddRow({g.relation, FormatFrom(g.from), FormatTo(g.to), g.order, g.note});
    }
    out += t.Render();
  }
  out += SourcesSection(info.facts, orders);
  return out;
}

std::string AlternativesText(const EntityInfo& info, const View& view) {
  std::string out = "\nalternatives " + FormatView(view, true) + ":\n";
  if (info.alternatives.empty()) return out + "  (none: no source gives another value)\n";
  Table t(FactColumns({{"relation"}, {"value"}}, false));
  Notes notes;
  for (const FactInfo& f : info.alternatives) {
    t.AddRow(FactCells({f.predicate, FormatFactValue(f)}, f, false, &notes));
  }
  out += t.Render() + notes.Render();
  for (const FactInfo& f : info.alternatives) {
    out += "  " + f.predicate + " " + FormatFactValue(f) + " per:\n" + SourceLinesText(f.sources, 4);
  }
  return out;
}

std::string LineageText(const LineageInfo& lineage) {
  std::string out = "lineage of " + lineage.id;
  for (const LineageEntity& e : lineage.entities) {
    if (e.id == lineage.id && !e.name.empty()) out += "  " + e.name;
  }
  out += "\n\n";
  Table entities({{"id"}, {"name"}, {"kind"}, {"lives"}});
  for (const LineageEntity& e : lineage.entities) {
    std::string lives;
    for (const Span& i : e.lifetime) lives += (lives.empty() ? "" : ", ") + FormatRange(i.from, i.to);
    entities.AddRow({e.id, e.name, e.kind, lives.empty() ? "never" : lives});
  }
  out += entities.Render();
  if (lineage.links.empty()) return out + "\nno predecessor or successor recorded\n";
  out += "\n";
  Table links({{"date"}, {"predecessor"}, {"successor"}, {"how"}, {"order"}, {"sources"}});
  for (const LineageLink& l : lineage.links) {
    std::vector<std::string> ids;
    for (const SourceInfo& s : l.sources) ids.push_back(s.id);
    links.AddRow({FormatDate(l.date), l.predecessor, l.successor, l.type, l.order, Join(ids, ", ")});
  }
  return out + links.Render();
}

std::string MembersText(const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects) {
  Table t(FactColumns({{"id"}, {"name"}, {"kind"}}, false));
  Notes notes;
  for (size_t i = 0; i < facts.size(); ++i) {
    const FactInfo& f = facts[i];
    const EntityInfo none;
    const EntityInfo& e = i < subjects.size() ? subjects[i] : none;
    t.AddRow(FactCells({f.subject, DisplayName(e.names), e.kind}, f, false, &notes));
  }
  return t.Render() + notes.Render();
}

std::string HistoryText(const std::vector<FactInfo>& facts, const domain::OrderIndex& orders) {
  Table t(FactColumns({{"relation"}, {"value"}}, true));
  Notes notes;
  for (const FactInfo& f : facts) t.AddRow(FactCells({f.predicate, FormatFactValue(f)}, f, true, &notes));
  return t.Render() + notes.Render() + SourcesSection(facts, orders);
}

std::string DiffText(const std::vector<Change>& changes, Date d1, Date d2) {
  Table t({{"id"}, {"relation"}, {FormatDate(d1)}, {FormatDate(d2)}, {"perspective", false, true}, {"by order"}});
  auto values = [](const std::vector<FactInfo>& facts) {
    std::string out;
    for (const FactInfo& f : facts) out += (out.empty() ? "" : ", ") + FormatFactValue(f);
    return out.empty() ? std::string("—") : out;
  };
  for (const Change& c : changes) {
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
  return t.Render();
}

namespace {
// One side of a change as ids and values, for CSV: "western-md; northern-fleet".
std::string SideIds(const std::vector<FactInfo>& facts) {
  std::vector<std::string> out;
  for (const FactInfo& f : facts) out.push_back(FormatFactValue(f));
  return Join(out, "; ");
}

// One side of a change in words: "Northern Fleet" (names; ids when a thing has none), values as
// written, qualifiers in brackets; "none" for nothing.
std::string ChangeSide(const std::vector<FactInfo>& facts, const std::vector<std::string>& names) {
  std::vector<std::string> parts;
  for (size_t i = 0; i < facts.size(); ++i) {
    const FactInfo& f = facts[i];
    std::string p = f.is_attribute ? FormatFactValue(f) : (i < names.size() && !names[i].empty() ? names[i] : f.object);
    std::vector<Qualifier> quals;
    for (const Qualifier& q : f.qualifiers) {
      if (q.key != "note") quals.push_back(q);
    }
    if (!quals.empty()) p += " [" + FormatQualifiers(quals) + "]";
    parts.push_back(std::move(p));
  }
  return parts.empty() ? "none" : Join(parts, ", ");
}

std::string SourceList(const std::vector<SourceInfo>& sources, bool all) {
  std::vector<std::string> ids;
  for (const SourceInfo& s : sources) ids.push_back(s.id);
  if (all || ids.size() <= 1) return Join(ids, ", ");
  return ids.front() + fmt::format(" (+{})", ids.size() - 1);
}
}  // namespace

Table ChangeLogTable(const domain::ChangeLog& log, bool all_sources, bool csv) {
  if (csv) {
    // Ids and names apart, every source, notes in full: for a spreadsheet.
    Table t({{"date"},
             {"id"},
             {"name"},
             {"perspective"},
             {"before"},
             {"before name"},
             {"after"},
             {"after name"},
             {"order"},
             {"sources"}});
    for (const domain::ChangeEvent& e : log.changes) {
      std::vector<std::string> sources;
      for (const SourceInfo& src : e.sources) sources.push_back(src.id);
      t.AddRow({FormatFuzzyDate(e.when), e.subject, e.subject_name, e.perspective, SideIds(e.before),
                Join(e.before_names, "; "), SideIds(e.after), Join(e.after_names, "; "), e.order, Join(sources, "; ")});
    }
    return t;
  }
  Table t({{"date"}, {"id"}, {"name"}, {"perspective", false, true}, {"before"}, {"after"}, {"order"}, {"sources"}});
  for (const domain::ChangeEvent& e : log.changes) {
    t.AddRow({FormatFuzzyDate(e.when), e.subject, e.subject_name, FormatPerspective(e.perspective),
              ChangeSide(e.before, e.before_names), ChangeSide(e.after, e.after_names), e.order,
              SourceList(e.sources, all_sources)});
  }
  return t;
}

std::string ChangeLogText(const domain::ChangeLog& log, const View& view, bool all_sources) {
  std::string period = log.from.is_min() && log.to.is_max() ? "over all valid time"
                       : log.from.is_min()                  ? "up to " + FormatDate(log.to)
                       : log.to.is_max()                    ? "from " + FormatDate(log.from)
                                         : "from " + FormatDate(log.from) + " to " + FormatDate(log.to);
  const std::string v = FormatView(view, false);
  std::string out = fmt::format("{} change{} of {} {}{}\n\n", log.changes.size(), log.changes.size() == 1 ? "" : "s",
                                log.relation, period, v.empty() ? "" : " (" + v + ")");
  return out + ChangeLogTable(log, all_sources, false).Render();
}

Table QueryTable(const domain::NamedAnswer& a) {
  std::vector<Table::Column> columns;
  const bool one = a.answer.columns.size() == 1;
  for (const std::string& c : a.answer.columns) {
    columns.push_back({c});
    columns.push_back({one ? "name" : c + " name", false, true});
  }
  Table t(std::move(columns));
  for (size_t r = 0; r < a.answer.rows.size(); ++r) {
    std::vector<std::string> cells;
    for (size_t c = 0; c < a.answer.columns.size(); ++c) {
      cells.push_back(a.answer.rows[r][c]);
      cells.push_back(a.names[r][c]);
    }
    t.AddRow(std::move(cells));
  }
  return t;
}

std::string QueryText(const domain::NamedAnswer& a, const View& view) {
  const std::string v = FormatView(view, true);
  const size_t n = a.answer.rows.size();
  return fmt::format("{} answer{} ({})\n\n", n, n == 1 ? "" : "s", v) + QueryTable(a).Render();
}

Table ComparisonTable(const domain::Comparison& c, bool csv) {
  auto range = [](Date from, Date to) {
    return (from.is_min() ? std::string("…") : FormatDate(from)) + " – " + (to.is_max() ? "open" : FormatDate(to));
  };
  if (csv) {
    Table t({{"kind"},
             {"id"},
             {"name"},
             {"relation"},
             {"perspective"},
             {"from"},
             {"to"},
             {"then"},
             {"then name"},
             {"now"},
             {"now name"},
             {"order"},
             {"order recorded"}});
    for (const domain::ComparedFact& f : c.facts) {
      t.AddRow({domain::KindName(f.kind), f.subject, f.subject_name, f.predicate, f.perspective,
                f.from.is_min() ? "" : FormatDate(f.from), f.to.is_max() ? "" : FormatDate(f.to), SideIds(f.then),
                Join(f.then_names, "; "), SideIds(f.now), Join(f.now_names, "; "), f.order,
                f.order_recorded ? FormatInstant(*f.order_recorded) : ""});
    }
    return t;
  }
  Table t({{"kind"},
           {"id"},
           {"name"},
           {"relation"},
           {"perspective", false, true},
           {"valid"},
           {"then"},
           {"now"},
           {"order"},
           {"recorded"}});
  for (const domain::ComparedFact& f : c.facts) {
    t.AddRow({domain::KindName(f.kind), f.subject, f.subject_name, f.predicate, FormatPerspective(f.perspective),
              c.at ? FormatDate(*c.at) : range(f.from, f.to), ChangeSide(f.then, f.then_names),
              ChangeSide(f.now, f.now_names), f.order, f.order_recorded ? FormatRecordTime(*f.order_recorded) : ""});
  }
  return t;
}

std::string ComparisonText(const domain::Comparison& c) {
  size_t added = 0, corrected = 0, retracted = 0;
  for (const domain::ComparedFact& f : c.facts) {
    (f.kind == domain::ComparedFact::Kind::kAdded       ? added
     : f.kind == domain::ComparedFact::Kind::kCorrected ? corrected
                                                        : retracted) += 1;
  }
  std::string out = fmt::format("the record as known {} against {}{}{}: {} added, {} corrected, {} retracted\n",
                                FormatRecordTime(c.then), c.now ? "as known " + FormatRecordTime(*c.now) : "now",
                                c.at ? " at " + FormatDate(*c.at) : " over all valid time",
                                c.relation.empty() ? "" : ", " + c.relation, added, corrected, retracted);
  if (c.facts.empty()) return out;
  return out + "\n" + ComparisonTable(c, false).Render();
}

std::string SnapshotText(const std::vector<FactInfo>& facts, const std::string& relation) {
  Table t(FactColumns({{"id"}, {relation}}, false));
  Notes notes;
  for (const FactInfo& f : facts) t.AddRow(FactCells({f.subject, FormatFactValue(f)}, f, false, &notes));
  return t.Render() + notes.Render();
}

std::string SnapshotCsv(const std::vector<FactInfo>& facts) {
  std::vector<std::vector<std::string>> rows;
  for (const FactInfo& f : facts) {
    rows.push_back({f.subject, f.predicate, CsvValue(f), f.from.date.is_min() ? "" : FormatFuzzyDate(f.from),
                    f.to.date.is_max() ? "" : FormatFuzzyDate(f.to), f.perspective, FormatQualifiers(f.qualifiers),
                    f.order});
  }
  return CsvDocument({"id", "predicate", "value", "from", "to", "perspective", "qualifiers", "order"}, rows);
}

namespace {
std::string SourceIds(const std::vector<SourceInfo>& sources) {
  std::vector<std::string> ids;
  for (const SourceInfo& src : sources) ids.push_back(src.id);
  return Join(ids, "; ");
}
std::vector<std::string> FactFields(const FactInfo& f) {
  return {f.predicate,
          CsvValue(f),
          f.from.date.is_min() ? "" : FormatFuzzyDate(f.from),
          f.to.date.is_max() ? "" : FormatFuzzyDate(f.to),
          f.perspective,
          FormatQualifiers(f.qualifiers),
          f.order,
          SourceIds(f.sources)};
}
const std::vector<std::string> kFactHeader = {"predicate",   "value",      "from",  "to",
                                              "perspective", "qualifiers", "order", "sources"};
}  // namespace

std::string FactsCsv(const std::vector<FactInfo>& facts, bool record_times) {
  std::vector<std::string> header = {"id"};
  header.insert(header.end(), kFactHeader.begin(), kFactHeader.end());
  if (record_times) {
    for (const char* h : {"first_recorded", "recorded_from", "recorded_by", "recorded_to", "superseded_by"}) {
      header.push_back(h);
    }
  }
  std::vector<std::vector<std::string>> rows;
  for (const FactInfo& f : facts) {
    std::vector<std::string> row = {f.subject};
    for (std::string& x : FactFields(f)) row.push_back(std::move(x));
    if (record_times) {
      row.push_back(FormatInstant(f.first_recorded));
      row.push_back(FormatInstant(f.recorded_from));
      row.push_back(f.recorded_by);
      row.push_back(f.recorded_to == Instant::Max() ? "" : FormatInstant(f.recorded_to));
      row.push_back(f.superseded_by);
    }
    rows.push_back(std::move(row));
  }
  return CsvDocument(header, rows);
}

std::string MembersCsv(const std::vector<FactInfo>& facts, const std::vector<EntityInfo>& subjects) {
  std::vector<std::string> header = {"id", "name", "kind"};
  header.insert(header.end(), kFactHeader.begin(), kFactHeader.end());
  std::vector<std::vector<std::string>> rows;
  for (size_t i = 0; i < facts.size(); ++i) {
    const EntityInfo none;
    const EntityInfo& e = i < subjects.size() ? subjects[i] : none;
    std::vector<std::string> row = {facts[i].subject, DisplayName(e.names), e.kind};
    for (std::string& x : FactFields(facts[i])) row.push_back(std::move(x));
    rows.push_back(std::move(row));
  }
  return CsvDocument(header, rows);
}

std::string DiffCsv(const std::vector<Change>& changes) {
  std::vector<std::vector<std::string>> rows;
  for (const Change& c : changes) {
    std::vector<std::string> orders;
    for (const std::vector<FactInfo>* side : {&c.before, &c.after}) {
      for (const FactInfo& f : *side) {
        for (const std::string* o : {&f.order, &f.ended_by}) {
          if (!o->empty() && std::find(orders.begin(), orders.end(), *o) == orders.end()) orders.push_back(*o);
        }
      }
    }
    rows.push_back({c.subject, c.predicate, c.perspective, SideIds(c.before), SideIds(c.after), Join(orders, "; ")});
  }
  return CsvDocument({"id", "predicate", "perspective", "before", "after", "orders"}, rows);
}

std::string OrdersCsv(const std::vector<OrderInfo>& orders) {
  std::vector<std::vector<std::string>> rows;
  for (const OrderInfo& o : orders) {
    rows.push_back({o.id, FormatFuzzyDate(o.effective), o.issuer, FormatInstant(o.recorded), o.perspective,
                    std::to_string(o.facts_asserted), std::to_string(o.facts_superseded), o.title,
                    SourceIds(o.sources)});
  }
  return CsvDocument(
      {"id", "effective", "issuer", "recorded", "perspective", "asserted", "superseded", "title", "sources"}, rows);
}

std::string MatchesCsv(const std::vector<Match>& matches) {
  std::vector<std::vector<std::string>> rows;
  for (const Match& m : matches) rows.push_back({m.id, m.kind, m.name, m.lang, std::to_string(m.distance)});
  return CsvDocument({"id", "kind", "match", "lang", "distance"}, rows);
}

std::string LineageCsv(const LineageInfo& lineage) {
  std::map<std::string, std::string> names;
  for (const LineageEntity& e : lineage.entities) names[e.id] = e.name;
  std::vector<std::vector<std::string>> rows;
  for (const LineageLink& l : lineage.links) {
    rows.push_back({FormatDate(l.date), l.predecessor, names[l.predecessor], l.successor, names[l.successor], l.type,
                    l.order, SourceIds(l.sources)});
  }
  return CsvDocument(
      {"date", "predecessor", "predecessor_name", "successor", "successor_name", "how", "order", "sources"}, rows);
}

std::string StatementsCsv(const std::vector<domain::StatementRecord>& statements) {
  std::vector<std::vector<std::string>> rows;
  for (const domain::StatementRecord& s : statements) {
    std::vector<std::string> offices, about;
    for (const domain::EntityRef& o : s.offices) offices.push_back(o.id);
    for (const domain::EntityRef& a : s.about) about.push_back(a.id);
    rows.push_back({s.id, FormatFuzzyDate(s.date), s.time, s.kind, s.speaker.id, s.speaker.name, Join(offices, "; "),
                    s.venue, s.quote, Join(s.hedges, "; "), s.condition, s.gist, Join(about, "; "),
                    Join(s.orders, "; "), SourceIds(s.sources)});
  }
  return CsvDocument({"id", "date", "time", "kind", "speaker", "speaker_name", "offices", "venue", "quote", "hedges",
                      "condition", "gist", "about", "orders", "sources"},
                     rows);
}

std::string OrdersText(const std::vector<OrderInfo>& orders) {
  Table t({{"id"},
           {"effective"},
           {"issuer", false, true},
           {"recorded"},
           {"perspective", false, true},
           {"asserted", true},
           {"superseded", true},
           {"title"}});
  for (const OrderInfo& o : orders) {
    t.AddRow({o.id, FormatFuzzyDate(o.effective), o.issuer, FormatInstant(o.recorded), FormatPerspective(o.perspective),
              std::to_string(o.facts_asserted), std::to_string(o.facts_superseded), o.title});
  }
  return t.Render();
}

std::string OrderText(const OrderChanges& changes) {
  const OrderInfo& o = changes.order;
  std::string out = "order " + o.id + "  " + o.title + "\n";
  std::vector<std::pair<std::string, std::string>> kv;
  if (!o.issuer.empty()) kv.emplace_back("issuer", o.issuer);
  if (o.signed_on) kv.emplace_back("signed", FormatFuzzyDate(*o.signed_on));
  kv.emplace_back("effective", FormatFuzzyDate(o.effective));
  kv.emplace_back("recorded", FormatInstant(o.recorded));
  if (o.stored) kv.emplace_back("stored", FormatInstant(*o.stored));
  if (!o.perspective.empty()) kv.emplace_back("perspective", o.perspective);
  if (o.where.known()) {
    kv.emplace_back("loaded from", fmt::format("{}:{}", ShownFileName(o.where.file), o.where.begin.line));
  } else if (!o.where.file.empty()) {
    kv.emplace_back("loaded from", ShownFileName(o.where.file));
  }
  for (const std::string& n : o.notes) kv.emplace_back("note", n);
  out += KeyValues(kv, 2);
  if (!o.sources.empty()) out += "  sources\n" + RenderSources(o.sources, 4);
  auto section = [&](const char* title, const std::vector<FactInfo>& facts) {
    out += fmt::format("\n{} ({}):\n", title, facts.size());
    if (facts.empty()) return;
    Table t(FactColumns({{"id"}, {"relation"}, {"value"}}, false));
    Notes notes;
    for (const FactInfo& f : facts) {
      t.AddRow(FactCells({f.subject, f.predicate, FormatFactValue(f)}, f, false, &notes));
    }
    out += t.Render() + notes.Render();
  };
  section("asserted", changes.asserted);
  section("superseded", changes.superseded);
  return out;
}

std::string MatchesText(const std::vector<Match>& matches) {
  Table t({{"id"}, {"kind"}, {"match"}, {"lang", false, true}});
  for (const Match& m : matches) t.AddRow({m.id, m.kind, m.name, m.lang});
  return t.Render();
}

std::string PathText(const std::vector<FactInfo>& facts, const std::string& relation) {
  std::string chain = facts.empty() ? "" : facts.front().subject;
  for (const FactInfo& f : facts) chain += " → " + FormatFactValue(f);
  Table t(FactColumns({{"id"}, {relation}}, false));
  Notes notes;
  for (const FactInfo& f : facts) t.AddRow(FactCells({f.subject, FormatFactValue(f)}, f, false, &notes));
  return chain + "\n\n" + t.Render() + notes.Render();
}

std::string StatementsText(const std::vector<domain::StatementRecord>& statements) {
  std::string out;
  for (const domain::StatementRecord& s : statements) {
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
      for (const domain::EntityRef& o : s.offices) offices.push_back(Named(o));
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
    for (const domain::EntityRef& a : s.about) about.push_back(IdNamed(a));
    b.Add("about", Join(about, ", "));
    std::vector<std::string> links;
    for (const domain::StatementLink& l : s.links) {
      links.push_back((l.outgoing ? l.relation : domain::IncomingLabel(l.relation)) + " " + IdNamed(l.other));
    }
    b.Add("links", links);
    b.Add("reported", ChainLines(s.reporting));
    b.Add("sources", SourceLines(s.sources));
    b.Add("notes", s.notes);
    out += b.Render(2);
  }
  return out;
}

std::string ReportText(const domain::ReportCheck& r) {
  std::string out = "report " + r.report.id;
  if (!r.report.name.empty()) out += "  " + r.report.name;
  out += "\n";
  Block head;
  head.Add("publisher", r.publisher);
  head.Add("medium", r.medium);
  if (r.published) head.Add("published", FormatFuzzyDate(*r.published));
  std::vector<std::string> relies;
  for (const domain::EntityRef& e : r.relies_on) relies.push_back(IdNamed(e));
  head.Add("relies on", relies);
  head.Add("sources", SourceLines(r.sources));
  head.Add("notes", r.notes);
  out += head.Render(2);
  size_t counts[3] = {0, 0, 0};
  for (const domain::ClaimCheck& c : r.claims) ++counts[static_cast<size_t>(c.verdict)];
  if (r.claims.empty()) {
    out += "\nno claims recorded\n";
    return out;
  }
  out += fmt::format("\n{} claim{}: {} confirmed, {} corrected, {} unknown\n", r.claims.size(),
                     r.claims.size() == 1 ? "" : "s", counts[0], counts[1], counts[2]);
  for (const domain::ClaimCheck& c : r.claims) {
    out += "\n" + Upper(domain::VerdictName(c.verdict)) + "  " + c.id;
    if (!c.name.empty()) out += "  " + c.name;
    out += "\n";
    Block b;
    b.Add("the report says", c.wording);
    if (!c.report_words.empty()) b.Add("in its words", Quoted(c.report_words));
    std::vector<std::string> follows;
    for (const domain::EntityRef& e : c.follows) follows.push_back(IdNamed(e));
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
    for (const domain::EntityRef& e : c.checked_against) against.push_back(IdNamed(e));
    b.Add("checked against", Join(against, ", "));
    std::vector<std::string> evidence;
    for (const domain::EvidenceOrder& e : c.evidence) {
      evidence.push_back(e.id + (e.title.empty() ? "" : "  " + e.title));
      for (const std::string& line : SourceLines(e.sources)) evidence.push_back("  " + line);
    }
    b.Add("evidence", evidence);
    out += b.Render(2);
  }
  return out;
}

namespace {

std::string Bindings(const AlertInfo& a) {
  std::string out;
  for (const auto& [var, entity] : a.bindings) out += (out.empty() ? "?" : ", ?") + var + " = " + entity;
  return out;
}

std::string FactsCell(const std::vector<FactInfo>& facts) {
  std::string out;
  for (const FactInfo& f : facts) {
    if (!out.empty()) out += "; ";
    out += FormatFactValue(f);
    if (!f.qualifiers.empty()) out += " [" + FormatQualifiers(f.qualifiers) + "]";
    out += " " + FormatRange(f.from, f.to) + " (" + f.order + ")";
  }
  return out.empty() ? "(none)" : out;
}

}  // namespace

std::string ScenariosText(const std::vector<ScenarioInfo>& scenarios) {
  Table t({{"scenario"}, {"from record as of"}, {"batches", true}, {"note", false, true}});
  for (const ScenarioInfo& s : scenarios) {
    t.AddRow({s.name, FormatInstant(s.base_recorded), std::to_string(s.batches), s.note});
  }
  return t.Render();
}

std::string ScenarioDifferencesText(const std::vector<ScenarioDifference>& differences) {
  Table t({{"subject"}, {"relation"}, {"perspective", false, true}, {"differs on"}, {"record"}, {"scenario"}});
  for (const ScenarioDifference& d : differences) {
    std::string dates;
    for (const Interval& i : d.dates) dates += (dates.empty() ? "" : ", ") + FormatInterval(i);
    t.AddRow(
        {d.subject, d.predicate, FormatPerspective(d.perspective), dates, FactsCell(d.record), FactsCell(d.scenario)});
  }
  return t.Render();
}

std::string RulesText(const std::vector<RuleInfo>& rules) {
  std::string out;
  for (const RuleInfo& r : rules) {
    if (!out.empty()) out += "\n";
    out += r.id + "  " + r.title + "\n";
    out += "  cites        " + r.cites + "  «" + r.quote + "»\n";
    out += "  when         " + r.condition + "\n";
    out += "  perspective  " + (r.perspective.empty() ? std::string("undisputed facts only") : r.perspective) + "\n";
    if (!r.note.empty()) out += "  note         " + r.note + "\n";
    for (size_t i = 0; i < r.sources.size(); ++i) {
      out += (i == 0 ? "  sources      " : "               ") + r.sources[i].id + "  " + r.sources[i].title;
      if (!r.sources[i].url.empty()) out += "  <" + r.sources[i].url + ">";
      out += "\n";
    }
  }
  return out;
}

std::string AlertsText(const std::vector<AlertInfo>& alerts) {
  std::string out;
  for (const AlertInfo& a : alerts) {
    if (!out.empty()) out += "\n";
    out += fmt::format("alert {}{}: {} met on {}\n", a.id, a.scenario.empty() ? "" : " in scenario " + a.scenario,
                       a.rule, FormatDate(a.date));
    out += "  rule       " + a.rule_title + "\n";
    out += "  by order   " + a.order + "  (recorded " + FormatInstant(a.recorded) + ")\n";
    out += "  bindings   " + Bindings(a) + "\n";
    out += "  statement  " + a.cites + ": «" + a.quote + "»\n";
    if (!a.note.empty()) out += "  note       " + a.note + "\n";
    out += std::string("  meaning    ") + kAlertDisclaimer + "\n";
  }
  return out;
}

std::string FiredAlertsText(const std::vector<AlertInfo>& alerts) {
  std::string out;
  for (const AlertInfo& a : alerts) {
    out += fmt::format("alert: rule {} met on {} by order {} ({})\n", a.rule, FormatDate(a.date), a.order, Bindings(a));
  }
  return out;
}

}  // namespace ordo::present
