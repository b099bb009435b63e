// The stochastic timing and fault model (docs/stochastic-model.md).
#include "shiftsim/stochastic.hpp"

#include "shiftsim/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

namespace shiftsim {

namespace {

using nlohmann::json;

constexpr std::uint64_t splitmix64(std::uint64_t x) noexcept {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27U)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31U);
}

SimTime seconds_to_ms(double s) noexcept {
  return static_cast<SimTime>(std::llround(s * 1000.0));
}

std::string dump(const json& j) { return j.dump(); }

[[noreturn]] void bad(const std::string& code, const std::string& path, const std::string& rule,
                      const json& value) {
  throw_input_error(code, path, rule, dump(value),
                    path + ": " + rule + " (got " + dump(value) + ")");
}

double number_at(const json& j, const std::string& path, double lo, double hi, bool hi_open) {
  if (!j.is_number()) bad("E_TYPE", path, "must be a number", j);
  const double v = j.get<double>();
  if (!std::isfinite(v) || v < lo || (hi_open ? v >= hi : v > hi)) {
    std::string rule = "must be in [" + json(lo).dump() + ", " + json(hi).dump() +
                       (hi_open ? ")" : "]");
    bad("E_RANGE", path, rule, j);
  }
  return v;
}

constexpr double kMaxSeconds = 1.0e6;  // far above any SageMaker operation (28800 s cap)

DurationDist parse_dist(const json& j, const std::string& path, bool allow_by_type,
                        std::map<std::string, DurationDist, std::less<>>* by_type) {
  DurationDist d;
  if (j.is_number()) {
    d.kind = DurationDist::Kind::fixed;
    d.fixed = seconds_to_ms(number_at(j, path, 0.0, kMaxSeconds, false));
    return d;
  }
  if (!j.is_object()) bad("E_TYPE", path, "must be a number of seconds or an object", j);
  std::string dist = "lognormal";
  if (j.contains("distribution")) {
    const auto& jd = j.at("distribution");
    if (!jd.is_string()) bad("E_TYPE", path + ".distribution", "must be a string", jd);
    dist = jd.get<std::string>();
    if (dist != "lognormal" && dist != "fixed")
      bad("E_ENUM", path + ".distribution", "must be one of lognormal, fixed", jd);
  }
  for (const auto& [key, value] : j.items()) {
    static_cast<void>(value);
    if (key != "distribution" && key != "p50" && key != "p95" && key != "per" &&
        key != "value" && !(allow_by_type && key == "by_instance_type"))
      bad("E_UNKNOWN", path + "." + key, "is not a member of a duration distribution", json(key));
  }
  if (j.contains("per")) {
    const auto& jp = j.at("per");
    if (!jp.is_string()) bad("E_TYPE", path + ".per", "must be a string", jp);
    const auto per = jp.get<std::string>();
    if (per != "instance" && per != "batch")
      bad("E_ENUM", path + ".per", "must be one of instance, batch", jp);
    d.per_instance = per == "instance";
  }
  if (dist == "fixed") {
    if (!j.contains("value")) bad("E_REQUIRED", path + ".value", "is required", json(nullptr));
    d.kind = DurationDist::Kind::fixed;
    d.fixed = seconds_to_ms(number_at(j.at("value"), path + ".value", 0.0, kMaxSeconds, false));
  } else {
    if (!j.contains("p50")) bad("E_REQUIRED", path + ".p50", "is required", json(nullptr));
    if (!j.contains("p95")) bad("E_REQUIRED", path + ".p95", "is required", json(nullptr));
    d.kind = DurationDist::Kind::lognormal;
    d.p50_s = number_at(j.at("p50"), path + ".p50", 0.001, kMaxSeconds, false);
    d.p95_s = number_at(j.at("p95"), path + ".p95", 0.001, kMaxSeconds, false);
    if (d.p95_s < d.p50_s) bad("E_RANGE", path + ".p95", "must be >= p50", j.at("p95"));
  }
  if (allow_by_type && j.contains("by_instance_type") && by_type != nullptr) {
    const auto& jt = j.at("by_instance_type");
    if (!jt.is_object())
      bad("E_TYPE", path + ".by_instance_type", "must be an object of instance type prefixes",
          jt);
    for (const auto& [key, value] : jt.items()) {
      DurationDist sub = parse_dist(value, path + ".by_instance_type." + key, false, nullptr);
      if (!value.is_number() && !value.contains("per")) sub.per_instance = d.per_instance;
      (*by_type)[key] = sub;
    }
  }
  return d;
}

const json* member(const json& j, const char* key) {
  if (!j.is_object()) return nullptr;
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  return &*it;
}

}  // namespace

StochasticModel deterministic_model(const Timing& timing) {
  StochasticModel m;
  m.provision.kind = DurationDist::Kind::fixed;
  m.provision.fixed = timing.provision;
  m.terminate.kind = DurationDist::Kind::fixed;
  m.terminate.fixed = timing.terminate;
  return m;
}

bool has_fixed_timings(const StochasticModel& model) noexcept {
  if (model.provision.kind != DurationDist::Kind::fixed) return false;
  if (model.terminate.kind != DurationDist::Kind::fixed) return false;
  for (const auto& [k, d] : model.provision_by_type)
    if (d.kind != DurationDist::Kind::fixed) return false;
  return model.retry_probability <= 0.0;
}

bool is_deterministic(const StochasticModel& model) noexcept {
  if (!has_fixed_timings(model)) return false;
  if (model.detection_delay && model.detection_delay->kind != DurationDist::Kind::fixed)
    return false;
  return model.false_trip_per_bake <= 0.0;
}

StochasticModel parse_stochastic_model(std::string_view scenario_json, const Timing& base) {
  StochasticModel m = deterministic_model(base);
  json doc;
  try {
    doc = json::parse(scenario_json);
  } catch (const json::parse_error& e) {
    throw_input_error("E_JSON", "", "must be valid JSON", "", std::string("scenario: ") + e.what());
  }
  if (const json* timing = member(doc, "timing")) {
    if (const json* p = member(*timing, "provision_s"))
      m.provision = parse_dist(*p, "timing.provision_s", true, &m.provision_by_type);
    if (const json* t = member(*timing, "terminate_s"))
      m.terminate = parse_dist(*t, "timing.terminate_s", false, nullptr);
  }
  if (const json* alarms = member(doc, "alarms")) {
    if (const json* f = member(*alarms, "false_trip_per_bake"))
      m.false_trip_per_bake = number_at(*f, "alarms.false_trip_per_bake", 0.0, 1.0, true);
  }
  if (const json* cap = member(doc, "capacity")) {
    if (!cap->is_object()) bad("E_TYPE", "capacity", "must be an object", *cap);
    if (const json* p = member(*cap, "retry_probability"))
      m.retry_probability = number_at(*p, "capacity.retry_probability", 0.0, 1.0, true);
    if (const json* d = member(*cap, "retry_delay_s"))
      m.retry_delay = seconds_to_ms(number_at(*d, "capacity.retry_delay_s", 0.0, kMaxSeconds, false));
    if (const json* r = member(*cap, "max_retries")) {
      if (!r->is_number_integer()) bad("E_TYPE", "capacity.max_retries", "must be an integer", *r);
      m.max_retries = static_cast<int>(number_at(*r, "capacity.max_retries", 0.0, 100.0, false));
    }
  }
  if (const json* bv = member(doc, "bad_version")) {
    if (bv->is_boolean()) {
      m.bad_version = bv->get<bool>();
    } else if (bv->is_object()) {
      m.bad_version = true;
      if (const json* d = member(*bv, "detection_delay_s"))
        m.detection_delay = parse_dist(*d, "bad_version.detection_delay_s", false, nullptr);
    } else {
      bad("E_TYPE", "bad_version", "must be an object or a boolean", *bv);
    }
  }
  return m;
}

double median_seconds(const DurationDist& d) noexcept {
  return d.kind == DurationDist::Kind::fixed ? to_seconds(d.fixed) : d.p50_s;
}

// ---------------------------------------------------------------------------------------------

namespace {

std::uint64_t trial_key(std::uint64_t seed, std::uint64_t trial) noexcept {
  return splitmix64(seed ^ splitmix64(trial ^ 0xD1B54A32D192ED03ULL));
}

double uniform_from_key(std::uint64_t key, DrawStream stream, std::uint32_t index) noexcept {
  const std::uint64_t ctr =
      (static_cast<std::uint64_t>(stream) << 32U) | static_cast<std::uint64_t>(index);
  const std::uint64_t bits = splitmix64(key ^ splitmix64(ctr + 0x632BE59BD9B4E019ULL));
  // 53 random bits, centred in their cell: never exactly 0 or 1.
  return (static_cast<double>(bits >> 11U) + 0.5) * 0x1.0p-53;
}

}  // namespace

double trial_uniform(std::uint64_t seed, std::uint64_t trial, DrawStream stream,
                     std::uint32_t index) noexcept {
  return uniform_from_key(trial_key(seed, trial), stream, index);
}

double normal_quantile(double p) noexcept {
  // Acklam's algorithm.
  static constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
                                 -2.759285104469687e+02, 1.383577518672690e+02,
                                 -3.066479806614716e+01, 2.506628277459239e+00};
  static constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
                                 -1.556989798598866e+02, 6.680131188771972e+01,
                                 -1.328068155288572e+01};
  static constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
                                 -2.400758277161838e+00, -2.549732539343734e+00,
                                 4.374664141464968e+00,  2.938163982698783e+00};
  static constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
                                 2.445134137142996e+00, 3.754408661907416e+00};
  constexpr double plow = 0.02425;
  if (p <= 0.0) return -std::numeric_limits<double>::infinity();
  if (p >= 1.0) return std::numeric_limits<double>::infinity();
  if (p < plow) {
    const double q = std::sqrt(-2.0 * std::log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  if (p > 1.0 - plow) {
    const double q = std::sqrt(-2.0 * std::log1p(-p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
           ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  }
  const double q = p - 0.5;
  const double r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
         (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

double normal_cdf(double x) noexcept { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

namespace {

/// exp(mu + sigma * Phi^-1(u^(1/k))) in ms, computed through the upper tail q = 1 - u^(1/k)
/// so that large k keeps its precision.
double lognormal_max_quantile_ms(double p50_s, double p95_s, int k, double u) noexcept {
  const double mu = std::log(p50_s);
  const double sigma = std::log(p95_s / p50_s) / kZ95;
  double z = 0.0;
  if (k <= 1) {
    z = normal_quantile(u);
  } else {
    const double q = -std::expm1(std::log(u) / static_cast<double>(k));  // 1 - u^(1/k)
    z = -normal_quantile(q);
  }
  return std::exp(mu + sigma * z) * 1000.0;
}

SimTime clamp_ms(double ms) noexcept {
  if (!(ms > 0.0)) return 0;
  if (ms > 9.0e15) return static_cast<SimTime>(9.0e15);
  return static_cast<SimTime>(ms + 0.5);  // round half up (ms > 0)
}

}  // namespace

SimTime batch_quantile(const DurationDist& d, int k, double u) noexcept {
  if (d.kind == DurationDist::Kind::fixed) return d.fixed;
  const int kk = d.per_instance ? std::max(k, 1) : 1;
  return clamp_ms(lognormal_max_quantile_ms(d.p50_s, d.p95_s, kk, u));
}

BatchSampler::BatchSampler(const DurationDist& d, int k)
    : dist_(d), k_(d.per_instance ? std::max(k, 1) : 1) {
  if (d.kind == DurationDist::Kind::fixed || d.p95_s == d.p50_s) {
    fixed_ = true;
    value_ = d.kind == DurationDist::Kind::fixed ? d.fixed : clamp_ms(d.p50_s * 1000.0);
    return;
  }
  fixed_ = false;
  auto table = std::make_shared<std::vector<float>>(static_cast<std::size_t>(kTableSize) + 1);
  for (int i = 1; i < kTableSize; ++i) {
    const double u = static_cast<double>(i) / kTableSize;
    (*table)[static_cast<std::size_t>(i)] =
        static_cast<float>(lognormal_max_quantile_ms(d.p50_s, d.p95_s, k_, u));
  }
  table_ = std::move(table);
}

bool BatchSampler::same_as(const DurationDist& d, int k) const noexcept {
  return dist_ == d && k_ == (d.per_instance ? std::max(k, 1) : 1);
}

namespace {
constexpr int kExactCells = BatchSampler::kTableSize / 200;  // outer 0.5% on each side: exact
}  // namespace

SimTime BatchSampler::operator()(double u) const noexcept {
  if (fixed_) return value_;
  const double x = u * kTableSize;
  const int i = static_cast<int>(x);
  if (i < kExactCells || i >= kTableSize - kExactCells)  // outer cells: exact
    return clamp_ms(lognormal_max_quantile_ms(dist_.p50_s, dist_.p95_s, k_, u));
  const double f = x - static_cast<double>(i);
  const auto idx = static_cast<std::size_t>(i);
  const float* t = table_->data();
  const double a = static_cast<double>(t[idx]);
  return clamp_ms(a + f * (static_cast<double>(t[idx + 1]) - a));
}

// ---------------------------------------------------------------------------------------------

namespace {

const DurationDist& provision_dist_for(const StochasticModel& m, std::string_view type) {
  const DurationDist* best = &m.provision;
  std::size_t best_len = 0;
  for (const auto& [prefix, d] : m.provision_by_type) {
    if (type.substr(0, prefix.size()) == prefix && prefix.size() >= best_len) {
      best = &d;
      best_len = prefix.size();
    }
  }
  return *best;
}

}  // namespace

namespace {

/// The operations the engine will time for `base` (success path, then the rollback bound), see
/// make_trial_plan(). Fills plan.provision_ops / terminate_ops, the success counts and
/// phases_sequential.
void plan_operations(const SimulationInput& base, TrialPlan& plan) {
  const auto& pol = base.policy;
  const Rounding rounding = base.assumptions.rounding;
  const CapacitySize step = pol.step.value_or(CapacitySize{CapacityType::capacity_percent, 100});
  const CapacitySize rb =
      pol.rollback_batch.value_or(CapacitySize{CapacityType::capacity_percent, 100});
  if (pol.strategy == Strategy::rolling) {
    plan.phases_sequential = true;
    int n_batches = 0;
    for (const auto& v : base.variants) {
      if (v.n_new <= 0) continue;
      const int b = capacity_to_instances(step, v.n_new, rounding);
      n_batches = std::max(n_batches, (v.n_new + b - 1) / b);
    }
    for (int k = 0; k < n_batches; ++k) {
      PlannedOp p{{}, k};
      PlannedOp t{{}, k};
      for (const auto& v : base.variants) {
        if (v.n_new > 0) {
          const int b = capacity_to_instances(step, v.n_new, rounding);
          const int now = std::min(b, v.n_new - std::min(v.n_new, k * b));
          if (now > 0) p.parts.push_back({v.new_instance_type, now});
          const int gone = std::min(v.n_old, k * b);
          const int term = k + 1 == n_batches ? v.n_old - gone : std::min(b, v.n_old - gone);
          if (term > 0) t.parts.push_back({v.old_instance_type, term});
        } else if (k + 1 == n_batches && v.n_old > 0) {
          t.parts.push_back({v.old_instance_type, v.n_old});
        }
      }
      plan.provision_ops.push_back(std::move(p));
      plan.terminate_ops.push_back(std::move(t));
    }
    plan.success_provision_ops = static_cast<int>(plan.provision_ops.size());
    plan.success_terminate_ops = static_cast<int>(plan.terminate_ops.size());
    int m_steps = 0;
    for (const auto& v : base.variants) {
      if (v.n_new <= 0) continue;
      const int r = capacity_to_instances(rb, v.n_new, rounding);
      m_steps = std::max(m_steps, std::max((v.n_new + r - 1) / r, (v.n_old + r - 1) / r));
    }
    for (int s = 0; s < m_steps; ++s) {
      PlannedOp p{{}, n_batches + s};
      PlannedOp t{{}, n_batches + s};
      for (const auto& v : base.variants) {
        if (v.n_new <= 0) continue;
        const int r = capacity_to_instances(rb, v.n_new, rounding);
        if (v.n_old > 0) p.parts.push_back({v.old_instance_type, std::min(r, v.n_old)});
        t.parts.push_back({v.new_instance_type, r});
      }
      plan.provision_ops.push_back(std::move(p));
      plan.terminate_ops.push_back(std::move(t));
    }
  } else {
    PlannedOp p{{}, 0};
    PlannedOp t{{}, 1};
    PlannedOp back{{}, 2};
    for (const auto& v : base.variants) {
      if (v.n_new > 0) p.parts.push_back({v.new_instance_type, v.n_new});
      if (v.n_old > 0) t.parts.push_back({v.old_instance_type, v.n_old});
      if (v.n_new > 0) back.parts.push_back({v.new_instance_type, v.n_new});
    }
    plan.provision_ops.push_back(std::move(p));
    plan.terminate_ops.push_back(std::move(t));
    plan.success_provision_ops = 1;
    plan.success_terminate_ops = 1;
    plan.terminate_ops.push_back(std::move(back));
  }
}

}  // namespace

TrialPlan make_trial_plan(const SimulationInput& base, const StochasticModel& model,
                          std::uint64_t seed,
                          const std::vector<std::pair<SimTime, SimTime>>& bakes) {
  TrialPlan plan;
  plan.base = base;
  plan.base.draws = {};
  plan.base.trip = {};
  plan.model = model;
  plan.seed = seed;
  plan_operations(base, plan);
  // One sampler (and table) per distinct (distribution, k), copied into every operation using it.
  std::vector<BatchSampler> cache;
  auto sampler_for = [&cache](const DurationDist& d, int k) {
    for (const auto& s : cache)
      if (s.same_as(d, k)) return s;
    cache.emplace_back(d, k);
    return cache.back();
  };
  for (const auto& op : plan.provision_ops) {
    auto& ss = plan.provision_samplers.emplace_back();
    for (const auto& part : op.parts)
      ss.push_back(sampler_for(provision_dist_for(model, part.instance_type), part.instances));
  }
  for (const auto& op : plan.terminate_ops) {
    auto& ss = plan.terminate_samplers.emplace_back();
    for (const auto& part : op.parts) ss.push_back(sampler_for(model.terminate, part.instances));
  }

  int bake_no = 0;
  for (const auto& [start, end] : bakes) {
    TrialPlan::BakeWindow w;
    w.start = start;
    w.length = end - start;
    w.phase = plan.phases_sequential ? bake_no : 0;
    plan.bakes.push_back(w);
    ++bake_no;
  }
  if (model.bad_version) {
    if (model.detection_delay) {
      if (model.detection_delay->kind == DurationDist::Kind::fixed)
        plan.fixed_detection_delay = model.detection_delay->fixed;
    } else {
      std::optional<SimTime> best;
      for (const auto& a : base.policy.alarms)
        if (a.time_to_alarm && (!best || *a.time_to_alarm < *best)) best = a.time_to_alarm;
      plan.fixed_detection_delay = best.value_or(seconds(300));
    }
  }
  if (model.retry_probability > 0.0) plan.log_retry_probability = std::log(model.retry_probability);
  if (model.false_trip_per_bake > 0.0) {
    int eligible = 0;
    for (const auto& b : plan.bakes)
      if (b.length > 0) ++eligible;
    if (eligible > 0)
      plan.no_false_alarm_below =
          std::exp(eligible * std::log1p(-model.false_trip_per_bake)) * (1.0 - 1e-9);
  }
  for (const auto& v : plan.base.variants) plan.new_traffic = plan.new_traffic || v.n_new > 0;
  plan.base.draws.provision.reserve(plan.provision_ops.size());
  plan.base.draws.terminate.reserve(plan.terminate_ops.size());
  return plan;
}

TimingDraws median_draws(const SimulationInput& input, const StochasticModel& model,
                         MedianMemo* memo) {
  TrialPlan ops;
  plan_operations(input, ops);
  const auto median_of = [&](const DurationDist& d, int k) -> SimTime {
    if (d.kind == DurationDist::Kind::fixed) return d.fixed;
    if (memo)
      for (const auto& [dp, kk, v] : memo->entries)
        if (dp == &d && kk == k) return v;
    // Rounded to the second: a readable timeline, within 0.5 s of the U = 0.5 trial.
    const SimTime v = (batch_quantile(d, k, 0.5) + 500) / 1000 * 1000;
    if (memo) memo->entries.emplace_back(&d, k, v);
    return v;
  };
  // Capacity retries at U = 0.5: r = floor(ln 0.5 / ln p), capped (0 when p < 0.5).
  SimTime retry_time = 0;
  if (model.retry_probability > 0.0 && model.max_retries > 0) {
    const double r = std::floor(std::log(0.5) / std::log(model.retry_probability));
    const int n = r >= static_cast<double>(model.max_retries) ? model.max_retries : static_cast<int>(r);
    retry_time = static_cast<SimTime>(n) * model.retry_delay;
  }
  TimingDraws draws;
  draws.provision.reserve(ops.provision_ops.size());
  for (const auto& op : ops.provision_ops) {
    SimTime t = op.parts.empty() ? input.timing.provision : 0;
    for (const auto& part : op.parts)
      t = std::max(t, median_of(provision_dist_for(model, part.instance_type), part.instances));
    if (!op.parts.empty()) t += retry_time;
    draws.provision.push_back(t);
  }
  draws.terminate.reserve(ops.terminate_ops.size());
  for (const auto& op : ops.terminate_ops) {
    SimTime t = op.parts.empty() ? input.timing.terminate : 0;
    for (const auto& part : op.parts) t = std::max(t, median_of(model.terminate, part.instances));
    draws.terminate.push_back(t);
  }
  return draws;
}

namespace {

/// One operation's duration: the slowest of its parts (each part's draw has its own index).
SimTime draw_op(const std::vector<BatchSampler>& parts, std::uint64_t key, DrawStream stream,
                std::size_t op, SimTime fallback) noexcept {
  if (parts.empty()) return fallback;
  SimTime t = 0;
  for (std::size_t j = 0; j < parts.size(); ++j) {
    const auto& s = parts[j];
    const SimTime d =
        s.fixed() ? s(0.5)
                  : s(uniform_from_key(key, stream, static_cast<std::uint32_t>(op * 64 + j)));
    t = std::max(t, d);
  }
  return t;
}

}  // namespace

namespace {

/// Draws provisioning operations [p0, p1) and termination operations [t0, t1) of a trial.
void draw_ops(const TrialPlan& plan, std::uint64_t key, SimulationInput& input, std::size_t p0,
              std::size_t p1, std::size_t t0, std::size_t t1) {
  const auto& m = plan.model;
  auto& prov = input.draws.provision;
  auto& term = input.draws.terminate;
  prov.resize(p1);
  term.resize(t1);
  const bool retries = m.retry_probability > 0.0 && m.max_retries > 0;
  for (std::size_t i = p0; i < p1; ++i) {
    SimTime t = draw_op(plan.provision_samplers[i], key, DrawStream::provision, i,
                        plan.base.timing.provision);
    if (retries && !plan.provision_ops[i].parts.empty()) {
      // r = floor(ln U / ln p): P(r >= j) = p^j.
      const double u = uniform_from_key(key, DrawStream::retry, static_cast<std::uint32_t>(i));
      const double r = std::floor(std::log(u) / plan.log_retry_probability);
      const int n = r >= static_cast<double>(m.max_retries) ? m.max_retries : static_cast<int>(r);
      t += static_cast<SimTime>(n) * m.retry_delay;
    }
    prov[i] = t;
  }
  for (std::size_t i = t0; i < t1; ++i)
    term[i] = draw_op(plan.terminate_samplers[i], key, DrawStream::terminate, i,
                      plan.base.timing.terminate);
}

}  // namespace

void draw_trial(const TrialPlan& plan, std::uint64_t trial, SimulationInput& input) {
  draw_trial_success_path(plan, trial, input);
  draw_trial_rollback(plan, trial, input);
}

void draw_trial_rollback(const TrialPlan& plan, std::uint64_t trial, SimulationInput& input) {
  draw_ops(plan, trial_key(plan.seed, trial), input,
           static_cast<std::size_t>(plan.success_provision_ops), plan.provision_ops.size(),
           static_cast<std::size_t>(plan.success_terminate_ops), plan.terminate_ops.size());
}

namespace {

/// When this trial's false alarm fires (a time inside the first bake that draws one), if any.
/// `prov` / `term` hold the trial's success-path draws.
std::optional<SimTime> false_alarm_time(const TrialPlan& plan, std::uint64_t key,
                                        const std::vector<SimTime>& prov,
                                        const std::vector<SimTime>& term) {
  const auto& m = plan.model;
  if (m.false_trip_per_bake <= 0.0 || plan.bakes.empty()) return std::nullopt;
  // The first bake of positive length with a false alarm: geometric over eligible bakes.
  const double u = uniform_from_key(key, DrawStream::false_alarm_bake, 0);
  // No bake trips when u < (1-p)^eligible; the margin leaves the boundary to the exact test.
  if (u < plan.no_false_alarm_below) return std::nullopt;
  const double j = std::floor(std::log(u) / std::log1p(-m.false_trip_per_bake));
  int eligible = 0;
  for (const auto& b : plan.bakes)
    if (b.length > 0) ++eligible;
  if (!(j < static_cast<double>(eligible))) return std::nullopt;
  const int target = static_cast<int>(j);
  int seen = 0;
  const TrialPlan::BakeWindow* bake = nullptr;
  for (const auto& b : plan.bakes) {
    if (b.length <= 0) continue;
    if (seen == target) {
      bake = &b;
      break;
    }
    ++seen;
  }
  if (bake == nullptr) return std::nullopt;
  // Start of this bake in this trial: the deterministic start, moved by how much the drawn
  // provisioning (and, for rolling, termination) of earlier phases differ from the fixed P/D.
  SimTime shift = 0;
  const SimTime p0 = plan.base.timing.provision;
  const SimTime d0 = plan.base.timing.terminate;
  const int last_phase = plan.phases_sequential ? bake->phase : 0;
  for (int ph = 0; ph <= last_phase; ++ph) {
    SimTime pmax = -1;
    for (int i = 0; i < plan.success_provision_ops; ++i)
      if (plan.provision_ops[static_cast<std::size_t>(i)].phase == ph)
        pmax = std::max(pmax, prov[static_cast<std::size_t>(i)]);
    if (pmax >= 0) shift += pmax - p0;
    if (plan.phases_sequential && ph < last_phase) {
      SimTime dmax = -1;
      for (int i = 0; i < plan.success_terminate_ops; ++i)
        if (plan.terminate_ops[static_cast<std::size_t>(i)].phase == ph)
          dmax = std::max(dmax, term[static_cast<std::size_t>(i)]);
      if (dmax >= 0) shift += dmax - d0;
    }
  }
  const double f = uniform_from_key(key, DrawStream::false_alarm_offset, 0);
  auto offset = static_cast<SimTime>(std::floor(f * static_cast<double>(bake->length)));
  offset = std::min(offset, bake->length - 1);
  return bake->start + shift + offset;
}

}  // namespace

void draw_trial_success_path(const TrialPlan& plan, std::uint64_t trial,
                             SimulationInput& input) {
  const auto& m = plan.model;
  const std::uint64_t key = trial_key(plan.seed, trial);
  draw_ops(plan, key, input, 0, static_cast<std::size_t>(plan.success_provision_ops), 0,
           static_cast<std::size_t>(plan.success_terminate_ops));
  const auto& prov = input.draws.provision;
  const auto& term = input.draws.terminate;

  input.trip = Trip{};
  const std::optional<SimTime> false_at = false_alarm_time(plan, key, prov, term);
  if (m.bad_version) {
    SimTime delay = plan.fixed_detection_delay.value_or(0);
    if (!plan.fixed_detection_delay && m.detection_delay)
      delay = batch_quantile(*m.detection_delay, 1,
                             uniform_from_key(key, DrawStream::detection_delay, 0));
    input.trip.kind = Trip::Kind::after_new_traffic;
    input.trip.at = delay;
    // A false alarm before the real one trips the run first (both are alarm trips; the earlier
    // takes effect). New traffic starts with the first shift, i.e. when the first provisioning
    // operation ends (prov[0]); with no new instance at all the real alarm never fires.
    if (false_at && (!plan.new_traffic || *false_at < prov.front() + delay)) {
      input.trip.kind = Trip::Kind::at_time;
      input.trip.at = *false_at;
    }
    return;
  }
  if (false_at) {
    input.trip.kind = Trip::Kind::at_time;
    input.trip.at = *false_at;
  }
}

}  // namespace shiftsim
