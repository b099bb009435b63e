// emit: options -> request (sizes, each strategy's policy, options that do not fit, reported by
// request field and named by the CLI's flags).
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
