#include "diagnostics_output.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace shiftsim::cli {

void print_diagnostics_text(std::FILE* out, const Diagnostics& ds) {
  for (const auto& d : ds) {
    const char* sev = d.severity == Severity::error ? "error" : "warning";
    if (d.path.empty())
      fmt::print(out, "{} {}: {}\n", sev, d.code, d.message);
    else
      fmt::print(out, "{} {} {}: {}\n", sev, d.code, d.path, d.message);
  }
}

std::string diagnostics_json(const Diagnostics& ds) {
  auto arr = nlohmann::ordered_json::array();
  for (const auto& d : ds)
    arr.push_back({{"severity", d.severity == Severity::error ? "error" : "warning"},
                   {"code", d.code},
                   {"path", d.path},
                   {"rule", d.rule},
                   {"value", d.value},
                   {"message", d.message}});
  return arr.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace shiftsim::cli
