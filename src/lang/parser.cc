#include "lang/parser.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "base/text.h"
#include "lang/cursor.h"
#include "lang/lexer.h"
#include "lang/literal.h"
#include "lang/rule_parser.h"
#include "ordo/time.h"

namespace ordo::lang {

const std::vector<std::string> kHeaderKeywords = {"issuer",  "signed",      "effective", "recorded",
                                                  "sources", "perspective", "note"};
const std::vector<std::string> kOperationKeywords = {"create",  "end",     "assign",      "move",
                                                     "set",     "unset",   "rename",      "alias",
                                                     "correct", "lineage", "alternative", "uncovered"};
const std::vector<std::string> kClauseKeywords = {"from", "to", "perspective", "note", "cites"};
const std::vector<std::string> kSourceFields = {"title", "publisher", "date", "url", "quote", "note", "original"};
const std::vector<std::string> kTypeNames = {"string", "integer", "number", "date", "boolean"};
// What may start a top-level item. `perspective` declares one only at the top level: inside an
// order's header it is a clause, so it is not among the keywords that end a statement and
// recovery does not stop at it (kTopLevelKeywords).
const std::vector<std::string> kDeclarationKeywords = {"order",     "source",      "kind", "relation",
                                                       "attribute", "perspective", "rule"};

namespace {

bool Contains(const std::vector<std::string>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsAlpha(c) || (c >= '0' && c <= '9'); }

class Parser {
 public:
  Parser(std::string_view text, const std::string& file) : c_(text, file) {}

  ParseResult Run() {
    while (true) {
      c_.SkipSeparators();
      const Token& t = c_.Peek();
      if (t.kind == TokenKind::kEof) break;
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
        if (t.text == "perspective") {
          ParsePerspective();
          continue;
        }
        if (t.text == "rule") {  // watch rules: src/lang/rule_parser.cc
          ParseRule(c_, &batch_.rules);
          continue;
        }
      }
      Status& s = c_.Expected(QuotedList(kDeclarationKeywords), t);
      if (t.kind == TokenKind::kWord) {
        if (Contains(kOperationKeywords, t.text)) {
          s.AddNote("operations go inside an order: order ID \"TITLE\" … { OPERATIONS }");
        } else {
          c_.DidYouMean(s, t.text, kDeclarationKeywords);
        }
      }
      c_.RecoverTopLevel();
    }
    return Finish();
  }

 private:
  // Skips the rest of a statement: to the end of its line (outside an open '(' or '['), to a
  // '}' or to the end of file. A line that starts with an operation or top-level keyword ends
  // the statement even inside an unclosed bracket.
  void SkipStatement() {
    while (true) {
      const TokenKind k = c_.Peek().kind;
      if (k == TokenKind::kEof || k == TokenKind::kRBrace) return;
      if (k == TokenKind::kNewline || k == TokenKind::kSemicolon) {
        if (c_.nesting() == 0) return;
        const Token& after = c_.Peek(1);
        if (after.kind == TokenKind::kWord &&
            (Contains(kOperationKeywords, after.text) || Contains(kTopLevelKeywords, after.text))) {
          c_.reset_nesting();
          return;
        }
      }
      c_.Next();
    }
  }

  // ---- Pieces ---------------------------------------------------------------

  // A valid-time date word after `keyword`.
  bool ExpectDate(const Token& keyword, FuzzyDate* out, SourceRegion* where) {
    const Token& t = c_.Peek();
    const LiteralShape shape = c_.At(TokenKind::kWord) ? ShapeOf(t.text) : LiteralShape::kOther;
    if (shape != LiteralShape::kDate && shape != LiteralShape::kInteger) {
      c_.Expected(fmt::format("a date after '{}'", keyword.text), t)
          .AddNote("dates are written 2024-03-01, 2014-12 or 1991, optionally followed by ? ~ or %");
      return false;
    }
    Result<FuzzyDate> d = ParseFuzzyDate(t.text);
    if (!d.ok()) {
      c_.Error("invalid date " + d.status().message(), c_.Region(t));
      return false;
    }
    *out = *d;
    if (where != nullptr) *where = c_.Region(t);
    c_.Next();
    return true;
  }

  // One id, or a parenthesised list of ids, after an operation keyword.
  bool ParseIds(const Token& verb, Op* op) { return ParseIdList(verb.text, &op->subjects, &op->subject_where); }

  // One id, or a parenthesised list of ids, after `what`.
  bool ParseIdList(std::string_view what, std::vector<std::string>* ids, std::vector<SourceRegion>* wheres) {
    if (!c_.At(TokenKind::kLParen)) {
      if (!c_.AtId()) {
        c_.Expected(fmt::format("an id or a list of ids in ( ) after '{}'", what), c_.Peek());
        return false;
      }
      const Token& t = c_.Next();
      ids->emplace_back(t.text);
      wheres->push_back(c_.Region(t));
      return true;
    }
    const Token& open = c_.Next();
    const SourceRegion open_where = c_.Region(open);
    c_.SkipLineBreaks();
    while (true) {
      const Token& t = c_.Peek();
      if (t.kind == TokenKind::kRParen) {
        if (ids->empty()) {
          c_.Expected("an id", t);
          return false;
        }
        c_.Next();
        return true;
      }
      if (t.kind == TokenKind::kWord && IsId(t.text)) {
        c_.Next();
        ids->emplace_back(t.text);
        wheres->push_back(c_.Region(t));
      } else if (t.kind == TokenKind::kComma && !ids->empty()) {
        c_.Next();
      } else if (t.kind == TokenKind::kEof || t.kind == TokenKind::kRBrace) {
        c_.Expected("')' to close the list of ids", t).AddNote("the list opens here", open_where);
        return false;
      } else {
        c_.Expected(ids->empty() ? "an id" : "an id or ')'", t);
        return false;
      }
      c_.SkipLineBreaks();
    }
  }

  // Names: strings, each optionally preceded by a language tag.
  bool ParseNames(const Token& verb, Op* op, bool required) {
    while (true) {
      std::string lang = "en";
      if (c_.At(TokenKind::kLangTag)) {
        const Token& tag = c_.Next();
        if (!IsLanguageTag(tag.value)) {
          c_.Error(fmt::format("invalid language tag '{}'", tag.text), c_.Region(tag))
              .AddNote("write a BCP 47 tag: @ru, @uk, @en, @sr-Latn");
          return false;
        }
        if (!c_.At(TokenKind::kString)) {
          c_.Expected(fmt::format("a name in quotes after '{}'", tag.text), c_.Peek());
          return false;
        }
        lang = tag.value;
      } else if (!c_.At(TokenKind::kString)) {
        break;
      }
      op->names.push_back(Name{std::move(lang), c_.Next().value});
    }
    if (required && op->names.empty()) {
      c_.Expected(fmt::format("a name in quotes after the ids of '{}'", verb.text), c_.Peek())
          .AddNote(fmt::format("write: {} ID \"Name\" @ru \"Имя\"", verb.text));
      return false;
    }
    return true;
  }

  // A value literal for `set` or `correct`: a string, number, date or boolean.
  bool ParseValue(std::string_view predicate, Op* op, bool allow_none) {
    const Token& t = c_.Peek();
    if (t.kind == TokenKind::kString) {
      op->value = Value{t.value};
      op->object_where = c_.Region(t);
      c_.Next();
      return true;
    }
    const std::string what = fmt::format("a value after '{}'", predicate);
    if (t.kind != TokenKind::kWord) {
      Status& s = c_.Expected(what, t);
      if (!allow_none) s.AddNote("to remove a value, write: unset IDS ATTRIBUTE");
      return false;
    }
    if (ShapeOf(t.text) == LiteralShape::kOther) {
      if (t.text == "none") {
        if (allow_none) {
          op->object_where = c_.Region(t);
          c_.Next();
          return true;
        }
        c_.Expected(what, t).AddNote("to remove a value, write: unset IDS ATTRIBUTE");
        return false;
      }
      c_.Expected(fmt::format("a value (a string, number, date or boolean) after '{}'", predicate), t)
          .AddNote(fmt::format("text is written in quotes: \"{}\"", t.text));
      return false;
    }
    Result<Value> v = LiteralValue(t.text);
    if (!v.ok()) {
      c_.Error((ShapeOf(t.text) == LiteralShape::kDate ? "invalid date " : "") + v.status().message(), c_.Region(t));
      return false;
    }
    op->value = *std::move(v);
    op->object_where = c_.Region(t);
    c_.Next();
    return true;
  }

  // The clauses that may end any operation: from, to, perspective, qualifiers, note.
  bool ParseClauses(Op* op, SourceRegion* from_where, SourceRegion* to_where) {
    SeenKeywords seen;
    SeenKeywords qualifier_keys;
    while (true) {
      if (c_.At(TokenKind::kLBracket)) {
        if (!ParseQualifierList(c_, &op->qualifiers, &qualifier_keys)) return false;
        continue;
      }
      if (!c_.AtWordIn(kClauseKeywords)) return true;
      const Token& kw = c_.Next();
      c_.CheckOnce(&seen, kw, "clause");
      if (kw.text == "from" || kw.text == "to") {
        FuzzyDate d;
        const bool is_from = kw.text == "from";
        if (!ExpectDate(kw, &d, is_from ? from_where : to_where)) return false;
        (is_from ? op->from : op->to) = d;
      } else if (kw.text == "perspective") {
        std::string p;
        if (!c_.ExpectId("a perspective after 'perspective'", &p, &op->perspective_where)) return false;
        op->perspective = std::move(p);
      } else if (kw.text == "cites") {
        if (!ParseSourceList(&op->sources, &op->source_where)) return false;
      } else {
        if (!c_.ExpectString("a string after 'note'", &op->note)) return false;
      }
    }
  }

  // Source ids separated by commas (a line may end after a comma); a source cited twice is an error.
  bool ParseSourceList(std::vector<std::string>* ids, std::vector<SourceRegion>* wheres) {
    while (true) {
      std::string id;
      SourceRegion where;
      if (!c_.ExpectId("a source id", &id, &where)) return false;
      for (size_t i = 0; i < ids->size(); ++i) {
        if ((*ids)[i] == id) {
          c_.Error(fmt::format("source '{}' is cited twice", id), where, Code::kConflict)
              .AddNote("first cited here", (*wheres)[i]);
        }
      }
      ids->push_back(std::move(id));
      wheres->push_back(std::move(where));
      if (!c_.At(TokenKind::kComma)) return true;
      c_.Next();
      c_.SkipLineBreaks();
    }
  }

  // ---- Operations -----------------------------------------------------------

  bool ParseOp(OrderDecl* order, const std::optional<FuzzyDate>& effective) {
    c_.reset_nesting();
    const Token& verb_token = c_.Peek();
    if (verb_token.kind != TokenKind::kWord || !Contains(kOperationKeywords, verb_token.text)) {
      Status& s = c_.Expected("an operation", verb_token);
      if (verb_token.kind == TokenKind::kWord) {
        if (Contains(kHeaderKeywords, verb_token.text) && verb_token.text != "perspective" &&
            verb_token.text != "note") {
          s.AddNote("header clauses go before the '{' that opens the operations");
        } else {
          c_.DidYouMean(s, verb_token.text, kOperationKeywords);
        }
      }
      return false;
    }
    const Token& verb = c_.Next();
    const std::string_view v = verb.text;
    Op op;
    if (!ParseIds(verb, &op)) return false;
    const std::string subject_what = op.subjects.size() == 1 ? "the id" : "the ids";

    if (v == "create") {
      op.kind = OpKind::kCreate;
      if (!c_.At(TokenKind::kColon)) {
        c_.Expected(fmt::format("':' and a kind after {}", subject_what), c_.Peek())
            .AddNote("write: create ID : KIND \"Name\"");
        return false;
      }
      c_.Next();
      if (!c_.ExpectId("a kind after ':'", &op.entity_kind, &op.kind_where)) return false;
      if (!ParseNames(verb, &op, /*required=*/false)) return false;
    } else if (v == "end") {
      op.kind = OpKind::kEndEntity;
      if (c_.AtId() && !c_.AtWordIn(kClauseKeywords)) {
        op.kind = OpKind::kEndRelation;
        const Token& pred = c_.Next();
        op.predicate = std::string(pred.text);
        op.predicate_where = c_.Region(pred);
        if (c_.At(TokenKind::kArrow)) {
          c_.Next();
          if (!c_.ExpectId("the object id after '->'", &op.object, &op.object_where)) return false;
        }
      }
    } else if (v == "assign" || v == "move") {
      op.kind = v == "assign" ? OpKind::kAssign : OpKind::kMove;
      if (!c_.ExpectId(fmt::format("a relation name after {}", subject_what), &op.predicate, &op.predicate_where)) {
        return false;
      }
      if (!c_.At(TokenKind::kArrow)) {
        c_.Expected(fmt::format("'->' after '{}'", op.predicate), c_.Peek())
            .AddNote(fmt::format("write: {} IDS RELATION -> OBJECT", v));
        return false;
      }
      c_.Next();
      if (!c_.ExpectId("the object id after '->'", &op.object, &op.object_where)) return false;
    } else if (v == "set" || v == "unset") {
      op.kind = v == "set" ? OpKind::kSet : OpKind::kUnset;
      if (!c_.ExpectId(fmt::format("an attribute name after {}", subject_what), &op.predicate, &op.predicate_where)) {
        return false;
      }
      if (v == "set" && !ParseValue(op.predicate, &op, /*allow_none=*/false)) return false;
    } else if (v == "rename" || v == "alias") {
      op.kind = v == "rename" ? OpKind::kRename : OpKind::kAlias;
      if (!ParseNames(verb, &op, /*required=*/true)) return false;
    } else if (v == "lineage") {
      op.kind = OpKind::kLineage;
      const Token& type = c_.Peek();
      if (!c_.AtWordIn(LineageTypes())) {
        Status& st =
            c_.Expected(fmt::format("a kind of lineage ({}) after {}", QuotedList(LineageTypes()), subject_what), type);
        if (type.kind == TokenKind::kWord) c_.DidYouMean(st, type.text, LineageTypes());
        st.AddNote(
            "write: lineage SUCCESSOR formed-from (PREDECESSOR, ...), or lineage PREDECESSOR merged-into SUCCESSOR");
        return false;
      }
      op.predicate = std::string(c_.Next().text);
      op.predicate_where = c_.Region(type);
      if (!ParseIdList(op.predicate, &op.objects, &op.object_wheres)) return false;
      op.object_where = op.object_wheres.front();
    } else if (v == "alternative") {
      op.kind = OpKind::kAlternative;
      if (!c_.ExpectId(fmt::format("a relation or attribute name after {}", subject_what), &op.predicate,
                       &op.predicate_where)) {
        return false;
      }
      if (c_.At(TokenKind::kArrow)) {
        c_.Next();
        if (!c_.ExpectId("the object id after '->'", &op.object, &op.object_where)) return false;
      } else if (!ParseValue(op.predicate, &op, /*allow_none=*/false)) {
        return false;
      }
    } else if (v == "uncovered") {
      op.kind = OpKind::kUncovered;
      if (!c_.ExpectId(fmt::format("a relation name after {}", subject_what), &op.predicate, &op.predicate_where)) {
        return false;
      }
    } else {  // correct
      op.kind = OpKind::kCorrect;
      if (!c_.ExpectId(fmt::format("a relation or attribute name after {}", subject_what), &op.predicate,
                       &op.predicate_where)) {
        return false;
      }
      if (c_.At(TokenKind::kArrow)) {
        c_.Next();
        if (c_.AtWord("none")) {
          op.object_where = c_.Region(c_.Next());
        } else if (!c_.ExpectId("the object id or 'none' after '->'", &op.object, &op.object_where)) {
          return false;
        }
      } else if (c_.At(TokenKind::kWord) && ShapeOf(c_.Peek().text) == LiteralShape::kOther &&
                 c_.Peek().text != "none" && !c_.AtWordIn(kClauseKeywords)) {
        c_.Expected(fmt::format("'->' after '{}'", op.predicate), c_.Peek())
            .AddNote(
                "write: correct IDS RELATION -> OBJECT|none from DATE, or correct IDS ATTRIBUTE VALUE|none from DATE");
        return false;
      } else if (c_.At(TokenKind::kString) || (c_.At(TokenKind::kWord) && !c_.AtWordIn(kClauseKeywords))) {
        if (!ParseValue(op.predicate, &op, /*allow_none=*/true)) return false;
      } else {
        c_.Expected(fmt::format("'-> OBJECT', a value or 'none' after '{}'", op.predicate), c_.Peek())
            .AddNote(
                "write: correct IDS RELATION -> OBJECT|none from DATE, or correct IDS ATTRIBUTE VALUE|none from DATE");
        return false;
      }
    }

    SourceRegion from_where, to_where;
    if (!ParseClauses(&op, &from_where, &to_where)) return false;
    if (!c_.AtEndOfStatement()) {
      std::string what;
      for (const std::string& k : kClauseKeywords) what += "'" + k + "', ";
      Status& s = c_.Expected(what + "'[' or end of line", c_.Peek());
      if (c_.At(TokenKind::kWord)) c_.DidYouMean(s, c_.Peek().text, kClauseKeywords);
      return false;
    }
    op.where = c_.Region(verb.begin, c_.last_end());

    if (op.kind == OpKind::kCorrect && !op.from) {
      c_.Error("'correct' needs a 'from' date", c_.Region(verb))
          .AddNote("a correction replaces the record over [from, to); say where it starts: from DATE");
    }
    if (op.to) {
      if (op.from && !(op.from->date < op.to->date)) {
        c_.Error(fmt::format("empty interval: 'to' {} is not after 'from' {}", FormatFuzzyDate(*op.to),
                             FormatFuzzyDate(*op.from)),
                 to_where);
      } else if (!op.from && effective && !(effective->date < op.to->date)) {
        c_.Error(fmt::format("empty interval: 'to' {} is not after the order's effective date {}",
                             FormatFuzzyDate(*op.to), FormatFuzzyDate(*effective)),
                 to_where);
      }
    }
    order->ops.push_back(std::move(op));
    return true;
  }

  // ---- Orders ---------------------------------------------------------------

  // One header clause; the keyword is the current token.
  bool ParseHeaderClause(OrderDecl* o, SeenKeywords* seen, std::optional<FuzzyDate>* effective) {
    const Token& kw = c_.Next();
    if (kw.text != "note") c_.CheckOnce(seen, kw, "clause");
    const std::string_view k = kw.text;
    if (k == "issuer") {
      if (c_.At(TokenKind::kString)) {
        o->issuer = c_.Next().value;
        return true;
      }
      return c_.ExpectId("an issuer (an id or a string) after 'issuer'", &o->issuer, nullptr);
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
      const Token& t = c_.Peek();
      if (t.kind != TokenKind::kWord || ShapeOf(t.text) == LiteralShape::kBoolean) {
        c_.Expected("an instant after 'recorded'", t)
            .AddNote("write a date (2024-02-26) or a UTC time (2024-02-26T17:30:00Z)");
        return false;
      }
      Result<Instant> instant = ParseInstant(t.text);
      if (!instant.ok()) {
        c_.Error("invalid instant " + instant.status().message(), c_.Region(t));
        return false;
      }
      o->recorded = *instant;
      c_.Next();
      return true;
    }
    if (k == "sources") return ParseSourceList(&o->sources, &o->source_where);
    if (k == "perspective") {
      return c_.ExpectId("a perspective after 'perspective'", &o->perspective, &o->perspective_where);
    }
    std::string note;  // note
    if (!c_.ExpectString("a string after 'note'", &note)) return false;
    o->notes.push_back(std::move(note));
    return true;
  }

  // After a bad header clause: skips to the next clause keyword, '{' or top-level item.
  void RecoverHeader() {
    while (!c_.At(TokenKind::kEof) && !c_.At(TokenKind::kLBrace) && !c_.AtWordIn(kHeaderKeywords) &&
           !c_.AtTopLevelItem()) {
      c_.Next();
    }
  }

  void ParseOrder() {
    c_.Next();  // order
    TokenCursor::Scope scope(&c_, "an order");
    if (!c_.AtId()) {
      c_.Expected("an order id after 'order'", c_.Peek());
      c_.RecoverTopLevel();
      return;
    }
    const Token& id = c_.Next();
    OrderDecl o;
    o.id = std::string(id.text);
    o.where = c_.Region(id);
    scope.Rename(fmt::format("order '{}'", o.id));
    if (c_.At(TokenKind::kString)) o.title = c_.Next().value;

    SeenKeywords seen;
    std::optional<FuzzyDate> effective;
    bool header_ok = true;
    bool has_body = false;
    while (true) {
      c_.SkipSeparators();
      const Token& t = c_.Peek();
      if (t.kind == TokenKind::kLBrace) {
        has_body = true;
        break;
      }
      if (t.kind == TokenKind::kEof || c_.AtTopLevelItem()) {
        c_.Expected("'{' to open the operations", t);
        header_ok = false;
        break;
      }
      if (c_.AtWordIn(kHeaderKeywords)) {
        if (!ParseHeaderClause(&o, &seen, &effective)) {
          header_ok = false;
          RecoverHeader();
        }
        continue;
      }
      Status& s = c_.Expected(
          "a header clause ('issuer', 'signed', 'effective', 'recorded', 'sources', "
          "'perspective', 'note') or '{'",
          t);
      if (t.kind == TokenKind::kWord) {
        if (Contains(kOperationKeywords, t.text)) {
          s.AddNote("operations go inside '{' '}' after the header");
        } else {
          c_.DidYouMean(s, t.text, kHeaderKeywords);
        }
      }
      header_ok = false;
      c_.Next();
      RecoverHeader();
    }
    if (header_ok && !effective) {
      c_.Error("missing 'effective' date", o.where)
          .AddNote("every order needs 'effective DATE', the default start of its operations");
    }
    if (header_ok && o.sources.empty()) {
      c_.Error("missing 'sources'", o.where).AddNote("cite at least one source: sources ID, ID …");
    }

    if (has_body) {
      const Token& open = c_.Next();
      const SourceRegion open_where = c_.Region(open);
      while (true) {
        c_.SkipSeparators();
        const Token& t = c_.Peek();
        if (t.kind == TokenKind::kRBrace) {
          c_.Next();
          break;
        }
        if (t.kind == TokenKind::kEof || c_.AtTopLevelItem()) {
          c_.Expected(fmt::format("'}}' to close order '{}'", o.id), t).AddNote("the operations open here", open_where);
          break;
        }
        if (!ParseOp(&o, effective)) SkipStatement();
      }
    }

    auto [it, inserted] = order_ids_.emplace(o.id, o.where);
    if (!inserted) {
      c_.ErrorUnscoped(fmt::format("duplicate order id '{}'", o.id), o.where, Code::kConflict)
          .AddNote(fmt::format("order '{}' was first defined here", o.id), it->second);
    }
    batch_.orders.push_back(std::move(o));
  }

  // ---- Sources --------------------------------------------------------------

  void ParseSource() {
    c_.Next();  // source
    TokenCursor::Scope scope(&c_, "a source");
    if (!c_.AtId()) {
      c_.Expected("a source id after 'source'", c_.Peek());
      c_.RecoverTopLevel();
      return;
    }
    const Token& id = c_.Next();
    SourceDecl d;
    d.id = std::string(id.text);
    d.where = c_.Region(id);
    scope.Rename(fmt::format("source '{}'", d.id));
    c_.SkipLineBreaks();
    if (!c_.At(TokenKind::kLBrace)) {
      c_.Expected("'{' after the source id", c_.Peek()).AddNote("write: source ID { title \"…\" … }");
      if (!c_.AtTopLevelItem()) c_.RecoverTopLevel();
      return;
    }
    const Token& open = c_.Next();
    const SourceRegion open_where = c_.Region(open);
    SeenKeywords seen;
    bool fields_ok = true;
    while (true) {
      c_.SkipSeparators();
      const Token& t = c_.Peek();
      if (t.kind == TokenKind::kRBrace) {
        c_.Next();
        break;
      }
      if (t.kind == TokenKind::kEof || c_.AtTopLevelItem()) {
        c_.Expected(fmt::format("'}}' to close source '{}'", d.id), t).AddNote("the source opens here", open_where);
        fields_ok = false;
        break;
      }
      if (!c_.AtWordIn(kSourceFields)) {
        std::string fields;
        for (const std::string& f : kSourceFields) fields += (fields.empty() ? "'" : ", '") + f + "'";
        Status& s = c_.Expected("a source field (" + fields + ") or '}'", t);
        if (t.kind == TokenKind::kWord) c_.DidYouMean(s, t.text, kSourceFields);
        fields_ok = false;
        c_.reset_nesting();
        SkipStatement();
        continue;
      }
      const Token& field = c_.Next();
      c_.CheckOnce(&seen, field, "field");
      bool ok = true;
      const std::string what = fmt::format("a string after '{}'", field.text);
      if (field.text == "date") {
        FuzzyDate date;
        ok = ExpectDate(field, &date, nullptr);
        if (ok) d.date = date;
      } else if (field.text == "title") {
        ok = c_.ExpectString(what, &d.title);
      } else if (field.text == "publisher") {
        ok = c_.ExpectString(what, &d.publisher);
      } else if (field.text == "url") {
        ok = c_.ExpectString(what, &d.url);
      } else if (field.text == "quote") {
        ok = c_.ExpectString(what, &d.quote);
      } else if (field.text == "original") {
        ok = c_.ExpectString(what, &d.original);
      } else {
        ok = c_.ExpectString(what, &d.note);
      }
      if (ok && !c_.AtEndOfStatement() && !c_.AtWordIn(kSourceFields)) {
        c_.Expected("end of line", c_.Peek());
        ok = false;
      }
      if (!ok) {
        fields_ok = false;
        c_.reset_nesting();
        SkipStatement();
      }
    }
    if (fields_ok && seen.find("title") == seen.end()) {
      c_.Error("missing 'title'", d.where).AddNote("every source needs a title: title \"…\"");
    }
    auto [it, inserted] = source_ids_.emplace(d.id, d.where);
    if (!inserted) {
      c_.ErrorUnscoped(fmt::format("duplicate source id '{}'", d.id), d.where, Code::kConflict)
          .AddNote(fmt::format("source '{}' was first defined here", d.id), it->second);
    }
    batch_.sources.push_back(std::move(d));
  }

  // ---- Schema ---------------------------------------------------------------

  // Skips the rest of a one-line declaration.
  void SkipLine() {
    while (!c_.At(TokenKind::kEof) && !c_.At(TokenKind::kNewline) && !c_.At(TokenKind::kSemicolon)) c_.Next();
  }

  // Ends a one-line declaration: reports anything left on the line.
  bool ExpectEndOfDeclaration(std::string_view what) {
    if (c_.At(TokenKind::kNewline) || c_.At(TokenKind::kSemicolon) || c_.At(TokenKind::kEof)) return true;
    c_.Expected(what, c_.Peek());
    SkipLine();
    return false;
  }

  // Comma-separated kind names.
  bool ParseKindList(std::string_view what, std::vector<std::string>* out) {
    while (true) {
      std::string kind;
      if (!c_.ExpectId(what, &kind, nullptr)) return false;
      out->push_back(std::move(kind));
      if (!c_.At(TokenKind::kComma)) return true;
      c_.Next();
    }
  }

  // The name of a declaration after its keyword; names the scope after it.
  bool ParseDeclName(TokenCursor::Scope* scope, std::string_view keyword, std::string* name, SourceRegion* where) {
    c_.Next();
    if (!c_.ExpectId(fmt::format("a {} name after '{}'", keyword, keyword), name, where)) {
      SkipLine();
      return false;
    }
    scope->Rename(fmt::format("{} '{}'", keyword, *name));
    return true;
  }

  bool ParseDeclNote(SeenKeywords* seen, std::string* note) {
    const Token& kw = c_.Next();
    c_.CheckOnce(seen, kw, "clause");
    if (!c_.ExpectString("a string after 'note'", note)) {
      SkipLine();
      return false;
    }
    return true;
  }

  void ParseKind() {
    KindDecl d;
    TokenCursor::Scope scope(&c_, "a kind");
    if (!ParseDeclName(&scope, "kind", &d.name, &d.where)) return;
    if (c_.At(TokenKind::kColon)) {
      c_.Next();
      if (!c_.ExpectId("a parent kind after ':'", &d.parent, nullptr)) {
        SkipLine();
        return;
      }
    }
    SeenKeywords seen;
    while (c_.AtWord("note")) {
      if (!ParseDeclNote(&seen, &d.note)) return;
    }
    if (!ExpectEndOfDeclaration(d.parent.empty() ? "': PARENT', 'note' or end of line" : "'note' or end of line")) {
      return;
    }
    batch_.kinds.push_back(std::move(d));
  }

  // perspective ID [note "…"]
  void ParsePerspective() {
    PerspectiveDecl d;
    TokenCursor::Scope scope(&c_, "a perspective");
    if (!ParseDeclName(&scope, "perspective", &d.name, &d.where)) return;
    SeenKeywords seen;
    while (c_.AtWord("note")) {
      if (!ParseDeclNote(&seen, &d.note)) return;
    }
    if (!ExpectEndOfDeclaration("'note' or end of line")) return;
    batch_.perspectives.push_back(std::move(d));
  }

  void ParseRelation() {
    RelationDecl d;
    TokenCursor::Scope scope(&c_, "a relation");
    if (!ParseDeclName(&scope, "relation", &d.name, &d.where)) return;
    if (!c_.At(TokenKind::kColon)) {
      c_.Expected(fmt::format("':' after '{}'", d.name), c_.Peek())
          .AddNote("write: relation NAME : SUBJECT-KINDS -> OBJECT-KINDS [exclusive] [acyclic]");
      SkipLine();
      return;
    }
    c_.Next();
    if (!ParseKindList("a subject kind", &d.subject_kinds)) return SkipLine();
    if (!c_.At(TokenKind::kArrow)) {
      c_.Expected("',' or '->' after the subject kinds", c_.Peek())
          .AddNote("write: relation NAME : SUBJECT-KINDS -> OBJECT-KINDS [exclusive] [acyclic]");
      return SkipLine();
    }
    c_.Next();
    if (!ParseKindList("an object kind", &d.object_kinds)) return SkipLine();
    SeenKeywords seen;
    while (c_.AtWord("exclusive") || c_.AtWord("acyclic") || c_.AtWord("note")) {
      if (c_.AtWord("note")) {
        if (!ParseDeclNote(&seen, &d.note)) return;
        continue;
      }
      const Token& flag = c_.Next();
      c_.CheckOnce(&seen, flag, "flag");
      (flag.text == "exclusive" ? d.exclusive : d.acyclic) = true;
    }
    if (!c_.At(TokenKind::kNewline) && !c_.At(TokenKind::kSemicolon) && !c_.At(TokenKind::kEof)) {
      Status& s = c_.Expected("',', 'exclusive', 'acyclic', 'note' or end of line", c_.Peek());
      if (c_.At(TokenKind::kWord)) c_.DidYouMean(s, c_.Peek().text, {"exclusive", "acyclic", "note"});
      return SkipLine();
    }
    batch_.relations.push_back(std::move(d));
  }

  void ParseAttribute() {
    AttributeDecl d;
    TokenCursor::Scope scope(&c_, "a attribute");
    if (!ParseDeclName(&scope, "attribute", &d.name, &d.where)) return;
    if (!c_.At(TokenKind::kColon)) {
      c_.Expected(fmt::format("':' after '{}'", d.name), c_.Peek())
          .AddNote("write: attribute NAME : SUBJECT-KINDS -> TYPE");
      return SkipLine();
    }
    c_.Next();
    if (c_.At(TokenKind::kStar)) {
      c_.Next();
    } else if (!ParseKindList("a subject kind or '*'", &d.subject_kinds)) {
      return SkipLine();
    }
    if (!c_.At(TokenKind::kArrow)) {
      c_.Expected(d.subject_kinds.empty() ? "'->' after '*'" : "',' or '->' after the subject kinds", c_.Peek())
          .AddNote("write: attribute NAME : SUBJECT-KINDS -> TYPE");
      return SkipLine();
    }
    c_.Next();
    const Token& type = c_.Peek();
    const auto found = std::find(kTypeNames.begin(), kTypeNames.end(), type.text);
    if (type.kind != TokenKind::kWord || found == kTypeNames.end()) {
      Status& s = c_.Expected("a type ('string', 'integer', 'number', 'date' or 'boolean')", type);
      if (type.kind == TokenKind::kWord) c_.DidYouMean(s, type.text, kTypeNames);
      return SkipLine();
    }
    d.type = static_cast<ValueType>(found - kTypeNames.begin());
    c_.Next();
    SeenKeywords seen;
    while (c_.AtWord("note")) {
      if (!ParseDeclNote(&seen, &d.note)) return;
    }
    if (!ExpectEndOfDeclaration("'note' or end of line")) return;
    batch_.attributes.push_back(std::move(d));
  }

  // ---- Result ---------------------------------------------------------------

  ParseResult Finish() {
    ParseResult r;
    r.batch = std::move(batch_);
    r.diagnostics = c_.TakeDiagnostics();
    return r;
  }

  TokenCursor c_;
  Batch batch_;
  SeenKeywords order_ids_;
  SeenKeywords source_ids_;
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

QueryParseResult ParseQuery(std::string_view text, const std::string& file) {
  QueryParseResult r;
  lang::TokenCursor cursor(text, file);
  if (!lang::ParseQueryText(cursor, &r.query)) r.query = QueryDecl{};
  r.diagnostics = cursor.TakeDiagnostics();
  if (r.diagnostics.empty() && r.query.atoms.empty()) {
    r.diagnostics.push_back(Status::Invalid("the query is empty").AddNote("write, e.g.: member-of(?s, nato)"));
  }
  return r;
}

}  // namespace ordo
