// Fuzzes the AWS Price List reader (get-products output, JSON or YAML, PriceList entries as JSON
// strings or objects: price_list.hpp), the region of a location name, and given prices.
#include "shiftsim/price_list.hpp"
#include "shiftsim/pricing.hpp"

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
  (void)shiftsim::region_of_arn(text);
  try {
    (void)shiftsim::parse_given_price(text, "--price");
  } catch (const shiftsim::InputError&) {
  }
  return 0;
}
