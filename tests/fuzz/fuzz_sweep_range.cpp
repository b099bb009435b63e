// Fuzzes the sweep's range syntax (`--wait 0:3600:300`, `1,5,10:20:5`): parse_int_range() and
// count_int_range() must throw InputError or return, never crash or hang; what parses is sorted,
// duplicate-free, within the cap, and no longer than the count says.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/sweep.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  constexpr std::uint64_t kCap = 100000;  // the CLI's --rollback-batch cap; keeps runs fast
  std::uint64_t count = 0;
  bool counted = false;
  try {
    count = shiftsim::count_int_range(text, "--wait");
    counted = true;
  } catch (const shiftsim::InputError&) {
  }
  try {
    const auto v = shiftsim::parse_int_range(text, "--wait", kCap);
    if (!counted || v.size() > count || v.size() > kCap) __builtin_trap();
    if (!std::is_sorted(v.begin(), v.end())) __builtin_trap();
    if (std::adjacent_find(v.begin(), v.end()) != v.end()) __builtin_trap();
  } catch (const shiftsim::InputError&) {
  }
  return 0;
}
