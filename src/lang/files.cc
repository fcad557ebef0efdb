#include "lang/files.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace ordo::lang {

namespace fs = std::filesystem;

namespace {

// Joins a directory as the user spelt it with a path below it, without doubling the '/'.
std::string Spelt(const std::string& dir, const fs::path& relative) {
  std::string out = dir;
  if (!out.empty() && out.back() != '/') out += '/';
  return out + relative.generic_string();
}

}  // namespace

Result<std::vector<std::string>> CollectOrderFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  std::set<std::string> seen;  // canonical paths
  auto add = [&](const std::string& spelt) {
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(spelt, ec);
    const std::string key = ec ? spelt : canonical.string();
    if (seen.insert(key).second) files.push_back(spelt);
  };
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status st = fs::status(path, ec);
    if (ec || !fs::exists(st)) return Status::Invalid("no such file or directory: '" + path + "'");
    if (!fs::is_directory(st)) {
      add(path);
      continue;
    }
    std::vector<std::string> found;
    // Directories entered, by canonical path: a link back up (`ln -s . self`, `ln -s .. up`)
    // would otherwise be followed for ever.
    std::set<std::string> entered = {fs::weakly_canonical(path, ec).string()};
    fs::recursive_directory_iterator it(path, fs::directory_options::follow_directory_symlink, ec);
    if (ec) return Status::Io("cannot read directory '" + path + "': " + ec.message());
    for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
      if (ec) return Status::Io("cannot read directory '" + path + "': " + ec.message());
      std::error_code dec;
      if (it->is_directory(dec)) {
        // Hypothetical orders (data/scenarios/) are loaded into scenarios, never into the record.
        const fs::path real = fs::canonical(it->path(), dec);
        if (it->path().filename() == kScenarioDirectory || dec || !entered.insert(real.string()).second) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (it->path().extension() != ".ordo") continue;
      std::error_code fec;
      if (!it->is_regular_file(fec)) continue;
      found.push_back(Spelt(path, fs::relative(it->path(), path, fec)));
    }
    if (ec) return Status::Io("cannot read directory '" + path + "': " + ec.message());
    if (found.empty()) return Status::Invalid("no .ordo files in directory '" + path + "'");
    std::sort(found.begin(), found.end());
    for (const std::string& f : found) add(f);
  }
  return files;
}

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io("cannot read '" + path + "': " + std::strerror(errno));
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Status::Io("cannot read '" + path + "': " + std::strerror(errno));
  return ss.str();
}

}  // namespace ordo::lang
