// docs/language.md is tested: every ```ordo block parses without a diagnostic, and every
// ```ordo-error block renders exactly as the ```text block after it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "lang_test_util.h"
#include "ordo/lang.h"

namespace ordo::lang {
namespace {

struct Block {
  std::string info;  // the fence's info string: "ordo", "ordo-error", "text", ""
  std::string body;
  int line;  // of the opening fence
};

std::vector<Block> FencedBlocks(const std::string& markdown) {
  std::vector<Block> out;
  size_t pos = 0;
  int line = 0;
  bool inside = false;
  Block current;
  while (pos < markdown.size()) {
    size_t nl = markdown.find('\n', pos);
    if (nl == std::string::npos) nl = markdown.size();
    const std::string l = markdown.substr(pos, nl - pos);
    ++line;
    if (l.rfind("```", 0) == 0) {
      if (inside) {
        out.push_back(current);
      } else {
        current = Block{l.substr(3), "", line};
      }
      inside = !inside;
    } else if (inside) {
      current.body += l + "\n";
    }
    pos = nl + 1;
  }
  return out;
}

const std::string& LanguageDoc() {
  static const std::string doc = testing::ReadFile(std::string(ORDO_SOURCE_DIR) + "/docs/language.md");
  return doc;
}

TEST(Docs, OrdoExamplesParse) {
  int checked = 0;
  for (const Block& b : FencedBlocks(LanguageDoc())) {
    if (b.info != "ordo") continue;
    SCOPED_TRACE("docs/language.md:" + std::to_string(b.line));
    ParseResult r = ParseOrders(b.body, "doc.ordo");
    EXPECT_TRUE(r.ok()) << testing::Summary(r.diagnostics);
    ++checked;
  }
  EXPECT_GE(checked, 5);
}

TEST(Docs, ErrorExamplesRenderAsShown) {
  const std::vector<Block> blocks = FencedBlocks(LanguageDoc());
  int checked = 0;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].info != "ordo-error") continue;
    SCOPED_TRACE("docs/language.md:" + std::to_string(blocks[i].line));
    ASSERT_LT(i + 1, blocks.size());
    ASSERT_EQ(blocks[i + 1].info, "text");
    ParseResult r = ParseOrders(blocks[i].body, "x.ordo");
    EXPECT_FALSE(r.ok());
    std::string shown;
    for (const Status& s : r.diagnostics) shown += RenderDiagnostic(s, blocks[i].body, "x.ordo");
    EXPECT_EQ(shown, blocks[i + 1].body);
    ++checked;
  }
  EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace ordo::lang
