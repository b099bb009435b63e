#pragma once
// The AWS CLI's own `aws sagemaker update-endpoint` flags and shiftsim's document flags, as two
// option groups every command that takes a request or a fleet declares, so that a pasted
// `aws sagemaker update-endpoint` command line works once the command name is replaced:
//
//   request (declare_request_flags): --endpoint-name, --endpoint-config-name,
//     --deployment-config (JSON, the AWS CLI's shorthand `BlueGreenUpdatePolicy={...}`, or
//     file://path), --retain-all-variant-properties / --no-retain-all-variant-properties,
//     --exclude-retained-variant-properties (JSON, shorthand `VariantPropertyType=X ...` over one
//     or more words, or a plain list `DesiredWeight,DesiredInstanceCount`),
//     --retain-deployment-config / --no-retain-deployment-config, --cli-input-json and
//     --cli-input-yaml (text or file://), --request FILE (an UpdateEndpointInput, JSON or YAML by
//     extension and content). Explicit flags replace the same members of the request document,
//     as the AWS CLI does.
//   fleet (declare_fleet_flags): --endpoint FILE (describe-endpoint output), --current-config
//     FILE and --new-config FILE (describe-endpoint-config outputs).
//   AWS CLI global flags (declare_aws_global_flags, a hidden group): --region, --profile,
//     --endpoint-url, --ca-bundle, --query, --cli-read-timeout, --cli-connect-timeout,
//     --cli-binary-format (with a value); --debug, --no-verify-ssl, --no-paginate,
//     --no-sign-request, --no-cli-pager, --cli-auto-prompt, --no-cli-auto-prompt: accepted and
//     ignored (they make no sense offline); a command that prices declares --region itself (the
//     prices' region, input_flags.hpp). --output and --color are output flags (output.hpp).
// Every FILE is a path, file://path or `-` (standard input; input_files.hpp).
//
//   RequestFlags request; FleetFlags fleet;
//   declare_request_flags(options, request); declare_fleet_flags(options, fleet);
//   ... options.parse(args) ...
//   AwsInputs in = read_aws_inputs(request, fleet);   // InputError with every problem
#include "options/option_set.hpp"

#include "shiftsim/aws.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/document_checks.hpp"
#include "shiftsim/resolve.hpp"

#include <optional>
#include <string>
#include <vector>

namespace shiftsim::cli {

/// The request flags, as given.
struct RequestFlags {
  std::optional<std::string> endpoint_name;
  std::optional<std::string> endpoint_config_name;
  std::optional<std::string> deployment_config;
  std::optional<bool> retain_all_variant_properties;
  std::vector<std::string> exclude_retained_variant_properties;  ///< its words
  std::optional<bool> retain_deployment_config;
  std::optional<std::string> cli_input_json;
  std::optional<std::string> cli_input_yaml;
  std::optional<std::string> request;  ///< --request FILE
};

/// The fleet documents' files, as given.
struct FleetFlags {
  std::optional<std::string> endpoint;
  std::optional<std::string> current_config;
  std::optional<std::string> new_config;
  [[nodiscard]] bool any() const noexcept { return endpoint || current_config || new_config; }
};

/// The request group ("request (the AWS CLI's update-endpoint flags)").
void declare_request_flags(OptionSet& options, RequestFlags& flags);
/// The fleet group ("fleet").
void declare_fleet_flags(OptionSet& options, FleetFlags& flags);
/// The AWS CLI's global flags: their values, kept only to be ignored.
struct AwsGlobalFlags {
  std::vector<std::string> values;
  bool switches = false;
};

/// The AWS CLI's global flags, accepted and ignored (hidden from --help). `with_region` false:
/// the command declares --region itself (the prices' region: input_flags.hpp).
void declare_aws_global_flags(OptionSet& options, AwsGlobalFlags& ignored,
                              bool with_region = true);

struct AwsInputs {
  /// The UpdateEndpointInput the AWS CLI would send, as compact JSON (the request document
  /// with the explicit flags merged in); "{}" when no request flag was given. Not yet
  /// shape-checked: pass it to validate_request() or call request().
  std::string request_json = "{}";
  std::string request_name;    ///< the request document's name for messages ("" when merged/none)
  bool request_given = false;  ///< any request flag or document given
  std::optional<aws::DescribeEndpoint> endpoint;
  std::optional<aws::DescribeEndpointConfig> current_config;
  std::optional<aws::DescribeEndpointConfig> new_config;
  /// Where each describe document came from, for messages ("--endpoint FILE"); empty: not given.
  std::string endpoint_source, current_config_source, new_config_source;
  Diagnostics warnings;  ///< lenient-read warnings from the describe documents

  [[nodiscard]] bool has_request() const noexcept { return request_given; }
  [[nodiscard]] bool has_fleet() const noexcept { return endpoint || current_config || new_config; }
  /// Parses request_json (throws InputError with every model problem).
  [[nodiscard]] aws::UpdateEndpointRequest request() const;
  [[nodiscard]] const aws::DescribeEndpoint* endpoint_ptr() const noexcept {
    return endpoint ? &*endpoint : nullptr;
  }
  [[nodiscard]] const aws::DescribeEndpointConfig* current_config_ptr() const noexcept {
    return current_config ? &*current_config : nullptr;
  }
  [[nodiscard]] const aws::DescribeEndpointConfig* new_config_ptr() const noexcept {
    return new_config ? &*new_config : nullptr;
  }
  /// make_fleet_context() of the documents given.
  [[nodiscard]] FleetContext fleet() const;
};

/// Reads the documents and merges the request. Throws InputError with every problem: unreadable
/// files, syntax errors, duplicate keys, invalid describe documents, documents of the wrong kind
/// (E_WRONG_DOCUMENT, e.g. a describe-endpoint-config output given to --endpoint: the message
/// names the flag that takes it), more than one request document (E_FLAG_CONFLICT).
[[nodiscard]] AwsInputs read_aws_inputs(const RequestFlags& request, const FleetFlags& fleet);

/// The flags that take each kind of AWS document (for E_WRONG_DOCUMENT messages).
[[nodiscard]] const DocumentPlaces& document_flags();

}  // namespace shiftsim::cli
