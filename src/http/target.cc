#include "http/target.h"

#include <algorithm>

#include "http/ascii.h"

namespace ordo::http {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// "http://host:80/x?y" -> "/x?y"; "http://host" -> "". REQUIRES: target has a scheme.
std::string_view StripSchemeAndAuthority(std::string_view target, size_t scheme_end) {
  std::string_view rest = target.substr(scheme_end + 3);  // after "://"
  const size_t path = rest.find_first_of("/?#");
  return path == std::string_view::npos ? std::string_view() : rest.substr(path);
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      if (text.size() - i < 3 || HexValue(text[i + 1]) < 0 || HexValue(text[i + 2]) < 0) {
        return Status::Invalid("bad percent-escape in the request target: '" +
                               Printable(text.substr(i, std::min<size_t>(3, text.size() - i))) +
                               "' (expected '%' and two hex digits)");
      }
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

Result<ParsedTarget> ParseTarget(std::string_view target) {
  const size_t fragment = target.find('#');
  if (fragment != std::string_view::npos) target = target.substr(0, fragment);
  ParsedTarget parsed;
  if (target == "*") {
    parsed.path = "*";
    return parsed;
  }
  if (target.empty() || target.front() != '/') {
    const size_t scheme_end = target.find("://");
    if (scheme_end == std::string_view::npos || scheme_end == 0 || !IsToken(target.substr(0, scheme_end))) {
      return Status::Invalid("the request target '" + Printable(target) +
                             "' is neither a path (\"/...\") nor an absolute URL");
    }
    target = StripSchemeAndAuthority(target, scheme_end);
  }
  const size_t question = target.find('?');
  const std::string_view path = target.substr(0, question);
  auto decoded_path = PercentDecode(path.empty() ? std::string_view("/") : path, false);
  if (!decoded_path.ok()) return decoded_path.status();
  parsed.path = std::move(decoded_path).value();
  if (question == std::string_view::npos) return parsed;

  std::string_view rest = target.substr(question + 1);
  while (!rest.empty()) {
    const size_t amp = rest.find('&');
    const std::string_view item = rest.substr(0, amp);
    rest = amp == std::string_view::npos ? std::string_view() : rest.substr(amp + 1);
    if (item.empty()) continue;
    const size_t eq = item.find('=');
    auto name = PercentDecode(item.substr(0, eq), true);
    if (!name.ok()) return name.status();
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1), true);
    if (!value.ok()) return value.status();
    parsed.query.emplace_back(std::move(name).value(), std::move(value).value());
  }
  return parsed;
}

}  // namespace ordo::http
