#include "lang/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "base/text.h"
#include "lang/lexer.h"
#include "lang/literal.h"
#include "lang/rule_parser.h"
#include "ordo/time.h"

namespace ordo::lang {

const std::vector<std::string> kTopLevelKeywords = {"order", "source", "kind", "relation", "attribute", "rule"};
const std::vector<std::string> kHeaderKeywords = {"issuer",  "signed",      "effective", "recorded",
                                                  "sources", "perspective", "note"};
const std::vector<std::string> kOperationKeywords = {"create", "end",    "assign", "move",   "set",
                                                     "unset",  "rename", "alias",  "correct"};
const std::vector<std::string> kClauseKeywords = {"from", "to", "perspective", "note"};
const std::vector<std::string> kSourceFields = {"title", "publisher", "date", "url", "quote", "note"};
const std::vector<std::string> kTypeNames = {"string", "integer", "number", "date", "boolean"};

namespace {

bool Contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }

class Parser {
 public:
  Parser(std::string_view text, const std::string& file) : file_(file) {
    tokens_ = Lex(text, file, &diagnostics_, &dropped_);
  }

  ParseResult Run() {
    while (true) {
      SkipSeparators();
      const Token& t = Peek();
      if (t.kind == TokenKind::kEof) break;
      scope_.clear();
      if (t.kind == TokenKind::kWord) {
        if (t.text == "order") {
          ParseOrder();
          continue;
        }
        if (t.text == "source") {
          ParseSource();
          continue;
        }
        if (t.text == "kind") {
          ParseKind();
          continue;
        }
        if (t.text == "relation") {
          ParseRelation();
          continue;
        }
        if (t.text == "attribute") {
          ParseAttribute();
          continue;
        }
        if (t.text == "rule") {  // watch rules: src/lang/rule_parser.cc
          ParseRule(tokens_, &pos_, file_, kTopLevelKeywords, &batch_.rules, &diagnostics_);
          continue;
        }
      }
      Status& s = Expected("'order', 'source', 'kind', 'relation' or 'attribute'", t);
      if (t.kind == TokenKind::kWord) {
        if (Contains(kOperationKeywords, t.text)) {
          s.AddNote("operations go inside an order: order ID \"TITLE\" … { OPERATIONS }");
        } else {
          DidYouMean(s, t.text, kTopLevelKeywords);
        }
      }
      RecoverTopLevel();
    }
    return Finish();
  }

 private:
  // ---- Tokens ---------------------------------------------------------------

  const Token& Peek(size_t k = 0) const { return tokens_[std::min(pos_ + k, tokens_.size() - 1)]; }

  // Consumes one token; at the end of file stays there.
  const Token& Next() {
    const Token& t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    last_end_ = t.end;
    if (t.kind == TokenKind::kLParen || t.kind == TokenKind::kLBracket) ++nesting_;
    if ((t.kind == TokenKind::kRParen || t.kind == TokenKind::kRBracket) && nesting_ > 0) --nesting_;
    return t;
  }

  bool At(TokenKind kind) const { return Peek().kind == kind; }
  bool AtWord(std::string_view word) const { return At(TokenKind::kWord) && Peek().text == word; }
  bool AtWordIn(const std::vector<std::string>& list) const {
    return At(TokenKind::kWord) && Contains(list, Peek().text);
  }
  bool AtId() const { return At(TokenKind::kWord) && IsId(Peek().text); }
  // The current token is the first on its line.
  bool AtLineStart() const { return pos_ == 0 || tokens_[pos_ - 1].kind == TokenKind::kNewline; }
  // A top-level keyword first on its line: the start of the next item, for recovery.
  bool AtTopLevelItem() const { return AtLineStart() && AtWordIn(kTopLevelKeywords); }
  bool AtEndOfStatement() const {
    const TokenKind k = Peek().kind;
    return k == TokenKind::kNewline || k == TokenKind::kSemicolon || k == TokenKind::kRBrace || k == TokenKind::kEof;
  }

  void SkipLineBreaks() {
    while (At(TokenKind::kNewline)) Next();
  }
  void SkipSeparators() {
    while (At(TokenKind::kNewline) || At(TokenKind::kSemicolon)) Next();
  }

  SourceRegion Region(const Token& t) const { return SourceRegion{file_, t.begin, t.end}; }
  SourceRegion Region(SourcePosition begin, SourcePosition end) const { return SourceRegion{file_, begin, end}; }

  // ---- Diagnostics ----------------------------------------------------------

  // Records an error, prefixed with the parse scope; the reference is valid until the next error.
  Status& Error(std::string detail, SourceRegion where, Code code = Code::kInvalid) {
    if (parser_errors_ >= kMaxParserDiagnostics) {
      ++dropped_;
      discarded_ = Status();
      return discarded_;
    }
    ++parser_errors_;
    std::string message = scope_.empty() ? std::move(detail) : "while parsing " + scope_ + ": " + detail;
    diagnostics_.push_back(Status::Error(code, std::move(message), std::move(where)));
    return diagnostics_.back();
  }
  Status& Expected(std::string_view what, const Token& saw) {
    return Error(fmt::format("expected {}, saw {}", what, Describe(saw)), Region(saw));
  }
  static void DidYouMean(Status& s, std::string_view word, const std::vector<std::string>& candidates) {
    std::vector<std::string> near = Nearest(word, candidates, 1);
    if (!near.empty() && near.front() != word) s.AddNote(fmt::format("did you mean '{}'?", near.front()));
  }

  // Checks a clause or field given at most once; reports the repeat. `seen` maps keyword -> where.
  void CheckOnce(std::map<std::string, SourceRegion, std::less<>>* seen, const Token& keyword, std::string_view what) {
    auto it = seen->find(keyword.text);
    if (it == seen->end()) {
      seen->emplace(std::string(keyword.text), Region(keyword));
      return;
    }
    Error(fmt::format("duplicate '{}' {}", keyword.text, what), Region(keyword))
        .AddNote(fmt::format("'{}' was first given here", keyword.text), it->second);
  }

  // ---- Recovery -------------------------------------------------------------

  // Skips to the next top-level item (a top-level keyword first on its line, outside braces).
  void RecoverTopLevel() {
    int depth = 0;
    do {
      const Token& t = Next();
      if (t.kind == TokenKind::kLBrace) ++depth;
      if (t.kind == TokenKind::kRBrace && depth > 0) --depth;
    } while (!At(TokenKind::kEof) && !(depth == 0 && AtTopLevelItem()));
  }

  // Skips the rest of a statement: to the end of its line (outside an open '(' or '['), to a
  // '}' or to the end of file. A line that starts with an operation or top-level keyword ends
  // the statement even inside an unclosed bracket.
  void SkipStatement() {
    while (true) {
      const TokenKind k = Peek().kind;
      if (k == TokenKind::kEof || k == TokenKind::kRBrace) return;
      if (k == TokenKind::kNewline || k == TokenKind::kSemicolon) {
        if (nesting_ == 0) return;
        const Token& after = Peek(1);
        if (after.kind == TokenKind::kWord &&
            (Contains(kOperationKeywords, after.text) || Contains(kTopLevelKeywords, after.text))) {
          nesting_ = 0;
          return;
        }
      }
      Next();
    }
  }

  // ---- Pieces ---------------------------------------------------------------

  // An id; reports "expected WHAT" otherwise.
  bool ExpectId(std::string_view what, std::string* out, SourceRegion* where) {
    if (!AtId()) {
      Expected(what, Peek());
      return false;
    }
    const Token& t = Next();
    *out = std::string(t.text);
    if (where != nullptr) *where = Region(t);
    return true;
  }

  bool ExpectString(std::string_view what, std::string* out) {
    if (!At(TokenKind::kString)) {
      Expected(what, Peek());
      return false;
    }
    *out = Next().value;
    return true;
  }

  // A valid-time date word after `keyword`.
  bool ExpectDate(const Token& keyword, FuzzyDate* out, SourceRegion* where) {
    const Token& t = Peek();
    const LiteralShape shape = At(TokenKind::kWord) ? ShapeOf(t.text) : LiteralShape::kOther;
    if (shape != LiteralShape::kDate && shape != LiteralShape::kInteger) {
      Expected(fmt::format("a date after '{}'", keyword.text), t)
          .AddNote("dates are written 2024-03-01, 2014-12 or 1991, optionally followed by ? ~ or %");
      return false;
    }
    Result<FuzzyDate> d = ParseFuzzyDate(t.text);
    if (!d.ok()) {
      Error("invalid date " + d.status().message(), Region(t));
      return false;
    }
    *out = *d;
    if (where != nullptr) *where = Region(t);
    Next();
    return true;
  }

  // One id, or a parenthesised list of ids, after an operation keyword.
  bool ParseIds(const Token& verb, Op* op) {
    if (!At(TokenKind::kLParen)) {
      if (!AtId()) {
        Expected(fmt::format("an id or a list of ids in ( ) after '{}'", verb.text), Peek());
        return false;
      }
      const Token& t = Next();
      op->subjects.emplace_back(t.text);
      op->subject_where.push_back(Region(t));
      return true;
    }
    const Token& open = Next();
    const SourceRegion open_where = Region(open);
    SkipLineBreaks();
    while (true) {
      const Token& t = Peek();
      if (t.kind == TokenKind::kRParen) {
        if (op->subjects.empty()) {
          Expected("an id", t);
          return false;
        }
        Next();
        return true;
      }
      if (t.kind == TokenKind::kWord && IsId(t.text)) {
        Next();
        op->subjects.emplace_back(t.text);
        op->subject_where.push_back(Region(t));
      } else if (t.kind == TokenKind::kComma && !op->subjects.empty()) {
        Next();
      } else if (t.kind == TokenKind::kEof || t.kind == TokenKind::kRBrace) {
        Expected("')' to close the list of ids", t).AddNote("the list opens here", open_where);
        return false;
      } else {
        Expected(op->subjects.empty() ? "an id" : "an id or ')'", t);
        return false;
      }
      SkipLineBreaks();
    }
  }

  // Names: strings, each optionally preceded by a language tag.
  bool ParseNames(const Token& verb, Op* op, bool required) {
    while (true) {
      std::string lang = "en";
      if (At(TokenKind::kLangTag)) {
        const Token& tag = Next();
        if (!IsLanguageTag(tag.value)) {
          Error(fmt::format("invalid language tag '{}'", tag.text), Region(tag))
              .AddNote("write a BCP 47 tag: @ru, @uk, @en, @sr-Latn");
          return false;
        }
        if (!At(TokenKind::kString)) {
          Expected(fmt::format("a name in quotes after '{}'", tag.text), Peek());
          return false;
        }
        lang = tag.value;
      } else if (!At(TokenKind::kString)) {
        break;
      }
      op->names.push_back(Name{std::move(lang), Next().value});
    }
    if (required && op->names.empty()) {
      Expected(fmt::format("a name in quotes after the ids of '{}'", verb.text), Peek())
          .AddNote(fmt::format("write: {} ID \"Name\" @ru \"Имя\"", verb.text));
      return false;
    }
    return true;
  }

  // A value literal for `set` or `correct`: a string, number, date or boolean.
  bool ParseValue(std::string_view predicate, Op* op, bool allow_none) {
    const Token& t = Peek();
    if (t.kind == TokenKind::kString) {
      op->value = Value{t.value};
      op->object_where = Region(t);
      Next();
      return true;
    }
    const std::string what = fmt::format("a value after '{}'", predicate);
    if (t.kind != TokenKind::kWord) {
      Status& s = Expected(what, t);
      if (!allow_none) s.AddNote("to remove a value, write: unset IDS ATTRIBUTE");
      return false;
    }
    if (ShapeOf(t.text) == LiteralShape::kOther) {
      if (t.text == "none") {
        if (allow_none) {
          op->object_where = Region(t);
          Next();
          return true;
        }
        Expected(what, t).AddNote("to remove a value, write: unset IDS ATTRIBUTE");
        return false;
      }
      Expected(fmt::format("a value (a string, number, date or boolean) after '{}'", predicate), t)
          .AddNote(fmt::format("text is written in quotes: \"{}\"", t.text));
      return false;
    }
    Result<Value> v = LiteralValue(t.text);
    if (!v.ok()) {
      Error((ShapeOf(t.text) == LiteralShape::kDate ? "invalid date " : "") + v.status().message(), Region(t));
      return false;
    }
    op->value = *std::move(v);
    op->object_where = Region(t);
    Next();
    return true;
  }

  // `[key: value, …]`; a bare word is a string.
  bool ParseQualifiers(Op* op, std::map<std::string, SourceRegion, std::less<>>* keys) {
    const Token& open = Next();
    const SourceRegion open_where = Region(open);
    SkipLineBreaks();
    while (true) {
      const Token& t = Peek();
      if (t.kind == TokenKind::kRBracket) {
        Next();
        return true;
      }
      if (t.kind == TokenKind::kEof || t.kind == TokenKind::kRBrace) {
        Expected("']' to close the qualifiers", t).AddNote("the qualifiers open here", open_where);
        return false;
      }
      if (t.kind != TokenKind::kWord || !IsId(t.text)) {
        Expected("a qualifier key or ']'", t);
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
      auto it = keys->find(q.key);
      if (it != keys->end()) {
        Error(fmt::format("duplicate qualifier '{}'", q.key), Region(key))
            .AddNote(fmt::format("'{}' was first given here", q.key), it->second);
      } else {
        keys->emplace(q.key, Region(key));
      }
      op->qualifiers.push_back(std::move(q));
      SkipLineBreaks();
      if (At(TokenKind::kComma)) {
        Next();
        SkipLineBreaks();
      } else if (!At(TokenKind::kRBracket)) {
        Status& s = Expected("',' or ']' after a qualifier", Peek());
        if (At(TokenKind::kEof) || At(TokenKind::kRBrace)) s.AddNote("the qualifiers open here", open_where);
        return false;
      }
    }
  }

  // The clauses that may end any operation: from, to, perspective, qualifiers, note.
  bool ParseClauses(Op* op, SourceRegion* from_where, SourceRegion* to_where) {
    std::map<std::string, SourceRegion, std::less<>> seen;
    std::map<std::string, SourceRegion, std::less<>> qualifier_keys;
    while (true) {
      if (At(TokenKind::kLBracket)) {
        if (!ParseQualifiers(op, &qualifier_keys)) return false;
        continue;
      }
      if (!AtWordIn(kClauseKeywords)) return true;
      const Token& kw = Next();
      CheckOnce(&seen, kw, "clause");
      if (kw.text == "from" || kw.text == "to") {
        FuzzyDate d;
        const bool is_from = kw.text == "from";
        if (!ExpectDate(kw, &d, is_from ? from_where : to_where)) return false;
        (is_from ? op->from : op->to) = d;
      } else if (kw.text == "perspective") {
        std::string p;
        if (!ExpectId("a perspective after 'perspective'", &p, nullptr)) return false;
        op->perspective = std::move(p);
      } else {
        if (!ExpectString("a string after 'note'", &op->note)) return false;
      }
    }
  }

  // ---- Operations -----------------------------------------------------------

  bool ParseOp(OrderDecl* order, const std::optional<FuzzyDate>& effective) {
    nesting_ = 0;
    const Token& verb_token = Peek();
    if (verb_token.kind != TokenKind::kWord || !Contains(kOperationKeywords, verb_token.text)) {
      Status& s = Expected("an operation", verb_token);
      if (verb_token.kind == TokenKind::kWord) {
        if (Contains(kHeaderKeywords, verb_token.text) && verb_token.text != "perspective" &&
            verb_token.text != "note") {
          s.AddNote("header clauses go before the '{' that opens the operations");
        } else {
          DidYouMean(s, verb_token.text, kOperationKeywords);
        }
      }
      return false;
    }
    const Token& verb = Next();
    const std::string_view v = verb.text;
    Op op;
    if (!ParseIds(verb, &op)) return false;
    const std::string subject_what = op.subjects.size() == 1 ? "the id" : "the ids";

    if (v == "create") {
      op.kind = OpKind::kCreate;
      if (!At(TokenKind::kColon)) {
        Expected(fmt::format("':' and a kind after {}", subject_what), Peek())
            .AddNote("write: create ID : KIND \"Name\"");
        return false;
      }
      Next();
      if (!ExpectId("a kind after ':'", &op.entity_kind, &op.kind_where)) return false;
      if (!ParseNames(verb, &op, /*required=*/false)) return false;
    } else if (v == "end") {
      op.kind = OpKind::kEndEntity;
      if (AtId() && !AtWordIn(kClauseKeywords)) {
        op.kind = OpKind::kEndRelation;
        const Token& pred = Next();
        op.predicate = std::string(pred.text);
        op.predicate_where = Region(pred);
        if (At(TokenKind::kArrow)) {
          Next();
          if (!ExpectId("the object id after '->'", &op.object, &op.object_where)) return false;
        }
      }
    } else if (v == "assign" || v == "move") {
      op.kind = v == "assign" ? OpKind::kAssign : OpKind::kMove;
      if (!ExpectId(fmt::format("a relation name after {}", subject_what), &op.predicate, &op.predicate_where)) {
        return false;
      }
      if (!At(TokenKind::kArrow)) {
        Expected(fmt::format("'->' after '{}'", op.predicate), Peek())
            .AddNote(fmt::format("write: {} IDS RELATION -> OBJECT", v));
        return false;
      }
      Next();
      if (!ExpectId("the object id after '->'", &op.object, &op.object_where)) return false;
    } else if (v == "set" || v == "unset") {
      op.kind = v == "set" ? OpKind::kSet : OpKind::kUnset;
      if (!ExpectId(fmt::format("an attribute name after {}", subject_what), &op.predicate, &op.predicate_where)) {
        return false;
      }
      if (v == "set" && !ParseValue(op.predicate, &op, /*allow_none=*/false)) return false;
    } else if (v == "rename" || v == "alias") {
      op.kind = v == "rename" ? OpKind::kRename : OpKind::kAlias;
      if (!ParseNames(verb, &op, /*required=*/true)) return false;
    } else {  // correct
      op.kind = OpKind::kCorrect;
      if (!ExpectId(fmt::format("a relation or attribute name after {}", subject_what), &op.predicate,
                    &op.predicate_where)) {
        return false;
      }
      if (At(TokenKind::kArrow)) {
        Next();
        if (AtWord("none")) {
          op.object_where = Region(Next());
        } else if (!ExpectId("the object id or 'none' after '->'", &op.object, &op.object_where)) {
          return false;
        }
      } else if (At(TokenKind::kWord) && ShapeOf(Peek().text) == LiteralShape::kOther && Peek().text != "none" &&
                 !AtWordIn(kClauseKeywords)) {
        Expected(fmt::format("'->' after '{}'", op.predicate), Peek())
            .AddNote(
                "write: correct IDS RELATION -> OBJECT|none from DATE, or correct IDS ATTRIBUTE VALUE|none from DATE");
        return false;
      } else if (At(TokenKind::kString) || (At(TokenKind::kWord) && !AtWordIn(kClauseKeywords))) {
        if (!ParseValue(op.predicate, &op, /*allow_none=*/true)) return false;
      } else {
        Expected(fmt::format("'-> OBJECT', a value or 'none' after '{}'", op.predicate), Peek())
            .AddNote(
                "write: correct IDS RELATION -> OBJECT|none from DATE, or correct IDS ATTRIBUTE VALUE|none from DATE");
        return false;
      }
    }

    SourceRegion from_where, to_where;
    if (!ParseClauses(&op, &from_where, &to_where)) return false;
    if (!AtEndOfStatement()) {
      Status& s = Expected("'from', 'to', 'perspective', 'note', '[' or end of line", Peek());
      if (At(TokenKind::kWord)) DidYouMean(s, Peek().text, kClauseKeywords);
      return false;
    }
    op.where = Region(verb.begin, last_end_);

    if (op.kind == OpKind::kCorrect && !op.from) {
      Error("'correct' needs a 'from' date", Region(verb))
          .AddNote("a correction replaces the record over [from, to); say where it starts: from DATE");
    }
    if (op.to) {
      if (op.from && !(op.from->date < op.to->date)) {
        Error(fmt::format("empty interval: 'to' {} is not after 'from' {}", FormatFuzzyDate(*op.to),
                          FormatFuzzyDate(*op.from)),
              to_where);
      } else if (!op.from && effective && !(effective->date < op.to->date)) {
        Error(fmt::format("empty interval: 'to' {} is not after the order's effective date {}", FormatFuzzyDate(*op.to),
                          FormatFuzzyDate(*effective)),
              to_where);
      }
    }
    order->ops.push_back(std::move(op));
    return true;
  }

  // ---- Orders ---------------------------------------------------------------

  // One header clause; the keyword is the current token.
  bool ParseHeaderClause(OrderDecl* o, std::map<std::string, SourceRegion, std::less<>>* seen,
                         std::optional<FuzzyDate>* effective) {
    const Token& kw = Next();
    if (kw.text != "note") CheckOnce(seen, kw, "clause");
    const std::string_view k = kw.text;
    if (k == "issuer") {
      if (At(TokenKind::kString)) {
        o->issuer = Next().value;
        return true;
      }
      return ExpectId("an issuer (an id or a string) after 'issuer'", &o->issuer, nullptr);
    }
    if (k == "signed") {
      FuzzyDate d;
      if (!ExpectDate(kw, &d, nullptr)) return false;
      o->signed_on = d;
      return true;
    }
    if (k == "effective") {
      FuzzyDate d;
      if (!ExpectDate(kw, &d, nullptr)) return false;
      o->effective = d;
      *effective = d;
      return true;
    }
    if (k == "recorded") {
      const Token& t = Peek();
      if (t.kind != TokenKind::kWord || ShapeOf(t.text) == LiteralShape::kBoolean) {
        Expected("an instant after 'recorded'", t)
            .AddNote("write a date (2024-02-26) or a UTC time (2024-02-26T17:30:00Z)");
        return false;
      }
      Result<Instant> instant = ParseInstant(t.text);
      if (!instant.ok()) {
        Error("invalid instant " + instant.status().message(), Region(t));
        return false;
      }
      o->recorded = *instant;
      Next();
      return true;
    }
    if (k == "sources") {
      while (true) {
        std::string id;
        SourceRegion where;
        if (!ExpectId("a source id", &id, &where)) return false;
        for (size_t i = 0; i < o->sources.size(); ++i) {
          if (o->sources[i] == id) {
            Error(fmt::format("source '{}' is cited twice", id), where, Code::kConflict)
                .AddNote("first cited here", o->source_where[i]);
          }
        }
        o->sources.push_back(std::move(id));
        o->source_where.push_back(std::move(where));
        if (!At(TokenKind::kComma)) return true;
        Next();
        SkipLineBreaks();
      }
    }
    if (k == "perspective") return ExpectId("a perspective after 'perspective'", &o->perspective, nullptr);
    std::string note;  // note
    if (!ExpectString("a string after 'note'", &note)) return false;
    o->notes.push_back(std::move(note));
    return true;
  }

  // After a bad header clause: skips to the next clause keyword, '{' or top-level item.
  void RecoverHeader() {
    while (!At(TokenKind::kEof) && !At(TokenKind::kLBrace) && !AtWordIn(kHeaderKeywords) && !AtTopLevelItem()) {
      Next();
    }
  }

  void ParseOrder() {
    Next();  // order
    scope_ = "an order";
    if (!AtId()) {
      Expected("an order id after 'order'", Peek());
      RecoverTopLevel();
      return;
    }
    const Token& id = Next();
    OrderDecl o;
    o.id = std::string(id.text);
    o.where = Region(id);
    scope_ = fmt::format("order '{}'", o.id);
    if (At(TokenKind::kString)) o.title = Next().value;

    std::map<std::string, SourceRegion, std::less<>> seen;
    std::optional<FuzzyDate> effective;
    bool header_ok = true;
    bool has_body = false;
    while (true) {
      SkipSeparators();
      const Token& t = Peek();
      if (t.kind == TokenKind::kLBrace) {
        has_body = true;
        break;
      }
      if (t.kind == TokenKind::kEof || AtTopLevelItem()) {
        Expected("'{' to open the operations", t);
        header_ok = false;
        break;
      }
      if (AtWordIn(kHeaderKeywords)) {
        if (!ParseHeaderClause(&o, &seen, &effective)) {
          header_ok = false;
          RecoverHeader();
        }
        continue;
      }
      Status& s = Expected(
          "a header clause ('issuer', 'signed', 'effective', 'recorded', 'sources', "
          "'perspective', 'note') or '{'",
          t);
      if (t.kind == TokenKind::kWord) {
        if (Contains(kOperationKeywords, t.text)) {
          s.AddNote("operations go inside '{' '}' after the header");
        } else {
          DidYouMean(s, t.text, kHeaderKeywords);
        }
      }
      header_ok = false;
      Next();
      RecoverHeader();
    }
    if (header_ok && !effective) {
      Error("missing 'effective' date", o.where)
          .AddNote("every order needs 'effective DATE', the default start of its operations");
    }
    if (header_ok && o.sources.empty()) {
      Error("missing 'sources'", o.where).AddNote("cite at least one source: sources ID, ID …");
    }

    if (has_body) {
      const Token& open = Next();
      const SourceRegion open_where = Region(open);
      while (true) {
        SkipSeparators();
        const Token& t = Peek();
        if (t.kind == TokenKind::kRBrace) {
          Next();
          break;
        }
        if (t.kind == TokenKind::kEof || AtTopLevelItem()) {
          Expected(fmt::format("'}}' to close order '{}'", o.id), t).AddNote("the operations open here", open_where);
          break;
        }
        if (!ParseOp(&o, effective)) SkipStatement();
      }
    }

    auto [it, inserted] = order_ids_.emplace(o.id, o.where);
    if (!inserted) {
      scope_.clear();
      Error(fmt::format("duplicate order id '{}'", o.id), o.where, Code::kConflict)
          .AddNote(fmt::format("order '{}' was first defined here", o.id), it->second);
    }
    batch_.orders.push_back(std::move(o));
  }

  // ---- Sources --------------------------------------------------------------

  void ParseSource() {
    Next();  // source
    scope_ = "a source";
    if (!AtId()) {
      Expected("a source id after 'source'", Peek());
      RecoverTopLevel();
      return;
    }
    const Token& id = Next();
    SourceDecl d;
    d.id = std::string(id.text);
    d.where = Region(id);
    scope_ = fmt::format("source '{}'", d.id);
    SkipLineBreaks();
    if (!At(TokenKind::kLBrace)) {
      Expected("'{' after the source id", Peek()).AddNote("write: source ID { title \"…\" … }");
      if (!AtTopLevelItem()) RecoverTopLevel();
      return;
    }
    const Token& open = Next();
    const SourceRegion open_where = Region(open);
    std::map<std::string, SourceRegion, std::less<>> seen;
    bool fields_ok = true;
    while (true) {
      SkipSeparators();
      const Token& t = Peek();
      if (t.kind == TokenKind::kRBrace) {
        Next();
        break;
      }
      if (t.kind == TokenKind::kEof || AtTopLevelItem()) {
        Expected(fmt::format("'}}' to close source '{}'", d.id), t).AddNote("the source opens here", open_where);
        fields_ok = false;
        break;
      }
      if (!AtWordIn(kSourceFields)) {
        Status& s = Expected("a source field ('title', 'publisher', 'date', 'url', 'quote', 'note') or '}'", t);
        if (t.kind == TokenKind::kWord) DidYouMean(s, t.text, kSourceFields);
        fields_ok = false;
        nesting_ = 0;
        SkipStatement();
        continue;
      }
      const Token& field = Next();
      CheckOnce(&seen, field, "field");
      bool ok = true;
      const std::string what = fmt::format("a string after '{}'", field.text);
      if (field.text == "date") {
        FuzzyDate date;
        ok = ExpectDate(field, &date, nullptr);
        if (ok) d.date = date;
      } else if (field.text == "title") {
        ok = ExpectString(what, &d.title);
      } else if (field.text == "publisher") {
        ok = ExpectString(what, &d.publisher);
      } else if (field.text == "url") {
        ok = ExpectString(what, &d.url);
      } else if (field.text == "quote") {
        ok = ExpectString(what, &d.quote);
      } else {
        ok = ExpectString(what, &d.note);
      }
      if (ok && !AtEndOfStatement() && !AtWordIn(kSourceFields)) {
        Expected("end of line", Peek());
        ok = false;
      }
      if (!ok) {
        fields_ok = false;
        nesting_ = 0;
        SkipStatement();
      }
    }
    if (fields_ok && seen.find("title") == seen.end()) {
      Error("missing 'title'", d.where).AddNote("every source needs a title: title \"…\"");
    }
    auto [it, inserted] = source_ids_.emplace(d.id, d.where);
    if (!inserted) {
      scope_.clear();
      Error(fmt::format("duplicate source id '{}'", d.id), d.where, Code::kConflict)
          .AddNote(fmt::format("source '{}' was first defined here", d.id), it->second);
    }
    batch_.sources.push_back(std::move(d));
  }

  // ---- Schema ---------------------------------------------------------------

  // Skips the rest of a one-line declaration.
  void SkipLine() {
    while (!At(TokenKind::kEof) && !At(TokenKind::kNewline) && !At(TokenKind::kSemicolon)) Next();
  }

  // Ends a one-line declaration: reports anything left on the line.
  bool ExpectEndOfDeclaration(std::string_view what) {
    if (At(TokenKind::kNewline) || At(TokenKind::kSemicolon) || At(TokenKind::kEof)) return true;
    Expected(what, Peek());
    SkipLine();
    return false;
  }

  // Comma-separated kind names.
  bool ParseKindList(std::string_view what, std::vector<std::string>* out) {
    while (true) {
      std::string kind;
      if (!ExpectId(what, &kind, nullptr)) return false;
      out->push_back(std::move(kind));
      if (!At(TokenKind::kComma)) return true;
      Next();
    }
  }

  // The name of a declaration after its keyword; sets the scope.
  bool ParseDeclName(std::string_view keyword, std::string* name, SourceRegion* where) {
    Next();
    scope_ = fmt::format("a {}", keyword);
    if (!ExpectId(fmt::format("a {} name after '{}'", keyword, keyword), name, where)) {
      SkipLine();
      return false;
    }
    scope_ = fmt::format("{} '{}'", keyword, *name);
    return true;
  }

  bool ParseDeclNote(std::map<std::string, SourceRegion, std::less<>>* seen, std::string* note) {
    const Token& kw = Next();
    CheckOnce(seen, kw, "clause");
    if (!ExpectString("a string after 'note'", note)) {
      SkipLine();
      return false;
    }
    return true;
  }

  void ParseKind() {
    KindDecl d;
    if (!ParseDeclName("kind", &d.name, &d.where)) return;
    if (At(TokenKind::kColon)) {
      Next();
      if (!ExpectId("a parent kind after ':'", &d.parent, nullptr)) {
        SkipLine();
        return;
      }
    }
    std::map<std::string, SourceRegion, std::less<>> seen;
    while (AtWord("note")) {
      if (!ParseDeclNote(&seen, &d.note)) return;
    }
    if (!ExpectEndOfDeclaration(d.parent.empty() ? "': PARENT', 'note' or end of line" : "'note' or end of line")) {
      return;
    }
    batch_.kinds.push_back(std::move(d));
  }

  void ParseRelation() {
    RelationDecl d;
    if (!ParseDeclName("relation", &d.name, &d.where)) return;
    if (!At(TokenKind::kColon)) {
      Expected(fmt::format("':' after '{}'", d.name), Peek())
          .AddNote("write: relation NAME : SUBJECT-KINDS -> OBJECT-KINDS [exclusive] [acyclic]");
      SkipLine();
      return;
    }
    Next();
    if (!ParseKindList("a subject kind", &d.subject_kinds)) return SkipLine();
    if (!At(TokenKind::kArrow)) {
      Expected("',' or '->' after the subject kinds", Peek())
          .AddNote("write: relation NAME : SUBJECT-KINDS -> OBJECT-KINDS [exclusive] [acyclic]");
      return SkipLine();
    }
    Next();
    if (!ParseKindList("an object kind", &d.object_kinds)) return SkipLine();
    std::map<std::string, SourceRegion, std::less<>> seen;
    while (AtWord("exclusive") || AtWord("acyclic") || AtWord("note")) {
      if (AtWord("note")) {
        if (!ParseDeclNote(&seen, &d.note)) return;
        continue;
      }
      const Token& flag = Next();
      CheckOnce(&seen, flag, "flag");
      (flag.text == "exclusive" ? d.exclusive : d.acyclic) = true;
    }
    if (!At(TokenKind::kNewline) && !At(TokenKind::kSemicolon) && !At(TokenKind::kEof)) {
      Status& s = Expected("',', 'exclusive', 'acyclic', 'note' or end of line", Peek());
      if (At(TokenKind::kWord)) DidYouMean(s, Peek().text, {"exclusive", "acyclic", "note"});
      return SkipLine();
    }
    batch_.relations.push_back(std::move(d));
  }

  void ParseAttribute() {
    AttributeDecl d;
    if (!ParseDeclName("attribute", &d.name, &d.where)) return;
    if (!At(TokenKind::kColon)) {
      Expected(fmt::format("':' after '{}'", d.name), Peek()).AddNote("write: attribute NAME : SUBJECT-KINDS -> TYPE");
      return SkipLine();
    }
    Next();
    if (At(TokenKind::kStar)) {
      Next();
    } else if (!ParseKindList("a subject kind or '*'", &d.subject_kinds)) {
      return SkipLine();
    }
    if (!At(TokenKind::kArrow)) {
      Expected(d.subject_kinds.empty() ? "'->' after '*'" : "',' or '->' after the subject kinds", Peek())
          .AddNote("write: attribute NAME : SUBJECT-KINDS -> TYPE");
      return SkipLine();
    }
    Next();
    const Token& type = Peek();
    const auto found = std::find(kTypeNames.begin(), kTypeNames.end(), type.text);
    if (type.kind != TokenKind::kWord || found == kTypeNames.end()) {
      Status& s = Expected("a type ('string', 'integer', 'number', 'date' or 'boolean')", type);
      if (type.kind == TokenKind::kWord) DidYouMean(s, type.text, kTypeNames);
      return SkipLine();
    }
    d.type = static_cast<ValueType>(found - kTypeNames.begin());
    Next();
    std::map<std::string, SourceRegion, std::less<>> seen;
    while (AtWord("note")) {
      if (!ParseDeclNote(&seen, &d.note)) return;
    }
    if (!ExpectEndOfDeclaration("'note' or end of line")) return;
    batch_.attributes.push_back(std::move(d));
  }

  // ---- Result ---------------------------------------------------------------

  ParseResult Finish() {
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Status& a, const Status& b) {
      const SourcePosition& x = a.where().begin;
      const SourcePosition& y = b.where().begin;
      return x.line < y.line || (x.line == y.line && x.column < y.column);
    });
    if (diagnostics_.size() + dropped_ > kMaxDiagnostics) {
      const size_t total = diagnostics_.size() + dropped_;
      if (diagnostics_.size() > kMaxDiagnostics) diagnostics_.resize(kMaxDiagnostics);
      diagnostics_.push_back(Status::Invalid(fmt::format("too many errors: {} more not shown", total - kMaxDiagnostics),
                                             SourceRegion{file_, {}, {}}));
    }
    ParseResult r;
    r.batch = std::move(batch_);
    r.diagnostics = std::move(diagnostics_);
    return r;
  }

  const std::string& file_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  SourcePosition last_end_;
  int nesting_ = 0;  // '(' and '[' open in the current statement
  std::string scope_;
  Diagnostics diagnostics_;
  size_t parser_errors_ = 0;  // recorded by the parser (the lexer's are in diagnostics_ too)
  size_t dropped_ = 0;        // errors counted but not recorded (lexer and parser)
  Status discarded_;          // absorbs the notes of errors past the limit
  Batch batch_;
  std::map<std::string, SourceRegion, std::less<>> order_ids_;
  std::map<std::string, SourceRegion, std::less<>> source_ids_;
};

}  // namespace

bool IsLanguageTag(std::string_view tag) {
  size_t i = 0;
  bool first = true;
  while (true) {
    size_t n = 0;
    while (i + n < tag.size() && tag[i + n] != '-') {
      const char c = tag[i + n];
      if (first ? !IsAlpha(c) : !IsAlnum(c)) return false;
      ++n;
    }
    if (first ? (n < 2 || n > 8) : (n < 1 || n > 8)) return false;
    first = false;
    i += n;
    if (i == tag.size()) return true;
    ++i;  // '-'
  }
}

}  // namespace ordo::lang

namespace ordo {

ParseResult ParseOrders(std::string_view text, const std::string& file) { return lang::Parser(text, file).Run(); }

}  // namespace ordo
