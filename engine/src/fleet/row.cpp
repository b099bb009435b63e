// The summary row of one endpoint (shiftsim/fleet_run.hpp: FleetRow).
#include "shiftsim/fleet_run.hpp"

#include "shiftsim/codes.hpp"

#include <fmt/core.h>
#include <nlohmann/json.hpp>

namespace shiftsim {

namespace {

using Json = nlohmann::ordered_json;

template <class T>
Json opt(const std::optional<T>& v) {
  return v ? Json(*v) : Json();
}

template <class T>
void read_opt(const Json& j, const char* key, std::optional<T>& into) {
  if (j.contains(key) && !j[key].is_null()) into = j[key].get<T>();
}

}  // namespace

std::string fleet_row_json(const FleetRow& r) {
  Json j;
  j["endpoint"] = r.endpoint;
  j["status"] = r.status;
  j["outcome"] = opt(r.outcome);
  j["pick"] = opt(r.pick);
  j["strategy"] = opt(r.strategy);
  j["duration_s"] = opt(r.duration_s);
  j["p95_s"] = opt(r.p95_s);
  j["cost_usd"] = opt(r.cost_usd);
  j["extra_cost_usd"] = opt(r.extra_cost_usd);
  if (!r.unpriced_types.empty()) j["unpriced_types"] = r.unpriced_types;
  j["timeout_s"] = opt(r.timeout_s);
  j["peak_instances"] = opt(r.peak_instances);
  j["peak_by_type"] = Json::object();
  for (const auto& [type, n] : r.peak_by_type) j["peak_by_type"][type] = n;
  j["findings"] = r.findings;
  j["result"] = r.result;
  return j.dump();
}

FleetRow parse_fleet_row(std::string_view line, const std::string& where) {
  const Json j = Json::parse(line, nullptr, false);
  FleetRow r;
  try {
    if (j.is_discarded() || !j.is_object()) throw std::runtime_error("not a JSON object");
    r.endpoint = j.at("endpoint").get<std::string>();
    r.status = j.at("status").get<std::string>();
    read_opt(j, "outcome", r.outcome);
    read_opt(j, "pick", r.pick);
    read_opt(j, "strategy", r.strategy);
    read_opt(j, "duration_s", r.duration_s);
    read_opt(j, "p95_s", r.p95_s);
    read_opt(j, "cost_usd", r.cost_usd);
    read_opt(j, "extra_cost_usd", r.extra_cost_usd);
    if (j.contains("unpriced_types"))
      r.unpriced_types = j["unpriced_types"].get<std::vector<std::string>>();
    read_opt(j, "timeout_s", r.timeout_s);
    read_opt(j, "peak_instances", r.peak_instances);
    for (const auto& [type, n] : j.at("peak_by_type").items()) r.peak_by_type[type] = n.get<int>();
    r.findings = j.at("findings").get<std::vector<std::string>>();
    r.result = j.at("result").get<std::string>();
  } catch (const std::exception& e) {
    throw_input_error(error_code::json, where, "a shiftsim.fleet-row/v1 line",
                      Json(std::string(line.substr(0, 80))).dump(),
                      fmt::format("{}: not a fleet summary row ({})", where, e.what()));
  }
  return r;
}

}  // namespace shiftsim
