// Nearest-rank quantiles of Monte Carlo figure arrays (quantiles_of*, quantile_select.hpp)
// against the definition: sort a copy, take the ceil(q n)-th smallest.
#include "shiftsim/montecarlo.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

using namespace shiftsim;

namespace {

/// The ceil(q n)-th smallest of a sorted copy (1-based), the definition written out.
template <class T>
double by_sorting(std::vector<T> v, double q) {
  std::sort(v.begin(), v.end());
  const auto n = static_cast<double>(v.size());
  auto r = static_cast<std::size_t>(std::ceil(q * n));
  r = std::clamp<std::size_t>(r, 1, v.size());
  return static_cast<double>(v[r - 1]);
}

template <class T>
void check_against_sort(const std::vector<T>& v, const Quantiles& q, double scale) {
  CHECK(q.p50 == by_sorting(v, 0.50) * scale);
  CHECK(q.p90 == by_sorting(v, 0.90) * scale);
  CHECK(q.p95 == by_sorting(v, 0.95) * scale);
  CHECK(q.p99 == by_sorting(v, 0.99) * scale);
  CHECK(q.min == static_cast<double>(*std::min_element(v.begin(), v.end())) * scale);
  CHECK(q.max == static_cast<double>(*std::max_element(v.begin(), v.end())) * scale);
}

/// Arrays shaped as the Monte Carlo's figures are, and the shapes that stress bucket counting:
/// lognormal bodies with far outliers, atoms (most values equal), two values, a constant, tiny
/// and odd sizes, negative values.
template <class T, class Make>
std::vector<std::vector<T>> shapes(std::mt19937_64& rng, Make make) {
  std::vector<std::vector<T>> out;
  std::lognormal_distribution<double> body(std::log(8000.0), 0.1);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  for (std::size_t n : {1U, 2U, 3U, 7U, 100U, 101U, 999U, 20000U, 100003U}) {
    std::vector<T> logn, outliers, atom, pair, constant, signed_values;
    for (std::size_t i = 0; i < n; ++i) {
      const double x = body(rng);
      logn.push_back(make(x));
      outliers.push_back(make(i % 997 == 5 ? x * 1e6 : x));
      atom.push_back(make(unit(rng) < 0.98 ? 0.0 : x));
      pair.push_back(make(i % 3 == 0 ? 1.0 : 2.0));
      constant.push_back(make(42.0));
      signed_values.push_back(make(x - 8000.0));
    }
    for (auto* v : {&logn, &outliers, &atom, &pair, &constant, &signed_values})
      out.push_back(std::move(*v));
  }
  return out;
}

}  // namespace

TEST_CASE("quantiles of figure arrays equal the sorted definition, for every shape and type") {
  std::mt19937_64 rng(20261130);
  for (const auto& v : shapes<std::int32_t>(rng, [](double x) {
         return static_cast<std::int32_t>(std::llround(x * 1000.0) % 2000000000);
       }))
    check_against_sort(v, quantiles_of_ms(v), 1.0 / 1000.0);
  for (const auto& v : shapes<float>(rng, [](double x) { return static_cast<float>(x); }))
    check_against_sort(v, quantiles_of(v), 1.0);
  for (const auto& v : shapes<double>(rng, [](double x) { return x * 0.238 / 3600.0; }))
    check_against_sort(v, quantiles_of(v), 1.0);
}

TEST_CASE("quantiles of arrays holding infinities or extreme ranges equal the sorted definition") {
  const double inf = std::numeric_limits<double>::infinity();
  const double big = std::numeric_limits<double>::max();
  for (const auto& v : std::vector<std::vector<double>>{
           {1.0, 2.0, inf, 3.0},
           {-inf, 1.0, 2.0, 3.0, 4.0},
           {-big, big, 0.0, 1.0, -1.0},
           {inf, inf, inf},
           {5e-324, 1e-323, 0.0, 1.5e-323}}) {
    const Quantiles q = quantiles_of(v);
    check_against_sort(v, q, 1.0);
  }
}
