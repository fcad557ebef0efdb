#include "server/static_files.h"

#include <filesystem>
#include <system_error>
#include <vector>

namespace ordo::server {

namespace fs = std::filesystem;

std::optional<std::string> ResolveStaticPath(const std::string& root, std::string_view request_path) {
  std::string relative;
  size_t i = 0;
  while (i <= request_path.size()) {
    size_t j = request_path.find('/', i);
    if (j == std::string_view::npos) j = request_path.size();
    const std::string_view segment = request_path.substr(i, j - i);
    i = j + 1;
    if (segment.empty()) continue;
    if (segment == "." || segment == "..") return std::nullopt;
    for (char c : segment) {
      const auto b = static_cast<unsigned char>(c);
      if (b < 0x20 || b == 0x7f || c == '\\' || c == ':') return std::nullopt;
    }
    if (!relative.empty()) relative += '/';
    relative += segment;
  }
  fs::path path = fs::path(root);
  if (!relative.empty()) path /= relative;
  std::error_code ec;
  if (fs::is_directory(path, ec)) path /= "index.html";
  if (!fs::is_regular_file(path, ec)) return std::nullopt;
  // Symlinks may point anywhere: the resolved file must still be under the root.
  const fs::path canonical = fs::canonical(path, ec);
  if (ec) return std::nullopt;
  const std::string c = canonical.string();
  const std::string prefix = root.back() == '/' ? root : root + "/";
  if (c.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return c;
}

const char* ContentTypeFor(std::string_view path) {
  const size_t dot = path.rfind('.');
  const std::string_view ext = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  if (ext == "html") return "text/html; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "json" || ext == "topojson") return "application/json";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "png") return "image/png";
  if (ext == "ico") return "image/x-icon";
  if (ext == "woff2") return "font/woff2";
  if (ext == "txt" || ext == "md") return "text/plain; charset=utf-8";
  if (ext == "map") return "application/json";
  return "application/octet-stream";
}

namespace {
bool HasIndex(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "index.html", ec);
}
}  // namespace

std::string FindWebRoot(const std::string& configured) {
  std::error_code ec;
  if (!configured.empty()) {
    const fs::path p = fs::canonical(configured, ec);
    return ec ? std::string() : p.string();
  }
  std::vector<fs::path> candidates;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) candidates.push_back(exe.parent_path().parent_path() / "web" / "dist");
  candidates.push_back(fs::current_path(ec) / "web" / "dist");
  for (const fs::path& c : candidates) {
    if (HasIndex(c)) {
      const fs::path p = fs::canonical(c, ec);
      if (!ec) return p.string();
    }
  }
  return "";
}

}  // namespace ordo::server
