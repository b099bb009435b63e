#include "aws_flags.hpp"

#include "flag_cursor.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/utf8.hpp"

#include "shiftsim/aws_parse.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>
#include <system_error>
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

/// JSON request documents larger than this are passed on verbatim, unparsed: no real request is
/// this large, and a second full parse of a huge file only delays the errors validate reports.
constexpr std::size_t kVerbatimAbove = 1U << 20;

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

/// A parameter value that may be `file://path` (or `fileb://path`): the file's text.
std::string param_text(const std::string& value, std::string_view flag) {
  for (std::string_view prefix : {"file://", "fileb://"})
    if (starts_with(value, prefix)) return read_input_file(value.substr(prefix.size()), flag);
  return value;
}

void collect(Diagnostics& all, const InputError& e) {
  all.insert(all.end(), e.diagnostics().begin(), e.diagnostics().end());
}

}  // namespace

std::string read_input_file(const std::string& path, std::string_view what) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const auto status = fs::status(path, ec);
  std::string reason;
  if (ec || !fs::exists(status))
    reason = "no such file";
  else if (fs::is_directory(status))
    reason = "is a directory, not a file";
  std::string text;
  if (reason.empty()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      reason = "cannot be opened for reading";
    } else {
      std::ostringstream ss;
      ss << in.rdbuf();
      if (in.bad()) reason = "cannot be read";
      text = ss.str();
    }
  }
  if (!reason.empty())
    throw_input_error(error_code::file, "", fmt::format("{}: cannot read {}: {}", what, path, reason),
                      "", fmt::format("{}: cannot read {}: {}", what, path, reason));
  return text;
}

aws::UpdateEndpointRequest AwsInputs::request() const {
  return aws::parse_update_endpoint(request_json, "", aws::Format::json);
}

FleetContext AwsInputs::fleet() const {
  return make_fleet_context(endpoint_ptr(), current_config_ptr(), new_config_ptr());
}

AwsInputs parse_aws_flags(const Args& args, Args& rest) {
  AwsInputs in;
  Diagnostics problems;
  // Every word must be well-formed UTF-8 before it reaches a JSON document.
  for (std::size_t i = 0; i < args.size(); ++i)
    if (auto bad = utf8_problem(args[i], "", fmt::format("argument {}", i + 1)))
      problems.push_back(std::move(*bad));
  if (!problems.empty()) throw InputError(std::move(problems));
  std::optional<std::pair<std::string, std::string>> base;  // (flag, canonical JSON)
  std::vector<std::pair<std::string, std::string>> overrides;  // member -> JSON text

  for (FlagCursor cursor(args); cursor.next();) {
    const std::string& flag = cursor.flag();
    auto value = [&] { return cursor.value(); };

    if (kIgnoredNoValue.count(flag) != 0) continue;
    if (kIgnoredWithValue.count(flag) != 0) {
      (void)value();
      continue;
    }
    if (flag == "--retain-all-variant-properties" || flag == "--no-retain-all-variant-properties") {
      overrides.emplace_back("RetainAllVariantProperties", flag[2] == 'n' ? "false" : "true");
      in.request_given = true;
      continue;
    }
    if (flag == "--retain-deployment-config" || flag == "--no-retain-deployment-config") {
      overrides.emplace_back("RetainDeploymentConfig", flag[2] == 'n' ? "false" : "true");
      in.request_given = true;
      continue;
    }
    if (kValueFlags.count(flag) == 0) {
      rest.push_back(cursor.word());
      continue;
    }
    std::string v = value();
    try {
      if (flag == "--endpoint-name") {
        overrides.emplace_back("EndpointName", Json(v).dump());
        in.request_given = true;
      } else if (flag == "--endpoint-config-name") {
        overrides.emplace_back("EndpointConfigName", Json(v).dump());
        in.request_given = true;
      } else if (flag == "--deployment-config") {
        in.request_given = true;
        const std::string text = param_text(v, flag);
        overrides.emplace_back("DeploymentConfig", aws::deployment_config_arg_json(text, flag));
      } else if (flag == "--exclude-retained-variant-properties") {
        in.request_given = true;
        std::string text = param_text(v, flag);
        // Shorthand takes one word per list item: `VariantPropertyType=A VariantPropertyType=B`.
        if (!cursor.inline_value() && starts_with(text, "VariantPropertyType="))
          while (const auto more = cursor.take_next_if([](std::string_view w) {
                   return starts_with(w, "VariantPropertyType=");
                 }))
            text += " " + *more;
        overrides.emplace_back("ExcludeRetainedVariantProperties",
                               aws::variant_properties_json(text, flag));
      } else if (flag == "--cli-input-json" || flag == "--cli-input-yaml" || flag == "--request") {
        in.request_given = true;
        if (base)
          throw CliUsageError(fmt::format("{} cannot be combined with {}: give one request document",
                                          flag, base->first));
        const bool is_file = flag == "--request";
        const std::string text = is_file ? read_input_file(v, flag) : param_text(v, flag);
        const aws::Format format = flag == "--cli-input-json"   ? aws::Format::json
                                   : flag == "--cli-input-yaml" ? aws::Format::yaml
                                                                : aws::detect_format(text, v);
        const std::string name = is_file ? v : (starts_with(v, "file://") ? v.substr(7) : flag);
        // Syntax and duplicate keys are checked here; a JSON document is kept as written (no
        // re-serialisation of large inputs), YAML becomes the JSON the AWS CLI would send.
        in.request_name = name;
        if (format == aws::Format::json && text.size() > kVerbatimAbove) {
          base.emplace(flag, text);  // large: syntax is reported by whoever parses it next
        } else if (format == aws::Format::json) {
          aws::check_syntax(text, name, format);
          base.emplace(flag, text);
        } else {
          base.emplace(flag, aws::canonical_json(text, name, format));
        }
      } else if (flag == "--endpoint") {
        const std::string text = read_input_file(v, flag);
        in.endpoint = aws::parse_describe_endpoint(text, v, aws::detect_format(text, v), &in.warnings);
      } else if (flag == "--current-config") {
        const std::string text = read_input_file(v, flag);
        in.current_config =
            aws::parse_describe_endpoint_config(text, v, aws::detect_format(text, v), &in.warnings);
      } else if (flag == "--new-config") {
        const std::string text = read_input_file(v, flag);
        in.new_config =
            aws::parse_describe_endpoint_config(text, v, aws::detect_format(text, v), &in.warnings);
      }
    } catch (const InputError& e) {
      collect(problems, e);
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));

  if (base && overrides.empty()) {
    in.request_json = std::move(base->second);
    return in;
  }
  if (base && base->second.size() > kVerbatimAbove) aws::check_syntax(base->second, in.request_name);
  in.request_name.clear();  // the merged document is no longer the file
  // Merge: explicit flags replace members of the cli-input document (as the AWS CLI does).
  Json doc = base ? Json::parse(base->second) : Json::object();
  if (!overrides.empty()) {
    if (!doc.is_object())
      throw_input_error(error_code::type, "", "must be an object (UpdateEndpointInput)",
                        doc.dump().substr(0, 80),
                        fmt::format("the {} document must be an object (UpdateEndpointInput)",
                                    base ? base->first : std::string("request")));
    for (const auto& [member, json] : overrides) doc[member] = Json::parse(json);
  }
  in.request_json = doc.dump();
  return in;
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
