#pragma once
// Private parts of run_check(): the simulation of one update and the rule checks.
#include "shiftsim/check.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/result.hpp"
#include "shiftsim/stochastic.hpp"

#include <optional>
#include <string>

namespace shiftsim::check::detail {

/// The documents one update is simulated from (pointers into the IacDocument or the Options).
struct Fleet {
  const aws::DescribeEndpoint* endpoint = nullptr;
  const aws::DescribeEndpointConfig* current_config = nullptr;
  const aws::DescribeEndpointConfig* new_config = nullptr;
};

/// Validates, resolves and simulates `update`; fills `out.figures` and findings. Returns false
/// (with a finding saying why) when it could not simulate.
bool simulate_update(const iac::EndpointUpdate& update, const Fleet& fleet, const Options& options,
                     EndpointReport& out);

/// The rule checks that need no simulation (tool limits, replacements, no DeploymentConfig,
/// capacity reset) and those on the figures (waiter, quota, price).
void check_rules(const iac::EndpointUpdate& update, const Fleet& fleet, const Options& options,
                 EndpointReport& out);

/// A finding at the update's resource.
[[nodiscard]] iac::Finding finding(iac::Level level, std::string code, std::string message,
                                   const iac::EndpointUpdate& update, std::string path = {});

/// "2115 s (0:35:15)".
[[nodiscard]] std::string duration_text(double seconds);

}  // namespace shiftsim::check::detail
