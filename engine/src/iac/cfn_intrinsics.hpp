#pragma once
// Private: CloudFormation's intrinsic functions, resolved as far as a template and its parameter
// values allow (cloudformation.hpp states what resolves and what does not).
#include "located_tree.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::iac::detail {

/// What a value could not be resolved to: the marker object {"!unresolved": "why"}.
[[nodiscard]] bool is_unresolved(const Json& j) noexcept;
/// The first unresolved marker inside `j` (depth-first), with its path below `path`.
[[nodiscard]] std::optional<std::pair<std::string, std::string>> find_unresolved(
    const Json& j, const std::string& path);

/// An Fn:: function CloudFormation documents (Fn::ForEach::Name included).
[[nodiscard]] bool known_function(std::string_view name);
/// AWS::Region, AWS::StackName and the other pseudo parameters (AWS::NoValue included).
[[nodiscard]] bool pseudo(std::string_view name);
/// The names ${...} of an Fn::Sub template (without ${!...} literals).
[[nodiscard]] std::vector<std::string> sub_names(const std::string& s);

class CfnResolver {
 public:
  /// `given`: parameter values (and pseudo parameters such as AWS::Region) by name.
  CfnResolver(const LocatedTree& tree, std::string file,
              const std::map<std::string, std::string>& given);

  /// Refuses what CloudFormation itself refuses before deploying: an unknown Fn:: function
  /// (E_CFN_INTRINSIC_UNKNOWN), a Ref, GetAtt or ${Name} in Fn::Sub to nothing in the template
  /// (E_CFN_REF_UNKNOWN). Throws InputError with every problem, paths and lines named.
  void check_references() const;

  /// `j` (found at `path`) with every intrinsic replaced by its value, or by an unresolved
  /// marker; AWS::NoValue removes the member or element.
  [[nodiscard]] Json resolve(const Json& j) const;

  /// The name a SageMaker endpoint or endpoint config (or a CloudWatch alarm) is known by: its
  /// name property when it resolves, else a placeholder for the name CloudFormation generates
  /// (placeholder_name of the logical ID).
  [[nodiscard]] std::string resource_name(const std::string& logical_id) const;
  [[nodiscard]] bool name_generated(const std::string& logical_id) const;

  /// Evaluates a resource's Condition: true, false, or nullopt when it cannot be resolved.
  [[nodiscard]] std::optional<bool> condition(const std::string& name) const;

  /// Given values that name no parameter of the template.
  [[nodiscard]] std::vector<std::string> unused_given() const;

 private:
  Json resolve_at(const Json& j, int depth) const;
  Json call(const std::string& fn, const Json& arg, int depth) const;
  Json ref(const std::string& name) const;
  Json get_att(const std::string& resource, const std::string& attribute) const;
  Json sub(const Json& arg, int depth) const;
  std::optional<bool> condition_at(const std::string& name, int depth) const;
  std::optional<bool> truth(const Json& cond, int depth) const;

  const LocatedTree& tree_;
  std::string file_;
  std::map<std::string, std::string> given_;
  const Json* parameters_ = nullptr;
  const Json* resources_ = nullptr;
  const Json* conditions_ = nullptr;
  const Json* mappings_ = nullptr;
  mutable int name_depth_ = 0;  ///< guards resource_name() against names that refer to themselves
};

}  // namespace shiftsim::iac::detail
