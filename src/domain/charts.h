// What the map, the org chart and the timeline show, aggregated from the record once per
// question (the HTTP API's /api/map, /api/tree and /api/changes; docs/http.md).
#ifndef ORDO_DOMAIN_CHARTS_H_
#define ORDO_DOMAIN_CHARTS_H_

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ordo/database.h"

namespace ordo::domain {

// One colour of the map's legend: an object of the relation and how many subjects point at it.
struct LegendItem {
  std::string id;
  std::string kind;         // "" when the entity is not known at the date
  std::string name;         // DisplayName at the date; the id when not known
  std::vector<Name> names;  // at the date
  size_t count = 0;         // facts pointing at it
};

// Who points where through a relation at view.at.
struct MapView {
  std::string relation;
  // Per subject (in subject order), its objects, each once, in fact order.
  std::vector<std::pair<std::string, std::vector<std::string>>> assignments;
  // Per subject with facts of a perspective: (object, perspective) of each such fact.
  std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> disputed;
  std::vector<LegendItem> legend;  // objects in order of first appearance
  // Subjects the record says it does not cover for the relation at the date (`uncovered`
  // marks), with the mark's note, in subject order.
  std::vector<std::pair<std::string, std::string>> uncovered;
};
// Fails as Database::Snapshot does (unknown relation, row limit).
Result<MapView> BuildMap(const Database& db, const std::string& relation, const View& view);

// One box of the org chart: an entity that is the subject or the object of the relation.
struct OrgNode {
  std::string id;
  std::string kind;  // "" when not known at the date
  std::string name;  // DisplayName at the date; the id when not known
  std::vector<Name> names;
  std::optional<FactInfo> parent;  // the node's own fact of the relation, if any
  // What the record holds about the unit at the date, where its schema has it (docs/data.md):
  std::string sidc;  // the `sidc` attribute: an APP-6(D) symbol code
  struct Place {
    std::string id, name;
    std::optional<double> latitude, longitude;
  };
  std::optional<Place> headquarters;  // the `headquarters` relation, with the place's coordinates
  struct Commander {
    std::string id, name;
    bool acting = false;  // [acting: true]
  };
  std::vector<Commander> commanders;  // who `commands` it (one, where the record is whole)
};
struct OrgChart {
  std::string relation;
  std::vector<OrgNode> nodes;  // in order of first appearance in the relation's facts
};
Result<OrgChart> BuildOrgChart(const Database& db, const std::string& relation, const View& view);

// The valid dates on which a relation changes, as known at view.recorded: every finite bound of
// every fact of it.
struct ChangeDates {
  std::string relation;
  size_t facts = 0;
  std::vector<Date> dates;  // sorted, each once
};
Result<ChangeDates> BuildChangeDates(const Database& db, const std::string& relation, const View& view);

// An unknown id's NotFound with "did you mean 'X' (Name)?" notes from a name search, when the
// status has no note yet; other statuses are returned as they are.
Status WithSearchHints(const Database& db, Status status, const std::string& id);

}  // namespace ordo::domain

#endif  // ORDO_DOMAIN_CHARTS_H_
