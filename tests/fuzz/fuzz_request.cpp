// Fuzzes the UpdateEndpoint request path: JSON and YAML text through the parser and validator.
// Invalid input must come back as diagnostics or InputError; anything else (a crash, another
// exception, a hang, a leak) is a bug.
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/validate.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const auto format : {shiftsim::aws::Format::json, shiftsim::aws::Format::yaml}) {
    (void)shiftsim::validate_request(text, format, nullptr, "fuzz");
    try {
      (void)shiftsim::aws::parse_update_endpoint(text, "fuzz", format);
    } catch (const shiftsim::InputError&) {
    }
  }
  return 0;
}
