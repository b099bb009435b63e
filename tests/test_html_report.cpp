// The HTML reports: element counts, the timeout's position on the chart's scale, escaping,
// self-containment, accessibility hooks, and the atomic file writer.
#include "test_files.hpp"

#include "commands.hpp"
#include "report/html_report.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

using namespace shiftsim;
using shiftsim::cli::HtmlReportContext;

namespace {

std::size_t count(const std::string& hay, const std::string& needle) {
  std::size_t n = 0;
  for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
  return n;
}

/// The value of attribute `attr` in the first tag that contains `marker`.
double attr_in_tag(const std::string& html, const std::string& marker, const std::string& attr) {
  const auto at = html.find(marker);
  REQUIRE(at != std::string::npos);
  const auto open = html.rfind('<', at);
  const auto close = html.find('>', at);
  const std::string tag = html.substr(open, close - open);
  const std::regex re("\\s" + attr + "=\"([^\"]*)\"");
  std::smatch m;
  REQUIRE(std::regex_search(tag, m, re));
  return std::stod(m[1].str());
}

Step step(double t, double end, Phase ph, int orun, int oact, int nrun, int nact, double pct, std::string msg) {
  Step s;
  s.t = static_cast<SimTime>(t * 1000);
  s.end = static_cast<SimTime>(end * 1000);
  s.phase = ph;
  s.variant = "AllTraffic";
  s.old_running = orun;
  s.old_active = oact;
  s.new_running = nrun;
  s.new_active = nact;
  s.new_traffic_pct = pct;
  s.endpoint_status = "Updating";
  s.message = std::move(msg);
  return s;
}

TimelinePoint point(double t, int orun, int oact, int nrun, int nact, double pct) {
  return TimelinePoint{static_cast<SimTime>(t * 1000), orun, oact, nrun, nact, pct};
}

/// A CANARY of 1 in 4 (hand-built from the contract): P=300 s, W=600 s, T=300 s, D=60 s, A=0.
/// Provision 0..300; canary shift at 300 (25%); bake 1 300..900; shift to 100% at 900;
/// final bake 900..1200; terminate old 1200..1260. Duration 1260 s, peak 8.
SimulationResult canary(std::optional<SimTime> timeout) {
  SimulationResult r;
  r.strategy = Strategy::canary;
  r.outcome = Outcome::succeeded;
  r.summary.duration = seconds(1260);
  r.summary.peak_instances = 8;
  r.summary.min_serving_instances = 4;
  r.summary.instance_seconds = 4 * 1260 + 4 * 1260;
  r.summary.extra_instance_seconds = 4 * 1260;
  r.summary.cost_usd = 8 * 1260 / 3600.0 * 1.41;
  r.summary.timeout = timeout;
  if (timeout) r.summary.timeout_margin = *timeout - seconds(1260);
  r.steps = {step(0, 300, Phase::provision, 4, 4, 4, 0, 0, "Launching 4 instance(s)."),
             step(300, 300, Phase::shift, 4, 3, 4, 1, 25, "Shifting 25% of traffic."),
             step(300, 900, Phase::bake, 4, 3, 4, 1, 25, "Baking: watching alarms."),
             step(900, 900, Phase::shift, 4, 0, 4, 4, 100, "Shifting 100% of traffic."),
             step(900, 1200, Phase::bake, 4, 0, 4, 4, 100, "Final bake."),
             step(1200, 1260, Phase::terminate, 4, 0, 4, 4, 100, "Terminating 4 instance(s)."),
             step(1260, 1260, Phase::done, 0, 0, 4, 4, 100, "Done.")};
  r.steps.back().endpoint_status = "InService";
  r.bakes = {Bake{1, seconds(300), seconds(900), false}, Bake{2, seconds(900), seconds(1200), true}};
  r.rollback_if_trip = {
      RollbackIfTrip{1, seconds(300), seconds(900), Outcome::rolled_back, seconds(60), 0, 4 * 360.0, 0.56, 8},
      RollbackIfTrip{2, seconds(900), seconds(1200), Outcome::rolled_back, seconds(60), 0, 4 * 960.0, 1.5, 8}};
  r.timeline = {point(0, 4, 4, 4, 0, 0), point(300, 4, 3, 4, 1, 25), point(900, 4, 0, 4, 4, 100),
                point(1260, 0, 0, 4, 4, 100)};
  Diagnostic w;
  w.severity = Severity::warning;
  w.code = "W_WAITER_60MIN";
  w.message = "a <b>warning</b> & more";
  r.warnings.push_back(w);
  r.assumptions = {{"rounding", "ceil"}, {"final_bake", "termination_wait"}};
  return r;
}

HtmlReportContext context() {
  HtmlReportContext c;
  c.title = "GPU canary";
  c.endpoint_name = "<script>alert(\"x\")</script> & 'q'";
  c.question = "Is 10% enough?";
  c.generated_by = "shiftsim test";
  return c;
}

}  // namespace

TEST_CASE("simulation report: one step group per step, bakes and rollback paths", "[html]") {
  const auto html = cli::render_simulation_html(canary(seconds(1800)), context());
  CHECK(count(html, "data-step=\"") == 7);
  CHECK(count(html, "data-role=\"bake\"") == 2);
  CHECK(count(html, "data-role=\"rollback-path\"") == 2);
  CHECK(count(html, "data-role=\"timeout\"") == 1);
  // One table row per step and one per bake in the "trip at each bake" table.
  CHECK(count(html, "<tr><th scope=\"row\">") == 7 + 2);
}

TEST_CASE("simulation report: the timeout line sits at the timeout on the chart's time scale", "[html]") {
  const auto html = cli::render_simulation_html(canary(seconds(1800)), context());
  const double x = attr_in_tag(html, "data-role=\"timeout\"", "x1");
  const double x2 = attr_in_tag(html, "data-role=\"timeout\"", "x2");
  const double left = attr_in_tag(html, "data-role=\"plot-area\"", "x");
  const double width = attr_in_tag(html, "data-role=\"plot-area\"", "width");
  const double xmax = attr_in_tag(html, "data-role=\"plot-area\"", "data-x-max");
  CHECK(x == Approx(x2));
  CHECK(x == Approx(left + 1800.0 / xmax * width).margin(0.01));
  // The time axis covers the whole run and the timeout, and the first step starts at its left edge.
  CHECK(xmax >= 1800.0);
  CHECK(attr_in_tag(html, "data-step=\"0\"", "data-t-s") == 0.0);
  // Step 5 (TERMINATE, 1200..1260 s) sits at 1200 s on the same scale.
  const auto at = html.find("data-step=\"5\"");
  const std::string group = html.substr(at, html.find("</g>", at) - at);
  CHECK(attr_in_tag(group, "class=\"step-bar\"", "x") == Approx(left + 1200.0 / xmax * width).margin(0.01));
}

TEST_CASE("simulation report: a timeout far beyond the run is drawn at the right edge, marked off-scale", "[html]") {
  const auto html = cli::render_simulation_html(canary(seconds(28800)), context());
  CHECK(count(html, "data-offscale=\"true\"") == 1);
  const double left = attr_in_tag(html, "data-role=\"plot-area\"", "x");
  const double width = attr_in_tag(html, "data-role=\"plot-area\"", "width");
  CHECK(attr_in_tag(html, "data-role=\"timeout\"", "x1") == Approx(left + width));
  CHECK(attr_in_tag(html, "data-role=\"plot-area\"", "data-x-max") < 28800.0);
}

TEST_CASE("simulation report: no timeout, no timeout line", "[html]") {
  const auto html = cli::render_simulation_html(canary(std::nullopt), context());
  CHECK(count(html, "data-role=\"timeout\"") == 0);
  CHECK(html.find("no timeout") != std::string::npos);
}

TEST_CASE("simulation report: every text from the input is escaped", "[html]") {
  const auto html = cli::render_simulation_html(canary(seconds(1800)), context());
  CHECK(html.find("<script") == std::string::npos);
  CHECK(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;") != std::string::npos);
  CHECK(html.find("a &lt;b&gt;warning&lt;/b&gt; &amp; more") != std::string::npos);
  CHECK(html.find("<b>warning</b>") == std::string::npos);
  CHECK(cli::html_escape("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
}

TEST_CASE("simulation report: self-contained and accessible", "[html]") {
  const auto html = cli::render_simulation_html(canary(seconds(1800)), context());
  CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(html.find("http:") == std::string::npos);
  CHECK(html.find("https:") == std::string::npos);
  CHECK(html.find("src=") == std::string::npos);
  CHECK(html.find("url(\"") == std::string::npos);
  CHECK(html.find("@import") == std::string::npos);
  CHECK(html.find("Content-Security-Policy") != std::string::npos);
  CHECK(html.find("prefers-color-scheme:dark") != std::string::npos);
  CHECK(html.find("@media print") != std::string::npos);
  // Every svg: role="img", aria-labelledby naming a <title> and a <desc> that exist.
  const std::regex svg_re("<svg [^>]*aria-labelledby=\"([^ \"]+) ([^\"]+)\"[^>]*>");
  std::size_t svgs = 0;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), svg_re); it != std::sregex_iterator(); ++it) {
    ++svgs;
    const std::string tag = (*it)[0].str();
    CHECK(tag.find("role=\"img\"") != std::string::npos);
    CHECK(html.find("<title id=\"" + (*it)[1].str() + "\">") != std::string::npos);
    CHECK(html.find("<desc id=\"" + (*it)[2].str() + "\">") != std::string::npos);
  }
  CHECK(svgs == count(html, "<svg "));
  CHECK(svgs >= 1);
  // Table headers carry scope.
  CHECK(count(html, "<th>") == 0);
}

TEST_CASE("every report carries cli/report/html/report.css inline, byte for byte", "[html]") {
  const std::string css = shiftsim::test::read_source_file("cli/report/html/report.css");
  REQUIRE(css.size() > 1000);
  const std::string style = "<style>\n" + css + "</style>";
  CHECK(cli::render_simulation_html(canary(seconds(1800)), context()).find(style) !=
        std::string::npos);
  cli::MonteCarloHtmlInput mc;
  mc.durations_s = {100, 110, 120};
  CHECK(cli::render_montecarlo_html(mc, context()).find(style) != std::string::npos);
  CHECK(cli::render_sweep_html(cli::SweepHtmlInput{}, context()).find(style) != std::string::npos);
}

TEST_CASE("simulation report: steps alone draw the areas when the timeline is empty", "[html]") {
  auto r = canary(seconds(1800));
  r.timeline.clear();
  const auto html = cli::render_simulation_html(r, context());
  CHECK(count(html, "data-role=\"area\"") >= 2);  // old and new serving at least
  CHECK(count(html, "data-role=\"traffic\"") == 1);
}

TEST_CASE("montecarlo report: histogram of every trial, quantile and timeout lines", "[html]") {
  cli::MonteCarloHtmlInput in;
  in.trials = 100;
  for (int i = 0; i < 100; ++i) in.durations_s.push_back(1000.0 + i);  // 1000..1099
  in.p50_s = 1049.5;
  in.p95_s = 1094;
  in.p99_s = 1098;
  in.max_s = 1099;
  in.mean_s = 1049.5;
  in.timeout_s = 1080;
  in.recommended_timeout_s = 1320;
  in.p_timeout = 0.19;
  const auto html = cli::render_montecarlo_html(in, context());
  // sqrt(100) = 10 bins of 9.9 s; every trial lands in one.
  CHECK(count(html, "data-role=\"bin\"") == 10);
  std::size_t total = 0;
  const std::regex c_re("data-count=\"(\\d+)\"");
  for (auto it = std::sregex_iterator(html.begin(), html.end(), c_re); it != std::sregex_iterator(); ++it)
    total += std::stoul((*it)[1].str());
  CHECK(total == 100);
  for (const char* role : {"p50", "p95", "p99", "timeout", "recommended-timeout"})
    CHECK(count(html, std::string("data-role=\"") + role + "\"") == 1);
  const double left = attr_in_tag(html, "data-role=\"plot-area\"", "x");
  const double width = attr_in_tag(html, "data-role=\"plot-area\"", "width");
  const double lo = attr_in_tag(html, "data-role=\"plot-area\"", "data-x-min");
  const double hi = attr_in_tag(html, "data-role=\"plot-area\"", "data-x-max");
  CHECK(attr_in_tag(html, "data-role=\"timeout\"", "x1") == Approx(left + (1080 - lo) / (hi - lo) * width).margin(0.01));
  CHECK(html.find("<script") == std::string::npos);
}

TEST_CASE("sweep report: every point drawn, the pick highlighted once", "[html]") {
  cli::SweepHtmlInput in;
  in.kind = "plan";
  in.objective = "cost";
  for (int i = 0; i < 30; ++i) {
    cli::SweepPoint p;
    p.duration_s = 600 + 60 * i;
    p.cost_usd = 100.0 - 2 * i + (i % 3) * 10;
    p.on_front = i % 3 == 0;
    p.picked = i == 9;
    p.label = "ROLLING <" + std::to_string(i) + ">";
    in.points.push_back(p);
  }
  in.max_duration_s = 1800;
  in.explanation = {"beats 29 configs"};
  const auto html = cli::render_sweep_html(in, context());
  CHECK(count(html, "data-role=\"point\"") == 30);
  CHECK(count(html, "data-picked=\"1\"") == 1);
  CHECK(count(html, "data-front=\"1\"") == 10);
  CHECK(html.find("ROLLING &lt;9&gt;") != std::string::npos);
  CHECK(count(html, "data-role=\"limit-duration\"") == 1);

  in.max_points = 12;  // the front (10, incl. the pick) + 2 sampled
  const auto small = cli::render_sweep_html(in, context());
  CHECK(count(small, "data-role=\"point\"") == 12);
  CHECK(count(small, "data-picked=\"1\"") == 1);
}

TEST_CASE("write_file_atomically: whole file or nothing", "[html]") {
  std::string tmpl = (std::filesystem::temp_directory_path() / "shiftsim-html-XXXXXX").string();
  REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
  const std::filesystem::path dir = tmpl;
  const auto path = dir / "r.html";
  cli::write_file_atomically(path, "hello");
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  CHECK(ss.str() == "hello");
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);  // no temp left
  CHECK_THROWS_AS(cli::write_file_atomically(dir / "missing" / "r.html", "x"), cli::OutputError);
  CHECK_THROWS_AS(cli::write_file_atomically(dir, "x"), cli::OutputError);  // a directory
  CHECK(std::distance(std::filesystem::directory_iterator(dir), {}) == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("sample reports for a person to look at (SHIFTSIM_HTML_SAMPLE_DIR)", "[html]") {
  const char* dir = std::getenv("SHIFTSIM_HTML_SAMPLE_DIR");
  if (!dir) return;
  auto ctx = context();
  ctx.endpoint_name = "llm-chat-prod";
  cli::write_file_atomically(std::filesystem::path(dir) / "simulation.html",
                             cli::render_simulation_html(canary(seconds(1800)), ctx));
  cli::MonteCarloHtmlInput mc;
  mc.trials = 2000;
  std::uint64_t x = 88172645463325252ULL;
  for (int i = 0; i < 2000; ++i) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    const double u1 = static_cast<double>(x % 1000000) / 1e6 + 1e-7;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    const double u2 = static_cast<double>(x % 1000000) / 1e6;
    mc.durations_s.push_back(1260 * std::exp(0.15 * std::sqrt(-2 * std::log(u1)) * std::cos(6.283185307 * u2)));
  }
  std::array<double, 2000> sorted{};
  std::copy(mc.durations_s.begin(), mc.durations_s.end(), sorted.begin());
  std::sort(sorted.begin(), sorted.end());
  mc.p50_s = sorted[1000]; mc.p90_s = sorted[1800]; mc.p95_s = sorted[1900]; mc.p99_s = sorted[1980];
  mc.max_s = sorted.back(); mc.mean_s = 1270; mc.timeout_s = 1800; mc.recommended_timeout_s = 2100;
  mc.p_timeout = 0.004; mc.p_rollback = 0.01; mc.cost_mean_usd = 3.9; mc.cost_p95_usd = 4.4;
  mc.peak_distribution = {{8, 1.0}};
  cli::write_file_atomically(std::filesystem::path(dir) / "montecarlo.html", cli::render_montecarlo_html(mc, ctx));
  cli::SweepHtmlInput sw;
  sw.kind = "plan";
  sw.objective = "cost";
  for (int i = 0; i < 300; ++i) {
    cli::SweepPoint p;
    p.duration_s = 900 + (i * 37 % 100) * 40.0;
    p.cost_usd = 20 + 3000.0 / (1 + (i * 53 % 100)) + (i % 7);
    p.exposure = (i % 11) * 60.0;
    p.label = "ROLLING " + std::to_string(5 + i % 10 * 5) + "% wait " + std::to_string(i % 6 * 300) + "s";
    sw.points.push_back(p);
  }
  // Mark the 2-D front.
  for (auto& p : sw.points) {
    bool dominated = false;
    for (const auto& q : sw.points)
      if (q.duration_s <= p.duration_s && q.cost_usd.value_or(0) <= p.cost_usd.value_or(0) && (q.duration_s < p.duration_s || q.cost_usd.value_or(0) < p.cost_usd.value_or(0)))
        dominated = true;
    p.on_front = !dominated;
  }
  cli::SweepPoint* best = nullptr;
  for (auto& p : sw.points)
    if (p.on_front && p.duration_s <= 3000 && (!best || p.cost_usd.value_or(0) < best->cost_usd.value_or(0))) best = &p;
  if (best) best->picked = true;
  sw.max_duration_s = 3000;
  sw.explanation = {"Cheapest config that finishes within 50 min.", "Beats 299 others; the duration limit binds."};
  sw.request_text = "{\n  \"EndpointName\": \"llm-chat-prod\"\n}";
  cli::write_file_atomically(std::filesystem::path(dir) / "sweep.html", cli::render_sweep_html(sw, ctx));
}
