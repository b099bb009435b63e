#pragma once
// The instance price tables shiftsim ships (SageMaker real-time hosting, USD per instance-hour),
// one per region, each row with its source and date (engine/data/NOTICE.md). A run prices with
// its region's table, overridden per type by Price Lists, the scenario and given prices, or with
// no table at all (pricing.hpp).
#include "shiftsim/deployment.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// One row of the price CSV: `instance_type,usd_per_hour,source,source_date`.
struct PriceRow {
  std::string instance_type;   ///< e.g. "ml.g5.xlarge"
  double usd_per_hour = 0.0;   ///< >= 0
  std::string source;          ///< where the number comes from, graded [A]/[B]/[C]
  std::string source_date;     ///< the source's date, YYYY-MM-DD
};

/// Parses a price CSV (RFC 4180: a header row, quoted fields may hold commas, doubled quotes
/// and line breaks; CRLF or LF). The header must name the four columns above in that order.
/// Throws InputError (codes E_CSV, E_TYPE, E_RANGE, E_DUPLICATE; path `<origin>:<line>`) listing
/// every bad row.
[[nodiscard]] std::vector<PriceRow> parse_price_csv(std::string_view csv,
                                                    std::string_view origin = "prices.csv");

/// The regions a table is shipped for (engine/data/prices-<region>.csv, embedded at build
/// time), sorted: "us-east-1", "us-east-2".
[[nodiscard]] std::vector<std::string> shipped_price_regions();

/// The shipped table's file name ("prices-us-east-1.csv"); empty when none is shipped for
/// `region`.
[[nodiscard]] std::string shipped_price_file(std::string_view region);

/// The shipped table of `region`, in file order; empty when none is shipped for it.
[[nodiscard]] std::vector<PriceRow> shipped_price_rows(std::string_view region);

/// The us-east-1 table's rows (shipped_price_rows("us-east-1")).
[[nodiscard]] std::vector<PriceRow> default_price_rows();

/// The us-east-1 table as a PriceTable (instance type -> USD per hour).
[[nodiscard]] PriceTable default_prices();

/// rows as a PriceTable.
[[nodiscard]] PriceTable to_price_table(const std::vector<PriceRow>& rows);

}  // namespace shiftsim

namespace shiftsim::detail {
/// The text of engine/data/prices-us-east-1.csv, embedded at build time (cmake/EmbedText.cmake).
std::string_view embedded_price_table() noexcept;
}  // namespace shiftsim::detail
