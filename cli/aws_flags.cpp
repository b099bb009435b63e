// The request and fleet option groups and the documents they name (aws_flags.hpp).
#include "aws_flags.hpp"

#include "input_files.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/codes.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <utility>

namespace shiftsim::cli {

namespace {

using Json = nlohmann::ordered_json;

void collect(Diagnostics& all, const InputError& e) { append_diagnostics(all, e.diagnostics()); }

/// E_WRONG_DOCUMENT for a document given to a flag that looks like another kind (amendment A7).
void check_kind(const std::string& text, aws::Format format, DocumentKind expected,
                const std::string& name) {
  if (auto wrong = wrong_document(text, format, expected, name, document_flags()))
    throw InputError({std::move(*wrong)});
}

/// What the flags give, while they are read.
struct Reading {
  AwsInputs in;
  Diagnostics problems;
  std::optional<std::pair<std::string, std::string>> base;     ///< (flag, request JSON)
  std::vector<std::pair<std::string, std::string>> overrides;  ///< member -> JSON text
};

/// --cli-input-json, --cli-input-yaml or --request: the request document the flags amend.
void take_request_document(Reading& r, const std::string& flag, const std::string& v) {
  const bool is_file = flag == "--request";
  const std::string text = is_file ? read_input(v, flag) : parameter_text(v, flag);
  const aws::Format format = flag == "--cli-input-json"   ? aws::Format::json
                             : flag == "--cli-input-yaml" ? aws::Format::yaml
                                                          : aws::detect_format(text, v);
  const bool from_file = is_file || v.starts_with("file://") || v.starts_with("fileb://");
  const std::string name = from_file ? input_name(v) : flag;
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

/// --exclude-retained-variant-properties: JSON, the shorthand over several words, or a plain
/// comma list of VariantPropertyType values.
std::string variant_properties(const std::vector<std::string>& words, const std::string& flag) {
  if (words.size() == 1) {
    const std::string text = parameter_text(words.front(), flag);
    if (text.starts_with("[") || text.starts_with("VariantPropertyType="))
      return aws::variant_properties_json(text, flag);
  }
  std::string shorthand;
  for (const auto& w : words) {
    std::size_t i = 0;
    while (i <= w.size()) {
      const auto end = w.find_first_of(", ", i);
      std::string item = w.substr(i, end == std::string::npos ? std::string::npos : end - i);
      if (item.starts_with("VariantPropertyType=")) item.erase(0, 20);
      if (!item.empty())
        shorthand.append(shorthand.empty() ? "" : " ").append("VariantPropertyType=").append(item);
      if (end == std::string::npos) break;
      i = end + 1;
    }
  }
  return aws::variant_properties_json(shorthand, flag);
}

/// The explicit members the flags set (the AWS CLI's order of precedence: they replace the
/// document's).
void take_members(Reading& r, const RequestFlags& f) {
  auto member = [&](const char* name, std::string json) {
    r.overrides.emplace_back(name, std::move(json));
    r.in.request_given = true;
  };
  if (f.endpoint_name) member("EndpointName", Json(*f.endpoint_name).dump());
  if (f.endpoint_config_name) member("EndpointConfigName", Json(*f.endpoint_config_name).dump());
  try {
    if (f.deployment_config)
      member("DeploymentConfig",
             aws::deployment_config_arg_json(
                 parameter_text(*f.deployment_config, "--deployment-config"),
                 "--deployment-config"));
  } catch (const InputError& e) {
    collect(r.problems, e);
  }
  if (f.retain_all_variant_properties)
    member("RetainAllVariantProperties", *f.retain_all_variant_properties ? "true" : "false");
  try {
    if (!f.exclude_retained_variant_properties.empty())
      member("ExcludeRetainedVariantProperties",
             variant_properties(f.exclude_retained_variant_properties,
                                "--exclude-retained-variant-properties"));
  } catch (const InputError& e) {
    collect(r.problems, e);
  }
  if (f.retain_deployment_config)
    member("RetainDeploymentConfig", *f.retain_deployment_config ? "true" : "false");
}

/// The one request document, if any (two are E_FLAG_CONFLICT).
void take_documents(Reading& r, const RequestFlags& f) {
  std::vector<std::pair<std::string, std::string>> docs;
  if (f.cli_input_json) docs.emplace_back("--cli-input-json", *f.cli_input_json);
  if (f.cli_input_yaml) docs.emplace_back("--cli-input-yaml", *f.cli_input_yaml);
  if (f.request) docs.emplace_back("--request", *f.request);
  if (docs.empty()) return;
  r.in.request_given = true;
  if (docs.size() > 1) {
    r.problems.push_back(error_diagnostic(
        error_code::flag_conflict, docs[1].first, "one request document", "",
        fmt::format("{} cannot be combined with {}: give one request document", docs[1].first,
                    docs[0].first)));
    return;
  }
  try {
    take_request_document(r, docs[0].first, docs[0].second);
  } catch (const InputError& e) {
    collect(r.problems, e);
  }
}

/// --endpoint, --current-config, --new-config: the describe documents, each of the kind its flag
/// takes (E_WRONG_DOCUMENT names the flag that takes it), with where it came from.
void take_fleet(Reading& r, const FleetFlags& f) {
  auto read = [&](const std::optional<std::string>& file, const char* flag, DocumentKind kind,
                  std::string& source, auto parse) {
    if (!file) return;
    try {
      const std::string text = read_input(*file, flag);
      const std::string name = input_name(*file);
      const aws::Format format = aws::detect_format(text, name);
      check_kind(text, format, kind, name);
      parse(text, name, format);
      source = fmt::format("{} {}", flag, name);
    } catch (const InputError& e) {
      collect(r.problems, e);
    }
  };
  auto* warnings = &r.in.warnings;
  read(f.endpoint, "--endpoint", DocumentKind::describe_endpoint, r.in.endpoint_source,
       [&](const std::string& t, const std::string& n, aws::Format fm) {
         r.in.endpoint = aws::parse_describe_endpoint(t, n, fm, warnings);
       });
  read(f.current_config, "--current-config", DocumentKind::describe_endpoint_config,
       r.in.current_config_source, [&](const std::string& t, const std::string& n, aws::Format fm) {
         r.in.current_config = aws::parse_describe_endpoint_config(t, n, fm, warnings);
       });
  read(f.new_config, "--new-config", DocumentKind::describe_endpoint_config,
       r.in.new_config_source, [&](const std::string& t, const std::string& n, aws::Format fm) {
         r.in.new_config = aws::parse_describe_endpoint_config(t, n, fm, warnings);
       });
}

/// Explicit flags replace members of the request document (as the AWS CLI does).
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

void declare_request_flags(OptionSet& options, RequestFlags& f) {
  options.group("request (the AWS CLI's update-endpoint flags; they override --cli-input-*)")
      .add("endpoint-name", text(f.endpoint_name), "NAME", "EndpointName")
      .add("endpoint-config-name", text(f.endpoint_config_name), "NAME",
           "EndpointConfigName: the new endpoint configuration")
      .add("deployment-config", parameter(f.deployment_config), "JSON",
           "DeploymentConfig: JSON, the AWS CLI's shorthand (BlueGreenUpdatePolicy={...}) or "
           "file://PATH")
      .add("retain-all-variant-properties", set(f.retain_all_variant_properties, true),
           "RetainAllVariantProperties=true")
      .add("no-retain-all-variant-properties", set(f.retain_all_variant_properties, false),
           "RetainAllVariantProperties=false")
      .add("exclude-retained-variant-properties", words(f.exclude_retained_variant_properties),
           "TYPE",
           "ExcludeRetainedVariantProperties: JSON, VariantPropertyType=X [VariantPropertyType=Y] "
           "or X,Y (DesiredInstanceCount, DesiredWeight, DataCaptureConfig)")
      .add("retain-deployment-config", set(f.retain_deployment_config, true),
           "RetainDeploymentConfig=true")
      .add("no-retain-deployment-config", set(f.retain_deployment_config, false),
           "RetainDeploymentConfig=false")
      .add("cli-input-json", parameter(f.cli_input_json), "JSON",
           "the whole request as JSON text or file://PATH (- is stdin)")
      .add("cli-input-yaml", parameter(f.cli_input_yaml), "YAML",
           "the whole request as YAML text or file://PATH (- is stdin)")
      .add("request", input_file(f.request), "FILE",
           "the whole request (UpdateEndpointInput) from a file, JSON or YAML");
}

void declare_fleet_flags(OptionSet& options, FleetFlags& f) {
  options.group("fleet (what `aws sagemaker describe-endpoint[-config]` prints)")
      .add("endpoint", input_file(f.endpoint), "FILE",
           "describe-endpoint of the endpoint being updated")
      .add("current-config", input_file(f.current_config), "FILE",
           "describe-endpoint-config of its current configuration")
      .add("new-config", input_file(f.new_config), "FILE",
           "describe-endpoint-config of EndpointConfigName");
}

void declare_aws_global_flags(OptionSet& options, AwsGlobalFlags& ignored, bool with_region) {
  auto& g = options.group("AWS CLI global flags (accepted and ignored)", true);
  if (with_region)
    g.add("region", repeated(ignored.values), "VALUE", "ignored: shiftsim sends nothing to AWS");
  for (const char* name : {"profile", "endpoint-url", "ca-bundle", "query",
                           "cli-read-timeout", "cli-connect-timeout", "cli-binary-format"})
    g.add(name, repeated(ignored.values), "VALUE", "ignored: shiftsim sends nothing to AWS");
  for (const char* name : {"debug", "no-verify-ssl", "no-paginate", "no-sign-request",
                           "no-cli-pager", "cli-auto-prompt", "no-cli-auto-prompt"})
    g.add(name, set(ignored.switches), "ignored: shiftsim sends nothing to AWS");
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

AwsInputs read_aws_inputs(const RequestFlags& request, const FleetFlags& fleet) {
  Reading r;
  take_documents(r, request);
  take_members(r, request);
  take_fleet(r, fleet);
  if (!r.problems.empty()) throw InputError(std::move(r.problems));
  merge_request(r);
  return std::move(r.in);
}

}  // namespace shiftsim::cli
