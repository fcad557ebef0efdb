#include "lang/rule_parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "base/text.h"
#include "lang/literal.h"

namespace ordo::lang {

const std::vector<std::string> kRuleClauses = {"cites", "sources", "perspective", "note", "when"};

namespace {

class RuleParser {
 public:
  RuleParser(const std::vector<Token>& tokens, size_t pos, const std::string& file,
             const std::vector<std::string>& top_level, Diagnostics* diagnostics)
      : tokens_(tokens), pos_(pos), file_(file), top_level_(top_level), diagnostics_(diagnostics) {}

  size_t pos() const { return pos_; }

  // Returns false when the rule had an error (diagnostics were added).
  bool Parse(RuleDecl* rule) {
    Next();  // rule
    scope_ = "a rule";
    if (!AtId()) return Fail(Expected("a rule id after 'rule'", Peek()));
    const Token& id = Next();
    rule->id = std::string(id.text);
    rule->where = Region(id);
    scope_ = fmt::format("rule '{}'", rule->id);
    if (!At(TokenKind::kString)) {
      return Fail(Expected("a title in quotes after the rule id", Peek())
                      .AddNote("write: rule ID \"TITLE\" cites STATEMENT "
                               "sources SOURCE, ... when CONDITION"));
    }
    rule->title = Next().value;
    std::map<std::string, SourceRegion, std::less<>> seen;
    while (true) {
      SkipSeparators();
      if (At(TokenKind::kEof) || AtTopLevelItem()) break;
      const Token& t = Peek();
      if (!(t.kind == TokenKind::kWord &&
            std::find(kRuleClauses.begin(), kRuleClauses.end(), t.text) != kRuleClauses.end())) {
        Status& s = Expected(
            "a rule clause ('cites', 'sources', "
            "'perspective', 'note' or 'when')",
            t);
        if (t.kind == TokenKind::kWord) {
          std::vector<std::string> near = Nearest(t.text, kRuleClauses, 1);
          if (!near.empty()) s.AddNote(fmt::format("did you mean '{}'?", near.front()));
        }
        return Fail(s);
      }
      const Token& keyword = Next();
      if (auto it = seen.find(keyword.text); it != seen.end()) {
        return Fail(Error(fmt::format("duplicate '{}' clause", keyword.text), Region(keyword))
                        .AddNote(fmt::format("'{}' was first given here", keyword.text), it->second));
      }
      seen.emplace(std::string(keyword.text), Region(keyword));
      bool ok = true;
      if (keyword.text == "cites") {
        ok = ExpectId("the id of a statement after 'cites'", &rule->cites, &rule->cites_where);
      } else if (keyword.text == "perspective") {
        ok = ExpectId("a perspective after 'perspective'", &rule->perspective, &rule->perspective_where);
      } else if (keyword.text == "note") {
        if (!At(TokenKind::kString)) {
          Expected("a note in quotes after 'note'", Peek());
          ok = false;
        } else {
          rule->note = Next().value;
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
      Status& s = Error(fmt::format("the rule has no '{}' clause", missing), rule->where);
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
    while (!At(TokenKind::kEof) && !AtTopLevelItem()) Next();
  }

 private:
  const Token& Peek() const { return tokens_[std::min(pos_, tokens_.size() - 1)]; }
  const Token& Next() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }
  bool At(TokenKind k) const { return Peek().kind == k; }
  bool AtId() const { return At(TokenKind::kWord) && IsId(Peek().text); }
  bool AtVariable() const { return At(TokenKind::kWord) && Peek().text.size() > 1 && Peek().text[0] == '?'; }
  bool AtLineStart() const { return pos_ == 0 || tokens_[pos_ - 1].kind == TokenKind::kNewline; }
  bool AtTopLevelItem() const {
    return AtLineStart() && At(TokenKind::kWord) &&
           std::find(top_level_.begin(), top_level_.end(), Peek().text) != top_level_.end();
  }
  void SkipSeparators() {
    while (At(TokenKind::kNewline) || At(TokenKind::kSemicolon)) Next();
  }
  void SkipLineBreaks() {
    while (At(TokenKind::kNewline)) Next();
  }
  SourceRegion Region(const Token& t) const { return SourceRegion{file_, t.begin, t.end}; }

  Status& Error(std::string detail, SourceRegion where) {
    diagnostics_->push_back(Status::Invalid("while parsing " + scope_ + ": " + detail, std::move(where)));
    return diagnostics_->back();
  }
  Status& Expected(std::string_view what, const Token& saw) {
    return Error(fmt::format("expected {}, saw {}", what, Describe(saw)), Region(saw));
  }
  bool Fail(const Status& = Status()) { return false; }

  bool ExpectId(std::string_view what, std::string* out, SourceRegion* where) {
    if (!AtId()) {
      Expected(what, Peek());
      return false;
    }
    const Token& t = Next();
    *out = std::string(t.text);
    *where = Region(t);
    return true;
  }

  bool ParseSources(RuleDecl* rule) {
    while (true) {
      std::string id;
      SourceRegion where;
      if (!ExpectId("a source id", &id, &where)) return false;
      rule->sources.push_back(std::move(id));
      rule->source_where.push_back(std::move(where));
      if (!At(TokenKind::kComma)) return true;
      Next();
      SkipLineBreaks();
    }
  }

  // ATOM, ATOM, ...; a line may end after a comma and the condition goes on.
  bool ParseCondition(RuleDecl* rule) {
    while (true) {
      RuleAtom atom;
      if (!ParseAtom(&atom)) return false;
      rule->atoms.push_back(std::move(atom));
      if (!At(TokenKind::kComma)) return true;
      Next();
      SkipLineBreaks();
    }
  }

  bool ParseTerm(std::string_view what, RuleTerm* term) {
    if (AtVariable()) {
      const Token& t = Next();
      term->is_variable = true;
      term->name = std::string(t.text.substr(1));
      term->where = Region(t);
      return true;
    }
    if (AtId()) {
      const Token& t = Next();
      term->name = std::string(t.text);
      term->where = Region(t);
      return true;
    }
    Expected(what, Peek()).AddNote("a term is a variable (?s) or an entity id (nato)");
    return false;
  }

  // predicate(TERM, TERM | VALUE)[key: value, ...]
  bool ParseAtom(RuleAtom* atom) {
    if (!AtId() || AtTopLevelItem()) {
      Expected("a relation or attribute name, as in member-of(?s, nato)", Peek());
      return false;
    }
    const Token& name = Next();
    atom->predicate = std::string(name.text);
    atom->where = Region(name);
    if (!At(TokenKind::kLParen)) {
      Expected(fmt::format("'(' after '{}'", atom->predicate), Peek())
          .AddNote(fmt::format("write: {}(?subject, object)", atom->predicate));
      return false;
    }
    Next();
    if (!ParseTerm(fmt::format("a subject (a variable or an entity id) in '{}'", atom->predicate), &atom->subject)) {
      return false;
    }
    if (!At(TokenKind::kComma)) {
      Expected(fmt::format("',' after the subject of '{}'", atom->predicate), Peek());
      return false;
    }
    Next();
    const Token& t = Peek();
    if (t.kind == TokenKind::kString) {
      atom->value = Value{t.value};
      atom->object.where = Region(t);
      Next();
    } else if (t.kind == TokenKind::kWord && t.text[0] != '?' && ShapeOf(t.text) != LiteralShape::kOther) {
      Result<Value> v = LiteralValue(t.text);
      if (!v.ok()) {
        Error(v.status().message(), Region(t));
        return false;
      }
      atom->value = *std::move(v);
      atom->object.where = Region(t);
      Next();
    } else if (!ParseTerm(fmt::format("an object (a variable, an entity id or "
                                      "a value) in '{}'",
                                      atom->predicate),
                          &atom->object)) {
      return false;
    }
    if (!At(TokenKind::kRParen)) {
      Expected(fmt::format("')' to close '{}'", atom->predicate), Peek());
      return false;
    }
    Next();
    if (At(TokenKind::kLBracket)) return ParseQualifiers(atom);
    return true;
  }

  bool ParseQualifiers(RuleAtom* atom) {
    Next();  // [
    while (true) {
      if (At(TokenKind::kRBracket)) {
        Next();
        return true;
      }
      if (!AtId()) {
        Expected("a qualifier key or ']'", Peek());
        return false;
      }
      const Token& key = Next();
      if (!At(TokenKind::kColon)) {
        Expected(fmt::format("':' after the qualifier key '{}'", key.text), Peek())
            .AddNote("write qualifiers as [key: value, key: value]");
        return false;
      }
      Next();
      const Token& v = Peek();
      Qualifier q;
      q.key = std::string(key.text);
      if (v.kind == TokenKind::kString) {
        q.value = Value{v.value};
      } else if (v.kind == TokenKind::kWord) {
        Result<Value> value = QualifierWordValue(v.text);
        if (!value.ok()) {
          Error(value.status().message(), Region(v));
          return false;
        }
        q.value = *std::move(value);
      } else {
        Expected(fmt::format("a value for the qualifier '{}'", key.text), v);
        return false;
      }
      Next();
      for (const Qualifier& other : atom->qualifiers) {
        if (other.key == q.key) {
          Error(fmt::format("duplicate qualifier '{}'", q.key), Region(key));
          return false;
        }
      }
      atom->qualifiers.push_back(std::move(q));
      if (At(TokenKind::kComma)) {
        Next();
      } else if (!At(TokenKind::kRBracket)) {
        Expected("',' or ']' after a qualifier", Peek());
        return false;
      }
    }
  }

  const std::vector<Token>& tokens_;
  size_t pos_;
  const std::string& file_;
  const std::vector<std::string>& top_level_;
  Diagnostics* diagnostics_;
  std::string scope_;
};

}  // namespace

void ParseRule(const std::vector<Token>& tokens, size_t* pos, const std::string& file,
               const std::vector<std::string>& top_level, std::vector<RuleDecl>* rules, Diagnostics* diagnostics) {
  RuleParser p(tokens, *pos, file, top_level, diagnostics);
  RuleDecl rule;
  if (p.Parse(&rule)) {
    rules->push_back(std::move(rule));
  } else {
    p.Recover();
  }
  *pos = p.pos();
}

}  // namespace ordo::lang
