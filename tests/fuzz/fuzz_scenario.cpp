// Fuzzes scenario files (YAML and JSON), including the AWS shapes a scenario may embed.
#include "shiftsim/scenario.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const char* origin : {"fuzz.yaml", "fuzz.json"}) {
    try {
      (void)shiftsim::parse_scenario(text, origin);
    } catch (const shiftsim::InputError&) {
    }
  }
  return 0;
}
