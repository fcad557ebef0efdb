// The layer map of src/README.md, enforced: every #include of a project header points to the
// file's own layer or one below it, the two front ends never include each other, and neither
// builds JSON itself (they only pick a shape of present/json.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace ordo {
namespace {

namespace fs = std::filesystem;

// Each layer's rank: a file may include headers of a rank at most its own. Layers of one rank
// may not include each other: cli and server (main, the `ordo` binary, joins them), and time and
// http (the transport needs only base).
const std::map<std::string, int>& Ranks() {
  static const std::map<std::string, int> kRanks = {
      {"base", 0},   {"time", 1}, {"http", 1},    {"model", 2}, {"lang", 3},   {"store", 4}, {"engine", 5},
      {"domain", 6}, {"read", 7}, {"present", 8}, {"cli", 9},   {"server", 9}, {"main", 10}};
  return kRanks;
}

// The layer of an included project header: "engine/state.h" -> engine, and the public headers
// of include/ordo/ by the layer that implements them.
std::string LayerOfInclude(const std::string& include) {
  static const std::map<std::string, std::string> kPublic = {{"ordo/status.h", "base"},
                                                             {"ordo/time.h", "time"},
                                                             {"ordo/order.h", "model"},
                                                             {"ordo/lang.h", "lang"},
                                                             {"ordo/database.h", "engine"}};
  if (auto it = kPublic.find(include); it != kPublic.end()) return it->second;
  const size_t slash = include.find('/');
  return slash == std::string::npos ? "" : include.substr(0, slash);
}

struct SourceFile {
  std::string path;   // "src/cli/commands.cc"
  std::string layer;  // "cli"
  std::string text;
};

// What breaks the layer map in these files, one line per violation ("" when nothing does).
std::string Violations(const std::vector<SourceFile>& files) {
  std::string out;
  for (const SourceFile& f : files) {
    const auto own = Ranks().find(f.layer);
    if (own == Ranks().end()) {
      out += f.path + ": directory '" + f.layer + "' is not a layer of src/README.md\n";
      continue;
    }
    std::istringstream lines(f.text);
    std::string line;
    int n = 0;
    while (std::getline(lines, line)) {
      ++n;
      const std::string where = f.path + ":" + std::to_string(n) + ": ";
      if ((f.layer == "cli" || f.layer == "server") && line.find("nlohmann") != std::string::npos) {
        out += where + "a front end builds JSON itself (use present/json.h)\n";
      }
      if (line.rfind("#include \"", 0) != 0) continue;
      const std::string include = line.substr(10, line.find('"', 10) - 10);
      const std::string layer = LayerOfInclude(include);
      const auto rank = Ranks().find(layer);
      if (rank == Ranks().end()) continue;  // a test-local or third-party header
      if (include == "present/json_values.h" && f.layer != "present") {
        out += where + "present/json_values.h is internal to the presentation layer\n";
      }
      if (rank->second > own->second) {
        out += where + f.layer + " includes " + include + " from the higher layer " + layer + "\n";
      } else if (rank->second == own->second && layer != f.layer) {
        out += where + f.layer + " includes " + include + " from its sibling " + layer + "\n";
      }
    }
  }
  return out;
}

std::vector<SourceFile> ProjectSources() {
  std::vector<SourceFile> out;
  const fs::path src = fs::path(ORDO_SOURCE_DIR) / "src";
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    const fs::path& p = entry.path();
    if (!entry.is_regular_file() || (p.extension() != ".cc" && p.extension() != ".h")) continue;
    std::ifstream in(p);
    std::stringstream text;
    text << in.rdbuf();
    const fs::path relative = fs::relative(p, src);
    out.push_back({"src/" + relative.string(), relative.begin()->string(), text.str()});
  }
  std::sort(out.begin(), out.end(), [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  return out;
}

TEST(Layers, EveryIncludePointsDown) {
  const std::vector<SourceFile> files = ProjectSources();
  ASSERT_GT(files.size(), 50u);
  EXPECT_EQ(Violations(files), "");
}

// The check finds what it is meant to find.
TEST(Layers, TheCheckReportsEachKindOfViolation) {
  EXPECT_EQ(Violations({{"src/engine/x.cc", "engine", "#include \"present/json.h\"\n"}}),
            "src/engine/x.cc:1: engine includes present/json.h from the higher layer present\n");
  EXPECT_EQ(Violations({{"src/server/x.cc", "server", "#include \"cli/app.h\"\n"}}),
            "src/server/x.cc:1: server includes cli/app.h from its sibling cli\n");
  EXPECT_EQ(Violations({{"src/store/x.cc", "store", "\n#include \"ordo/database.h\"\n"}}),
            "src/store/x.cc:2: store includes ordo/database.h from the higher layer engine\n");
  EXPECT_EQ(Violations({{"src/cli/x.cc", "cli", "#include <nlohmann/json.hpp>\n"}}),
            "src/cli/x.cc:1: a front end builds JSON itself (use present/json.h)\n");
  EXPECT_EQ(Violations({{"src/cli/x.cc", "cli", "#include \"present/json_values.h\"\n"}}),
            "src/cli/x.cc:1: present/json_values.h is internal to the presentation layer\n");
  EXPECT_EQ(Violations({{"src/extra/x.cc", "extra", ""}}),
            "src/extra/x.cc: directory 'extra' is not a layer of src/README.md\n");
  EXPECT_EQ(Violations({{"src/http/x.cc", "http", "#include \"engine/state.h\"\n#include \"time/date.h\"\n"}}),
            "src/http/x.cc:1: http includes engine/state.h from the higher layer engine\n"
            "src/http/x.cc:2: http includes time/date.h from its sibling time\n");
  EXPECT_EQ(Violations({{"src/main/main.cc", "main", "#include \"cli/app.h\"\n#include \"server/server.h\"\n"}}), "");
}

}  // namespace
}  // namespace ordo
