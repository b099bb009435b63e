// Contract amendments A8 (capacity reset: W_CAPACITY_RESET) and A9 (shadow variants are not
// simulated: W_SHADOW_NOT_SIMULATED), from hand-written describe documents.
#include "simulate_fixtures.hpp"
#include "step_rows.hpp"

#include "shiftsim/aws_parse.hpp"
#include "shiftsim/resolve.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

aws::DescribeEndpoint autoscaled(int current, int desired) {
  return aws::parse_describe_endpoint(
      R"({"EndpointName":"ep","EndpointConfigName":"cfg-1","EndpointStatus":"InService",
          "ProductionVariants":[{"VariantName":"AllTraffic","CurrentWeight":1.0,
            "CurrentInstanceCount":)" + std::to_string(current) +
          R"(,"DesiredInstanceCount":)" + std::to_string(desired) + "}]}",
      "describe-endpoint");
}

aws::DescribeEndpointConfig config(int n, const std::string& shadows = "") {
  return aws::parse_describe_endpoint_config(
      R"({"EndpointConfigName":"cfg-2","ProductionVariants":[{"VariantName":"AllTraffic",
          "ModelName":"m","InitialInstanceCount":)" + std::to_string(n) +
          R"(,"InstanceType":"ml.m5.xlarge"}])" + shadows + "}",
      "new config");
}

aws::UpdateEndpointRequest request(const std::string& retention = "") {
  return aws::parse_update_endpoint(
      R"({"EndpointName":"ep","EndpointConfigName":"cfg-2")" + retention + "}", "request");
}

}  // namespace

TEST_CASE("A8: an autoscaled endpoint of 100 updated to a config of 20 warns of the scale-in",
          "[fleet][A8]") {
  const auto e = autoscaled(100, 100);
  const auto nxt = config(20);
  const auto r = resolve_deployment(request(), &e, nullptr, &nxt);
  REQUIRE(r.variants.size() == 1);
  CHECK(r.variants[0].n_old == 100);
  CHECK(r.variants[0].n_new == 20);
  const auto* w = find_code(r.warnings, "W_CAPACITY_RESET");
  REQUIRE(w != nullptr);
  CHECK(w->severity == Severity::warning);
  CHECK(w->value == "100 -> 20");
  CHECK(w->message.find("Variant 'AllTraffic' runs 100 instance(s) now (CurrentInstanceCount) and "
                        "the update sets it to 20") != std::string::npos);
  CHECK(w->message.find("scaling it in by 80") != std::string::npos);
  CHECK(w->message.find("RetainAllVariantProperties=true") != std::string::npos);

  // The run the issue saw: ALL_AT_ONCE, T = 0. Fewest serving 20 (after the flip), peak 120.
  SimulationInput in = example(Strategy::all_at_once);
  in.variants = r.variants;
  in.policy = r.policy;
  const auto sim = simulate(in);
  CHECK(sim.summary.min_serving_instances == 20);
  CHECK(sim.summary.peak_instances == 120);
}

TEST_CASE("A8: RetainAllVariantProperties keeps the count, excluding it or a pending autoscale "
          "still warns",
          "[fleet][A8]") {
  const auto nxt = config(20);
  SECTION("retained: N = DesiredInstanceCount = CurrentInstanceCount, no warning") {
    const auto e = autoscaled(100, 100);
    const auto r = resolve_deployment(request(R"(,"RetainAllVariantProperties":true)"), &e,
                                      nullptr, &nxt);
    CHECK(r.variants[0].n_new == 100);
    CHECK(find_code(r.warnings, "W_CAPACITY_RESET") == nullptr);
  }
  SECTION("retained but DesiredInstanceCount excluded: the config's 20") {
    const auto e = autoscaled(100, 100);
    const auto r = resolve_deployment(
        request(R"(,"RetainAllVariantProperties":true,"ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredInstanceCount"}])"),
        &e, nullptr, &nxt);
    CHECK(r.variants[0].n_new == 20);
    const auto* w = find_code(r.warnings, "W_CAPACITY_RESET");
    REQUIRE(w != nullptr);
    CHECK(w->message.find("ExcludeRetainedVariantProperties lists DesiredInstanceCount") !=
          std::string::npos);
  }
  SECTION("retained while autoscaling moves 7 -> 9: N = 9 differs from the 7 running") {
    const auto e = autoscaled(7, 9);
    const auto r = resolve_deployment(request(R"(,"RetainAllVariantProperties":true)"), &e,
                                      nullptr, &nxt);
    CHECK(r.variants[0].n_old == 7);
    CHECK(r.variants[0].n_new == 9);
    const auto* w = find_code(r.warnings, "W_CAPACITY_RESET");
    REQUIRE(w != nullptr);
    CHECK(w->value == "7 -> 9");
    CHECK(w->message.find("scaling it out by 2") != std::string::npos);
  }
  SECTION("the same count: no warning") {
    const auto e = autoscaled(20, 20);
    CHECK(find_code(resolve_deployment(request(), &e, nullptr, &nxt).warnings, "W_CAPACITY_RESET") ==
          nullptr);
  }
}

TEST_CASE("A9: shadow variants are named and left out of the fleet", "[fleet][A9]") {
  const auto e = autoscaled(4, 4);
  const auto nxt = config(4, R"(,"ShadowProductionVariants":[{"VariantName":"shadow-v2",
      "ModelName":"m2","InitialInstanceCount":2,"InstanceType":"ml.g5.xlarge"}])");
  const auto r = resolve_deployment(request(), &e, nullptr, &nxt);
  REQUIRE(r.variants.size() == 1);  // the shadow is not a production variant of the run
  CHECK(r.variants[0].n_new == 4);
  const auto* w = find_code(r.warnings, "W_SHADOW_NOT_SIMULATED");
  REQUIRE(w != nullptr);
  CHECK(w->message ==
        "Shadow variants are not simulated: the new config's ShadowProductionVariants "
        "'shadow-v2' (2 x ml.g5.xlarge) run alongside the production variants and are left out "
        "of peak and cost.");
  // Peak: 4 old + 4 new production instances only (the 2 shadows are left out).
  SimulationInput in = example(Strategy::all_at_once);
  in.variants = r.variants;
  CHECK(simulate(in).summary.peak_instances == 8);
  // No shadows anywhere: no warning.
  const auto plain = config(4);
  CHECK(find_code(resolve_deployment(request(), &e, nullptr, &plain).warnings,
             "W_SHADOW_NOT_SIMULATED") == nullptr);
}
