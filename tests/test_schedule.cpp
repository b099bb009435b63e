// The update schedule (schedule.hpp): each strategy's operations as plain data, checked against
// the contract's Success timelines and Failure paths written out by hand.
#include "simulate_fixtures.hpp"

#include "shiftsim/schedule.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace shiftsim;
using namespace shiftsim::test;

namespace {

/// "PROVISION 10n" for a timed operation with its parts ("10n" = 10 new, "3o" = 3 old),
/// "SHIFT 3" (new active after it, per variant), "BAKE 600" / "BAKE* 600" (final), in order.
std::vector<std::string> describe(const Schedule& s) {
  std::vector<std::string> out;
  for (const auto& op : s.ops) {
    std::string d = to_string(op.kind);
    if (op.kind == OpKind::bake) {
      d = (op.final_bake ? "BAKE* " : "BAKE ") + std::to_string(op.length / 1000);
    } else {
      for (const auto& p : s.parts_of(op)) {
        d += " " + std::to_string(p.instances);
        if (op.timed()) d += p.fleet == FleetSide::new_fleet ? "n" : "o";
      }
    }
    out.push_back(d);
  }
  return out;
}

using V = std::vector<std::string>;

}  // namespace

TEST_CASE("ALL_AT_ONCE: provision all new, flip, final bake T, terminate all old", "[schedule]") {
  const auto s = success_schedule(example(Strategy::all_at_once));
  CHECK(describe(s) == V{"PROVISION 10n", "SHIFT 10", "BAKE* 600", "TERMINATE 10o"});
  CHECK(s.timed_ops == 2);
  CHECK(s.last_bake == 2);
  CHECK(s.min_bake == seconds(600));
  auto uses_wait = example(Strategy::all_at_once);
  uses_wait.assumptions.all_at_once_uses_wait = true;
  uses_wait.policy.wait = seconds(120);
  CHECK(describe(success_schedule(uses_wait)) ==
        V{"PROVISION 10n", "SHIFT 10", "BAKE 120", "BAKE* 600", "TERMINATE 10o"});
}

TEST_CASE("CANARY 20% of 10: canary of 2, bake W, full shift, final bake T", "[schedule]") {
  auto in = example(Strategy::canary, percent(20));
  CHECK(describe(success_schedule(in)) ==
        V{"PROVISION 10n", "SHIFT 2", "BAKE 600", "SHIFT 10", "BAKE* 600", "TERMINATE 10o"});
  in.assumptions.final_bake = FinalBake::wait_plus_termination;
  CHECK(describe(success_schedule(in)) == V{"PROVISION 10n", "SHIFT 2", "BAKE 600", "SHIFT 10",
                                            "BAKE 600", "BAKE* 600", "TERMINATE 10o"});
}

TEST_CASE("LINEAR 30% of 10: steps 3, 6, 9, 10 with W after all but the last", "[schedule]") {
  const auto s = success_schedule(example(Strategy::linear, percent(30)));
  CHECK(describe(s) == V{"PROVISION 10n", "SHIFT 3", "BAKE 600", "SHIFT 6", "BAKE 600", "SHIFT 9",
                         "BAKE 600", "SHIFT 10", "BAKE* 600", "TERMINATE 10o"});
  CHECK(s.shifts == 4);
}

TEST_CASE("ROLLING 25% of 10: batches 3, 3, 3, 1, each terminates its own old batch",
          "[schedule]") {
  const auto s = success_schedule(example(Strategy::rolling, percent(25)));
  CHECK(describe(s) == V{"PROVISION 3n", "SHIFT 3",  "BAKE 600", "TERMINATE 3o",
                         "PROVISION 3n", "SHIFT 6",  "BAKE 600", "TERMINATE 3o",
                         "PROVISION 3n", "SHIFT 9",  "BAKE 600", "TERMINATE 3o",
                         "PROVISION 1n", "SHIFT 10", "BAKE 600", "TERMINATE 1o"});
  // Slots key the draws: provisioning and termination alternate; each kind has its own index.
  CHECK(s.timed_ops == 8);
  CHECK(s.ops[4].slot == 2);
  CHECK(s.ops[4].draw_index == 1);
  CHECK(s.ops[7].draw_index == 1);
}

TEST_CASE("ROLLING 4 old -> 6 new: the last batch terminates every old instance left",
          "[schedule]") {
  auto in = example(Strategy::rolling, count(2));
  in.variants[0].n_old = 4;
  in.variants[0].n_new = 6;
  CHECK(describe(success_schedule(in)) ==
        V{"PROVISION 2n", "SHIFT 2", "BAKE 600", "TERMINATE 2o", "PROVISION 2n", "SHIFT 4",
          "BAKE 600", "TERMINATE 2o", "PROVISION 2n", "SHIFT 6", "BAKE 600", "TERMINATE"});
}

TEST_CASE("blue/green rollback: flip back, then terminate every new instance running",
          "[schedule][rollback]") {
  const auto in = example(Strategy::linear, percent(30));
  std::vector<VariantSizes> sizes;
  variant_sizes(in, sizes);
  Schedule r;
  const VariantFleetState at_trip{10, 4, 10, 6};
  rollback_schedule(in, sizes, std::span(&at_trip, 1), r);
  CHECK(describe(r) == V{"RB_SHIFT 0", "RB_TERMINATE 10n"});
  CHECK(r.steps == 1);
}

TEST_CASE("rolling rollback with R = 2: relaunch the missing old, move back, terminate new",
          "[schedule][rollback]") {
  // Trip in batch 2 of 25%: a_1 = 3 old gone (7 running), 6 new running, 6 active.
  // m = max(ceil(6/2), ceil(3/2)) = 3; relaunch 2, 1, then none; terminate 2 per step.
  auto in = example(Strategy::rolling, percent(25));
  in.policy.rollback_batch = count(2);
  std::vector<VariantSizes> sizes;
  variant_sizes(in, sizes);
  Schedule r;
  const VariantFleetState at_trip{7, 4, 6, 6};
  rollback_schedule(in, sizes, std::span(&at_trip, 1), r);
  CHECK(describe(r) == V{"RB_PROVISION 2o", "RB_SHIFT 4", "RB_TERMINATE 2n", "RB_PROVISION 1o",
                         "RB_SHIFT 2", "RB_TERMINATE 2n", "RB_SHIFT 0", "RB_TERMINATE 2n"});
  CHECK(r.steps == 3);
  // Rollback draws are keyed by their own index among the rollback's operations of a kind.
  CHECK(r.ops[3].draw_index == 1);
  CHECK(r.ops[7].draw_index == 2);
}

TEST_CASE("a part's instance type is its fleet's", "[schedule]") {
  auto in = example(Strategy::canary, percent(20));
  in.variants[0].new_instance_type = "ml.g5.xlarge";
  const auto s = success_schedule(in);
  CHECK(instance_type(in, s.parts_of(s.ops.front()).front()) == "ml.g5.xlarge");
  CHECK(instance_type(in, s.parts_of(s.ops.back()).front()) == "ml.m5.xlarge");
}
