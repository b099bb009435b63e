#pragma once
// A run's prices (engine contract amendments A12 and A13): the region they are for, each instance
// type's price and where it comes from, and the types left unpriced.
//
// Region (A13): the caller's region, else AWS_REGION, else AWS_DEFAULT_REGION, else the region of
// the endpoint's ARN (describe-endpoint's EndpointArn), else us-east-1. The engine reads no
// environment: callers pass the variables' values, and name their own region input.
//
// Prices: each instance type's comes from the last of these sources that gives one:
//   1. the shipped table of the region (prices.hpp), unless the table is off (`price_table:
//      none`, for negotiated rates: only what is given counts);
//   2. AWS Price List files (price_list.hpp): their entries for the region, files in order;
//   3. the scenario's `prices:`;
//   4. the caller's prices (CLI: `--price TYPE=USD`), in order.
// A type that none of them prices is unpriced (A12): every cost that includes its instances is
// unknown (cost.hpp), and W_PRICE_MISSING names it once, with the region and how to give a price.
#include "shiftsim/cost.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/price_list.hpp"
#include "shiftsim/result.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// The region used when nothing names one.
inline constexpr std::string_view kDefaultPriceRegion = "us-east-1";

enum class RegionSource : std::uint8_t { given, aws_region, aws_default_region, endpoint_arn, fallback };

/// What the region may come from, as the caller found it. Empty strings count as unset.
struct RegionInputs {
  std::optional<std::string> given;               ///< the caller's region (CLI: --region)
  std::string given_name = "the given region";    ///< how messages name it (CLI: "--region")
  std::optional<std::string> aws_region;          ///< the AWS_REGION variable
  std::optional<std::string> aws_default_region;  ///< the AWS_DEFAULT_REGION variable
};

struct PriceRegion {
  std::string region{kDefaultPriceRegion};
  RegionSource source = RegionSource::fallback;
  /// How it was chosen, for the assumptions: "from --region", "from AWS_REGION", "from the
  /// endpoint's ARN", "the default: no region given".
  std::string source_text = "the default: no region given";
};

/// Is `s` an AWS region code: lowercase words joined by dashes, ending in a number
/// ("eu-central-1", "us-gov-west-1", "cn-north-1")?
[[nodiscard]] bool is_region_code(std::string_view s) noexcept;

/// The region of an ARN (`arn:<partition>:<service>:<region>:<account>:<resource>`); absent when
/// `arn` is not one or names no valid region.
[[nodiscard]] std::optional<std::string> region_of_arn(std::string_view arn);

/// A13's order. A given or environment value that is not a region code is E_REGION in `errors`
/// (path: its name; the rest of the order is still tried, so the result is always a region).
[[nodiscard]] PriceRegion choose_price_region(const RegionInputs& in,
                                              std::string_view endpoint_arn,
                                              Diagnostics& errors);

enum class PriceOrigin : std::uint8_t { table, price_list, scenario, given };

/// "shipped table", "price list", "scenario", "given".
[[nodiscard]] const char* to_string(PriceOrigin o) noexcept;

/// A price the caller gives for one type (CLI: --price TYPE=USD).
struct GivenPrice {
  std::string instance_type;
  double usd_per_hour = 0.0;
  std::string path;  ///< where it was given, for messages and listings ("--price")
};

/// Parses `TYPE=USD`: an instance type (ml.*) and USD per instance-hour, a number in [0, 10000].
/// Throws InputError E_PRICE at `path` (rule and value named).
[[nodiscard]] GivenPrice parse_given_price(std::string_view text, std::string_view path);

/// Everything a run's prices come from, gathered by the caller (plain values).
struct PriceSources {
  RegionInputs region;
  /// The shipped table: absent = as the scenario's `price_table:` says (default: used);
  /// false = none (negotiated rates: only given prices).
  std::optional<bool> use_table;
  std::vector<PriceList> lists;
  std::vector<GivenPrice> given;
  /// How a user gives a missing price, the end of W_PRICE_MISSING's message.
  std::string hint = "give its price in the scenario (prices: {TYPE: USD_PER_HOUR})";
};

/// One instance type's price in force, and where it comes from.
struct KnownPrice {
  std::string instance_type;
  double usd_per_hour = 0.0;
  PriceOrigin origin = PriceOrigin::table;
  /// The table row's source and date, the Price List file and entry, `prices.TYPE`, or the path
  /// of the given price.
  std::string source;
};

/// The prices known for one region, from every source in force.
struct PriceBook {
  PriceRegion region;
  bool table_used = true;        ///< the shipped table counts (not `price_table: none`)
  std::string table_file;        ///< "prices-us-east-1.csv"; empty when none is shipped for it
  std::vector<KnownPrice> prices;  ///< one per instance type, sorted by type

  [[nodiscard]] PriceTable table() const;  ///< instance type -> USD per hour
  [[nodiscard]] const KnownPrice* find(std::string_view instance_type) const noexcept;
};

/// The book of `region` from the sources, in the order above. `scenario_prices` and
/// `scenario_table` are the scenario's `prices:` and `price_table:` (null / absent: none given).
[[nodiscard]] PriceBook build_price_book(const PriceSources& sources, const PriceRegion& region,
                                         const PriceTable* scenario_prices,
                                         std::optional<bool> scenario_table);

/// The book's basis as SimulationInput carries it (the assumptions it lists).
[[nodiscard]] PriceBasis price_basis(const PriceBook& book);

/// The instance types `input` runs instances of with no price in `input.prices`, sorted.
[[nodiscard]] UnpricedTypes unpriced_types(const SimulationInput& input);

/// W_PRICE_MISSING, one per unpriced type: "No price for ml.x in eu-central-1: every cost that
/// includes its instances is unknown; <hint>."
[[nodiscard]] Diagnostics price_missing_warnings(const UnpricedTypes& types,
                                                 const PriceBasis& basis, std::string_view hint);

/// E_COST_UNKNOWN when `input` runs an unpriced type: `what` (e.g. "the cost objective") needs
/// every price. One error at `path`, naming the types and the region, ending with how to give a
/// price (input.price_basis.hint) and `alternative` (what else the user can do) when not empty.
/// Empty when every type is priced.
[[nodiscard]] Diagnostics cost_unknown_errors(const SimulationInput& input, std::string_view what,
                                              std::string_view path,
                                              std::string_view alternative);

/// The assumptions lines of the basis: price_region, price_table.
[[nodiscard]] std::vector<AssumptionValue> price_assumptions(const PriceBasis& basis);

}  // namespace shiftsim
