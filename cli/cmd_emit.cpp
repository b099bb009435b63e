// `shiftsim emit`: build an UpdateEndpoint request from flags, validate it, write it in the format
// of the surface that will send it. The document goes to stdout (or --out FILE, written to a
// temporary file then renamed), warnings to stderr; invalid flags: exit 2 and nothing written.
#include "atomic_write.hpp"
#include "aws_flags.hpp"
#include "commands.hpp"
#include "flag_cursor.hpp"
#include "diagnostics_output.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/aws_write.hpp"
#include "shiftsim/codes.hpp"
#include "shiftsim/document_checks.hpp"
#include "shiftsim/emit.hpp"
#include "shiftsim/resolve.hpp"

#include <fmt/core.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace shiftsim::cli {
namespace {

constexpr std::string_view kHelp =
    R"(usage: shiftsim emit --endpoint-name NAME --endpoint-config-name CONFIG [options]
       shiftsim emit --generate-cli-skeleton [input|yaml-input]

Builds an UpdateEndpoint request from flags, validates it like `shiftsim validate` (invalid:
exit 2, every problem listed, nothing written) and writes it for the surface that will send it.

request:
  --endpoint-name NAME            EndpointName (required)
  --endpoint-config-name CONFIG   EndpointConfigName of the new config (required)
  --strategy S                    all-at-once | canary | linear | rolling
                                  (none: no update policy, SageMaker's default applies)
  --canary-size SIZE              canary: CanarySize; SIZE is 2 (instances) or 10% (of capacity)
  --linear-step SIZE              linear: LinearStepSize
  --batch-size SIZE               rolling: MaximumBatchSize
  --rollback-batch-size SIZE      rolling: RollbackMaximumBatchSize (absent: 100%)
  --wait SECONDS                  WaitIntervalInSeconds (required with --strategy)
  --termination-wait SECONDS      blue/green: TerminationWaitInSeconds
  --timeout SECONDS               MaximumExecutionTimeoutInSeconds
  --alarm NAME                    a CloudWatch alarm for AutoRollbackConfiguration (repeatable)
  --retain-all-variant-properties | --no-retain-all-variant-properties
  --exclude-retained-variant-properties TYPE[,TYPE]
                                  DesiredInstanceCount, DesiredWeight, DataCaptureConfig
                                  (also VariantPropertyType=TYPE; repeatable)
  --retain-deployment-config | --no-retain-deployment-config

fleet (optional: checks the size ratios against the variants' instance counts):
  --endpoint FILE                 `aws sagemaker describe-endpoint` output
  --current-config FILE           `aws sagemaker describe-endpoint-config` of the current config
  --new-config FILE               `aws sagemaker describe-endpoint-config` of the new config

output:
  --format F                      cli-input-json (default): for aws ... --cli-input-json file://F
                                  cli-input-yaml: for aws ... --cli-input-yaml file://F
                                  aws-cli: a complete `aws sagemaker update-endpoint ...` line
                                  cloudformation: AWS::SageMaker::Endpoint properties (YAML)
                                  cloudformation-json: the same as JSON
                                  terraform: the deployment_config block of aws_sagemaker_endpoint
  --resource-name NAME            a complete resource instead of a fragment: with cloudformation[-json]
                                  a whole template whose AWS::SageMaker::Endpoint has logical ID
                                  NAME; with terraform the whole resource "aws_sagemaker_endpoint"
                                  "NAME" block (name, endpoint_config_name, deployment_config)
  --allow-provider-reject         terraform: write a timeout above 14400 s anyway (the AWS provider
                                  refuses it; without this flag emit exits 2)
  --out FILE                      write to FILE (atomically) instead of stdout
  --generate-cli-skeleton [input|yaml-input]
                                  print what `aws sagemaker update-endpoint
                                  --generate-cli-skeleton` prints, and nothing else

example:
  shiftsim emit --endpoint-name my-ep --endpoint-config-name my-ep-v2 --strategy canary \
    --canary-size 10% --wait 600 --timeout 3600 --alarm my-ep-5xx --format aws-cli
)";

struct Flags {
  emit::EmitOptions options;
  emit::Format format = emit::Format::cli_input_json;
  std::optional<std::string> out;
  std::optional<aws::SkeletonKind> skeleton;
  std::optional<std::string> endpoint_file, current_config_file, new_config_file;
  std::optional<std::string> resource_name;
  bool allow_provider_reject = false;
  bool help = false;
};

std::optional<Strategy> parse_strategy(std::string_view s) {
  if (s == "all-at-once") return Strategy::all_at_once;
  if (s == "canary") return Strategy::canary;
  if (s == "linear") return Strategy::linear;
  if (s == "rolling") return Strategy::rolling;
  return std::nullopt;
}

void add_variant_properties(std::vector<std::string>& out, std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto end = text.find_first_of(", ", i);
    auto word = text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
    if (word.starts_with("VariantPropertyType=")) word.remove_prefix(std::strlen("VariantPropertyType="));
    if (!word.empty()) out.emplace_back(word);
    if (end == std::string_view::npos) break;
    i = end + 1;
  }
}

/// The DeploymentConfig's flags; false when `flag` is none of them.
bool take_policy_flag(emit::EmitOptions& o, const std::string& flag, FlagCursor& cursor) {
  auto value = [&] { return cursor.value(); };
  if (flag == "--strategy") {
    const auto v = value();
    o.strategy = parse_strategy(v);
    if (!o.strategy)
      throw CliUsageError(fmt::format(
          "emit: --strategy must be all-at-once, canary, linear or rolling, got '{}'", v));
  } else if (flag == "--canary-size") {
    o.canary_size = emit::parse_capacity_size(value(), flag);
  } else if (flag == "--linear-step") {
    o.linear_step = emit::parse_capacity_size(value(), flag);
  } else if (flag == "--batch-size") {
    o.batch_size = emit::parse_capacity_size(value(), flag);
  } else if (flag == "--rollback-batch-size") {
    o.rollback_batch_size = emit::parse_capacity_size(value(), flag);
  } else if (flag == "--wait") {
    o.wait = emit::parse_seconds(value(), flag);
  } else if (flag == "--termination-wait") {
    o.termination_wait = emit::parse_seconds(value(), flag);
  } else if (flag == "--timeout") {
    o.timeout = emit::parse_seconds(value(), flag);
  } else if (flag == "--alarm") {
    o.alarms.push_back(value());
  } else {
    return false;
  }
  return true;
}

/// The request's other members; false when `flag` is none of them.
bool take_request_flag(emit::EmitOptions& o, const std::string& flag, FlagCursor& cursor) {
  if (flag == "--endpoint-name") {
    o.endpoint_name = cursor.value();
  } else if (flag == "--endpoint-config-name") {
    o.endpoint_config_name = cursor.value();
  } else if (flag == "--retain-all-variant-properties" ||
             flag == "--no-retain-all-variant-properties") {
    cursor.no_value();
    o.retain_all_variant_properties = flag[2] != 'n';
  } else if (flag == "--exclude-retained-variant-properties") {
    add_variant_properties(o.exclude_retained_variant_properties, cursor.value());
  } else if (flag == "--retain-deployment-config" || flag == "--no-retain-deployment-config") {
    cursor.no_value();
    o.retain_deployment_config = flag[2] != 'n';
  } else {
    return false;
  }
  return true;
}

emit::Format parse_format_flag(const std::string& v) {
  const auto format = emit::parse_format(v);
  if (format) return *format;
  std::string names;
  for (const auto n : emit::format_names())
    names += fmt::format("{}{}", names.empty() ? "" : ", ", n);
  throw CliUsageError(fmt::format("emit: --format must be one of {}; got '{}'", names, v));
}

/// --generate-cli-skeleton [input|yaml-input]: an optional value, as in the AWS CLI (none means
/// `input`).
aws::SkeletonKind parse_skeleton_flag(FlagCursor& cursor) {
  std::string kind = "input";
  if (cursor.inline_value())
    kind = *cursor.inline_value();
  else if (const auto next =
               cursor.take_next_if([](std::string_view w) { return !w.starts_with("--"); }))
    kind = *next;
  if (kind == "input") return aws::SkeletonKind::input;
  if (kind == "yaml-input") return aws::SkeletonKind::yaml_input;
  throw CliUsageError(fmt::format(
      "emit: --generate-cli-skeleton takes input or yaml-input, got '{}' (shiftsim sends no "
      "request, so there is no output skeleton)",
      kind));
}

Flags parse_flags(const Args& args) {
  Flags f;
  for (FlagCursor cursor(args, "emit: "); cursor.next();) {
    const std::string& flag = cursor.flag();
    if (take_policy_flag(f.options, flag, cursor) || take_request_flag(f.options, flag, cursor))
      continue;
    if (flag == "--help" || flag == "-h") f.help = true;
    else if (flag == "--format") f.format = parse_format_flag(cursor.value());
    else if (flag == "--out") f.out = cursor.value();
    else if (flag == "--endpoint") f.endpoint_file = cursor.value();
    else if (flag == "--current-config") f.current_config_file = cursor.value();
    else if (flag == "--new-config") f.new_config_file = cursor.value();
    else if (flag == "--generate-cli-skeleton") f.skeleton = parse_skeleton_flag(cursor);
    else if (flag == "--resource-name") f.resource_name = cursor.value();
    else if (flag == "--allow-provider-reject") {
      cursor.no_value();
      f.allow_provider_reject = true;
    }
    else
      throw CliUsageError(
          fmt::format("emit: unknown flag '{}'; see 'shiftsim emit --help'", cursor.word()));
  }
  return f;
}

// The emit flag a request field comes from, for messages.
std::string_view flag_of(std::string_view path) {
  struct Map {
    std::string_view field, flag;
  };
  static constexpr Map kMap[] = {
      {"RollbackMaximumBatchSize", "--rollback-batch-size"},
      {"MaximumBatchSize", "--batch-size"},
      {"CanarySize", "--canary-size"},
      {"LinearStepSize", "--linear-step"},
      {"TerminationWaitInSeconds", "--termination-wait"},
      {"WaitIntervalInSeconds", "--wait"},
      {"MaximumExecutionTimeoutInSeconds", "--timeout"},
      {"Alarms", "--alarm"},
      {"ExcludeRetainedVariantProperties", "--exclude-retained-variant-properties"},
      {"RetainAllVariantProperties", "--retain-all-variant-properties"},
      {"RetainDeploymentConfig", "--retain-deployment-config"},
      {"EndpointConfigName", "--endpoint-config-name"},
      {"EndpointName", "--endpoint-name"},
      {"TrafficRoutingConfiguration", "--strategy"},
      {"RollingUpdatePolicy", "--strategy"},
  };
  for (const auto& m : kMap)
    if (path.find(m.field) != std::string_view::npos) return m.flag;
  return {};
}

Diagnostics with_flags(Diagnostics ds) {
  for (auto& d : ds)
    if (const auto flag = flag_of(d.path); !flag.empty())
      d.message += fmt::format(" (from {})", flag);
  return ds;
}

void output(const Flags& f, const std::string& text) {
  if (f.out) {
    write_file_atomically(*f.out, text);
  } else {
    std::fwrite(text.data(), 1, text.size(), stdout);
    if (std::fflush(stdout) != 0) throw OutputError("cannot write to standard output");
  }
}

/// The fleet documents given (--endpoint, --current-config, --new-config), each of the right kind
/// and agreeing with the request being emitted (contract amendments A6, A7); nullopt when none
/// was given. Their warnings go to `warnings`.
std::optional<FleetContext> read_fleet(const Flags& f, const aws::UpdateEndpointRequest& request,
                                       Diagnostics& warnings) {
  auto read = [&](const std::optional<std::string>& file, std::string_view what,
                  DocumentKind kind, auto parse) {
    using T = decltype(parse(std::string{}, std::string{}));
    std::optional<T> doc;
    if (file) {
      const auto text = read_input_file(*file, what);
      if (auto wrong = wrong_document(text, aws::detect_format(text, *file), kind, *file,
                                      document_flags()))
        throw InputError({std::move(*wrong)});
      doc = parse(text, *file);
    }
    return doc;
  };
  const auto endpoint = read(f.endpoint_file, "--endpoint", DocumentKind::describe_endpoint,
                             [&](const std::string& text, const std::string& name) {
    return aws::parse_describe_endpoint(text, name, aws::detect_format(text, name), &warnings);
  });
  const auto config = [&](const std::string& text, const std::string& name) {
    return aws::parse_describe_endpoint_config(text, name, aws::detect_format(text, name),
                                               &warnings);
  };
  const auto current_config = read(f.current_config_file, "--current-config",
                                   DocumentKind::describe_endpoint_config, config);
  const auto new_config =
      read(f.new_config_file, "--new-config", DocumentKind::describe_endpoint_config, config);
  const auto src = [](const std::optional<std::string>& file, const char* flag) {
    return file ? fmt::format("{} {}", flag, *file) : std::string();
  };
  Diagnostics checks = check_documents(NamedDocuments{
      &request, "--endpoint-name/--endpoint-config-name", endpoint ? &*endpoint : nullptr,
      src(f.endpoint_file, "--endpoint"), current_config ? &*current_config : nullptr,
      src(f.current_config_file, "--current-config"), new_config ? &*new_config : nullptr,
      src(f.new_config_file, "--new-config")});
  if (has_errors(checks)) throw InputError(std::move(checks));
  for (auto& d : checks) warnings.push_back(std::move(d));
  if (!endpoint && !current_config && !new_config) return std::nullopt;
  return make_fleet_context(endpoint ? &*endpoint : nullptr,
                            current_config ? &*current_config : nullptr,
                            new_config ? &*new_config : nullptr);
}

}  // namespace

int run_emit(const Args& args) {
  const Flags f = parse_flags(args);
  if (f.help) {
    std::fwrite(kHelp.data(), 1, kHelp.size(), stdout);
    return kExitOk;
  }
  if (f.skeleton) {
    output(f, aws::cli_skeleton(*f.skeleton));
    return kExitOk;
  }

  const aws::UpdateEndpointRequest request = emit::build_request(f.options);

  // The fleet, when given: the ratio rules then apply per variant.
  Diagnostics warnings;
  const std::optional<FleetContext> fleet = read_fleet(f, request, warnings);

  // Validated on exactly the document the AWS CLI would send; on errors nothing is written.
  emit::Rendered rendered;
  const std::optional<emit::ResourceOptions> resource =
      f.resource_name ? std::optional<emit::ResourceOptions>(emit::ResourceOptions{*f.resource_name})
                      : std::nullopt;
  try {
    rendered = emit::render_validated(request, f.format, fleet ? &*fleet : nullptr,
                                      resource ? &*resource : nullptr);
  } catch (const InputError& e) {
    throw InputError(with_flags(e.diagnostics()));
  }
  // What the Terraform provider would refuse is not written unless asked for.
  if (!f.allow_provider_reject)
    for (const auto& d : rendered.warnings)
      if (d.code == warning_code::terraform_timeout_cap)
        throw InputError({error_diagnostic(
            error_code::terraform_timeout_cap, d.path, d.rule, d.value,
            d.message + " (from --timeout); use --allow-provider-reject to write it anyway")});
  for (auto& d : rendered.warnings) warnings.push_back(std::move(d));
  output(f, rendered.text);
  if (!warnings.empty()) print_diagnostics_text(stderr, with_flags(std::move(warnings)));
  return kExitOk;
}

}  // namespace shiftsim::cli
