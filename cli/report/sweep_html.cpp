// The sweep and plan reports as HTML (html_report.hpp): the pick's cards and why (plan), the
// duration-against-cost scatter (charts/pareto_chart.hpp), the front as a table, the request to
// send (plan), warnings and assumptions.
#include "report/html_report.hpp"

#include "report/charts/pareto_chart.hpp"
#include "report/charts/svg.hpp"
#include "report/format.hpp"
#include "report/html/page.hpp"
#include "report/sweep_report.hpp"

#include <fmt/core.h>

#include <algorithm>

namespace shiftsim::cli {

namespace {

using html::card;
using html::esc;

std::string pick_cards(const SweepHtmlInput& in, const SweepPoint& pick) {
  std::string o = "<section class=\"cards\" aria-label=\"Summary\">\n";
  o += card("Pick", pick.label,
            in.objective.empty() ? "" : fmt::format("minimizes {}", in.objective), "ok");
  o += card(in.duration_label, duration_words(pick.duration_s),
            "of the picked config under the timing model", "info");
  o += card("Extra cost", cost_grouped(pick.cost_usd, in.unpriced_types),
            "of the update: its billed cost minus the old fleet alone over the same time",
            pick.cost_usd.known() ? "info" : "warn");
  if (pick.p_timeout)
    o += card("P(timeout)", percent(100.0 * *pick.p_timeout, 2),
              "share of updates the request's timeout would cut short (exact)",
              *pick.p_timeout > 0.01 ? "warn" : "info");
  if (pick.p_escape)
    o += card("P(escape)", percent(100.0 * *pick.p_escape, 2),
              "share of bad versions detected only after the last bake (they stay)",
              *pick.p_escape > 0.01 ? "bad" : "ok");
  o += card("Exposure", fixed(pick.exposure / 60, 1) + " min",
            "of full traffic a bad version serves before its rollback ends (median trial)",
            "info");
  if (pick.peak_instances > 0)
    o += card("Peak instances", svg::num_label(pick.peak_instances), "of the picked config",
              "info");
  return o + "</section>\n";
}

std::string explanation_section(const std::vector<std::string>& explanation) {
  if (explanation.empty()) return "";
  std::string o = "<section aria-labelledby=\"h-why\">\n<h2 id=\"h-why\">Why this config</h2>\n"
                  "<ul>\n";
  for (const auto& line : explanation) o += fmt::format("<li>{}</li>\n", esc(line));
  return o + "</ul>\n</section>\n";
}

std::string chart_section(const SweepHtmlInput& in) {
  if (std::any_of(in.points.begin(), in.points.end(),
                  [](const SweepPoint& p) { return !p.cost_usd.known(); }))
    return fmt::format("<section aria-labelledby=\"h-pareto\">\n<h2 id=\"h-pareto\">{} "
                       "against extra cost</h2>\n<p class=\"none\">Not drawn: the extra cost is "
                       "{}.</p>\n</section>\n",
                       esc(in.duration_label), esc(unknown_cost_text(in.unpriced_types)));
  const auto drawn = pareto_points(in);
  std::string o = fmt::format("<section aria-labelledby=\"h-pareto\">\n<h2 id=\"h-pareto\">{} "
                              "against extra cost</h2>\n<figure>\n",
                              esc(in.duration_label));
  o += pareto_chart(in, drawn);
  o += "<ul class=\"legend\" aria-label=\"Legend\"><li><span class=\"sw pick\"></span>the pick"
       "</li><li><span class=\"sw front\"></span>Pareto front (" + esc(in.duration_label) +
       ", extra cost, exposure)</li>"
       "<li><span class=\"sw pt\"></span>other configs</li><li><span class=\"sw timeout\" "
       "style=\"border-top-color:var(--warn)\"></span>limits</li></ul>\n";
  if (drawn.size() < in.points.size())
    o += fmt::format("<figcaption>Showing {} of {} configs: every front config, the pick and an "
                     "even sample of the rest.</figcaption>\n",
                     drawn.size(), in.points.size());
  return o + "</figure>\n</section>\n";
}

/// The front (and the pick) as a table, by duration; at most 200 rows.
std::string front_table(const SweepHtmlInput& in) {
  std::vector<const SweepPoint*> front;
  for (const auto& p : in.points)
    if (p.on_front || p.picked) front.push_back(&p);
  std::sort(front.begin(), front.end(),
            [](auto* a, auto* b) { return a->duration_s < b->duration_s; });
  std::string o = "<section aria-labelledby=\"h-front\">\n<h2 id=\"h-front\">The Pareto "
                  "front</h2>\n";
  if (front.empty()) return o + "<p class=\"none\">No config meets the limits.</p>\n</section>\n";
  o += "<div class=\"tablewrap\"><table>\n<caption>Configs no other config beats on " +
       esc(in.duration_label) + ", extra cost and exposure at once";
  if (front.size() > 200) o += fmt::format(" (the first 200 of {} by duration)", front.size());
  o += ".</caption>\n<thead><tr><th scope=\"col\" class=\"l\">Config</th><th "
       "scope=\"col\">" + esc(in.duration_label) + "</th><th scope=\"col\">Extra cost</th><th "
       "scope=\"col\">P(timeout)</th><th scope=\"col\">P(escape)</th><th scope=\"col\">"
       "Exposure</th><th scope=\"col\">Peak</th><th scope=\"col\" class=\"l\">Pick</th></tr>"
       "</thead>\n<tbody>\n";
  for (std::size_t i = 0; i < front.size() && i < 200; ++i) {
    const auto* p = front[i];
    auto chance = [](const std::optional<double>& v) {
      return v ? percent(100.0 * *v, 2) : std::string("-");
    };
    o += fmt::format("<tr><th scope=\"row\" class=\"l\">{}</th><td>{}</td><td>{}</td><td>{}</td>"
                     "<td>{}</td><td>{} min</td><td>{}</td><td class=\"l\">{}</td></tr>\n",
                     esc(p->label), duration_words(p->duration_s),
                     esc(cost_grouped(p->cost_usd, in.unpriced_types)), chance(p->p_timeout),
                     chance(p->p_escape),
                     fixed(p->exposure / 60, 1),
                     p->peak_instances > 0 ? svg::num_label(p->peak_instances) : "",
                     p->picked ? "★ pick" : "");
  }
  return o + "</tbody></table></div>\n</section>\n";
}

html::Chips chips_of(const SweepHtmlInput& in) {
  std::size_t n_front = 0, n_feasible = 0;
  for (const auto& p : in.points) {
    n_front += p.on_front ? 1 : 0;
    n_feasible += p.feasible ? 1 : 0;
  }
  html::Chips chips;
  chips.emplace_back("configs", fmt::format("{}", in.points.size()));
  chips.emplace_back("feasible", fmt::format("{}", n_feasible));
  chips.emplace_back("on the front", fmt::format("{}", n_front));
  if (!in.objective.empty()) chips.emplace_back("minimize", in.objective);
  return chips;
}

}  // namespace

std::vector<SweepPoint> sweep_points(const SweepResult& r, std::optional<std::size_t> pick) {
  std::vector<SweepPoint> points;
  points.reserve(r.rows.size());
  for (std::size_t i = 0; i < r.rows.size(); ++i) {
    const auto& x = r.rows[i];
    SweepPoint p;
    p.duration_s = x.ranked_duration_s;
    p.cost_usd = x.extra_cost_usd;
    if (x.risk_known) {
      p.p_timeout = x.risk.p_timeout;
      p.p_escape = x.risk.p_escape;
    }
    p.exposure = x.exposure_traffic_s;
    p.peak_instances = x.peak;
    p.feasible = x.feasible();
    p.on_front = x.pareto;
    p.picked = pick && *pick == i;
    if (p.on_front || p.picked) p.label = describe_config(x.config);
    points.push_back(std::move(p));
  }
  return points;
}

std::string render_sweep_html(const SweepHtmlInput& in, const HtmlReportContext& ctx) {
  std::string o = html::page_open(ctx, in.kind, chips_of(in));
  for (const auto& p : in.points)
    if (p.picked) {
      o += pick_cards(in, p);
      break;
    }
  o += explanation_section(in.explanation);
  o += chart_section(in);
  o += front_table(in);
  if (!in.request_text.empty())
    o += fmt::format("<section aria-labelledby=\"h-request\">\n<h2 id=\"h-request\">The request "
                     "to send</h2>\n<pre>{}</pre>\n</section>\n",
                     esc(in.request_text));
  o += html::warnings_and_assumptions(in.warnings, in.assumptions);
  o += html::page_close(ctx);
  return o;
}

}  // namespace shiftsim::cli
