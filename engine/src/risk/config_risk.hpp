#pragma once
// Private: one config's risk figures from its success schedule and the shape of its random part
// (risk_shape.hpp). The formulas are in risk.hpp.
#include "risk_shape.hpp"

#include "shiftsim/risk.hpp"

namespace shiftsim::detail {

struct RiskContext {
  double p_false = 0.0;  ///< false alarm per bake of positive length
  RiskSettings settings;
};

/// The figures of `input` (whose success schedule is `schedule`; `shape` must have been built
/// from a schedule with the same timed_signature()).
[[nodiscard]] RiskFigures config_risk(RiskShape& shape, const Schedule& schedule,
                                      const SimulationInput& input, const RiskContext& ctx);

}  // namespace shiftsim::detail
