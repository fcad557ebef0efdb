#include "lang/csv_import.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "base/text.h"
#include "lang/utf8.h"
#include "ordo/time.h"

namespace ordo::lang {

namespace {

struct Field {
  std::string text;
  SourceRegion where;  // the cell, quotes included
};
using Record = std::vector<Field>;

// RFC 4180, with the line and column (in code points) of every field.
class CsvReader {
 public:
  CsvReader(std::string_view text, const std::string& file) : s_(text), file_(file) {
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") s_.remove_prefix(3);
    const size_t eol = s_.find('\n');
    const std::string_view first = s_.substr(0, eol);
    if (first.find(',') == std::string_view::npos && first.find(';') != std::string_view::npos) sep_ = ';';
  }

  // The next record; nullopt at the end or on an error (then error() is set).
  std::optional<Record> Next() {
    while (i_ < s_.size() && (s_[i_] == '\n' || s_[i_] == '\r')) Advance();  // empty lines
    if (i_ >= s_.size()) return std::nullopt;
    Record r;
    while (true) {
      Field f;
      f.where.file = file_;
      f.where.begin = {line_, col_};
      if (i_ < s_.size() && s_[i_] == '"') {
        const SourcePosition open{line_, col_};
        Advance();
        while (true) {
          if (i_ >= s_.size()) {
            Fail("a quoted field is not closed", open, 1);
            error_.AddNote("a field in quotes ends with '\"'; a quote inside it is written \"\"");
            return std::nullopt;
          }
          if (s_[i_] == '"') {
            if (i_ + 1 < s_.size() && s_[i_ + 1] == '"') {
              f.text += '"';
              Advance();
              Advance();
              continue;
            }
            Advance();
            break;
          }
          if (!Take(&f.text)) return std::nullopt;
        }
        if (i_ < s_.size() && s_[i_] != sep_ && s_[i_] != '\n' && s_[i_] != '\r') {
          Fail(fmt::format("expected '{}' or the end of the line after a quoted field", sep_), {line_, col_}, 1);
          return std::nullopt;
        }
      } else {
        while (i_ < s_.size() && s_[i_] != sep_ && s_[i_] != '\n' && s_[i_] != '\r') {
          if (s_[i_] == '"') {
            Fail("a quote inside a field that does not start with one", {line_, col_}, 1);
            error_.AddNote("put the whole field in quotes and write the quote as \"\"");
            return std::nullopt;
          }
          if (!Take(&f.text)) return std::nullopt;
        }
      }
      f.where.end = f.where.begin.line == line_ ? SourcePosition{line_, std::max(col_, f.where.begin.column + 1)}
                                                : SourcePosition{f.where.begin.line, f.where.begin.column + 1};
      r.push_back(std::move(f));
      if (i_ < s_.size() && s_[i_] == sep_) {
        Advance();
        continue;
      }
      if (i_ < s_.size() && s_[i_] == '\r') Advance();
      if (i_ < s_.size() && s_[i_] == '\n') Advance();
      return r;
    }
  }

  const Status& error() const { return error_; }

 private:
  // Moves past one code point (a line break starts a new line).
  void Advance() {
    if (s_[i_] == '\n') {
      ++line_;
      col_ = 1;
      ++i_;
      return;
    }
    const size_t n = Utf8SequenceLength(s_, i_);
    i_ += n == 0 ? 1 : n;
    ++col_;
  }
  // Appends one code point to out; fails on malformed UTF-8.
  bool Take(std::string* out) {
    const size_t n = Utf8SequenceLength(s_, i_);
    if (n == 0) {
      Fail("malformed UTF-8", {line_, col_}, 1);
      error_.AddNote("save the spreadsheet as CSV in UTF-8");
      return false;
    }
    if (s_[i_] == '\n') {
      out->push_back('\n');
    } else if (s_[i_] != '\r') {
      out->append(s_.substr(i_, n));
    }
    Advance();
    return true;
  }
  void Fail(std::string message, SourcePosition at, uint32_t width) {
    error_ = Status::Invalid(std::move(message), SourceRegion{file_, at, {at.line, at.column + width}});
  }

  std::string_view s_;
  std::string file_;
  char sep_ = ',';
  size_t i_ = 0;
  uint32_t line_ = 1, col_ = 1;
  Status error_;
};

bool IdShaped(std::string_view w) {
  if (w.empty() || !std::isalnum(static_cast<unsigned char>(w[0]))) return false;
  return std::all_of(w.begin(), w.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

// A date, instant, number or boolean as the language reads a bare word (checked by the parser
// afterwards); nothing that could end the operation or start another.
bool BareShaped(std::string_view w) {
  if (w.empty()) return false;
  return std::all_of(w.begin(), w.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':' || c == '+' || c == '~' ||
           c == '?' || c == '%';
  });
}

bool LooksNumericOrDate(std::string_view w) {
  if (w == "true" || w == "false") return true;
  const size_t d = !w.empty() && w[0] == '-' ? 1 : 0;
  return w.size() > d && std::isdigit(static_cast<unsigned char>(w[d])) && BareShaped(w);
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\t': out += "\\t"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

uint32_t CodePoints(std::string_view s) {
  uint32_t n = 0;
  for (const char c : s) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

const std::vector<std::string> kColumns = {"subject", "relation",    "object", "value",   "from", "to",
                                           "op",      "perspective", "source", "sources", "note"};
const std::vector<std::string> kOps = {"assign", "move", "end", "set", "unset", "correct"};

// One operation line being written, with where each piece came from.
class Line {
 public:
  Line(uint32_t line, CsvImport* out) : line_(line), out_(out) {}
  void Word(std::string_view w) { text_ += (text_.empty() ? "" : " ") + std::string(w); }
  void Piece(std::string_view w, const SourceRegion& cell, const char* sep = " ") {
    if (!text_.empty()) text_ += sep;
    const uint32_t begin = CodePoints(text_) + 1;
    text_ += w;
    out_->pieces.push_back({line_, begin, CodePoints(text_) + 1, cell});
  }
  const std::string& text() const { return text_; }

 private:
  uint32_t line_;
  CsvImport* out_;
  std::string text_ = " ";
};

}  // namespace

SourceRegion CsvImport::Map(const SourceRegion& r) const {
  if (r.file != text_file || !r.known()) return r;
  for (const Piece& p : pieces) {
    if (p.line == r.begin.line && p.begin <= r.begin.column && r.begin.column < p.end) return p.cell;
  }
  const auto row = row_of_line.find(r.begin.line);
  return row == row_of_line.end() ? r : row->second;
}

Status CsvImport::Map(const Status& status) const {
  Status s = Status::Error(status.code(), status.message(), Map(status.where()));
  for (const Note& n : status.notes()) s.AddNote(n.message, Map(n.where));
  for (const Status& m : status.more()) s.AddMore(Map(m));
  return s;
}

void CsvImport::Relocate(Batch* batch) const {
  for (OrderDecl& o : batch->orders) {
    // The order's header is written from the command line, not from a cell: no place in the
    // spreadsheet to point at.
    o.where = {};
    for (Op& op : o.ops) {
      for (std::vector<SourceRegion>* v : {&op.subject_where, &op.object_wheres, &op.source_where}) {
        for (SourceRegion& r : *v) r = Map(r);
      }
      for (SourceRegion* r : {&op.where, &op.predicate_where, &op.object_where, &op.kind_where}) *r = Map(*r);
    }
  }
}

CsvImport ImportCsv(std::string_view csv, const std::string& file, const CsvImportSpec& spec,
                    const std::string& text_file) {
  CsvImport out;
  out.text_file = text_file;
  CsvReader reader(csv, file);
  auto fail = [&](std::string message, const SourceRegion& where) -> Status& {
    out.diagnostics.push_back(Status::Invalid(std::move(message), where));
    return out.diagnostics.back();
  };
  // The order's header as given on the command line (or in query parameters).
  auto option = [&](const char* name) {
    return spec.query_parameters ? fmt::format("'{}'", name) : fmt::format("--{}", name);
  };
  for (const auto& [name, word] : {std::pair{"order", &spec.order}, std::pair{"issuer", &spec.issuer},
                                   std::pair{"perspective", &spec.perspective}}) {
    if (!word->empty() && !IdShaped(*word)) fail(fmt::format("invalid {} '{}': not an id", option(name), *word), {});
  }
  for (const auto& [name, word] : {std::pair{"effective", &spec.effective}, std::pair{"recorded", &spec.recorded}}) {
    if (!word->empty() && !BareShaped(*word)) fail(fmt::format("invalid {} '{}'", option(name), *word), {});
  }
  for (const std::string& src : spec.sources) {
    if (!IdShaped(src)) fail(fmt::format("invalid source id '{}' in {}", src, option("sources")), {});
  }
  if (spec.order.empty()) fail(fmt::format("{} is required: the order's id", option("order")), {});
  if (spec.title.empty()) fail(fmt::format("{} is required: the order's title", option("title")), {});
  if (spec.sources.empty()) fail(fmt::format("{} is required: the sources of the order", option("sources")), {});
  if (!out.diagnostics.empty()) return out;
  std::optional<Record> header = reader.Next();
  if (!header) {
    if (!reader.error().ok()) {
      out.diagnostics.push_back(reader.error());
    } else {
      fail("the file is empty: the first line names the columns", SourceRegion{file, {1, 1}, {1, 2}})
          .AddNote("e.g. subject,relation,object,from,to,source");
    }
    return out;
  }
  // The columns by name.
  std::map<std::string, size_t> column;
  std::vector<std::pair<std::string, size_t>> qualifiers;  // key, column
  for (size_t c = 0; c < header->size(); ++c) {
    std::string name = (*header)[c].text;
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char ch) { return std::tolower(ch); });
    const SourceRegion& at = (*header)[c].where;
    if (name.rfind("q:", 0) == 0) {
      const std::string key = (*header)[c].text.substr(2);
      if (!IdShaped(key)) {
        fail(fmt::format("'{}' is not a qualifier key", key), at).AddNote("write q:KEY, e.g. q:extent");
      } else {
        qualifiers.emplace_back(key, c);
      }
      continue;
    }
    if (name == "sources") name = "source";
    if (std::find(kColumns.begin(), kColumns.end(), name) == kColumns.end()) {
      Status& s = fail(fmt::format("unknown column '{}'", (*header)[c].text), at);
      for (const std::string& n : Nearest(name, kColumns)) s.AddNote(fmt::format("did you mean '{}'?", n));
      s.AddNote("the columns are subject, relation, object, value, from, to, op, perspective, source, note, q:KEY");
      continue;
    }
    if (!column.emplace(name, c).second) fail(fmt::format("the column '{}' is named twice", name), at);
  }
  for (const char* required : {"subject", "relation"}) {
    if (!column.count(required)) {
      fail(fmt::format("no '{}' column", required), header->front().where)
          .AddNote("the first line names the columns: subject, relation, object or value, from, to, source, ...");
    }
  }
  if (!column.count("object") && !column.count("value")) {
    fail("no 'object' or 'value' column", header->front().where);
  }
  if (!out.diagnostics.empty()) return out;

  std::vector<std::string> lines;  // the operation lines
  std::optional<FuzzyDate> earliest;
  std::string earliest_text;
  uint32_t line = 2;  // the order's header is line 1
  while (std::optional<Record> rec = reader.Next()) {
    const SourceRegion& first = rec->front().where;
    SourceRegion row{file, first.begin, rec->back().where.end};
    if (row.end.line != row.begin.line) row.end = {row.begin.line, row.begin.column + 1};
    auto cell = [&](const char* name) -> const Field* {
      const auto it = column.find(name);
      if (it == column.end() || it->second >= rec->size()) return nullptr;
      const Field& f = (*rec)[it->second];
      return f.text.empty() ? nullptr : &f;
    };
    const size_t before = out.diagnostics.size();
    auto id = [&](const char* name, const Field* f) {
      if (f != nullptr && !IdShaped(f->text)) {
        fail(fmt::format("'{}' is not an id (the {} column)", f->text, name), f->where)
            .AddNote("an id is ASCII letters, digits, '-', '_' and '.', starting with a letter or digit");
      }
    };
    const Field* subject = cell("subject");
    const Field* relation = cell("relation");
    const Field* object = cell("object");
    const Field* value = cell("value");
    const Field* from = cell("from");
    const Field* to = cell("to");
    const Field* op_cell = cell("op");
    const Field* perspective = cell("perspective");
    const Field* note = cell("note");
    const Field* sources = cell("source");
    if (subject == nullptr) fail("the row has no subject", row);
    if (relation == nullptr) fail("the row has no relation", row);
    id("subject", subject);
    id("relation", relation);
    id("perspective", perspective);
    if (object != nullptr && object->text != "none") id("object", object);
    for (const Field* d : {from, to}) {
      if (d != nullptr && !BareShaped(d->text)) {
        fail(fmt::format("'{}' is not a date", d->text), d->where)
            .AddNote("dates are EDTF: 2024-03-01, 2014-12, 1991?");
      }
    }
    if (note != nullptr && std::any_of(note->text.begin(), note->text.end(), [](char c) {
          return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
        })) {
      fail("the note holds a control character", note->where);
    }
    if (out.diagnostics.size() > before || subject == nullptr || relation == nullptr) continue;

    const std::string& rel = relation->text;
    const auto attr = spec.attributes.find(rel);
    const bool is_attribute = attr != spec.attributes.end();
    std::string op = op_cell != nullptr          ? op_cell->text
                     : spec.exclusive.count(rel) ? "move"
                     : is_attribute              ? "set"
                                                 : "assign";
    if (std::find(kOps.begin(), kOps.end(), op) == kOps.end()) {
      fail(fmt::format("unknown operation '{}'", op), op_cell->where)
          .AddNote("the operations are " + Join(kOps, ", ") + " (docs/language.md)");
      continue;
    }
    if (object != nullptr && value != nullptr) {
      fail("the row gives an object and a value: one of them", value->where)
          .AddNote("a relation takes an object (an id), an attribute a value");
      continue;
    }
    const bool wants_object = op == "assign" || op == "move" || (op == "correct" && !is_attribute);
    const bool wants_value = op == "set" || (op == "correct" && is_attribute);
    if (wants_object && object == nullptr) {
      fail(value != nullptr ? fmt::format("'{}' takes an object (an id), not a value", rel) : "the row has no object",
           value != nullptr ? value->where : row);
      continue;
    }
    if (wants_value && value == nullptr) {
      fail(object != nullptr ? fmt::format("'{}' takes a value, not an object", rel) : "the row has no value",
           object != nullptr ? object->where : row);
      continue;
    }
    if (op == "correct" && from == nullptr) {
      fail("a correction needs a 'from' date", row).AddNote("correct replaces what the record holds over [from, to)");
      continue;
    }
    std::string written_value;
    if (wants_value) {
      const bool quoted = is_attribute && attr->second == ValueType::kString && value->text != "none";
      const std::string& v = value->text;
      bool fits = quoted || v == "none";
      if (!fits && is_attribute) {
        switch (attr->second) {
          case ValueType::kBoolean: fits = v == "true" || v == "false"; break;
          case ValueType::kDate:
            fits = BareShaped(v) && (std::isdigit(static_cast<unsigned char>(v[0])) || v[0] == '-' || v[0] == 'Y');
            break;
          default: fits = LooksNumericOrDate(v) && v != "true" && v != "false";
        }
      } else if (!fits) {
        fits = BareShaped(v);
      }
      if (!fits) {
        static const char* const kAn[] = {"a string", "an integer", "a number", "a date", "a boolean"};
        fail(fmt::format("'{}' is not {}", v,
                         is_attribute ? kAn[static_cast<int>(attr->second)] : "a value (a number, date or boolean)"),
             value->where)
            .AddNote(is_attribute ? fmt::format("'{}' is declared as {}", rel, ValueTypeName(attr->second))
                                  : std::string("a relation takes an object (an id), an attribute a value"));
        continue;
      }
      written_value = quoted ? Quote(value->text) : value->text;
    }

    Line l(line, &out);
    l.Word(op);
    l.Piece(subject->text, subject->where);
    l.Piece(rel, relation->where);
    if (wants_object || (op == "end" && object != nullptr)) {
      l.Word("->");
      l.Piece(object->text, object->where);
    }
    if (wants_value) l.Piece(written_value, value->where);
    if (from != nullptr) {
      l.Word("from");
      l.Piece(from->text, from->where);
      auto d = ParseFuzzyDate(from->text);
      if (d.ok() && (!earliest || d->date < earliest->date)) {
        earliest = *d;
        earliest_text = from->text;
      }
    }
    if (to != nullptr) {
      l.Word("to");
      l.Piece(to->text, to->where);
    }
    if (perspective != nullptr) {
      l.Word("perspective");
      l.Piece(perspective->text, perspective->where);
    }
    bool opened = false;
    for (const auto& [key, c] : qualifiers) {
      if (c >= rec->size() || (*rec)[c].text.empty()) continue;
      const Field& q = (*rec)[c];
      if (!opened) l.Word("[");
      const std::string v = LooksNumericOrDate(q.text) ? q.text : Quote(q.text);
      l.Piece(key + ": " + v, q.where, opened ? ", " : " ");
      opened = true;
    }
    if (opened) l.Piece("]", row, "");
    if (note != nullptr) {
      l.Word("note");
      l.Piece(Quote(note->text), note->where);
    }
    if (sources != nullptr) {
      std::vector<std::string> ids;
      std::string cur;
      for (const char c : sources->text + ";") {
        if (c == ';' || c == ',') {
          const size_t b = cur.find_first_not_of(' '), e = cur.find_last_not_of(' ');
          if (b != std::string::npos) ids.push_back(cur.substr(b, e - b + 1));
          cur.clear();
        } else {
          cur += c;
        }
      }
      bool bad = false;
      for (const std::string& s : ids) {
        if (!IdShaped(s)) {
          fail(fmt::format("'{}' is not a source id", s), sources->where)
              .AddNote("list the ids of declared sources, separated by ';' or ','");
          bad = true;
        }
      }
      if (bad) continue;
      if (!ids.empty()) {
        l.Word("cites");
        l.Piece(Join(ids, ", "), sources->where);
      }
    }
    out.row_of_line[line] = row;
    lines.push_back(l.text());
    ++line;
    ++out.rows;
  }
  if (!reader.error().ok()) out.diagnostics.push_back(reader.error());
  if (!out.diagnostics.empty()) {
    out.pieces.clear();
    return out;
  }
  if (out.rows == 0) {
    fail("the file has no rows after the line that names the columns", header->front().where);
    return out;
  }
  std::string effective = spec.effective;
  if (effective.empty()) effective = earliest_text;
  if (effective.empty()) {
    fail("no row has a 'from' date: give the order's date with --effective", header->front().where);
    return out;
  }
  // The header, on one line; what comes from the command line is checked by the parser.
  std::string head = "order " + spec.order + " " + Quote(spec.title) + " effective " + effective;
  if (!spec.recorded.empty()) head += " recorded " + spec.recorded;
  if (!spec.issuer.empty()) head += " issuer " + spec.issuer;
  if (!spec.perspective.empty()) head += " perspective " + spec.perspective;
  head += " sources " + Join(spec.sources, ", ");
  if (!spec.note.empty()) head += " note " + Quote(spec.note);
  out.text = head + " {\n";
  for (const std::string& l : lines) out.text += l + "\n";
  out.text += "}\n";
  return out;
}

}  // namespace ordo::lang
