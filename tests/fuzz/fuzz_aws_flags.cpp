// Fuzzes the AWS CLI-style flags of validate/simulate through the real option machinery
// (Boost.Program_options, options/option_set.hpp): the input is split at newlines into
// command-line words, parsed by the request, fleet and AWS global groups, and the documents they
// name are read. `file://` values are only ever read (and must be regular files).
#include "aws_flags.hpp"
#include "options/option_set.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  // Keep the fuzzer away from special files (/dev/zero, /proc/kcore) and stdin: reading those is
  // not an input path, and the CLI's own file checks are tested in tests/cli/bad_input.sh.
  for (const char* special : {"/dev", "/proc", "/sys"})
    if (text.find(special) != std::string_view::npos) return 0;
  shiftsim::cli::Args args;
  std::size_t start = 0;
  while (start <= text.size() && args.size() < 64) {
    const auto end = text.find('\n', start);
    args.emplace_back(text.substr(start, end == std::string_view::npos ? text.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  for (const auto& a : args)
    if (a == "-") return 0;
  shiftsim::cli::RequestFlags request;
  shiftsim::cli::FleetFlags fleet;
  shiftsim::cli::AwsGlobalFlags ignored;
  shiftsim::cli::OptionSet options("fuzz");
  shiftsim::cli::declare_request_flags(options, request);
  shiftsim::cli::declare_fleet_flags(options, fleet);
  shiftsim::cli::declare_aws_global_flags(options, ignored);
  if (!options.parse(args).empty()) return 0;
  try {
    const auto inputs = shiftsim::cli::read_aws_inputs(request, fleet);
    if (inputs.has_request()) (void)inputs.request();
  } catch (const shiftsim::InputError&) {
  }
  return 0;
}
