#include "domain/import.h"

#include <algorithm>

namespace ordo::domain {

std::vector<std::string> SplitIds(const std::string& list) {
  std::vector<std::string> out;
  for (size_t b = 0; b <= list.size();) {
    const size_t e = std::min(list.find(',', b), list.size());
    std::string id = list.substr(b, e - b);
    id.erase(0, id.find_first_not_of(' '));
    id.erase(id.find_last_not_of(' ') + 1);
    if (!id.empty()) out.push_back(std::move(id));
    b = e + 1;
  }
  return out;
}

lang::CsvImport ImportCsv(const Database& db, std::string_view csv, const std::string& file, lang::CsvImportSpec spec) {
  const SchemaInfo schema = db.Schema();
  for (const RelationDecl& r : schema.relations) (r.exclusive ? spec.exclusive : spec.relations).insert(r.name);
  for (const AttributeDecl& a : schema.attributes) spec.attributes[a.name] = a.type;
  return lang::ImportCsv(csv, file, spec, "<order from " + file + ">");
}

}  // namespace ordo::domain
