#pragma once
// `--output csv`: the step table, one row per SimulationResult::steps entry, with a header row.
// RFC 4180: CRLF line ends; a field holding a comma, a double quote, CR or LF is enclosed in
// double quotes with inner quotes doubled. Times in seconds (decimals only when not whole).
#include "shiftsim/result.hpp"

#include <string>
#include <string_view>

namespace shiftsim::cli {

/// One CSV field, quoted when needed.
[[nodiscard]] std::string csv_field(std::string_view text);

/// Header `t_s,end_s,phase,variant,old_running,old_active,new_running,new_active,
/// new_traffic_pct,endpoint_status,message` and one line per step.
[[nodiscard]] std::string render_simulation_csv(const SimulationResult& result);

}  // namespace shiftsim::cli
