// The simulate report as JSON, schema shiftsim.simulation/v2 (simulation_json.hpp;
// docs/schema-changelog.md).
#include "report/simulation_json.hpp"

#include "report/format.hpp"

#include <cmath>

namespace shiftsim::cli {

namespace {

using ojson = nlohmann::ordered_json;

/// An integer when whole (within a millionth), else rounded to 6 decimals.
ojson number_json(double v) {
  const double r = std::round(v);
  if (std::fabs(v - r) < 1e-6 && std::fabs(r) < 9.0e15) return static_cast<std::int64_t>(r);
  return round_to(v, 6);
}

ojson assumption_json(const AssumptionValue& a) {
  if (a.value == "true") return true;
  if (a.value == "false") return false;
  const bool seconds = a.name.size() > 2 && a.name.compare(a.name.size() - 2, 2, "_s") == 0;
  if (seconds) {
    try {
      std::size_t used = 0;
      const double v = std::stod(a.value, &used);
      if (used == a.value.size()) return number_json(v);
    } catch (const std::exception&) {
      // not a number: keep the text
    }
  }
  return a.value;
}

ojson summary_json(const SimulationResult& r, const SimulationReportContext& ctx) {
  const Summary& s = r.summary;
  ojson sum;
  sum["duration_s"] = seconds_json(s.duration);
  sum["peak_instances"] = s.peak_instances;
  sum["min_serving_instances"] = s.min_serving_instances;
  sum["instance_seconds"] = number_json(s.instance_seconds);
  sum["extra_instance_seconds"] = number_json(s.extra_instance_seconds);
  sum["cost_usd"] = cost_json<ojson>(s.cost_usd, 6);
  sum["timeout_s"] = s.timeout ? seconds_json(*s.timeout) : ojson(nullptr);
  sum["timeout_margin_s"] = s.timeout_margin ? seconds_json(*s.timeout_margin) : ojson(nullptr);
  // Additions.
  sum["billed_instance_seconds"] = number_json(s.billed_instance_seconds);
  sum["instance_hours"] = round_to(s.instance_seconds / 3600.0, 6);
  sum["extra_instance_hours"] = round_to(s.extra_instance_seconds / 3600.0, 6);
  sum["billed_instance_hours"] = round_to(s.billed_instance_seconds / 3600.0, 6);
  sum["extra_cost_usd"] =
      ctx.extra_cost_usd ? cost_json<ojson>(*ctx.extra_cost_usd, 6) : ojson(nullptr);
  sum["exposure_traffic_s"] = number_json(s.exposure_traffic_s);
  sum["escaped"] = s.escaped;
  return sum;
}

ojson steps_json(const std::vector<Step>& steps) {
  ojson out = ojson::array();
  for (const auto& st : steps) {
    ojson o;
    o["t_s"] = seconds_json(st.t);
    o["end_s"] = seconds_json(st.end);
    o["phase"] = to_string(st.phase);
    o["variant"] = st.variant;
    o["old_running"] = st.old_running;
    o["old_active"] = st.old_active;
    o["new_running"] = st.new_running;
    o["new_active"] = st.new_active;
    o["new_traffic_pct"] = round_to(st.new_traffic_pct, 6);
    o["endpoint_status"] = st.endpoint_status;
    o["message"] = st.message;
    out.push_back(std::move(o));
  }
  return out;
}

ojson rollback_if_trip_json(const std::vector<RollbackIfTrip>& rollbacks) {
  ojson out = ojson::array();
  for (const auto& e : rollbacks) {
    ojson o;
    o["bake"] = e.bake;
    o["bake_start_s"] = seconds_json(e.bake_start);
    o["bake_end_s"] = seconds_json(e.bake_end);
    o["rollback_duration_s"] = seconds_json(e.rollback_duration);
    o["extra_instance_seconds"] = number_json(e.extra_instance_seconds);
    o["total_cost_usd"] = cost_json<ojson>(e.total_cost_usd, 6);
    o["extra_cost_usd"] = cost_json<ojson>(e.extra_cost_usd, 6);
    o["peak_instances"] = e.peak_instances;
    o["outcome"] = to_string(e.outcome);
    o["back_to_old_after_s"] = seconds_json(e.back_to_old);
    out.push_back(std::move(o));
  }
  return out;
}

ojson warnings_json(const Diagnostics& warnings) {
  ojson out = ojson::array();
  for (const auto& w : warnings) {
    ojson o;
    o["code"] = w.code;
    o["message"] = w.message;
    if (!w.path.empty()) o["path"] = w.path;
    out.push_back(std::move(o));
  }
  return out;
}

/// Additions to the contract's schema: the bakes and the timeline.
void add_bakes_and_timeline(const SimulationResult& r, ojson& j) {
  ojson bakes = ojson::array();
  for (const auto& b : r.bakes)
    bakes.push_back({{"bake", b.number},
                     {"start_s", seconds_json(b.start)},
                     {"end_s", seconds_json(b.end)},
                     {"final", b.final}});
  j["bakes"] = std::move(bakes);
  ojson timeline = ojson::array();
  for (const auto& p : r.timeline)
    timeline.push_back({{"t_s", seconds_json(p.t)},
                        {"old_running", p.old_running},
                        {"old_active", p.old_active},
                        {"new_running", p.new_running},
                        {"new_active", p.new_active},
                        {"new_traffic_pct", round_to(p.new_traffic_pct, 6)}});
  j["timeline"] = std::move(timeline);
}

}  // namespace

ojson seconds_json(SimTime t) {
  if (t % kMsPerSecond == 0) return t / kMsPerSecond;
  return to_seconds(t);
}

ojson simulation_json(const SimulationResult& r, const SimulationReportContext& ctx) {
  ojson j;
  j["schema"] = "shiftsim.simulation/v2";
  j["strategy"] = to_string(r.strategy);
  j["outcome"] = to_string(r.outcome);
  j["summary"] = summary_json(r, ctx);
  j["steps"] = steps_json(r.steps);
  j["rollback_if_trip"] = rollback_if_trip_json(r.rollback_if_trip);
  j["warnings"] = warnings_json(r.warnings);
  ojson assumptions = ojson::object();
  for (const auto& a : r.assumptions) assumptions[a.name] = assumption_json(a);
  j["assumptions"] = std::move(assumptions);
  j["unpriced_types"] = r.unpriced_types;
  add_bakes_and_timeline(r, j);
  j["trip_applied_at_s"] = r.trip_applied_at ? seconds_json(*r.trip_applied_at) : ojson(nullptr);
  if (ctx.risk) {
    const SimulationRisk& k = *ctx.risk;
    j["risk"] = {{"trials", k.trials},
                 {"seed", k.seed},
                 {"timeout_s", k.timeout ? seconds_json(*k.timeout) : ojson(nullptr)},
                 {"completion_s",
                  {{"p50", round_to(k.p50_s, 3)}, {"p95", round_to(k.p95_s, 3)},
                   {"p99", round_to(k.p99_s, 3)}}},
                 {"p_timeout", round_to(k.p_timeout, 6)},
                 {"p_rollback", round_to(k.p_rollback, 6)}};
  }
  if (!ctx.endpoint_name.empty()) j["endpoint_name"] = ctx.endpoint_name;
  if (!ctx.question.empty()) j["question"] = ctx.question;
  return j;
}

std::string render_simulation_json(const SimulationResult& result,
                                   const SimulationReportContext& ctx) {
  return simulation_json(result, ctx)
             .dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) +
         "\n";
}

}  // namespace shiftsim::cli
