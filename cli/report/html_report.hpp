#pragma once
// HTML reports: one self-contained page per run (inline SVG and CSS only; no script, font, style
// sheet or image is fetched from anywhere, and a Content-Security-Policy forbids it), readable in
// light and dark, printable and accessible (every <svg> has role="img", a <title> and a <desc>
// named by aria-labelledby; tables have <caption> and <th scope>). Every text that comes from the
// input is HTML-escaped.
//
// Stable hooks for tests and tools (attribute names and meanings do not change):
//   <svg data-chart="timeline|histogram|pareto">
//   <rect data-role="plot-area" x=.. width=..>           the chart's time (or value) axis spans this
//                                                        rect: value v sits at x + v / data-x-max * width
//   <g data-step="i" data-t-s=.. data-end-s=..>          timeline: one group per SimulationResult::steps[i]
//   <line data-role="timeout" data-t-s=..>               timeout (x1 == x2 on the scale above; when the
//                                                        timeout lies far beyond the chart, the line sits
//                                                        at the right edge with data-offscale="true")
//   <rect data-role="bake" data-bake="k">                a bake of the success path, shaded
//   <g data-role="rollback-path" data-bake="k">          what a trip at bake k would do
//   <rect data-role="bin">, <line data-role="p50|p90|p95|p99|recommended-timeout">  montecarlo
//   <circle data-role="point" data-front="0|1" data-picked="0|1">                     sweep/plan
//
// Files: one per report (simulation_html.cpp, montecarlo_html.cpp, sweep_html.cpp for sweep and
// plan), the shared page frame (html/page.hpp) with its style sheet (html/report.css, embedded at
// build time), one file per chart (charts/: timeline_chart, histogram_chart, pareto_chart).
#include "atomic_write.hpp"
#include "report/simulation_context.hpp"
#include "shiftsim/result.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shiftsim::cli {

/// Who and what the page is about. Every field is optional (empty: not shown).
struct HtmlReportContext {
  std::string title;          ///< page title and heading; empty: "shiftsim <kind> report"
  std::string endpoint_name;  ///< the SageMaker endpoint
  std::string question;       ///< the one-line question the scenario answers
  std::string source;         ///< where the inputs came from, e.g. "scenarios/gpu-llm-canary.yaml"
  std::string generated_by;   ///< e.g. "shiftsim 0.1.0 simulate --scenario ..." (shown in the footer)
  std::string generated_at;   ///< a timestamp, if the caller wants one (reports stay reproducible
                              ///< when it is left empty)
  /// simulate: cost_usd minus the old fleet running for the duration (RunFigures::extra_cost_usd).
  /// Unset: estimated as cost_usd x extra_instance_seconds / instance_seconds (shown with "≈").
  std::optional<Cost> extra_cost_usd;
  /// simulate: its risk check under the timing model, when it ran.
  std::optional<SimulationRisk> risk;
};

/// The simulate report: summary cards, the timeline chart (both fleets running and serving,
/// stacked; the new fleet's traffic share; bakes; timeout; the rollback path of a trip at each
/// bake), the "trip at each bake" table, the step table, warnings and assumptions.
[[nodiscard]] std::string render_simulation_html(const SimulationResult& result,
                                                 const HtmlReportContext& ctx);

/// One histogram bin of trial durations: [lo_s, hi_s), count trials.
struct HistogramBin {
  double lo_s = 0.0;
  double hi_s = 0.0;
  std::uint64_t count = 0;
};

/// What render_montecarlo_html needs. Give either `durations_s` (one per trial, or a sample:
/// the renderer bins them) or ready-made `bins` (used as given when non-empty).
struct MonteCarloHtmlInput {
  std::uint64_t trials = 0;
  std::uint64_t seed = 0;
  std::string strategy;                  ///< e.g. "ROLLING"
  std::vector<double> durations_s;
  std::vector<HistogramBin> bins;
  double p50_s = 0.0, p90_s = 0.0, p95_s = 0.0, p99_s = 0.0, max_s = 0.0, mean_s = 0.0;
  double p_rollback = 0.0;               ///< 0..1
  double p_timeout = 0.0;                ///< 0..1
  std::optional<double> p_escape;        ///< 0..1, bad-version runs only
  Cost cost_mean_usd, cost_p95_usd;
  Cost extra_cost_mean_usd, extra_cost_p95_usd;  ///< over the old fleet alone
  UnpricedTypes unpriced_types;          ///< what makes the costs unknown (A12)
  double instance_hours_mean = 0.0, instance_hours_p95 = 0.0;
  double billed_instance_hours_mean = 0.0;  ///< the instance-hours the cost prices (A2)
  std::optional<double> timeout_s;              ///< the user's MaximumExecutionTimeoutInSeconds
  std::optional<double> recommended_timeout_s;  ///< the recommendation
  std::string recommendation_note;              ///< e.g. "P99 + 20%, inside 600..28800"
  /// Peak instances: value -> share of trials (0..1).
  std::vector<std::pair<int, double>> peak_distribution;
  Diagnostics warnings;
  std::vector<AssumptionValue> assumptions;
};

/// The montecarlo report: cards, a duration histogram with P50/P95/P99 and the timeout lines,
/// the peak distribution, warnings and assumptions.
[[nodiscard]] std::string render_montecarlo_html(const MonteCarloHtmlInput& in,
                                                 const HtmlReportContext& ctx);

/// One evaluated config of a sweep or plan.
struct SweepPoint {
  double duration_s = 0.0;  ///< the completion quantile the limits use (SweepHtmlInput label)
  Cost cost_usd;            ///< extra cost of the update (A3; unknown with an unpriced type: A12)
  std::optional<double> p_timeout;  ///< at the timeout its request carries (when computed)
  std::optional<double> p_escape;
  double exposure = 0.0;   ///< exposure figure (traffic-seconds); 0 when not computed
  double peak_instances = 0.0;
  bool feasible = true;    ///< meets every limit
  bool on_front = false;   ///< on the Pareto front (duration, cost, exposure)
  bool picked = false;     ///< the plan's pick (at most one point)
  std::string label;       ///< the config, e.g. "ROLLING 10% wait 300s"
};

/// What render_sweep_html needs (sweep and plan both use it).
struct SweepHtmlInput {
  std::string kind = "sweep";          ///< "sweep" or "plan"
  std::string objective;               ///< plan: "cost" | "duration" | "exposure" | "risk"
  std::string duration_label = "P95 completion";  ///< what SweepPoint::duration_s is
  std::vector<SweepPoint> points;      ///< every evaluated config (the chart draws at most
                                       ///< max_points: the front, the pick, then a sample)
  std::size_t max_points = 4000;
  std::optional<double> max_duration_s;  ///< limits, drawn as dashed lines
  std::optional<double> max_cost_usd;
  std::vector<std::string> explanation;  ///< plan: the "why" lines
  std::string request_text;              ///< plan: the emitted request (shown in a <pre>)
  Diagnostics warnings;
  std::vector<AssumptionValue> assumptions;
  UnpricedTypes unpriced_types;          ///< what makes the costs unknown: no chart is drawn
};

/// The sweep/plan report: a Pareto scatter of duration against cost with the front and the pick
/// highlighted, the front as a table, the plan's explanation and request.
[[nodiscard]] std::string render_sweep_html(const SweepHtmlInput& in, const HtmlReportContext& ctx);

/// HTML-escapes text for element content and attribute values (& < > " ').
[[nodiscard]] std::string html_escape(std::string_view text);

}  // namespace shiftsim::cli
