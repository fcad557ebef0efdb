// The request target (RFC 9112 section 3.2) split into its decoded path and query parameters.
#ifndef ORDO_HTTP_TARGET_H_
#define ORDO_HTTP_TARGET_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ordo/status.h"

namespace ordo::http {

struct ParsedTarget {
  std::string path;                                        // percent-decoded
  std::vector<std::pair<std::string, std::string>> query;  // decoded, in order
};

// Decodes "%XX" escapes; "+" becomes a space only when plus_is_space (query strings).
// Fails with kInvalid when a "%" is not followed by two hex digits.
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

// Accepts the origin form ("/a/b?x=1"), the absolute form ("http://host/a?x=1", whose path is "/a"; "/" when
// the URL has none) and the asterisk form ("*"). A fragment ("#...") is ignored. Empty query parameters
// ("a=1&&b") are skipped; "b" alone is ("b", ""). Fails with kInvalid on any other form or a bad escape.
Result<ParsedTarget> ParseTarget(std::string_view target);

}  // namespace ordo::http

#endif  // ORDO_HTTP_TARGET_H_
