// Properties every parse must have, whatever the input. Checked by the fuzzer
// (fuzz/parse_fuzz.cc) and by the regression tests over the seed corpus.
#ifndef ORDO_TESTS_LANG_INVARIANTS_H_
#define ORDO_TESTS_LANG_INVARIANTS_H_

#include <string>
#include <string_view>

#include "lang/csv_import.h"
#include "lang/parser.h"
#include "lang_test_util.h"
#include "ordo/lang.h"

namespace ordo::lang::testing {

// Empty when r is a sound result of ParseOrders(text, file); otherwise what is wrong.
inline std::string CheckInvariants(std::string_view text, const std::string& file, const ParseResult& r) {
  if (r.diagnostics.size() > kMaxDiagnostics + 1) return "too many diagnostics";
  for (size_t i = 0; i < r.diagnostics.size(); ++i) {
    const Status& s = r.diagnostics[i];
    if (s.ok() || s.message().empty()) return "empty diagnostic";
    if (s.where().file != file) return "diagnostic names another file: " + s.message();
    const bool last_overflow = i == kMaxDiagnostics && !s.where().known();
    if (!last_overflow) {
      const SourcePosition& b = s.where().begin;
      const SourcePosition& e = s.where().end;
      if (b.line == 0 || b.column == 0) return "diagnostic without a position: " + s.message();
      if (OffsetOf(text, b) == std::string_view::npos) return "diagnostic outside the text: " + s.message();
      if (e.line < b.line || (e.line == b.line && e.column < b.column)) return "region ends before it begins";
    }
    const std::string shown = RenderDiagnostic(s, text, file, i % 2 == 1);
    if (shown.empty() || shown.back() != '\n') return "bad rendering of: " + s.message();
  }
  if (!r.ok()) return "";

  // A clean parse: every region covers exactly the text it names.
  const auto check = [&](const SourceRegion& where, const std::string& expected, const char* what) -> std::string {
    if (where.file != file) return std::string(what) + " region names another file";
    const std::string got = TextAt(text, where);
    if (got != expected) return std::string(what) + " region covers '" + got + "', not '" + expected + "'";
    return "";
  };
  std::string err;
  for (const KindDecl& d : r.batch.kinds) {
    if (!(err = check(d.where, d.name, "kind")).empty()) return err;
  }
  for (const RelationDecl& d : r.batch.relations) {
    if (!(err = check(d.where, d.name, "relation")).empty()) return err;
  }
  for (const AttributeDecl& d : r.batch.attributes) {
    if (!(err = check(d.where, d.name, "attribute")).empty()) return err;
  }
  for (const SourceDecl& d : r.batch.sources) {
    if (!(err = check(d.where, d.id, "source")).empty()) return err;
    if (d.title.empty() && d.id.empty()) return "source without id";
  }
  for (const OrderDecl& o : r.batch.orders) {
    if (!(err = check(o.where, o.id, "order")).empty()) return err;
    if (o.sources.empty()) return "order without sources";
    if (o.sources.size() != o.source_where.size()) return "source_where is not parallel to sources";
    for (size_t i = 0; i < o.sources.size(); ++i) {
      if (!(err = check(o.source_where[i], o.sources[i], "cited source")).empty()) return err;
    }
    for (const Op& op : o.ops) {
      if (op.subjects.empty()) return "operation without subjects";
      if (op.subjects.size() != op.subject_where.size()) return "subject_where is not parallel to subjects";
      for (size_t i = 0; i < op.subjects.size(); ++i) {
        if (!(err = check(op.subject_where[i], op.subjects[i], "subject")).empty()) return err;
      }
      const std::string whole = TextAt(text, op.where);
      const std::string verb = OpKindName(op.kind);
      if (whole.compare(0, verb.size(), verb) != 0) return "operation region covers '" + whole + "'";
      if (!op.predicate.empty() && !(err = check(op.predicate_where, op.predicate, "predicate")).empty()) return err;
      if (!op.object.empty() && !(err = check(op.object_where, op.object, "object")).empty()) return err;
      if (op.kind == OpKind::kCreate && !(err = check(op.kind_where, op.entity_kind, "kind")).empty()) return err;
      if (op.kind == OpKind::kCorrect && !op.from) return "correct without from";
      if (op.kind == OpKind::kSet && !op.value) return "set without value";
    }
  }
  return "";
}

// ParseQuery on any text: a query that parses has atoms; every diagnostic is about the query.
// Returns "" when they hold.
inline std::string CheckQueryInvariants(std::string_view text) {
  const QueryParseResult q = ParseQuery(text, "<query>");
  if (q.ok() && q.query.atoms.empty()) return "a query parsed without atoms";
  for (const Status& d : q.diagnostics) {
    if (d.where().known() && d.where().file != "<query>") return "a query diagnostic names another file";
  }
  return "";
}

// ImportCsv on any text: with errors it writes nothing; else what it writes parses as exactly
// one order with one operation per row, or its parse errors map to the CSV's cells (or to the
// order's header, line 1). No cell writes more than its operation. Returns "" when they hold.
inline std::string CheckImportInvariants(std::string_view text) {
  CsvImportSpec spec;
  spec.order = "fuzz";
  spec.title = "fuzz";
  spec.sources = {"s"};
  spec.exclusive = {"in"};
  spec.relations = {"member-of"};
  spec.attributes = {{"population", ValueType::kInteger}, {"motto", ValueType::kString}};
  const CsvImport imported = ImportCsv(text, "fuzz.csv", spec, "<order>");
  if (!imported.diagnostics.empty()) return imported.text.empty() ? "" : "an import with errors wrote an order";
  const ParseResult p = ParseOrders(imported.text, "<order>");
  if (p.ok()) {
    const Batch& b = p.batch;
    if (b.orders.size() != 1 || b.orders[0].ops.size() != imported.rows || !b.rules.empty() || !b.sources.empty() ||
        !b.kinds.empty() || !b.relations.empty() || !b.attributes.empty()) {
      return "a CSV wrote more than one order of one operation per row:\n" + imported.text;
    }
    return "";
  }
  for (const Status& d : p.diagnostics) {
    const Status m = imported.Map(d);
    if (m.where().file != "fuzz.csv" && m.where().begin.line != 1) {
      return "a parse error of an imported order is not at a cell:\n" + imported.text + d.ToString();
    }
  }
  return "";
}

}  // namespace ordo::lang::testing

#endif  // ORDO_TESTS_LANG_INVARIANTS_H_
