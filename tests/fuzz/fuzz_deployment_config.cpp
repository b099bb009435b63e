// Fuzzes the values of --deployment-config and --exclude-retained-variant-properties (JSON or the
// AWS CLI shorthand).
#include "shiftsim/aws_parse.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    (void)shiftsim::aws::parse_deployment_config(text, "fuzz");
  } catch (const shiftsim::InputError&) {
  }
  try {
    (void)shiftsim::aws::parse_variant_properties(text, "fuzz");
  } catch (const shiftsim::InputError&) {
  }
  return 0;
}
