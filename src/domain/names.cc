#include "domain/names.h"

namespace ordo::domain {

std::string DisplayName(const std::vector<Name>& names) {
  for (const Name& n : names) {
    if (n.lang == "en") return n.text;
  }
  return names.empty() ? "" : names.front().text;
}

std::string Named(const EntityRef& r) { return r.name.empty() ? r.id : r.name + " (" + r.id + ")"; }

std::string IdNamed(const EntityRef& r) { return r.name.empty() ? r.id : r.id + " (" + r.name + ")"; }

std::string Quoted(const std::string& s) { return "\"" + s + "\""; }

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace ordo::domain
