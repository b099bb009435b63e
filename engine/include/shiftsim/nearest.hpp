#pragma once
// "Did you mean ...?": the known names nearest to a word someone typed (a flag, a command, an
// enum value such as an instance type).
//
// Distance: optimal string alignment (insertions, deletions, substitutions and transpositions of
// two adjacent characters cost 1 each), compared case-insensitively with '-' and '_' equal, so
// "CANARY" is 0 from "canary" and "all_at_once" 0 from "all-at-once". A candidate that starts
// with the word ("--ter" -> "--terminate-s") ranks before every other. Cost: O(|word| x |name|)
// per candidate.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim {

/// The edit distance above (case-insensitive, '-' == '_').
[[nodiscard]] std::size_t name_distance(std::string_view a, std::string_view b);

/// At most `count` candidates nearest to `word`, nearest first (ties: the longer common start
/// first, then the candidates' order); prefix matches first. Only candidates within `max_distance` are returned; without
/// one, a candidate must be within max(2, |word| / 3) to count as a likely typo. An exact match
/// (distance 0) is returned alone. A word more than twice as long as the longest candidate (plus
/// 2) gets none: no candidate is a typo of it. Cost: O(|word| x |candidate|) per candidate within
/// reach, so at most O(candidates x longest^2) whatever the word's length (a 64 KiB value checked
/// against 277 instance types took 4 s before that bound).
[[nodiscard]] std::vector<std::string> nearest_names(std::string_view word,
                                                     const std::vector<std::string>& candidates,
                                                     std::size_t count = 1,
                                                     std::optional<std::size_t> max_distance = {});

/// " (did you mean a, b or c?)" for the names, or "" when there are none.
[[nodiscard]] std::string did_you_mean(const std::vector<std::string>& names);

}  // namespace shiftsim
