#include "base/text.h"

#include <algorithm>
#include <utility>

namespace ordo {

int EditDistance(std::string_view a, std::string_view b, int limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (static_cast<int>(b.size() - a.size()) > limit) return limit + 1;
  std::vector<int> row(a.size() + 1);
  for (size_t i = 0; i <= a.size(); ++i) row[i] = static_cast<int>(i);
  for (size_t j = 1; j <= b.size(); ++j) {
    int diag = row[0];
    row[0] = static_cast<int>(j);
    int best = row[0];
    for (size_t i = 1; i <= a.size(); ++i) {
      int up = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diag = up;
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
  }
  // The row minimum can stay within the limit while the final cell exceeds it by more than one.
  return std::min(row[a.size()], limit + 1);
}

int TypoDistance(std::string_view a, std::string_view b) {
  const size_t n = a.size(), m = b.size();
  std::vector<std::vector<int>> d(n + 1, std::vector<int>(m + 1));
  for (size_t i = 0; i <= n; ++i) d[i][0] = static_cast<int>(i);
  for (size_t j = 0; j <= m; ++j) d[0][j] = static_cast<int>(j);
  for (size_t i = 1; i <= n; ++i) {
    for (size_t j = 1; j <= m; ++j) {
      const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[n][m];
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::vector<std::string> Nearest(std::string_view word, const std::vector<std::string>& candidates, size_t n) {
  const int limit = std::max(2, static_cast<int>(word.size()) / 3);
  const std::string lw = AsciiLower(word);
  std::vector<std::pair<int, const std::string*>> scored;
  for (const std::string& c : candidates) {
    const std::string lc = AsciiLower(c);
    // The cheap bounded distance rules most candidates out; a swap costs at most 2 there.
    if (EditDistance(lw, lc, 2 * limit) > 2 * limit) continue;
    int d = TypoDistance(lw, lc);
    if (d <= limit) scored.emplace_back(d, &c);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) {
    return x.first < y.first || (x.first == y.first && *x.second < *y.second);
  });
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < n; ++i) out.push_back(*scored[i].second);
  return out;
}

std::string Join(const std::vector<std::string>& parts, const char* sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

}  // namespace ordo
