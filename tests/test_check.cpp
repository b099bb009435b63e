// `shiftsim check`'s analysis against independent figures: the median trial and the P95 of a
// canary update computed in this file from the contract and the timing model (lognormal per
// instance, a batch waits for its slowest), the peak per instance type counted by hand, and each
// rule firing exactly when its condition holds.
#include "input_problems.hpp"
#include "test_files.hpp"

#include "shiftsim/check.hpp"
#include "shiftsim/iac/cloudformation.hpp"
#include "shiftsim/iac/terraform_plan.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

using namespace shiftsim;
using namespace shiftsim::iac;

using shiftsim::test::read_source_file;

namespace {

/// The text of tests/data/iac/<name>.
std::string data(const std::string& name) { return read_source_file("tests/data/iac/" + name); }

check::Report check_plan(const std::string& name, check::Options o = {}) {
  o.threads = 1;
  return check::run_check({read_terraform_plan(data(name), name)}, o);
}

bool has(const check::EndpointReport& e, const std::string& code) {
  return std::any_of(e.findings.begin(), e.findings.end(),
                     [&](const Finding& f) { return f.code == code; });
}

/// Phi^-1 by bisection on erfc: independent of the engine's approximation.
double probit(double p) {
  double lo = -10, hi = 10;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

/// The median of the slowest of k lognormal(p50, p95) draws, seconds.
double median_of_max(double p50, double p95, int k) {
  const double sigma = std::log(p95 / p50) / probit(0.95);
  return p50 * std::exp(sigma * probit(std::pow(0.5, 1.0 / k)));
}

}  // namespace

TEST_CASE("The canary update's median trial is the hand-computed timeline", "[check]") {
  // 4 x ml.g5.2xlarge (gpu-small profile: provision p50 330 s / p95 570 s, terminate 60 / 150,
  // activation 15 s, docs/timing-model.md), CANARY 25%, W 600, T 300:
  // provision (slowest of 4) + A + W + A + T + terminate (slowest of 4).
  const double provision = std::round(median_of_max(330, 570, 4));
  const double terminate = std::round(median_of_max(60, 150, 4));
  const double expected = provision + 15 + 600 + 15 + 300 + terminate;  // 460 + 930 + 105 = 1495
  const auto r = check_plan("plan-canary-update.json");
  REQUIRE(r.endpoints.size() == 1);
  REQUIRE(r.endpoints[0].figures);
  const auto& f = *r.endpoints[0].figures;
  CHECK(f.strategy == Strategy::canary);
  CHECK(f.median_duration_s == Approx(expected).margin(0.5));
  CHECK(f.peak_instances == 8);  // blue/green: 4 old + 4 new
  CHECK(f.peak_by_type.at("ml.g5.2xlarge") == 8);
  CHECK(f.timeout_s == 3600);
  CHECK(f.cost_usd.known());
}

TEST_CASE("The P95 completion agrees with an independent sampler of the same timeline", "[check][stochastic]") {
  // A plain loop: completion = slowest of 4 provisioning draws + 930 s + slowest of 4 termination
  // draws, lognormal per instance, 200,000 draws (std::mt19937_64, not the engine's generator).
  std::mt19937_64 rng(20261130);
  std::normal_distribution<double> z;
  const auto slowest = [&](double p50, double p95) {
    const double sigma = std::log(p95 / p50) / probit(0.95);
    double m = 0;
    for (int i = 0; i < 4; ++i) m = std::max(m, p50 * std::exp(sigma * z(rng)));
    return m;
  };
  std::vector<double> xs(200000);
  for (auto& x : xs) x = slowest(330, 570) + 930 + slowest(60, 150);
  std::sort(xs.begin(), xs.end());
  const double p95 = xs[static_cast<std::size_t>(std::ceil(0.95 * static_cast<double>(xs.size()))) - 1];
  check::Options o;
  o.trials = 40000;
  o.seed = 7;
  const auto r = check_plan("plan-canary-update.json", o);
  // The standard error of a P95 from 40,000 draws of this spread is about 2.5 s: 4 sigma = 10 s.
  CHECK(r.endpoints[0].figures->p95_completion_s == Approx(p95).margin(10.0));
}

TEST_CASE("The same documents, options and seed give the same figures", "[check]") {
  const auto a = check_plan("plan-long-rolling.json");
  const auto b = check_plan("plan-long-rolling.json");
  CHECK(a.endpoints[0].figures->p95_completion_s == b.endpoints[0].figures->p95_completion_s);
}

TEST_CASE("E_TF_WAITER fires exactly when P95 completion passes 60 minutes", "[check][terraform]") {
  const auto r = check_plan("plan-200-endpoints.json");
  int fired = 0;
  for (const auto& e : r.endpoints) {
    if (!e.figures) continue;
    INFO(e.label << " P95 " << e.figures->p95_completion_s);
    CHECK(has(e, "E_TF_WAITER") == (e.figures->p95_completion_s > 3600.0));
    fired += has(e, "E_TF_WAITER");
  }
  CHECK(fired > 0);  // the generated plan holds both kinds
  CHECK(has(check_plan("plan-long-rolling.json").endpoints[0], "E_TF_WAITER"));
  CHECK_FALSE(has(check_plan("plan-canary-update.json").endpoints[0], "E_TF_WAITER"));
}

TEST_CASE("The quota check compares each instance type's peak with its quota", "[check][quota]") {
  check::Options o;
  o.quotas = check::parse_service_quotas(data("quotas-tight.json"), "quotas.json");
  CHECK(o.quotas->endpoint_usage.size() == 1);  // the training-job quota is not an endpoint quota
  CHECK(o.quotas->endpoint_usage.at("ml.g5.2xlarge") == 6.0);
  CHECK(has(check_plan("plan-canary-update.json", o).endpoints[0], "E_QUOTA_EXCEEDED"));  // 8 > 6
  o.quotas->endpoint_usage["ml.g5.2xlarge"] = 8.0;  // at the peak exactly: still fits
  const auto r = check_plan("plan-canary-update.json", o);
  CHECK_FALSE(has(r.endpoints[0], "E_QUOTA_EXCEEDED"));
  CHECK(has(r.endpoints[0], "N_QUOTA_HEADROOM"));
}

TEST_CASE("A type change peaks per type: the old fleet of one type, the new of another", "[check][quota]") {
  // Hand-written plan: 3 x ml.g5.xlarge -> 3 x ml.g5.2xlarge, ALL_AT_ONCE; blue/green runs both.
  const std::string plan = R"({"format_version":"1.2","resource_changes":[
    {"address":"aws_sagemaker_endpoint.e","type":"aws_sagemaker_endpoint","mode":"managed","change":{
      "actions":["update"],"before":{"name":"e","endpoint_config_name":"c1","deployment_config":[]},
      "after":{"name":"e","endpoint_config_name":"c2","deployment_config":[]}}},
    {"address":"aws_sagemaker_endpoint_configuration.c1","type":"aws_sagemaker_endpoint_configuration",
     "mode":"managed","change":{"actions":["delete"],"before":{"name":"c1","production_variants":[
      {"variant_name":"v","instance_type":"ml.g5.xlarge","initial_instance_count":3}]},"after":null}},
    {"address":"aws_sagemaker_endpoint_configuration.c2","type":"aws_sagemaker_endpoint_configuration",
     "mode":"managed","change":{"actions":["create"],"before":null,"after":{"name":"c2","production_variants":[
      {"variant_name":"v","instance_type":"ml.g5.2xlarge","initial_instance_count":3}]}}}]})";
  check::Options o;
  o.threads = 1;
  o.trials = 100;
  const auto r = check::run_check({read_terraform_plan(plan, "p.json")}, o);
  REQUIRE(r.endpoints[0].figures);
  const auto& peak = r.endpoints[0].figures->peak_by_type;
  CHECK(peak.at("ml.g5.xlarge") == 3);
  CHECK(peak.at("ml.g5.2xlarge") == 3);
  CHECK(has(r.endpoints[0], "W_NO_DEPLOYMENT_CONFIG"));
}

TEST_CASE("Capacity reset: an autoscaled variant without retention, and the count it is reset from",
          "[check]") {
  CHECK(has(check_plan("plan-autoscaled.json").endpoints[0], "W_CAPACITY_RESET"));
  CHECK_FALSE(has(check_plan("plan-canary-update.json").endpoints[0], "W_CAPACITY_RESET"));
  // With describe-endpoint saying 9 are running, the finding names 9 -> 4.
  check::Options o;
  aws::DescribeEndpoint ep;
  ep.endpoint_name = "llm-chat-prod";
  ep.endpoint_config_name = "llm-chat-prod-v1";
  ep.endpoint_status = "InService";
  ep.production_variants.push_back({"AllTraffic", 9, 9, 1.0, 1.0});
  o.endpoints.push_back(ep);
  const auto r = check_plan("plan-autoscaled.json", o);
  bool named = false;
  for (const auto& f : r.endpoints[0].findings)
    if (f.code == "W_CAPACITY_RESET" && f.message.find("from 9 to 4") != std::string::npos) named = true;
  CHECK(named);
  CHECK(r.endpoints[0].figures->peak_instances == 13);  // 9 old + 4 new
  // A template with RetainAllVariantProperties: true keeps the count: silent.
  const auto t = check::run_check({read_cloudformation(data("template-canary.yaml"), "t.yaml",
                                                       {{"AWS::StackName", "s"}, {"AWS::AccountId", "1"}})},
                                  {});
  CHECK_FALSE(has(t.endpoints[0], "W_CAPACITY_RESET"));
  CHECK(has(check::run_check({read_cloudformation(data("template-autoscaled.json"), "t.json", {})}, {})
                .endpoints[0],
            "W_CAPACITY_RESET"));
}

TEST_CASE("Replacements and a config replaced under its own name are errors", "[check][terraform]") {
  const auto rr = check_plan("plan-rollback-replace.json");
  CHECK(has(rr.endpoints[0], "E_TF_ROLLBACK_REPLACES"));
  CHECK_FALSE(rr.endpoints[0].figures);  // a replacement is no guarded update: not simulated
  CHECK(has(check_plan("plan-config-same-name.json").endpoints[0], "E_CONFIG_REPLACED_SAME_NAME"));
  CHECK(has(check_plan("plan-timeout-cap.json").endpoints[0], "E_TF_TIMEOUT_CAP"));
  for (const char* twin : {"E_TF_ROLLBACK_REPLACES", "E_CONFIG_REPLACED_SAME_NAME", "E_TF_TIMEOUT_CAP",
                           "W_NO_DEPLOYMENT_CONFIG"})
    CHECK_FALSE(has(check_plan("plan-canary-update.json").endpoints[0], twin));
}

TEST_CASE("A document with no SageMaker resources says so and counts no error", "[check]") {
  const auto r = check_plan("plan-no-sagemaker.json");
  CHECK(r.endpoints.empty());
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].code == "N_NO_SAGEMAKER");
  CHECK(r.count(Level::error) == 0);
  CHECK(r.count(Level::warning) == 0);
}

TEST_CASE("Quotas of the wrong shape are refused with the path", "[check][quota][bad-input]") {
  const Diagnostics ds = test::problems([] {
    (void)check::parse_service_quotas(R"({"Quotas":[{"QuotaName":"x","Value":"4"}]})", "q.json");
  });
  CHECK(ds[0].code == "E_QUOTAS");
  CHECK(ds[0].path == "Quotas/0/Value");
}
