#pragma once
// Private: the AWS CLI's shorthand syntax for structure parameters
// (`BlueGreenUpdatePolicy={TrafficRoutingConfiguration={Type=CANARY,WaitIntervalInSeconds=600}}`),
// turned into the JSON tree the AWS CLI would build: scalars typed by the model shape (integer
// members become integers when they are digits, booleans `true`/`false`), a single value given
// for a list member becomes a one-item list.
#include "json_tree.hpp"
#include "model_validator.hpp"

#include <optional>
#include <string_view>

namespace shiftsim::detail {

/// Parses `text` as shorthand for `shape`. Syntax problems are appended to `out` (E_SHORTHAND,
/// rule names the column) and nullopt returned.
[[nodiscard]] std::optional<Json> parse_shorthand(std::string_view text, const Model& model,
                                                  const Shape& shape, std::string_view doc_name,
                                                  Diagnostics& out);

}  // namespace shiftsim::detail
