#pragma once
// Private: the rules resolve_deployment() applies after retention (resolve.hpp), one file each:
// - fallbacks.cpp: variant-set changes under an update policy (amendment A10) and the exclusion
//   fallbacks (A4);
// - fleet_notes.cpp: the capacity reset (A8) and shadow variants (A9).
#include "shiftsim/assumptions.hpp"
#include "shiftsim/aws.hpp"
#include "shiftsim/resolve.hpp"

#include <optional>

namespace shiftsim::detail {

/// What the exclusion rules read.
struct ExclusionContext {
  const FleetContext& fleet;
  /// The variants the update deploys: the new config's, else (unknown) the current config's.
  const aws::DescribeEndpointConfig* new_side = nullptr;
  /// The DeploymentConfig in force carries BlueGreenUpdatePolicy or RollingUpdatePolicy.
  bool has_update_policy = false;
  const Assumptions& assumptions;
};

/// A10 then A4 on `out` (its policy already the one in force): E_VARIANT_SET_CHANGED and
/// E_ROLLING_UNSUPPORTED into out.errors; W_VARIANT_RENAMED; the fallback (policy ALL_AT_ONCE,
/// W = 0, T = 0, policy.fallback, W_FALLBACK_ALL_AT_ONCE naming every cause).
void apply_exclusions(const ExclusionContext& ctx, ResolvedDeployment& out);

/// A8: W_CAPACITY_RESET for each variant whose target N differs from its CurrentInstanceCount.
void capacity_reset_warnings(const aws::DescribeEndpoint* endpoint, bool retain_all,
                             bool exclude_count, ResolvedDeployment& out);

/// A9: W_SHADOW_NOT_SIMULATED for the shadow variants of the documents given.
void shadow_warnings(const aws::DescribeEndpoint* endpoint,
                     const aws::DescribeEndpointConfig* current_config,
                     const aws::DescribeEndpointConfig* new_config, Diagnostics& out);

}  // namespace shiftsim::detail
