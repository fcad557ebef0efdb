#include "read/read.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "domain/statements.h"
#include "read/tokens.h"

namespace ordo::read {

namespace {

// Line and column (1-based, columns in bytes) of a byte offset.
std::pair<size_t, size_t> LineColumn(std::string_view text, size_t offset) {
  size_t line = 1, col = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      col = 1;
    } else {
      ++col;
    }
  }
  return {line, col};
}

bool IsOpenQuote(const Token& t) { return t.fold == "“" || t.fold == "«" || t.fold == "„" || t.fold == "\""; }
bool IsCloseQuote(const Token& t, const std::string& open) {
  if (open == "«") return t.fold == "»";
  if (open == "„") return t.fold == "“" || t.fold == "”";
  if (open == "“") return t.fold == "”";
  return t.fold == "\"";
}

// The words of a quotation for comparing it with a recorded quote: folded, four letters or more.
std::set<std::string> QuoteWords(std::string_view text) {
  std::set<std::string> out;
  for (const Token& t : Tokenize(text)) {
    if (t.word && t.cp_end - t.cp_begin >= 4) out.insert(t.fold);
  }
  return out;
}

}  // namespace

Result<int> ParseWindow(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && digits.back() == 'd') digits.remove_suffix(1);
  int days = 0;
  const bool number =
      !digits.empty() && digits.size() <= 5 && digits.find_first_not_of("0123456789") == std::string_view::npos;
  if (number) {
    for (char c : digits) days = days * 10 + (c - '0');
  }
  if (!number || days > 36600) {
    return Status::Invalid(fmt::format("invalid window '{}': give days, e.g. 30d", text));
  }
  return days;
}

Status CheckText(std::string_view text) {
  if (text.size() > kMaxTextBytes) {
    return Status::Limit(
        fmt::format("the text is {} bytes; ordo reads at most {} (1 MiB)", text.size(), kMaxTextBytes));
  }
  if (text.find_first_not_of(" \t\r\n\f\v") == std::string_view::npos) return Status::Invalid("the text is empty");
  size_t controls = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == 0) {
      auto [line, col] = LineColumn(text, i);
      return Status::Invalid(
          fmt::format("the text is binary data, not text: a NUL byte at offset {} (line {}, column {})", i, line, col));
    }
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7F) ++controls;
  }
  if (controls > 8 && controls * 100 > text.size()) {
    return Status::Invalid(fmt::format("the text is binary data, not text: {} of its {} bytes are control characters",
                                       controls, text.size()));
  }
  if (size_t bad = FirstInvalidUtf8(text); bad != std::string_view::npos) {
    auto [line, col] = LineColumn(text, bad);
    return Status::Invalid(fmt::format("the text is not UTF-8: byte 0x{:02X} at offset {} (line {}, column {})",
                                       static_cast<unsigned char>(text[bad]), bad, line, col));
  }
  return Status::Ok();
}

Result<Reading> ReadText(const Database& db, const Linker& linker, std::string_view text, const ReadOptions& options) {
  if (Status s = CheckText(text); !s.ok()) return s;
  if (!options.lang.empty() && !KnownLanguage(options.lang)) {
    Status s = Status::Invalid(fmt::format("unknown language '{}'", options.lang));
    s.AddNote("ordo reads en, ru and uk");
    return s;
  }
  if (options.window_days < 0 || options.window_days > 36600) {
    return Status::Invalid(fmt::format("the window is {} days; it must be 0 to 36600", options.window_days));
  }
  View view;
  view.at = options.date;
  view.recorded = options.recorded;
  view.perspective = options.perspective;
  if (!options.perspective.empty() && db.PerspectiveHandle(options.perspective) == Database::kNone) {
    return Status::NotFound(fmt::format("unknown perspective '{}'", options.perspective));
  }

  Reading out;
  out.date = options.date;
  out.window_days = options.window_days;
  const std::vector<Token> tokens = Tokenize(text);
  for (const Token& t : tokens) out.words += t.word ? 1 : 0;
  out.lang = options.lang.empty() ? DetectLanguage(tokens) : options.lang;
  out.mentions = linker.Find(text, tokens, out.lang, options.date);
  if (out.lang == "uk") {
    if (std::string p = linker.stemming_problem(); !p.empty()) out.warnings.push_back(p);
  }

  // The record's reach: a date before its first order or after its last is read against
  // silence there.
  std::vector<OrderInfo> orders = db.Orders();
  std::optional<Date> first, last;
  for (const OrderInfo& o : orders) {
    if (o.effective.date.is_min() || o.effective.date.is_max()) continue;
    if (!first || o.effective.date < *first) first = o.effective.date;
    if (!last || *last < o.effective.date) last = o.effective.date;
  }
  if (first && options.date < *first) {
    out.warnings.push_back(fmt::format("{} is before the record's first order ({}): the record holds little then",
                                       FormatDate(options.date), FormatDate(*first)));
  } else if (last && *last < options.date) {
    out.warnings.push_back(fmt::format("{} is after the record's last order ({}): later changes are not in the record",
                                       FormatDate(options.date), FormatDate(*last)));
  }

  // The linked entities, each once.
  std::map<std::string, size_t> entity_at;
  for (size_t i = 0; i < out.mentions.size(); ++i) {
    const Mention& m = out.mentions[i];
    if (m.ambiguous()) continue;
    auto [it, added] = entity_at.emplace(m.entity, out.entities.size());
    if (added) {
      ReadEntity e;
      e.id = m.entity;
      e.kind = m.kind;
      Result<EntityInfo> info = db.Entity(m.entity, view);
      if (info.ok()) {
        for (const Name& n : info->names) {
          if (e.name.empty() || n.lang == "en") e.name = n.text;
          if (n.lang == "en") break;
        }
        e.alive = info->alive;
        for (const Span& life : info->lifetime) {
          if (!(options.date < life.from.date) && options.date < life.to.date && life.to.date.is_max())
            e.lasting = true;
        }
        e.facts = std::move(info->facts);
        e.uncovered = std::move(info->uncovered);
      }
      out.entities.push_back(std::move(e));
    }
    out.entities[it->second].mentions.push_back(i);
  }

  // Orders effective in the window, and the entities their rows are about or point at.
  const Date from{options.date.days - options.window_days}, to{options.date.days + options.window_days};
  for (const OrderInfo& o : orders) {
    if (o.effective.date < from || to < o.effective.date) continue;
    if (options.recorded && *options.recorded < o.recorded) continue;
    Result<OrderChanges> changes = db.Order(o.id);
    if (!changes.ok()) continue;
    std::set<size_t> touched;
    for (const auto* list : {&changes->asserted, &changes->superseded}) {
      for (const FactInfo& f : *list) {
        for (const std::string* id : {&f.subject, &f.object}) {
          if (auto it = entity_at.find(*id); it != entity_at.end()) touched.insert(it->second);
        }
      }
    }
    for (size_t e : touched) {
      out.entities[e].orders.push_back(TouchingOrder{o.id, o.title, o.effective, o.sources});
    }
  }
  for (ReadEntity& e : out.entities) {
    std::stable_sort(e.orders.begin(), e.orders.end(), [](const TouchingOrder& a, const TouchingOrder& b) {
      return a.effective.date < b.effective.date;
    });
  }

  // Quoted words: a quotation of three words or more; its speaker is the person of the record
  // named nearest to it in its sentence (or the sentence before or after), outside it.
  // Sentences end at '.', '!', '?' and line breaks here: "He added: “…”" is one sentence.
  std::vector<size_t> sentence(tokens.size(), 0);
  for (size_t t = 0, s = 0; t < tokens.size(); ++t) {
    sentence[t] = s;
    const std::string& f = tokens[t].fold;
    if (!tokens[t].word && (f == "." || f == "!" || f == "?" || f == "\n")) ++s;
  }
  auto token_at = [&](size_t byte) {
    return static_cast<size_t>(
        std::lower_bound(tokens.begin(), tokens.end(), byte, [](const Token& t, size_t b) { return t.begin < b; }) -
        tokens.begin());
  };
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (tokens[t].word || !IsOpenQuote(tokens[t])) continue;
    size_t close = t + 1, words = 0;
    while (close < tokens.size() && tokens[close].fold != "\n" && !IsCloseQuote(tokens[close], tokens[t].fold)) {
      words += tokens[close].word ? 1 : 0;
      ++close;
    }
    if (close >= tokens.size() || tokens[close].fold == "\n") continue;
    if (words < 3) {
      t = close;
      continue;
    }
    Speech sp;
    sp.begin = tokens[t].end;
    sp.end = tokens[close].begin;
    sp.cp_begin = tokens[t].cp_end;
    sp.cp_end = tokens[close].cp_begin;
    sp.quote = std::string(text.substr(sp.begin, sp.end - sp.begin));
    const size_t s_open = sentence[t], s_close = sentence[close];
    size_t best_distance = SIZE_MAX;
    for (const Mention& m : out.mentions) {
      if (m.ambiguous() || m.kind != "person") continue;
      if (m.begin >= sp.begin && m.end <= sp.end) continue;  // inside the quotation
      const size_t mt = token_at(m.begin);
      const size_t ms = sentence[mt];
      if (ms + 1 < s_open || ms > s_close + 1) continue;
      const size_t distance = mt < t ? t - mt : mt - close;
      // The sentence of the quotation first, then the ones around it.
      const size_t rank = (ms >= s_open && ms <= s_close ? 0 : 1000000) + distance;
      if (rank < best_distance) {
        best_distance = rank;
        sp.speaker = m.entity;
      }
    }
    if (sp.speaker.empty()) {
      sp.note = "no person of the record is named near it";
    } else {
      domain::StatementFilter filter;
      filter.speaker = sp.speaker;
      filter.from = Date{options.date.days - 3};
      filter.to = Date{options.date.days + 3};
      View sview;
      sview.recorded = options.recorded;
      auto statements = domain::ListStatements(db, filter, sview);
      const std::set<std::string> said = QuoteWords(sp.quote);
      if (statements.ok()) {
        for (const domain::StatementRecord& st : *statements) {
          std::string recorded_words = st.quote;
          for (const std::string& a : st.also) recorded_words += " " + a;
          const std::set<std::string> theirs = QuoteWords(recorded_words);
          size_t common = 0;
          for (const std::string& w : said) common += theirs.count(w);
          const size_t smaller = std::min(said.size(), theirs.size());
          if (smaller > 0 && common * 10 >= smaller * 3) sp.statements.push_back(st.id);
        }
      }
      if (sp.statements.empty()) {
        sp.note = statements.ok() && !statements->empty()
                      ? fmt::format(
                            "unrecorded: the record holds {} statement(s) of the speaker within 3 days, "
                            "none with these words",
                            statements->size())
                      : "unrecorded: the record holds no statement of the speaker within 3 days";
      }
    }
    out.speech.push_back(std::move(sp));
    t = close;
  }
  return out;
}

std::string DraftReport(const Reading& reading, std::string_view text, const std::string& id, const std::string& file) {
  std::string o;
  const std::string date = FormatDate(reading.date);
  o += fmt::format("# A draft report of {}, written by `ordo read --draft-report` (docs/read.md).\n", file);
  o += "# Complete it by hand: the source's title, publisher, URL and quote; the claims below, each\n";
  o += "# with a check or a verdict (docs/statements.md); then `ordo check` it and `ordo report`.\n\n";
  o += fmt::format("source {} {{\n  title     \"TODO: the report's title\"\n  date      {}\n}}\n\n", id, date);
  o += fmt::format("order {}-claims \"The claims of {}, held against the record\"\n", id, id);
  o += fmt::format("  issuer \"ordo\"  effective {}  recorded {}\n  sources {}\n{{\n", date, date, id);
  o += fmt::format("  create {} : report \"TODO: the report's title\" cites {}\n", id, id);
  o += fmt::format("  set {} published-on {} cites {}\n", id, date, id);
  std::vector<std::string> ending;
  for (const ReadEntity& e : reading.entities) {
    if (e.kind == "person" || e.kind == "place") continue;
    if (!e.lasting) {
      ending.push_back(e.id);
      continue;
    }
    o += fmt::format("  assign {} about -> {} cites {}\n", id, e.id, id);
  }
  if (!ending.empty()) {
    o += fmt::format(
        "  # also named, not linked: their life on the date ends or has not begun (an `about` must outlive the "
        "report): {}\n",
        fmt::join(ending, ", "));
  }
  // Candidate claims: each sentence naming two entities or more.
  const std::vector<Token> tokens = Tokenize(text);
  std::vector<std::pair<size_t, size_t>> sentences;  // bytes
  size_t start = 0;
  for (const Token& t : tokens) {
    if (EndsSentence(t)) {
      sentences.emplace_back(start, t.end);
      start = t.end;
    }
  }
  sentences.emplace_back(start, text.size());
  size_t claim = 0;
  for (auto [a, b] : sentences) {
    std::vector<std::string> named;
    for (const Mention& m : reading.mentions) {
      if (m.ambiguous() || m.begin < a || m.end > b) continue;
      if (std::find(named.begin(), named.end(), m.entity) == named.end()) named.push_back(m.entity);
    }
    if (named.size() < 2) continue;
    std::string sentence(text.substr(a, b - a));
    std::replace(sentence.begin(), sentence.end(), '\n', ' ');
    while (!sentence.empty() && sentence.front() == ' ') sentence.erase(0, 1);
    ++claim;
    o += fmt::format("\n  # claim {}: \"{}\"\n  #   names: {}\n", claim, sentence, fmt::join(named, ", "));
    o += fmt::format("  # create {}-claim-{} : claim \"TODO\" cites {}\n", id, claim, id);
    o += fmt::format("  # assign {}-claim-{} claim-in -> {} cites {}\n", id, claim, id, id);
    o += fmt::format("  # set {}-claim-{} wording \"TODO\" cites {}\n", id, claim, id);
  }
  for (const Speech& s : reading.speech) {
    o += fmt::format("\n  # quoted: \"{}\"\n  #   speaker: {}; {}\n", s.quote, s.speaker.empty() ? "?" : s.speaker,
                     s.statements.empty()
                         ? s.note
                         : "the record's statement(s): " + fmt::format("{}", fmt::join(s.statements, ", ")));
  }
  o += "}\n";
  return o;
}

}  // namespace ordo::read
