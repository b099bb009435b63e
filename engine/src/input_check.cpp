// check_input(): what the engine refuses to run (input_check.hpp).
#include "input_check.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace shiftsim::detail {

namespace {

[[noreturn]] void input_error(const char* code, std::string path, std::string rule,
                              std::string value, std::string message) {
  throw_input_error(code, std::move(path), std::move(rule), std::move(value), std::move(message));
}

}  // namespace

void check_input(const SimulationInput& in) {
  if (in.variants.empty())
    input_error(error_code::input, "ProductionVariants", "at least one variant", "[]",
                "the update has no production variant to simulate");
  for (std::size_t i = 0; i < in.variants.size(); ++i) {
    const auto& v = in.variants[i];
    if (v.n_old < 0 || v.n_new < 0)
      input_error(error_code::range, fmt::format("variants[{}]", i), "instance counts must be >= 0",
                  fmt::format("{}", std::min(v.n_old, v.n_new)),
                  fmt::format("variant '{}' has a negative instance count", v.name));
    if (v.old_weight < 0.0 || v.new_weight < 0.0)
      input_error(error_code::range, fmt::format("variants[{}]", i), "weights must be >= 0", "",
                  fmt::format("variant '{}' has a negative weight", v.name));
  }
  const auto& p = in.policy;
  const auto need_step = [&](const char* path, const char* what) {
    if (!p.step)
      input_error(error_code::required, path, "required for this strategy", "null",
                  fmt::format("{} requires {}", to_string(p.strategy), what));
    if (p.step->value < 1)
      input_error(error_code::range, fmt::format("{}.Value", path), "must be >= 1",
                  fmt::format("{}", p.step->value), fmt::format("{} must be >= 1", what));
  };
  switch (p.strategy) {
    case Strategy::all_at_once: break;
    case Strategy::canary:
      need_step("DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize",
                "CanarySize");
      break;
    case Strategy::linear:
      need_step(
          "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize",
          "LinearStepSize");
      break;
    case Strategy::rolling:
      need_step("DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize", "MaximumBatchSize");
      for (const auto& v : in.variants)
        if (v.new_serverless)
          input_error(error_code::input, "DeploymentConfig.RollingUpdatePolicy",
                      "no rolling update on a serverless variant", fmt::format("\"{}\"", v.name),
                      fmt::format("variant '{}' is serverless: SageMaker runs no rolling update "
                                  "on it but its all-at-once fallback (contract amendment A4; "
                                  "resolve_deployment() applies it)",
                                  v.name));
      if (p.rollback_batch && p.rollback_batch->value < 1)
        input_error(error_code::range, "DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize.Value",
                    "must be >= 1", fmt::format("{}", p.rollback_batch->value),
                    "RollbackMaximumBatchSize must be >= 1");
      break;
  }
  const auto non_negative = [](SimTime t, const char* path, const char* what) {
    if (t < 0)
      input_error(error_code::range, path, "must be >= 0", format_seconds(t),
                  fmt::format("{} must be >= 0 seconds", what));
  };
  non_negative(p.wait, "WaitIntervalInSeconds", "WaitIntervalInSeconds");
  non_negative(p.termination_wait, "TerminationWaitInSeconds", "TerminationWaitInSeconds");
  if (p.timeout)
    non_negative(*p.timeout, "MaximumExecutionTimeoutInSeconds",
                 "MaximumExecutionTimeoutInSeconds");
  non_negative(in.timing.provision, "timing.provision_s", "provision_s");
  non_negative(in.timing.terminate, "timing.terminate_s", "terminate_s");
  non_negative(in.timing.activation, "timing.activation_s", "activation_s");
  for (SimTime t : in.draws.success) non_negative(t, "draws.success", "an operation's draw");
  if (in.draws.mode != TimingDraws::Mode::fixed && !in.draws.model)
    input_error(error_code::required, "draws.model", "a timing model is required", "null",
                "a median or trial timing mode needs a timing model");
  switch (in.trip.kind) {
    case Trip::Kind::none: break;
    case Trip::Kind::at_bake:
      if (in.trip.bake < 1)
        input_error(error_code::range, "trip.bake", "must be >= 1", fmt::format("{}", in.trip.bake),
                    "bakes are numbered from 1");
      break;
    case Trip::Kind::at_time:
      non_negative(in.trip.at, "trip.at_s", "trip.at_s");
      break;
    case Trip::Kind::after_new_traffic:
      non_negative(in.trip.at, "trip.after_new_traffic_s", "the detection delay");
      break;
  }
  if (in.rollback_fault) non_negative(*in.rollback_fault, "rollback_fault_s", "rollback_fault_s");
}

}  // namespace shiftsim::detail
