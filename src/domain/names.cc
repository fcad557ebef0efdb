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

}  // namespace ordo::domain
