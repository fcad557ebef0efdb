// Runs one golden .test script against the `ordo` binary, in the spirit of sqllogictest.
//
//   golden_runner PATH/TO/ordo PATH/TO/script.test
//
// A script is a sequence of blocks, each ended by a line "----":
//
//   # a comment (only between blocks)
//   file a.ordo            writes the following lines to a.ordo in the test's directory
//   <file lines>
//   ----
//   run show RU-MUR --at 2024-03-01      runs `ordo --db ordo.db show RU-MUR --at 2024-03-01`
//   exit 1                               expected exit code (default 0)
//   stdout:                              expected stdout lines (default: empty)
//   <lines>
//   stderr:                              expected stderr lines (default: empty)
//   <lines>
//   ----
//
// Arguments split at spaces; "double quotes" keep spaces (\" and \\ inside). `--db ordo.db`
// is added first unless the arguments name --db themselves. Every script runs in a fresh
// temporary directory (the working directory of ordo) with ORDO_DB and NO_COLOR unset.
// In expected lines, {{*}} matches any text (for timings).
//
// On a mismatch, prints a diff (-expected, +actual) and fails. With ORDO_GOLDEN_UPDATE=1 the
// script is rewritten with the actual results instead (lines matching a {{*}} pattern are kept).
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr const char* kEnd = "----";
constexpr const char* kAny = "{{*}}";

struct Run {
  size_t line = 0;  // of the "run" line, for messages
  std::string args_text;
  int exit_code = 0;
  std::vector<std::string> out, err;
  // Results.
  int actual_exit = 0;
  std::vector<std::string> actual_out, actual_err;
};

// A script item: either raw text kept as is (comments, blank lines, file blocks) or a run.
struct Item {
  std::string raw;  // when run_index < 0
  int run_index = -1;
  // For file blocks, also executed in order.
  std::string file_name;
  std::string file_text;
  bool is_file = false;
};

std::vector<std::string> SplitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::string cur;
  for (char c : text) {
    if (c == '\n') {
      lines.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) lines.push_back(cur);
  return lines;
}

bool StartsWith(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

bool Parse(const std::string& path, std::vector<Item>* items, std::vector<Run>* runs, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = "cannot read " + path;
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  const std::vector<std::string> lines = SplitLines(ss.str());
  for (size_t i = 0; i < lines.size();) {
    const std::string& l = lines[i];
    if (StartsWith(l, "file ")) {
      Item item;
      item.is_file = true;
      item.file_name = l.substr(5);
      item.raw = l + "\n";
      ++i;
      while (i < lines.size() && lines[i] != kEnd) {
        item.file_text += lines[i] + "\n";
        item.raw += lines[i] + "\n";
        ++i;
      }
      if (i == lines.size()) {
        *error = path + ": file block '" + item.file_name + "' has no closing ----";
        return false;
      }
      item.raw += std::string(kEnd) + "\n";
      ++i;
      items->push_back(std::move(item));
    } else if (StartsWith(l, "run ") || l == "run") {
      Run run;
      run.line = i + 1;
      run.args_text = l.size() > 4 ? l.substr(4) : "";
      ++i;
      std::vector<std::string>* section = nullptr;
      while (i < lines.size() && lines[i] != kEnd) {
        const std::string& b = lines[i];
        if (section == nullptr && StartsWith(b, "exit ")) {
          run.exit_code = std::atoi(b.c_str() + 5);
        } else if (b == "stdout:") {
          section = &run.out;
        } else if (b == "stderr:") {
          section = &run.err;
        } else if (section != nullptr) {
          section->push_back(b);
        } else {
          *error = path + ":" + std::to_string(i + 1) + ": expected 'exit N', 'stdout:' or 'stderr:', saw '" + b + "'";
          return false;
        }
        ++i;
      }
      if (i == lines.size()) {
        *error = path + ":" + std::to_string(run.line) + ": run block has no closing ----";
        return false;
      }
      ++i;
      Item item;
      item.run_index = static_cast<int>(runs->size());
      runs->push_back(std::move(run));
      items->push_back(std::move(item));
    } else if (l.empty() || l[0] == '#') {
      Item item;
      item.raw = l + "\n";
      items->push_back(std::move(item));
      ++i;
    } else {
      *error = path + ":" + std::to_string(i + 1) + ": expected 'file NAME', 'run ARGS' or a comment, saw '" + l + "'";
      return false;
    }
  }
  return true;
}

std::vector<std::string> SplitArgs(const std::string& text) {
  std::vector<std::string> args;
  std::string cur;
  bool in_arg = false, quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '"' || text[i + 1] == '\\')) {
        cur += text[++i];
      } else if (c == '"') {
        quoted = false;
      } else {
        cur += c;
      }
    } else if (c == '"') {
      quoted = true;
      in_arg = true;
    } else if (c == ' ' || c == '\t') {
      if (in_arg) args.push_back(cur);
      cur.clear();
      in_arg = false;
    } else {
      cur += c;
      in_arg = true;
    }
  }
  if (in_arg) args.push_back(cur);
  return args;
}

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Runs ordo in dir; returns false when it could not be started.
bool Execute(const std::string& ordo, const fs::path& dir, const std::vector<std::string>& args, Run* run) {
  const fs::path out_path = dir / ".stdout", err_path = dir / ".stderr";
  const pid_t pid = fork();
  if (pid < 0) return false;
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0) _exit(127);
    const int out = open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int in = open("/dev/null", O_RDONLY);
    if (out < 0 || err < 0 || in < 0) _exit(127);
    dup2(in, 0);
    dup2(out, 1);
    dup2(err, 2);
    unsetenv("ORDO_DB");
    unsetenv("NO_COLOR");
    std::vector<std::string> argv_s{ordo};
    bool has_db = false;
    for (const std::string& a : args) has_db = has_db || a == "--db" || StartsWith(a, "--db=");
    if (!has_db) {
      argv_s.push_back("--db");
      argv_s.push_back("ordo.db");
    }
    argv_s.insert(argv_s.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (std::string& a : argv_s) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv(ordo.c_str(), argv.data());
    _exit(127);
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return false;
  if (WIFEXITED(status)) {
    run->actual_exit = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    run->actual_exit = 128 + WTERMSIG(status);
  }
  run->actual_out = SplitLines(ReadAll(out_path));
  run->actual_err = SplitLines(ReadAll(err_path));
  return true;
}

bool LineMatches(const std::string& expected, const std::string& actual) {
  const size_t star = expected.find(kAny);
  if (star == std::string::npos) return expected == actual;
  // Split the pattern at every {{*}}; pieces must appear in order, the first at the start and
  // the last at the end.
  std::vector<std::string> pieces;
  size_t pos = 0;
  for (size_t s = star; s != std::string::npos; s = expected.find(kAny, pos)) {
    pieces.push_back(expected.substr(pos, s - pos));
    pos = s + std::strlen(kAny);
  }
  pieces.push_back(expected.substr(pos));
  if (!StartsWith(actual, pieces.front())) return false;
  size_t at = pieces.front().size();
  for (size_t k = 1; k + 1 < pieces.size(); ++k) {
    const size_t f = actual.find(pieces[k], at);
    if (f == std::string::npos) return false;
    at = f + pieces[k].size();
  }
  const std::string& last = pieces.back();
  return actual.size() >= at + last.size() && actual.compare(actual.size() - last.size(), last.size(), last) == 0;
}

bool SameLines(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  if (expected.size() != actual.size()) return false;
  for (size_t i = 0; i < expected.size(); ++i) {
    if (!LineMatches(expected[i], actual[i])) return false;
  }
  return true;
}

// A line diff by longest common subsequence: " " common, "-" expected only, "+" actual only.
std::string Diff(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<size_t>> lcs(n + 1, std::vector<size_t>(m + 1, 0));
  for (size_t i = n; i-- > 0;) {
    for (size_t j = m; j-- > 0;) {
      lcs[i][j] = LineMatches(a[i], b[j]) ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::string out;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && LineMatches(a[i], b[j])) {
      out += "   " + b[j] + "\n";
      ++i;
      ++j;
    } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
      out += " + " + b[j++] + "\n";
    } else {
      out += " - " + a[i++] + "\n";
    }
  }
  return out;
}

// Keeps expected lines that still match (so {{*}} patterns survive an update).
std::vector<std::string> Merge(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  if (expected.size() != actual.size()) return actual;
  std::vector<std::string> out;
  for (size_t i = 0; i < actual.size(); ++i)
    out.push_back(LineMatches(expected[i], actual[i]) ? expected[i] : actual[i]);
  return out;
}

std::string Serialize(const std::vector<Item>& items, const std::vector<Run>& runs) {
  std::string out;
  for (const Item& item : items) {
    if (item.run_index < 0) {
      out += item.raw;
      continue;
    }
    const Run& r = runs[static_cast<size_t>(item.run_index)];
    out += (r.args_text.empty() ? std::string("run") : "run " + r.args_text) + "\n";
    if (r.actual_exit != 0) out += "exit " + std::to_string(r.actual_exit) + "\n";
    if (!r.actual_out.empty()) {
      out += "stdout:\n";
      for (const std::string& l : Merge(r.out, r.actual_out)) out += l + "\n";
    }
    if (!r.actual_err.empty()) {
      out += "stderr:\n";
      for (const std::string& l : Merge(r.err, r.actual_err)) out += l + "\n";
    }
    out += std::string(kEnd) + "\n";
  }
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: golden_runner PATH/TO/ordo SCRIPT.test\n";
    return 2;
  }
  const std::string ordo = fs::absolute(argv[1]).string();
  const std::string script = argv[2];
  std::vector<Item> items;
  std::vector<Run> runs;
  std::string error;
  if (!Parse(script, &items, &runs, &error)) {
    std::cerr << error << "\n";
    return 2;
  }

  std::string tmpl = (fs::temp_directory_path() / "ordo-golden-XXXXXX").string();
  if (mkdtemp(tmpl.data()) == nullptr) {
    std::cerr << "cannot create a temporary directory\n";
    return 2;
  }
  const fs::path dir = tmpl;

  int failures = 0;
  for (const Item& item : items) {
    if (item.is_file) {
      const fs::path p = dir / item.file_name;
      fs::create_directories(p.parent_path());
      std::ofstream(p, std::ios::binary) << item.file_text;
      continue;
    }
    if (item.run_index < 0) continue;
    Run& run = runs[static_cast<size_t>(item.run_index)];
    if (!Execute(ordo, dir, SplitArgs(run.args_text), &run)) {
      std::cerr << script << ":" << run.line << ": cannot run " << ordo << "\n";
      ++failures;
      continue;
    }
    const bool ok =
        run.actual_exit == run.exit_code && SameLines(run.out, run.actual_out) && SameLines(run.err, run.actual_err);
    if (ok) continue;
    ++failures;
    std::cerr << script << ":" << run.line << ": mismatch for `ordo " << run.args_text << "`\n";
    if (run.actual_exit != run.exit_code) {
      std::cerr << "  exit: expected " << run.exit_code << ", got " << run.actual_exit << "\n";
    }
    if (!SameLines(run.out, run.actual_out))
      std::cerr << "  stdout (-expected +actual):\n" << Diff(run.out, run.actual_out);
    if (!SameLines(run.err, run.actual_err))
      std::cerr << "  stderr (-expected +actual):\n" << Diff(run.err, run.actual_err);
  }

  std::error_code ec;
  fs::remove_all(dir, ec);

  const char* update = std::getenv("ORDO_GOLDEN_UPDATE");
  if (failures > 0 && update != nullptr && std::strcmp(update, "1") == 0) {
    std::ofstream(script, std::ios::binary) << Serialize(items, runs);
    std::cerr << script << ": updated " << failures << " block(s)\n";
    return 0;
  }
  if (failures > 0) {
    std::cerr << script << ": " << failures << " of " << runs.size() << " runs failed\n";
    return 1;
  }
  std::cout << script << ": " << runs.size() << " runs passed\n";
  return 0;
}
