#pragma once
// Test helpers shared by the engine tests: a run's step table against hand-computed rows
// (simulate_fixtures.hpp's Row), the first diagnostic with a code, and the AWS fixtures of
// tests/data/aws.
#include "simulate_fixtures.hpp"
#include "test_files.hpp"

#include "shiftsim/diagnostic.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace shiftsim::test {

/// Steps [first, end) of `r` equal `expected`, row by row (and there are no more steps).
inline void check_rows_from(const SimulationResult& r, std::size_t first,
                            const std::vector<Row>& expected) {
  REQUIRE(r.steps.size() == first + expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const auto& s = r.steps[first + i];
    const auto& e = expected[i];
    INFO("row " << first + i << ": " << s.message);
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

/// Every step of `r` equals `expected`.
inline void check_rows(const SimulationResult& r, const std::vector<Row>& expected) {
  check_rows_from(r, 0, expected);
}

/// The first diagnostic with `code`, or nullptr.
inline const Diagnostic* find_code(const Diagnostics& ds, const std::string& code) {
  for (const auto& d : ds)
    if (d.code == code) return &d;
  return nullptr;
}

/// The text of tests/data/aws/<name>.
inline std::string aws_fixture(const std::string& name) {
  return read_source_file("tests/data/aws/" + name);
}

}  // namespace shiftsim::test
