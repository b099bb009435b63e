// The simulate step table as CSV (simulation_csv.hpp).
#include "report/simulation_csv.hpp"

#include "report/format.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string render_simulation_csv(const SimulationResult& r) {
  std::string out =
      "t_s,end_s,phase,variant,old_running,old_active,new_running,new_active,new_traffic_pct,"
      "endpoint_status,message\r\n";
  for (const auto& s : r.steps) {
    out += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\r\n", seconds_text(s.t),
                       seconds_text(s.end), to_string(s.phase), csv_field(s.variant),
                       s.old_running, s.old_active, s.new_running, s.new_active,
                       trim_number(s.new_traffic_pct, 6), csv_field(s.endpoint_status),
                       csv_field(s.message));
  }
  return out;
}

}  // namespace shiftsim::cli
