#include "lang/literal.h"

#include <fmt/format.h>

#include <charconv>
#include <string>
#include <system_error>

#include "ordo/time.h"

namespace ordo::lang {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlnum(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c); }

}  // namespace

LiteralShape ShapeOf(std::string_view w) {
  if (w == "true" || w == "false") return LiteralShape::kBoolean;
  if (w.empty()) return LiteralShape::kOther;
  std::string_view body = w;
  if (body.front() == '-') body.remove_prefix(1);
  if (body.empty() || !IsDigit(body.front())) return LiteralShape::kOther;
  size_t digits = 0;
  while (digits < body.size() && IsDigit(body[digits])) ++digits;
  if (digits == body.size()) return LiteralShape::kInteger;
  if (body[digits] == '.') {
    size_t k = digits + 1;
    size_t frac = 0;
    while (k + frac < body.size() && IsDigit(body[k + frac])) ++frac;
    if (frac > 0 && k + frac == body.size()) return LiteralShape::kNumber;
    return LiteralShape::kOther;
  }
  // Dates do not start with '-'.
  if (w.front() == '-') return LiteralShape::kOther;
  std::string_view rest = body;
  const char last = rest.back();
  const bool marked = last == '?' || last == '~' || last == '%';
  if (marked) rest.remove_suffix(1);
  // digits ('-' digits){0,2}
  size_t groups = 0;
  size_t i = 0;
  while (true) {
    size_t n = 0;
    while (i + n < rest.size() && IsDigit(rest[i + n])) ++n;
    if (n == 0) return LiteralShape::kOther;
    ++groups;
    i += n;
    if (i == rest.size()) break;
    if (rest[i] != '-' || groups == 3) return LiteralShape::kOther;
    ++i;
  }
  return LiteralShape::kDate;
}

Result<Value> LiteralValue(std::string_view w) {
  switch (ShapeOf(w)) {
    case LiteralShape::kBoolean: return Value{w == "true"};
    case LiteralShape::kInteger: {
      int64_t v = 0;
      const auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
      if (ec != std::errc() || ptr != w.data() + w.size()) {
        return Status::Invalid(fmt::format("integer {} is out of range", w));
      }
      return Value{v};
    }
    case LiteralShape::kNumber: {
      double v = 0;
      const auto [ptr, ec] = std::from_chars(w.data(), w.data() + w.size(), v, std::chars_format::fixed);
      if (ec != std::errc() || ptr != w.data() + w.size()) {
        return Status::Invalid(fmt::format("number {} is out of range", w));
      }
      return Value{v};
    }
    case LiteralShape::kDate: {
      Result<FuzzyDate> d = ParseFuzzyDate(w);
      if (!d.ok()) return d.status();
      return Value{*d};
    }
    case LiteralShape::kOther: break;
  }
  return Status::Invalid(fmt::format("'{}' is not a literal", w));
}

bool IsId(std::string_view w) {
  if (w.empty() || !IsAlnum(w.front())) return false;
  for (char c : w) {
    if (!IsAlnum(c) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

Result<Value> QualifierWordValue(std::string_view word) {
  const LiteralShape shape = ShapeOf(word);
  if (shape == LiteralShape::kOther) return Value{std::string(word)};
  Result<Value> value = LiteralValue(word);
  if (!value.ok() && shape == LiteralShape::kDate) return Status::Invalid("invalid date " + value.status().message());
  return value;
}

}  // namespace ordo::lang
