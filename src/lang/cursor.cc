#include "lang/cursor.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/text.h"
#include "lang/literal.h"

namespace ordo::lang {

const std::vector<std::string> kTopLevelKeywords = {"order", "source", "kind", "relation", "attribute", "rule"};

std::string QuotedList(const std::vector<std::string>& words) {
  std::string out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i > 0) out += i + 1 == words.size() ? " or " : ", ";
    out += "'" + words[i] + "'";
  }
  return out;
}

TokenCursor::TokenCursor(std::string_view text, const std::string& file) : file_(file) {
  tokens_ = Lex(text, file, &diagnostics_, &dropped_);
}

const Token& TokenCursor::Next() {
  const Token& t = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  last_end_ = t.end;
  if (t.kind == TokenKind::kLParen || t.kind == TokenKind::kLBracket) ++nesting_;
  if ((t.kind == TokenKind::kRParen || t.kind == TokenKind::kRBracket) && nesting_ > 0) --nesting_;
  return t;
}

bool TokenCursor::AtWordIn(const std::vector<std::string>& words) const {
  return At(TokenKind::kWord) && std::find(words.begin(), words.end(), Peek().text) != words.end();
}

bool TokenCursor::AtId() const { return At(TokenKind::kWord) && IsId(Peek().text); }

bool TokenCursor::AtEndOfStatement() const {
  const TokenKind k = Peek().kind;
  return k == TokenKind::kNewline || k == TokenKind::kSemicolon || k == TokenKind::kRBrace || k == TokenKind::kEof;
}

void TokenCursor::SkipLineBreaks() {
  while (At(TokenKind::kNewline)) Next();
}

void TokenCursor::SkipSeparators() {
  while (At(TokenKind::kNewline) || At(TokenKind::kSemicolon)) Next();
}

void TokenCursor::RecoverTopLevel() {
  int depth = 0;
  do {
    const Token& t = Next();
    if (t.kind == TokenKind::kLBrace) ++depth;
    if (t.kind == TokenKind::kRBrace && depth > 0) --depth;
  } while (!At(TokenKind::kEof) && !(depth == 0 && AtTopLevelItem()));
}

Status& TokenCursor::Error(std::string detail, SourceRegion where, Code code) {
  std::string message = scope_.empty() ? std::move(detail) : "while parsing " + scope_ + ": " + detail;
  return ErrorUnscoped(std::move(message), std::move(where), code);
}

Status& TokenCursor::ErrorUnscoped(std::string message, SourceRegion where, Code code) {
  if (parser_errors_ >= kMaxParserDiagnostics) {
    ++dropped_;
    discarded_ = Status();
    return discarded_;
  }
  ++parser_errors_;
  diagnostics_.push_back(Status::Error(code, std::move(message), std::move(where)));
  return diagnostics_.back();
}

Status& TokenCursor::Expected(std::string_view what, const Token& saw) {
  return Error(fmt::format("expected {}, saw {}", what, Describe(saw)), Region(saw));
}

void TokenCursor::DidYouMean(Status& status, std::string_view word, const std::vector<std::string>& candidates) {
  std::vector<std::string> near = Nearest(word, candidates, 1);
  if (!near.empty() && near.front() != word) status.AddNote(fmt::format("did you mean '{}'?", near.front()));
}

void TokenCursor::CheckOnce(SeenKeywords* seen, const Token& keyword, std::string_view what) {
  auto it = seen->find(keyword.text);
  if (it == seen->end()) {
    seen->emplace(std::string(keyword.text), Region(keyword));
    return;
  }
  Error(fmt::format("duplicate '{}' {}", keyword.text, what), Region(keyword))
      .AddNote(fmt::format("'{}' was first given here", keyword.text), it->second);
}

bool TokenCursor::ExpectId(std::string_view what, std::string* out, SourceRegion* where) {
  if (!AtId()) {
    Expected(what, Peek());
    return false;
  }
  const Token& t = Next();
  *out = std::string(t.text);
  if (where != nullptr) *where = Region(t);
  return true;
}

bool TokenCursor::ExpectString(std::string_view what, std::string* out) {
  if (!At(TokenKind::kString)) {
    Expected(what, Peek());
    return false;
  }
  *out = Next().value;
  return true;
}

Diagnostics TokenCursor::TakeDiagnostics() {
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
  return std::move(diagnostics_);
}

bool ParseQualifierList(TokenCursor& c, std::vector<Qualifier>* out, SeenKeywords* keys) {
  const Token& open = c.Next();
  const SourceRegion open_where = c.Region(open);
  c.SkipLineBreaks();
  while (true) {
    const Token& t = c.Peek();
    if (t.kind == TokenKind::kRBracket) {
      c.Next();
      return true;
    }
    if (t.kind == TokenKind::kEof || t.kind == TokenKind::kRBrace) {
      c.Expected("']' to close the qualifiers", t).AddNote("the qualifiers open here", open_where);
      return false;
    }
    if (t.kind != TokenKind::kWord || !IsId(t.text)) {
      c.Expected("a qualifier key or ']'", t);
      return false;
    }
    const Token& key = c.Next();
    if (!c.At(TokenKind::kColon)) {
      c.Expected(fmt::format("':' after the qualifier key '{}'", key.text), c.Peek())
          .AddNote("write qualifiers as [key: value, key: value]");
      return false;
    }
    c.Next();
    const Token& v = c.Peek();
    Qualifier q;
    q.key = std::string(key.text);
    if (v.kind == TokenKind::kString) {
      q.value = Value{v.value};
    } else if (v.kind == TokenKind::kWord) {
      Result<Value> value = QualifierWordValue(v.text);
      if (!value.ok()) {
        c.Error(value.status().message(), c.Region(v));
        return false;
      }
      q.value = *std::move(value);
    } else {
      c.Expected(fmt::format("a value for the qualifier '{}'", key.text), v);
      return false;
    }
    c.Next();
    auto it = keys->find(q.key);
    if (it != keys->end()) {
      c.Error(fmt::format("duplicate qualifier '{}'", q.key), c.Region(key))
          .AddNote(fmt::format("'{}' was first given here", q.key), it->second);
    } else {
      keys->emplace(q.key, c.Region(key));
    }
    out->push_back(std::move(q));
    c.SkipLineBreaks();
    if (c.At(TokenKind::kComma)) {
      c.Next();
      c.SkipLineBreaks();
    } else if (!c.At(TokenKind::kRBracket)) {
      Status& s = c.Expected("',' or ']' after a qualifier", c.Peek());
      if (c.At(TokenKind::kEof) || c.At(TokenKind::kRBrace)) s.AddNote("the qualifiers open here", open_where);
      return false;
    }
  }
}

}  // namespace ordo::lang
