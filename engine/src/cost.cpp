// The wording of an unknown cost (cost.hpp).
#include "shiftsim/cost.hpp"

namespace shiftsim {

std::string unknown_cost_text(const UnpricedTypes& unpriced) {
  if (unpriced.empty()) return "unknown";
  std::string types;
  for (const auto& t : unpriced) types += (types.empty() ? "" : ", ") + t;
  return "unknown (no price for " + types + ")";
}

}  // namespace shiftsim
