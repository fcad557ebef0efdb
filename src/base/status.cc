#include "ordo/status.h"

#include <fmt/format.h>

namespace ordo {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kNotFound: return "not_found";
    case Code::kInvalid: return "invalid";
    case Code::kViolation: return "violation";
    case Code::kConflict: return "conflict";
    case Code::kIo: return "io";
    case Code::kLimit: return "limit";
    case Code::kInternal: return "internal";
    case Code::kWarning: return "warning";
  }
  return "internal";
}

namespace {
std::string Prefix(const SourceRegion& where) {
  if (!where.known()) return where.file.empty() ? "" : where.file + ": ";
  return fmt::format("{}:{}:{}: ", where.file, where.begin.line, where.begin.column);
}
}  // namespace

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string out = Prefix(where_) + (code_ == Code::kWarning ? "warning: " : "error: ") + message_;
  for (const Note& n : notes_) out += "\n" + Prefix(n.where) + "note: " + n.message;
  for (const Status& m : more_) out += "\n" + m.ToString();
  return out;
}

}  // namespace ordo
