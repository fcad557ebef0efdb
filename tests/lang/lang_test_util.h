// Helpers shared by the order-language tests.
#ifndef ORDO_TESTS_LANG_LANG_TEST_UTIL_H_
#define ORDO_TESTS_LANG_LANG_TEST_UTIL_H_

#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

#include "lang/utf8.h"
#include "ordo/lang.h"
#include "ordo/status.h"

namespace ordo::lang::testing {

// The byte offset of (line, column) in text, or npos when the text has no such place.
inline size_t OffsetOf(std::string_view text, SourcePosition p) {
  size_t i = 0;
  for (uint32_t l = 1; l < p.line; ++l) {
    i = text.find('\n', i);
    if (i == std::string_view::npos) return i;
    ++i;
  }
  for (uint32_t c = 1; c < p.column; ++c) {
    if (i >= text.size() || text[i] == '\n') return std::string_view::npos;
    i += Utf8Step(text, i);
  }
  return i;
}

// The text a region covers, or "<bad region>".
inline std::string TextAt(std::string_view text, const SourceRegion& r) {
  const size_t b = OffsetOf(text, r.begin);
  const size_t e = OffsetOf(text, r.end);
  if (b == std::string_view::npos || e == std::string_view::npos || e < b) return "<bad region>";
  return std::string(text.substr(b, e - b));
}

// "line:col-line:col" for compact assertions.
inline std::string Where(const SourceRegion& r) {
  return std::to_string(r.begin.line) + ":" + std::to_string(r.begin.column) + "-" + std::to_string(r.end.line) + ":" +
         std::to_string(r.end.column);
}

// All diagnostics as "line:col: message" lines, for readable failures.
inline std::string Summary(const Diagnostics& diagnostics) {
  std::string out;
  for (const Status& s : diagnostics) {
    out +=
        std::to_string(s.where().begin.line) + ":" + std::to_string(s.where().begin.column) + ": " + s.message() + "\n";
  }
  return out;
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace ordo::lang::testing

#endif  // ORDO_TESTS_LANG_LANG_TEST_UTIL_H_
