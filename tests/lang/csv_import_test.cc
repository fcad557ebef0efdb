// `ordo import csv` below the command line: the CSV reader (RFC 4180 quoting, line breaks in
// fields, a byte order mark, ';' as a separator), the order text each row becomes, the
// diagnostics with their exact cells, and the mapping of the parser's and the engine's
// diagnostics back to the cell they come from.
#include "lang/csv_import.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "invariants.h"
#include "lang_test_util.h"
#include "ordo/lang.h"

namespace ordo::lang {
namespace {

CsvImportSpec Spec() {
  CsvImportSpec s;
  s.order = "imp";
  s.title = "An \"import\"";
  s.sources = {"s1", "s2"};
  s.exclusive = {"military-district"};
  s.relations = {"member-of"};
  s.attributes = {{"garrison", ValueType::kInteger}, {"motto", ValueType::kString}};
  return s;
}

CsvImport Import(const std::string& csv, const CsvImportSpec& spec = Spec()) {
  return ImportCsv(csv, "m.csv", spec, "<order>");
}

TEST(CsvImport, EachRowBecomesOneOperationOfOneOrder) {
  CsvImport r = Import(
      "subject,relation,object,value,from,to,source,note,q:extent,op\n"
      "MUR,military-district,leningrad-md,,2024-03-01,,s1; s2,\"moved, \"\"at last\"\"\",,\n"
      "FI,member-of,nato,,2023-04-04,,,,,\n"
      "MUR,garrison,,12000,2024-03-01,2025-01-01,,,,\n"
      "MUR,motto,,Север,2024-03-01,,,\"two\nlines\",,\n"
      "UA-43,military-district,southern-md,,2024-03-01,,,,partial,assign\n");
  ASSERT_TRUE(r.diagnostics.empty()) << testing::Summary(r.diagnostics);
  EXPECT_EQ(r.rows, 5u);
  EXPECT_EQ(
      r.text,
      "order imp \"An \\\"import\\\"\" effective 2023-04-04 sources s1, s2 {\n"
      "  move MUR military-district -> leningrad-md from 2024-03-01 note \"moved, \\\"at last\\\"\" cites s1, s2\n"
      "  assign FI member-of -> nato from 2023-04-04\n"
      "  set MUR garrison 12000 from 2024-03-01 to 2025-01-01\n"
      "  set MUR motto \"Север\" from 2024-03-01 note \"two\\nlines\"\n"
      "  assign UA-43 military-district -> southern-md from 2024-03-01 [ extent: \"partial\"]\n"
      "}\n");
  // The text parses as one order with the operations in row order.
  ParseResult p = ParseOrders(r.text, "<order>");
  ASSERT_TRUE(p.ok()) << testing::Summary(p.diagnostics);
  ASSERT_EQ(p.batch.orders.size(), 1u);
  EXPECT_EQ(p.batch.orders[0].ops.size(), 5u);
}

TEST(CsvImport, AByteOrderMarkCrlfAndSemicolonsAreRead) {
  CsvImport r = Import("\xEF\xBB\xBFSubject;Relation;Object;From\r\n\r\nMUR;military-district;west;2010\r\n");
  ASSERT_TRUE(r.diagnostics.empty()) << testing::Summary(r.diagnostics);
  EXPECT_EQ(r.text,
            "order imp \"An \\\"import\\\"\" effective 2010 sources s1, s2 {\n"
            "  move MUR military-district -> west from 2010\n}\n");
}

TEST(CsvImport, TheOrderHeaderComesFromTheOptions) {
  CsvImportSpec spec = Spec();
  spec.effective = "2024-03-01";
  spec.recorded = "2024-02-26";
  spec.issuer = "RU";
  spec.perspective = "RU";
  spec.note = "from a table";
  CsvImport r = Import("subject,relation,object\nMUR,military-district,leningrad-md\n", spec);
  ASSERT_TRUE(r.diagnostics.empty()) << testing::Summary(r.diagnostics);
  EXPECT_EQ(r.text.substr(0, r.text.find('\n')),
            "order imp \"An \\\"import\\\"\" effective 2024-03-01 recorded 2024-02-26 issuer RU perspective RU "
            "sources s1, s2 note \"from a table\" {");
}

struct ErrorCase {
  const char* csv;
  const char* summary;  // testing::Summary: "line:col: message" lines
};

class CsvImportErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(CsvImportErrors, NameTheCell) {
  CsvImport r = Import(GetParam().csv);
  EXPECT_EQ(testing::Summary(r.diagnostics), GetParam().summary);
  EXPECT_TRUE(r.text.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, CsvImportErrors,
    ::testing::Values(
        ErrorCase{"", "1:1: the file is empty: the first line names the columns\n"},
        ErrorCase{"subject,relation,objet\n", "1:18: unknown column 'objet'\n1:1: no 'object' or 'value' column\n"},
        ErrorCase{"subject,object\n", "1:1: no 'relation' column\n"},
        ErrorCase{"subject,relation,object\n", "1:1: the file has no rows after the line that names the columns\n"},
        ErrorCase{"subject,relation,object\n", "1:1: the file has no rows after the line that names the columns\n"},
        ErrorCase{"subject,relation,object,from\nMUR,military-district,\"west,2010\n",
                  "2:23: a quoted field is not closed\n"},
        ErrorCase{"subject,relation,object,from\nMUR,military-district,we\"st,2010\n",
                  "2:25: a quote inside a field that does not start with one\n"},
        ErrorCase{"subject,relation,object,from\nMUR,military-district,\"west\"x,2010\n",
                  "2:29: expected ',' or the end of the line after a quoted field\n"},
        ErrorCase{"subject,relation,object,from\nMUR x,military-district,west,2010\n"
                  "MUR,military-district,,2010\n",
                  "2:1: 'MUR x' is not an id (the subject column)\n3:1: the row has no object\n"},
        ErrorCase{"subject,relation,object,value,from\nMUR,garrison,,many,2010\n", "2:15: 'many' is not an integer\n"},
        ErrorCase{"subject,relation,object,value,from\nMUR,garrison,west,,2010\n",
                  "2:14: 'garrison' takes a value, not an object\n"},
        ErrorCase{"subject,relation,object,value,from\nMUR,military-district,west,5,2010\n",
                  "2:28: the row gives an object and a value: one of them\n"},
        ErrorCase{"subject,relation,object,from,op\nMUR,military-district,west,2010,moev\n",
                  "2:33: unknown operation 'moev'\n"},
        ErrorCase{"subject,relation,object,op\nMUR,military-district,west,correct\n",
                  "2:1: a correction needs a 'from' date\n"},
        ErrorCase{"subject,relation,object,from\nMUR,military-district,west,2010 }\n",
                  "2:28: '2010 }' is not a date\n"},
        ErrorCase{"subject,relation,object\nMUR,military-district,west\n",
                  "1:1: no row has a 'from' date: give the order's date with --effective\n"},
        ErrorCase{"subject,relation,object,from\nMUR,military-district,west,2010\xff\n", "2:32: malformed UTF-8\n"}));

TEST(CsvImport, OptionsThatAreNotIdsAreRefused) {
  CsvImportSpec spec = Spec();
  spec.order = "imp } create x : k";
  spec.sources = {};
  CsvImport r = Import("subject,relation,object,from\nMUR,military-district,west,2010\n", spec);
  EXPECT_EQ(
      testing::Summary(r.diagnostics),
      "0:0: invalid --order 'imp } create x : k': not an id\n0:0: --sources is required: the sources of the order\n");
}

TEST(CsvImport, DiagnosticsOfTheOrderTextMapToTheirCells) {
  CsvImport r = Import(
      "subject,relation,object,from\n"
      "MUR,military-district,west,2010\n"
      "KGD,military-district,west,2010-02-30\n");
  ASSERT_TRUE(r.diagnostics.empty());
  ParseResult p = ParseOrders(r.text, "<order>");
  ASSERT_EQ(p.diagnostics.size(), 1u) << r.text;
  const Status mapped = r.Map(p.diagnostics[0]);
  EXPECT_EQ(mapped.where().file, "m.csv");
  EXPECT_EQ(mapped.where().begin.line, 3u);
  EXPECT_EQ(mapped.where().begin.column, 28u) << "the 'from' cell";
  EXPECT_EQ(mapped.where().end.column, 38u);
  EXPECT_EQ(mapped.message(), p.diagnostics[0].message());
  // A diagnostic of a whole operation points at its row; others are left alone.
  const Status row = r.Map(Status::Violation("v", SourceRegion{"<order>", {2, 3}, {2, 20}}));
  EXPECT_EQ(row.where().file, "m.csv");
  EXPECT_EQ(row.where().begin.line, 2u);
  EXPECT_EQ(row.where().begin.column, 1u);
  const Status elsewhere = r.Map(Status::Violation("v", SourceRegion{"data/x.ordo", {2, 3}, {2, 20}}));
  EXPECT_EQ(elsewhere.where().file, "data/x.ordo");
}

// Random spreadsheets, quotes, separators, braces and line breaks included: the importer never
// crashes, and what it writes is one order with one operation per row or a parse error located
// in the CSV. No cell can end the order or start another.
TEST(CsvImport, NoCellCanWriteMoreThanItsOperation) {
  std::mt19937 rng(20241202);
  const std::string alphabet = "ab1-,\"\n\r;{}#: ?~()[]";
  // The relations and attributes of CheckImportInvariants' schema among them.
  const std::vector<std::string> words = {"MUR",   "in",  "west", "2010", "population", "5",  "none", "member-of",
                                          "motto", "end", "set",  "q:x",  "note",       "op", "from", "to"};
  for (int round = 0; round < 3000; ++round) {
    std::string csv = "subject,relation,object,value,from,to,note,op\n";
    const int rows = 1 + static_cast<int>(rng() % 4);
    for (int row = 0; row < rows; ++row) {
      for (int c = 0; c < 8; ++c) {
        if (c > 0) csv += ',';
        if (rng() % 3 == 0) {
          for (int k = static_cast<int>(rng() % 6); k > 0; --k) csv += alphabet[rng() % alphabet.size()];
        } else {
          csv += words[rng() % words.size()];
        }
      }
      csv += '\n';
    }
    EXPECT_EQ(testing::CheckImportInvariants(csv), "") << csv;
  }
}

}  // namespace
}  // namespace ordo::lang
