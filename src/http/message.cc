#include "http/message.h"

#include "http/ascii.h"

namespace ordo::http {

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoringCase(n, name)) return v;
  }
  return {};
}

bool Request::HasParam(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return true;
  }
  return false;
}

std::string Request::Param(std::string_view name) const {
  for (const auto& [k, v] : query) {
    if (k == name) return v;
  }
  return {};
}

}  // namespace ordo::http
