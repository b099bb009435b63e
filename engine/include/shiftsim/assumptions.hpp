#pragma once
// The named assumptions (every GAP of the engine contract) and the timing model, as
// NAME=VALUE settings: listed in every output, overridable by the caller (the CLI's
// `--assume NAME=VALUE`, a scenario's `assume:`).
//
// Names, in the stable order in which they are listed (defaults first):
//   rounding              ceil | round | floor                      (percent -> instances)
//   final_bake            termination_wait | wait_plus_termination  (blue/green final bake)
//   all_at_once_uses_wait false | true      (true: ALL_AT_ONCE bakes W, then the final bake T)
//   canary_traffic        new_fraction | blue_stays_active          (canary traffic share)
//   alarms_outside_bake   false | true      (true: a trip outside a bake applies at once)
//   billing               aws_note | running (aws_note: ALL_AT_ONCE with T = 0 bills one fleet,
//                         the one carrying the traffic; amendment A2)
//   fallback_timeout      kept | ignored    (under an exclusion fallback the timeout stays; A4)
//   rolling_exclusions    fallback | reject (ROLLING on multi-variant/serverless: fall back, or
//                         E_ROLLING_UNSUPPORTED; A4)
//   variant_set_change    reject | fallback (variant names changed under an update policy:
//                         E_VARIANT_SET_CHANGED, or SageMaker's exclusion fallback; A10)
//   provision_s           seconds >= 0, decimals allowed (P, one provisioning batch)
//   terminate_s           seconds >= 0, decimals allowed (D, one termination batch)
//   activation_s          seconds >= 0, decimals allowed (A, one traffic shift)
// and, for a run, where its prices come from (set by the run's inputs, not by NAME=VALUE):
//   price_region          the region and how it was chosen ("eu-central-1 (from AWS_REGION)")
//   price_table           the shipped table used, or none
#include "shiftsim/deployment.hpp"
#include "shiftsim/result.hpp"
#include "shiftsim/stochastic.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

[[nodiscard]] const char* to_string(Rounding r) noexcept;       ///< "ceil", "round", "floor"
[[nodiscard]] const char* to_string(FinalBake f) noexcept;      ///< "termination_wait", ...
[[nodiscard]] const char* to_string(CanaryTraffic c) noexcept;  ///< "new_fraction", ...
[[nodiscard]] const char* to_string(Billing b) noexcept;        ///< "running", "aws_note"
[[nodiscard]] const char* to_string(FallbackTimeout f) noexcept;    ///< "kept", "ignored"
[[nodiscard]] const char* to_string(RollingExclusions r) noexcept;  ///< "fallback", "reject"
[[nodiscard]] const char* to_string(VariantSetChange v) noexcept;   ///< "reject", "fallback"

/// The names accepted by apply_assumption(), in listing order.
[[nodiscard]] const std::vector<std::string_view>& assumption_names();

/// Sets one named assumption or timing value. Throws InputError (code E_ASSUMPTION, path = the
/// name, rule = the allowed values, message "NAME=VALUE: ...") for an unknown name or a value
/// outside the allowed set; callers set the path to where the value came from.
/// Seconds accept decimals (millisecond precision; more digits is an error) and must be >= 0.
void apply_assumption(Assumptions& a, Timing& timing, std::string_view name,
                      std::string_view value);

/// Every assumption in force plus the timing values, in the stable order above, values as text
/// (seconds printed without trailing zeros: "300", "0.5").
[[nodiscard]] std::vector<AssumptionValue> assumption_values(const Assumptions& a,
                                                             const Timing& timing);

/// The same for a run: under a timing model (input.draws median or trial), provision_s and
/// terminate_s say what each instance type's operations used (its distribution; types sharing one
/// listed together) instead of the fixed P and D no operation used; unchanged when every type's
/// distribution is that fixed value. Then where the run's prices come from (price_region,
/// price_table: pricing.hpp, amendment A13).
[[nodiscard]] std::vector<AssumptionValue> assumption_values(const SimulationInput& input);

/// The same under `model`: each trial's draws (montecarlo), or the median trial (sweep, plan).
[[nodiscard]] std::vector<AssumptionValue> assumption_values(const SimulationInput& input,
                                                             const StochasticModel& model,
                                                             bool median_trial);

/// Seconds as text from simulated time: whole seconds without a decimal point, else up to
/// three decimals without trailing zeros ("300", "12.5", "0.001").
[[nodiscard]] std::string format_seconds(SimTime t);

}  // namespace shiftsim
