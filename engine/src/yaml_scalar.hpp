#pragma once
// Private: the one resolution of a YAML plain scalar, shared by every YAML reader (parse_tree()'s
// yaml_tree.cpp and the IaC readers' located_tree.cpp).
#include <nlohmann/json.hpp>

#include <string>

namespace shiftsim::detail {

/// YAML 1.2 core schema resolution of a plain (unquoted, untagged) scalar:
///   true/True/TRUE, false/False/FALSE            -> boolean
///   "", ~, null/Null/NULL                        -> null
///   [-+]?[0-9]+ within 64 bits                   -> integer (beyond 64 bits: a double)
///   0x..., 0o... within 64 bits                  -> integer
///   [-+]?(.digits | digits[.digits])[e[-+]digits] -> double
///   anything else, including .inf and .nan       -> the text (JSON cannot carry non-finite numbers)
[[nodiscard]] nlohmann::ordered_json resolve_plain_scalar(const std::string& s);

}  // namespace shiftsim::detail
