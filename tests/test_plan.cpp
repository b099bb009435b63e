// Plans: the engine's plan_deployment() on a case small enough to check by hand, and the CLI's
// words for it (limits named by flag), compared with hand-written lines.
//
// The case: 2 -> 2 ml.m5.xlarge at $3.60 per instance-hour ($0.001 per instance-second), fixed
// P = 240 s, A = 15 s, D = 60 s, no alarms; the grid is ALL_AT_ONCE with TerminationWait 0 or
// 300 s. ALL_AT_ONCE takes P + A + T + D, with both fleets (4 instances) running throughout;
// the extra cost (amendment A3) is the billed cost minus what the old fleet alone (2 instances)
// would have cost over the same time:
//   T = 0:   315 s, 4 x 315 = 1260 instance-s running; billed (amendment A2, ALL_AT_ONCE with
//            T = 0 bills the fleet carrying the traffic): 2 old x 240 until the flip + 2 new x
//            (315 - 240) = 630 instance-s, $0.63; extra 630 - 2 x 315 = 0: $0.00
//   T = 300: 615 s, 4 x 615 = 2460 instance-s, all billed, $2.46; extra 2460 - 2 x 615 = 1230:
//            $1.23
// Its only bake is the final one, T long.
#include "report/plan_report.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/plan.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace shiftsim;

namespace {

PlanRequest hand_case() {
  PlanRequest req;
  VariantFleet v;
  v.name = "AllTraffic";
  v.n_old = 2;
  v.n_new = 2;
  v.old_instance_type = "ml.m5.xlarge";
  v.new_instance_type = "ml.m5.xlarge";
  req.input.variants.push_back(v);
  req.input.timing = Timing{seconds(240), seconds(60), seconds(15)};
  req.input.prices["ml.m5.xlarge"] = 3.6;
  req.model = deterministic_model(req.input.timing);
  req.request.endpoint_name = "churn-prod";
  req.request.endpoint_config_name = "churn-v2";
  req.spec.strategies = {Strategy::all_at_once};
  req.spec.waits_s = {0};
  req.spec.termination_waits_s = {0, 300};
  req.threads = 1;
  req.trials = 200;
  req.seed = 7;
  return req;
}

}  // namespace

TEST_CASE("plan: the cheapest config, the timeout recommended for fixed timings, the request",
          "[plan]") {
  PlanRequest req = hand_case();
  req.request.retain_deployment_config = true;
  const PlanReport plan = plan_deployment(req);
  REQUIRE(plan.sweep.rows.size() == 2);
  CHECK(plan.sweep.rows[0].duration == seconds(315));
  CHECK(plan.sweep.rows[0].cost_usd.usd().value() == Approx(0.63));
  CHECK(plan.sweep.rows[0].billed_instance_seconds == 630);
  CHECK(plan.sweep.rows[0].extra_cost_usd.usd().value() == Approx(0.0).margin(1e-12));
  CHECK(plan.sweep.rows[1].duration == seconds(615));
  CHECK(plan.sweep.rows[1].cost_usd.usd().value() == Approx(2.46));
  CHECK(plan.sweep.rows[1].extra_cost_usd.usd().value() == Approx(1.23));
  REQUIRE(plan.choice.pick == 0u);
  CHECK(plan.choice.runner_up == 1u);
  CHECK(plan.choice.binding.empty());
  // No timeout given, fixed timings: every trial takes 315 s; ceil(315 x 1.1 / 60) x 60 = 360,
  // raised to SageMaker's minimum of 600; the Monte Carlo ran with it.
  CHECK(plan.fixed_timings);
  CHECK(plan.sweep.rows[0].risk.p99_s == Approx(315.0));
  CHECK(plan.sweep.rows[0].risk.timeout == seconds(600));
  CHECK(plan.timeout_source == TimeoutSource::recommended);
  CHECK(plan.montecarlo.trials == 200);
  CHECK(plan.montecarlo.completion_s.p99 == Approx(315.0));
  CHECK(plan.timeout_s == 600);
  CHECK_FALSE(plan.median_timings_optimistic);
  CHECK_FALSE(plan.p95_over_limit);
  // The request: the pick as an ALL_AT_ONCE blue/green policy with that timeout.
  REQUIRE(plan.request.deployment_config);
  REQUIRE(plan.request.deployment_config->blue_green_update_policy);
  const auto& bg = *plan.request.deployment_config->blue_green_update_policy;
  CHECK(bg.traffic_routing_configuration.type == "ALL_AT_ONCE");
  CHECK(bg.termination_wait_in_seconds == 0);
  CHECK(bg.maximum_execution_timeout_in_seconds == 600);
  CHECK(plan.request.endpoint_name == "churn-prod");
  CHECK(plan.retain_deployment_config_dropped);
  CHECK_FALSE(plan.request.retain_deployment_config);

  const SweepLimits none;
  // The pick's own warning: no alarms (simulate's words; validate's W_NO_ALARMS is the same code).
  const Diagnostics warnings = cli::plan_warnings(plan, none);
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].code == warning_code::no_alarms);
  CHECK(cli::plan_explanation(plan, none, Objective::cost, {"a note"}, {}) ==
        std::vector<std::string>{
            "Evaluated 2 configs; 2 meet every limit. Minimising cost, the best is ALL_AT_ONCE, "
            "final bake 0 s: $0.00 extra.",
            "It beats the other 1 feasible configs; the runner-up, ALL_AT_ONCE, final bake 300 "
            "s, gives $1.23 extra.",
            "No limit binds: this is the best config of the whole grid for the objective.",
            "a note",
            "No timeout was given: MaximumExecutionTimeoutInSeconds 600 is the P99 completion 315 "
            "s (timings are fixed) + 10%, rounded up to a minute and raised to the 600 s minimum; "
            "measured with it, 0.00% of 200 Monte Carlo trials (seed 7) timed out.",
            "Exact under the timing model: completion P50 315 s, P95 315 s, P99 315 s; at the 600 "
            "s timeout P(timeout) 0.00%, P(rollback) 0.00% (false alarms); a bad version caught "
            "300 s after first traffic escapes with P(escape) 100.00%.",
            "Monte Carlo of the pick (200 trials, seed 7, timeout 600 s): completion P50 315 s, "
            "P95 315 s, P99 315 s; P(rollback) 0.00%, P(timeout) 0.00%.",
            "RetainDeploymentConfig was true in the input request; the planned request drops "
            "it, or SageMaker would reuse the old DeploymentConfig."});
}

TEST_CASE("plan: a binding limit, a given timeout, and the limit named by its flag", "[plan]") {
  PlanRequest req = hand_case();
  req.input.policy.timeout = seconds(1800);
  req.limits.min_bake = seconds(300);
  const PlanReport plan = plan_deployment(req);
  REQUIRE(plan.choice.pick == 1u);
  CHECK_FALSE(plan.choice.runner_up);
  REQUIRE(plan.choice.binding.size() == 1);
  CHECK(plan.choice.binding[0].limit == Limit::bake);
  CHECK(plan.choice.binding[0].relaxed == 0u);
  CHECK(plan.timeout_source == TimeoutSource::given);
  CHECK(plan.timeout_s == 1800);
  CHECK(plan.request.deployment_config->blue_green_update_policy
            ->maximum_execution_timeout_in_seconds == 1800);
  CHECK(cli::choice_explanation(plan.sweep, plan.choice, req.limits, Objective::cost) ==
        std::vector<std::string>{
            "Evaluated 2 configs; 1 meet every limit. Minimising cost, the best is ALL_AT_ONCE, "
            "final bake 300 s: $1.23 extra.",
            "It is the only config that meets every limit.",
            "--min-bake 300 s binds: without it ALL_AT_ONCE, final bake 0 s would give $0.00 "
            "extra (its shortest bake is 0 s)."});
}

TEST_CASE("plan: nothing feasible, how far each limit is, named by flag", "[plan]") {
  PlanRequest req = hand_case();
  req.limits.max_duration = seconds(100);  // the fastest takes 315 s: 215 s over
  req.limits.max_cost_usd = 2.0;           // $0.00 extra meets it alone
  const PlanReport plan = plan_deployment(req);
  CHECK_FALSE(plan.choice.pick);
  REQUIRE(plan.choice.limits.size() == 2);
  CHECK(plan.choice.limits[0].limit == Limit::duration);
  CHECK(plan.choice.limits[0].impossible);
  CHECK(plan.choice.limits[0].best_alone == 315.0);
  CHECK(plan.choice.limits[1].limit == Limit::cost);
  CHECK_FALSE(plan.choice.limits[1].impossible);
  CHECK_FALSE(plan.choice.limits[1].best_with_others);  // no config meets the duration limit
  CHECK(cli::choice_explanation(plan.sweep, plan.choice, req.limits, Objective::cost) ==
        std::vector<std::string>{
            "--max-duration 100 s is impossible: the best any config achieves is 315 s (215 s "
            "over).",
            "--max-cost $2.00: achievable alone (best $0.00), but no config meets the other "
            "limits."});
  const std::string json = cli::render_infeasible_plan_json(plan, {});
  CHECK(json.find("\"flag\": \"--max-duration\"") != std::string::npos);
  CHECK(json.find("\"flag\": \"--max-cost\"") != std::string::npos);
}

TEST_CASE("plan: a timeout shorter than every config is the impossible limit", "[plan]") {
  PlanRequest req = hand_case();
  req.input.policy.timeout = seconds(300);  // both configs take longer (315 s and 615 s)
  const PlanReport plan = plan_deployment(req);
  CHECK_FALSE(plan.choice.pick);
  // The timeout rule alone: P(timeout) (100% for both) is named only beyond it.
  REQUIRE(plan.choice.limits.size() == 1);
  CHECK(plan.choice.limits[0].limit == Limit::timeout);
  CHECK(plan.choice.limits[0].impossible);
  CHECK(plan.sweep.rows[0].violations == (kViolTimeout | kViolPTimeout));
  CHECK(cli::choice_explanation(plan.sweep, plan.choice, req.limits, Objective::cost) ==
        std::vector<std::string>{"No config's P99 completion fits within the timeout (the "
                                 "request's MaximumExecutionTimeoutInSeconds, else the API's "
                                 "maximum 28800 s): the shortest P99 is 315 s. Raise the timeout "
                                 "or shorten the update."});
}

TEST_CASE("plan: under a timing model, the risks are warned about in the CLI's words",
          "[plan]") {
  PlanRequest req = hand_case();
  // Provisioning lognormal p50 240 s, p95 2400 s per batch: the median trial is the fixed plan,
  // but one update in twenty takes far longer. The limit is on the median (P50 = 240 + 15 + 60).
  req.model.provision = DurationDist{DurationDist::Kind::lognormal, 0, 240.0, 2400.0, false};
  req.limits.max_duration = seconds(400);
  req.limits.duration_quantile = DurationQuantile::p50;
  req.trials = 2000;
  const PlanReport plan = plan_deployment(req);
  REQUIRE(plan.choice.pick == 0u);
  CHECK(plan.sweep.rows[0].duration == seconds(315));
  CHECK_FALSE(plan.fixed_timings);
  CHECK(plan.montecarlo.completion_s.p95 > 400.0);
  CHECK(plan.p95_over_limit);
  const Diagnostics ws = cli::plan_warnings(plan, req.limits);
  REQUIRE_FALSE(ws.empty());
  const Diagnostic& w = ws.back();
  CHECK(w.code == warning_code::plan_p95_over_limit);
  CHECK(w.path == "--max-duration");
  CHECK(plan.sweep.rows[0].risk.p50_s == Approx(315.0).margin(0.5));
  CHECK(w.message.rfind("The pick meets --max-duration 400 s at its P50 (315 s), but its Monte "
                        "Carlo P95 completion is ",
                        0) == 0);
  // Without the limit there is nothing to warn about on it.
  req.limits = {};
  CHECK_FALSE(plan_deployment(req).p95_over_limit);
}

TEST_CASE("plan: input the engine cannot run is refused before any sweep", "[plan]") {
  PlanRequest req = hand_case();
  req.input.variants.clear();
  CHECK_THROWS_AS(plan_deployment(req), InputError);
}
