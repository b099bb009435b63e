#pragma once
// What shiftsim reads out of infrastructure-as-code documents (a Terraform plan, a
// CloudFormation template): the endpoint updates they would make, in the AWS shapes the rest of
// the engine already reads (aws.hpp), each with the place it comes from. The readers
// (terraform_plan.hpp, cloudformation.hpp) know each tool's semantics; the check (check.hpp)
// analyses what they found without knowing which tool it came from, except where a tool's own
// behaviour is the point (its waiter, its limits, what it can send).
#include "shiftsim/aws.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shiftsim::iac {

enum class Tool { terraform, cloudformation };

/// What the tool will do to a resource. CloudFormation templates carry no plan: their endpoints
/// are read as `update` (the review question: what deploying this template to the running
/// stack does).
enum class Action { no_op, create, update, replace, remove, read };

/// Where something is: the file, its line (1-based; 0 when unknown) and the resource's address
/// (Terraform: `module.x.aws_sagemaker_endpoint.y`; CloudFormation: the logical ID).
struct SourceLocation {
  std::string file;
  int line = 0;
  std::string address;
};

/// How serious a finding is. error and warning decide `check --fail-on`; note informs.
enum class Level { error, warning, note };

/// One thing a reader or the check has to say about a resource.
/// `code` is stable (E_/W_/N_ prefixes follow the level it is usually raised at); `path` names the
/// field in the document (`Resources.Ep.Properties.DeploymentConfig...`, or a plan attribute
/// `deployment_config[0].auto_rollback_configuration`), empty when about the whole resource.
struct Finding {
  Level level = Level::warning;
  std::string code;
  std::string message;
  SourceLocation where;
  std::string path;
};

/// An autoscaling target (aws_appautoscaling_target / AWS::ApplicationAutoScaling::ScalableTarget)
/// on a SageMaker variant's DesiredInstanceCount.
struct ScalableTarget {
  SourceLocation where;
  std::string variant_name;
  std::optional<int> min_capacity;
  std::optional<int> max_capacity;
};

/// One endpoint and what the document says will happen to it.
struct EndpointUpdate {
  Tool tool = Tool::cloudformation;
  Action action = Action::update;
  SourceLocation where;        ///< the endpoint resource
  std::string label;           ///< the endpoint's name when known, else its address
  /// The UpdateEndpointInput the tool would send, as JSON text (API member names), or nullopt
  /// when a value it needs could not be resolved (see `findings`). Names that are generated at
  /// deploy time are given as the address in angle brackets: never a guessed real name.
  std::optional<std::string> request_json;
  bool has_deployment_config = false;
  /// What describe-endpoint would say, as far as the document knows (Terraform: the endpoint's
  /// `before`: its name, its config's name, its variants; the status is assumed InService and
  /// the instance counts are not known, so the current config's InitialInstanceCount stands).
  std::optional<aws::DescribeEndpoint> endpoint;
  std::optional<aws::DescribeEndpointConfig> current_config;  ///< running config (plan: before)
  std::optional<aws::DescribeEndpointConfig> new_config;      ///< config to deploy
  SourceLocation new_config_where;
  std::vector<ScalableTarget> scalable_targets;  ///< targets on this endpoint's variants
  /// Terraform: the plan replaces the endpoint because auto_rollback_configuration changed
  /// (ForceNew in the provider), and the replace_paths the plan gives.
  bool rollback_change_replaces = false;
  /// Terraform: the endpoint shows no change while the endpoint config it names is replaced under
  /// the same name (the new config never reaches the endpoint). Where that config is.
  std::optional<SourceLocation> config_replaced_same_name;
  std::vector<Finding> findings;  ///< what the reader could not resolve or wants said
};

/// What one document holds.
struct IacDocument {
  Tool tool = Tool::cloudformation;
  std::string file;
  int sagemaker_resources = 0;        ///< endpoints, configs and SageMaker scalable targets seen
  std::vector<EndpointUpdate> endpoints;
  std::vector<Finding> findings;      ///< about the document, not one endpoint
};

[[nodiscard]] const char* to_string(Tool t) noexcept;    ///< "terraform" | "cloudformation"
[[nodiscard]] const char* to_string(Action a) noexcept;  ///< "no-op", "create", "update", ...
[[nodiscard]] const char* to_string(Level l) noexcept;   ///< "error" | "warning" | "note"

}  // namespace shiftsim::iac
