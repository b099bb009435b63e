#include "aws_flags.hpp"

#include "flag_cursor.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/utf8.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <iterator>
#include <set>
#include <utility>
#include <vector>

namespace shiftsim::cli {

namespace {

using Json = nlohmann::ordered_json;

const std::set<std::string, std::less<>> kIgnoredWithValue = {
    "--region", "--profile", "--endpoint-url", "--ca-bundle", "--color", "--query",
    "--cli-read-timeout", "--cli-connect-timeout", "--cli-binary-format"};
const std::set<std::string, std::less<>> kIgnoredNoValue = {
    "--debug", "--no-verify-ssl", "--no-paginate", "--no-sign-request", "--no-cli-pager",
    "--cli-auto-prompt", "--no-cli-auto-prompt"};
const std::set<std::string, std::less<>> kValueFlags = {
    "--endpoint-name", "--endpoint-config-name", "--deployment-config",
    "--exclude-retained-variant-properties", "--cli-input-json", "--cli-input-yaml", "--request",
    "--endpoint", "--current-config", "--new-config"};

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

/// A parameter value that may be `file://path` (or `fileb://path`): the file's text.
std::string param_text(const std::string& value, std::string_view flag) {
  for (std::string_view prefix : {"file://", "fileb://"})
    if (starts_with(value, prefix)) return read_input_file(value.substr(prefix.size()), flag);
  return value;
}

/// E_WRONG_DOCUMENT for a document given to `flag` that looks like another kind.
void check_kind(const std::string& text, aws::Format format, DocumentKind expected,
                const std::string& name) {
  if (auto wrong = wrong_document(text, format, expected, name, document_flags()))
    throw InputError({std::move(*wrong)});
}

void collect(Diagnostics& all, const InputError& e) {
  all.insert(all.end(), e.diagnostics().begin(), e.diagnostics().end());
}

}  // namespace

std::string read_input_file(const std::string& path, std::string_view what) {
  return read_input_text(path, what);
}

const DocumentPlaces& document_flags() {
  static const DocumentPlaces places{
      "--request FILE (or --cli-input-json / --cli-input-yaml)", "--endpoint FILE",
      "--current-config FILE (the config the endpoint runs now) or --new-config FILE (the config "
      "the request deploys)"};
  return places;
}

aws::UpdateEndpointRequest AwsInputs::request() const {
  return aws::parse_update_endpoint(request_json, "", aws::Format::json);
}

FleetContext AwsInputs::fleet() const {
  return make_fleet_context(endpoint_ptr(), current_config_ptr(), new_config_ptr());
}

namespace {

/// What the flags give, while they are read.
struct Reading {
  AwsInputs in;
  Diagnostics problems;
  std::optional<std::pair<std::string, std::string>> base;     ///< (flag, request JSON)
  std::vector<std::pair<std::string, std::string>> overrides;  ///< member -> JSON text
};

/// --cli-input-json, --cli-input-yaml or --request: the request document the flags amend.
void take_request_document(Reading& r, const std::string& flag, const std::string& v) {
  r.in.request_given = true;
  if (r.base)
    throw CliUsageError(fmt::format("{} cannot be combined with {}: give one request document",
                                    flag, r.base->first));
  const bool is_file = flag == "--request";
  const std::string text = is_file ? read_input_file(v, flag) : param_text(v, flag);
  const aws::Format format = flag == "--cli-input-json"   ? aws::Format::json
                             : flag == "--cli-input-yaml" ? aws::Format::yaml
                                                          : aws::detect_format(text, v);
  const std::string name = is_file ? v : (starts_with(v, "file://") ? v.substr(7) : flag);
  // Syntax, duplicate keys and the input limits are checked here; a JSON document is kept as
  // written, YAML becomes the JSON the AWS CLI would send.
  r.in.request_name = name;
  if (format == aws::Format::json) {
    aws::check_syntax(text, name, format);
    check_kind(text, format, DocumentKind::update_endpoint_request, name);
    r.base.emplace(flag, text);
  } else {
    std::string json = aws::canonical_json(text, name, format);
    check_kind(json, aws::Format::json, DocumentKind::update_endpoint_request, name);
    r.base.emplace(flag, std::move(json));
  }
}

/// --endpoint, --current-config, --new-config: a describe document from a file.
/// A document of the wrong kind is E_WRONG_DOCUMENT, naming the flag that takes it (A7).
void take_describe(Reading& r, const std::string& flag, const std::string& v) {
  const std::string text = read_input_file(v, flag);
  const auto format = aws::detect_format(text, v);
  const std::string source = flag + " " + v;
  if (flag == "--endpoint") {
    check_kind(text, format, DocumentKind::describe_endpoint, v);
    r.in.endpoint = aws::parse_describe_endpoint(text, v, format, &r.in.warnings);
    r.in.endpoint_source = source;
    return;
  }
  check_kind(text, format, DocumentKind::describe_endpoint_config, v);
  auto config = aws::parse_describe_endpoint_config(text, v, format, &r.in.warnings);
  if (flag == "--current-config") {
    r.in.current_config = std::move(config);
    r.in.current_config_source = source;
  } else {
    r.in.new_config = std::move(config);
    r.in.new_config_source = source;
  }
}

/// One flag of kValueFlags with its value `v`.
void take_value_flag(Reading& r, FlagCursor& cursor, const std::string& flag, const std::string& v) {
  if (flag == "--endpoint-name") {
    r.overrides.emplace_back("EndpointName", Json(v).dump());
    r.in.request_given = true;
  } else if (flag == "--endpoint-config-name") {
    r.overrides.emplace_back("EndpointConfigName", Json(v).dump());
    r.in.request_given = true;
  } else if (flag == "--deployment-config") {
    r.in.request_given = true;
    const std::string text = param_text(v, flag);
    r.overrides.emplace_back("DeploymentConfig", aws::deployment_config_arg_json(text, flag));
  } else if (flag == "--exclude-retained-variant-properties") {
    r.in.request_given = true;
    std::string text = param_text(v, flag);
    // Shorthand takes one word per list item: `VariantPropertyType=A VariantPropertyType=B`.
    if (!cursor.inline_value() && starts_with(text, "VariantPropertyType="))
      while (const auto more = cursor.take_next_if([](std::string_view w) {
               return starts_with(w, "VariantPropertyType=");
             }))
        text += " " + *more;
    r.overrides.emplace_back("ExcludeRetainedVariantProperties",
                             aws::variant_properties_json(text, flag));
  } else if (flag == "--cli-input-json" || flag == "--cli-input-yaml" || flag == "--request") {
    take_request_document(r, flag, v);
  } else {
    take_describe(r, flag, v);
  }
}

/// Explicit flags replace members of the cli-input document (as the AWS CLI does).
void merge_request(Reading& r) {
  if (r.base && r.overrides.empty()) {
    r.in.request_json = std::move(r.base->second);
    return;
  }
  r.in.request_name.clear();  // the merged document is no longer the file
  Json doc = r.base ? Json::parse(r.base->second) : Json::object();
  if (!r.overrides.empty()) {
    if (!doc.is_object())
      throw_input_error(error_code::type, "", "must be an object (UpdateEndpointInput)",
                        doc.dump().substr(0, 80),
                        fmt::format("the {} document must be an object (UpdateEndpointInput)",
                                    r.base ? r.base->first : std::string("request")));
    for (const auto& [member, json] : r.overrides) doc[member] = Json::parse(json);
  }
  r.in.request_json = doc.dump();
}

}  // namespace

AwsInputs parse_aws_flags(const Args& args, Args& rest) {
  Reading r;
  // Every word must be well-formed UTF-8 before it reaches a JSON document.
  for (std::size_t i = 0; i < args.size(); ++i)
    if (auto bad = utf8_problem(args[i], "", fmt::format("argument {}", i + 1)))
      r.problems.push_back(std::move(*bad));
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
  for (FlagCursor cursor(args); cursor.next();) {
    const std::string& flag = cursor.flag();
    if (kIgnoredNoValue.count(flag) != 0) continue;
    if (kIgnoredWithValue.count(flag) != 0) {
      (void)cursor.value();
      continue;
    }
    if (flag == "--retain-all-variant-properties" || flag == "--no-retain-all-variant-properties" ||
        flag == "--retain-deployment-config" || flag == "--no-retain-deployment-config") {
      const bool all = flag.find("all-variant") != std::string::npos;
      r.overrides.emplace_back(all ? "RetainAllVariantProperties" : "RetainDeploymentConfig",
                               flag[2] == 'n' ? "false" : "true");
      r.in.request_given = true;
      continue;
    }
    if (kValueFlags.count(flag) == 0) {
      rest.push_back(cursor.word());
      continue;
    }
    const std::string v = cursor.value();
    try {
      take_value_flag(r, cursor, flag, v);
    } catch (const InputError& e) {
      collect(r.problems, e);
    }
  }
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
  merge_request(r);
  return std::move(r.in);
}

std::string aws_flags_help() {
  return
      "request (the AWS CLI's own update-endpoint flags; explicit flags override --cli-input-*):\n"
      "  --endpoint-name NAME            --endpoint-config-name NAME\n"
      "  --deployment-config JSON|SHORTHAND|file://PATH\n"
      "  --retain-all-variant-properties | --no-retain-all-variant-properties\n"
      "  --exclude-retained-variant-properties JSON|VariantPropertyType=X [VariantPropertyType=Y]\n"
      "  --retain-deployment-config | --no-retain-deployment-config\n"
      "  --cli-input-json JSON|file://PATH   --cli-input-yaml YAML|file://PATH\n"
      "  --request FILE                  UpdateEndpointInput file (JSON or YAML)\n"
      "fleet (what `aws sagemaker describe-endpoint[-config]` prints):\n"
      "  --endpoint FILE                 describe-endpoint of the endpoint being updated\n"
      "  --current-config FILE           describe-endpoint-config of its current config\n"
      "  --new-config FILE               describe-endpoint-config of EndpointConfigName\n"
      "AWS CLI global flags (--region, --profile, --endpoint-url, --no-cli-pager, --debug, ...)\n"
      "are accepted and ignored, so a pasted `aws sagemaker update-endpoint` line works.\n";
}

}  // namespace shiftsim::cli
