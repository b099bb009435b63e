#pragma once
// Private: the first pass of the YAML reader (yaml_tree.cpp). yaml-cpp loads an alias as a second
// reference to its anchor's node, so a document of a few hundred bytes (nine levels of nine
// aliases: "billion laughs") loads cheaply and only explodes when it is walked into a tree. This
// pass reads the parser's events alone, builds nothing, and adds up what the tree would hold:
// values, text, nesting and members, with each alias counted as the whole value it names.
#include "json_tree.hpp"

#include <yaml-cpp/anchor.h>

#include <string_view>
#include <unordered_set>

namespace shiftsim::detail {

/// Reads the first document of `text` (as YAML::Load does) against the budget of
/// input_limits.hpp. Throws LimitHit at the first limit crossed, naming its line (for an alias:
/// the alias's): E_NODE_BUDGET, E_DEPTH, E_LENGTH, E_LIST_LENGTH; also E_YAML_SYNTAX for an alias
/// inside the value it names and E_TYPE for a list or mapping used as a key (JSON holds neither).
/// Throws YAML::Exception for a syntax error. Returns the anchors that aliases use (yaml-cpp
/// numbers anchors in document order, so a second parse of the same text gives the same ids).
[[nodiscard]] std::unordered_set<YAML::anchor_t> check_yaml_budget(std::string_view text,
                                                                   std::string_view doc_name);

}  // namespace shiftsim::detail
