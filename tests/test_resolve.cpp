// resolve_deployment: from the AWS documents (tests/data/aws, and hand-written variations) to the
// fleets and policy of the engine contract ("Target fleet", Precise readings 2, 3, 14), plus the
// exclusion fallback and the variant-name warning. Expected values are read off the documents.
#include "test_files.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/resolve.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace shiftsim;

using shiftsim::test::read_source_file;

namespace {

/// The text of tests/data/aws/<name>.
std::string data(const std::string& name) { return read_source_file("tests/data/aws/" + name); }

aws::DescribeEndpoint endpoint() {
  return aws::parse_describe_endpoint(data("describe-endpoint.json"), "describe-endpoint.json");
}
aws::DescribeEndpointConfig config(const std::string& name) {
  return aws::parse_describe_endpoint_config(data(name), name);
}
aws::UpdateEndpointRequest request(const std::string& json) {
  return aws::parse_update_endpoint(json, "request");
}

bool has(const Diagnostics& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) {
      CHECK(d.severity == Severity::warning);
      CHECK(!d.message.empty());
      return true;
    }
  return false;
}

const std::string kBase = R"({"EndpointName":"churn-prod","EndpointConfigName":"churn-config-v2")";

}  // namespace

TEST_CASE("default retention: N and weight from the new config, N_old from describe-endpoint") {
  const auto e = endpoint();
  const auto cur = config("describe-endpoint-config-current.json");
  const auto nxt = config("describe-endpoint-config-new.json");
  const auto r = resolve_deployment(aws::parse_update_endpoint(data("request-canary.json"), "r"), &e, &cur, &nxt);
  REQUIRE(r.variants.size() == 1);
  const auto& v = r.variants[0];
  CHECK(v.name == "AllTraffic");
  CHECK(v.n_old == 4);   // CurrentInstanceCount
  CHECK(v.n_new == 6);   // new config InitialInstanceCount
  CHECK(v.old_instance_type == "ml.m5.xlarge");
  CHECK(v.new_instance_type == "ml.m5.2xlarge");
  CHECK(v.old_weight == 1.0);
  CHECK(v.new_weight == 1.0);
  CHECK(r.fleet_known);
  CHECK(r.old_fleet_known);
  // 4 running, the new config's 6 (amendment A8): the only warning.
  REQUIRE(r.warnings.size() == 1);
  CHECK(r.warnings[0].code == "W_CAPACITY_RESET");
  CHECK(r.warnings[0].value == "4 -> 6");
  // policy: CANARY 25%, W 600, T 300, X 3600, two alarms
  CHECK(r.policy.strategy == Strategy::canary);
  REQUIRE(r.policy.step);
  CHECK(r.policy.step->type == CapacityType::capacity_percent);
  CHECK(r.policy.step->value == 25);
  CHECK(r.policy.wait == seconds(600));
  CHECK(r.policy.termination_wait == seconds(300));
  CHECK(r.policy.timeout == seconds(3600));
  REQUIRE(r.policy.alarms.size() == 2);
  CHECK(r.policy.alarms[1].name == "churn-prod-latency-p99");
}

TEST_CASE("RetainAllVariantProperties keeps desired count and weight unless excluded") {
  auto e = endpoint();
  e.production_variants[0].desired_instance_count = 5;
  e.production_variants[0].current_instance_count = 4;
  e.production_variants[0].desired_weight = 0.5;
  const auto nxt = config("describe-endpoint-config-new.json");  // 6 instances, weight 1.0

  auto r = resolve_deployment(request(kBase + R"(,"RetainAllVariantProperties":true})"), &e, nullptr, &nxt);
  CHECK(r.variants[0].n_old == 4);
  CHECK(r.variants[0].n_new == 5);
  CHECK(r.variants[0].new_weight == 0.5);

  r = resolve_deployment(request(kBase + R"(,"RetainAllVariantProperties":true,"ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredInstanceCount"}]})"),
                         &e, nullptr, &nxt);
  CHECK(r.variants[0].n_new == 6);
  CHECK(r.variants[0].new_weight == 0.5);

  r = resolve_deployment(request(kBase + R"(,"RetainAllVariantProperties":true,"ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredWeight"}]})"),
                         &e, nullptr, &nxt);
  CHECK(r.variants[0].n_new == 5);
  CHECK(r.variants[0].new_weight == 1.0);

  // Exclusions without RetainAll: ignored, with a warning; everything from the config.
  r = resolve_deployment(request(kBase + R"(,"ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredWeight"}]})"),
                         &e, nullptr, &nxt);
  CHECK(r.variants[0].n_new == 6);
  CHECK(has(r.warnings, "W_EXCLUDE_IGNORED"));
}

TEST_CASE("N_old falls back to DesiredInstanceCount, then the current config") {
  auto e = endpoint();
  e.production_variants[0].current_instance_count.reset();
  e.production_variants[0].desired_instance_count = 3;
  const auto cur = config("describe-endpoint-config-current.json");  // 4
  const auto nxt = config("describe-endpoint-config-new.json");
  CHECK(resolve_deployment(request(kBase + "}"), &e, &cur, &nxt).variants[0].n_old == 3);
  e.production_variants[0].desired_instance_count.reset();
  CHECK(resolve_deployment(request(kBase + "}"), &e, &cur, &nxt).variants[0].n_old == 4);
  CHECK(resolve_deployment(request(kBase + "}"), nullptr, &cur, &nxt).variants[0].n_old == 4);
}

TEST_CASE("variants only in the new config start at 0, variants left out go to 0, renamed warns") {
  const auto e = endpoint();  // AllTraffic x4
  const auto cur = config("describe-endpoint-config-current.json");
  const auto two = config("describe-endpoint-config-two-variants.json");  // AllTraffic 4 (0.9), Challenger 2 (0.1)
  auto r = resolve_deployment(request(kBase + "}"), &e, &cur, &two);
  REQUIRE(r.variants.size() == 2);
  CHECK(r.variants[1].name == "Challenger");
  CHECK(r.variants[1].n_old == 0);
  CHECK(r.variants[1].n_new == 2);
  CHECK(r.variants[1].old_weight == 0.0);
  CHECK(r.variants[1].new_weight == Approx(0.1));
  CHECK(r.variants[0].new_weight == Approx(0.9));
  CHECK(has(r.warnings, "W_VARIANT_RENAMED"));  // the variant set changed

  const auto renamed = config("describe-endpoint-config-renamed.json");  // Green x4
  r = resolve_deployment(request(kBase + "}"), &e, &cur, &renamed);
  REQUIRE(r.variants.size() == 2);
  CHECK(r.variants[0].name == "AllTraffic");
  CHECK(r.variants[0].n_old == 4);
  CHECK(r.variants[0].n_new == 0);
  CHECK(r.variants[0].new_weight == 0.0);
  CHECK(r.variants[1].name == "Green");
  CHECK(r.variants[1].n_old == 0);
  CHECK(r.variants[1].n_new == 4);
  CHECK(has(r.warnings, "W_VARIANT_RENAMED"));
}

TEST_CASE("DeploymentConfig in force: retained, default, alarms only") {
  const auto e = endpoint();  // LastDeploymentConfig: CANARY 1 instance, W 600, T 300, X 3600
  const auto nxt = config("describe-endpoint-config-new.json");
  const std::string rolling =
      R"(,"DeploymentConfig":{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"INSTANCE_COUNT","Value":1},"WaitIntervalInSeconds":60}})";

  auto r = resolve_deployment(request(kBase + rolling + R"(,"RetainDeploymentConfig":true})"), &e, nullptr, &nxt);
  CHECK(r.policy.strategy == Strategy::canary);
  CHECK(r.policy.step == CapacitySize{CapacityType::instance_count, 1});
  CHECK(r.policy.termination_wait == seconds(300));
  CHECK(has(r.warnings, "W_RETAINED_CONFIG_WINS"));

  r = resolve_deployment(request(kBase + rolling + "}"), &e, nullptr, &nxt);
  CHECK(r.policy.strategy == Strategy::rolling);
  CHECK(r.policy.wait == seconds(60));
  CHECK(!r.policy.rollback_batch);
  CHECK(!r.policy.timeout);

  r = resolve_deployment(request(kBase + "}"), &e, nullptr, &nxt);
  CHECK(r.policy.strategy == Strategy::all_at_once);
  CHECK(r.policy.wait == 0);
  CHECK(r.policy.termination_wait == 0);
  CHECK(!r.policy.timeout);

  r = resolve_deployment(
      request(kBase + R"(,"DeploymentConfig":{"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"x"}]}}})"),
      &e, nullptr, &nxt);
  CHECK(r.policy.strategy == Strategy::all_at_once);
  CHECK(r.policy.wait == 0);
  REQUIRE(r.policy.alarms.size() == 1);
  CHECK(r.policy.alarms[0].name == "x");

  // RetainDeploymentConfig without a LastDeploymentConfig: the default.
  auto bare = e;
  bare.last_deployment_config.reset();
  r = resolve_deployment(request(kBase + R"(,"RetainDeploymentConfig":true})"), &bare, nullptr, &nxt);
  CHECK(r.policy.strategy == Strategy::all_at_once);
}

TEST_CASE("Inf1 or Elastic Inference falls back to ALL_AT_ONCE with no final bake") {
  const auto e = endpoint();
  const auto cur = config("describe-endpoint-config-current.json");
  const auto inf1 = config("describe-endpoint-config-inf1.json");
  const auto r = resolve_deployment(aws::parse_update_endpoint(data("request-canary.json"), "r"), &e, &cur, &inf1);
  CHECK(r.policy.strategy == Strategy::all_at_once);
  CHECK(!r.policy.step);
  CHECK(r.policy.termination_wait == 0);
  CHECK(r.policy.wait == 0);
  CHECK(r.policy.timeout == seconds(3600));   // the timeout still applies
  CHECK(r.policy.alarms.size() == 2);
  CHECK(has(r.warnings, "W_FALLBACK_ALL_AT_ONCE"));

  auto ei = config("describe-endpoint-config-new.json");
  ei.production_variants[0].uses_accelerator = true;
  CHECK(has(resolve_deployment(request(kBase + "}"), &e, &cur, &ei).warnings, "W_FALLBACK_ALL_AT_ONCE"));
  CHECK(!has(resolve_deployment(request(kBase + "}"), &e, &cur, &cur).warnings, "W_FALLBACK_ALL_AT_ONCE"));
}

TEST_CASE("missing documents: assumptions are flagged, never silent") {
  const auto nxt = config("describe-endpoint-config-new.json");
  auto r = resolve_deployment(request(kBase + "}"), nullptr, nullptr, &nxt);
  CHECK(r.fleet_known);
  CHECK(!r.old_fleet_known);
  CHECK(r.variants[0].n_old == 6);   // assumed = N
  CHECK(r.variants[0].old_instance_type == "ml.m5.2xlarge");
  CHECK(has(r.warnings, "W_FLEET_ASSUMED"));

  const auto e = endpoint();
  r = resolve_deployment(request(kBase + "}"), &e, nullptr, nullptr);
  CHECK(!r.fleet_known);
  CHECK(r.variants[0].n_new == 4);   // assumed = N_old
  CHECK(has(r.warnings, "W_FLEET_ASSUMED"));

  // With RetainAll the endpoint alone determines N.
  r = resolve_deployment(request(kBase + R"(,"RetainAllVariantProperties":true})"), &e, nullptr, nullptr);
  CHECK(r.fleet_known);
  CHECK(r.variants[0].n_new == 4);
}

TEST_CASE("fleet context and target_count") {
  const auto e = endpoint();
  const auto two = config("describe-endpoint-config-two-variants.json");
  const FleetContext f = make_fleet_context(&e, nullptr, &two);
  REQUIRE(f.variants.size() == 2);
  CHECK(f.variants[0].endpoint_desired == 4);
  CHECK(f.variants[0].config_count == 4);
  CHECK(f.variants[1].in_new_config);
  CHECK(!f.variants[1].in_endpoint);
  CHECK(target_count(f.variants[1], f, true, false) == 2);  // new variant: config value
  const auto serverless = config("describe-endpoint-config-serverless.json");
  CHECK(make_fleet_context(&e, nullptr, &serverless).variants[0].serverless);
}
