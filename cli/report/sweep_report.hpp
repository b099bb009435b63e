#pragma once
// The sweep's reports (run_sweep()'s result, sweep.hpp), one file per format:
//   sweep_table.cpp  the table: counts, limits, the Pareto front
//   sweep_csv.cpp    every row as CSV (full precision: the Pareto marks are checkable)
//   sweep_json.cpp   JSON schema shiftsim.sweep/v2 (docs/schema-changelog.md)
//   sweep_html.cpp   the HTML report of a sweep or plan (html_report.hpp)
// sweep and plan share them.
#include "report/html_report.hpp"

#include "shiftsim/sweep.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace shiftsim::cli {

/// A CapacitySize as the grid writes it: "10%", "3"; empty when absent.
[[nodiscard]] std::string size_text(const std::optional<CapacitySize>& s);

/// The limits a row violates: "timeout|max-duration|...|escape", empty when none: timeout (its
/// P99 needs a longer timeout), max-p-timeout, escape (a bad version escapes; --allow-escape),
/// and the limit flags' names.
[[nodiscard]] std::string violations_text(std::uint8_t violations);

/// A row as JSON (sweep rows, the plan's pick): the config, the median trial's figures, the
/// risk figures, the limits it violates.
[[nodiscard]] nlohmann::json sweep_row_json(const SweepRow& r, std::size_t index);

/// Every row as CSV (header + one line per config).
[[nodiscard]] std::string sweep_rows_csv(const SweepResult& r);

/// `shiftsim.sweep/v2`: counts, limits, the Pareto rows, and every row when `all_rows`.
[[nodiscard]] std::string sweep_json(const SweepResult& r, const SweepLimits& limits,
                                     bool all_rows);

/// The table: counts, limits, the Pareto front (the first `front_rows` by duration), lines
/// wrapped to `width` (0: no limit; the columns are numbers and never cut).
[[nodiscard]] std::string sweep_table(const SweepResult& r, const SweepLimits& limits,
                                      int front_rows, std::size_t width = 0);

/// Every row as a point of the HTML scatter (labelled when on the front or picked).
[[nodiscard]] std::vector<SweepPoint> sweep_points(const SweepResult& r,
                                                   std::optional<std::size_t> pick);

}  // namespace shiftsim::cli
