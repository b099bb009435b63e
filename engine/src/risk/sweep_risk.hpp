#pragma once
// Private: the risk pass of a sweep (sweep.cpp): every config's risk figures (risk.hpp), with one
// random part (risk_shape.hpp) per distinct success schedule shared by all the configs that have
// it. Configs are grouped by the timed_signature() of their success schedule; each group's shape
// is built by the thread that evaluates the group and dropped when it is done, so memory stays at
// one shape per thread.
#include "shiftsim/risk.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/sweep.hpp"

#include <vector>

namespace shiftsim::detail {

/// Sets rows[i].risk (and risk_known) for configs[i] applied to `base`, under `model`. OpenMP on
/// `threads` threads; the figures do not depend on the thread count.
void add_sweep_risk(const SimulationInput& base, const std::vector<SweepConfig>& configs,
                    const StochasticModel& model, const RiskSettings& settings,
                    std::vector<SweepRow>& rows, int threads);

}  // namespace shiftsim::detail
