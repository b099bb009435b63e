// The simulate table (simulation_table.hpp): header, steps, summary, trips, the text timeline,
// warnings and assumptions.
#include "report/simulation_table.hpp"

#include "diagnostics_output.hpp"
#include "report/charts/text_timeline_chart.hpp"
#include "report/format.hpp"
#include "terminal.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace shiftsim::cli {

namespace {

std::string pct(double v) { return percent(v, 1); }

std::string duration_text(SimTime t) {
  return fmt::format("{} s ({})", seconds_text(t), hms_text(t));
}


std::string heading(std::string_view text, const TextStyle& st) {
  return "\n" + paint(text, Tone::heading, st.color) + "\n";
}

Tone outcome_tone(Outcome o) {
  return o == Outcome::succeeded ? Tone::good : o == Outcome::rolled_back ? Tone::warn : Tone::bad;
}

std::string steps_section(const SimulationResult& r, const TextStyle& st) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : r.steps) {
    rows.push_back({seconds_text(s.t), seconds_text(s.end), to_string(s.phase), s.variant,
                    fmt::format("{}/{}", s.old_running, s.old_active),
                    fmt::format("{}/{}", s.new_running, s.new_active), pct(s.new_traffic_pct),
                    s.endpoint_status, s.message});
  }
  return heading("Steps (times in seconds from the request)", st) +
         render_grid({{"t", true}, {"end", true}, {"phase"}, {"variant"}, {"old run/act", true},
                      {"new run/act", true}, {"traffic", true}, {"status"},
                      {"message", false, true}},
                     rows, st.width);
}

using KeyValues = std::vector<std::pair<std::string, std::string>>;

/// The timeout in force and its margin.
std::string timeout_text(const Summary& s) {
  if (!s.timeout) return "none (MaximumExecutionTimeoutInSeconds not set)";
  std::string t = duration_text(*s.timeout);
  if (s.timeout_margin)
    t += fmt::format(", margin {} s{}", seconds_text(*s.timeout_margin),
                     *s.timeout_margin < 0 ? " (exceeded)" : "");
  return t;
}

/// The injected fault: when the trip applied, the bad version, the exposure.
void fault_lines(const SimulationResult& r, const SimulationReportContext& ctx, KeyValues& kv) {
  const Summary& s = r.summary;
  if (r.trip_applied_at) kv.emplace_back("trip applied at", duration_text(*r.trip_applied_at));
  if (ctx.trip.kind == Trip::Kind::after_new_traffic)
    kv.emplace_back("bad version", fmt::format("its alarm fires {} s after it first takes traffic",
                                               seconds_text(ctx.trip.at)));
  if (s.escaped) kv.emplace_back("injected fault", "escaped: no bake caught it");
  if (ctx.trip.kind == Trip::Kind::none) return;
  const char* until = s.escaped                           ? "and counting: it stays in service"
                      : r.outcome == Outcome::succeeded ? "before the update ended"
                                                        : "before the rollback completed";
  kv.emplace_back("exposure",
                  fmt::format("{} traffic-s on the new version ({} min of full traffic) {}",
                              trim_number(s.exposure_traffic_s, 1),
                              fixed(s.exposure_traffic_s / 60.0, 1), until));
}

std::string summary_section(const SimulationResult& r, const SimulationReportContext& ctx,
                            const TextStyle& st) {
  const Summary& s = r.summary;
  KeyValues kv;
  kv.emplace_back("outcome", paint(to_string(r.outcome), outcome_tone(r.outcome), st.color));
  kv.emplace_back("duration", duration_text(s.duration));
  kv.emplace_back("peak instances", std::to_string(s.peak_instances));
  kv.emplace_back("fewest serving", std::to_string(s.min_serving_instances));
  kv.emplace_back("instance-hours",
                  fmt::format("{} ({} instance-s)", hours_text(s.instance_seconds),
                              trim_number(s.instance_seconds, 3)));
  kv.emplace_back("billed inst-hours",
                  fmt::format("{} ({} instance-s{})", hours_text(s.billed_instance_seconds),
                              trim_number(s.billed_instance_seconds, 3),
                              s.billed_instance_seconds == s.instance_seconds
                                  ? ": every running instance"
                                  : ": one fleet per variant, the one carrying its traffic"));
  kv.emplace_back("extra instance-hours",
                  fmt::format("{} ({} instance-s over the old fleet alone)",
                              hours_text(s.extra_instance_seconds),
                              trim_number(s.extra_instance_seconds, 3)));
  kv.emplace_back("cost", cost_text(s.cost_usd, r.unpriced_types));
  if (ctx.extra_cost_usd)
    kv.emplace_back("extra cost", cost_text(*ctx.extra_cost_usd, r.unpriced_types));
  kv.emplace_back("timeout", timeout_text(s));
  fault_lines(r, ctx, kv);
  std::string out = heading("Summary", st);
  for (const auto& [k, v] : kv)
    out += hanging(fmt::format("  {:<21} ", k), v, std::string(24, ' '), st.width);
  return out;
}

/// What a trip at each bake would cost.
std::string trips_section(const SimulationResult& r, const TextStyle& st) {
  std::string out = heading("What a trip at each bake would cost", st);
  if (r.rollback_if_trip.empty()) return out + "  (no bakes: nothing watches the alarms)\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : r.rollback_if_trip)
    rows.push_back({std::to_string(e.bake),
                    fmt::format("{}-{}", seconds_text(e.bake_start), seconds_text(e.bake_end)),
                    to_string(e.outcome), seconds_text(e.rollback_duration),
                    seconds_text(e.back_to_old), hours_text(e.extra_instance_seconds),
                    cost_text(e.total_cost_usd, r.unpriced_types),
                    cost_text(e.extra_cost_usd, r.unpriced_types),
                    std::to_string(e.peak_instances)});
  return out + render_grid({{"bake", true}, {"window (s)", true}, {"outcome"},
                            {"rollback s", true}, {"to 100% old s", true},
                            {"extra inst-h", true}, {"total cost", true}, {"extra cost", true},
                            {"peak", true}},
                           rows, st.width);
}

/// The risk check under the timing model, when it ran.
std::string risk_section(const SimulationReportContext& ctx, const TextStyle& st) {
  if (!ctx.risk) return "";
  const SimulationRisk& k = *ctx.risk;
  std::string out = heading(fmt::format("Risk under the timing model ({} Monte Carlo trials, seed "
                                        "{}; the steps above are the median trial)",
                                        k.trials, k.seed),
                            st);
  KeyValues kv;
  kv.emplace_back("completion", fmt::format("P50 {} s, P95 {} s, P99 {} s", fixed(k.p50_s, 0),
                                            fixed(k.p95_s, 0), fixed(k.p99_s, 0)));
  kv.emplace_back("P(timeout)", k.timeout ? fmt::format("{} of trials at the {} s timeout",
                                                        percent(100.0 * k.p_timeout, 2),
                                                        seconds_text(*k.timeout))
                                          : std::string("0% (no timeout)"));
  kv.emplace_back("P(rollback)",
                  fmt::format("{} of trials (false alarms)", percent(100.0 * k.p_rollback, 2)));
  for (const auto& [key, v] : kv)
    out += hanging(fmt::format("  {:<21} ", key), v, std::string(24, ' '), st.width);
  return out;
}

std::string warnings_and_assumptions(const SimulationResult& r, const TextStyle& st) {
  std::string out = heading("Warnings", st);
  if (r.warnings.empty()) out += "  (none)\n";
  for (const auto& w : r.warnings) out += hanging("  ", diagnostic_text(w), "    ", st.width);
  out += heading("Assumptions (override with --assume NAME=VALUE)", st);
  std::size_t aw = 0;
  for (const auto& a : r.assumptions) aw = std::max(aw, a.name.size());
  for (const auto& a : r.assumptions)
    out += hanging(fmt::format("  {:<{}} = ", a.name, aw), a.value, std::string(aw + 5, ' '),
                   st.width);
  return out;
}

}  // namespace

std::string render_simulation_table(const SimulationResult& r, const SimulationReportContext& ctx,
                                    const TextStyle& st) {
  std::string out = fmt::format("shiftsim simulate: {} update", to_string(r.strategy));
  if (!ctx.endpoint_name.empty()) out += fmt::format(" of endpoint {}", ctx.endpoint_name);
  out = hanging("", fmt::format("{} -> {}", out, paint(to_string(r.outcome),
                                                       outcome_tone(r.outcome), st.color)),
                "  ", st.width);
  if (!ctx.question.empty()) out += hanging("Q: ", ctx.question, "   ", st.width);
  if (!ctx.source.empty()) out += hanging("   (", ctx.source + ")", "    ", st.width);
  out += steps_section(r, st);
  out += summary_section(r, ctx, st);
  out += trips_section(r, st);
  out += risk_section(ctx, st);
  out += heading("Timeline", st) + render_timeline_chart(r, 60, st.width);
  out += warnings_and_assumptions(r, st);
  return out;
}

}  // namespace shiftsim::cli
