#pragma once
// A cost in US dollars, or unknown (engine contract amendment A12): a cost that includes
// instance-time of an instance type with no price is unknown, never $0.00. Every cost figure the
// engine returns is a Cost (simulate's summary and rollback rows, the Monte Carlo's trials and
// quantiles, sweep rows, the plan), and the CLI formats every one through cli/report/format.hpp:
// a dollar amount, or "unknown (no price for TYPE)" in tables and reports, null in JSON and CSV.
//
// Arithmetic propagates unknown (known + unknown = unknown), so a figure derived from an unknown
// cost (an extra cost, a mean) is unknown too. There are no comparison operators on purpose:
// ranking and limits must say what an unknown cost means (sweep.hpp, plan_choice.hpp).
// Trivially copyable, 8 bytes: it is stored per Monte Carlo trial.
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace shiftsim {

class Cost {
 public:
  /// $0.00, known.
  constexpr Cost() noexcept = default;
  /// A known amount in USD (implicit: every computed amount is a Cost). NaN stands for unknown.
  constexpr Cost(double usd) noexcept : usd_(usd) {}  // NOLINT(google-explicit-constructor)

  [[nodiscard]] static constexpr Cost unknown() noexcept {
    return Cost(std::numeric_limits<double>::quiet_NaN());
  }

  [[nodiscard]] constexpr bool known() const noexcept { return usd_ == usd_; }  // NaN: unknown

  /// The amount; absent when unknown.
  [[nodiscard]] constexpr std::optional<double> usd() const noexcept {
    if (known()) return usd_;
    return std::nullopt;
  }

  /// The amount, or `fallback` when unknown (ranking: callers choose what unknown ranks as).
  [[nodiscard]] constexpr double value_or(double fallback) const noexcept {
    return known() ? usd_ : fallback;
  }

  friend constexpr Cost operator+(Cost a, Cost b) noexcept { return Cost(a.usd_ + b.usd_); }
  friend constexpr Cost operator-(Cost a, Cost b) noexcept { return Cost(a.usd_ - b.usd_); }
  friend constexpr Cost operator*(Cost a, double k) noexcept { return Cost(a.usd_ * k); }
  constexpr Cost& operator+=(Cost b) noexcept {
    usd_ += b.usd_;
    return *this;
  }

  /// Both unknown, or both known and equal (for tests and caches; not an ordering).
  [[nodiscard]] friend constexpr bool same_cost(Cost a, Cost b) noexcept {
    return a.known() ? b.known() && a.usd_ == b.usd_ : !b.known();
  }

 private:
  double usd_ = 0.0;  ///< NaN when unknown
};

/// The instance types a run bills with no price, sorted: the TYPEs that "unknown (no price for
/// TYPE)" names. Empty: every cost of the run is known.
using UnpricedTypes = std::vector<std::string>;

/// What an unknown cost reads in text: "unknown (no price for ml.g5.xlarge)", "unknown (no price
/// for ml.a, ml.b)"; "unknown" alone when `unpriced` is empty. The one wording of A12, used by
/// the engine's messages and the CLI's reports (cli/report/format.hpp).
[[nodiscard]] std::string unknown_cost_text(const UnpricedTypes& unpriced);

}  // namespace shiftsim
