// nearest_names() skips candidates its length bound rules out, and words no candidate can be a
// typo of: the same answers as the plain definition (every distance computed, then filtered and
// ordered as nearest.hpp says), written here as a loop over generated cases.
#include "shiftsim/nearest.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <random>
#include <string>
#include <vector>

using shiftsim::name_distance;
using shiftsim::nearest_names;

namespace {

bool folded_prefix(const std::string& name, const std::string& prefix) {
  if (prefix.size() > name.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    auto f = [](char c) { return c == '_' ? '-' : static_cast<char>(std::tolower(c)); };
    if (f(name[i]) != f(prefix[i])) return false;
  }
  return true;
}

/// The header's definition, with no shortcut.
std::vector<std::string> plain_nearest(const std::string& word, const std::vector<std::string>& cs,
                                       std::size_t count, std::optional<std::size_t> max) {
  const std::size_t limit = max.value_or(std::max<std::size_t>(2, word.size() / 3));
  struct S { bool prefix; std::size_t d, shared, i; };
  std::vector<S> all;
  for (std::size_t i = 0; i < cs.size(); ++i) {
    const std::size_t d = name_distance(word, cs[i]);
    if (d == 0) return {cs[i]};
    const bool prefix = word.size() >= 2 && folded_prefix(cs[i], word);
    std::size_t shared = 0;
    while (shared < word.size() && shared < cs[i].size() &&
           name_distance(word.substr(shared, 1), cs[i].substr(shared, 1)) == 0)
      ++shared;
    if (prefix || d <= limit) all.push_back({prefix, d, shared, i});
  }
  std::stable_sort(all.begin(), all.end(), [](const S& x, const S& y) {
    if (x.prefix != y.prefix) return x.prefix;
    if (x.d != y.d) return x.d < y.d;
    return x.shared > y.shared;
  });
  std::vector<std::string> out;
  for (const auto& s : all)
    if (out.size() < count && std::find(out.begin(), out.end(), cs[s.i]) == out.end())
      out.push_back(cs[s.i]);
  return out;
}

}  // namespace

TEST_CASE("nearest_names gives the plain definition's answers on generated words", "[nearest]") {
  std::mt19937_64 rng(20261130);
  const std::string alphabet = "ab-_.5x";
  auto word_of = [&](std::size_t n) {
    std::string w;
    for (std::size_t i = 0; i < n; ++i) w += alphabet[rng() % alphabet.size()];
    return w;
  };
  constexpr std::size_t kAny = std::numeric_limits<std::size_t>::max();
  for (int round = 0; round < 3000; ++round) {
    std::vector<std::string> cs;
    const std::size_t k = 1 + rng() % 8;
    std::size_t longest = 0;
    for (std::size_t i = 0; i < k; ++i) {
      cs.push_back(word_of(rng() % 10));
      longest = std::max(longest, cs.back().size());
    }
    const std::string w = word_of(rng() % (2 * longest + 3));  // within the header's reach
    const std::size_t count = 1 + rng() % 3;
    INFO("word " << w << ", round " << round);
    CHECK(nearest_names(w, cs, count) == plain_nearest(w, cs, count, std::nullopt));
    CHECK(nearest_names(w, cs, count, kAny) == plain_nearest(w, cs, count, kAny));
    CHECK(nearest_names(w, cs, count, 1) == plain_nearest(w, cs, count, 1));
  }
}

TEST_CASE("A word over twice the longest candidate gets no suggestion, even with no limit",
          "[nearest]") {
  const std::vector<std::string> types = {"ml.m5.xlarge", "ml.g5.2xlarge"};  // longest: 13
  constexpr std::size_t kAny = std::numeric_limits<std::size_t>::max();
  CHECK(nearest_names(std::string(29, 'x'), types, 3, kAny).empty());  // 29 > 2 x 13 + 2
  CHECK(nearest_names(std::string(29, 'x'), types).empty());
  CHECK(nearest_names(std::string(65536, 'x'), types, 3, kAny).empty());
  CHECK(nearest_names(std::string(29, 'x'), {std::string(13, 'x') + "y"}, 1, kAny) ==
        std::vector<std::string>{std::string(13, 'x') + "y"});  // longest 14: within reach
  CHECK(nearest_names(std::string(28, 'x'), types, 1, kAny).size() == 1);  // 28 <= 28: reach
}
