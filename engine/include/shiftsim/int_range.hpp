#pragma once
// Integer ranges as the sweep's flags take them (`--wait 0:3600:300`, `--size-count 1,2,5:10:5`):
// `start:stop:step` (inclusive; step > 0, start <= stop), a single value, or a comma list of
// those. Values are whole units (seconds, instances or percent).
//
// Budget: every part is checked against its field's limits (IntRangeField: WaitIntervalInSeconds
// 0..3600, ...) and the number of values is computed with checked 64-bit arithmetic BEFORE
// anything is expanded; stepping never overflows; at most `max_values` values are ever stored.
// A range can therefore cost no more memory than max_values integers, whatever its text says.
//
// Errors (InputError, path = `flag`, value = the whole text): E_RANGE_SYNTAX (not a number, not
// three parts), E_RANGE (step <= 0, start > stop, a value outside the field's limits: the
// message names the value, the limit and the field), E_GRID_TOO_LARGE (more than max_values).
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// The most values one range may hold (before duplicates are removed).
inline constexpr std::uint64_t kMaxRangeValues = 100'000;

/// The field a range gives values for, and its limits (inclusive).
struct IntRangeField {
  std::string name;  ///< what the values are, for messages: "WaitIntervalInSeconds"
  std::int64_t min = 0;
  std::int64_t max = std::numeric_limits<std::int64_t>::max();
};

/// The limits of an integer shape of the SageMaker model ("WaitIntervalInSeconds": 0..3600,
/// "TerminationWaitInSeconds": 0..3600, "CapacitySizeValue": 1..), named `name`. A bound the
/// model leaves open stays at the IntRangeField default. std::invalid_argument for a shape that
/// is not an integer of the model.
[[nodiscard]] IntRangeField model_int_field(std::string_view shape);

/// Parses and expands `text` for `field`: sorted, duplicate-free values, each within the field's
/// limits. Nothing is expanded before every part is checked and counted.
[[nodiscard]] std::vector<std::int64_t> parse_int_range(std::string_view text,
                                                        std::string_view flag,
                                                        const IntRangeField& field,
                                                        std::uint64_t max_values = kMaxRangeValues);

/// The same for a field of any non-negative value (0..INT64_MAX).
[[nodiscard]] std::vector<std::int64_t> parse_int_range(std::string_view text,
                                                        std::string_view flag,
                                                        std::uint64_t max_values = kMaxRangeValues);

/// How many values (duplicates included) the parts of `text` hold, after the syntax, step and
/// order checks (values >= 0), without expanding; saturates at UINT64_MAX.
[[nodiscard]] std::uint64_t count_int_range(std::string_view text, std::string_view flag);

}  // namespace shiftsim
