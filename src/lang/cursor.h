// The one token cursor of ordo's languages: the order language (parser.cc), watch rules
// (rule_parser.cc) and any later query language read tokens through it. It owns the position,
// the parse scope that prefixes every message ("while parsing order 'X': ..."), the error cap and
// the "did you mean" hints, so that every grammar reports errors the same way.
#ifndef ORDO_LANG_CURSOR_H_
#define ORDO_LANG_CURSOR_H_

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lang/lexer.h"
#include "ordo/order.h"
#include "ordo/status.h"

namespace ordo::lang {

// At most this many diagnostics are reported for one text; one more says the rest were dropped.
inline constexpr size_t kMaxDiagnostics = 50;
// The cursor keeps at most this many parser errors in memory (a binary file given by mistake
// would otherwise make one per line); it only counts the others. Errors come nearly in text
// order, so the first kMaxDiagnostics by position are among those kept.
inline constexpr size_t kMaxParserDiagnostics = 1000;

// The keywords that start a top-level item, in the order messages list them:
// order source kind relation attribute rule.
extern const std::vector<std::string> kTopLevelKeywords;

// "'a', 'b' or 'c'": a list of keywords as messages name them.
std::string QuotedList(const std::vector<std::string>& words);

// Clause keywords seen once per item, and where: for "duplicate 'x'" errors.
using SeenKeywords = std::map<std::string, SourceRegion, std::less<>>;

class TokenCursor {
 public:
  // Lexes text; lexical errors go to the cursor's diagnostics.
  TokenCursor(std::string_view text, const std::string& file);
  TokenCursor(const TokenCursor&) = delete;
  TokenCursor& operator=(const TokenCursor&) = delete;

  // ---- Tokens ----
  const Token& Peek(size_t k = 0) const { return tokens_[std::min(pos_ + k, tokens_.size() - 1)]; }
  // Consumes one token (at the end of file stays there) and tracks open '(' and '['.
  const Token& Next();
  bool At(TokenKind kind) const { return Peek().kind == kind; }
  bool AtWord(std::string_view word) const { return At(TokenKind::kWord) && Peek().text == word; }
  bool AtWordIn(const std::vector<std::string>& words) const;
  bool AtId() const;
  // A variable of a rule or query: ?name.
  bool AtVariable() const { return At(TokenKind::kWord) && Peek().text.size() > 1 && Peek().text[0] == '?'; }
  // The current token is the first on its line.
  bool AtLineStart() const { return pos_ == 0 || tokens_[pos_ - 1].kind == TokenKind::kNewline; }
  // A top-level keyword first on its line: the start of the next item, for recovery.
  bool AtTopLevelItem() const { return AtLineStart() && AtWordIn(kTopLevelKeywords); }
  // At a newline, ';', '}' or the end of file.
  bool AtEndOfStatement() const;
  void SkipLineBreaks();
  void SkipSeparators();  // newlines and ';'
  // Skips to the next top-level item (outside braces) or the end of file.
  void RecoverTopLevel();

  // '(' and '[' open in the current statement; reset at the start of each statement.
  int nesting() const { return nesting_; }
  void reset_nesting() { nesting_ = 0; }
  SourcePosition last_end() const { return last_end_; }
  const std::string& file() const { return file_; }

  SourceRegion Region(const Token& t) const { return SourceRegion{file_, t.begin, t.end}; }
  SourceRegion Region(SourcePosition begin, SourcePosition end) const { return SourceRegion{file_, begin, end}; }

  // ---- Diagnostics ----
  // Records an error, prefixed with the parse scope; the reference is valid until the next error.
  // Past kMaxParserDiagnostics the error is only counted (its notes go nowhere).
  Status& Error(std::string detail, SourceRegion where, Code code = Code::kInvalid);
  // The same without the scope prefix (for errors about a whole item, e.g. a duplicate id).
  Status& ErrorUnscoped(std::string message, SourceRegion where, Code code = Code::kInvalid);
  // "expected WHAT, saw TOKEN" at the token.
  Status& Expected(std::string_view what, const Token& saw);
  // Adds "did you mean 'X'?" when a candidate is close to word.
  static void DidYouMean(Status& status, std::string_view word, const std::vector<std::string>& candidates);
  // Records keyword in *seen, or reports it as a duplicate `what` ("clause", "field", "flag").
  void CheckOnce(SeenKeywords* seen, const Token& keyword, std::string_view what);

  // ---- Pieces every grammar reads ----
  // An id; reports "expected WHAT" otherwise. where may be null.
  bool ExpectId(std::string_view what, std::string* out, SourceRegion* where);
  // A quoted string; reports "expected WHAT" otherwise.
  bool ExpectString(std::string_view what, std::string* out);

  // The diagnostics so far, sorted by position and capped at kMaxDiagnostics (with a last one
  // counting the rest). Call once, at the end.
  Diagnostics TakeDiagnostics();

  // The parse scope named in messages ("an order", "order 'x'", "rule 'y'"). Sets it for the
  // lifetime of the object and restores the enclosing one after.
  class Scope {
   public:
    Scope(TokenCursor* cursor, std::string name) : cursor_(cursor), saved_(std::move(cursor->scope_)) {
      cursor_->scope_ = std::move(name);
    }
    ~Scope() { cursor_->scope_ = std::move(saved_); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;
    // Renames the scope once its item's id is known: "an order" -> "order 'x'".
    void Rename(std::string name) { cursor_->scope_ = std::move(name); }

   private:
    TokenCursor* cursor_;
    std::string saved_;
  };

 private:
  std::string file_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  SourcePosition last_end_;
  int nesting_ = 0;
  std::string scope_;
  Diagnostics diagnostics_;
  size_t parser_errors_ = 0;  // recorded by the grammar (the lexer's are in diagnostics_ too)
  size_t dropped_ = 0;        // errors counted but not recorded (lexer and grammar)
  Status discarded_;          // absorbs the notes of errors past the cap
};

// `[key: value, ...]` at the cursor's '[': a bare word is a string, a literal a value. Appends to
// *out; a key given twice is reported (with where it was first given) and parsing goes on; keys
// are recorded in *keys. Returns false after a structural error (the cursor is then inside the
// brackets; the caller skips the statement).
bool ParseQualifierList(TokenCursor& c, std::vector<Qualifier>* out, SeenKeywords* keys);

}  // namespace ordo::lang

#endif  // ORDO_LANG_CURSOR_H_
