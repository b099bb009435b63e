// Named assumptions: NAME=VALUE parsing and the stable listing of every output.
#include "shiftsim/assumptions.hpp"
#include "shiftsim/pricing.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/stochastic.hpp"

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <limits>
#include <map>

namespace shiftsim {

const char* to_string(Rounding r) noexcept {
  switch (r) {
    case Rounding::ceil: return "ceil";
    case Rounding::round: return "round";
    case Rounding::floor: return "floor";
  }
  return "?";
}

const char* to_string(FinalBake f) noexcept {
  return f == FinalBake::termination_wait ? "termination_wait" : "wait_plus_termination";
}

const char* to_string(CanaryTraffic c) noexcept {
  return c == CanaryTraffic::new_fraction ? "new_fraction" : "blue_stays_active";
}

const char* to_string(Billing b) noexcept { return b == Billing::running ? "running" : "aws_note"; }

const char* to_string(FallbackTimeout f) noexcept {
  return f == FallbackTimeout::kept ? "kept" : "ignored";
}

const char* to_string(RollingExclusions r) noexcept {
  return r == RollingExclusions::fallback ? "fallback" : "reject";
}

const char* to_string(VariantSetChange v) noexcept {
  return v == VariantSetChange::reject ? "reject" : "fallback";
}

const std::vector<std::string_view>& assumption_names() {
  // A function-local constant (immutable after initialisation): not mutable global state.
  static const std::vector<std::string_view> names{
      "rounding",           "final_bake",         "all_at_once_uses_wait", "canary_traffic",
      "alarms_outside_bake", "billing",           "fallback_timeout",      "rolling_exclusions",
      "variant_set_change", "provision_s",        "terminate_s",           "activation_s"};
  return names;
}

std::string format_seconds(SimTime t) {
  const bool neg = t < 0;
  const std::uint64_t a =
      neg ? static_cast<std::uint64_t>(-(t + 1)) + 1U : static_cast<std::uint64_t>(t);
  const std::uint64_t whole = a / 1000U;
  std::uint64_t frac = a % 1000U;
  std::string s = fmt::format("{}{}", neg ? "-" : "", whole);
  if (frac != 0) {
    std::string digits = fmt::format("{:03}", frac);
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    s += '.';
    s += digits;
  }
  return s;
}

namespace {

[[noreturn]] void bad(std::string_view name, std::string_view value, std::string_view allowed) {
  throw_input_error(error_code::assumption, std::string(name), fmt::format("must be one of: {}", allowed),
                    fmt::format("\"{}\"", value),
                    fmt::format("{}={}: {} must be one of: {}", name, value, name, allowed));
}

bool parse_bool(std::string_view name, std::string_view value) {
  if (value == "true") return true;
  if (value == "false") return false;
  bad(name, value, "true, false");
}

/// Non-negative decimal seconds with at most 3 decimals -> milliseconds.
SimTime parse_seconds(std::string_view name, std::string_view value) {
  constexpr std::string_view allowed = "seconds >= 0, e.g. 300 or 12.5 (at most 3 decimals)";
  if (value.empty()) bad(name, value, allowed);
  std::int64_t whole = 0;
  std::int64_t frac = 0;
  int frac_digits = 0;
  bool seen_dot = false;
  bool any_digit = false;
  for (char c : value) {
    if (c == '.') {
      if (seen_dot) bad(name, value, allowed);
      seen_dot = true;
      continue;
    }
    if (c < '0' || c > '9') bad(name, value, allowed);
    any_digit = true;
    const int d = c - '0';
    if (seen_dot) {
      if (++frac_digits > 3) bad(name, value, allowed);
      frac = frac * 10 + d;
    } else {
      if (whole > (std::numeric_limits<std::int64_t>::max() / 1000 - 9) / 10)
        bad(name, value, allowed);
      whole = whole * 10 + d;
    }
  }
  if (!any_digit) bad(name, value, allowed);
  while (frac_digits < 3) {
    frac *= 10;
    ++frac_digits;
  }
  return whole * 1000 + frac;
}

}  // namespace

void apply_assumption(Assumptions& a, Timing& timing, std::string_view name,
                      std::string_view value) {
  if (name == "rounding") {
    if (value == "ceil") a.rounding = Rounding::ceil;
    else if (value == "round") a.rounding = Rounding::round;
    else if (value == "floor") a.rounding = Rounding::floor;
    else bad(name, value, "ceil, round, floor");
  } else if (name == "final_bake") {
    if (value == "termination_wait") a.final_bake = FinalBake::termination_wait;
    else if (value == "wait_plus_termination") a.final_bake = FinalBake::wait_plus_termination;
    else bad(name, value, "termination_wait, wait_plus_termination");
  } else if (name == "all_at_once_uses_wait") {
    a.all_at_once_uses_wait = parse_bool(name, value);
  } else if (name == "canary_traffic") {
    if (value == "new_fraction") a.canary_traffic = CanaryTraffic::new_fraction;
    else if (value == "blue_stays_active") a.canary_traffic = CanaryTraffic::blue_stays_active;
    else bad(name, value, "new_fraction, blue_stays_active");
  } else if (name == "alarms_outside_bake") {
    a.alarms_outside_bake = parse_bool(name, value);
  } else if (name == "billing") {
    if (value == "running") a.billing = Billing::running;
    else if (value == "aws_note") a.billing = Billing::aws_note;
    else bad(name, value, "aws_note, running");
  } else if (name == "fallback_timeout") {
    if (value == "kept") a.fallback_timeout = FallbackTimeout::kept;
    else if (value == "ignored") a.fallback_timeout = FallbackTimeout::ignored;
    else bad(name, value, "kept, ignored");
  } else if (name == "rolling_exclusions") {
    if (value == "fallback") a.rolling_exclusions = RollingExclusions::fallback;
    else if (value == "reject") a.rolling_exclusions = RollingExclusions::reject;
    else bad(name, value, "fallback, reject");
  } else if (name == "variant_set_change") {
    if (value == "reject") a.variant_set_change = VariantSetChange::reject;
    else if (value == "fallback") a.variant_set_change = VariantSetChange::fallback;
    else bad(name, value, "reject, fallback");
  } else if (name == "provision_s") {
    timing.provision = parse_seconds(name, value);
  } else if (name == "terminate_s") {
    timing.terminate = parse_seconds(name, value);
  } else if (name == "activation_s") {
    timing.activation = parse_seconds(name, value);
  } else {
    std::string names;
    for (auto n : assumption_names()) {
      if (!names.empty()) names += ", ";
      names += n;
    }
    throw_input_error(error_code::assumption, std::string(name),
                      fmt::format("must be one of: {}", names), fmt::format("\"{}\"", name),
                      fmt::format("{}={}: unknown assumption '{}'; known: {}", name, value,
                                  name, names));
  }
}

std::vector<AssumptionValue> assumption_values(const Assumptions& a, const Timing& timing) {
  return {
      {"rounding", to_string(a.rounding)},
      {"final_bake", to_string(a.final_bake)},
      {"all_at_once_uses_wait", a.all_at_once_uses_wait ? "true" : "false"},
      {"canary_traffic", to_string(a.canary_traffic)},
      {"alarms_outside_bake", a.alarms_outside_bake ? "true" : "false"},
      {"billing", to_string(a.billing)},
      {"fallback_timeout", to_string(a.fallback_timeout)},
      {"rolling_exclusions", to_string(a.rolling_exclusions)},
      {"variant_set_change", to_string(a.variant_set_change)},
      {"provision_s", format_seconds(timing.provision)},
      {"terminate_s", format_seconds(timing.terminate)},
      {"activation_s", format_seconds(timing.activation)},
  };
}

namespace {

std::string describe(const DurationDist& d) {
  if (d.kind == DurationDist::Kind::fixed) return fmt::format("fixed {} s", format_seconds(d.fixed));
  return fmt::format("lognormal p50 {} s, p95 {} s per {}", d.p50_s, d.p95_s,
                     d.per_instance ? "instance" : "operation");
}

/// What the operations of each instance type used, types with the same distribution together;
/// empty when every type used the fixed value `fixed`.
std::string by_type(const SimulationInput& in, const StochasticModel& m, bool median_trial,
                    bool provision, SimTime fixed) {
  std::map<std::string, std::string> groups;  // description -> types
  bool all_fixed = true;
  for (const auto& v : in.variants) {
    const std::pair<const std::string*, int> sides[] = {{&v.old_instance_type, v.n_old},
                                                        {&v.new_instance_type, v.n_new}};
    for (const auto& [type, n] : sides) {
      if (n <= 0 || type->empty()) continue;
      const DurationDist& d = provision ? provision_dist_for(m, *type) : terminate_dist_for(m, *type);
      all_fixed = all_fixed && d.kind == DurationDist::Kind::fixed && d.fixed == fixed;
      std::string& types = groups[describe(d)];
      if (types.find(*type) == std::string::npos) types += (types.empty() ? "" : ", ") + *type;
    }
  }
  if (all_fixed) return {};
  std::string out;
  for (const auto& [what, types] : groups)
    out += fmt::format("{}{}: {}", out.empty() ? "" : "; ", types, what);
  return out + (median_trial
                    ? " (median trial: each operation at the median of its slowest instance)"
                    : " (each trial draws every operation: a batch waits for its slowest instance)");
}

}  // namespace

std::vector<AssumptionValue> assumption_values(const SimulationInput& input,
                                               const StochasticModel& model, bool median_trial) {
  std::vector<AssumptionValue> out = assumption_values(input.assumptions, input.timing);
  for (auto& a : out) {
    std::string text;
    if (a.name == "provision_s")
      text = by_type(input, model, median_trial, true, input.timing.provision);
    if (a.name == "terminate_s")
      text = by_type(input, model, median_trial, false, input.timing.terminate);
    if (!text.empty()) a.value = std::move(text);
  }
  for (auto& a : price_assumptions(input.price_basis)) out.push_back(std::move(a));
  return out;
}

std::vector<AssumptionValue> assumption_values(const SimulationInput& input) {
  if (input.draws.mode == TimingDraws::Mode::fixed || !input.draws.model) {
    auto out = assumption_values(input.assumptions, input.timing);
    for (auto& a : price_assumptions(input.price_basis)) out.push_back(std::move(a));
    return out;
  }
  return assumption_values(input, *input.draws.model,
                           input.draws.mode == TimingDraws::Mode::median);
}

}  // namespace shiftsim
