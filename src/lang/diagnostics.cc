// RenderDiagnostic: a Status as a compiler shows it, with the source line and a caret.
#include <fmt/format.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "lang/utf8.h"
#include "ordo/lang.h"

namespace ordo {

namespace {

// GCC's colours: bold locus, bold red "error", bold cyan "note", bold green caret.
constexpr std::string_view kBold = "\033[01m\033[K";
constexpr std::string_view kRed = "\033[01;31m\033[K";
constexpr std::string_view kCyan = "\033[01;36m\033[K";
constexpr std::string_view kMagenta = "\033[01;35m\033[K";  // GCC's warning colour
constexpr std::string_view kGreen = "\033[01;32m\033[K";
constexpr std::string_view kReset = "\033[m\033[K";

// The text of line `line` (1-based) without its line break, or false when there is none.
bool FindLine(std::string_view text, uint32_t line, std::string_view* out) {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    const size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return false;
    start = nl + 1;
  }
  if (start > text.size()) return false;
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view s = text.substr(start, end - start);
  if (!s.empty() && s.back() == '\r') s.remove_suffix(1);
  // A byte order mark opening the file is not a column (the lexer skips it).
  if (line == 1 && s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  if (start == text.size() && line > 1 && text.back() == '\n') return false;  // past the last line
  *out = s;
  return true;
}

void AppendLocus(std::string* out, const SourceRegion& where, const std::string& file, bool color) {
  const std::string& name = where.file.empty() ? file : where.file;
  std::string locus;
  if (where.known()) {
    locus = fmt::format("{}:{}:{}:", name, where.begin.line, where.begin.column);
  } else if (!where.file.empty()) {
    locus = where.file + ":";
  }
  if (locus.empty()) return;
  if (color) out->append(kBold);
  out->append(locus);
  if (color) out->append(kReset);
  out->push_back(' ');
}

void AppendLabel(std::string* out, std::string_view label, std::string_view colour, bool color) {
  if (color) out->append(colour);
  out->append(label);
  out->push_back(':');
  if (color) out->append(kReset);
  out->push_back(' ');
}

// "   12 | source line" and "      |     ^~~~~" under the region's first line.
void AppendExcerpt(std::string* out, std::string_view text, const SourceRegion& where, bool color) {
  std::string_view line;
  if (!FindLine(text, where.begin.line, &line)) return;

  // The line as shown: control characters blanked, malformed bytes as U+FFFD, one column each.
  // `tabs` remembers which columns were tabs so the caret line can repeat them.
  std::string shown;
  std::string tabs;  // one byte per column: '\t' or ' '
  for (size_t i = 0; i < line.size();) {
    const size_t len = lang::Utf8SequenceLength(line, i);
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if (len == 0) {
      shown += "\xEF\xBF\xBD";
      tabs += ' ';
      i += 1;
      continue;
    }
    if (c == '\t') {
      shown += '\t';
      tabs += '\t';
    } else if (c < 0x20 || c == 0x7F) {
      shown += ' ';
      tabs += ' ';
    } else {
      shown.append(line.substr(i, len));
      tabs += ' ';
    }
    i += len;
  }
  const uint32_t columns = static_cast<uint32_t>(tabs.size());
  const uint32_t begin = std::clamp<uint32_t>(where.begin.column, 1, columns + 1);
  uint32_t end = where.end.line == where.begin.line ? where.end.column : columns + 1;
  end = std::clamp<uint32_t>(end, begin + 1, std::max(begin + 1, columns + 1));

  const std::string number = std::to_string(where.begin.line);
  const size_t width = std::max<size_t>(5, number.size());
  out->append(width - number.size(), ' ');
  out->append(number);
  out->append(" | ");
  out->append(shown);
  out->push_back('\n');
  out->append(width, ' ');
  out->append(" | ");
  out->append(tabs.substr(0, begin - 1));
  if (color) out->append(kGreen);
  out->push_back('^');
  out->append(end - begin - 1, '~');
  if (color) out->append(kReset);
  out->push_back('\n');
}

bool SameRegion(const SourceRegion& a, const SourceRegion& b) {
  return a.file == b.file && a.begin.line == b.begin.line && a.begin.column == b.begin.column &&
         a.end.line == b.end.line && a.end.column == b.end.column;
}

}  // namespace

std::string RenderDiagnostic(const Status& status, std::string_view text, const std::string& file, bool color) {
  std::string out;
  const SourceRegion& where = status.where();
  AppendLocus(&out, where, file, color);
  const bool warning = status.code() == Code::kWarning;
  AppendLabel(&out, status.ok() ? "ok" : warning ? "warning" : "error", warning ? kMagenta : kRed, color);
  out.append(status.message());
  out.push_back('\n');
  const auto in_text = [&](const SourceRegion& r) { return r.known() && (r.file == file || r.file.empty()); };
  if (in_text(where)) AppendExcerpt(&out, text, where, color);
  for (const Note& note : status.notes()) {
    if (note.where.known() && !SameRegion(note.where, where)) {
      AppendLocus(&out, note.where, file, color);
      AppendLabel(&out, "note", kCyan, color);
      out.append(note.message);
      out.push_back('\n');
      if (in_text(note.where)) AppendExcerpt(&out, text, note.where, color);
    } else {
      AppendLabel(&out, "note", kCyan, color);
      out.append(note.message);
      out.push_back('\n');
    }
  }
  return out;
}

}  // namespace ordo
