#pragma once
// Private: a JSON or YAML document as one JSON-like tree plus the source line of each member, for
// readers that must say where a resource is (file and line in SARIF and text findings).
//
// Paths are JSON-pointer-like strings: "" is the root, "/Resources/MyEndpoint/Properties" a
// member, "/resource_changes/3" an array element (no escaping: keys holding '/' are rare and
// only make a line lookup fall back to the nearest recorded ancestor).
//
// YAML: CloudFormation's short-form intrinsics are turned into their long form as CloudFormation
// does: `!Ref X` -> {"Ref": "X"}, `!GetAtt A.B` -> {"Fn::GetAtt": "A.B"}, `!Sub s` ->
// {"Fn::Sub": s}, `!Condition C` -> {"Condition": "C"}, and `!Name v` -> {"Fn::Name": v} for
// every other documented short form (Base64, Cidr, FindInMap, GetAZs, ImportValue, Join, Select,
// Split, Transform, And, Equals, If, Not, Or, and the language extension's Length, ToJsonString,
// ForEach). Any other local tag is E_CFN_INTRINSIC_UNKNOWN with its line. Scalars follow the
// YAML 1.2 core schema (as aws_parse does); anchors and aliases are expanded within the node budget.
#include "shiftsim/diagnostic.hpp"

#include "shiftsim/input_limits.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace shiftsim::iac::detail {

using Json = nlohmann::ordered_json;

/// Limits of one document; exceeding one is an error (exit 2), never a crash or a runaway.
struct ReadBudget {
  std::size_t max_bytes = kMaxIacDocumentBytes;  ///< the file's size (a 200-endpoint plan is 1 MB)
  std::size_t max_depth = kMaxNesting;          ///< nesting of objects and arrays
  std::size_t max_nodes = kMaxIacValues;  ///< values in the tree (YAML aliases expanded): ~200 MB at most
};

struct LocatedTree {
  Json root;
  std::unordered_map<std::string, int> lines;  ///< path -> 1-based line where it starts

  /// The line of `path`, else of its nearest recorded ancestor, else 1.
  [[nodiscard]] int line_of(std::string_view path) const;
};

/// `prefix/key` and `prefix/i`.
[[nodiscard]] std::string child_path(std::string_view prefix, std::string_view key);
[[nodiscard]] std::string child_path(std::string_view prefix, std::size_t index);

/// Parses JSON. Errors (InputError, exit 2): E_JSON_SYNTAX (with line and column: a truncated
/// file says where it ends), E_DUPLICATE_KEY (path), E_SIZE / E_DEPTH /
/// E_NODE_BUDGET (the budget above, with input_limits.hpp's codes), E_UTF8.
/// `file` names the document in messages.
[[nodiscard]] LocatedTree parse_located_json(std::string_view text, std::string_view file,
                                             const ReadBudget& budget = {});

/// Parses YAML with CloudFormation's short-form intrinsics (see the header comment). Errors as
/// parse_located_json, with E_YAML_SYNTAX and E_CFN_INTRINSIC_UNKNOWN.
[[nodiscard]] LocatedTree parse_located_cfn_yaml(std::string_view text, std::string_view file,
                                                 const ReadBudget& budget = {});

}  // namespace shiftsim::iac::detail
