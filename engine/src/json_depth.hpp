#pragma once
// JSON text parsed with nlohmann's iterative parser, refused when its arrays and objects nest
// deeper than a bound: for readers whose size budget is their own (a fleet's JSON Lines records),
// so that nothing recursive (dump(), comparisons) ever meets a value nested a million deep.
// Documents go through parse_tree() (json_tree.hpp) instead, which enforces the whole budget of
// input_limits.hpp.
#include <nlohmann/json.hpp>

#include <optional>
#include <string_view>

namespace shiftsim::detail {

/// What parse_json_within_depth() found.
enum class JsonDepthResult { ok, syntax, too_deep };

/// `text` as a J (nlohmann::json or ordered_json), or nullopt: a syntax error, or an array or
/// object at more than `max_levels` levels (the outermost value is level 1), which `result`
/// tells apart. Time O(size of text); memory O(size of the value): reading stops at the first
/// container too deep.
template <class J>
[[nodiscard]] std::optional<J> parse_json_within_depth(std::string_view text, int max_levels,
                                                       JsonDepthResult& result) {
  struct TooDeep {};
  const auto cb = [max_levels](int depth, typename J::parse_event_t ev, J& /*parsed*/) {
    // `depth` counts the containers around the event: 0 for the outermost value's own start.
    const bool opens = ev == J::parse_event_t::object_start || ev == J::parse_event_t::array_start;
    if (opens && depth >= max_levels) throw TooDeep{};  // stop reading: nothing deeper is built
    return true;
  };
  try {
    J j = J::parse(text.begin(), text.end(), cb, /*allow_exceptions=*/false);
    result = j.is_discarded() ? JsonDepthResult::syntax : JsonDepthResult::ok;
    if (result != JsonDepthResult::ok) return std::nullopt;
    return j;
  } catch (const TooDeep&) {
    result = JsonDepthResult::too_deep;
    return std::nullopt;
  }
}

}  // namespace shiftsim::detail
