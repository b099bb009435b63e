#pragma once
// `shiftsim check`'s engine side: every endpoint update found in Terraform plans and
// CloudFormation templates (iac/document.hpp) validated, simulated and checked against the
// deploying tool's limits and the account's quotas. Findings carry a level, a stable code, a
// message and the source location (docs/check.md lists every code).
//
// Per endpoint update (Terraform `update`; every CloudFormation endpoint):
// - validate_request() against the fleet the documents give (errors stop the simulation);
// - the median trial (simulate() with TimingDraws::Mode::median under the default timing model: each
//   instance type's profile as a lognormal per instance, docs/timing-model.md) for duration,
//   peak and cost, and a seeded Monte Carlo (run_montecarlo(), `trials`, `seed`) for P95 and
//   P(timeout);
// - the checks: the tool's waiter against P95 completion (Terraform: 60 minutes), the Terraform
//   provider's 14400 s cap on MaximumExecutionTimeoutInSeconds, an autoscaling target without
//   retention (capacity reset), an auto_rollback_configuration change that replaces the endpoint,
//   an endpoint config replaced under the same name while the endpoint shows no change, no
//   DeploymentConfig, quota headroom at the peak per instance type, prices known or not.
// The analysis is deterministic: the same documents, options and seed give the same report.
#include "shiftsim/aws.hpp"
#include "shiftsim/cost.hpp"
#include "shiftsim/deployment.hpp"
#include "shiftsim/iac/document.hpp"
#include "shiftsim/pricing.hpp"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::check {

/// The AWS provider waits for InService for 60 minutes on create and update, with no `timeouts`
/// block (terraform-provider-aws endpoint.go; issues #9584 and #39040, PR #39090); so do the AWS
/// CLI's and boto3's waiters (120 polls x 30 s).
inline constexpr std::int64_t kTerraformWaiterS = 3600;
/// validation.IntBetween(600, 14400) on maximum_execution_timeout_in_seconds in endpoint.go; the
/// API allows 28800.
inline constexpr std::int64_t kTerraformTimeoutCapS = 14400;

/// `aws service-quotas list-service-quotas --service-code sagemaker` output: the
/// "<instance type> for endpoint usage" quotas, by instance type.
struct Quotas {
  std::string file;
  std::map<std::string, double, std::less<>> endpoint_usage;
};

/// Parses that output ({"Quotas": [{"QuotaName": ..., "Value": ...}, ...]}; other quotas are
/// ignored). Budget as the readers' (16 MiB). Throws InputError (E_JSON_SYNTAX, E_QUOTAS with the
/// path) for anything else.
[[nodiscard]] Quotas parse_service_quotas(std::string_view text, std::string_view file);

struct Options {
  std::uint64_t trials = 1000;  ///< Monte Carlo trials per endpoint update
  std::uint64_t seed = 1;
  /// Monte Carlo threads per update (0: all cores); results do not depend on it. 1 by default:
  /// each update runs only `trials` trials, too few to pay for waking threads (measured in
  /// bench_check: 200 updates x 1000 trials take 0.6 s on one thread, several seconds with two
  /// threads per Monte Carlo on a loaded 2-core machine).
  int threads = 1;
  std::optional<Quotas> quotas;
  /// The prices' region and sources (pricing.hpp, amendment A13): each update is priced in the
  /// given region, else the environment's, else its endpoint's ARN, else us-east-1.
  PriceSources prices;
  /// describe-endpoint and describe-endpoint-config documents, matched by name: they give the
  /// running fleet (and configs the documents do not carry).
  std::vector<aws::DescribeEndpoint> endpoints;
  std::vector<aws::DescribeEndpointConfig> configs;
};

/// What the simulation of one update says.
struct Figures {
  Strategy strategy = Strategy::all_at_once;
  double median_duration_s = 0;   ///< the median trial's duration
  double p95_completion_s = 0;    ///< Monte Carlo P95 of the success path's completion
  double p95_duration_s = 0;      ///< Monte Carlo P95 of the duration (rollbacks included)
  double p_timeout = 0;
  double p_rollback = 0;
  int peak_instances = 0;
  std::map<std::string, int, std::less<>> peak_by_type;  ///< running instances at the peak, per type
  Cost cost_usd;                          ///< the median trial's; unknown when a type has no price
  UnpricedTypes unpriced_types;           ///< what makes cost_usd unknown (A12)
  std::optional<std::int64_t> timeout_s;  ///< MaximumExecutionTimeoutInSeconds in force
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
};

struct EndpointReport {
  iac::Tool tool = iac::Tool::cloudformation;
  iac::Action action = iac::Action::update;
  iac::SourceLocation where;
  std::string label;
  std::optional<Figures> figures;  ///< nullopt when not simulated (findings say why)
  std::vector<iac::Finding> findings;
};

struct Report {
  std::vector<std::string> files;
  int sagemaker_resources = 0;
  std::vector<EndpointReport> endpoints;
  std::vector<iac::Finding> findings;  ///< about documents, or across endpoints
  [[nodiscard]] int count(iac::Level level) const noexcept;
};

/// Runs the analysis. Never throws for what the documents contain (that becomes findings);
/// throws InputError only for engine input it cannot run.
[[nodiscard]] Report run_check(const std::vector<iac::IacDocument>& documents,
                               const Options& options);

}  // namespace shiftsim::check
