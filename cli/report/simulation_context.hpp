#pragma once
// What the simulate reporters (table, JSON, CSV) know besides the SimulationResult: the
// scenario's question and figures the CLI computes alongside the run. Every field is optional.
#include "shiftsim/cost.hpp"
#include "shiftsim/deployment.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shiftsim::cli {

/// simulate's risk check: a seeded Monte Carlo of the same update under the timing model, run
/// when its timings are random (a profile or a distribution; --no-risk skips it), with the
/// timeout in force.
struct SimulationRisk {
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  std::optional<SimTime> timeout;  ///< the timeout in force (none: nothing times out)
  double p50_s = 0, p95_s = 0, p99_s = 0;  ///< completion (no trip, no timeout)
  double p_timeout = 0;   ///< share of trials TIMED_OUT
  double p_rollback = 0;  ///< share of trials ROLLED_BACK by a false alarm
};

struct SimulationReportContext {
  std::string endpoint_name;               ///< the SageMaker endpoint, when known
  std::string question;                    ///< the scenario's one-line question
  std::string source;                      ///< where the inputs came from (a file name)
  std::optional<Cost> extra_cost_usd;      ///< cost_usd minus N_old running for the duration
  /// The injected fault, as the run had it (exposure is reported when there is one).
  Trip trip;
  std::optional<SimulationRisk> risk;
};

}  // namespace shiftsim::cli
