// Words of a UTF-8 text for `ordo read` (docs/read.md): where each word is, in bytes and in
// code points, its case-folded form and its script. Punctuation that matters to the reader
// (commas, sentence ends, quotation marks, brackets) is kept as one-character tokens.
#ifndef ORDO_READ_TOKENS_H_
#define ORDO_READ_TOKENS_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ordo::read {

enum class Script : uint8_t { kNone, kLatin, kCyrillic };

struct Token {
  size_t begin = 0, end = 0;        // bytes of the text, [begin, end)
  size_t cp_begin = 0, cp_end = 0;  // code points of the text, [cp_begin, cp_end)
  std::string fold;                 // case-folded; ё → е, ’ and ʼ → '
  Script script = Script::kNone;
  bool word = false;     // letters and digits (with inner hyphens and apostrophes); else punctuation
  bool capital = false;  // its first letter is upper case
  bool upper = false;    // two letters or more, all upper case: an abbreviation ("LMD", "ЗВО")
};

// The offset of the first byte that is not well-formed UTF-8, or npos when all are.
size_t FirstInvalidUtf8(std::string_view text);

// The tokens of text, in order. REQUIRES: FirstInvalidUtf8(text) == npos.
std::vector<Token> Tokenize(std::string_view text);

// Case folding for Latin (ASCII, Latin-1, Latin Extended-A) and Cyrillic, with ё → е and the
// typographic apostrophes → '. Other characters are kept.
std::string Fold(std::string_view text);

// Whether a token ends a sentence ('.', '!', '?', ';', ':' and line breaks count as ends of
// the stretch a coordinated list may span).
bool EndsSentence(const Token& t);

}  // namespace ordo::read

#endif  // ORDO_READ_TOKENS_H_
