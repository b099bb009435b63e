#include "shiftsim/deployment.hpp"
#include "shiftsim/result.hpp"

#include <algorithm>

namespace shiftsim {

std::optional<SimTime> timeout_in_force(const SimulationInput& input) noexcept {
  if (input.policy.fallback && input.assumptions.fallback_timeout == FallbackTimeout::ignored)
    return std::nullopt;
  return input.policy.timeout;
}

bool alarms_roll_back(const DeploymentPolicy& policy) noexcept {
  return !policy.alarms.empty() && !policy.fallback;
}

const char* to_string(Strategy s) noexcept {
  switch (s) {
    case Strategy::all_at_once: return "ALL_AT_ONCE";
    case Strategy::canary: return "CANARY";
    case Strategy::linear: return "LINEAR";
    case Strategy::rolling: return "ROLLING";
  }
  return "?";
}

const char* to_string(CapacityType t) noexcept {
  return t == CapacityType::instance_count ? "INSTANCE_COUNT" : "CAPACITY_PERCENT";
}

const char* to_string(Outcome o) noexcept {
  switch (o) {
    case Outcome::succeeded: return "SUCCEEDED";
    case Outcome::rolled_back: return "ROLLED_BACK";
    case Outcome::timed_out: return "TIMED_OUT";
    case Outcome::update_rollback_failed: return "UPDATE_ROLLBACK_FAILED";
  }
  return "?";
}

const char* to_string(Phase p) noexcept {
  switch (p) {
    case Phase::provision: return "PROVISION";
    case Phase::shift: return "SHIFT";
    case Phase::bake: return "BAKE";
    case Phase::terminate: return "TERMINATE";
    case Phase::rollback: return "ROLLBACK";
    case Phase::done: return "DONE";
  }
  return "?";
}

int capacity_to_instances(const CapacitySize& cs, int n, Rounding rounding) noexcept {
  if (n <= 0) return 0;
  std::int64_t k = 0;
  if (cs.type == CapacityType::instance_count) {
    k = cs.value;
  } else {
    // Exact integer arithmetic on value * n / 100.
    const std::int64_t num = cs.value * static_cast<std::int64_t>(n);
    switch (rounding) {
      case Rounding::ceil: k = (num + 99) / 100; break;
      case Rounding::round: k = (num + 50) / 100; break;
      case Rounding::floor: k = num / 100; break;
    }
  }
  return static_cast<int>(std::clamp<std::int64_t>(k, 1, n));
}

}  // namespace shiftsim
