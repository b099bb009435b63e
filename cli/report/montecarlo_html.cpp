// The montecarlo report as HTML (html_report.hpp): summary cards, the duration histogram
// (charts/histogram_chart.hpp), the peak distribution, warnings and assumptions.
#include "report/html_report.hpp"

#include "report/charts/histogram_chart.hpp"
#include "report/charts/svg.hpp"
#include "report/format.hpp"
#include "report/html/page.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

using html::card;

std::string summary_cards(const MonteCarloHtmlInput& in) {
  std::string o = "<section class=\"cards\" aria-label=\"Summary\">\n";
  o += card("Duration P50", duration_words(in.p50_s),
            fmt::format("half of {} trials end sooner (request to the end of the update or of "
                        "its rollback); mean {}",
                        in.trials, duration_words(in.mean_s)),
            "info");
  o += card("Duration P95", duration_words(in.p95_s),
            fmt::format("95% of the trials end sooner; P90 {}", duration_words(in.p90_s)),
            "info");
  o += card("Duration P99", duration_words(in.p99_s),
            fmt::format("99% of the trials end sooner; the longest {}", duration_words(in.max_s)),
            "info");
  o += card("P(timeout)", percent(100 * in.p_timeout, 2),
            in.timeout_s ? fmt::format("share of trials the {} timeout cut short (outcome "
                                       "TIMED_OUT, then rolled back)",
                                       duration_words(*in.timeout_s))
                         : "no timeout set: no trial is cut short",
            in.p_timeout > 0 ? "bad" : "ok");
  o += card("P(rollback)", percent(100 * in.p_rollback, 2),
            "share of trials an alarm rolled back (outcome ROLLED_BACK); timeouts are in "
            "P(timeout)",
            in.p_rollback > 0.01 ? "warn" : "ok");
  if (in.p_escape)
    o += card("P(escape)", percent(100 * *in.p_escape, 2),
              "share of trials whose bad version was detected only after the last bake: no "
              "rollback, it stays",
              *in.p_escape > 0.01 ? "bad" : "ok");
  if (in.cost_mean_usd.known())
    o += card("Cost", cost_grouped(in.cost_mean_usd, in.unpriced_types),
              fmt::format("billed cost of every instance over the update, mean of the trials; "
                          "P95 {}; {} billed instance-hours (mean)",
                          cost_grouped(in.cost_p95_usd, in.unpriced_types),
                          fixed(in.billed_instance_hours_mean, 2)),
              "info");
  else
    o += card("Cost", cost_grouped(in.cost_mean_usd, in.unpriced_types),
              fmt::format("the trials bill instance types with no price; {} billed "
                          "instance-hours (mean)",
                          fixed(in.billed_instance_hours_mean, 2)),
              "warn");
  if (in.extra_cost_mean_usd.known())
    o += card("Extra cost", cost_grouped(in.extra_cost_mean_usd, in.unpriced_types),
              fmt::format("the update's cost over the old fleet alone for as long, mean of the "
                          "trials; P95 {}",
                          cost_grouped(in.extra_cost_p95_usd, in.unpriced_types)),
              "info");
  else
    o += card("Extra cost", cost_grouped(in.extra_cost_mean_usd, in.unpriced_types),
              "the update's cost over the old fleet alone: an instance type has no price",
              "warn");
  o += card("Instance-hours", fixed(in.instance_hours_mean, 2),
            fmt::format("every running instance, request to the end, mean of the trials; P95 {}",
                        fixed(in.instance_hours_p95, 2)),
            "info");
  if (in.recommended_timeout_s) {
    const bool below = in.timeout_s && *in.timeout_s < *in.recommended_timeout_s;
    o += card("Recommended timeout", fmt::format("{} s", svg::secs(*in.recommended_timeout_s)),
              in.recommendation_note.empty() ? duration_words(*in.recommended_timeout_s)
                                             : in.recommendation_note,
              below ? "warn" : "ok");
  }
  return o + "</section>\n";
}

std::string histogram_section(const MonteCarloHtmlInput& in) {
  std::string o = "<section aria-labelledby=\"h-hist\">\n<h2 id=\"h-hist\">How long the update "
                  "takes</h2>\n<figure>\n";
  o += histogram_chart(in, histogram_bins(in));
  o += "<ul class=\"legend\" aria-label=\"Legend\"><li><span class=\"sw bin\"></span>trials per "
       "duration bin</li><li><span class=\"sw q\"></span>P50 / P95 / P99</li><li><span "
       "class=\"sw timeout\"></span>timeout</li><li><span class=\"sw rec\"></span>recommended "
       "timeout</li></ul>\n</figure>\n</section>\n";
  return o;
}

std::string peak_table(const MonteCarloHtmlInput& in) {
  if (in.peak_distribution.empty()) return "";
  std::string o = "<section aria-labelledby=\"h-peak\">\n<h2 id=\"h-peak\">Peak instances</h2>\n"
                  "<div class=\"tablewrap\"><table class=\"narrow\">\n<caption>Share of trials "
                  "by the most instances running at once.</caption>\n<thead><tr><th "
                  "scope=\"col\">Peak instances</th><th scope=\"col\">Share of trials</th></tr>"
                  "</thead>\n<tbody>\n";
  for (const auto& [peak, share] : in.peak_distribution)
    o += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", peak,
                     percent(100 * share, 2));
  return o + "</tbody></table></div>\n</section>\n";
}

}  // namespace

std::string render_montecarlo_html(const MonteCarloHtmlInput& in, const HtmlReportContext& ctx) {
  html::Chips chips;
  if (!in.strategy.empty()) chips.emplace_back("strategy", in.strategy);
  chips.emplace_back("trials", fmt::format("{}", in.trials));
  chips.emplace_back("seed", fmt::format("{}", in.seed));
  std::string o = html::page_open(ctx, "Monte Carlo", chips);
  o += summary_cards(in);
  o += histogram_section(in);
  o += peak_table(in);
  o += html::warnings_and_assumptions(in.warnings, in.assumptions);
  o += html::page_close(ctx);
  return o;
}

}  // namespace shiftsim::cli
