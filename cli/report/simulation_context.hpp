#pragma once
// What the simulate reporters (table, JSON, CSV) know besides the SimulationResult: the
// scenario's question and figures the CLI computes alongside the run. Every field is optional.
#include "shiftsim/deployment.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shiftsim::cli {

struct SimulationReportContext {
  std::string endpoint_name;               ///< the SageMaker endpoint, when known
  std::string question;                    ///< the scenario's one-line question
  std::string source;                      ///< where the inputs came from (a file name)
  std::optional<double> extra_cost_usd;    ///< cost_usd minus N_old running for the duration
  /// The injected fault, as the run had it (exposure is reported when there is one).
  Trip trip;
};

}  // namespace shiftsim::cli
