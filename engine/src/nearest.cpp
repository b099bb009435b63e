// Nearest names (shiftsim/nearest.hpp).
#include "shiftsim/nearest.hpp"

#include <algorithm>
#include <cctype>
#include <numeric>

namespace shiftsim {

namespace {

char fold(char c) {
  if (c == '_') return '-';
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

bool starts_with_folded(std::string_view name, std::string_view prefix) {
  if (prefix.size() > name.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i)
    if (fold(name[i]) != fold(prefix[i])) return false;
  return true;
}

}  // namespace

std::size_t name_distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  // Three rows of the dynamic programme: two back (transpositions), one back, current.
  std::vector<std::size_t> two(m + 1), one(m + 1), cur(m + 1);
  std::iota(one.begin(), one.end(), std::size_t{0});
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const bool same = fold(a[i - 1]) == fold(b[j - 1]);
      cur[j] = std::min({one[j] + 1, cur[j - 1] + 1, one[j - 1] + (same ? 0 : 1)});
      if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) && fold(a[i - 2]) == fold(b[j - 1]))
        cur[j] = std::min(cur[j], two[j - 2] + 1);
    }
    std::swap(two, one);
    std::swap(one, cur);
  }
  return one[m];
}

std::vector<std::string> nearest_names(std::string_view word,
                                       const std::vector<std::string>& candidates,
                                       std::size_t count,
                                       std::optional<std::size_t> max_distance) {
  struct Scored {
    bool prefix;
    std::size_t distance;
    std::size_t shared;  ///< leading characters in common: ml.g5.2xlarge before ml.m5.12xlarge
    std::size_t index;
  };
  std::vector<Scored> scored;
  const std::size_t limit = max_distance.value_or(std::max<std::size_t>(2, word.size() / 3));
  std::size_t longest = 0;
  for (const auto& c : candidates) longest = std::max(longest, c.size());
  if (word.size() > 2 * longest + 2) return {};  // no candidate is a typo of it (header)
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const bool prefix = word.size() >= 2 && starts_with_folded(candidates[i], word);
    const std::size_t length_gap = word.size() > candidates[i].size()
                                       ? word.size() - candidates[i].size()
                                       : candidates[i].size() - word.size();
    if (!prefix && length_gap > limit) continue;  // the distance is at least the length gap
    const std::size_t d = name_distance(word, candidates[i]);
    if (d == 0) return {candidates[i]};
    std::size_t shared = 0;
    while (shared < word.size() && shared < candidates[i].size() &&
           fold(word[shared]) == fold(candidates[i][shared]))
      ++shared;
    if (prefix || d <= limit) scored.push_back({prefix, d, shared, i});
  }
  std::stable_sort(scored.begin(), scored.end(), [](const Scored& x, const Scored& y) {
    if (x.prefix != y.prefix) return x.prefix;
    if (x.distance != y.distance) return x.distance < y.distance;
    return x.shared > y.shared;
  });
  std::vector<std::string> out;
  for (const auto& s : scored) {
    if (out.size() >= count) break;
    if (std::find(out.begin(), out.end(), candidates[s.index]) == out.end())
      out.push_back(candidates[s.index]);
  }
  return out;
}

std::string did_you_mean(const std::vector<std::string>& names) {
  if (names.empty()) return "";
  std::string out = " (did you mean ";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out + "?)";
}

}  // namespace shiftsim
