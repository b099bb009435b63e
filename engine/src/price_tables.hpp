#pragma once
// Private: the price tables embedded in the binary, one per region (engine/data/prices-<region>.csv;
// the list is SHIFTSIM_PRICE_REGIONS in engine/CMakeLists.txt, which generates price_tables.cpp).
#include <span>
#include <string_view>

namespace shiftsim::detail {

struct EmbeddedPriceTable {
  std::string_view region;              ///< "us-east-1"
  std::string_view (*text)() noexcept;  ///< the CSV file's text
};

/// Every embedded table, sorted by region.
[[nodiscard]] std::span<const EmbeddedPriceTable> embedded_price_tables() noexcept;

}  // namespace shiftsim::detail
