#include "cli/progress.h"

#include <fmt/format.h>

#include <ostream>

namespace ordo::cli {

namespace {
// Loads quicker than this show no bar at all.
constexpr auto kQuietPeriod = std::chrono::milliseconds(300);
constexpr auto kRedrawInterval = std::chrono::milliseconds(80);
constexpr const char* kSpinner[] = {"|", "/", "-", "\\"};
}  // namespace

std::string ProgressLine(const std::string& stage, uint64_t done, uint64_t total, const std::string& unit,
                         unsigned spin, double seconds, int width) {
  if (total == 0) return fmt::format("{:<9} {} {:.1f} s", stage, kSpinner[spin % 4], seconds);
  if (done > total) done = total;
  const int filled =
      static_cast<int>(static_cast<double>(width) * static_cast<double>(done) / static_cast<double>(total));
  std::string bar(static_cast<size_t>(filled), '#');
  bar.append(static_cast<size_t>(width - filled), '-');
  const int percent = static_cast<int>(100.0 * static_cast<double>(done) / static_cast<double>(total));
  return fmt::format("{:<9} [{}] {:>3}%  {}/{}{}{}  {:.1f} s", stage, bar, percent, done, total,
                     unit.empty() ? "" : " ", unit, seconds);
}

Progress::Progress(bool enabled, std::ostream& out)
    : enabled_(enabled), out_(out), start_(std::chrono::steady_clock::now()) {}

Progress::~Progress() { Clear(); }

void Progress::Stage(std::string name, uint64_t total, std::string unit) {
  stage_ = std::move(name);
  unit_ = std::move(unit);
  total_ = total;
  done_ = 0;
  Draw(true);
}

void Progress::Update(uint64_t done) {
  done_ = done;
  Draw(false);
}

void Progress::Tick() {
  ++spin_;
  Draw(false);
}

void Progress::Draw(bool force) {
  if (!enabled_) return;
  const auto now = std::chrono::steady_clock::now();
  if (now - start_ < kQuietPeriod) return;
  if (!force && drawn_ && now - last_draw_ < kRedrawInterval) return;
  last_draw_ = now;
  drawn_ = true;
  const double seconds = std::chrono::duration<double>(now - start_).count();
  const std::string line = ProgressLine(stage_, done_, total_, unit_, spin_, seconds);
  out_ << "\r\033[K" << line << std::flush;
}

void Progress::Clear() {
  if (!drawn_) return;
  out_ << "\r\033[K" << std::flush;
  drawn_ = false;
}

}  // namespace ordo::cli
