// The order of battle at a date as an ORBAT Mapper scenario file (`ordo export orbat`,
// GET /api/export/orbat): https://github.com/orbat-mapper/orbat-mapper, its Scenario type
// (src/types/scenarioModels.ts), file version 3.3.0. docs/cli.md, "Export the order of battle".
#ifndef ORDO_PRESENT_ORBAT_H_
#define ORDO_PRESENT_ORBAT_H_

#include <string>

#include "domain/charts.h"
#include "present/json.h"

namespace ordo::present {

// One side, one group holding the chart's roots, units nested as subUnits by the chart's
// relation: each with its id, name, APP-6(D) SIDC (the record's, else a generic land unit's),
// its headquarters' [longitude, latitude] as `location` where known, and a description saying
// where its headquarters stands, who commands it and since when, by which order, it is
// subordinate. The side's standard identity is the one the record's codes give (digit 4), and
// every unit's code is written with it, as ORBAT Mapper expects.
// scenario: the branch read ("" = the record), named in the description.
Json OrbatScenarioJson(const domain::OrgChart& chart, const View& view, Date at, const std::string& scenario);

}  // namespace ordo::present

#endif  // ORDO_PRESENT_ORBAT_H_
