#pragma once
// The default timing model when a scenario gives none: per instance family, the median (p50)
// provisioning and termination times of /work/shared/reference/timing-facts.md section 4 and a
// 15 s traffic activation per shift. Documented in docs/timing-model.md.
#include "shiftsim/deployment.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// A family of instance types and its default timing.
struct TimingProfile {
  std::string family;  ///< "cpu", "gpu-small", "gpu-multi", "gpu-large", "neuron"
  Timing timing;       ///< P, D, A (p50 values)
  SimTime provision_p95 = 0;  ///< for reference and planning runs
  SimTime terminate_p95 = 0;
};

/// The family of an instance type ("ml.g5.2xlarge" -> gpu-small). Unknown or empty types
/// (serverless) are "cpu".
[[nodiscard]] TimingProfile timing_profile_for(std::string_view instance_type);

/// The default for a set of new fleets: the profile with the longest P among `instance_types`
/// (the slowest fleet paces lock-step variants); cpu when the list is empty.
[[nodiscard]] TimingProfile default_timing_profile(const std::vector<std::string>& instance_types);

}  // namespace shiftsim
