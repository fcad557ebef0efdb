// The JSON values present/json.cc builds its shapes from. Internal to the presentation layer
// (and its tests); front ends use present/json.h.
#ifndef ORDO_PRESENT_JSON_VALUES_H_
#define ORDO_PRESENT_JSON_VALUES_H_

#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "ordo/database.h"
#include "present/json.h"

namespace ordo::present {

using json = nlohmann::ordered_json;

// A document is built as a tree (Wrap) or written as compact text (Json::FromText; the shapes
// of present/json_sink.h); a text's tree is parsed on first use of Unwrap, once, thread-safely.
struct Json::Value {
  mutable json j;
  std::string text;
  bool is_text = false;
  mutable std::once_flag parsed;
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

}  // namespace ordo::present

#endif  // ORDO_PRESENT_JSON_VALUES_H_
