// Fuzzes the sweep's range syntax (`--wait 0:3600:300`, `1,5,10:20:5`): parse_int_range() and
// count_int_range() must throw InputError or return, never crash, overflow or hang. What parses is
// sorted, duplicate-free, within the cap and the field's limits, no longer than the count says,
// and equal to a plain model that expands the same text with 128-bit arithmetic.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/int_range.hpp"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>
#include <vector>

namespace {

constexpr std::uint64_t kCap = 10000;  // below the CLI's 100000: the code is the same, runs faster

/// The values of `text` by the plain model, or nullopt when the model finds it malformed or
/// (counted in 128 bits) holding more than kCap values.
std::optional<std::set<std::int64_t>> model(std::string_view text) {
  std::set<std::int64_t> out;
  __int128 total = 0;
  std::size_t pos = 0;
  for (;;) {
    const auto comma = text.find(',', pos);
    const auto item = text.substr(pos, comma == std::string_view::npos ? comma : comma - pos);
    std::int64_t n[3] = {0, 0, 1};
    int parts = 0;
    std::size_t p = 0;
    for (; parts < 3; ++parts) {
      const auto colon = item.find(':', p);
      const auto word = item.substr(p, colon == std::string_view::npos ? colon : colon - p);
      const auto r = std::from_chars(word.data(), word.data() + word.size(), n[parts]);
      if (word.empty() || r.ec != std::errc() || r.ptr != word.data() + word.size())
        return std::nullopt;
      if (colon == std::string_view::npos) break;
      p = colon + 1;
    }
    if (parts == 3 || parts == 1) return std::nullopt;  // four numbers, or two
    if (parts == 0) n[1] = n[0];
    if (n[2] <= 0 || n[0] > n[1] || n[0] < 0) return std::nullopt;
    total += (static_cast<__int128>(n[1]) - n[0]) / n[2] + 1;
    if (total > kCap) return std::nullopt;
    for (__int128 v = n[0]; v <= n[1]; v += n[2]) out.insert(static_cast<std::int64_t>(v));
    if (comma == std::string_view::npos) return out;
    pos = comma + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::uint64_t count = 0;
  bool counted = false;
  try {
    count = shiftsim::count_int_range(text, "--wait");
    counted = true;
  } catch (const shiftsim::InputError&) {
  }
  const auto expected = model(text);
  std::optional<std::vector<std::int64_t>> any;
  try {
    any = shiftsim::parse_int_range(text, "--wait", kCap);
  } catch (const shiftsim::InputError&) {
  }
  if (any.has_value() != expected.has_value()) __builtin_trap();
  if (any) {
    const auto& v = *any;
    if (!counted || v.size() > count || v.size() > kCap) __builtin_trap();
    if (!std::is_sorted(v.begin(), v.end())) __builtin_trap();
    if (std::adjacent_find(v.begin(), v.end()) != v.end()) __builtin_trap();
    if (!std::equal(v.begin(), v.end(), expected->begin(), expected->end())) __builtin_trap();
  }
  // The same text for WaitIntervalInSeconds: accepted exactly when every value is in 0..3600.
  const shiftsim::IntRangeField wait{"WaitIntervalInSeconds", 0, 3600};
  try {
    const auto w = shiftsim::parse_int_range(text, "--wait", wait, kCap);
    if (!any || w != *any) __builtin_trap();
  } catch (const shiftsim::InputError&) {
    if (any && !any->empty() && any->back() <= 3600) __builtin_trap();
  }
  return 0;
}
