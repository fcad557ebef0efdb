// Ad-hoc queries in the atoms of watch rules (`ordo query`, GET /api/query): the engine's answer
// with each entity's name at the query's date.
#ifndef ORDO_DOMAIN_QUERY_H_
#define ORDO_DOMAIN_QUERY_H_

#include <string>
#include <vector>

#include "ordo/database.h"
#include "ordo/order.h"

namespace ordo::domain {

struct NamedAnswer {
  QueryAnswer answer;
  std::vector<std::vector<std::string>> names;  // parallel to answer.rows: "" for an entity without names
};

// Database::Query, with names at view.at.
Result<NamedAnswer> RunQuery(const Database& db, const QueryDecl& query, const View& view, uint64_t max_work);

}  // namespace ordo::domain

#endif  // ORDO_DOMAIN_QUERY_H_
