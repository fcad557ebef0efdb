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

// A group of a date word: digits and 'X', the year starting with a digit. A group that holds
// an 'X' is date-shaped only at the width EDTF gives it (the year 4, a month or day 2), so that
// ids such as 1X or 12-XYZ stay ids.
bool IsDateGroup(std::string_view g, bool year) {
  const size_t x_width = year ? 4 : 2;
  if (g.empty() || (year && !IsDigit(g.front()))) return false;
  bool x = false;
  for (char c : g) {
    if (c == 'X') {
      x = true;
    } else if (!IsDigit(c)) {
      return false;
    }
  }
  return !x || g.size() == x_width;
}

bool IsYearDigit(char c) { return IsDigit(c) || c == 'X'; }

}  // namespace

LiteralShape ShapeOf(std::string_view w) {
  if (w == "true" || w == "false") return LiteralShape::kBoolean;
  if (w.empty()) return LiteralShape::kOther;
  std::string_view rest = w;
  const char last = rest.back();
  if (last == '?' || last == '~' || last == '%') rest.remove_suffix(1);
  // Y170002, Y-170002: a year of more than four digits (a 'Y' and four digits or fewer is an id).
  if (rest.size() > 1 && rest.front() == 'Y') {
    std::string_view digits = rest.substr(1);
    if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
    if (digits.size() <= 4) return LiteralShape::kOther;
    for (char c : digits) {
      if (!IsDigit(c)) return LiteralShape::kOther;
    }
    return LiteralShape::kDate;
  }
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
  // -?G('-'G){0,2} and a closing mark, G a date group; a negative year is a year.
  if (rest.front() == '-') rest.remove_prefix(1);
  size_t groups = 0;
  size_t i = 0;
  while (true) {
    size_t n = 0;
    while (i + n < rest.size() && IsYearDigit(rest[i + n])) ++n;
    if (!IsDateGroup(rest.substr(i, n), groups == 0)) return LiteralShape::kOther;
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
