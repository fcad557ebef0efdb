#include "domain/query.h"

#include "domain/changes.h"

namespace ordo::domain {

Result<NamedAnswer> RunQuery(const Database& db, const QueryDecl& query, const View& view, uint64_t max_work) {
  auto answer = db.Query(query, view, max_work);
  if (!answer.ok()) return answer.status();
  NamedAnswer out;
  Namer namer(db);
  for (const std::vector<std::string>& row : answer->rows) {
    std::vector<std::string> names;
    for (const std::string& id : row) names.push_back(namer.Name(id, view.at, view));
    out.names.push_back(std::move(names));
  }
  out.answer = std::move(*answer);
  return out;
}

}  // namespace ordo::domain
