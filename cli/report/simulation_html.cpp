// The simulate report as HTML (html_report.hpp): summary cards, the timeline chart
// (charts/timeline_chart.hpp), the "trip at each bake" table, the step table, warnings and
// assumptions.
#include "report/html_report.hpp"

#include "report/charts/svg.hpp"
#include "report/charts/timeline_chart.hpp"
#include "report/format.hpp"
#include "report/html/page.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <limits>

namespace shiftsim::cli {

namespace {

using html::card;
using html::esc;
using svg::secs;

const char* outcome_tone(Outcome o) { return o == Outcome::succeeded ? "ok" : "bad"; }

std::string outcome_words(Outcome o) {
  switch (o) {
    case Outcome::succeeded: return "Succeeded";
    case Outcome::rolled_back: return "Rolled back";
    case Outcome::timed_out: return "Timed out";
    case Outcome::update_rollback_failed: return "Rollback failed";
  }
  return "?";
}

std::string steps_table(const SimulationResult& r) {
  std::string o = "<section aria-labelledby=\"h-steps\">\n<h2 id=\"h-steps\">Step by step</h2>\n"
                  "<div class=\"tablewrap\"><table>\n";
  o += "<caption>Each row is a state that holds from its start to its end for one variant; times "
       "from the request (h:mm:ss).</caption>\n";
  o += "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Start</th><th scope=\"col\">End"
       "</th><th scope=\"col\" class=\"l\">Phase</th><th scope=\"col\" class=\"l\">Variant</th>"
       "<th scope=\"col\">Old running</th><th scope=\"col\">Old serving</th><th "
       "scope=\"col\">New running</th><th scope=\"col\">New serving</th><th scope=\"col\">"
       "Traffic to new</th><th scope=\"col\" class=\"l\">Status</th><th scope=\"col\" "
       "class=\"l\">Message</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const auto& s = r.steps[i];
    const char* ph = to_string(s.phase);
    o += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"l\"><span "
                     "class=\"phase {}\">{}</span></td><td class=\"l\">{}</td><td>{}</td><td>{}"
                     "</td><td>{}</td><td>{}</td><td>{}</td><td class=\"l\">{}</td><td "
                     "class=\"msg\">{}</td></tr>\n",
                     i + 1, clock_text(to_seconds(s.t)), clock_text(to_seconds(s.end)), ph, ph,
                     esc(s.variant), s.old_running, s.old_active, s.new_running, s.new_active,
                     percent(s.new_traffic_pct), esc(s.endpoint_status), esc(s.message));
  }
  if (r.steps.empty()) o += "<tr><td colspan=\"12\" class=\"l\">No steps.</td></tr>\n";
  return o + "</tbody></table></div>\n</section>\n";
}

std::string trips_table(const SimulationResult& r) {
  std::string o = "<section aria-labelledby=\"h-trips\">\n<h2 id=\"h-trips\">What a trip at "
                  "each bake would cost</h2>\n";
  if (r.rollback_if_trip.empty())
    return o + "<p class=\"none\">This plan has no bake: nothing can trip a rollback.</p>\n"
               "</section>\n";
  o += "<div class=\"tablewrap\"><table>\n<caption>An alarm in ALARM at the start of each bake "
       "of the planned path, with the timeout in force.</caption>\n<thead><tr><th "
       "scope=\"col\">Bake</th><th scope=\"col\">Bake window</th><th scope=\"col\" "
       "class=\"l\">Outcome</th><th scope=\"col\">Rollback takes</th><th scope=\"col\">Back "
       "on old after</th><th scope=\"col\">Done at</th><th scope=\"col\">Extra instance-h</th>"
       "<th scope=\"col\">Total cost</th><th scope=\"col\">Extra cost</th><th scope=\"col\">"
       "Peak</th></tr></thead>\n<tbody>\n";
  for (const auto& rb : r.rollback_if_trip) {
    const char* oc = to_string(rb.outcome);
    o += fmt::format("<tr><th scope=\"row\">{}</th><td>{}–{}</td><td class=\"l\"><span "
                     "class=\"outcome {}\">{}</span></td><td>{}</td><td>{}</td><td>{}</td><td>{}"
                     "</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     rb.bake, clock_text(to_seconds(rb.bake_start)),
                     clock_text(to_seconds(rb.bake_end)), oc, oc,
                     duration_words(to_seconds(rb.rollback_duration)),
                     duration_words(to_seconds(rb.back_to_old)),
                     clock_text(to_seconds(rb.bake_start + rb.rollback_duration)),
                     hours_text(rb.extra_instance_seconds),
                     esc(cost_grouped(rb.total_cost_usd, r.unpriced_types)),
                     esc(cost_grouped(rb.extra_cost_usd, r.unpriced_types)),
                     rb.peak_instances);
  }
  return o + "</tbody></table></div>\n</section>\n";
}

/// The timeout card: the margin left (or overrun), or that there is no timeout.
std::string timeout_card(const Summary& sm) {
  if (sm.timeout && sm.timeout_margin) {
    const double m = to_seconds(*sm.timeout_margin);
    const double to = to_seconds(*sm.timeout);
    const char* tone = m < 0 ? "bad" : (m < 0.1 * to ? "warn" : "ok");
    return card("Timeout margin", duration_words(m),
                fmt::format("timeout {} ({} s)", duration_words(to), secs(to)), tone);
  }
  if (sm.timeout)
    return card("Timeout", duration_words(to_seconds(*sm.timeout)),
                "MaximumExecutionTimeoutInSeconds", "info");
  return card("Timeout margin", "no timeout", "MaximumExecutionTimeoutInSeconds not set", "warn");
}

/// Cost, extra cost (estimated from the instance-seconds, shown with "≈", when the caller does
/// not know it) and the costliest rollback. An unknown cost (A12) reads "unknown (no price for
/// TYPE)", in the warning tone.
std::string cost_cards(const SimulationResult& r, const HtmlReportContext& ctx) {
  const auto& sm = r.summary;
  const auto tone = [](Cost c) { return c.known() ? "info" : "warn"; };
  std::string o = card(
      "Cost of the update", cost_grouped(sm.cost_usd, r.unpriced_types),
      sm.billed_instance_seconds == sm.instance_seconds
          ? fmt::format("billed cost of every instance from the request to the end ({} "
                        "instance-hours running)",
                        hours_text(sm.instance_seconds))
          : fmt::format("billed cost from the request to the end: {} billed of {} "
                        "instance-hours running (one fleet billed)",
                        hours_text(sm.billed_instance_seconds), hours_text(sm.instance_seconds)),
      tone(sm.cost_usd));
  const Cost extra =
      ctx.extra_cost_usd        ? *ctx.extra_cost_usd
      : sm.instance_seconds > 0 ? sm.cost_usd * (sm.extra_instance_seconds / sm.instance_seconds)
                                : Cost(0.0);
  o += card("Extra cost",
            (ctx.extra_cost_usd || !extra.known() ? "" : "≈ ") +
                cost_grouped(extra, r.unpriced_types),
            fmt::format("the cost minus the old fleet alone over the same time (+{} "
                        "instance-hours)",
                        hours_text(sm.extra_instance_seconds)),
            tone(extra));
  return o;
}

std::string summary_cards(const SimulationResult& r, const HtmlReportContext& ctx) {
  const auto& sm = r.summary;
  std::string o = "<section class=\"cards\" aria-label=\"Summary\">\n";
  o += card("Outcome", outcome_words(r.outcome), fmt::format("{} update", to_string(r.strategy)),
            outcome_tone(r.outcome));
  o += card("Duration", duration_words(to_seconds(sm.duration)),
            fmt::format("request to done: {}", clock_text(to_seconds(sm.duration))), "info");
  o += card("Peak instances", fmt::format("{}", sm.peak_instances),
            fmt::format("fewest serving at any moment: {}", sm.min_serving_instances), "info");
  o += cost_cards(r, ctx);
  o += timeout_card(sm);
  if (ctx.risk) {
    const SimulationRisk& k = *ctx.risk;
    o += card("P95 completion", duration_words(k.p95_s),
              fmt::format("95% of {} Monte Carlo trials under the timing model finish the success "
                          "path within this (P50 {}, P99 {})",
                          k.trials, duration_words(k.p50_s), duration_words(k.p99_s)),
              "info");
    o += card("P(timeout)", percent(100.0 * k.p_timeout, 2),
              k.timeout ? fmt::format("share of those trials the {} timeout cuts short",
                                      duration_words(to_seconds(*k.timeout)))
                        : std::string("no timeout: nothing is cut short"),
              k.p_timeout > 0.01 ? "bad" : "ok");
  }
  o += card("Exposure", fixed(sm.exposure_traffic_s / 60.0, 1) + " min",
            sm.escaped ? "of full traffic on the new version; the fault escaped the bakes"
                       : "of full traffic served by the new version until the run ended",
            sm.escaped ? "bad" : "info");
  if (!r.rollback_if_trip.empty()) {
    const auto worst = std::max_element(
        r.rollback_if_trip.begin(), r.rollback_if_trip.end(),
        [](const auto& a, const auto& b) {
          constexpr double lowest = -std::numeric_limits<double>::infinity();
          return a.extra_cost_usd.value_or(lowest) < b.extra_cost_usd.value_or(lowest);
        });
    o += card("Costliest rollback", cost_grouped(worst->extra_cost_usd, r.unpriced_types),
              fmt::format("extra cost of the run tripped at bake {} (to the end of its "
                          "rollback, over the old fleet alone); the rollback takes {}",
                          worst->bake, duration_words(to_seconds(worst->rollback_duration))),
              "info");
  }
  return o + "</section>\n";
}

std::string timeline_section(const SimulationResult& r) {
  std::string o =
      "<section aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">Timeline</h2>\n<figure>\n";
  o += timeline_chart(r);
  o += "<ul class=\"legend\" aria-label=\"Legend\">"
       "<li><span class=\"sw old\"></span>old fleet serving</li>"
       "<li><span class=\"sw old-idle\"></span>old fleet running, no traffic</li>"
       "<li><span class=\"sw new\"></span>new fleet serving</li>"
       "<li><span class=\"sw new-idle\"></span>new fleet running, no traffic</li>"
       "<li><span class=\"sw traffic\"></span>traffic to the new fleet (right axis)</li>"
       "<li><span class=\"sw bake\"></span>bake</li>"
       "<li><span class=\"sw timeout\"></span>timeout</li>"
       "<li><span class=\"sw rb\"></span>rollback path of a trip (blue tick: all traffic back on "
       "old)</li></ul>\n";
  o += "<figcaption>Hover a phase, bake or rollback path for details. Instances count from the "
       "start of their provisioning to the end of their termination.</figcaption>\n</figure>\n"
       "</section>\n";
  return o;
}

}  // namespace

std::string render_simulation_html(const SimulationResult& r, const HtmlReportContext& ctx) {
  const html::Chips chips = {{"strategy", to_string(r.strategy)},
                             {"outcome", to_string(r.outcome)}};
  std::string o = html::page_open(ctx, "simulation", chips);
  o += summary_cards(r, ctx);
  o += timeline_section(r);
  o += trips_table(r);
  o += steps_table(r);
  o += html::warnings_and_assumptions(r.warnings, r.assumptions);
  o += html::page_close(ctx);
  return o;
}

}  // namespace shiftsim::cli
