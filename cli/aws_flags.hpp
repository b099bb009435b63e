#pragma once
// The AWS CLI's own `aws sagemaker update-endpoint` flags, plus shiftsim's document flags, so that
// `shiftsim validate` (and `simulate`) is a drop-in for a pasted `aws sagemaker update-endpoint`
// command line.
//
// Usage (e.g. by `simulate`, H4):
//
//   Args rest;                                    // words parse_aws_flags did not consume
//   AwsInputs in = parse_aws_flags(args, rest);   // may throw CliUsageError / InputError
//   for (const auto& w : rest) ...                // your own flags; anything left: CliUsageError
//   if (in.has_request()) {
//     aws::UpdateEndpointRequest req = in.request();          // InputError on any model error
//     ResolvedDeployment r = resolve_deployment(req, in.endpoint_ptr(), in.current_config_ptr(),
//                                               in.new_config_ptr());
//   }
//   const FleetContext fleet = in.fleet();                 // pass nullptr when no document given
//   Diagnostics ds = validate_request(in.request_json, aws::Format::json, &fleet, "");
//
// Flags consumed (value either as the next word or `--flag=value`):
//   AWS CLI update-endpoint: --endpoint-name, --endpoint-config-name, --deployment-config
//     (JSON, the CLI's shorthand `BlueGreenUpdatePolicy={...}`, or file://path), --retain-all-variant-properties / --no-retain-all-variant-properties,
//     --exclude-retained-variant-properties (JSON or shorthand `VariantPropertyType=X ...`, one or
//     more words), --retain-deployment-config / --no-retain-deployment-config,
//     --cli-input-json (text or file://), --cli-input-yaml (text or file://). Explicit flags
//     replace the same members of the cli-input document, as the AWS CLI does.
//   shiftsim: --request FILE (UpdateEndpointInput, JSON or YAML by extension/content; same role
//     as --cli-input-json file://FILE), --endpoint FILE (describe-endpoint output),
//     --current-config FILE and --new-config FILE (describe-endpoint-config outputs).
//   AWS CLI global flags, accepted and ignored (they make no sense offline): --region, --profile,
//     --endpoint-url, --ca-bundle, --color, --query, --cli-read-timeout, --cli-connect-timeout,
//     --cli-binary-format (each with a value); --debug, --no-verify-ssl, --no-paginate,
//     --no-sign-request, --no-cli-pager, --cli-auto-prompt, --no-cli-auto-prompt (no value).
//   `--output`: NOT consumed here (left in `rest`): commands give it their own meaning; validate
//     maps the AWS values json -> json and text/table/yaml/yaml-stream -> text.
// Files: `file://` paths and FILE arguments must be readable regular files, else InputError
// (E_FILE) naming the path.
#include "commands.hpp"

#include "shiftsim/aws.hpp"
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/document_checks.hpp"
#include "shiftsim/resolve.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::cli {

struct AwsInputs {
  /// The UpdateEndpointInput the AWS CLI would send, as compact JSON (cli-input document with
  /// explicit flags merged in); "{}"-like text when no request flag was given. Not yet
  /// shape-checked: pass it to validate_request() or call request().
  std::string request_json;
  std::string request_name;    ///< the request document's name for messages ("" when merged/none)
  bool request_given = false;  ///< any request flag or document given
  std::optional<aws::DescribeEndpoint> endpoint;
  std::optional<aws::DescribeEndpointConfig> current_config;
  std::optional<aws::DescribeEndpointConfig> new_config;
  /// Where each describe document came from, for messages ("--endpoint FILE"); empty: not given.
  std::string endpoint_source, current_config_source, new_config_source;
  Diagnostics warnings;  ///< lenient-read warnings from the describe documents

  [[nodiscard]] bool has_request() const noexcept { return request_given; }
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

/// Consumes the flags listed above from `args`; every other word is appended to `rest` in order.
/// Throws CliUsageError for a flag missing its value or both --cli-input-json and
/// --cli-input-yaml, InputError (all problems) for unreadable files, syntax errors, duplicate
/// keys, invalid describe documents and documents of the wrong kind (E_WRONG_DOCUMENT, e.g. a
/// describe-endpoint-config output given to --endpoint: the message names the flag that takes it).
[[nodiscard]] AwsInputs parse_aws_flags(const Args& args, Args& rest);

/// The flags that take each kind of AWS document (for E_WRONG_DOCUMENT messages).
[[nodiscard]] const DocumentPlaces& document_flags();

/// One line per flag for a command's --help.
[[nodiscard]] std::string aws_flags_help();

/// Reads a whole file within the document budget (read_input_text(): InputError E_FILE naming
/// the path when it is missing, unreadable or a directory, E_SIZE above 1 MiB). `what` says what
/// the file is for ("--endpoint").
[[nodiscard]] std::string read_input_file(const std::string& path, std::string_view what);

}  // namespace shiftsim::cli
