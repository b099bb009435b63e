// emit: options -> request, size parsing, shell quoting (checked by running bash), and the
// renderers (aws-cli line through bash with a fake `aws`, CloudFormation read back, Terraform).
#include "shiftsim/aws_write.hpp"
#include "shiftsim/emit.hpp"

#include "policy_flags.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <unistd.h>
#include <vector>

namespace emit = shiftsim::emit;
namespace cli = shiftsim::cli;
using shiftsim::Strategy;
using shiftsim::aws::CapacitySizeShape;
using Json = nlohmann::ordered_json;

namespace {

// Runs `script` with bash and returns its stdout.
std::string run_bash(const std::string& script) {
  char path[] = "/tmp/shiftsim_test_emit_XXXXXX";
  const int fd = ::mkstemp(path);
  REQUIRE(fd >= 0);
  ::close(fd);
  {
    std::ofstream out(path, std::ios::binary);
    out << script;
  }
  std::string output;
  FILE* p = ::popen((std::string("bash ") + path).c_str(), "r");
  REQUIRE(p != nullptr);
  char buf[4096];
  std::size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) output.append(buf, n);
  const int status = ::pclose(p);
  std::remove(path);
  REQUIRE(status == 0);
  return output;
}

std::vector<std::string> split_nul(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\0') {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  return out;
}

// The argv a shell passes to `aws` for this command line.
std::vector<std::string> argv_of_line(const std::string& line) {
  return split_nul(run_bash("aws() { printf '%s\\0' \"$@\"; }\n" + line));
}

template <typename F>
shiftsim::Diagnostics errors_of(F&& f) {
  try {
    f();
  } catch (const shiftsim::InputError& e) {
    return e.diagnostics();
  }
  FAIL("no InputError thrown");
  return {};
}

emit::EmitOptions base(Strategy s) {
  emit::EmitOptions o;
  o.strategy = s;
  o.endpoint_name = "ep";
  o.endpoint_config_name = "ep-v2";
  o.wait = 600;
  return o;
}

}  // namespace

TEST_CASE("sizes: N is a count of instances, N% a percentage") {
  auto s = emit::parse_capacity_size("10%", "--canary-size");
  CHECK(s.type == "CAPACITY_PERCENT");
  CHECK(s.value == 10);
  s = emit::parse_capacity_size("2", "--canary-size");
  CHECK(s.type == "INSTANCE_COUNT");
  CHECK(s.value == 2);
  s = emit::parse_capacity_size("0", "--batch-size");  // the model's minimum is validate's job
  CHECK(s.value == 0);
  CHECK(emit::parse_capacity_size("2147483647", "--batch-size").value == 2147483647);

  for (const char* bad : {"", "%", "-1", "+1", "1.5", "10 %", " 10", "10%%", "ten", "2147483648", "0x10"}) {
    INFO("'" << bad << "'");
    const auto ds = errors_of([&] { (void)emit::parse_capacity_size(bad, "--linear-step"); });
    REQUIRE(ds.size() == 1);
    CHECK(ds[0].code == "E_EMIT_FLAG_VALUE");
    CHECK(ds[0].path == "--linear-step");
  }
  CHECK(emit::parse_seconds("3600", "--wait") == 3600);
  CHECK(errors_of([] { (void)emit::parse_seconds("1m", "--wait"); })[0].path == "--wait");
}

TEST_CASE("canary options build a CANARY blue/green policy") {
  auto o = base(Strategy::canary);
  o.canary_size = CapacitySizeShape{"CAPACITY_PERCENT", 10};
  o.termination_wait = 120;
  o.timeout = 3600;
  o.alarms = {"a1", "a2"};
  const auto r = emit::build_request(o);
  CHECK(r.endpoint_name == "ep");
  CHECK(r.endpoint_config_name == "ep-v2");
  REQUIRE(r.deployment_config);
  REQUIRE(r.deployment_config->blue_green_update_policy);
  CHECK_FALSE(r.deployment_config->rolling_update_policy);
  const auto& bg = *r.deployment_config->blue_green_update_policy;
  CHECK(bg.traffic_routing_configuration.type == "CANARY");
  CHECK(bg.traffic_routing_configuration.wait_interval_in_seconds == 600);
  REQUIRE(bg.traffic_routing_configuration.canary_size);
  CHECK(bg.traffic_routing_configuration.canary_size->value == 10);
  CHECK_FALSE(bg.traffic_routing_configuration.linear_step_size);
  CHECK(bg.termination_wait_in_seconds == 120);
  CHECK(bg.maximum_execution_timeout_in_seconds == 3600);
  REQUIRE(r.deployment_config->auto_rollback_configuration);
  CHECK(*r.deployment_config->auto_rollback_configuration->alarms == std::vector<std::string>{"a1", "a2"});
  CHECK_FALSE(r.retain_all_variant_properties);
  CHECK_FALSE(r.exclude_retained_variant_properties);
  CHECK_FALSE(r.retain_deployment_config);
}

TEST_CASE("linear, all-at-once and rolling options") {
  auto lin = base(Strategy::linear);
  lin.linear_step = CapacitySizeShape{"INSTANCE_COUNT", 1};
  auto r = emit::build_request(lin);
  CHECK(r.deployment_config->blue_green_update_policy->traffic_routing_configuration.type == "LINEAR");
  CHECK(r.deployment_config->blue_green_update_policy->traffic_routing_configuration.linear_step_size->value == 1);
  CHECK_FALSE(r.deployment_config->blue_green_update_policy->termination_wait_in_seconds);
  CHECK_FALSE(r.deployment_config->auto_rollback_configuration);

  r = emit::build_request(base(Strategy::all_at_once));
  CHECK(r.deployment_config->blue_green_update_policy->traffic_routing_configuration.type == "ALL_AT_ONCE");
  CHECK_FALSE(r.deployment_config->blue_green_update_policy->traffic_routing_configuration.canary_size);

  auto roll = base(Strategy::rolling);
  roll.batch_size = CapacitySizeShape{"CAPACITY_PERCENT", 20};
  roll.rollback_batch_size = CapacitySizeShape{"INSTANCE_COUNT", 3};
  roll.timeout = 7200;
  roll.retain_all_variant_properties = true;
  roll.exclude_retained_variant_properties = {"DesiredWeight"};
  roll.retain_deployment_config = false;
  r = emit::build_request(roll);
  CHECK_FALSE(r.deployment_config->blue_green_update_policy);
  const auto& p = *r.deployment_config->rolling_update_policy;
  CHECK(p.maximum_batch_size.type == "CAPACITY_PERCENT");
  CHECK(p.maximum_batch_size.value == 20);
  CHECK(p.wait_interval_in_seconds == 600);
  CHECK(p.maximum_execution_timeout_in_seconds == 7200);
  CHECK(p.rollback_maximum_batch_size->value == 3);
  CHECK(r.retain_all_variant_properties == true);
  CHECK(*r.exclude_retained_variant_properties == std::vector<std::string>{"DesiredWeight"});
  CHECK(r.retain_deployment_config == false);
}

TEST_CASE("no strategy: no update policy, alarms alone give AutoRollbackConfiguration only") {
  emit::EmitOptions o;
  o.endpoint_name = "ep";
  o.endpoint_config_name = "cfg";
  CHECK_FALSE(emit::build_request(o).deployment_config);
  o.alarms = {"x"};
  const auto r = emit::build_request(o);
  REQUIRE(r.deployment_config);
  CHECK_FALSE(r.deployment_config->blue_green_update_policy);
  CHECK_FALSE(r.deployment_config->rolling_update_policy);
  CHECK(r.deployment_config->auto_rollback_configuration->alarms->size() == 1);
}

TEST_CASE("options that do not fit the strategy are all reported, by request field") {
  auto o = base(Strategy::linear);
  o.wait.reset();                                             // required
  o.canary_size = CapacitySizeShape{"CAPACITY_PERCENT", 10};  // canary only
  o.batch_size = CapacitySizeShape{"INSTANCE_COUNT", 1};      // rolling only
  o.endpoint_config_name.clear();                             // required
  const auto ds = errors_of([&] { (void)emit::build_request(o); });
  std::vector<std::string> got;
  for (const auto& d : ds) got.push_back(d.code + " " + d.path);
  const std::string bg = "DeploymentConfig.BlueGreenUpdatePolicy.";
  const std::string routing = bg + "TrafficRoutingConfiguration.";
  CHECK_THAT(got, Catch::Matchers::UnorderedEquals(std::vector<std::string>{
                      "E_EMIT_FLAG_REQUIRED EndpointConfigName",
                      "E_EMIT_FLAG_NOT_APPLICABLE " + routing + "CanarySize",
                      "E_EMIT_FLAG_NOT_APPLICABLE DeploymentConfig.RollingUpdatePolicy."
                      "MaximumBatchSize",
                      "E_EMIT_FLAG_REQUIRED " + routing + "WaitIntervalInSeconds",
                      "E_EMIT_FLAG_REQUIRED " + routing + "LinearStepSize"}));
  // The messages say why in the request's own terms: no flag names in the engine.
  for (const auto& d : ds) CHECK(d.message.find("--") == std::string::npos);

  auto roll = base(Strategy::rolling);
  roll.batch_size = CapacitySizeShape{"INSTANCE_COUNT", 1};
  roll.termination_wait = 60;  // blue/green only
  const auto rds = errors_of([&] { (void)emit::build_request(roll); });
  REQUIRE(rds.size() == 1);
  CHECK(rds[0].path == bg + "TerminationWaitInSeconds");
  CHECK(rds[0].message ==
        bg + "TerminationWaitInSeconds 60 does not apply: TerminationWaitInSeconds belongs to a "
             "blue/green update (ALL_AT_ONCE, CANARY or LINEAR) only, and this is a rolling update "
             "(RollingUpdatePolicy)");

  auto canary = base(Strategy::canary);
  canary.rollback_batch_size = CapacitySizeShape{"CAPACITY_PERCENT", 50};  // rolling only
  const auto cds = errors_of([&] { (void)emit::build_request(canary); });
  CHECK(cds.size() == 2);  // and the CanarySize missing

  emit::EmitOptions none;
  none.endpoint_name = "ep";
  none.endpoint_config_name = "cfg";
  none.wait = 60;  // without a strategy
  CHECK(errors_of([&] { (void)emit::build_request(none); })[0].path ==
        bg + "TrafficRoutingConfiguration.WaitIntervalInSeconds");
}

TEST_CASE("the CLI names build_request's fields by the flags that set them") {
  auto o = base(Strategy::rolling);
  o.wait.reset();
  o.canary_size = CapacitySizeShape{"CAPACITY_PERCENT", 10};
  const auto ds = errors_of([&] { (void)emit::build_request(o, cli::flag_namer()); });
  std::vector<std::string> got;
  for (const auto& d : ds) got.push_back(d.code + " " + d.path + ": " + d.message);
  CHECK_THAT(got, Catch::Matchers::UnorderedEquals(std::vector<std::string>{
                      "E_EMIT_FLAG_REQUIRED --batch-size: --batch-size is required: a rolling "
                      "update (RollingUpdatePolicy) needs the MaximumBatchSize",
                      "E_EMIT_FLAG_REQUIRED --wait: --wait is required: a rolling update "
                      "(RollingUpdatePolicy) needs WaitIntervalInSeconds (required by the API)",
                      "E_EMIT_FLAG_NOT_APPLICABLE --canary-size: --canary-size 10% does not "
                      "apply: CanarySize belongs to a CANARY blue/green update only, and this is "
                      "a rolling update (RollingUpdatePolicy)"}));
}

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
