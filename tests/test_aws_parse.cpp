// Reading the AWS shapes as `aws` takes and prints them (tests/data/aws/*), and every way the
// text can be wrong: syntax with line/column, duplicate keys, types (integers stay integers),
// ranges, all problems at once.
#include "input_problems.hpp"
#include "test_files.hpp"

#include "shiftsim/aws_parse.hpp"

#include <catch2/catch.hpp>

#include <set>
#include <string>

using namespace shiftsim;
using namespace shiftsim::aws;

using shiftsim::test::dump;
using shiftsim::test::has;
using shiftsim::test::problems;
using shiftsim::test::read_source_file;

namespace {

/// The text of tests/data/aws/<name>.
std::string data(const std::string& name) { return read_source_file("tests/data/aws/" + name); }

const std::string kReq = R"({"EndpointName":"ep","EndpointConfigName":"cfg")";

}  // namespace

TEST_CASE("a canary request as --cli-input-json") {
  const auto r = parse_update_endpoint(data("request-canary.json"), "request-canary.json");
  CHECK(r.endpoint_name == "churn-prod");
  CHECK(r.endpoint_config_name == "churn-config-v2");
  CHECK(!r.retain_all_variant_properties);
  CHECK(!r.retain_deployment_config);
  REQUIRE(r.deployment_config);
  REQUIRE(r.deployment_config->blue_green_update_policy);
  const auto& bg = *r.deployment_config->blue_green_update_policy;
  CHECK(bg.traffic_routing_configuration.type == "CANARY");
  CHECK(bg.traffic_routing_configuration.wait_interval_in_seconds == 600);
  REQUIRE(bg.traffic_routing_configuration.canary_size);
  CHECK(bg.traffic_routing_configuration.canary_size->type == "CAPACITY_PERCENT");
  CHECK(bg.traffic_routing_configuration.canary_size->value == 25);
  CHECK(!bg.traffic_routing_configuration.linear_step_size);
  CHECK(bg.termination_wait_in_seconds == 300);
  CHECK(bg.maximum_execution_timeout_in_seconds == 3600);
  CHECK(!r.deployment_config->rolling_update_policy);
  REQUIRE(r.deployment_config->auto_rollback_configuration);
  CHECK(r.deployment_config->auto_rollback_configuration->alarms ==
        std::vector<std::string>{"churn-prod-5xx", "churn-prod-latency-p99"});
}

TEST_CASE("a linear request as --cli-input-yaml") {
  const auto r = parse_update_endpoint(data("request-linear.yaml"), "request-linear.yaml", Format::yaml);
  CHECK(r.retain_all_variant_properties == true);
  CHECK(r.exclude_retained_variant_properties == std::vector<std::string>{"DesiredInstanceCount"});
  const auto& tr = r.deployment_config->blue_green_update_policy->traffic_routing_configuration;
  CHECK(tr.type == "LINEAR");
  CHECK(tr.wait_interval_in_seconds == 300);
  CHECK(tr.linear_step_size->type == "INSTANCE_COUNT");
  CHECK(tr.linear_step_size->value == 2);
}

TEST_CASE("a rolling request") {
  const auto r = parse_update_endpoint(data("request-rolling.json"), "request-rolling.json");
  const auto& p = *r.deployment_config->rolling_update_policy;
  CHECK(p.maximum_batch_size.type == "CAPACITY_PERCENT");
  CHECK(p.maximum_batch_size.value == 50);
  CHECK(p.wait_interval_in_seconds == 300);
  CHECK(p.maximum_execution_timeout_in_seconds == 7200);
  CHECK(p.rollback_maximum_batch_size->value == 100);
}

TEST_CASE("describe-endpoint as aws prints it") {
  Diagnostics warnings;
  const auto e = parse_describe_endpoint(data("describe-endpoint.json"), "describe-endpoint.json",
                                         Format::json, &warnings);
  CHECK(warnings.empty());
  CHECK(e.endpoint_name == "churn-prod");
  CHECK(e.endpoint_config_name == "churn-config-v1");
  CHECK(e.endpoint_status == "InService");
  REQUIRE(e.production_variants.size() == 1);
  CHECK(e.production_variants[0].variant_name == "AllTraffic");
  CHECK(e.production_variants[0].current_instance_count == 4);
  CHECK(e.production_variants[0].desired_instance_count == 4);
  CHECK(e.production_variants[0].current_weight == 1.0);
  REQUIRE(e.last_deployment_config);
  CHECK(e.last_deployment_config->blue_green_update_policy->traffic_routing_configuration.type == "CANARY");
}

TEST_CASE("describe-endpoint-config as aws prints it") {
  const auto c = parse_describe_endpoint_config(data("describe-endpoint-config-new.json"), "new.json");
  CHECK(c.endpoint_config_name == "churn-config-v2");
  REQUIRE(c.production_variants.size() == 1);
  CHECK(c.production_variants[0].instance_type == "ml.m5.2xlarge");
  CHECK(c.production_variants[0].initial_instance_count == 6);
  CHECK(c.production_variants[0].initial_variant_weight == 1.0);
  CHECK(!c.production_variants[0].serverless);

  const auto s = parse_describe_endpoint_config(data("describe-endpoint-config-serverless.json"), "s.json");
  CHECK(s.production_variants[0].serverless);
  CHECK(s.production_variants[0].instance_type.empty());
  CHECK(!s.production_variants[0].initial_instance_count);

  const auto ei = parse_describe_endpoint_config(
      R"({"EndpointConfigName":"c","EndpointConfigArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/c",
          "CreationTime":"2024-05-01T10:00:00Z","ProductionVariants":[{"VariantName":"v","InstanceType":"ml.m5.xlarge",
          "InitialInstanceCount":1,"AcceleratorType":"ml.eia2.medium"}]})",
      "ei.json");
  CHECK(ei.production_variants[0].uses_accelerator);
}

TEST_CASE("describe outputs: newer members are warnings, wrong values errors, names required") {
  Diagnostics warnings;
  const auto e = parse_describe_endpoint(
      R"({"EndpointName":"ep","ProductionVariants":[{"VariantName":"v","CurrentInstanceCount":2,"FutureField":1}]})",
      "e.json", Format::json, &warnings);
  CHECK(e.production_variants[0].current_instance_count == 2);
  CHECK(has(warnings, "W_UNKNOWN_MEMBER", "ProductionVariants[0].FutureField"));
  CHECK(has(warnings, "W_REQUIRED", "EndpointArn"));

  const auto ds = problems([] {
    (void)parse_describe_endpoint(
        R"({"ProductionVariants":[{"CurrentInstanceCount":"2"},{"VariantName":"b","CurrentWeight":-1}]})",
        "e.json");
  });
  INFO(dump(ds));
  CHECK(has(ds, "E_TYPE", "ProductionVariants[0].CurrentInstanceCount"));
  CHECK(has(ds, "E_MIN", "ProductionVariants[1].CurrentWeight"));
  const auto names = problems([] {
    (void)parse_describe_endpoint(R"({"ProductionVariants":[{"CurrentInstanceCount":2}]})", "e.json");
  });
  CHECK(has(names, "E_REQUIRED", "ProductionVariants[0].VariantName"));
}

TEST_CASE("an invalid request reports every model problem at once") {
  const auto ds = problems([] { (void)parse_update_endpoint(data("request-invalid.json"), "bad.json"); });
  INFO(dump(ds));
  const std::string bg = "DeploymentConfig.BlueGreenUpdatePolicy";
  CHECK(has(ds, "E_PATTERN", "EndpointName"));
  CHECK(has(ds, "E_TYPE", "RetainAllVariantProperties"));
  CHECK(has(ds, "E_MAX", bg + ".TrafficRoutingConfiguration.WaitIntervalInSeconds"));
  CHECK(has(ds, "E_MIN", bg + ".TrafficRoutingConfiguration.LinearStepSize.Value"));
  CHECK(has(ds, "E_TYPE", bg + ".TerminationWaitInSeconds"));
  CHECK(has(ds, "E_MAX", bg + ".MaximumExecutionTimeoutInSeconds"));
  CHECK(has(ds, "E_ENUM", "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Type"));
  CHECK(has(ds, "E_LIST_LENGTH", "DeploymentConfig.AutoRollbackConfiguration.Alarms"));
  CHECK(has(ds, "E_UNKNOWN_MEMBER", "DeploymentConfig.Canary"));
  CHECK(ds.size() == 9);
  for (const auto& d : ds) CHECK(d.message.find("bad.json") != std::string::npos);
}

TEST_CASE("integers stay integers") {
  const std::string w = "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds";
  auto with_wait = [](const std::string& v) {
    return kReq + R"(,"DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"ALL_AT_ONCE","WaitIntervalInSeconds":)" + v + "}}}}";
  };
  for (const char* bad : {"true", "3.0", "1e3", "\"300\""}) {
    INFO(bad);
    CHECK(has(problems([&] { (void)parse_update_endpoint(with_wait(bad), "t"); }), "E_TYPE", w));
  }
  CHECK(has(problems([&] { (void)parse_update_endpoint(with_wait("99999999999"), "t"); }), "E_MAX", w));
  CHECK(has(problems([&] { (void)parse_update_endpoint(with_wait("-1"), "t"); }), "E_MIN", w));
  const auto ok = parse_update_endpoint(with_wait("3600"), "t");
  CHECK(ok.deployment_config->blue_green_update_policy->traffic_routing_configuration.wait_interval_in_seconds == 3600);
  // No upper bound in the model: 32 bits are the bound.
  const std::string v = kReq + R"(,"DeploymentConfig":{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"INSTANCE_COUNT","Value":2147483648},"WaitIntervalInSeconds":0}}})";
  CHECK(has(problems([&] { (void)parse_update_endpoint(v, "t"); }), "E_TYPE",
            "DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value"));
}

TEST_CASE("syntax errors carry line and column, duplicate keys are errors") {
  const auto ds = problems([] { (void)parse_update_endpoint("{\n  \"EndpointName\": \"ep\",\n  \"EndpointConfigName\": ,\n}", "r.json"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_JSON_SYNTAX");
  CHECK(ds[0].rule.find("line 3, column 25") != std::string::npos);

  const auto dup = problems([] {
    (void)parse_update_endpoint(kReq + R"(,"EndpointName":"other","RetainDeploymentConfig":true,"RetainDeploymentConfig":false})", "r.json");
  });
  INFO(dump(dup));
  CHECK(has(dup, "E_DUPLICATE_KEY", "EndpointName"));
  CHECK(has(dup, "E_DUPLICATE_KEY", "RetainDeploymentConfig"));

  const auto ydup = problems([] { (void)parse_update_endpoint("EndpointName: a\nEndpointName: b\nEndpointConfigName: c\n", "r.yaml", Format::yaml); });
  CHECK(has(ydup, "E_DUPLICATE_KEY", "EndpointName"));

  const auto ysyn = problems([] { (void)parse_update_endpoint("EndpointName: [a\n", "r.yaml", Format::yaml); });
  REQUIRE(ysyn.size() == 1);
  CHECK(ysyn[0].code == "E_YAML_SYNTAX");
  CHECK(ysyn[0].rule.find("line ") != std::string::npos);
}

TEST_CASE("YAML scalars are typed as the AWS CLI's loader types them") {
  // Unquoted 10 is an integer: accepted where an integer is needed, rejected for a string.
  const auto r = parse_update_endpoint(
      "EndpointName: ep\nEndpointConfigName: '10'\nRetainAllVariantProperties: true\n"
      "DeploymentConfig:\n  BlueGreenUpdatePolicy:\n    TrafficRoutingConfiguration:\n"
      "      Type: ALL_AT_ONCE\n      WaitIntervalInSeconds: 10\n",
      "r.yaml", Format::yaml);
  CHECK(r.endpoint_config_name == "10");
  CHECK(r.retain_all_variant_properties == true);
  CHECK(r.deployment_config->blue_green_update_policy->traffic_routing_configuration.wait_interval_in_seconds == 10);
  // `~` is null: not an integer, and not the same as leaving the member out.
  CHECK(has(problems([] { (void)parse_update_endpoint("EndpointName: ep\nEndpointConfigName: c\nRetainDeploymentConfig: ~\n", "r", Format::yaml); }),
            "E_TYPE", "RetainDeploymentConfig"));

  CHECK(has(problems([] { (void)parse_update_endpoint("EndpointName: ep\nEndpointConfigName: 10\n", "r", Format::yaml); }),
            "E_TYPE", "EndpointConfigName"));
  CHECK(has(problems([] { (void)parse_update_endpoint("EndpointName: ep\nEndpointConfigName: c\nRetainAllVariantProperties: \"true\"\n", "r", Format::yaml); }),
            "E_TYPE", "RetainAllVariantProperties"));
  // YAML 1.2: `yes` is a string, not a boolean.
  CHECK(has(problems([] { (void)parse_update_endpoint("EndpointName: ep\nEndpointConfigName: c\nRetainAllVariantProperties: yes\n", "r", Format::yaml); }),
            "E_TYPE", "RetainAllVariantProperties"));
}

TEST_CASE("a DeploymentConfig alone: paths relative to it") {
  const auto dc = parse_deployment_config(data("deployment-config-canary.json"), "dc.json");
  CHECK(dc.blue_green_update_policy->traffic_routing_configuration.canary_size->value == 1);
  const auto ds = problems([] {
    (void)parse_deployment_config(R"({"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"INSTANCE_COUNT","Value":1},"WaitIntervalInSeconds":7200}})", "dc");
  });
  CHECK(has(ds, "E_MAX", "RollingUpdatePolicy.WaitIntervalInSeconds"));
}

TEST_CASE("variant properties: JSON list or CLI shorthand") {
  CHECK(parse_variant_properties("VariantPropertyType=DesiredInstanceCount VariantPropertyType=DesiredWeight", "x") ==
        std::vector<std::string>{"DesiredInstanceCount", "DesiredWeight"});
  CHECK(parse_variant_properties(R"([{"VariantPropertyType":"DesiredWeight"}])", "x") ==
        std::vector<std::string>{"DesiredWeight"});
  CHECK(has(problems([] { (void)parse_variant_properties("VariantPropertyType=Bogus", "x"); }), "E_ENUM",
            "[0].VariantPropertyType"));
  CHECK(has(problems([] { (void)parse_variant_properties("Type=DesiredWeight", "x"); }), "E_SHORTHAND", "[0]"));
  CHECK(variant_properties_json("VariantPropertyType=DesiredWeight", "x") ==
        R"([{"VariantPropertyType":"DesiredWeight"}])");
}

TEST_CASE("format detection and canonical JSON") {
  CHECK(detect_format("a: 1", "r.json") == Format::json);
  CHECK(detect_format("{}", "r.yml") == Format::yaml);
  CHECK(detect_format("  {\"a\":1}") == Format::json);
  CHECK(detect_format("EndpointName: x") == Format::yaml);
  CHECK(canonical_json("b: 1\na: [x, 2.5, null]\n", "y", Format::yaml) == R"({"b":1,"a":["x",2.5,null]})");
}

TEST_CASE("the --deployment-config value: JSON or the AWS CLI shorthand, typed by the model") {
  CHECK(deployment_config_arg_json(
            "BlueGreenUpdatePolicy={TrafficRoutingConfiguration={Type=CANARY,WaitIntervalInSeconds=600,"
            "CanarySize={Type=INSTANCE_COUNT,Value=1}}},AutoRollbackConfiguration={Alarms=[{AlarmName=a},"
            "{AlarmName='b c'}]}",
            "x") ==
        R"({"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY","WaitIntervalInSeconds":600,)"
        R"("CanarySize":{"Type":"INSTANCE_COUNT","Value":1}}},"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"a"},{"AlarmName":"b c"}]}})");
  // Digits only become integers where the model wants one; other text stays text (then E_TYPE).
  CHECK(deployment_config_arg_json("RollingUpdatePolicy={MaximumBatchSize={Type=CAPACITY_PERCENT,Value=x5},WaitIntervalInSeconds=0}", "x") ==
        R"({"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":"x5"},"WaitIntervalInSeconds":0}})");
  CHECK(deployment_config_arg_json(R"( {"RollingUpdatePolicy":{}})", "x") == R"({"RollingUpdatePolicy":{}})");
  const auto ds = problems([] { (void)deployment_config_arg_json("BlueGreenUpdatePolicy={Type=CANARY", "x"); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_SHORTHAND");
  CHECK(ds[0].rule.find("column") != std::string::npos);
}

TEST_CASE("describe-endpoint: more variants than an endpoint config can hold is an error") {
  auto doc = [](int n) {
    std::string pvs;
    for (int i = 0; i < n; ++i)
      pvs += (i ? "," : "") + std::string(R"({"VariantName":"v)") + std::to_string(i) + R"(","CurrentInstanceCount":1})";
    return R"({"EndpointName":"e","ProductionVariants":[)" + pvs + "]}";
  };
  CHECK(parse_describe_endpoint(doc(10), "e").production_variants.size() == 10);
  CHECK(has(problems([&] { (void)parse_describe_endpoint(doc(11), "e"); }), "E_LIST_LENGTH", "ProductionVariants"));
}
