#include "ordo/order.h"

#include <fmt/format.h>

#include <iterator>

namespace ordo {

const char* ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kString: return "string";
    case ValueType::kInteger: return "integer";
    case ValueType::kNumber: return "number";
    case ValueType::kDate: return "date";
    case ValueType::kBoolean: return "boolean";
  }
  return "string";
}

std::string FormatValue(const Value& v) {
  switch (v.type()) {
    case ValueType::kString: {
      std::string out = "\"";
      for (char c : std::get<std::string>(v.v)) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      return out + "\"";
    }
    case ValueType::kInteger: return std::to_string(std::get<int64_t>(v.v));
    case ValueType::kNumber: return fmt::format("{}", std::get<double>(v.v));
    case ValueType::kDate: return FormatFuzzyDate(std::get<FuzzyDate>(v.v));
    case ValueType::kBoolean: return std::get<bool>(v.v) ? "true" : "false";
  }
  return "";
}

const char* OpKindName(OpKind k) {
  switch (k) {
    case OpKind::kCreate: return "create";
    case OpKind::kEndEntity: return "end";
    case OpKind::kAssign: return "assign";
    case OpKind::kMove: return "move";
    case OpKind::kEndRelation: return "end";
    case OpKind::kSet: return "set";
    case OpKind::kUnset: return "unset";
    case OpKind::kRename: return "rename";
    case OpKind::kAlias: return "alias";
    case OpKind::kCorrect: return "correct";
    case OpKind::kLineage: return "lineage";
    case OpKind::kAlternative: return "alternative";
    case OpKind::kUncovered: return "uncovered";
  }
  return "?";
}

const std::vector<std::string>& LineageTypes() {
  static const std::vector<std::string> kTypes = {"formed-from", "merged-into", "split-from", "renamed-from",
                                                  "re-established-from"};
  return kTypes;
}

bool LineageSubjectIsSuccessor(const std::string& type) { return type != "merged-into"; }

namespace {
template <typename T>
void MoveAppend(std::vector<T>& to, std::vector<T>& from) {
  to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}
}  // namespace

void Batch::Append(Batch&& other) {
  MoveAppend(kinds, other.kinds);
  MoveAppend(perspectives, other.perspectives);
  MoveAppend(relations, other.relations);
  MoveAppend(attributes, other.attributes);
  MoveAppend(sources, other.sources);
  MoveAppend(orders, other.orders);
  MoveAppend(rules, other.rules);
}

}  // namespace ordo
