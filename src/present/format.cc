#include "present/format.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>

namespace ordo::present {

namespace {

// Decodes one UTF-8 code point at s[*i] and advances *i; invalid bytes decode as themselves.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  const auto b0 = static_cast<unsigned char>(s[*i]);
  size_t len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xe ? 3 : (b0 >> 3) == 0x1e ? 4 : 0;
  if (len == 0 || *i + len > s.size()) {
    ++*i;
    return b0;
  }
  uint32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1f) : len == 3 ? (b0 & 0x0f) : (b0 & 0x07);
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[*i + k]);
    if ((b & 0xc0) != 0x80) {
      ++*i;
      return b0;
    }
    cp = (cp << 6) | (b & 0x3f);
  }
  *i += len;
  return cp;
}

bool IsCombining(uint32_t cp) {
  return (cp >= 0x0300 && cp <= 0x036f) || (cp >= 0x0483 && cp <= 0x0489) || (cp >= 0x1ab0 && cp <= 0x1aff) ||
         (cp >= 0x1dc0 && cp <= 0x1dff) || (cp >= 0x20d0 && cp <= 0x20ff) || (cp >= 0xfe20 && cp <= 0xfe2f) ||
         cp == 0x200b || cp == 0x200c || cp == 0x200d || cp == 0xfeff;
}

bool IsWide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
         (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
         (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1f64f) ||
         (cp >= 0x1f900 && cp <= 0x1f9ff) || (cp >= 0x20000 && cp <= 0x3fffd);
}

bool IsBareWord(const std::string& s) {
  if (s.empty() || !std::isalpha(static_cast<unsigned char>(s[0]))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

size_t DisplayWidth(std::string_view s) {
  size_t width = 0;
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = NextCodePoint(s, &i);
    if (IsCombining(cp)) continue;
    width += IsWide(cp) ? 2 : 1;
  }
  return width;
}

Table::Table(std::vector<Column> columns) : columns_(std::move(columns)) {}

void Table::AddRow(std::vector<std::string> cells) {
  cells.resize(columns_.size());
  rows_.push_back(std::move(cells));
}

std::string Table::Render() const {
  if (rows_.empty()) return "";
  std::vector<size_t> shown;
  std::vector<size_t> width;
  for (size_t c = 0; c < columns_.size(); ++c) {
    const bool any = std::any_of(rows_.begin(), rows_.end(), [c](const auto& row) { return !row[c].empty(); });
    if (columns_[c].optional && !any) continue;
    size_t w = DisplayWidth(columns_[c].header);
    for (const auto& row : rows_) w = std::max(w, DisplayWidth(row[c]));
    shown.push_back(c);
    width.push_back(w);
  }
  std::string out;
  auto emit = [&](auto cell_of) {
    std::string line;
    for (size_t k = 0; k < shown.size(); ++k) {
      const std::string cell = cell_of(shown[k]);
      const size_t pad = width[k] - std::min(width[k], DisplayWidth(cell));
      const bool last = k + 1 == shown.size();
      if (k > 0) line += "  ";
      if (columns_[shown[k]].right_align) {
        line.append(pad, ' ');
        line += cell;
      } else {
        line += cell;
        if (!last) line.append(pad, ' ');
      }
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line;
    out += '\n';
  };
  emit([&](size_t c) {
    std::string h = columns_[c].header;
    for (char& ch : h) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    return h;
  });
  for (const auto& row : rows_) emit([&](size_t c) { return row[c]; });
  return out;
}

std::string FormatFrom(const FuzzyDate& from) { return from.date.is_min() ? "…" : FormatFuzzyDate(from); }

std::string FormatTo(const FuzzyDate& to) { return to.date.is_max() ? "open" : FormatFuzzyDate(to); }

std::string FormatRange(const FuzzyDate& from, const FuzzyDate& to) { return FormatFrom(from) + " – " + FormatTo(to); }

std::string FormatInterval(const Interval& interval) {
  return FormatRange(FuzzyDate::Exact(interval.from), FuzzyDate::Exact(interval.to));
}

std::string FormatRecordedTo(Instant t) { return t == Instant::Max() ? "" : FormatRecordTime(t); }

std::string FormatRecordTime(Instant t) {
  constexpr int64_t kMicrosPerDay = int64_t{86400} * 1000000;
  std::string full = FormatInstant(t);
  // Midnight UTC, as `recorded 2024-02-26` writes it: the date alone.
  if (t.micros % kMicrosPerDay == 0 && full.size() > 10 && full.compare(10, 10, "T00:00:00Z") == 0) {
    full.resize(10);
  }
  return full;
}

std::string FormatPerspective(const std::string& perspective) {
  return perspective.empty() ? "" : "[" + perspective + "]";
}

std::string FormatFactValue(const FactInfo& fact) {
  if (fact.is_attribute) return fact.value ? FormatValue(*fact.value) : "none";
  return fact.object.empty() ? "none" : fact.object;
}

std::string FormatQualifiers(const std::vector<Qualifier>& qualifiers) {
  std::string out;
  for (const Qualifier& q : qualifiers) {
    if (!out.empty()) out += ", ";
    const auto* s = std::get_if<std::string>(&q.value.v);
    out += q.key + ": " + (s != nullptr && IsBareWord(*s) ? *s : FormatValue(q.value));
  }
  return out;
}

std::string FormatView(const View& view, bool with_date) {
  std::string out;
  if (with_date) out = "at " + FormatDate(view.at);
  if (view.recorded) out += std::string(out.empty() ? "" : ", ") + "as recorded " + FormatInstant(*view.recorded);
  if (!view.perspective.empty()) out += std::string(out.empty() ? "" : ", ") + "perspective " + view.perspective;
  return out;
}

std::string CsvValue(const FactInfo& f) {
  if (!f.is_attribute) return f.object;
  if (!f.value) return "";
  if (const auto* s = std::get_if<std::string>(&f.value->v)) return *s;
  return FormatValue(*f.value);
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string CsvLine(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += CsvField(fields[i]);
  }
  return out + "\r\n";
}

std::string CsvDocument(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF" + CsvLine(header);
  for (const auto& row : rows) out += CsvLine(row);
  return out;
}

std::string Table::Csv() const {
  std::vector<std::string> header;
  for (const Column& c : columns_) {
    std::string h = c.header;
    std::replace(h.begin(), h.end(), ' ', '_');
    header.push_back(std::move(h));
  }
  return CsvDocument(header, rows_);
}

std::string EscapeControls(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else if (c == 0xc2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(text[i + 1]) <= 0x9f) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned char>(text[i + 1]));
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

std::string ShownFileName(const std::string& file) {
  namespace fs = std::filesystem;
  if (file.empty() || file[0] != '/') return file;
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (!ec) {
    const fs::path rel = fs::path(file).lexically_relative(cwd);
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
  }
  return fs::path(file).filename().string();
}

}  // namespace ordo::present
