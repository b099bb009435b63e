#pragma once
// check_rows(): a run's step table against hand-computed rows (simulate_fixtures.hpp's Row).
#include "simulate_fixtures.hpp"

#include <catch2/catch.hpp>

#include <vector>

namespace shiftsim::test {

inline void check_rows(const SimulationResult& r, const std::vector<Row>& expected) {
  REQUIRE(r.steps.size() == expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    INFO("row " << i << ": " << r.steps[i].message);
    const auto& s = r.steps[i];
    const auto& e = expected[i];
    CHECK(to_seconds(s.t) == e.t);
    CHECK(to_seconds(s.end) == e.end);
    CHECK(s.phase == e.phase);
    CHECK(s.old_running == e.old_running);
    CHECK(s.old_active == e.old_active);
    CHECK(s.new_running == e.new_running);
    CHECK(s.new_active == e.new_active);
    CHECK(s.new_traffic_pct == Approx(e.pct));
  }
}

}  // namespace shiftsim::test
