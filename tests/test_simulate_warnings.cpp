// Every warning the engine raises, each with its stable code, and its absence when not due.
#include "simulate_fixtures.hpp"

#include <catch2/catch.hpp>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {
const Diagnostic* find(const SimulationResult& r, const std::string& code) {
  for (const auto& w : r.warnings)
    if (w.code == code) return &w;
  return nullptr;
}
}  // namespace

TEST_CASE("timeout warnings", "[warnings][timeout]") {
  auto in = example(Strategy::rolling, percent(25));  // plan 3840 s, bakes 4 x 600 = 2400 s
  SECTION("no timeout") {
    auto r = simulate(in);
    CHECK(has_warning(r, "W_NO_TIMEOUT"));
    CHECK_FALSE(has_warning(r, "W_TIMEOUT_SHORT"));
  }
  SECTION("shorter than the planned duration") {
    in.policy.timeout = seconds(3600);
    auto r = simulate(in);
    CHECK(has_warning(r, "W_TIMEOUT_SHORT"));
    CHECK_FALSE(has_warning(r, "W_TIMEOUT_LE_WAITS"));
    CHECK_FALSE(has_warning(r, "W_NO_TIMEOUT"));
  }
  SECTION("not larger than the sum of waits") {
    in.policy.timeout = seconds(2400);
    auto r = simulate(in);
    CHECK(has_warning(r, "W_TIMEOUT_LE_WAITS"));
    CHECK(has_warning(r, "W_TIMEOUT_SHORT"));
  }
  SECTION("long enough: no timeout warning") {
    in.policy.timeout = seconds(3840);
    auto r = simulate(in);
    CHECK_FALSE(has_warning(r, "W_TIMEOUT_SHORT"));
    CHECK_FALSE(has_warning(r, "W_TIMEOUT_LE_WAITS"));
    CHECK(r.outcome == Outcome::succeeded);
  }
}

TEST_CASE("percent rounding that changes the requested share", "[warnings][rounding]") {
  auto in = example(Strategy::canary, percent(10));
  in.variants = {fleet("AllTraffic", 3, 3)};
  auto r = simulate(in);
  const auto* w = find(r, "W_PERCENT_ROUNDING");
  REQUIRE(w);
  CHECK(w->message.find("10% of 3") != std::string::npos);
  CHECK(w->message.find("1 instance(s) = 33.3%") != std::string::npos);
  CHECK(w->path == "DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize.Value");
  // 20% of 10 = 2 exactly: no warning; INSTANCE_COUNT never warns.
  CHECK_FALSE(has_warning(simulate(example(Strategy::canary, percent(20))), "W_PERCENT_ROUNDING"));
  CHECK_FALSE(has_warning(simulate(example(Strategy::canary, count(3))), "W_PERCENT_ROUNDING"));
  // The rolling rollback batch is checked too.
  auto roll = example(Strategy::rolling, percent(20));
  roll.policy.rollback_batch = percent(15);
  const auto rolled = simulate(roll);
  const auto* rb = find(rolled, "W_PERCENT_ROUNDING");
  REQUIRE(rb);
  CHECK(rb->path == "DeploymentConfig.RollingUpdatePolicy.RollbackMaximumBatchSize.Value");
}

TEST_CASE("steps that collapse onto the same traffic", "[warnings][collapse]") {
  // CANARY 50% of 1 instance -> the canary is the whole fleet; the full shift moves nothing.
  auto in = example(Strategy::canary, percent(50));
  in.variants = {fleet("AllTraffic", 1, 1)};
  CHECK(has_warning(simulate(in), "W_STEPS_COLLAPSE"));
  CHECK_FALSE(has_warning(simulate(example(Strategy::linear, percent(30))), "W_STEPS_COLLAPSE"));
}

TEST_CASE("alarm warnings", "[warnings][alarms]") {
  auto in = example(Strategy::canary, percent(20));
  SECTION("no alarms") {
    in.policy.alarms.clear();
    CHECK(has_warning(simulate(in), "W_NO_ALARMS"));
  }
  SECTION("bake shorter than an alarm's time to ALARM: one per alarm and bake kind") {
    in.policy.alarms = {AlarmSpec{"slow", seconds(1200)}, AlarmSpec{"fast", seconds(60)}};
    auto r = simulate(in);
    int n = 0;
    for (const auto& w : r.warnings)
      if (w.code == "W_BAKE_SHORTER_THAN_ALARM") {
        ++n;
        CHECK(w.message.find("'slow'") != std::string::npos);
      }
    CHECK(n == 2);  // the W bake and the T bake, both 600 < 1200
    CHECK_FALSE(has_warning(r, "W_NO_ALARMS"));
  }
  SECTION("injected trip with no alarms") {
    in.policy.alarms.clear();
    in.trip = Trip{Trip::Kind::at_bake, 1, 0};
    CHECK(has_warning(simulate(in), "W_TRIP_IGNORED"));
  }
}

TEST_CASE("quota and waiter warnings", "[warnings]") {
  auto in = example(Strategy::all_at_once);  // peak 20, 960 s
  in.instance_quota = 19;
  auto r = simulate(in);
  CHECK(has_warning(r, "W_QUOTA_EXCEEDED"));
  CHECK_FALSE(has_warning(r, "W_WAITER_60MIN"));
  in.instance_quota = 20;
  CHECK_FALSE(has_warning(simulate(in), "W_QUOTA_EXCEEDED"));
  // ROLLING: success peak 13, but a rollback from bake 2 peaks at 16.
  auto roll = example(Strategy::rolling, percent(25));
  roll.instance_quota = 14;
  auto rr = simulate(roll);
  CHECK(has_warning(rr, "W_QUOTA_EXCEEDED"));
  CHECK(has_warning(rr, "W_WAITER_60MIN"));  // 3840 s > 3600 s
}

TEST_CASE("every warning carries severity warning, a W_ code and a message", "[warnings]") {
  auto in = example(Strategy::rolling, percent(25));
  in.policy.timeout = seconds(2400);
  in.instance_quota = 5;
  auto r = simulate(in);
  REQUIRE(!r.warnings.empty());
  for (const auto& w : r.warnings) {
    CHECK(w.severity == Severity::warning);
    CHECK(w.code.rfind("W_", 0) == 0);
    CHECK(!w.message.empty());
  }
}
