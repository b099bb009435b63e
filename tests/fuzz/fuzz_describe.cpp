// Fuzzes describe-endpoint and describe-endpoint-config output parsing (JSON and YAML), and the
// classification of a document by kind (document_checks.hpp, E_WRONG_DOCUMENT).
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/document_checks.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  shiftsim::Diagnostics warnings;
  for (const auto format : {shiftsim::aws::Format::json, shiftsim::aws::Format::yaml}) {
    (void)shiftsim::wrong_document(text, format, shiftsim::DocumentKind::describe_endpoint,
                                   "fuzz", shiftsim::DocumentPlaces{"r", "e", "c"});
    try {
      (void)shiftsim::aws::parse_describe_endpoint(text, "fuzz", format, &warnings);
    } catch (const shiftsim::InputError&) {
    }
    try {
      (void)shiftsim::aws::parse_describe_endpoint_config(text, "fuzz", format, &warnings);
    } catch (const shiftsim::InputError&) {
    }
  }
  return 0;
}
