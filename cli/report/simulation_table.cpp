// The simulate table (simulation_table.hpp): header, steps, summary, trips, the text timeline,
// warnings and assumptions.
#include "report/simulation_table.hpp"

#include "report/charts/text_timeline_chart.hpp"
#include "report/format.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <vector>

namespace shiftsim::cli {

namespace {

/// Display width of UTF-8 text (code points; every character we print is one column wide).
std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  return n;
}

std::string pad_right(std::string s, std::size_t w) {
  const std::size_t d = display_width(s);
  if (d < w) s.append(w - d, ' ');
  return s;
}

std::string pad_left(const std::string& s, std::size_t w) {
  const std::size_t d = display_width(s);
  return d < w ? std::string(w - d, ' ') + s : s;
}

/// A simple aligned table: right-aligned columns flagged in `right`.
std::string render_grid(const std::vector<std::string>& header,
                        const std::vector<std::vector<std::string>>& rows,
                        const std::vector<bool>& right, const std::string& indent = "  ") {
  std::vector<std::size_t> w(header.size(), 0);
  for (std::size_t c = 0; c < header.size(); ++c) w[c] = display_width(header[c]);
  for (const auto& r : rows)
    for (std::size_t c = 0; c < r.size() && c < w.size(); ++c)
      w[c] = std::max(w[c], display_width(r[c]));
  auto line = [&](const std::vector<std::string>& cells) {
    std::string out = indent;
    for (std::size_t c = 0; c < cells.size(); ++c) {
      const bool last = c + 1 == cells.size();
      if (right[c]) out += pad_left(cells[c], w[c]);
      else out += last ? cells[c] : pad_right(cells[c], w[c]);
      if (!last) out += "  ";
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "\n";
  };
  std::string out = line(header);
  std::vector<std::string> rule;
  for (std::size_t c = 0; c < w.size(); ++c) {
    // The last column is free text: its rule stops at 40 columns.
    const std::size_t rw = c + 1 == w.size() ? std::min<std::size_t>(w[c], 40) : w[c];
    std::string r;
    for (std::size_t k = 0; k < rw; ++k) r += "─";
    rule.push_back(r);
  }
  out += line(rule);
  for (const auto& r : rows) out += line(r);
  return out;
}

std::string pct(double v) { return percent(v, 1); }

std::string duration_text(SimTime t) {
  return fmt::format("{} s ({})", seconds_text(t), hms_text(t));
}


std::string steps_section(const SimulationResult& r) {
  std::vector<std::vector<std::string>> rows;
  for (const auto& s : r.steps) {
    rows.push_back({seconds_text(s.t), seconds_text(s.end), to_string(s.phase), s.variant,
                    fmt::format("{}/{}", s.old_running, s.old_active),
                    fmt::format("{}/{}", s.new_running, s.new_active), pct(s.new_traffic_pct),
                    s.endpoint_status, s.message});
  }
  return "\nSteps (times in seconds from the request)\n" +
         render_grid({"t", "end", "phase", "variant", "old run/act", "new run/act", "traffic",
                      "status", "message"},
                     rows, {true, true, false, false, true, true, true, false, false});
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

std::string summary_section(const SimulationResult& r, const SimulationReportContext& ctx) {
  const Summary& s = r.summary;
  KeyValues kv;
  kv.emplace_back("outcome", to_string(r.outcome));
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
  kv.emplace_back("cost", usd(s.cost_usd));
  if (ctx.extra_cost_usd) kv.emplace_back("extra cost", usd(*ctx.extra_cost_usd));
  kv.emplace_back("timeout", timeout_text(s));
  fault_lines(r, ctx, kv);
  std::string out = "\nSummary\n";
  for (const auto& [k, v] : kv) out += fmt::format("  {:<21} {}\n", k, v);
  return out;
}

/// What a trip at each bake would cost.
std::string trips_section(const SimulationResult& r) {
  std::string out = "\nWhat a trip at each bake would cost\n";
  if (r.rollback_if_trip.empty()) return out + "  (no bakes: nothing watches the alarms)\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& e : r.rollback_if_trip)
    rows.push_back({std::to_string(e.bake),
                    fmt::format("{}-{}", seconds_text(e.bake_start), seconds_text(e.bake_end)),
                    to_string(e.outcome), seconds_text(e.rollback_duration),
                    seconds_text(e.back_to_old), hours_text(e.extra_instance_seconds),
                    usd(e.cost_usd), std::to_string(e.peak_instances)});
  return out + render_grid({"bake", "window (s)", "outcome", "rollback s", "to 100% old s",
                            "extra inst-h", "extra cost", "peak"},
                           rows, {true, true, false, true, true, true, true, true});
}

std::string warnings_and_assumptions(const SimulationResult& r) {
  std::string out = "\nWarnings\n";
  if (r.warnings.empty()) out += "  (none)\n";
  std::size_t cw = 0;
  for (const auto& w : r.warnings) cw = std::max(cw, w.code.size());
  for (const auto& w : r.warnings) out += fmt::format("  {:<{}}  {}\n", w.code, cw, w.message);
  out += "\nAssumptions (override with --assume NAME=VALUE)\n";
  std::size_t aw = 0;
  for (const auto& a : r.assumptions) aw = std::max(aw, a.name.size());
  for (const auto& a : r.assumptions) out += fmt::format("  {:<{}} = {}\n", a.name, aw, a.value);
  return out;
}

}  // namespace

std::string render_simulation_table(const SimulationResult& r, const SimulationReportContext& ctx) {
  std::string out = fmt::format("shiftsim simulate: {} update", to_string(r.strategy));
  if (!ctx.endpoint_name.empty()) out += fmt::format(" of endpoint {}", ctx.endpoint_name);
  out += fmt::format(" -> {}\n", to_string(r.outcome));
  if (!ctx.question.empty()) out += fmt::format("Q: {}\n", ctx.question);
  if (!ctx.source.empty()) out += fmt::format("   ({})\n", ctx.source);
  out += steps_section(r);
  out += summary_section(r, ctx);
  out += trips_section(r);
  out += "\nTimeline\n" + render_timeline_chart(r, 60);
  out += warnings_and_assumptions(r);
  return out;
}

}  // namespace shiftsim::cli
