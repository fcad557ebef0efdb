#include "lang/rule_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/text.h"
#include "lang/cursor.h"
#include "lang/literal.h"

namespace ordo::lang {

const std::vector<std::string> kRuleClauses = {"cites", "sources", "perspective", "note", "when"};

namespace {

class RuleParser {
 public:
  explicit RuleParser(TokenCursor& c) : c_(c) {}

  // Returns false when the rule had an error (diagnostics were added).
  bool Parse(RuleDecl* rule) {
    c_.Next();  // rule
    TokenCursor::Scope scope(&c_, "a rule");
    if (!c_.AtId()) return Fail(c_.Expected("a rule id after 'rule'", c_.Peek()));
    const Token& id = c_.Next();
    rule->id = std::string(id.text);
    rule->where = c_.Region(id);
    scope.Rename(fmt::format("rule '{}'", rule->id));
    if (!c_.At(TokenKind::kString)) {
      return Fail(c_.Expected("a title in quotes after the rule id", c_.Peek())
                      .AddNote("write: rule ID \"TITLE\" cites STATEMENT "
                               "sources SOURCE, ... when CONDITION"));
    }
    rule->title = c_.Next().value;
    std::map<std::string, SourceRegion, std::less<>> seen;
    while (true) {
      c_.SkipSeparators();
      if (c_.At(TokenKind::kEof) || c_.AtTopLevelItem()) break;
      const Token& t = c_.Peek();
      if (!(t.kind == TokenKind::kWord &&
            std::find(kRuleClauses.begin(), kRuleClauses.end(), t.text) != kRuleClauses.end())) {
        Status& s = c_.Expected(fmt::format("a rule clause ({})", QuotedList(kRuleClauses)), t);
        if (t.kind == TokenKind::kWord) {
          std::vector<std::string> near = Nearest(t.text, kRuleClauses, 1);
          if (!near.empty()) s.AddNote(fmt::format("did you mean '{}'?", near.front()));
        }
        return Fail(s);
      }
      const Token& keyword = c_.Next();
      if (auto it = seen.find(keyword.text); it != seen.end()) {
        return Fail(c_.Error(fmt::format("duplicate '{}' clause", keyword.text), c_.Region(keyword))
                        .AddNote(fmt::format("'{}' was first given here", keyword.text), it->second));
      }
      seen.emplace(std::string(keyword.text), c_.Region(keyword));
      bool ok = true;
      if (keyword.text == "cites") {
        ok = c_.ExpectId("the id of a statement after 'cites'", &rule->cites, &rule->cites_where);
      } else if (keyword.text == "perspective") {
        ok = c_.ExpectId("a perspective after 'perspective'", &rule->perspective, &rule->perspective_where);
      } else if (keyword.text == "note") {
        if (!c_.At(TokenKind::kString)) {
          c_.Expected("a note in quotes after 'note'", c_.Peek());
          ok = false;
        } else {
          rule->note = c_.Next().value;
        }
      } else if (keyword.text == "sources") {
        ok = ParseSources(rule);
      } else {
        ok = ParseCondition(rule);
      }
      if (!ok) return Fail();
    }
    const char* missing = rule->cites.empty()     ? "cites"
                          : rule->sources.empty() ? "sources"
                          : rule->atoms.empty()   ? "when"
                                                  : nullptr;
    if (missing != nullptr) {
      Status& s = c_.Error(fmt::format("the rule has no '{}' clause", missing), rule->where);
      if (std::string_view(missing) == "cites") {
        s.AddNote(
            "a rule records a condition as a party stated it: cite the "
            "statement entity");
      } else if (std::string_view(missing) == "sources") {
        s.AddNote("rules are sourced like orders: sources SOURCE, SOURCE");
      }
      return false;
    }
    return true;
  }

  // Skips to the next top-level item.
  void Recover() {
    while (!c_.At(TokenKind::kEof) && !c_.AtTopLevelItem()) c_.Next();
  }

 private:
  static bool Fail(const Status& = Status()) { return false; }

  bool ParseSources(RuleDecl* rule) {
    while (true) {
      std::string id;
      SourceRegion where;
      if (!c_.ExpectId("a source id", &id, &where)) return false;
      rule->sources.push_back(std::move(id));
      rule->source_where.push_back(std::move(where));
      if (!c_.At(TokenKind::kComma)) return true;
      c_.Next();
      c_.SkipLineBreaks();
    }
  }

  // ATOM, ATOM, ...; a line may end after a comma and the condition goes on.
  bool ParseCondition(RuleDecl* rule) {
    while (true) {
      RuleAtom atom;
      if (c_.AtWord("not") && c_.Peek(1).kind == TokenKind::kWord) {
        // An alert is fired by the facts an order asserts; a negated atom would become true
        // when a fact ends, which alerts do not watch.
        c_.Error("a watch rule's condition cannot use 'not'", c_.Region(c_.Peek()))
            .AddNote("'not' is for queries (ordo query); a rule fires on facts an order asserts, not on ends");
        return false;
      }
      if (!ParseAtom(&atom)) return false;
      rule->atoms.push_back(std::move(atom));
      if (!c_.At(TokenKind::kComma)) return true;
      c_.Next();
      c_.SkipLineBreaks();
    }
  }

  bool ParseTerm(std::string_view what, RuleTerm* term) {
    if (c_.AtVariable()) {
      const Token& t = c_.Next();
      term->is_variable = true;
      term->name = std::string(t.text.substr(1));
      term->where = c_.Region(t);
      return true;
    }
    if (c_.AtId()) {
      const Token& t = c_.Next();
      term->name = std::string(t.text);
      term->where = c_.Region(t);
      return true;
    }
    c_.Expected(what, c_.Peek()).AddNote("a term is a variable (?s) or an entity id (nato)");
    return false;
  }

  // predicate(TERM, TERM | VALUE)[key: value, ...]
  bool ParseAtom(RuleAtom* atom) {
    if (!c_.AtId() || c_.AtTopLevelItem()) {
      c_.Expected("a relation or attribute name, as in member-of(?s, nato)", c_.Peek());
      return false;
    }
    const Token& name = c_.Next();
    atom->predicate = std::string(name.text);
    atom->where = c_.Region(name);
    if (!c_.At(TokenKind::kLParen)) {
      c_.Expected(fmt::format("'(' after '{}'", atom->predicate), c_.Peek())
          .AddNote(fmt::format("write: {}(?subject, object)", atom->predicate));
      return false;
    }
    c_.Next();
    if (!ParseTerm(fmt::format("a subject (a variable or an entity id) in '{}'", atom->predicate), &atom->subject)) {
      return false;
    }
    if (!c_.At(TokenKind::kComma)) {
      c_.Expected(fmt::format("',' after the subject of '{}'", atom->predicate), c_.Peek());
      return false;
    }
    c_.Next();
    const Token& t = c_.Peek();
    if (t.kind == TokenKind::kString) {
      atom->value = Value{t.value};
      atom->object.where = c_.Region(t);
      c_.Next();
    } else if (t.kind == TokenKind::kWord && t.text[0] != '?' && ShapeOf(t.text) != LiteralShape::kOther) {
      Result<Value> v = LiteralValue(t.text);
      if (!v.ok()) {
        c_.Error(v.status().message(), c_.Region(t));
        return false;
      }
      atom->value = *std::move(v);
      atom->object.where = c_.Region(t);
      c_.Next();
    } else if (!ParseTerm(fmt::format("an object (a variable, an entity id or "
                                      "a value) in '{}'",
                                      atom->predicate),
                          &atom->object)) {
      return false;
    }
    if (!c_.At(TokenKind::kRParen)) {
      c_.Expected(fmt::format("')' to close '{}'", atom->predicate), c_.Peek());
      return false;
    }
    c_.Next();
    if (c_.At(TokenKind::kLBracket)) {
      SeenKeywords keys;
      return ParseQualifierList(c_, &atom->qualifiers, &keys);
    }
    return true;
  }

 public:
  // [select ?a, ?b where] [not] ATOM, [not] ATOM, ... to the end of the text.
  bool ParseQuery(QueryDecl* q) {
    TokenCursor::Scope scope(&c_, "the query");
    c_.SkipSeparators();
    if (c_.AtWord("select")) {
      c_.Next();
      while (true) {
        if (!c_.AtVariable()) {
          c_.Expected("a variable (?s) after 'select'", c_.Peek());
          return false;
        }
        const Token& v = c_.Next();
        q->select.emplace_back(v.text.substr(1));
        q->select_where.push_back(c_.Region(v));
        if (!c_.At(TokenKind::kComma)) break;
        c_.Next();
      }
      if (!c_.AtWord("where")) {
        c_.Expected("',' or 'where' after the selected variables", c_.Peek())
            .AddNote("write: select ?s, ?t where member-of(?s, nato), ...");
        return false;
      }
      c_.Next();
    }
    while (true) {
      c_.SkipSeparators();
      RuleAtom atom;
      if (c_.AtWord("not") && c_.Peek(1).kind == TokenKind::kWord) {
        c_.Next();
        atom.negated = true;
      }
      if (!ParseAtom(&atom)) return false;
      q->atoms.push_back(std::move(atom));
      c_.SkipLineBreaks();
      if (!c_.At(TokenKind::kComma)) break;
      c_.Next();
    }
    c_.SkipSeparators();
    if (!c_.At(TokenKind::kEof)) {
      c_.Expected("',' between atoms or the end of the query", c_.Peek());
      return false;
    }
    return true;
  }

 private:
  TokenCursor& c_;
};

}  // namespace

bool ParseQueryText(TokenCursor& cursor, QueryDecl* query) {
  RuleParser p(cursor);
  return p.ParseQuery(query);
}

void ParseRule(TokenCursor& cursor, std::vector<RuleDecl>* rules) {
  RuleParser p(cursor);
  RuleDecl rule;
  if (p.Parse(&rule)) {
    rules->push_back(std::move(rule));
  } else {
    p.Recover();
  }
}

}  // namespace ordo::lang
