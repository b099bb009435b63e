// Fuzzes a fleet's readers (fleet_input.hpp): the input, split at its first NUL byte, is a
// defaults file (fleet-defaults.json when it opens with '{', else .yaml) and a JSON Lines fleet;
// both are written to files (the readers read files), the fleet is indexed, and every record is
// assembled into RunSources with the defaults, as a fleet run does before simulating.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/fleet_input.hpp"

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace {

namespace fs = std::filesystem;

/// This process's scratch directory, removed at exit.
struct Scratch {
  fs::path dir = fs::temp_directory_path() / ("shiftsim-fuzz-fleet-" + std::to_string(getpid()));
  Scratch() { fs::create_directories(dir); }
  ~Scratch() {
    std::error_code ec;
    fs::remove_all(dir, ec);
  }
};

void write(const fs::path& p, std::string_view text) {
  std::ofstream(p, std::ios::binary | std::ios::trunc).write(
      text.data(), static_cast<std::streamsize>(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Scratch scratch;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  const std::string_view defaults_text = input.substr(0, nul);
  const std::string_view fleet_text =
      nul == std::string_view::npos ? std::string_view{} : input.substr(nul + 1);
  const fs::path defaults_file =
      scratch.dir / (defaults_text.starts_with('{') ? "fleet-defaults.json" : "fleet-defaults.yaml");
  const fs::path fleet_file = scratch.dir / "fleet.jsonl";
  write(defaults_file, defaults_text);
  write(fleet_file, fleet_text);

  shiftsim::FleetDefaults defaults;
  try {
    defaults = shiftsim::read_fleet_defaults(defaults_file);
  } catch (const shiftsim::InputError&) {
  }
  try {
    const shiftsim::FleetIndex index = shiftsim::index_fleet(fleet_file);
    shiftsim::for_each_fleet_record(
        index, [](const std::string&) { return true; },
        [&](const shiftsim::FleetRecord& record) {
          shiftsim::Diagnostics errors;
          try {
            (void)shiftsim::fleet_run_sources(record, defaults, errors);
          } catch (const shiftsim::InputError&) {
          }
        });
  } catch (const shiftsim::InputError&) {
  }
  std::error_code ec;
  fs::remove(defaults_file, ec);
  return 0;
}
