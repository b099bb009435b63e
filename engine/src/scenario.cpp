#include "shiftsim/scenario.hpp"

#include "json_tree.hpp"
#include "scenario_checker.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/input_limits.hpp"
#include "shiftsim/utf8.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <set>

namespace shiftsim {

namespace {

using json = nlohmann::ordered_json;
using detail::Checker;
using detail::key_path;
using detail::type_name;
using detail::value_text;

// ---------------------------------------------------------------------------------------------
// Reading: JSON or YAML text -> json value, by the one reader of every document (parse_tree():
// syntax, duplicate keys, and the budget of input_limits.hpp, YAML aliases included).

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool looks_like_json(std::string_view text, std::string_view origin) noexcept {
  if (ends_with(origin, ".json")) return true;
  if (ends_with(origin, ".yaml") || ends_with(origin, ".yml")) return false;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '{';
  }
  return false;
}

/// Throws InputError on a syntax error, a duplicate key or a limit crossed.
json read_document(std::string_view text, std::string_view origin) {
  Diagnostics ds;
  auto tree = detail::parse_tree(
      text, looks_like_json(text, origin) ? aws::Format::json : aws::Format::yaml, origin, ds);
  if (has_errors(ds) || !tree) throw InputError(std::move(ds));
  return std::move(*tree);
}

// ---------------------------------------------------------------------------------------------
// The sections, each checked with detail::Checker (scenario_checker.hpp).

void parse_timing(Checker& c, const json& v, ScenarioTiming& out) {
  if (v.is_null()) return;
  if (!v.is_object()) return c.type_error("timing", "a mapping", v);
  c.only_keys(v, "timing", {"provision_s", "terminate_s", "activation_s"});
  if (v.contains("provision_s") && !v["provision_s"].is_null())
    out.provision = c.timing_value(v["provision_s"], "timing.provision_s");
  if (v.contains("terminate_s") && !v["terminate_s"].is_null())
    out.terminate = c.timing_value(v["terminate_s"], "timing.terminate_s");
  if (v.contains("activation_s") && !v["activation_s"].is_null())
    out.activation = c.timing_value(v["activation_s"], "timing.activation_s");
}

void parse_prices(Checker& c, const json& v, PriceTable& out) {
  if (v.is_null()) return;
  if (!v.is_object()) return c.type_error("prices", "a mapping of instance type to USD/hour", v);
  for (const auto& [k, p] : v.items()) {
    const std::string path = key_path("prices", k);
    if (!p.is_number()) {
      c.type_error(path, "a number (USD per instance-hour)", p);
      continue;
    }
    const double usd = p.get<double>();
    if (!std::isfinite(usd) || usd < 0.0 || usd > 10000.0) {
      c.error(error_code::range, path, "must be in [0, 10000] USD per hour", &p,
              fmt::format("{}: must be between 0 and 10000 USD per hour, got {}", path,
                          value_text(p)));
      continue;
    }
    out[k] = usd;
  }
}

/// `price_table: shipped | none` (none: negotiated rates, only the given prices count).
void parse_price_table(Checker& c, const json& v, std::optional<bool>& out) {
  if (v.is_null()) return;
  if (v.is_string() && (v.get<std::string>() == "shipped" || v.get<std::string>() == "none")) {
    out = v.get<std::string>() == "shipped";
    return;
  }
  c.error(error_code::enum_value, "price_table", "must be shipped or none", &v,
          fmt::format("price_table: must be shipped (the region's shipped table) or none (only "
                      "the given prices: negotiated rates), got {}",
                      value_text(v)));
}

void parse_alarms(Checker& c, const json& v, std::vector<ScenarioAlarm>& out) {
  if (v.is_null()) return;
  if (!v.is_object())
    return c.type_error("alarms", "a mapping of alarm name to {period_s, evaluation_periods}", v);
  for (const auto& [name, a] : v.items()) {
    // `alarms: {false_trip_per_bake: 0.002}`: the planning runs' rate for every alarm
    // (stochastic.hpp), not an alarm name.
    if (name == "false_trip_per_bake" && a.is_number()) continue;
    const std::string path = key_path("alarms", name);
    ScenarioAlarm al;
    al.name = name;
    if (a.is_null()) {
      out.push_back(al);
      continue;
    }
    if (!a.is_object()) {
      c.type_error(path, "a mapping", a);
      continue;
    }
    al.json = a.dump();
    // Known members; planning runs may add more here.
    c.only_keys(a, path, {"period_s", "evaluation_periods", "datapoints_to_alarm",
                          "false_trip_per_bake"});
    if (a.contains("period_s")) al.period = c.time(a["period_s"], path + ".period_s");
    if (a.contains("evaluation_periods"))
      al.evaluation_periods = c.integer(a["evaluation_periods"], path + ".evaluation_periods", 1,
                                        100000);
    if (a.contains("datapoints_to_alarm")) {
      al.datapoints_to_alarm =
          c.integer(a["datapoints_to_alarm"], path + ".datapoints_to_alarm", 1, 100000);
      if (al.datapoints_to_alarm && al.evaluation_periods &&
          *al.datapoints_to_alarm > *al.evaluation_periods)
        c.error(error_code::range, path + ".datapoints_to_alarm", "must be <= evaluation_periods",
                &a["datapoints_to_alarm"],
                fmt::format("{}.datapoints_to_alarm: must be <= evaluation_periods", path));
    }
    if (a.contains("false_trip_per_bake")) {
      const json& f = a["false_trip_per_bake"];
      if (!f.is_number()) {
        c.type_error(path + ".false_trip_per_bake", "a probability", f);
      } else if (const double p = f.get<double>(); !(p >= 0.0 && p <= 1.0)) {
        c.error(error_code::range, path + ".false_trip_per_bake", "must be in [0, 1]", &f,
                fmt::format("{}.false_trip_per_bake: must be a probability in [0, 1], got {}",
                            path, value_text(f)));
      } else {
        al.false_trip_per_bake = p;
      }
    }
    out.push_back(std::move(al));
  }
}

void parse_trip(Checker& c, const json& v, std::optional<Trip>& out) {
  if (v.is_null()) {
    out = Trip{};
    return;
  }
  if (!v.is_object())
    return c.type_error("trip", "a mapping {bake: K} or {at_s: T}, or null", v);
  c.only_keys(v, "trip", {"bake", "at_s", "after_new_traffic_s"});
  int given = 0;
  for (const auto* k : {"bake", "at_s", "after_new_traffic_s"}) given += v.contains(k) ? 1 : 0;
  if (given != 1) {
    c.error(error_code::one_of, "trip", "exactly one of bake, at_s, after_new_traffic_s", &v,
            "trip: give exactly one of bake, at_s or after_new_traffic_s");
    return;
  }
  Trip t;
  if (v.contains("bake")) {
    auto k = c.integer(v["bake"], "trip.bake", 1, 100000);
    if (!k) return;
    t.kind = Trip::Kind::at_bake;
    t.bake = *k;
  } else if (v.contains("at_s")) {
    auto at = c.time(v["at_s"], "trip.at_s");
    if (!at) return;
    t.kind = Trip::Kind::at_time;
    t.at = *at;
  } else {
    auto at = c.time(v["after_new_traffic_s"], "trip.after_new_traffic_s");
    if (!at) return;
    t.kind = Trip::Kind::after_new_traffic;
    t.at = *at;
  }
  out = t;
}

void parse_assume(Checker& c, const json& v, std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_null()) return;
  if (!v.is_object()) return c.type_error("assume", "a mapping of assumption name to value", v);
  for (const auto& [k, a] : v.items()) {
    const std::string path = key_path("assume", k);
    if (a.is_string()) {
      out.emplace_back(k, a.get<std::string>());
    } else if (a.is_boolean() || a.is_number()) {
      out.emplace_back(k, a.dump());
    } else {
      c.type_error(path, "a string, number or boolean", a);
    }
  }
}

void parse_quota(Checker& c, const json& v, std::optional<int>& out) {
  if (v.is_null()) return;
  if (!v.is_object()) return c.type_error("quota", "a mapping {instances: N}", v);
  c.only_keys(v, "quota", {"instances"});
  if (v.contains("instances") && !v["instances"].is_null())
    out = c.integer(v["instances"], "quota.instances", 1, 1000000);
}

std::optional<std::string> shape(Checker& c, const json& v, const char* key) {
  if (!v.is_object()) {
    c.type_error(key, "a mapping (the AWS shape as `aws` prints it)", v);
    return std::nullopt;
  }
  return v.dump();
}

}  // namespace

std::optional<SimTime> seconds_to_simtime(double s, double max_s) noexcept {
  if (!std::isfinite(s) || s < 0.0 || s > max_s) return std::nullopt;
  return static_cast<SimTime>(std::llround(s * static_cast<double>(kMsPerSecond)));
}

std::optional<SimTime> ScenarioAlarm::time_to_alarm() const noexcept {
  if (!period || !evaluation_periods) return std::nullopt;
  return *period * *evaluation_periods;
}

const std::vector<std::string_view>& scenario_keys() noexcept {
  static const std::vector<std::string_view> keys{
      "question", "description", "timing",  "prices",         "price_table", "quota",
      "alarms",   "trip",        "assume",   "endpoint",       "current_config", "new_config",
      "request",
      // Planning members (montecarlo; parsed by stochastic.hpp, ignored by simulate).
      "capacity", "bad_version"};
  return keys;
}

Scenario parse_scenario(std::string_view text, std::string_view origin) {
  Diagnostics errors;
  Scenario s = parse_scenario(text, origin, errors);
  if (has_errors(errors)) throw InputError(std::move(errors));
  return s;
}

Scenario parse_scenario(std::string_view text, std::string_view origin, Diagnostics& errors) {
  Scenario s;
  s.origin = std::string(origin);
  if (auto bad = utf8_problem(text, "", origin)) {
    errors.push_back(std::move(*bad));
    return s;
  }
  json doc;
  try {
    doc = read_document(text, origin);
  } catch (const InputError& e) {
    errors.insert(errors.end(), e.diagnostics().begin(), e.diagnostics().end());
    return s;
  }
  Checker c;
  if (!doc.is_object()) {
    c.type_error("", "a mapping (a scenario document)", doc);
    c.errors.back().message = fmt::format("{}: a scenario must be a mapping of keys ({}...)",
                                          origin, "timing, prices, trip, request, ");
    errors.insert(errors.end(), c.errors.begin(), c.errors.end());
    return s;
  }
  // Sections in document order, so that problems are listed in the order they appear.
  for (const auto& [k, v] : doc.items()) {
    if (k == "question") {
      if (v.is_null()) continue;
      if (!v.is_string()) {
        c.type_error("question", "a string", v);
        continue;
      }
      s.question = v.get<std::string>();
      while (!s.question.empty() && (s.question.back() == '\n' || s.question.back() == ' '))
        s.question.pop_back();
      if (s.question.find('\n') != std::string::npos)
        c.error(error_code::pattern, "question", "must be one line", &v,
                "question: must be one line (put details in description)");
    } else if (k == "description") {
      if (v.is_null()) continue;
      if (!v.is_string()) c.type_error("description", "a string", v);
      else s.description = v.get<std::string>();
    } else if (k == "timing") {
      parse_timing(c, v, s.timing);
    } else if (k == "prices") {
      parse_prices(c, v, s.prices);
    } else if (k == "price_table") {
      parse_price_table(c, v, s.price_table);
    } else if (k == "quota") {
      parse_quota(c, v, s.instance_quota);
    } else if (k == "alarms") {
      parse_alarms(c, v, s.alarms);
    } else if (k == "trip") {
      parse_trip(c, v, s.trip);
    } else if (k == "assume") {
      parse_assume(c, v, s.assume);
    } else if (k == "endpoint") {
      s.endpoint_json = shape(c, v, "endpoint");
    } else if (k == "current_config") {
      s.current_config_json = shape(c, v, "current_config");
    } else if (k == "new_config") {
      s.new_config_json = shape(c, v, "new_config");
    } else if (k == "request") {
      s.request_json = shape(c, v, "request");
    } else if (k == "capacity" || k == "bad_version") {
      // Planning members: read by montecarlo (stochastic.hpp), ignored here.
    } else if (std::find(scenario_keys().begin(), scenario_keys().end(), k) !=
               scenario_keys().end()) {
      // A key listed in scenario_keys() that simulate does not read: kept for other commands.
      s.sections.emplace_back(k, v.dump());
    } else {
      std::string list;
      for (auto n : scenario_keys()) list += (list.empty() ? "" : ", ") + std::string(n);
      const json kj = k;
      c.error(error_code::unknown_member, key_path("", k), fmt::format("known members: {}", list), &kj,
              fmt::format("unknown scenario key '{}' (known: {})", k, list));
    }
  }
  errors.insert(errors.end(), c.errors.begin(), c.errors.end());
  return s;
}

Scenario load_scenario(const std::string& path) {
  Diagnostics errors;
  Scenario s = load_scenario(path, errors);
  if (has_errors(errors)) throw InputError(std::move(errors));
  return s;
}

Scenario load_scenario(const std::string& path, Diagnostics& errors) {
  std::string text;
  try {
    text = read_input_text(path, "scenario");
  } catch (const InputError& e) {  // E_FILE, E_SIZE
    append_diagnostics(errors, e.diagnostics());
    return Scenario{};
  }
  return parse_scenario(text, path, errors);
}

}  // namespace shiftsim
