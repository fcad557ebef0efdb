// Finding and reading order files for `ordo load` and `ordo check`.
#ifndef ORDO_LANG_FILES_H_
#define ORDO_LANG_FILES_H_

#include <string>
#include <vector>

#include "ordo/status.h"

namespace ordo::lang {

inline constexpr const char* kScenarioDirectory = "scenarios";

// Expands paths into the order files to read, in application order: a file stands for itself
// (whatever its extension); a directory for every *.ordo file below it, recursively, in sorted
// full-path order, skipping directories named kScenarioDirectory below it (hypothetical
// orders for `ordo scenario load`; a path naming such a directory is read). Paths keep the spelling given ("data/" ->
// "data/a.ordo"). A file reached twice is read once, at its first place. Fails with kInvalid naming the path when a
// path does not exist or a directory holds no order file.
Result<std::vector<std::string>> CollectOrderFiles(const std::vector<std::string>& paths);

// The whole content of a file. Fails with kIo naming the path and the reason.
Result<std::string> ReadTextFile(const std::string& path);

}  // namespace ordo::lang

#endif  // ORDO_LANG_FILES_H_
