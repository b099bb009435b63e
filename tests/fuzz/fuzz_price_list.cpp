// Fuzzes the AWS Price List reader (get-products output, JSON or YAML, PriceList entries as JSON
// strings or objects: price_list.hpp) and the region of a location name.
#include "shiftsim/price_list.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)shiftsim::parse_price_list(text, "fuzz");
  } catch (const shiftsim::InputError&) {
  }
  (void)shiftsim::region_of_location(text);
  return 0;
}
