// Risk figures of one config (risk.hpp).
#include "shiftsim/risk.hpp"

#include "config_risk.hpp"
#include "risk_shape.hpp"


namespace shiftsim {

RiskFigures assess_risk(const SimulationInput& input, const StochasticModel& model,
                        const RiskSettings& settings) {
  const Schedule schedule = success_schedule(input);  // checks the input
  detail::RiskShape shape(input, schedule, model);
  detail::RiskContext ctx;
  ctx.p_false = model.false_trip_per_bake;
  ctx.settings = settings;
  return detail::config_risk(shape, schedule, input, ctx);
}

SimTime default_detection_delay(const DeploymentPolicy& policy) noexcept {
  std::optional<SimTime> best;
  for (const auto& a : policy.alarms)
    if (a.time_to_alarm && (!best || *a.time_to_alarm < *best)) best = a.time_to_alarm;
  return best.value_or(seconds(300));
}

}  // namespace shiftsim
