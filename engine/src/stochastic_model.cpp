// The stochastic timing and fault model: parsing and queries (stochastic.hpp).
#include "shiftsim/codes.hpp"
#include "shiftsim/stochastic.hpp"

#include "shiftsim/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

namespace shiftsim {

namespace {

using nlohmann::json;

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
  if (!j.is_number()) bad(error_code::type, path, "must be a number", j);
  const double v = j.get<double>();
  if (!std::isfinite(v) || v < lo || (hi_open ? v >= hi : v > hi)) {
    std::string rule = "must be in [" + json(lo).dump() + ", " + json(hi).dump() +
                       (hi_open ? ")" : "]");
    bad(error_code::range, path, rule, j);
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
  if (!j.is_object()) bad(error_code::type, path, "must be a number of seconds or an object", j);
  std::string dist = "lognormal";
  if (j.contains("distribution")) {
    const auto& jd = j.at("distribution");
    if (!jd.is_string()) bad(error_code::type, path + ".distribution", "must be a string", jd);
    dist = jd.get<std::string>();
    if (dist != "lognormal" && dist != "fixed")
      bad(error_code::enum_value, path + ".distribution", "must be one of lognormal, fixed", jd);
  }
  for (const auto& [key, value] : j.items()) {
    static_cast<void>(value);
    if (key != "distribution" && key != "p50" && key != "p95" && key != "per" &&
        key != "value" && !(allow_by_type && key == "by_instance_type"))
      bad(error_code::unknown, path + "." + key, "is not a member of a duration distribution", json(key));
  }
  if (j.contains("per")) {
    const auto& jp = j.at("per");
    if (!jp.is_string()) bad(error_code::type, path + ".per", "must be a string", jp);
    const auto per = jp.get<std::string>();
    if (per != "instance" && per != "batch")
      bad(error_code::enum_value, path + ".per", "must be one of instance, batch", jp);
    d.per_instance = per == "instance";
  }
  if (dist == "fixed") {
    if (!j.contains("value")) bad(error_code::required, path + ".value", "is required", json(nullptr));
    d.kind = DurationDist::Kind::fixed;
    d.fixed = seconds_to_ms(number_at(j.at("value"), path + ".value", 0.0, kMaxSeconds, false));
  } else {
    if (!j.contains("p50")) bad(error_code::required, path + ".p50", "is required", json(nullptr));
    if (!j.contains("p95")) bad(error_code::required, path + ".p95", "is required", json(nullptr));
    d.kind = DurationDist::Kind::lognormal;
    d.p50_s = number_at(j.at("p50"), path + ".p50", 0.001, kMaxSeconds, false);
    d.p95_s = number_at(j.at("p95"), path + ".p95", 0.001, kMaxSeconds, false);
    if (d.p95_s < d.p50_s) bad(error_code::range, path + ".p95", "must be >= p50", j.at("p95"));
  }
  if (allow_by_type && j.contains("by_instance_type") && by_type != nullptr) {
    const auto& jt = j.at("by_instance_type");
    if (!jt.is_object())
      bad(error_code::type, path + ".by_instance_type", "must be an object of instance type prefixes",
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
  for (const auto& [k, d] : model.terminate_by_type)
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
    throw_input_error(error_code::json, "", "must be valid JSON", "", std::string("scenario: ") + e.what());
  }
  if (const json* timing = member(doc, "timing")) {
    if (const json* p = member(*timing, "provision_s"))
      m.provision = parse_dist(*p, "timing.provision_s", true, &m.provision_by_type);
    if (const json* t = member(*timing, "terminate_s"))
      m.terminate = parse_dist(*t, "timing.terminate_s", true, &m.terminate_by_type);
  }
  if (const json* alarms = member(doc, "alarms")) {
    if (const json* f = member(*alarms, "false_trip_per_bake"))
      m.false_trip_per_bake = number_at(*f, "alarms.false_trip_per_bake", 0.0, 1.0, true);
  }
  if (const json* cap = member(doc, "capacity")) {
    if (!cap->is_object()) bad(error_code::type, "capacity", "must be an object", *cap);
    if (const json* p = member(*cap, "retry_probability"))
      m.retry_probability = number_at(*p, "capacity.retry_probability", 0.0, 1.0, true);
    if (const json* d = member(*cap, "retry_delay_s"))
      m.retry_delay = seconds_to_ms(number_at(*d, "capacity.retry_delay_s", 0.0, kMaxSeconds, false));
    if (const json* r = member(*cap, "max_retries")) {
      if (!r->is_number_integer()) bad(error_code::type, "capacity.max_retries", "must be an integer", *r);
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
      bad(error_code::type, "bad_version", "must be an object or a boolean", *bv);
    }
  }
  return m;
}

double median_seconds(const DurationDist& d) noexcept {
  return d.kind == DurationDist::Kind::fixed ? to_seconds(d.fixed) : d.p50_s;
}

namespace {

const DurationDist& longest_prefix(const DurationDist& fallback,
                                   const std::map<std::string, DurationDist, std::less<>>& by_type,
                                   std::string_view type) noexcept {
  const DurationDist* best = &fallback;
  std::size_t best_len = 0;
  for (const auto& [prefix, d] : by_type) {
    if (type.substr(0, prefix.size()) == prefix && prefix.size() >= best_len) {
      best = &d;
      best_len = prefix.size();
    }
  }
  return *best;
}

}  // namespace

const DurationDist& provision_dist_for(const StochasticModel& m, std::string_view type) noexcept {
  return longest_prefix(m.provision, m.provision_by_type, type);
}

const DurationDist& terminate_dist_for(const StochasticModel& m, std::string_view type) noexcept {
  return longest_prefix(m.terminate, m.terminate_by_type, type);
}

}  // namespace shiftsim
