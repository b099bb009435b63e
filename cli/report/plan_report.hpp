#pragma once
// The plan's words and outputs (the engine's PlanReport, shiftsim/plan.hpp, rendered):
//   plan_explanation.cpp  the explanation lines and the plan's warnings, limits named by flag
//   plan_text.cpp         the text output (stdout; with nothing feasible, stderr)
//   plan_json.cpp         JSON schema shiftsim.plan/v1
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/emit.hpp"
#include "shiftsim/plan.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shiftsim::cli {

/// Why this choice: the pick and what it beat, the limits that bind; or, with nothing feasible,
/// how far each limit is from achievable (or that the grid is empty).
[[nodiscard]] std::vector<std::string> choice_explanation(const SweepResult& sweep,
                                                          const PlanChoice& choice,
                                                          const SweepLimits& limits,
                                                          Objective objective);

/// A feasible plan's warnings: the Monte Carlo's it keeps, W_PLAN_MEDIAN_TIMINGS_OPTIMISTIC,
/// W_PLAN_P95_OVER_LIMIT.
[[nodiscard]] Diagnostics plan_warnings(const PlanReport& plan, const SweepLimits& limits);

/// A feasible plan's explanation: choice_explanation(), the caller's `notes`, where the timeout
/// came from, the pick under the timing model, "CODE: message" per warning, the request's note.
[[nodiscard]] std::vector<std::string> plan_explanation(const PlanReport& plan,
                                                        const SweepLimits& limits,
                                                        Objective objective,
                                                        const std::vector<std::string>& notes,
                                                        const Diagnostics& warnings);

/// The text output: the explanation, the request's rendering warnings (wrapped to `width`, 0: no
/// limit), then the request, whole (or where it was written).
[[nodiscard]] std::string render_plan_text(const std::vector<std::string>& explanation,
                                           emit::Format format, const emit::Rendered& request,
                                           const std::optional<std::string>& request_out,
                                           std::size_t width = 0);

/// With nothing feasible: "shiftsim plan: no configuration meets the limits." and the
/// explanation, indented (for stderr).
[[nodiscard]] std::string render_infeasible_plan_text(const std::vector<std::string>& explanation);

/// shiftsim.plan/v1 of a feasible plan.
[[nodiscard]] std::string render_plan_json(const PlanReport& plan, Objective objective,
                                           const std::vector<std::string>& explanation,
                                           const Diagnostics& warnings, emit::Format format,
                                           const emit::Rendered& request);

/// shiftsim.plan/v1 with nothing feasible: the limits, each named by its flag.
[[nodiscard]] std::string render_infeasible_plan_json(const PlanReport& plan,
                                                      const std::vector<std::string>& explanation);

}  // namespace shiftsim::cli
