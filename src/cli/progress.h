// A progress bar on stderr for long loads. Draws nothing unless enabled (stderr is a terminal)
// and the work has already taken a moment, so quick loads stay quiet.
#ifndef ORDO_CLI_PROGRESS_H_
#define ORDO_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace ordo::cli {

class Progress {
 public:
  // Draws on out (the command's stderr) when enabled.
  Progress(bool enabled, std::ostream& out);
  ~Progress();
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  // Starts a stage ("parsing", "applying"). total == 0: no known end (a spinner).
  void Stage(std::string name, uint64_t total, std::string unit = "");
  // Reports progress of the current stage.
  void Update(uint64_t done);
  // Advances the spinner of a stage without a known end.
  void Tick();
  // Clears the bar.
  void Clear();

 private:
  void Draw(bool force);
  bool enabled_;
  std::ostream& out_;
  bool drawn_ = false;
  std::string stage_;
  std::string unit_;
  uint64_t total_ = 0;
  uint64_t done_ = 0;
  unsigned spin_ = 0;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

// The bar's text for a stage, without terminal control codes; exposed for tests.
// width: cells of the bar itself.
std::string ProgressLine(const std::string& stage, uint64_t done, uint64_t total, const std::string& unit,
                         unsigned spin, double seconds, int width = 30);

}  // namespace ordo::cli

#endif  // ORDO_CLI_PROGRESS_H_
