#pragma once
// Private: the request's bakes against its alarms (validate.cpp runs it on every request, so
// validate, emit, simulate and plan all report it):
//   W_ZERO_BAKE_WITH_ALARMS    a bake of 0 s while alarms are configured (no update policy: the
//                              default ALL_AT_ONCE has no bake at all), so a bad version is past
//                              that bake before any alarm can reach ALARM;
//   W_WAIT_LOOKS_LIKE_MINUTES  a bake under 60 s with alarms: shorter than one standard CloudWatch
//                              period, as when minutes are typed where seconds are asked.
// The bakes are those of the contract's success timelines: WaitIntervalInSeconds (CANARY,
// LINEAR, ROLLING) and TerminationWaitInSeconds (blue/green, default 0).
#include "aws_tree.hpp"
#include "json_tree.hpp"

#include "shiftsim/diagnostic.hpp"

#include <string_view>

namespace shiftsim::detail {

/// Appends the warnings for the DeploymentConfig object `dc` of a request named `doc`.
void bake_warnings(const Json& dc, std::string_view doc, Diagnostics& out);

}  // namespace shiftsim::detail
