#include "read/tokens.h"

#include "lang/utf8.h"

namespace ordo::read {

namespace {

bool IsLetter(uint32_t c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||
         (c >= 0x400 && c <= 0x52F);
}
bool IsDigit(uint32_t c) { return c >= '0' && c <= '9'; }
bool IsApostrophe(uint32_t c) { return c == '\'' || c == 0x2019 || c == 0x2BC; }
bool IsHyphen(uint32_t c) { return c == '-' || c == 0x2010 || c == 0x2011; }

bool IsUpper(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return true;
  if (c >= 0x100 && c <= 0x17F) return c % 2 == 0;
  if (c >= 0x400 && c <= 0x42F) return true;
  if (c >= 0x460 && c <= 0x52F) return c % 2 == 0;
  return false;
}

uint32_t Lower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  if (c >= 0x100 && c <= 0x17F && c % 2 == 0) return c + 1;
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;
  if (c >= 0x460 && c <= 0x52F && c % 2 == 0) return c + 1;
  return c;
}

void Append(std::string* out, uint32_t c) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

uint32_t FoldChar(uint32_t c) {
  c = Lower(c);
  if (c == 0x451) return 0x435;                // ё → е
  if (c == 0x2019 || c == 0x2BC) return '\'';  // ’ ʼ → '
  if (IsHyphen(c)) return '-';
  return c;
}

struct Decoded {
  uint32_t c;
  size_t len;
};
Decoded At(std::string_view s, size_t i) {
  size_t len = lang::Utf8SequenceLength(s, i);
  if (len == 0) return {0xFFFD, 1};
  return {lang::Utf8Decode(s, i, len), len};
}

}  // namespace

size_t FirstInvalidUtf8(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    size_t len = lang::Utf8SequenceLength(text, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string Fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    Decoded d = At(text, i);
    Append(&out, FoldChar(d.c));
    i += d.len;
  }
  return out;
}

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> out;
  size_t i = 0, cp = 0;
  while (i < text.size()) {
    Decoded d = At(text, i);
    if (IsLetter(d.c) || IsDigit(d.c)) {
      Token t;
      t.begin = i;
      t.cp_begin = cp;
      t.word = true;
      t.capital = IsUpper(d.c);
      size_t letters = 0, uppers = 0;
      // A word runs over letters and digits, and over one hyphen or apostrophe between two of them.
      while (i < text.size()) {
        Decoded c = At(text, i);
        if (IsLetter(c.c) || IsDigit(c.c)) {
          if (IsLetter(c.c)) {
            ++letters;
            if (IsUpper(c.c)) ++uppers;
            if (t.script == Script::kNone) t.script = c.c >= 0x400 ? Script::kCyrillic : Script::kLatin;
          }
          Append(&t.fold, FoldChar(c.c));
          i += c.len;
          ++cp;
          continue;
        }
        if ((IsHyphen(c.c) || IsApostrophe(c.c)) && i + c.len < text.size()) {
          Decoded n = At(text, i + c.len);
          if (IsLetter(n.c) || IsDigit(n.c)) {
            Append(&t.fold, FoldChar(c.c));
            i += c.len;
            ++cp;
            continue;
          }
        }
        break;
      }
      t.end = i;
      t.cp_end = cp;
      t.upper = letters >= 2 && uppers == letters;
      out.push_back(std::move(t));
      continue;
    }
    const bool kept = d.c == ',' || d.c == '.' || d.c == '!' || d.c == '?' || d.c == ';' || d.c == ':' || d.c == '(' ||
                      d.c == ')' || d.c == '"' || d.c == 0xAB || d.c == 0xBB || d.c == 0x201C || d.c == 0x201D ||
                      d.c == 0x201E || d.c == '\n' || d.c == 0x2014 || d.c == 0x2013;
    if (kept) {
      Token t;
      t.begin = i;
      t.end = i + d.len;
      t.cp_begin = cp;
      t.cp_end = cp + 1;
      Append(&t.fold, d.c);
      out.push_back(std::move(t));
    }
    i += d.len;
    ++cp;
  }
  return out;
}

bool EndsSentence(const Token& t) {
  return !t.word &&
         (t.fold == "." || t.fold == "!" || t.fold == "?" || t.fold == ";" || t.fold == ":" || t.fold == "\n");
}

}  // namespace ordo::read
