#pragma once
// The instance price table shiftsim ships (SageMaker real-time hosting, us-east-1, USD per
// instance-hour), with each row's source and date. Users override or extend it in a scenario
// file (`prices: {ml.g5.xlarge: 1.41}`).
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

/// The rows of the table embedded in the binary (engine/data/prices-us-east-1.csv), in file order.
[[nodiscard]] std::vector<PriceRow> default_price_rows();

/// The embedded table as a PriceTable (instance type -> USD per hour).
[[nodiscard]] PriceTable default_prices();

/// rows as a PriceTable.
[[nodiscard]] PriceTable to_price_table(const std::vector<PriceRow>& rows);

}  // namespace shiftsim

namespace shiftsim::detail {
/// The text of engine/data/prices-us-east-1.csv, embedded at build time (cmake/EmbedText.cmake).
std::string_view embedded_price_table() noexcept;
}  // namespace shiftsim::detail
