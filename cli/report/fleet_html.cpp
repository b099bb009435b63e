// The fleet report as HTML (fleet_report.hpp).
#include "report/fleet_report.hpp"

#include "report/format.hpp"
#include "report/html/page.hpp"

#include <fmt/core.h>
#include <fmt/ranges.h>

namespace shiftsim::cli {

namespace {

using html::esc;

std::string opt_seconds(const std::optional<double>& s) { return s ? clock_text(*s) : "–"; }
/// A row's cost: the amount, "unknown (no price for TYPE)" when the row names unpriced types
/// (A12), else "–" (no pick, an error).
std::string opt_usd(const FleetRow& r, const std::optional<double>& v) {
  if (v) return usd_grouped(*v);
  return r.unpriced_types.empty() ? "–" : esc(unknown_cost_text(r.unpriced_types));
}

std::string cards(const FleetTotals& t) {
  std::string o = "<section class=\"cards\" aria-label=\"Summary\">\n";
  o += html::card("Endpoints", fmt::format("{}", t.endpoints),
                  fmt::format("{} ok, {} infeasible, {} errors", t.ok, t.infeasible, t.errors),
                  t.errors > 0 ? "bad" : (t.infeasible > 0 ? "warn" : "ok"));
  o += html::card("Cost of every update", cost_grouped(t.cost_usd, t.unpriced_types),
                  "extra over the old fleets " + cost_grouped(t.extra_cost_usd, t.unpriced_types),
                  t.cost_usd.known() ? "info" : "warn");
  o += html::card("Longest update", clock_text(t.longest_s), "P95 " + clock_text(t.longest_p95_s));
  o += html::card("Peak instances", fmt::format("{}", t.peak_instances),
                  "if every endpoint updated at once", "info");
  return o + "</section>\n";
}

std::string endpoint_table(const MergedFleet& fleet) {
  std::string o =
      "<section aria-labelledby=\"h-endpoints\">\n<h2 id=\"h-endpoints\">Endpoints</h2>\n"
      "<div class=\"tablewrap\"><table>\n<caption>Each endpoint's result, in name order."
      "</caption>\n<thead><tr><th scope=\"col\">Endpoint</th><th scope=\"col\">Status</th>"
      "<th scope=\"col\">Pick</th><th scope=\"col\">Duration</th><th scope=\"col\">P95</th>"
      "<th scope=\"col\">Cost</th><th scope=\"col\">Extra cost</th><th scope=\"col\">Peak"
      "</th><th scope=\"col\">Findings</th></tr></thead>\n<tbody>\n";
  for (const auto& r : fleet.rows)
    o += fmt::format(
        "<tr data-endpoint=\"{}\" data-status=\"{}\"><th scope=\"row\">{}</th><td>{}</td>"
        "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
        esc(r.endpoint), esc(r.status), esc(r.endpoint), esc(r.status), esc(r.pick.value_or("–")),
        opt_seconds(r.duration_s), opt_seconds(r.p95_s), opt_usd(r, r.cost_usd),
        opt_usd(r, r.extra_cost_usd), r.peak_instances ? fmt::format("{}", *r.peak_instances) : "–",
        esc(fmt::format("{}", fmt::join(r.findings, ", "))));
  return o + "</tbody></table></div>\n</section>\n";
}

std::string totals_table(const FleetTotals& t) {
  std::string o =
      "<section aria-labelledby=\"h-totals\">\n<h2 id=\"h-totals\">Fleet totals</h2>\n"
      "<div class=\"tablewrap\"><table class=\"narrow\">\n<caption>Peak instances by type if "
      "every endpoint were updated at the same time (the sum of each endpoint's peak), and the "
      "cost of every update.</caption>\n<thead><tr><th scope=\"col\">Instance type</th>"
      "<th scope=\"col\">Peak instances</th></tr></thead>\n<tbody>\n";
  for (const auto& [type, n] : t.peak_by_type)
    o += fmt::format("<tr data-instance-type=\"{}\" data-peak=\"{}\"><th scope=\"row\">{}</th>"
                     "<td>{}</td></tr>\n",
                     esc(type), n, esc(type), n);
  o += fmt::format("<tr><th scope=\"row\">Cost of every update</th><td data-role=\"total-cost\">"
                   "{}</td></tr>\n",
                   esc(cost_grouped(t.cost_usd, t.unpriced_types)));
  return o + "</tbody></table></div>\n</section>\n";
}

}  // namespace

std::string render_fleet_html(const MergedFleet& fleet, const FleetTotals& totals,
                              const HtmlReportContext& ctx) {
  html::Chips chips;
  chips.emplace_back("fleet", fleet.fleet);
  chips.emplace_back("command", fleet.command);
  chips.emplace_back("shards", fmt::format("{}", fleet.shards));
  std::string o = html::page_open(ctx, "fleet", chips);
  o += cards(totals);
  o += totals_table(totals);
  o += endpoint_table(fleet);
  return o + html::page_close(ctx);
}

}  // namespace shiftsim::cli
