// Contract amendments A4 (exclusions fall back; guardrails then do not apply), A5 (serverless
// variants) and A10 (variant names must match under guardrails): resolve_deployment() on
// hand-written describe documents, then the simulated timeline against hand-computed rows
// (P = 300, A = 0, D = 60 unless said otherwise; $0.23/h for ml.m5.xlarge).
#include "simulate_fixtures.hpp"
#include "input_problems.hpp"
#include "step_rows.hpp"

#include "shiftsim/assumptions.hpp"
#include "shiftsim/aws_parse.hpp"
#include "shiftsim/resolve.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

/// describe-endpoint with the given variants ({"VariantName":..,"CurrentInstanceCount":..}).
aws::DescribeEndpoint endpoint(const std::string& variants) {
  return aws::parse_describe_endpoint(
      R"({"EndpointName":"ep","EndpointConfigName":"cfg-1","EndpointStatus":"InService",
          "ProductionVariants":[)" + variants + "]}",
      "describe-endpoint");
}

aws::DescribeEndpointConfig config(const std::string& name, const std::string& variants) {
  return aws::parse_describe_endpoint_config(
      R"({"EndpointConfigName":")" + name + R"(","ProductionVariants":[)" + variants + "]}",
      name);
}

std::string ep_variant(const std::string& name, int n) {
  return R"({"VariantName":")" + name + R"(","CurrentInstanceCount":)" + std::to_string(n) +
         R"(,"DesiredInstanceCount":)" + std::to_string(n) + R"(,"CurrentWeight":1.0})";
}

std::string cfg_variant(const std::string& name, int n, const std::string& type = "ml.m5.xlarge",
                        const std::string& extra = "") {
  return R"({"VariantName":")" + name + R"(","ModelName":"m","InitialInstanceCount":)" +
         std::to_string(n) + R"(,"InstanceType":")" + type + R"(")" + extra + "}";
}

std::string serverless_variant(const std::string& name) {
  return R"({"VariantName":")" + name +
         R"(","ModelName":"m","ServerlessConfig":{"MemorySizeInMB":2048,"MaxConcurrency":5}})";
}

const std::string kAlarms = R"("AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"errors"}]})";

aws::UpdateEndpointRequest canary_request(int timeout_s = 3600) {
  return aws::parse_update_endpoint(
      R"({"EndpointName":"ep","EndpointConfigName":"cfg-2","DeploymentConfig":{
           "BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY",
             "WaitIntervalInSeconds":600,"CanarySize":{"Type":"INSTANCE_COUNT","Value":1}},
             "TerminationWaitInSeconds":600,"MaximumExecutionTimeoutInSeconds":)" +
          std::to_string(timeout_s) + "}," + kAlarms + "}}",
      "request");
}

aws::UpdateEndpointRequest rolling_request() {
  return aws::parse_update_endpoint(
      R"({"EndpointName":"ep","EndpointConfigName":"cfg-2","DeploymentConfig":{
           "RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":50},
             "WaitIntervalInSeconds":300,"MaximumExecutionTimeoutInSeconds":3600},)" +
          kAlarms + "}}",
      "request");
}

aws::UpdateEndpointRequest no_policy_request() {
  return aws::parse_update_endpoint(R"({"EndpointName":"ep","EndpointConfigName":"cfg-2"})",
                                    "request");
}

/// The engine input of a resolved deployment, with the section 12 timing.
SimulationInput input_of(const ResolvedDeployment& r, const Assumptions& a = {}) {
  SimulationInput in;
  in.variants = r.variants;
  in.policy = r.policy;
  in.assumptions = a;
  in.timing = Timing{seconds(300), seconds(60), 0};
  in.prices["ml.m5.xlarge"] = 0.23;
  return in;
}

void check_fallback_policy(const ResolvedDeployment& r, std::optional<SimTime> timeout) {
  CHECK(r.errors.empty());
  CHECK(r.policy.fallback);
  CHECK(r.policy.strategy == Strategy::all_at_once);
  CHECK(r.policy.wait == 0);
  CHECK(r.policy.termination_wait == 0);
  CHECK(!r.policy.step);
  CHECK(r.policy.timeout == timeout);
  REQUIRE(r.policy.alarms.size() == 1);  // still named, but they roll nothing back
}

}  // namespace

TEST_CASE("A4: an Inf1 variant of the new config falls back to ALL_AT_ONCE, W = T = 0",
          "[fallback][A4]") {
  const auto e = endpoint(ep_variant("AllTraffic", 4));
  const auto cur = config("cfg-1", cfg_variant("AllTraffic", 4, "ml.inf1.xlarge"));
  const auto nxt = config("cfg-2", cfg_variant("AllTraffic", 4, "ml.inf1.xlarge"));
  const auto r = resolve_deployment(canary_request(), &e, &cur, &nxt);
  check_fallback_policy(r, seconds(3600));
  CHECK(r.falls_back_to_all_at_once);
  const auto* w = find_code(r.warnings, "W_FALLBACK_ALL_AT_ONCE");
  REQUIRE(w != nullptr);
  CHECK(w->message.find("variant 'AllTraffic' uses Inf1 instances (ml.inf1.xlarge)") !=
        std::string::npos);
  CHECK(w->message.find("instead of the requested CANARY policy") != std::string::npos);
  CHECK(w->message.find("alarms do not roll it back") != std::string::npos);

  // Only the new config counts: leaving Inf1 for ml.m5 runs the requested CANARY.
  const auto m5 = config("cfg-2", cfg_variant("AllTraffic", 4));
  const auto away = resolve_deployment(canary_request(), &e, &cur, &m5);
  CHECK(away.policy.strategy == Strategy::canary);
  CHECK(!away.policy.fallback);
}

TEST_CASE("A4: Elastic Inference (AcceleratorType) falls back", "[fallback][A4]") {
  const auto e = endpoint(ep_variant("AllTraffic", 2));
  const auto nxt = config(
      "cfg-2", cfg_variant("AllTraffic", 2, "ml.m5.xlarge", R"(,"AcceleratorType":"ml.eia2.medium")"));
  const auto r = resolve_deployment(canary_request(), &e, nullptr, &nxt);
  check_fallback_policy(r, seconds(3600));
  REQUIRE(find_code(r.warnings, "W_FALLBACK_ALL_AT_ONCE") != nullptr);
  CHECK(find_code(r.warnings, "W_FALLBACK_ALL_AT_ONCE")->message.find("Elastic Inference") !=
        std::string::npos);
}

TEST_CASE("A4: ROLLING on a multi-variant endpoint falls back, or is refused under "
          "rolling_exclusions=reject",
          "[fallback][A4][rolling]") {
  const auto e = endpoint(ep_variant("A", 4) + "," + ep_variant("B", 2));
  const auto nxt = config("cfg-2", cfg_variant("A", 4) + "," + cfg_variant("B", 2));
  const auto r = resolve_deployment(rolling_request(), &e, nullptr, &nxt);
  check_fallback_policy(r, seconds(3600));
  CHECK(!r.policy.rollback_batch);
  // Only ROLLING falls back here: a sweep may still try CANARY or LINEAR on this endpoint.
  CHECK(!r.falls_back_to_all_at_once);
  CHECK(find_code(r.warnings, "W_FALLBACK_ALL_AT_ONCE")->message.find(
            "ROLLING on a multi-variant endpoint ('A', 'B')") != std::string::npos);

  Assumptions reject;
  reject.rolling_exclusions = RollingExclusions::reject;
  const auto refused = resolve_deployment(rolling_request(), &e, nullptr, &nxt, reject);
  REQUIRE(refused.errors.size() == 1);
  CHECK(refused.errors[0].code == "E_ROLLING_UNSUPPORTED");
  CHECK(refused.errors[0].severity == Severity::error);
  CHECK(refused.errors[0].path == "DeploymentConfig.RollingUpdatePolicy");
  CHECK(!refused.policy.fallback);
}

TEST_CASE("A4: the fallback ignores alarm trips and keeps the timeout unless "
          "fallback_timeout=ignored",
          "[fallback][A4][simulate]") {
  const auto e = endpoint(ep_variant("AllTraffic", 10));
  const auto nxt = config("cfg-2", cfg_variant("AllTraffic", 10, "ml.inf1.xlarge"));
  const auto resolved = resolve_deployment(canary_request(600), &e, nullptr, &nxt);

  SECTION("a trip does nothing: W_TRIP_IGNORED, SUCCEEDED") {
    SimulationInput in = input_of(resolved);
    in.trip = Trip{Trip::Kind::at_bake, 1, 0};
    const auto r = simulate(in);
    check_rows(r, {
                      {0, 300, Phase::provision, 10, 10, 10, 0, 0},
                      {300, 300, Phase::shift, 10, 0, 10, 10, 100},
                      {300, 300, Phase::bake, 10, 0, 10, 10, 100},
                      {300, 360, Phase::terminate, 10, 0, 10, 10, 100},
                      {360, 360, Phase::done, 0, 0, 10, 10, 100},
                  });
    CHECK(r.outcome == Outcome::succeeded);
    CHECK(!r.trip_applied_at);
    CHECK(has_warning(r, "W_TRIP_IGNORED"));
    CHECK(!has_warning(r, "W_NO_ALARMS"));  // alarms are configured, just not in effect
    // One fleet billed (A2): old 10 x 300 + new 10 x 60.
    CHECK(r.summary.billed_instance_seconds == 3600);
    CHECK(r.summary.timeout_margin == seconds(600 - 360));
  }
  SECTION("the timeout stays in force (kept): P = 900 is cut at X = 600") {
    SimulationInput in = input_of(resolved);
    in.timing.provision = seconds(900);
    const auto r = simulate(in);
    // At 600: flip back (A = 0), terminate the 10 new (D = 60).
    CHECK(r.outcome == Outcome::timed_out);
    CHECK(r.summary.duration == seconds(660));
    CHECK(r.summary.timeout == seconds(600));
    CHECK(has_warning(r, "W_TIMEOUT_SHORT"));
  }
  SECTION("fallback_timeout=ignored: no timeout applies") {
    Assumptions a;
    a.fallback_timeout = FallbackTimeout::ignored;
    SimulationInput in = input_of(resolved, a);
    in.timing.provision = seconds(900);
    const auto r = simulate(in);
    CHECK(r.outcome == Outcome::succeeded);
    CHECK(r.summary.duration == seconds(960));
    CHECK(!r.summary.timeout);
    CHECK(!has_warning(r, "W_TIMEOUT_SHORT"));
    CHECK(!has_warning(r, "W_NO_TIMEOUT"));
    std::string listed;
    for (const auto& av : r.assumptions)
      if (av.name == "fallback_timeout") listed = av.value;
    CHECK(listed == "ignored");
  }
}

TEST_CASE("A5: a serverless CANARY falls back and counts 0 instances on the serverless side",
          "[fallback][A4][A5][serverless]") {
  // The issue's case: 4 x ml.m5.xlarge moving to a serverless config with a CANARY request.
  const auto e = endpoint(ep_variant("AllTraffic", 4));
  const auto cur = config("cfg-1", cfg_variant("AllTraffic", 4));
  const auto nxt = config("cfg-2", serverless_variant("AllTraffic"));
  const auto resolved = resolve_deployment(canary_request(), &e, &cur, &nxt);
  check_fallback_policy(resolved, seconds(3600));
  REQUIRE(resolved.variants.size() == 1);
  const auto& v = resolved.variants[0];
  CHECK(v.n_old == 4);
  CHECK(v.n_new == 0);
  CHECK(v.new_serverless);
  CHECK(!v.old_serverless);
  CHECK(v.new_instance_type.empty());
  CHECK(resolved.fleet_known);
  CHECK(find_code(resolved.warnings, "W_FLEET_ASSUMED") == nullptr);
  CHECK(find_code(resolved.warnings, "W_FALLBACK_ALL_AT_ONCE")->message.find(
            "variant 'AllTraffic' is serverless (ServerlessConfig)") != std::string::npos);

  const auto r = simulate(input_of(resolved));
  check_rows(r, {
                    {0, 300, Phase::provision, 4, 4, 0, 0, 0},
                    {300, 300, Phase::shift, 4, 0, 0, 0, 100},
                    {300, 300, Phase::bake, 4, 0, 0, 0, 100},
                    {300, 360, Phase::terminate, 4, 0, 0, 0, 100},
                    {360, 360, Phase::done, 0, 0, 0, 0, 100},
                });
  CHECK(r.steps[0].message == "Serverless variant: no instances to launch.");
  CHECK(r.steps[1].message == "Activating traffic on the serverless variant (no instances).");
  CHECK(r.bakes.size() == 1);  // one 0 s bake, not a canary and a final bake
  CHECK(r.summary.peak_instances == 4);
  CHECK(r.summary.min_serving_instances == 0);
  CHECK(r.summary.instance_seconds == 4 * 360);
  // Billed (A2): the old fleet until the flip; the serverless side is not instance-priced.
  CHECK(r.summary.billed_instance_seconds == 4 * 300);
  CHECK(r.summary.cost_usd.usd().value() == Approx(4 * 300 * 0.23 / 3600));
  CHECK(has_warning(r, "W_SERVERLESS_NOT_PRICED"));
  CHECK(!has_warning(r, "W_PRICE_MISSING"));
}

TEST_CASE("A4 and A5: ROLLING with a serverless variant names both causes", "[fallback][A5]") {
  const auto e = endpoint(ep_variant("AllTraffic", 4));
  const auto nxt = config("cfg-2", serverless_variant("AllTraffic"));
  const auto r = resolve_deployment(rolling_request(), &e, nullptr, &nxt);
  check_fallback_policy(r, seconds(3600));
  const std::string& m = find_code(r.warnings, "W_FALLBACK_ALL_AT_ONCE")->message;
  CHECK(m.find("variant 'AllTraffic' is serverless") != std::string::npos);
  CHECK(m.find("ROLLING with a serverless variant ('AllTraffic')") != std::string::npos);
}

TEST_CASE("A5: a serverless variant before the update counts 0 old instances", "[A5][serverless]") {
  // Serverless -> 2 x ml.m5.xlarge, no update policy: ALL_AT_ONCE, T = 0 (no fallback: the new
  // config has no excluded feature).
  const auto e = aws::parse_describe_endpoint(
      R"({"EndpointName":"ep","EndpointConfigName":"cfg-1","EndpointStatus":"InService",
          "ProductionVariants":[{"VariantName":"AllTraffic","CurrentWeight":1.0,
            "CurrentServerlessConfig":{"MemorySizeInMB":2048,"MaxConcurrency":5}}]})",
      "describe-endpoint");
  const auto cur = config("cfg-1", serverless_variant("AllTraffic"));
  const auto nxt = config("cfg-2", cfg_variant("AllTraffic", 2));
  const auto resolved = resolve_deployment(no_policy_request(), &e, &cur, &nxt);
  CHECK(!resolved.policy.fallback);
  REQUIRE(resolved.variants.size() == 1);
  CHECK(resolved.variants[0].old_serverless);
  CHECK(resolved.variants[0].n_old == 0);
  CHECK(resolved.variants[0].n_new == 2);
  const auto r = simulate(input_of(resolved));
  // 0-300 launch 2, 300 flip (the serverless side carried 100% until then), 300-360 nothing
  // to terminate.
  check_rows(r, {
                    {0, 300, Phase::provision, 0, 0, 2, 0, 0},
                    {300, 300, Phase::shift, 0, 0, 2, 2, 100},
                    {300, 300, Phase::bake, 0, 0, 2, 2, 100},
                    {300, 360, Phase::terminate, 0, 0, 2, 2, 100},
                    {360, 360, Phase::done, 0, 0, 2, 2, 100},
                });
  CHECK(r.steps[3].message == "Serverless variant: no instances to terminate.");
  CHECK(r.summary.peak_instances == 2);
  CHECK(r.summary.instance_seconds == 2 * 360);
  CHECK(r.summary.billed_instance_seconds == 2 * 60);  // new fleet from the flip
  CHECK(has_warning(r, "W_SERVERLESS_NOT_PRICED"));
}

TEST_CASE("A10: a changed variant set under an update policy is refused", "[A10][variants]") {
  const auto e = endpoint(ep_variant("Blue", 4));
  const auto nxt = config("cfg-2", cfg_variant("Green", 4));
  const auto r = resolve_deployment(canary_request(), &e, nullptr, &nxt);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].code == "E_VARIANT_SET_CHANGED");
  CHECK(r.errors[0].message.find("only in the endpoint: 'Blue'; only in the new config: 'Green'") !=
        std::string::npos);

  SECTION("RetainDeploymentConfig: the endpoint's LastDeploymentConfig is the one in force") {
    const auto with_last = aws::parse_describe_endpoint(
        R"({"EndpointName":"ep","EndpointConfigName":"cfg-1","EndpointStatus":"InService",
            "ProductionVariants":[)" + ep_variant("Blue", 4) + R"(],
            "LastDeploymentConfig":{"RollingUpdatePolicy":{"MaximumBatchSize":
              {"Type":"INSTANCE_COUNT","Value":1},"WaitIntervalInSeconds":60}}})",
        "describe-endpoint");
    const auto req = aws::parse_update_endpoint(
        R"({"EndpointName":"ep","EndpointConfigName":"cfg-2","RetainDeploymentConfig":true})",
        "request");
    CHECK(resolve_deployment(req, &with_last, nullptr, &nxt).errors.size() == 1);
  }
  SECTION("variant_set_change=fallback: SageMaker's fallback instead, with W_VARIANT_RENAMED") {
    Assumptions a;
    a.variant_set_change = VariantSetChange::fallback;
    const auto fb = resolve_deployment(canary_request(), &e, nullptr, &nxt, a);
    check_fallback_policy(fb, seconds(3600));
    CHECK(fb.falls_back_to_all_at_once);
    CHECK(find_code(fb.warnings, "W_VARIANT_RENAMED") != nullptr);
    CHECK(find_code(fb.warnings, "W_FALLBACK_ALL_AT_ONCE")->message.find("variant names change") !=
          std::string::npos);
  }
}

TEST_CASE("A10: without an update policy the variant set may change (reading 2)",
          "[A10][variants]") {
  const auto e = endpoint(ep_variant("Blue", 4));
  const auto nxt = config("cfg-2", cfg_variant("Green", 4));
  const auto resolved = resolve_deployment(no_policy_request(), &e, nullptr, &nxt);
  CHECK(resolved.errors.empty());
  CHECK(!resolved.policy.fallback);
  CHECK(find_code(resolved.warnings, "W_VARIANT_RENAMED") != nullptr);
  REQUIRE(resolved.variants.size() == 2);
  CHECK(resolved.variants[0].name == "Blue");
  CHECK(resolved.variants[0].n_new == 0);
  CHECK(resolved.variants[1].name == "Green");
  CHECK(resolved.variants[1].n_old == 0);
  const auto r = simulate(input_of(resolved));
  // Never more than 100% of the traffic anywhere (the issue saw 125% under LINEAR).
  for (const auto& p : r.timeline) CHECK(p.new_traffic_pct <= 100.0 + 1e-9);
  CHECK(r.summary.duration == seconds(360));
  CHECK(r.summary.peak_instances == 8);
}

TEST_CASE("A4/A5: the engine refuses ROLLING on a serverless variant (resolve falls back first)",
          "[fallback][A5]") {
  SimulationInput in = example(Strategy::rolling, percent(50));
  in.variants[0].new_serverless = true;
  in.variants[0].n_new = 0;
  const Diagnostics ds = problems([&] { (void)simulate(in); });
  REQUIRE(ds.size() == 1);
  CHECK(ds[0].code == "E_INPUT");
  CHECK(ds[0].path == "DeploymentConfig.RollingUpdatePolicy");
}
