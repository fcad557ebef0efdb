#include "present/read.h"

#include <fmt/format.h>

#include "present/json_values.h"

namespace ordo::present {

namespace {

json NullIfEmpty(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json CandidateJson(const read::Candidate& c) {
  return json{{"entity", c.entity},          {"kind", c.kind},   {"name", c.name},
              {"lang", NullIfEmpty(c.lang)}, {"valid", c.valid}, {"note", NullIfEmpty(c.note)}};
}

// "military-district western-md", "member-of nato", "name@en …" left out: what a fact says in
// one line.
std::string FactLine(const FactInfo& f) {
  std::string what = f.is_attribute && f.value ? FormatValue(*f.value) : f.object;
  std::string line = fmt::format("{} {}", f.predicate, what);
  for (const Qualifier& q : f.qualifiers) line += fmt::format(" [{}: {}]", q.key, FormatValue(q.value));
  if (!f.perspective.empty()) line += fmt::format(" (as {} holds it)", f.perspective);
  if (!f.from.date.is_min()) line += fmt::format(" since {}", FormatFuzzyDate(f.from));
  return line;
}

}  // namespace

Json ReadingJson(const read::Reading& r) {
  json mentions = json::array();
  for (const read::Mention& m : r.mentions) {
    json candidates = json::array();
    for (const read::Candidate& c : m.candidates) candidates.push_back(CandidateJson(c));
    mentions.push_back(json{{"start", m.cp_begin},
                            {"end", m.cp_end},
                            {"byte_start", m.begin},
                            {"byte_end", m.end},
                            {"text", m.text},
                            {"entity", NullIfEmpty(m.entity)},
                            {"kind", NullIfEmpty(m.kind)},
                            {"ambiguous", m.ambiguous()},
                            {"confidence", static_cast<double>(static_cast<int>(m.confidence * 100 + 0.5)) / 100},
                            {"reason", m.reason},
                            {"note", NullIfEmpty(m.note)},
                            {"candidates", std::move(candidates)}});
  }
  json entities = json::array();
  for (const read::ReadEntity& e : r.entities) {
    json facts = json::array();
    for (const FactInfo& f : e.facts) facts.push_back(FactToJson(f));
    json uncovered = json::array();
    for (const CoverageGap& g : e.uncovered) {
      uncovered.push_back(json{{"relation", g.relation}, {"note", NullIfEmpty(g.note)}, {"order", g.order}});
    }
    json orders = json::array();
    for (const read::TouchingOrder& o : e.orders) {
      json sources = json::array();
      for (const SourceInfo& s : o.sources) sources.push_back(SourceToJson(s));
      orders.push_back(json{{"id", o.id},
                            {"title", o.title},
                            {"effective", FormatFuzzyDate(o.effective)},
                            {"sources", std::move(sources)}});
    }
    entities.push_back(json{{"id", e.id},
                            {"kind", e.kind},
                            {"name", NullIfEmpty(e.name)},
                            {"alive", e.alive},
                            {"facts", std::move(facts)},
                            {"uncovered", std::move(uncovered)},
                            {"orders", std::move(orders)},
                            {"mentions", e.mentions}});
  }
  json speech = json::array();
  for (const read::Speech& s : r.speech) {
    speech.push_back(json{{"start", s.cp_begin},
                          {"end", s.cp_end},
                          {"byte_start", s.begin},
                          {"byte_end", s.end},
                          {"quote", s.quote},
                          {"speaker", NullIfEmpty(s.speaker)},
                          {"statements", s.statements},
                          {"note", NullIfEmpty(s.note)}});
  }
  return Wrap(json{{"date", FormatDate(r.date)},
                   {"lang", r.lang},
                   {"window_days", r.window_days},
                   {"words", r.words},
                   {"warnings", r.warnings},
                   {"mentions", std::move(mentions)},
                   {"entities", std::move(entities)},
                   {"speech", std::move(speech)}});
}

std::string ReadingText(const read::Reading& r, std::string_view text, bool color) {
  std::string o;
  o += fmt::format("Read as {} on {} (orders within {} days)\n", r.lang, FormatDate(r.date), r.window_days);
  for (const std::string& w : r.warnings) o += fmt::format("warning: {}\n", w);
  o += "\n";
  size_t at = 0;
  for (size_t i = 0; i < r.mentions.size(); ++i) {
    const read::Mention& m = r.mentions[i];
    o.append(text.substr(at, m.begin - at));
    o += color ? "\x1b[1m" : "";
    o += "⟦";
    o.append(text.substr(m.begin, m.end - m.begin));
    o += "⟧";
    o += color ? "\x1b[0m" : "";
    o += fmt::format("[{}]", i + 1);
    at = m.end;
  }
  o.append(text.substr(at));
  if (o.empty() || o.back() != '\n') o += "\n";
  o += "\nMentions\n";
  for (size_t i = 0; i < r.mentions.size(); ++i) {
    const read::Mention& m = r.mentions[i];
    if (m.ambiguous()) {
      std::string cands;
      for (const read::Candidate& c : m.candidates) {
        cands += fmt::format("{}{} ({})", cands.empty() ? "" : ", ", c.entity, c.kind);
      }
      o += fmt::format("  [{}] \"{}\": ambiguous: {} ({})\n", i + 1, m.text, cands, m.reason);
      continue;
    }
    o += fmt::format("  [{}] \"{}\" → {} ({}), {:.2f}: {}\n", i + 1, m.text, m.entity, m.kind, m.confidence, m.reason);
    if (!m.note.empty()) o += fmt::format("      note: {}\n", m.note);
  }
  if (!r.entities.empty()) o += fmt::format("\nOn {}\n", FormatDate(r.date));
  for (const read::ReadEntity& e : r.entities) {
    o += fmt::format("  {} ({}){}{}\n", e.id, e.kind, e.name.empty() ? "" : ": " + e.name,
                     e.alive ? "" : " (not alive on the date)");
    size_t shown = 0;
    for (const FactInfo& f : e.facts) {
      if (f.predicate.rfind("alternative:", 0) == 0) continue;
      if (++shown > 12) {
        o += fmt::format("      … and {} more facts\n", e.facts.size() - 12);
        break;
      }
      o += fmt::format("      {}\n", FactLine(f));
    }
    for (const CoverageGap& g : e.uncovered) o += fmt::format("      {}: not covered by the record\n", g.relation);
    for (const read::TouchingOrder& o2 : e.orders) {
      std::string sources;
      for (const SourceInfo& s : o2.sources) sources += fmt::format("{}{}", sources.empty() ? "" : ", ", s.id);
      o += fmt::format("      order {} ({}): {}{}\n", o2.id, FormatFuzzyDate(o2.effective), o2.title,
                       sources.empty() ? "" : " — sources: " + sources);
    }
  }
  if (!r.speech.empty()) o += "\nQuoted\n";
  for (const read::Speech& s : r.speech) {
    o += fmt::format("  \"{}\"\n      said by: {}; {}\n", s.quote, s.speaker.empty() ? "?" : s.speaker,
                     s.statements.empty() ? s.note : fmt::format("recorded as {}", fmt::join(s.statements, ", ")));
  }
  return o;
}

}  // namespace ordo::present
