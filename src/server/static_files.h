// The web UI's files: mapping a request path into the web root without ever leaving it.
#ifndef ORDO_SERVER_STATIC_FILES_H_
#define ORDO_SERVER_STATIC_FILES_H_

#include <optional>
#include <string>
#include <string_view>

namespace ordo::server {

// The file under `root` that a (percent-decoded) request path names, or nullopt when the path
// could leave the root or is malformed: a ".." or "." segment, a backslash, a NUL or control
// byte, a drive-letter or scheme prefix, or a file that resolves (through symlinks) outside
// the root. "/" and directories name their index.html. Leading slashes are not an absolute
// path: "//etc/passwd" is looked up as "etc/passwd" under root.
// REQUIRES: root is an absolute, canonical directory path.
std::optional<std::string> ResolveStaticPath(const std::string& root, std::string_view request_path);

// The Content-Type for a file name by its extension; "application/octet-stream" when unknown.
const char* ContentTypeFor(std::string_view path);

// The web root to use: `configured` when non-empty (made canonical), else the first of
// <dir of the running binary>/../web/dist and ./web/dist that holds an index.html; "" when none.
std::string FindWebRoot(const std::string& configured);

}  // namespace ordo::server

#endif  // ORDO_SERVER_STATIC_FILES_H_
