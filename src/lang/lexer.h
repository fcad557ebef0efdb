// The order language's lexer: text -> tokens, each with its source region.
#ifndef ORDO_LANG_LEXER_H_
#define ORDO_LANG_LEXER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ordo/status.h"

namespace ordo::lang {

enum class TokenKind : uint8_t {
  kWord,       // ids, keywords, numbers, dates, instants: RU-MUR, move, 5580, -3, 2014-12~, 2024-02-26T17:30Z
  kString,     // "..."; value holds the decoded text
  kLangTag,    // @ru; value holds "ru"
  kArrow,      // ->
  kColon,      // :
  kComma,      // ,
  kSemicolon,  // ;
  kStar,       // *
  kLParen,     // (
  kRParen,     // )
  kLBracket,   // [
  kRBracket,   // ]
  kLBrace,     // {
  kRBrace,     // }
  kNewline,    // end of a line
  kEof,        // end of the text
};

struct Token {
  TokenKind kind = TokenKind::kEof;
  std::string_view text;  // the token as written (a view into the lexed text)
  std::string value;      // kString: the decoded text; kLangTag: the tag without '@'
  SourcePosition begin;   // 1-based; columns count code points
  SourcePosition end;     // exclusive
};

// How a token is named in messages: 'move', a string "Moscow", '->', end of line, end of file.
std::string Describe(const Token& token);

// The lexer records at most this many errors (they come in text order, so these are the first);
// it counts the others.
inline constexpr size_t kMaxLexerDiagnostics = 64;

// Splits text into tokens, always ending with one kEof token. Lexical errors (stray characters,
// malformed UTF-8, unterminated strings, unknown escapes, a lone '@') are appended to
// *diagnostics with regions naming `file`, up to kMaxLexerDiagnostics; the number of errors left
// out is added to *dropped when dropped is not null. The lexer skips the offending bytes and goes
// on, so the parser still sees a usable token stream. The tokens' text views point into `text`,
// which must outlive them.
std::vector<Token> Lex(std::string_view text, const std::string& file, Diagnostics* diagnostics,
                       size_t* dropped = nullptr);

}  // namespace ordo::lang

#endif  // ORDO_LANG_LEXER_H_
