// How ordo names entities in its own words, in every layer above the engine: the one
// DisplayName, and the "Name (id)" forms of tables, notes and computed verdicts.
#ifndef ORDO_DOMAIN_NAMES_H_
#define ORDO_DOMAIN_NAMES_H_

#include <string>
#include <vector>

#include "base/text.h"  // Join
#include "ordo/order.h"

namespace ordo::domain {

// The English name, else the first one, else "".
std::string DisplayName(const std::vector<Name>& names);

// An entity as a statement, a report or a listing names it: its id, its English (else first)
// name at the date it is referred to, and its kind. name is "" when the entity has none.
struct EntityRef {
  std::string id;
  std::string name;
  std::string kind;
};

// "Name (id)", or "id" when the entity has no name.
std::string Named(const EntityRef& r);
// "id (Name)", or "id".
std::string IdNamed(const EntityRef& r);
// "\"text\"".
std::string Quoted(const std::string& s);

}  // namespace ordo::domain

#endif  // ORDO_DOMAIN_NAMES_H_
