#include "cli/diagnostics.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>

#include "ordo/lang.h"

namespace ordo::cli {

namespace {

const std::string* TextOf(const SourceTexts& texts, const std::string& file) {
  auto it = texts.find(file);
  return it == texts.end() ? nullptr : &it->second;
}

void EnsureNewline(std::string* s) {
  if (!s->empty() && s->back() != '\n') *s += '\n';
}

// One error and its notes (not its more()).
std::string RenderOne(const Status& status, const SourceTexts& texts, bool color) {
  const SourceRegion& where = status.where();
  if (!where.known() && where.file.empty()) {
    std::string out =
        std::string(status.code() == Code::kWarning ? "ordo: warning: " : "ordo: error: ") + status.message() + "\n";
    for (const Note& n : status.notes()) {
      if (n.where.known()) {
        out +=
            n.where.file + ":" + std::to_string(n.where.begin.line) + ":" + std::to_string(n.where.begin.column) + ": ";
      }
      out += "note: " + n.message + "\n";
    }
    return out;
  }
  // The error itself through RenderDiagnostic; its notes one by one, so that notes pointing
  // into any loaded file (RenderDiagnostic shows only the error's own file) get their line too,
  // and the notes keep their order.
  const std::string* text = TextOf(texts, where.file);
  std::string out = RenderDiagnostic(Status::Error(status.code(), status.message(), where),
                                     text != nullptr ? std::string_view(*text) : std::string_view(), where.file, color);
  EnsureNewline(&out);
  const std::string label = color ? "\033[01;36m\033[Knote:\033[m\033[K " : "note: ";
  for (const Note& n : status.notes()) {
    const std::string* note_text = n.where.known() ? TextOf(texts, n.where.file) : nullptr;
    if (note_text == nullptr) {
      if (n.where.known()) {
        out +=
            n.where.file + ":" + std::to_string(n.where.begin.line) + ":" + std::to_string(n.where.begin.column) + ": ";
      }
      out += label + n.message + "\n";
      continue;
    }
    // Rendered as an error pointing at the note's place, then relabelled.
    std::string excerpt =
        RenderDiagnostic(Status::Error(status.code(), n.message, n.where), *note_text, n.where.file, false);
    const size_t at = excerpt.find("error: ");
    if (at != std::string::npos && at < excerpt.find('\n')) excerpt.replace(at, 7, label);
    out += excerpt;
    EnsureNewline(&out);
  }
  return out;
}

}  // namespace

std::string RenderStatus(const Status& status, const SourceTexts& texts, bool color) {
  std::string out = RenderOne(status, texts, color);
  for (const Status& m : status.more()) out += RenderOne(m, texts, color);
  return out;
}

int ExitCodeFor(const Status& status) { return status.code() == Code::kNotFound ? 1 : 2; }

bool StderrIsTerminal() {
  if (isatty(STDERR_FILENO) == 0) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

bool StderrWantsColor() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return StderrIsTerminal();
}

bool StdoutWantsColor() {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  if (isatty(STDOUT_FILENO) == 0) return false;
  const char* term = std::getenv("TERM");
  return term == nullptr || std::strcmp(term, "dumb") != 0;
}

}  // namespace ordo::cli
