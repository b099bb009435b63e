// An independent sampler for the Monte Carlo (issue 10): a plain loop written from the engine
// contract and its amendment A1, with no engine, no schedule and no success path, and its own
// random numbers (std::mt19937_64, brute-force maxima of k lognormals). For seven single-variant
// configs with rollbacks (false alarms of 5-20% per bake, different old and new instance types
// and distributions, rollback batches different from the batch, bad versions), 200,000 trials
// of each side must agree with `run_montecarlo`:
// - duration P50/P95/P99: the Monte Carlo's quantile x, placed in the plain loop's empirical CDF,
//   lies within q +- 4 sigma, sigma = sqrt(2 q (1 - q) / n) (two independent samples of n; the
//   one-sided CDFs F(x-) and F(x) allow for atoms);
// - mean instance-seconds and P(rollback): within 4 standard errors of the difference.
#include "shiftsim/montecarlo.hpp"
#include "shiftsim/stochastic.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <optional>
#include <random>
#include <vector>

using namespace shiftsim;

namespace {

struct Dist {
  double p50 = 0;
  double p95 = 0;
};

/// One single-variant update, sizes in instances, times in seconds.
struct Config {
  const char* name;
  Strategy strategy;
  int n_old;
  int n_new;
  int step;     ///< C, S or B in instances (0 for ALL_AT_ONCE)
  int rb;       ///< R in instances (rolling)
  double wait;  ///< W
  double twait; ///< T (blue/green)
  double act;   ///< A
  double false_trip;                 ///< per bake of positive length
  std::optional<double> bad_delay;   ///< a bad version detected this long after first traffic
};

const Dist kProvOld{120, 300}, kProvNew{400, 900}, kTermOld{30, 90}, kTermNew{60, 200};
constexpr double kZ = 1.6448536269514722;

/// The plain model of one trial.
class PlainTrial {
 public:
  explicit PlainTrial(std::mt19937_64& rng) : rng_(rng) {}

  /// The slowest of k per-instance lognormal durations, in whole milliseconds.
  std::int64_t slowest(const Dist& d, int k) {
    std::lognormal_distribution<double> ln(std::log(d.p50), std::log(d.p95 / d.p50) / kZ);
    double m = 0;
    for (int i = 0; i < k; ++i) m = std::max(m, ln(rng_));
    return std::llround(m * 1000.0);
  }
  double uniform() { return std::uniform_real_distribution<double>(0.0, 1.0)(rng_); }

 private:
  std::mt19937_64& rng_;
};

struct Outcome3 {
  std::int64_t duration_ms = 0;
  double instance_seconds = 0;
  bool rolled_back = false;
};

struct Bake {
  std::int64_t start, end;
};

/// When the alarm trip takes effect (contract: at once inside a bake [start, end), else at the
/// start of the next bake, never after the last bake), or nothing.
std::optional<std::int64_t> applied(std::optional<std::int64_t> trip, const std::vector<Bake>& bakes) {
  if (!trip) return std::nullopt;
  for (const auto& b : bakes) {
    if (*trip >= b.start && *trip < b.end) return *trip;
    if (b.start >= *trip) return b.start;
  }
  return std::nullopt;
}

/// The trip of a trial: a false alarm at a uniform time in the first bake (of positive length)
/// that draws one, and a bad version's alarm `delay` after first traffic; the earlier wins.
std::optional<std::int64_t> trip_time(const Config& c, PlainTrial& p, const std::vector<Bake>& bakes,
                                      std::int64_t first_traffic) {
  std::optional<std::int64_t> t;
  for (const auto& b : bakes) {
    if (b.end <= b.start || p.uniform() >= c.false_trip) continue;
    const auto len = b.end - b.start;
    t = b.start + std::min(len - 1, static_cast<std::int64_t>(std::floor(p.uniform() * static_cast<double>(len))));
    break;
  }
  if (c.bad_delay) {
    const std::int64_t real = first_traffic + std::llround(*c.bad_delay * 1000);
    if (!t || real <= *t) t = real;
  }
  return t;
}

std::int64_t ms(double s) { return std::llround(s * 1000); }

Outcome3 blue_green_trial(const Config& c, PlainTrial& p) {
  // Provision all N new; shifts and bakes; terminate all old. Every instance runs throughout.
  const std::int64_t prov = p.slowest(kProvNew, c.n_new);
  std::vector<Bake> bakes;
  std::int64_t t = prov;
  int shifts = 1;
  if (c.strategy == Strategy::canary) shifts = 2;
  if (c.strategy == Strategy::linear) shifts = (c.n_new + c.step - 1) / c.step;
  for (int k = 1; k <= shifts; ++k) {
    t += ms(c.act);
    const std::int64_t len = k < shifts ? ms(c.wait) : ms(c.twait);
    bakes.push_back({t, t + len});
    t += len;
  }
  Outcome3 o;
  const auto trip = applied(trip_time(c, p, bakes, prov), bakes);
  if (trip) {  // flip back (A), terminate every new instance with the new type's model
    o.rolled_back = true;
    o.duration_ms = *trip + ms(c.act) + p.slowest(kTermNew, c.n_new);
  } else {
    o.duration_ms = t + p.slowest(kTermOld, c.n_old);
  }
  o.instance_seconds = static_cast<double>(c.n_old + c.n_new) * static_cast<double>(o.duration_ms) / 1000.0;
  return o;
}

Outcome3 rolling_trial(const Config& c, PlainTrial& p) {
  // Per batch: provision b new, shift (A), bake W, terminate b old. Precondition: n_old = n_new.
  const int n = (c.n_new + c.step - 1) / c.step;
  struct Batch {
    std::int64_t prov, bake_start, term_start, end;
    int a;  ///< new instances after the batch
  };
  std::vector<Batch> batches;
  std::vector<Bake> bakes;
  std::int64_t t = 0;
  for (int k = 1; k <= n; ++k) {
    Batch b;
    b.a = std::min(k * c.step, c.n_new);
    const int size = b.a - std::min((k - 1) * c.step, c.n_new);
    b.prov = t;
    t += p.slowest(kProvNew, size) + ms(c.act);
    b.bake_start = t;
    bakes.push_back({t, t + ms(c.wait)});
    t += ms(c.wait);
    b.term_start = t;
    t += p.slowest(kTermOld, size);
    b.end = t;
    batches.push_back(b);
  }
  Outcome3 o;
  const auto trip = applied(trip_time(c, p, bakes, batches.front().bake_start - ms(c.act)), bakes);
  double inst_ms = 0;
  if (!trip) {
    // Running: N + b_k during batch k's provision, shift and bake; N after each cleanup.
    for (std::size_t k = 0; k < batches.size(); ++k) {
      const int size = batches[k].a - (k == 0 ? 0 : batches[k - 1].a);
      inst_ms += static_cast<double>(c.n_new + size) * static_cast<double>(batches[k].end - batches[k].prov);
    }
    o.duration_ms = t;
    o.instance_seconds = inst_ms / 1000.0;
    return o;
  }
  // The trip falls in the bake of batch k: a_{k-1} old are gone, a_k new run.
  std::size_t k = 0;
  while (!(*trip >= bakes[k].start && *trip < bakes[k].end) && bakes[k].start != *trip) ++k;
  for (std::size_t j = 0; j < k; ++j) {
    const int size = batches[j].a - (j == 0 ? 0 : batches[j - 1].a);
    inst_ms += static_cast<double>(c.n_new + size) * static_cast<double>(batches[j].end - batches[j].prov);
  }
  int old_run = c.n_old - (k == 0 ? 0 : batches[k - 1].a);
  int new_run = batches[k].a;
  inst_ms += static_cast<double>(old_run + new_run) * static_cast<double>(*trip - batches[k].prov);
  // Rollback steps: relaunch min(R, missing) old (old type), A, terminate min(R, new) (new type).
  int missing = c.n_old - old_run;
  std::int64_t now = *trip;
  while (missing > 0 || new_run > 0) {
    if (missing > 0) {
      const int r = std::min(c.rb, missing);
      old_run += r;
      missing -= r;
      const std::int64_t d = p.slowest(kProvOld, r);
      inst_ms += static_cast<double>(old_run + new_run) * static_cast<double>(d);
      now += d;
    }
    const int r = std::min(c.rb, new_run);
    const std::int64_t d = ms(c.act) + p.slowest(kTermNew, r);
    inst_ms += static_cast<double>(old_run + new_run) * static_cast<double>(d);
    now += d;
    new_run -= r;
  }
  o.rolled_back = true;
  o.duration_ms = now;
  o.instance_seconds = inst_ms / 1000.0;
  return o;
}

DurationDist lognormal(const Dist& d) {
  return DurationDist{DurationDist::Kind::lognormal, 0, d.p50, d.p95, true};
}

SimulationInput engine_input(const Config& c) {
  SimulationInput in;
  VariantFleet v;
  v.name = "AllTraffic";
  v.n_old = c.n_old;
  v.n_new = c.n_new;
  v.old_instance_type = "ml.m5.large";
  v.new_instance_type = "ml.g5.xlarge";
  in.variants.push_back(v);
  in.policy.strategy = c.strategy;
  if (c.step > 0) in.policy.step = CapacitySize{CapacityType::instance_count, c.step};
  if (c.strategy == Strategy::rolling)
    in.policy.rollback_batch = CapacitySize{CapacityType::instance_count, c.rb};
  in.policy.wait = ms(c.wait);
  in.policy.termination_wait = ms(c.twait);
  in.policy.alarms.push_back(AlarmSpec{"errors", std::nullopt});
  in.timing.activation = ms(c.act);
  return in;
}

StochasticModel engine_model(const Config& c) {
  StochasticModel m;
  m.provision_by_type["ml.m5."] = lognormal(kProvOld);
  m.provision_by_type["ml.g5."] = lognormal(kProvNew);
  m.terminate_by_type["ml.m5."] = lognormal(kTermOld);
  m.terminate_by_type["ml.g5."] = lognormal(kTermNew);
  m.false_trip_per_bake = c.false_trip;
  if (c.bad_delay) {
    m.bad_version = true;
    m.detection_delay = DurationDist{DurationDist::Kind::fixed, ms(*c.bad_delay), 0, 0, true};
  }
  return m;
}

/// F(x-) and F(x) of a sorted sample.
std::pair<double, double> cdf(const std::vector<std::int64_t>& sorted, std::int64_t x) {
  const auto n = static_cast<double>(sorted.size());
  const auto lo = std::lower_bound(sorted.begin(), sorted.end(), x) - sorted.begin();
  const auto hi = std::upper_bound(sorted.begin(), sorted.end(), x) - sorted.begin();
  return {static_cast<double>(lo) / n, static_cast<double>(hi) / n};
}

}  // namespace

TEST_CASE("the Monte Carlo agrees with a plain-loop model of the contract, rollbacks included",
          "[montecarlo][independent]") {
#ifdef SHIFTSIM_SANITIZED
  const int n = 20000;  // the same checks, at a tenth of the trials, under ASan
#else
  const int n = 200000;
#endif
  const Config configs[] = {
      {"ROLLING B=5 R=2, 10% false", Strategy::rolling, 20, 20, 5, 2, 300, 0, 15, 0.10, {}},
      {"ROLLING B=4 R=20, bad version 120 s", Strategy::rolling, 20, 20, 4, 20, 300, 0, 15, 0.05, 120.0},
      {"ROLLING B=3 R=1, bad version 500 s", Strategy::rolling, 12, 12, 3, 1, 300, 0, 10, 0.05, 500.0},
      {"CANARY 1 -> 12, 20% false", Strategy::canary, 1, 12, 2, 0, 300, 300, 10, 0.20, {}},
      {"CANARY bad version 400 s", Strategy::canary, 6, 6, 1, 0, 300, 600, 10, 0.05, 400.0},
      {"LINEAR S=3, 8% false", Strategy::linear, 10, 10, 3, 0, 200, 400, 5, 0.08, {}},
      {"ALL_AT_ONCE 8 -> 8, 15% false", Strategy::all_at_once, 8, 8, 0, 0, 0, 600, 5, 0.15, {}},
  };
  for (const auto& c : configs) {
    INFO(c.name);
    std::mt19937_64 rng(20261130);
    PlainTrial p(rng);
    std::vector<std::int64_t> durations(static_cast<std::size_t>(n));
    double inst = 0, inst2 = 0, rolled = 0;
    for (int i = 0; i < n; ++i) {
      const Outcome3 o = c.strategy == Strategy::rolling ? rolling_trial(c, p) : blue_green_trial(c, p);
      durations[static_cast<std::size_t>(i)] = o.duration_ms;
      inst += o.instance_seconds;
      inst2 += o.instance_seconds * o.instance_seconds;
      rolled += o.rolled_back ? 1 : 0;
    }
    std::sort(durations.begin(), durations.end());

    MonteCarloOptions opt;
    opt.trials = static_cast<std::uint64_t>(n);
    opt.seed = 11;
    opt.threads = 2;
    const auto mc = run_montecarlo(engine_input(c), engine_model(c), opt);
    const double dn = n;

    for (const auto& [q, x] : {std::pair{0.50, mc.summary.duration_s.p50},
                              std::pair{0.95, mc.summary.duration_s.p95},
                              std::pair{0.99, mc.summary.duration_s.p99}}) {
      const double tol = 4.0 * std::sqrt(2.0 * q * (1.0 - q) / dn);
      const auto [below, at] = cdf(durations, std::llround(x * 1000));
      INFO("q " << q << " montecarlo " << x << " s; plain F(x-) " << below << " F(x) " << at);
      CHECK(below <= q + tol);
      CHECK(at >= q - tol);
    }
    // Means: 4 standard errors of the difference of two independent means.
    double mc_inst2 = 0;
    for (const float v : mc.figures.instance_seconds) mc_inst2 += static_cast<double>(v) * static_cast<double>(v);
    const double plain_mean = inst / dn;
    const double mc_mean = mc.summary.instance_hours.mean * 3600.0;
    const double var = (inst2 / dn - plain_mean * plain_mean) + (mc_inst2 / dn - mc_mean * mc_mean);
    INFO("instance-seconds: plain " << plain_mean << " montecarlo " << mc_mean);
    CHECK(std::abs(plain_mean - mc_mean) <= 4.0 * std::sqrt(var / dn) + 1e-6 * plain_mean);
    const double pr = rolled / dn;
    const double pm = mc.summary.p_rollback;
    INFO("P(rollback): plain " << pr << " montecarlo " << pm);
    CHECK(pr > 0.0);
    CHECK(std::abs(pr - pm) <= 4.0 * std::sqrt((pr * (1 - pr) + pm * (1 - pm)) / dn) + 1e-9);
  }
}
