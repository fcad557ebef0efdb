// The JSON values present/json.cc builds its shapes from. Internal to the presentation layer
// (and its tests); front ends use present/json.h.
#ifndef ORDO_PRESENT_JSON_VALUES_H_
#define ORDO_PRESENT_JSON_VALUES_H_

#include <nlohmann/json.hpp>

#include "ordo/database.h"
#include "present/json.h"

namespace ordo::present {

using json = nlohmann::ordered_json;

struct Json::Value {
  json j;
};

// A document from a value, and back.
Json Wrap(json j);
const json& Unwrap(const Json& doc);

// Strings as strings, numbers as numbers, dates as EDTF strings, booleans as booleans.
json ValueToJson(const Value& value);
// A valid-time bound as EDTF, null when unbounded or open.
json FromToJson(const FuzzyDate& from);
json ToToJson(const FuzzyDate& to);
// A fact as a JSON object; "id" is the subject. Perspective and ended_by are null when empty.
json FactToJson(const FactInfo& fact);
json SourceToJson(const SourceInfo& source);
json OrderToJson(const OrderInfo& order);

}  // namespace ordo::present

#endif  // ORDO_PRESENT_JSON_VALUES_H_
