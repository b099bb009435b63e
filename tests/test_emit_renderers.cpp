// emit's renderers: shell quoting and the aws-cli line (checked by running bash with a fake
// `aws`), CloudFormation read back, Terraform, format names, render_validated.
#include "emit_fixtures.hpp"
#include "policy_flags.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

namespace emit = shiftsim::emit;
namespace cli = shiftsim::cli;
using shiftsim::Strategy;
using shiftsim::aws::CapacitySizeShape;
using Json = nlohmann::ordered_json;
using namespace emit_fixtures;

TEST_CASE("shell_quote: bash reads every word back unchanged") {
  CHECK(emit::shell_quote("my-endpoint") == "my-endpoint");
  CHECK(emit::shell_quote("") == "''");
  CHECK(emit::shell_quote("a b") == "'a b'");
  CHECK(emit::shell_quote("it's") == "'it'\\''s'");
  const std::vector<std::string> words = {
      "", "plain", "a b", "it's", "''", "$HOME", "${x}", "`id`", "$(id)", "\"", "\\", "\\'", "!x", "*", "?",
      "~", "~root", "a\nb", "tab\tx", "{\"A\":1}", "caf\xc3\xa9", "--flag", "-", "a;b", "a|b", "a&b", "<x>",
      "#c", "x=y", "%", "[a]", "{a,b}"};
  std::string script = "printf '%s\\0'";
  for (const auto& w : words) {
    script += ' ';
    script += emit::shell_quote(w);
  }
  script += "\n";
  CHECK(split_nul(run_bash(script)) == words);
}

TEST_CASE("aws-cli line: the argv bash hands to aws is the request, flag by flag") {
  auto o = base(Strategy::canary);
  o.canary_size = CapacitySizeShape{"INSTANCE_COUNT", 2};
  o.timeout = 3600;
  o.alarms = {"it's $HOME `x`", "5xx"};
  o.retain_all_variant_properties = true;
  o.exclude_retained_variant_properties = {"DesiredInstanceCount", "DesiredWeight"};
  o.retain_deployment_config = false;
  const auto r = emit::build_request(o);
  const auto rendered = emit::render(r, emit::Format::aws_cli);
  CHECK(rendered.warnings.empty());
  REQUIRE(rendered.text.back() == '\n');
  CHECK(rendered.text.find('\n') == rendered.text.size() - 1);  // one line
  const auto argv = argv_of_line(rendered.text);
  REQUIRE(argv.size() == 12);
  CHECK(std::vector<std::string>(argv.begin(), argv.begin() + 7) ==
        std::vector<std::string>{"sagemaker", "update-endpoint", "--endpoint-name", "ep", "--endpoint-config-name",
                                 "ep-v2", "--retain-all-variant-properties"});
  CHECK(argv[7] == "--exclude-retained-variant-properties");
  CHECK(Json::parse(argv[8]) ==
        Json::parse(R"([{"VariantPropertyType":"DesiredInstanceCount"},{"VariantPropertyType":"DesiredWeight"}])"));
  CHECK(argv[9] == "--deployment-config");
  const Json dc = Json::parse(argv[10]);
  CHECK(dc["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"]["CanarySize"]["Value"] == 2);
  CHECK(dc["AutoRollbackConfiguration"]["Alarms"][0]["AlarmName"] == "it's $HOME `x`");
  CHECK(dc.dump() == shiftsim::aws::write_deployment_config_json(*r.deployment_config,
                                                                  shiftsim::aws::JsonLayout::compact));
  CHECK(argv[11] == "--no-retain-deployment-config");
}

TEST_CASE("CloudFormation: the properties read back as the API's DeploymentConfig") {
  auto o = base(Strategy::linear);
  o.linear_step = CapacitySizeShape{"CAPACITY_PERCENT", 20};
  o.termination_wait = 0;
  o.alarms = {"true"};
  o.retain_all_variant_properties = true;
  const auto r = emit::build_request(o);
  const Json api = Json::parse(shiftsim::aws::write_deployment_config_json(*r.deployment_config));

  const auto yaml = emit::render(r, emit::Format::cloudformation);
  const YAML::Node y = YAML::Load(yaml.text);
  REQUIRE(y.IsMap());
  CHECK(y.size() == 2);
  CHECK(y["RetainAllVariantProperties"].as<std::string>() == "true");
  const auto trc = y["DeploymentConfig"]["BlueGreenUpdatePolicy"]["TrafficRoutingConfiguration"];
  CHECK(trc["Type"].as<std::string>() == "LINEAR");
  CHECK(trc["LinearStepSize"]["Value"].as<int>() == 20);
  CHECK(y["DeploymentConfig"]["AutoRollbackConfiguration"]["Alarms"][0]["AlarmName"].Tag() == "!");

  const auto json = emit::render(r, emit::Format::cloudformation_json);
  const Json j = Json::parse(json.text);
  CHECK(j["DeploymentConfig"] == api);
  CHECK(j["RetainAllVariantProperties"] == true);
  CHECK_FALSE(j.contains("EndpointName"));
}

TEST_CASE("Terraform: block names, alignment, the 14400 s cap and unsupported members") {
  auto o = base(Strategy::rolling);
  o.batch_size = CapacitySizeShape{"CAPACITY_PERCENT", 25};
  o.rollback_batch_size = CapacitySizeShape{"INSTANCE_COUNT", 1};
  o.timeout = 14400;
  o.alarms = {"a", "b"};
  auto r = emit::build_request(o);
  auto tf = emit::render(r, emit::Format::terraform);
  CHECK(tf.warnings.empty());
  CHECK(tf.text ==
        "deployment_config {\n"
        "  rolling_update_policy {\n"
        "    maximum_batch_size {\n"
        "      type  = \"CAPACITY_PERCENT\"\n"
        "      value = 25\n"
        "    }\n"
        "    wait_interval_in_seconds             = 600\n"
        "    maximum_execution_timeout_in_seconds = 14400\n"
        "    rollback_maximum_batch_size {\n"
        "      type  = \"INSTANCE_COUNT\"\n"
        "      value = 1\n"
        "    }\n"
        "  }\n"
        "  auto_rollback_configuration {\n"
        "    alarms {\n"
        "      alarm_name = \"a\"\n"
        "    }\n"
        "    alarms {\n"
        "      alarm_name = \"b\"\n"
        "    }\n"
        "  }\n"
        "}\n");

  o.timeout = 14401;
  o.retain_deployment_config = true;
  tf = emit::render(emit::build_request(o), emit::Format::terraform);
  REQUIRE(tf.warnings.size() == 2);
  CHECK(tf.warnings[0].code == "W_TERRAFORM_RETENTION_UNSUPPORTED");
  CHECK(tf.warnings[0].path == "RetainDeploymentConfig");
  CHECK(tf.warnings[1].code == "W_TERRAFORM_TIMEOUT_CAP");
  CHECK(tf.warnings[1].path == "DeploymentConfig.RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds");
  CHECK(tf.warnings[1].severity == shiftsim::Severity::warning);
}

TEST_CASE("hcl_string escapes quotes, backslashes, control characters and templates") {
  CHECK(emit::hcl_string("a") == "\"a\"");
  CHECK(emit::hcl_string("q\"b\\") == "\"q\\\"b\\\\\"");
  CHECK(emit::hcl_string("${x} %{y} $z %w") == "\"$${x} %%{y} $z %w\"");
  CHECK(emit::hcl_string("a\nb\x01") == "\"a\\nb\\u0001\"");
}

TEST_CASE("format names round-trip") {
  for (const auto name : emit::format_names()) {
    const auto f = emit::parse_format(name);
    REQUIRE(f);
    CHECK(emit::format_name(*f) == name);
  }
  CHECK_FALSE(emit::parse_format("json"));
}

TEST_CASE("render_validated: invalid requests throw with every error, valid ones carry all warnings") {
  auto o = base(Strategy::rolling);
  o.batch_size = CapacitySizeShape{"INSTANCE_COUNT", 0};  // below the model's minimum of 1
  o.wait = 3601;                                          // above 3600
  const auto bad = emit::build_request(o);
  const auto ds = errors_of([&] { (void)emit::render_validated(bad, emit::Format::terraform); });
  std::vector<std::string> errors;
  for (const auto& d : ds)
    if (d.severity == shiftsim::Severity::error) errors.push_back(d.code + " " + d.path);
  CHECK_THAT(errors, Catch::Matchers::UnorderedEquals(std::vector<std::string>{
                         "E_MIN DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value",
                         "E_MAX DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds"}));

  o.batch_size = CapacitySizeShape{"INSTANCE_COUNT", 1};
  o.wait = 600;
  o.timeout = 20000;
  o.alarms = {"a"};
  const auto ok = emit::render_validated(emit::build_request(o), emit::Format::terraform);
  CHECK(ok.text == emit::render(emit::build_request(o), emit::Format::terraform).text);
  REQUIRE_FALSE(ok.warnings.empty());
  CHECK(ok.warnings.back().code == "W_TERRAFORM_TIMEOUT_CAP");
  CHECK_FALSE(shiftsim::has_errors(ok.warnings));
}

TEST_CASE("W_RETAINED_CONFIG_WINS on an emitted request says the DeploymentConfig is sent but "
          "not deployed") {
  // Issue 12: it used to read "... validated but not used in emitted request", while the
  // DeploymentConfig is in the emitted request.
  auto o = base(Strategy::all_at_once);
  o.wait = 0;
  o.retain_deployment_config = true;
  const auto r = emit::render_validated(emit::build_request(o), emit::Format::cli_input_json);
  CHECK(r.text.find("\"DeploymentConfig\"") != std::string::npos);
  const shiftsim::Diagnostic* w = nullptr;
  for (const auto& d : r.warnings)
    if (d.code == "W_RETAINED_CONFIG_WINS") w = &d;
  REQUIRE(w != nullptr);
  CHECK(w->message ==
        "RetainDeploymentConfig=true: SageMaker deploys with the endpoint's LastDeploymentConfig, "
        "not with the DeploymentConfig sent alongside it in the emitted request");
}
