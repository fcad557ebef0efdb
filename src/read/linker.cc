#include "read/linker.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "base/text.h"

namespace ordo::read {

namespace {

// ---- The heads (docs/read.md, "Heads") ----------------------------------------------------
//
// A head is the generic part of a name: "Leningrad Military District" is "Leningrad" and the
// head "military district". A name is split so only when its entity is of one of the head's
// kinds. Phrases are matched by their keys like any word, so "districts", "округов" and
// "округи" are the head too.

struct HeadPhrase {
  const char* lang;
  const char* text;
  bool short_form = false;  // a bare "district" / "округ": less certain
};
struct HeadClass {
  const char* id;
  std::vector<std::string> kinds;
  std::vector<HeadPhrase> phrases;
};

const std::vector<HeadClass>& HeadClasses() {
  static const std::vector<HeadClass> kClasses = {
      {"military district",
       {"military-district"},
       {{"en", "military district"},
        {"en", "military okrug"},
        {"en", "MD"},
        {"en", "district", true},
        {"ru", "военный округ"},
        {"ru", "ВО"},
        {"ru", "округ", true},
        {"uk", "військовий округ"},
        {"uk", "ВО"},
        {"uk", "округ", true}}},
      {"federal district",
       {"federal-district"},
       {{"en", "federal district"}, {"ru", "федеральный округ"}, {"uk", "федеральний округ"}}},
      {"fleet", {"fleet"}, {{"en", "fleet"}, {"ru", "флот"}, {"uk", "флот"}}},
      {"flotilla", {"fleet"}, {{"en", "flotilla"}, {"ru", "флотилия"}, {"uk", "флотилія"}}},
      {"oblast",
       {"federal-subject", "ua-region"},
       {{"en", "oblast"}, {"en", "region"}, {"ru", "область"}, {"uk", "область"}}},
      {"krai", {"federal-subject"}, {{"en", "krai"}, {"en", "kray"}, {"ru", "край"}, {"uk", "край"}}},
      {"autonomous okrug",
       {"federal-subject"},
       {{"en", "autonomous okrug"},
        {"en", "autonomous district"},
        {"en", "autonomous region"},
        {"ru", "автономный округ"},
        {"uk", "автономний округ"}}},
      // Only to tell "Kharkiv City" (a city the record does not hold) from "Kharkiv" (the oblast).
      {"city", {"place"}, {{"en", "city"}}},
      {"army",
       {"formation"},
       {{"en", "combined arms army"},
        {"en", "guards tank army"},
        {"en", "tank army"},
        {"en", "army"},
        {"ru", "общевойсковая армия"},
        {"ru", "танковая армия"},
        {"ru", "армия"},
        {"uk", "загальновійськова армія"},
        {"uk", "танкова армія"},
        {"uk", "армія"}}},
  };
  return kClasses;
}

// Kinds never linked: their names are descriptions, not names a text uses.
bool Unlinked(const std::string& kind) {
  return kind == "statement" || kind == "report" || kind == "claim" || kind == "office";
}

bool IsConjunction(const Token& t) {
  static const std::set<std::string, std::less<>> kWords = {"and", "or", "и", "или", "та", "і", "й", "або"};
  return t.word && kWords.count(t.fold) > 0;
}
bool IsQuoteMark(const Token& t) {
  return !t.word &&
         (t.fold == "\"" || t.fold == "«" || t.fold == "»" || t.fold == "“" || t.fold == "”" || t.fold == "„");
}

bool IsOpenQuoteMark(const Token& t) { return t.fold == "«" || t.fold == "„" || t.fold == "“" || t.fold == "\""; }

// Titles English writes capitalised before a surname.
bool IsEnglishTitle(const Token& t) {
  static const std::set<std::string, std::less<>> kTitles = {
      "president", "minister", "secretary", "general",    "spokesman", "spokeswoman", "spokesperson",
      "admiral",   "colonel",  "commander", "chancellor", "premier",   "mr",          "mrs",
      "ms",        "dr",       "gen",       "lt",         "col",       "adm",         "chief",
      "deputy",    "defense",  "defence",   "foreign",    "kremlin",   "lieutenant",  "marshal"};
  return kTitles.count(t.fold) > 0;
}

Script ScriptOf(std::string_view text) {
  for (const Token& t : Tokenize(text)) {
    if (t.word && t.script != Script::kNone) return t.script;
  }
  return Script::kNone;
}
Script ScriptOfLanguage(const std::string& lang) { return lang == "en" ? Script::kLatin : Script::kCyrillic; }

bool Contains(const std::vector<Span>& lifetime, Date d) {
  for (const Span& s : lifetime) {
    if (!(d < s.from.date) && d < s.to.date) return true;
  }
  return false;
}

}  // namespace

// ---- The index of one language --------------------------------------------------------------

struct Word {
  std::vector<uint32_t> keys;
  bool abbrev = false;  // written in capitals: the text's word must be too
};

struct Form {
  uint32_t name = 0;  // into names_; the surname of a person reuses its name's
  std::vector<Word> words;
  int head = -1;  // HeadClasses() index when the name ends in a head of its kind
  uint32_t head_words = 0;
  bool surname = false;
};

struct HeadForm {
  int cls;
  std::vector<Word> words;
  bool short_form;
};

struct Linker::Index {
  std::string lang;
  std::vector<Form> forms;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_first;  // key of the first word → forms
  std::unordered_map<uint64_t, std::vector<uint32_t>> by_part;   // head, key of the first word → forms
  std::vector<HeadForm> heads;                                   // longest first
};

namespace {

uint64_t PartKey(int cls, uint32_t key) { return (static_cast<uint64_t>(cls) << 32) | key; }

bool Meet(const std::vector<uint32_t>& a, const std::vector<uint32_t>& b) {
  for (uint32_t x : a) {
    for (uint32_t y : b) {
      if (x == y) return true;
    }
  }
  return false;
}

// What the finder knows of the text's tokens.
struct TextView {
  const std::vector<Token>& tokens;
  std::vector<std::vector<uint32_t>> keys;  // per token; empty for punctuation and unknown words

  bool WordMatch(const Word& w, size_t t) const {
    if (!tokens[t].word || (w.abbrev && !tokens[t].upper)) return false;
    return Meet(w.keys, keys[t]);
  }
  // The end of words matched from token i (quotation marks between words skipped), else npos.
  size_t MatchAt(const std::vector<Word>& words, size_t i, size_t count) const {
    size_t j = i;
    for (size_t k = 0; k < count; ++k) {
      while (k > 0 && j < tokens.size() && IsQuoteMark(tokens[j])) ++j;
      // The full stop of an abbreviation inside a name: "St. Petersburg".
      if (k > 0 && j < tokens.size() && tokens[j].fold == "." && tokens[j - 1].word &&
          tokens[j - 1].cp_end - tokens[j - 1].cp_begin <= 3 && tokens[j - 1].end == tokens[j].begin) {
        ++j;
      }
      if (j >= tokens.size() || !WordMatch(words[k], j)) return std::string::npos;
      ++j;
    }
    return j;
  }
};

}  // namespace

// ---- Linker ---------------------------------------------------------------------------------

bool KnownLanguage(std::string_view lang) { return lang == "en" || lang == "ru" || lang == "uk"; }

std::string DetectLanguage(const std::vector<Token>& tokens) {
  size_t latin = 0, cyrillic = 0, uk = 0, ru = 0;
  for (const Token& t : tokens) {
    if (!t.word) continue;
    if (t.script == Script::kLatin) ++latin;
    if (t.script != Script::kCyrillic) continue;
    ++cyrillic;
    for (std::string_view c : {"і", "ї", "є", "ґ"}) {
      if (t.fold.find(c) != std::string::npos) ++uk;
    }
    for (std::string_view c : {"ы", "э", "ъ"}) {
      if (t.fold.find(c) != std::string::npos) ++ru;
    }
  }
  if (latin > cyrillic) return "en";
  return uk > ru ? "uk" : "ru";
}

Linker::Linker(const Database& db, std::optional<Instant> recorded) {
  View view;
  view.recorded = recorded;
  std::map<std::string, uint32_t> entity_index;
  for (NameInfo& n : db.Names(view)) {
    if (Unlinked(n.kind) || n.text.empty()) continue;
    auto [it, added] = entity_index.emplace(n.entity, static_cast<uint32_t>(entities_.size()));
    if (added) {
      Entity e;
      e.id = n.entity;
      e.kind = n.kind;
      entities_.push_back(std::move(e));
    }
    name_entity_.push_back(it->second);
    names_.push_back(std::move(n));
  }
  // A city and the territory of the same name (Moscow, Saint Petersburg, Sevastopol) are named
  // alike: each is a candidate for the other's aliases ("St. Petersburg", "город Москва").
  {
    std::map<std::pair<std::string, std::string>, std::set<uint32_t>> same;
    for (size_t i = 0; i < names_.size(); ++i) {
      if (!names_[i].alias) same[{names_[i].lang, Fold(names_[i].text)}].insert(name_entity_[i]);
    }
    std::map<uint32_t, std::set<uint32_t>> twins;
    for (const auto& [key, group] : same) {
      bool place = false, other = false;
      for (uint32_t e : group) (entities_[e].kind == "place" ? place : other) = true;
      if (!place || !other) continue;
      for (uint32_t a : group) {
        for (uint32_t b : group) {
          if (a != b) twins[a].insert(b);
        }
      }
    }
    const size_t count = names_.size();
    for (size_t i = 0; i < count; ++i) {
      if (!names_[i].alias) continue;
      auto it = twins.find(name_entity_[i]);
      if (it == twins.end()) continue;
      for (uint32_t twin : it->second) {
        names_.push_back(names_[i]);
        name_entity_.push_back(twin);
      }
    }
  }
  const std::vector<std::string> units = db.EntityIds("unit");
  const std::set<std::string> unit_set(units.begin(), units.end());
  for (Entity& e : entities_) {
    e.unit = unit_set.count(e.id) > 0;
    Result<EntityInfo> info = db.Entity(e.id, view);
    if (!info.ok()) continue;
    e.lifetime = info->lifetime;
    for (const Name& n : info->names) {
      if (n.lang == "en") e.name = n.text;
    }
  }
  // An entity's English name for notes: one valid at any date when none is valid today.
  for (size_t i = 0; i < names_.size(); ++i) {
    Entity& e = entities_[name_entity_[i]];
    if (e.name.empty() && !names_[i].alias && names_[i].lang == "en") e.name = names_[i].text;
  }
  for (size_t i = 0; i < names_.size(); ++i) {
    Entity& e = entities_[name_entity_[i]];
    if (e.name.empty() && !names_[i].alias) e.name = names_[i].text;
  }
}

Linker::~Linker() = default;

std::string Linker::stemming_problem() const {
  MutexLock lock(&mu_);
  return stemmer_.ukrainian_problem();
}

const Linker::Index& Linker::IndexFor(const std::string& lang) const {
  if (auto it = indexes_.find(lang); it != indexes_.end()) return *it->second;
  auto index = std::make_unique<Index>();
  index->lang = lang;
  const Script script = ScriptOfLanguage(lang);
  auto words_of = [&](std::string_view text) {
    std::vector<Word> words;
    for (const Token& t : Tokenize(text)) {
      if (!t.word) continue;
      Word w;
      w.abbrev = t.upper;
      for (const std::string& k :
           stemmer_.Keys(lang, text.substr(t.begin, t.end - t.begin), t.script == Script::kCyrillic)) {
        auto [it, added] = keys_.emplace(k, static_cast<uint32_t>(keys_.size()));
        w.keys.push_back(it->second);
      }
      words.push_back(std::move(w));
    }
    return words;
  };
  const auto& classes = HeadClasses();
  for (size_t c = 0; c < classes.size(); ++c) {
    for (const HeadPhrase& p : classes[c].phrases) {
      if (ScriptOf(p.text) != script) continue;
      index->heads.push_back(HeadForm{static_cast<int>(c), words_of(p.text), p.short_form});
    }
  }
  std::stable_sort(index->heads.begin(), index->heads.end(),
                   [](const HeadForm& a, const HeadForm& b) { return a.words.size() > b.words.size(); });
  auto add = [&](Form f) {
    const uint32_t id = static_cast<uint32_t>(index->forms.size());
    for (uint32_t k : f.words[0].keys) index->by_first[k].push_back(id);
    if (f.head >= 0) {
      for (uint32_t k : f.words[0].keys) index->by_part[PartKey(f.head, k)].push_back(id);
    }
    index->forms.push_back(std::move(f));
  };
  for (size_t i = 0; i < names_.size(); ++i) {
    const NameInfo& n = names_[i];
    // Latin names are read in every language: a Russian or Ukrainian text writes "ISW", "NATO".
    const Script name_script = ScriptOf(n.text);
    if (name_script != script && name_script != Script::kLatin) continue;
    Form f;
    f.name = static_cast<uint32_t>(i);
    f.words = words_of(n.text);
    if (f.words.empty()) continue;
    const std::string& kind = entities_[name_entity_[i]].kind;
    for (const HeadForm& h : index->heads) {
      const auto& kinds = classes[h.cls].kinds;
      if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) continue;
      if (h.words.size() >= f.words.size()) continue;
      const size_t start = f.words.size() - h.words.size();
      bool match = true;
      for (size_t k = 0; k < h.words.size() && match; ++k) match = Meet(h.words[k].keys, f.words[start + k].keys);
      if (!match) continue;
      f.head = h.cls;
      f.head_words = static_cast<uint32_t>(h.words.size());
      break;  // heads are longest first
    }
    // A person is named by the surname too: the last word of a name of two words or more.
    if (kind == "person" && !n.alias && f.words.size() >= 2) {
      Form s;
      s.name = f.name;
      s.words = {f.words.back()};
      s.surname = true;
      add(std::move(s));
    }
    add(std::move(f));
  }
  return *indexes_.emplace(lang, std::move(index)).first->second;
}

std::vector<Mention> Linker::Find(std::string_view text, const std::vector<Token>& tokens, const std::string& lang,
                                  Date date) const {
  MutexLock lock(&mu_);
  const Index& index = IndexFor(lang);
  TextView tv{tokens, {}};
  tv.keys.resize(tokens.size());
  for (size_t t = 0; t < tokens.size(); ++t) {
    if (!tokens[t].word) continue;
    for (const std::string& k : stemmer_.Keys(lang, text.substr(tokens[t].begin, tokens[t].end - tokens[t].begin),
                                              tokens[t].script == Script::kCyrillic)) {
      if (auto it = keys_.find(k); it != keys_.end()) tv.keys[t].push_back(it->second);
    }
  }
  const size_t n = tokens.size();
  // The longest head starting at each token: its class and end.
  struct HeadAt {
    int cls = -1;
    size_t end = 0;
    bool short_form = false;
  };
  std::vector<HeadAt> head_at(n);
  for (size_t t = 0; t < n; ++t) {
    if (tv.keys[t].empty()) continue;
    for (const HeadForm& h : index.heads) {
      size_t e = tv.MatchAt(h.words, t, h.words.size());
      if (e != std::string::npos) {
        head_at[t] = HeadAt{h.cls, e, h.short_form};
        break;
      }
    }
  }
  auto item_word = [&](size_t t) {
    const bool ordinal = t < n && !tokens[t].fold.empty() && tokens[t].fold[0] >= '0' && tokens[t].fold[0] <= '9';
    return t < n && tokens[t].word && (tokens[t].capital || ordinal) && !IsConjunction(tokens[t]) && head_at[t].cls < 0;
  };
  // A list of capitalised items from token j: "Moscow and Leningrad", "Архангельская, ...,
  // Новгородская и Псковская". Returns the items' token ranges; *end is after the last item.
  auto parse_items = [&](size_t j, size_t* end) {
    std::vector<std::pair<size_t, size_t>> items;
    while (items.size() < 32) {
      size_t a = j, k = j;
      while (k - a < 3 && item_word(k)) ++k;
      if (k == a) break;
      items.emplace_back(a, k);
      j = k;
      size_t s = j;
      if (s < n && tokens[s].fold == ",") ++s;
      if (s < n && IsConjunction(tokens[s])) ++s;
      if (s == j || !item_word(s)) break;
      j = s;
    }
    *end = j;
    return items;
  };
  // The forms whose distinctive part is tokens [a, b) with head cls; a leading word is
  // dropped until one matches ("The Western" → "Western"). *from is where the match begins.
  auto part_forms = [&](size_t a, size_t b, int cls, size_t* from) {
    std::vector<uint32_t> out;
    for (size_t s = a; s < b && out.empty(); ++s) {
      std::set<uint32_t> seen;
      for (uint32_t k : tv.keys[s]) {
        auto it = index.by_part.find(PartKey(cls, k));
        if (it == index.by_part.end()) continue;
        for (uint32_t f : it->second) {
          const Form& form = index.forms[f];
          const size_t len = form.words.size() - form.head_words;
          if (len != b - s || !seen.insert(f).second) continue;
          if (tv.MatchAt(form.words, s, len) == b) out.push_back(f);
        }
      }
      *from = s;
    }
    return out;
  };

  struct Raw {
    size_t a, b;  // tokens
    std::vector<uint32_t> forms;
    std::string how;
    double confidence;
  };
  std::vector<Raw> raws;
  // The forms of the longest whole names from token i; *end is where they end (0: none).
  auto full_at = [&](size_t i, size_t* end) {
    std::vector<uint32_t> full;
    *end = 0;
    for (uint32_t k : tv.keys[i]) {
      auto it = index.by_first.find(k);
      if (it == index.by_first.end()) continue;
      for (uint32_t f : it->second) {
        const Form& form = index.forms[f];
        size_t e = tv.MatchAt(form.words, i, form.words.size());
        if (e == std::string::npos || e < *end) continue;
        if (e > *end) full.clear();
        *end = e;
        if (std::find(full.begin(), full.end(), f) == full.end()) full.push_back(f);
      }
    }
    return full;
  };
  // A whole-name match as a mention: how it matched, how sure that is; false when the words
  // around it say it names something else.
  auto whole = [&](size_t i, size_t end, const std::vector<uint32_t>& forms) {
    bool surname_only = true, abbrev = false, alias = true;
    for (uint32_t f : forms) {
      const Form& form = index.forms[f];
      surname_only = surname_only && form.surname;
      alias = alias && names_[form.name].alias;
      abbrev = abbrev || (form.words.size() == 1 && form.words[0].abbrev);
    }
    // "Дмитрия Медведева": a surname after another capitalised word (not the first of its
    // sentence, nor an English title: "President Macron") is another person's.
    if (surname_only && i >= 1 && tokens[i - 1].word && tokens[i - 1].capital) {
      const bool first_of_sentence = i < 2 || !tokens[i - 2].word;
      if (!first_of_sentence && !IsEnglishTitle(tokens[i - 1])) return false;
    }
    // "„Ямал”", "«Москва. Кремль. Путин»": a name opening a short quotation names a ship, a
    // programme, a title.
    if (i >= 1 && IsOpenQuoteMark(tokens[i - 1])) {
      for (size_t j = end, words = 0; j < n && words <= 4; ++j) {
        if (IsQuoteMark(tokens[j]) || tokens[j].fold == "\n") {
          if (IsQuoteMark(tokens[j])) return false;
          break;
        }
        words += tokens[j].word ? 1 : 0;
      }
    }
    // "Kharkiv City": the head after the name says it is of a kind none of the candidates is.
    if (end < n && head_at[end].cls >= 0 && std::string(HeadClasses()[head_at[end].cls].id) == "city") {
      const auto& kinds = HeadClasses()[head_at[end].cls].kinds;
      bool fits = false;
      for (uint32_t f : forms) {
        const std::string& kind = entities_[name_entity_[index.forms[f].name]].kind;
        fits = fits || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
      }
      if (!fits) return false;
    }
    double confidence = 0.95;
    std::string how = surname_only ? "the surname of a person's name" : alias ? "an alias" : "a name";
    if (surname_only) {
      confidence = 0.75;
    } else if (abbrev) {
      confidence = 0.85;
    } else if (alias) {
      confidence = 0.9;
    }
    raws.push_back(Raw{i, end, forms, how, confidence});
    return true;
  };
  for (size_t i = 0; i < n;) {
    if (!tokens[i].word || tv.keys[i].empty()) {
      ++i;
      continue;
    }
    // Whole names.
    size_t full_end = 0;
    std::vector<uint32_t> full = full_at(i, &full_end);
    // Distinctive parts before a shared head: "Moscow and Leningrad military districts".
    std::vector<Raw> coordinated;
    std::vector<std::pair<size_t, size_t>> unresolved;  // items of the list no part matched
    size_t coord_end = 0;
    // A lower-case part before an abbreviated head is a part too ("західного ВО", "southern
    // MD"); before a head in words it is not ("the southern district" is a description).
    const bool lower_part = !item_word(i) && tokens[i].word && i + 1 < n && head_at[i].cls < 0 &&
                            head_at[i + 1].cls >= 0 && tokens[i + 1].upper;
    if (item_word(i) || lower_part) {
      size_t after = i + 1;
      auto items = lower_part ? std::vector<std::pair<size_t, size_t>>{{i, i + 1}} : parse_items(i, &after);
      if (!items.empty() && after < n && head_at[after].cls >= 0) {
        const HeadAt h = head_at[after];
        for (auto [a, b] : items) {
          size_t from = a;
          std::vector<uint32_t> forms = part_forms(a, b, h.cls, &from);
          if (forms.empty()) {
            unresolved.emplace_back(a, b);
            continue;
          }
          if (from > a) unresolved.emplace_back(a, from);  // "Russia's" of "Russia's 58th Army"
          const std::string head_text(text.substr(tokens[after].begin, tokens[h.end - 1].end - tokens[after].begin));
          if (items.size() == 1) {
            coordinated.push_back(Raw{from, h.end, forms, fmt::format("its part and the head '{}'", head_text),
                                      h.short_form ? 0.8 : 0.9});
          } else {
            coordinated.push_back(Raw{from, b, forms,
                                      fmt::format("one of {} names with the shared head '{}'", items.size(), head_text),
                                      h.short_form ? 0.8 : 0.9});
          }
        }
        if (!coordinated.empty()) coord_end = h.end;
      }
    }
    // The head first: "the Military District of Leningrad", "the military districts of Moscow and Leningrad".
    std::vector<Raw> head_first;
    size_t head_first_end = 0;
    if (lang == "en" && head_at[i].cls >= 0) {
      const HeadAt h = head_at[i];
      size_t s = h.end;
      if (s < n && tokens[s].fold == "of") {
        ++s;
        if (s < n && tokens[s].fold == "the") ++s;
        size_t after = 0;
        auto items = parse_items(s, &after);
        for (auto [a, b] : items) {
          size_t from = a;
          std::vector<uint32_t> forms = part_forms(a, b, h.cls, &from);
          if (forms.empty()) continue;
          const std::string head_text(text.substr(tokens[i].begin, tokens[h.end - 1].end - tokens[i].begin));
          if (items.size() == 1) {
            head_first.push_back(Raw{i, b, forms, fmt::format("the head '{}' before its part", head_text), 0.9});
          } else {
            head_first.push_back(Raw{from, b, forms,
                                     fmt::format("one of {} names after the shared head '{}'", items.size(), head_text),
                                     0.85});
          }
        }
        if (!head_first.empty()) head_first_end = after;
      }
    }
    const size_t best = std::max({full_end, coord_end, head_first_end});
    if (best == 0) {
      ++i;
      continue;
    }
    if (full_end == best) {
      whole(i, full_end, full);
    } else if (coord_end == best) {
      // The list's items in text order: parts before the shared head, and whole names (a
      // "Республика Карелия" among "…ская области") where no part matched.
      for (auto [a, b] : unresolved) {
        for (size_t s = a; s < b;) {
          size_t e = 0;
          std::vector<uint32_t> forms = full_at(s, &e);
          if (forms.empty() || e > b) {
            ++s;
            continue;
          }
          Raw r{s, e, forms, "a name", 0.95};
          coordinated.push_back(std::move(r));
          s = e;
        }
      }
      std::sort(coordinated.begin(), coordinated.end(), [](const Raw& x, const Raw& y) { return x.a < y.a; });
      for (Raw& r : coordinated) raws.push_back(std::move(r));
    } else {
      for (Raw& r : head_first) raws.push_back(std::move(r));
    }
    i = best;
  }

  // ---- Candidates, and what the date and the head decide ----
  std::vector<Mention> out;
  for (const Raw& r : raws) {
    Mention m;
    m.begin = tokens[r.a].begin;
    m.end = tokens[r.b - 1].end;
    m.cp_begin = tokens[r.a].cp_begin;
    m.cp_end = tokens[r.b - 1].cp_end;
    m.text = std::string(text.substr(m.begin, m.end - m.begin));
    m.confidence = r.confidence;
    // One candidate per entity: its best form (valid on the date, a name before an alias).
    std::map<uint32_t, std::pair<int, Candidate>> by_entity;
    for (uint32_t f : r.forms) {
      const Form& form = index.forms[f];
      const NameInfo& name = names_[form.name];
      const uint32_t e = name_entity_[form.name];
      const Entity& ent = entities_[e];
      Candidate c;
      c.entity = ent.id;
      c.kind = ent.kind;
      c.name = name.text;
      c.lang = name.lang;
      const bool alive = Contains(ent.lifetime, date);
      const bool name_valid = !(date < name.from.date) && date < name.to.date;
      c.valid = alive && name_valid;
      if (!alive) {
        std::vector<std::string> parts;
        for (const Span& s : ent.lifetime) {
          if (!s.to.date.is_max() && !(date < s.to.date)) {
            parts.push_back(fmt::format("{} {}", ent.unit ? "abolished" : "ended", FormatFuzzyDate(s.to)));
          } else if (date < s.from.date && !s.from.date.is_min()) {
            parts.push_back(fmt::format("{} {}", ent.unit ? "formed" : "begins", FormatFuzzyDate(s.from)));
          }
        }
        c.note = fmt::format("{}: {}", ent.name.empty() ? ent.id : ent.name,
                             parts.empty() ? "not alive on the date" : Join(parts, "; "));
      } else if (!name_valid) {
        std::string when;
        if (name.from.date.is_min()) {
          when = fmt::format("until {}", FormatFuzzyDate(name.to));
        } else if (name.to.date.is_max()) {
          when = fmt::format("from {}", FormatFuzzyDate(name.from));
        } else {
          when = fmt::format("from {} until {}", FormatFuzzyDate(name.from), FormatFuzzyDate(name.to));
        }
        c.note = fmt::format("'{}' is a name of {} {}", name.text, ent.name.empty() ? ent.id : ent.name, when);
      }
      const int rank = (c.valid ? 0 : 4) + (name.alias ? 2 : 0) + (name.lang == lang ? 0 : 1);
      auto it = by_entity.find(e);
      if (it == by_entity.end() || rank < it->second.first) by_entity[e] = {rank, std::move(c)};
    }
    for (auto& [e, rc] : by_entity) m.candidates.push_back(std::move(rc.second));
    m.reason = r.how;
    if (m.candidates.size() > 1) {
      std::vector<Candidate> valid;
      for (const Candidate& c : m.candidates) {
        if (c.valid) valid.push_back(c);
      }
      if (valid.size() == 1) {
        m.candidates = std::move(valid);
        m.reason += fmt::format("; the only candidate alive and so named on {}", FormatDate(date));
      } else if (valid.size() > 1) {
        m.candidates = std::move(valid);
      }
    }
    if (m.candidates.size() == 1) {
      m.entity = m.candidates[0].entity;
      m.kind = m.candidates[0].kind;
      m.note = m.candidates[0].note;
      if (!m.candidates[0].valid) m.confidence *= 0.85;
    }
    out.push_back(std::move(m));
  }

  // ---- What the sentence decides ----
  // A dateline ("MOSCOW (Reuters) –") names a place; the sentence's unambiguous mentions of
  // one kind decide between candidates of different kinds.
  std::vector<size_t> sentence(n, 0);
  for (size_t t = 0, s = 0; t < n; ++t) {
    sentence[t] = s;
    if (EndsSentence(tokens[t])) ++s;
  }
  auto token_of = [&](size_t byte) {
    return static_cast<size_t>(
        std::lower_bound(tokens.begin(), tokens.end(), byte, [](const Token& t, size_t b) { return t.begin < b; }) -
        tokens.begin());
  };
  auto link_to = [](Mention* m, std::vector<Candidate> kept, const std::string& why, double confidence) {
    m->candidates = std::move(kept);
    m->entity = m->candidates[0].entity;
    m->kind = m->candidates[0].kind;
    m->note = m->candidates[0].note;
    m->reason += "; " + why;
    m->confidence = confidence;
  };
  std::vector<std::map<std::string, int>> kinds_in(sentence.empty() ? 0 : sentence.back() + 1);
  for (const Mention& m : out) {
    if (!m.ambiguous()) kinds_in[sentence[token_of(m.begin)]][m.kind]++;
  }
  for (Mention& m : out) {
    if (!m.ambiguous()) continue;
    const size_t t = token_of(m.begin);
    const size_t last = token_of(m.end) - 1;
    const bool line_start = t == 0 || tokens[t - 1].fold == "\n";
    const bool dateline =
        line_start && last + 1 < n &&
        (tokens[last + 1].fold == "(" || tokens[last + 1].fold == "," || tokens[last + 1].fold == "." ||
         tokens[last + 1].fold == "\xe2\x80\x94" || tokens[last + 1].fold == "\xe2\x80\x93");
    if (dateline) {
      std::vector<Candidate> places;
      for (const Candidate& c : m.candidates) {
        if (c.kind == "place") places.push_back(c);
      }
      if (places.size() == 1) {
        link_to(&m, std::move(places), "a dateline names a place", 0.8);
        continue;
      }
    }
    const auto& kinds = kinds_in[sentence[t]];
    std::vector<Candidate> kept;
    std::set<std::string> kept_kinds;
    for (const Candidate& c : m.candidates) {
      if (kinds.count(c.kind) > 0) {
        kept.push_back(c);
        kept_kinds.insert(c.kind);
      }
    }
    if (kept.size() == 1) {
      link_to(&m, std::move(kept), fmt::format("the sentence names other entities of kind {}", *kept_kinds.begin()),
              0.7);
      continue;
    }
    // A city and the territory of its name, and the sentence names no territory: the city.
    std::vector<Candidate> places;
    bool only_territories = true;
    for (const Candidate& c : m.candidates) {
      if (c.kind == "place") {
        places.push_back(c);
      } else if (c.kind != "federal-subject" && c.kind != "ua-region") {
        only_territories = false;
      }
    }
    if (places.size() == 1 && only_territories && kinds.count("federal-subject") == 0 &&
        kinds.count("ua-region") == 0) {
      link_to(&m, std::move(places), "a city's name, in a sentence that names no region: the city", 0.7);
    }
  }
  for (Mention& m : out) {
    if (m.ambiguous()) m.confidence = 0;
  }
  return out;
}

}  // namespace ordo::read
