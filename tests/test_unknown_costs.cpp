// Unknown prices are unknown (amendment A12): a cost that includes instance-time of a type with
// no price is Cost::unknown(), never $0, in simulate's figures, rollback rows, the Monte Carlo's
// trials and quantiles and the sweep's rows; planning refuses to rank or limit unknown costs.
// Figures are hand-computed from the section 12 setting (simulate_fixtures.hpp: N_old = N = 10,
// P = 300 s, D = 60 s, W = T = 600 s, A = 0; ml.m5.xlarge at $0.23/h).
#include "input_problems.hpp"
#include "simulate_fixtures.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/cost.hpp"
#include "shiftsim/fleet_merge.hpp"
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/plan.hpp"
#include "shiftsim/pricing.hpp"
#include "shiftsim/stochastic.hpp"
#include "shiftsim/sweep.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

/// The example with the new fleet on ml.g5.xlarge, which has no price.
SimulationInput unpriced_new(Strategy s, std::optional<CapacitySize> step = {}) {
  SimulationInput in = example(s, step);
  in.variants[0].new_instance_type = "ml.g5.xlarge";
  return in;
}

}  // namespace

TEST_CASE("Cost: unknown propagates, known amounts add", "[cost]") {
  const Cost a = 1.5;
  const Cost u = Cost::unknown();
  CHECK(a.known());
  CHECK_FALSE(u.known());
  CHECK((a + a).usd() == 3.0);
  CHECK_FALSE((a + u).known());
  CHECK_FALSE((u - a).known());
  CHECK_FALSE((u * 0.0).known());
  CHECK(u.value_or(7.0) == 7.0);
  CHECK(same_cost(u, Cost::unknown()));
  CHECK_FALSE(same_cost(a, u));
  CHECK(Cost().usd() == 0.0);
}

TEST_CASE("a new fleet with no price makes every cost of the update unknown, not $0",
          "[cost][simulate]") {
  const SimulationResult r = simulate(unpriced_new(Strategy::all_at_once));
  // Physical figures stay: 10 old 0..960 s and 10 new 0..960 s (P + T + D = 960).
  CHECK(r.summary.instance_seconds == Approx(19200));
  CHECK_FALSE(r.summary.cost_usd.known());
  CHECK_FALSE(r.summary.extra_cost_usd.known());
  REQUIRE(r.rollback_if_trip.size() == 1);
  CHECK_FALSE(r.rollback_if_trip[0].total_cost_usd.known());
  CHECK_FALSE(r.rollback_if_trip[0].extra_cost_usd.known());
  CHECK(r.unpriced_types == std::vector<std::string>{"ml.g5.xlarge"});
  // The same update with the type priced: $0.23 x 19200 / 3600 = $1.226667.
  SimulationInput priced = unpriced_new(Strategy::all_at_once);
  priced.prices["ml.g5.xlarge"] = 0.23;
  const SimulationResult p = simulate(priced);
  CHECK(p.summary.cost_usd.usd().value() == Approx(19200 * 0.23 / 3600));
  CHECK(p.unpriced_types.empty());
}

TEST_CASE("an old fleet with no price makes the cost and the extra cost unknown",
          "[cost][simulate]") {
  SimulationInput in = example(Strategy::canary, percent(10));
  in.variants[0].old_instance_type = "ml.c4.xlarge";
  const SimulationResult r = simulate(in);
  CHECK_FALSE(r.summary.cost_usd.known());
  CHECK_FALSE(r.summary.extra_cost_usd.known());
  for (const auto& e : r.rollback_if_trip) {
    CHECK_FALSE(e.total_cost_usd.known());
    CHECK_FALSE(e.extra_cost_usd.known());
  }
  CHECK(r.unpriced_types == std::vector<std::string>{"ml.c4.xlarge"});
}

TEST_CASE("a cost that bills no unpriced instance stays known (billing=aws_note)",
          "[cost][simulate][billing]") {
  // ALL_AT_ONCE with T = 0 under aws_note bills the fleet that carries the traffic: the old one
  // until the flip at P = 300 s. A timeout at 200 s rolls back before the flip (A + D: done at
  // 260 s), so the unpriced new fleet is never billed: cost = 10 x 260 s x $0.23/h = $0.166111,
  // extra = cost - 10 x 260 s x $0.23/h = $0.
  SimulationInput in = unpriced_new(Strategy::all_at_once);
  in.policy.termination_wait = 0;
  in.policy.timeout = seconds(200);
  in.assumptions.billing = Billing::aws_note;
  const SimulationResult r = simulate(in);
  CHECK(r.outcome == Outcome::timed_out);
  CHECK(r.summary.duration == seconds(260));
  REQUIRE(r.summary.cost_usd.known());
  CHECK(*r.summary.cost_usd.usd() == Approx(10 * 260 * 0.23 / 3600));
  CHECK(*r.summary.extra_cost_usd.usd() == Approx(0.0).margin(1e-12));
  // Billing every running instance, the new ones count from 0 s: unknown.
  in.assumptions.billing = Billing::running;
  CHECK_FALSE(simulate(in).summary.cost_usd.known());
}

TEST_CASE("the Monte Carlo's cost quantiles are unknown when a trial's cost is",
          "[cost][montecarlo]") {
  const SimulationInput in = unpriced_new(Strategy::linear, percent(20));
  const StochasticModel model = deterministic_model(in.timing);
  MonteCarloOptions mo;
  mo.trials = 50;
  mo.threads = 1;
  const MonteCarloResult r = run_montecarlo(in, model, mo);
  CHECK_FALSE(r.summary.cost_usd.p50.known());
  CHECK_FALSE(r.summary.cost_usd.mean.known());
  for (Cost c : {r.summary.extra_cost_usd.p50, r.summary.extra_cost_usd.p95,
                 r.summary.extra_cost_usd.mean, r.summary.extra_cost_usd.max})
    CHECK_FALSE(c.known());
  CHECK(r.summary.unpriced_types == std::vector<std::string>{"ml.g5.xlarge"});
  for (double c : r.figures.cost_usd) CHECK_FALSE(Cost(c).known());
  // Every other figure is still there: each trial takes the planned duration.
  CHECK(r.summary.duration_s.p50 == Approx(to_seconds(simulate(in).summary.duration)));
}

TEST_CASE("sweeps: unknown costs rank after known ones, and a cost limit is refused",
          "[cost][sweep]") {
  const SimulationInput in = unpriced_new(Strategy::all_at_once);
  SweepSpec spec;
  spec.size_counts = {1, 2, 5};
  spec.size_percents = {10, 20, 50};
  SweepLimits none;
  const SweepResult r = run_sweep(in, spec, none, 1);
  REQUIRE(!r.rows.empty());
  CHECK(r.unpriced_types == std::vector<std::string>{"ml.g5.xlarge"});
  for (const auto& row : r.rows) {
    CHECK_FALSE(row.cost_usd.known());
    CHECK_FALSE(row.extra_cost_usd.known());
    CHECK(std::isinf(ranked_cost(row)));
  }
  // With every cost unknown, the front is the front on (duration, exposure), computed here by a
  // plain pairwise loop over the feasible rows.
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& p = r.rows[i];
    bool dominated = false;
    for (std::size_t j = 0; j < r.rows.size() && !dominated; ++j) {
      const auto& q = r.rows[j];
      if (j == i || !q.feasible()) continue;
      const double qe = ranked_exposure(q), pe = ranked_exposure(p);
      const double qd = q.ranked_duration_s, pd = p.ranked_duration_s;
      const bool no_worse = qd <= pd && qe <= pe;
      const bool better = qd < pd || qe < pe;
      dominated = no_worse && better;  // equal rows both stay on the front
    }
    CHECK(p.pareto == (p.feasible() && !dominated));
  }
  SweepLimits cost_limit;
  cost_limit.max_cost_usd = 100.0;
  CHECK(first_code([&] { (void)run_sweep(in, spec, cost_limit, 1); }) == error_code::cost_unknown);
  PlanRequest plan;
  plan.input = in;
  plan.model = deterministic_model(in.timing);
  plan.objective = Objective::cost;
  CHECK(first_code([&] { (void)plan_deployment(plan); }) == error_code::cost_unknown);
}

TEST_CASE("W_PRICE_MISSING names the type, the region and how to give a price",
          "[cost][pricing]") {
  PriceBasis basis;
  basis.region = "eu-central-1";
  basis.table_file = "";
  const Diagnostics ws =
      price_missing_warnings({"ml.g5.xlarge", "ml.m5.xlarge"}, basis, "give --price TYPE=USD");
  REQUIRE(ws.size() == 2);
  CHECK(ws[0].code == warning_code::price_missing);
  CHECK(ws[0].path == "prices.ml.g5.xlarge");
  CHECK(ws[0].message ==
        "No price for ml.g5.xlarge in eu-central-1 (no table is shipped for it): every cost that "
        "includes its instances is unknown (not $0); give --price TYPE=USD.");
  SimulationInput in = unpriced_new(Strategy::canary, percent(10));
  in.price_basis.hint = "give --price TYPE=USD";
  const Diagnostics e = cost_unknown_errors(in, "--max-cost", "--max-cost", "drop it");
  REQUIRE(e.size() == 1);
  CHECK(e[0].code == error_code::cost_unknown);
  CHECK(e[0].path == "--max-cost");
  CHECK(e[0].message ==
        "--max-cost needs a price for every instance type the update runs: no price for "
        "ml.g5.xlarge in us-east-1 (costs are unknown, not $0, and cannot be ranked or limited); "
        "give --price TYPE=USD, or drop it");
}

TEST_CASE("fleet totals: an endpoint's unknown cost makes the total unknown, never a $0 term",
          "[cost][fleet]") {
  FleetRow a;  // priced: $1.25 of which $0.50 extra
  a.endpoint = "a";
  a.cost_usd = 1.25;
  a.extra_cost_usd = 0.5;
  FleetRow b;  // an error record: no cost at all (absent, not unknown)
  b.endpoint = "b";
  b.status = "error";
  FleetRow c;  // priced: $2.00, $0.25 extra
  c.endpoint = "c";
  c.cost_usd = 2.0;
  c.extra_cost_usd = 0.25;
  // Known rows and an absent one: 1.25 + 2.00 = 3.25, extra 0.50 + 0.25 = 0.75.
  FleetTotals t = fleet_totals({a, b, c});
  CHECK(t.cost_usd.usd().value() == Approx(3.25));
  CHECK(t.extra_cost_usd.usd().value() == Approx(0.75));
  CHECK(t.unpriced_types.empty());
  // An endpoint whose costs are null because ml.g5.xlarge has no price: both totals unknown,
  // and the types named once each (sorted) for "unknown (no price for ...)".
  FleetRow d;
  d.endpoint = "d";
  d.unpriced_types = {"ml.g5.xlarge"};
  FleetRow e = d;
  e.endpoint = "e";
  e.unpriced_types = {"ml.c5.xlarge", "ml.g5.xlarge"};
  t = fleet_totals({a, b, c, d, e});
  CHECK_FALSE(t.cost_usd.known());
  CHECK_FALSE(t.extra_cost_usd.known());
  CHECK(t.unpriced_types == std::vector<std::string>{"ml.c5.xlarge", "ml.g5.xlarge"});
  CHECK(t.endpoints == 5);
  // The row keeps its unpriced types through the summary line; a priced row's line has no such
  // key (rows of a priced fleet keep their bytes).
  const std::string line = fleet_row_json(d);
  CHECK(line.find("\"cost_usd\":null") != std::string::npos);
  CHECK(parse_fleet_row(line, "row").unpriced_types == d.unpriced_types);
  CHECK(fleet_row_json(a).find("unpriced_types") == std::string::npos);
}
