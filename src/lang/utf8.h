// UTF-8 helpers for the order language: columns are counted in code points, so a caret
// lines up under Cyrillic text.
#ifndef ORDO_LANG_UTF8_H_
#define ORDO_LANG_UTF8_H_

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace ordo::lang {

// Length in bytes of the well-formed UTF-8 sequence starting at s[i], or 0 when the bytes
// there are not well-formed (stray continuation byte, overlong form, surrogate, > U+10FFFF,
// truncated sequence). REQUIRES: i < s.size().
inline size_t Utf8SequenceLength(std::string_view s, size_t i) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  if (c < 0x80) return 1;
  size_t len;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (b(i + 1) < lo || b(i + 1) > hi) return 0;
  for (size_t k = 2; k < len; ++k) {
    if (b(i + k) < 0x80 || b(i + k) > 0xBF) return 0;
  }
  return len;
}

// The code point of the well-formed sequence of length len at s[i].
inline uint32_t Utf8Decode(std::string_view s, size_t i, size_t len) {
  const auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(s[k])); };
  switch (len) {
    case 1: return b(i);
    case 2: return ((b(i) & 0x1F) << 6) | (b(i + 1) & 0x3F);
    case 3: return ((b(i) & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    default: return ((b(i) & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
  }
}

// Bytes to step over at s[i] as one column: a well-formed sequence, or one malformed byte.
inline size_t Utf8Step(std::string_view s, size_t i) {
  const size_t len = Utf8SequenceLength(s, i);
  return len == 0 ? 1 : len;
}

}  // namespace ordo::lang

#endif  // ORDO_LANG_UTF8_H_
