// A Value as JSON, shared by the SQLite store (qualifiers) and the CLI/HTTP output.
#ifndef ORDO_MODEL_VALUE_JSON_H_
#define ORDO_MODEL_VALUE_JSON_H_

#include <string>

#include "ordo/order.h"

namespace ordo {

// Strings, integers, numbers and booleans as themselves; dates as EDTF text. Json is
// nlohmann::json or nlohmann::ordered_json.
template <typename Json>
Json ValueAsJson(const Value& v) {
  switch (v.type()) {
    case ValueType::kString: return std::get<std::string>(v.v);
    case ValueType::kInteger: return std::get<int64_t>(v.v);
    case ValueType::kNumber: return std::get<double>(v.v);
    case ValueType::kDate: return FormatFuzzyDate(std::get<FuzzyDate>(v.v));
    case ValueType::kBoolean: return std::get<bool>(v.v);
  }
  return nullptr;
}

}  // namespace ordo

#endif  // ORDO_MODEL_VALUE_JSON_H_
