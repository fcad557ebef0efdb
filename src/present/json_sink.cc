#include "present/json_sink.h"

#include <array>
#include <charconv>

#include "lang/utf8.h"

namespace ordo::present {

namespace {

// Whether s is well-formed UTF-8, by the rule nlohmann's writer decodes by (RFC 3629).
bool IsUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t len = lang::Utf8SequenceLength(s, i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

}  // namespace

namespace {

// The bytes a JSON string holds as they are: printable ASCII but for the quote and the backslash.
// Bytes from 0x80 are UTF-8, checked once per string.
constexpr std::array<bool, 256> kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[c] = c != '"' && c != '\\';
  return t;
}();

}  // namespace

void TextSink::AppendString(std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  const size_t mark = out_.size();
  out_ += '"';
  bool utf8_checked = false;
  size_t run = 0;  // start of the bytes not yet copied
  for (size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (kPlain[c]) continue;
    if (c >= 0x80) {
      if (!utf8_checked && !IsUtf8(s.substr(i))) {
        // Replacement characters where nlohmann puts them: rare enough to let it write the string.
        out_.resize(mark);
        out_ += json(std::string(s)).dump(-1, ' ', false, json::error_handler_t::replace);
        return;
      }
      utf8_checked = true;
      continue;
    }
    out_.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      default:
        out_ += "\\u00";
        out_ += kHex[c >> 4];
        out_ += kHex[c & 0xf];
    }
  }
  out_.append(s.data() + run, s.size() - run);
  out_ += '"';
}

void TextSink::Int(int64_t v) {
  Separate();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void TextSink::UInt(uint64_t v) {
  Separate();
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out_.append(buf, r.ptr);
}

void TextSink::Value(const json& v) {
  Separate();
  out_ += v.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace ordo::present
