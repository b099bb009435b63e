// `compare` as an HTML page (compare_report.hpp, html/page.hpp): the figures table with the best
// value of each ranked figure marked, then each config's request and warnings.
#include "report/compare_report.hpp"

#include "report/charts/compare_chart.hpp"
#include "report/html/page.hpp"

#include <fmt/core.h>

namespace shiftsim::cli {

namespace {

using html::esc;

std::string figures_table(const CompareReport& r, const std::vector<FigureRow>& rows) {
  std::string o = "<section aria-labelledby=\"h-figures\">\n<h2 id=\"h-figures\">Side by side"
                  "</h2>\n<div class=\"tablewrap\"><table class=\"compare\">\n";
  o += fmt::format("<caption>Outcome and duration: each config's median trial. P50/P95/P99, "
                   "P(timeout) and P(rollback): {} seeded trials (seed {}). The best value of "
                   "each ranked figure is marked.</caption>\n",
                   r.trials, r.seed);
  o += "<thead><tr><th scope=\"col\" class=\"l\">Figure</th>";
  for (const auto& c : r.columns) o += fmt::format("<th scope=\"col\">{}</th>", esc(c.label));
  o += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    const auto best = best_of(row);
    o += fmt::format("<tr data-figure=\"{}\"><th scope=\"row\" class=\"l\">{}</th>", esc(row.key),
                     esc(row.title));
    for (std::size_t c = 0; c < row.texts.size(); ++c)
      o += fmt::format("<td class=\"{}{}\">{}{}</td>", row.key == "config" ? "l wrap" : "",
                       best[c] ? " best" : "", esc(row.texts[c]),
                       best[c] ? " <span class=\"best-mark\">best</span>" : "");
    o += "</tr>\n";
  }
  return o + "</tbody></table></div>\n</section>\n";
}

std::string config_section(const CompareColumn& c, std::size_t i) {
  std::string o = fmt::format("<section aria-labelledby=\"h-config-{0}\">\n<h2 id=\"h-config-{0}\">"
                              "{1}</h2>\n",
                              i, esc(c.label));
  if (!c.source.empty()) o += fmt::format("<p class=\"none\">from {}</p>\n", esc(c.source));
  o += fmt::format("<pre>{}</pre>\n", esc(c.request_json));
  Diagnostics warnings = c.result.warnings;
  append_diagnostics(warnings, c.risk.warnings);
  if (warnings.empty()) return o + "<p class=\"none\">No warnings.</p>\n</section>\n";
  o += "<ul class=\"warnings\">\n";
  for (const auto& w : warnings)
    o += fmt::format("<li><code>{}</code>{}{}</li>\n", esc(w.code), esc(w.message),
                     w.path.empty()
                         ? std::string()
                         : fmt::format(" <span class=\"muted\">({})</span>", esc(w.path)));
  return o + "</ul>\n</section>\n";
}

}  // namespace

std::string render_compare_html(const CompareReport& r, const HtmlReportContext& ctx) {
  const auto rows = compare_figures(r);
  html::Chips chips;  // page_open adds the endpoint and the input file
  chips.emplace_back("configs", std::to_string(r.columns.size()));
  chips.emplace_back("trials", std::to_string(r.trials));
  std::string o = html::page_open(ctx, "compare", chips);
  o += "<section aria-labelledby=\"h-chart\">\n<h2 id=\"h-chart\">How long each takes</h2>\n"
       "<figure>\n" + compare_chart(r) + "</figure>\n</section>\n";
  o += figures_table(r, rows);
  for (std::size_t i = 0; i < r.columns.size(); ++i) o += config_section(r.columns[i], i + 1);
  return o + html::page_close(ctx);
}

}  // namespace shiftsim::cli
