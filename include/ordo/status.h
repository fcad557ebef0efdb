// ordo's one error type. Errors are values: no exception crosses the public API.
#ifndef ORDO_STATUS_H_
#define ORDO_STATUS_H_

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ordo {

// A position in a text, 1-based. line == 0 means "no position".
struct SourcePosition {
  uint32_t line = 0;
  uint32_t column = 0;
};

// A span in a named text (a file path, "<stdin>", "<http>"); end is exclusive.
struct SourceRegion {
  std::string file;
  SourcePosition begin;
  SourcePosition end;
  bool known() const { return begin.line != 0; }
};

// The kinds of failure. Written to JSON by name; do not renumber.
enum class Code : uint8_t {
  kOk = 0,
  kNotFound = 1,   // an id that does not exist; CLI exit code 1
  kInvalid = 2,    // malformed input (syntax, dates, types); CLI exit code 2
  kViolation = 3,  // an order breaks an invariant; CLI exit code 2
  kConflict = 4,   // duplicate id, redefinition; CLI exit code 2
  kIo = 5,         // the database file could not be read or written
  kLimit = 6,      // a query or request exceeded a configured limit
  kInternal = 7,   // a bug in ordo
  kWarning = 8,    // not an error: something to look at (ApplySummary::warnings)
};

// Name of a code as used in JSON ("not_found", "invalid", ...).
const char* CodeName(Code code);

// One explanatory line attached to an error: a hint, or a pointer to a
// related place ("note: the conflicting fact was asserted here").
struct Note {
  std::string message;
  SourceRegion where;  // may be unknown
};

// An error, or success. Cheap to construct on success.
class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return Status(); }
  static Status Error(Code code, std::string message, SourceRegion where = {}) {
    Status s;
    s.code_ = code;
    s.message_ = std::move(message);
    s.where_ = std::move(where);
    return s;
  }
  static Status NotFound(std::string m, SourceRegion w = {}) {
    return Error(Code::kNotFound, std::move(m), std::move(w));
  }
  static Status Invalid(std::string m, SourceRegion w = {}) {
    return Error(Code::kInvalid, std::move(m), std::move(w));
  }
  static Status Violation(std::string m, SourceRegion w = {}) {
    return Error(Code::kViolation, std::move(m), std::move(w));
  }
  static Status Conflict(std::string m, SourceRegion w = {}) {
    return Error(Code::kConflict, std::move(m), std::move(w));
  }
  static Status Io(std::string m) { return Error(Code::kIo, std::move(m)); }
  static Status Limit(std::string m, SourceRegion w = {}) { return Error(Code::kLimit, std::move(m), std::move(w)); }
  static Status Internal(std::string m) { return Error(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const SourceRegion& where() const { return where_; }
  const std::vector<Note>& notes() const { return notes_; }

  // Adds a hint or a pointer to a related place; returns *this for chaining.
  Status& AddNote(std::string message, SourceRegion where = {}) {
    notes_.push_back(Note{std::move(message), std::move(where)});
    return *this;
  }
  // Further errors found in the same batch, in order (Database::Apply reports each order's,
  // up to kMaxBatchErrors in all); this one is the first.
  const std::vector<Status>& more() const { return more_; }
  Status& AddMore(Status other) {
    more_.push_back(std::move(other));
    return *this;
  }
  // Sets the location if none was set yet.
  Status& At(SourceRegion where) {
    if (!where_.known()) where_ = std::move(where);
    return *this;
  }

  // "file:line:col: error: message" followed by "note: ..." lines; no source excerpt.
  std::string ToString() const;

 private:
  Code code_ = Code::kOk;
  std::string message_;
  SourceRegion where_;
  std::vector<Note> notes_;
  std::vector<Status> more_;
};

// The most errors one batch reports: as many as the language reports for one file.
inline constexpr size_t kMaxBatchErrors = 50;

// A status and its more(), each on its own: the list a front end prints.
inline std::vector<Status> EachError(const Status& status) {
  std::vector<Status> out;
  Status first = Status::Error(status.code(), status.message(), status.where());
  for (const Note& n : status.notes()) first.AddNote(n.message, n.where);
  out.push_back(std::move(first));
  for (const Status& m : status.more()) out.push_back(m);
  return out;
}

// A value or an error. REQUIRES: ok() before value().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return std::holds_alternative<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T& value() & { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }
  // The error; Status::Ok() when ok().
  Status status() const { return ok() ? Status::Ok() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

// A list of errors, for parsers and validators that report several at once.
using Diagnostics = std::vector<Status>;

}  // namespace ordo

#endif  // ORDO_STATUS_H_
