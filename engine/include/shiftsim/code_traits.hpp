#pragma once
// What a code does besides being reported, in one place. Control flow asks a diagnostic's code
// for a trait (has_trait()), never compares it with a named code: a code's behaviour is decided
// here, next to its meaning, and a new code with the same behaviour only needs its trait.
// (Codes themselves are in codes.hpp; `shiftsim check`'s own codes, with their level and how
// they are shown, in check_codes.hpp.)
#include "shiftsim/codes.hpp"

#include <cstdint>
#include <string_view>

namespace shiftsim {

enum class CodeTrait : std::uint32_t {
  /// Resolving a request against its fleet raises it about the request itself: `validate`, given
  /// the fleet, lists it among the request's problems (once: not if validation raised it too).
  request_problem = 1U << 0U,
  /// The Terraform AWS provider refuses what it describes: `emit` and `plan` do not write it (an
  /// error) unless asked to (--allow-provider-reject).
  provider_rejects = 1U << 1U,
  /// It judges a timeout the user gave; said of a timeout the planner chose, it is noise.
  judges_given_timeout = 1U << 2U,
  /// The median trial's verdict that the timeout is short: a Monte Carlo that raises no timeout
  /// warning of its own has measured the timeout and found it enough, so it is dropped.
  median_timeout_verdict = 1U << 3U,
  /// It says a scenario's request was replaced by another: what `compare` does to every config.
  request_replaced = 1U << 4U,
  /// It says the running fleet is assumed: a template never carries one, so `check` makes it a
  /// note for CloudFormation.
  fleet_assumed = 1U << 5U,
  /// About the AWS CLI's waiter: for Terraform `check` raises the provider's own waiter finding.
  aws_cli_waiter = 1U << 6U,
};

struct CodeTraits {
  std::string_view code;
  std::uint32_t traits = 0;
};

namespace detail {
constexpr std::uint32_t bits(CodeTrait t) noexcept { return static_cast<std::uint32_t>(t); }
}  // namespace detail

/// Every code with a trait (codes not listed have none).
inline constexpr CodeTraits kCodeTraits[] = {
    {warning_code::capacity_reset, detail::bits(CodeTrait::request_problem)},
    {warning_code::fallback_all_at_once, detail::bits(CodeTrait::request_problem)},
    {warning_code::fleet_assumed, detail::bits(CodeTrait::fleet_assumed)},
    {warning_code::last_config_unknown, detail::bits(CodeTrait::request_problem)},
    {warning_code::scenario_request_replaced, detail::bits(CodeTrait::request_replaced)},
    {warning_code::shadow_not_simulated, detail::bits(CodeTrait::request_problem)},
    {warning_code::terraform_timeout_cap, detail::bits(CodeTrait::provider_rejects)},
    {warning_code::timeout_below_recommended, detail::bits(CodeTrait::judges_given_timeout)},
    {warning_code::timeout_short, detail::bits(CodeTrait::median_timeout_verdict)},
    {warning_code::variant_renamed, detail::bits(CodeTrait::request_problem)},
    {warning_code::waiter_60min, detail::bits(CodeTrait::aws_cli_waiter)},
};

/// Whether `code` has trait `t`.
[[nodiscard]] constexpr bool has_trait(std::string_view code, CodeTrait t) noexcept {
  for (const auto& c : kCodeTraits)
    if (c.code == code) return (c.traits & detail::bits(t)) != 0;
  return false;
}

}  // namespace shiftsim
