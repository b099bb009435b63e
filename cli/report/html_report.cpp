// HTML reports: self-contained pages with inline SVG charts (see html_report.hpp for the hooks).
#include "report/html_report.hpp"

#include "commands.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <system_error>
#include <unistd.h>

namespace shiftsim::cli {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

// ---------------------------------------------------------------------------------------------
// Formatting

std::string esc(std::string_view s) { return html_escape(s); }

/// A coordinate with two decimals (SVG attributes).
std::string px(double v) { return fmt::format("{:.2f}", v); }

/// A number in seconds with at most three decimals, trailing zeros dropped (data attributes).
std::string secs(double s) {
  std::string r = fmt::format("{:.3f}", s);
  while (!r.empty() && r.back() == '0') r.pop_back();
  if (!r.empty() && r.back() == '.') r.pop_back();
  if (r == "-0") r = "0";
  return r;
}

double to_s(SimTime t) { return to_seconds(t); }

/// "45 s", "12 min 30 s", "2 h 05 min".
std::string human_duration(double s) {
  if (s < 0) return "−" + human_duration(-s);
  if (s < 10 && std::abs(s - std::round(s)) > 1e-9) return fmt::format("{:.1f} s", s);
  const auto total = static_cast<long long>(std::llround(s));
  const long long h = total / 3600, m = (total % 3600) / 60, sec = total % 60;
  if (h > 0) return sec ? fmt::format("{} h {:02} min {:02} s", h, m, sec) : fmt::format("{} h {:02} min", h, m);
  if (m > 0) return sec ? fmt::format("{} min {} s", m, sec) : fmt::format("{} min", m);
  return fmt::format("{} s", sec);
}

/// "h:mm:ss" (tables).
std::string clock(double s) {
  const bool neg = s < 0;
  const auto total = static_cast<long long>(std::llround(std::abs(s)));
  std::string r = fmt::format("{}:{:02}:{:02}", total / 3600, (total % 3600) / 60, total % 60);
  const double frac = std::abs(s) - std::floor(std::abs(s));
  if (frac > 1e-9 && std::abs(s) < 600) r = fmt::format("{}:{:02}:{:06.3f}", 0, static_cast<long long>(std::abs(s)) / 60, std::fmod(std::abs(s), 60.0));
  return neg ? "−" + r : r;
}

/// "$1,234.56"; below a cent "$0.0042".
std::string usd(double v) {
  if (v != 0 && std::abs(v) < 0.01) return fmt::format("${:.4f}", v);
  std::string digits = fmt::format("{:.2f}", std::abs(v));
  const auto dot = digits.find('.');
  std::string ip = digits.substr(0, dot), grouped;
  for (std::size_t i = 0; i < ip.size(); ++i) {
    if (i > 0 && (ip.size() - i) % 3 == 0) grouped += ',';
    grouped += ip[i];
  }
  return (v < 0 ? "−$" : "$") + grouped + digits.substr(dot);
}

std::string pct(double v, int decimals = 1) {
  std::string r = fmt::format("{:.{}f}", v, decimals);
  if (r.find('.') != std::string::npos) {
    while (r.back() == '0') r.pop_back();
    if (r.back() == '.') r.pop_back();
  }
  return r + "%";
}

std::string hours(double instance_seconds) { return fmt::format("{:.2f}", instance_seconds / 3600.0); }

/// Short axis label for a time in seconds: "0", "45s", "5m", "1h", "1h30".
std::string tick_label(double s) {
  const auto t = static_cast<long long>(std::llround(s));
  if (t == 0) return "0";
  if (t < 60) return fmt::format("{}s", t);
  if (t < 3600) return t % 60 ? fmt::format("{}m{:02}", t / 60, t % 60) : fmt::format("{}m", t / 60);
  if (t % 3600 == 0) return fmt::format("{}h", t / 3600);
  return fmt::format("{}h{:02}", t / 3600, (t % 3600) / 60);
}

/// Time tick step (seconds) giving at most ~max_ticks ticks over [0, span].
double time_step(double span, int max_ticks) {
  static constexpr double kSteps[] = {1,    2,    5,    10,   15,    30,    60,    120,  300,
                                      600,  900,  1800, 3600, 7200,  10800, 21600, 43200, 86400};
  for (const double st : kSteps)
    if (span / st <= max_ticks) return st;
  return std::ceil(span / max_ticks / 86400.0) * 86400.0;
}

/// Nice numeric step (1, 2, 2.5, 5 x 10^k) for at most ~max_ticks ticks over span.
double nice_step(double span, int max_ticks) {
  if (span <= 0) return 1;
  const double raw = span / max_ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

std::string num_label(double v) {
  if (std::abs(v - std::round(v)) < 1e-9) return fmt::format("{}", static_cast<long long>(std::llround(v)));
  return secs(v);
}

// ---------------------------------------------------------------------------------------------
// Page frame

constexpr const char* kCss = R"CSS(
:root{color-scheme:light dark;--bg:#f4f6f9;--panel:#fff;--ink:#17202a;--muted:#5d6876;--line:#dde2e8;--grid:#e9edf2;
--old:#2f6bd6;--old-idle:#b7cdf3;--new:#e36c0a;--new-idle:#f7c9a0;--traffic:#7c2fc0;--bake:#f0b400;--timeout:#cf1f2e;
--rb:#c3262e;--ok:#137a3a;--warn:#a85a00;--bad:#b3161f;--accent:#0f6f8f;--chip:#eef1f5;
--ph-provision:#6b7a8c;--ph-shift:#7c2fc0;--ph-bake:#d39a00;--ph-terminate:#9b4440;--ph-rollback:#c3262e;--ph-done:#137a3a;
--shadow:0 1px 2px rgba(20,30,45,.06),0 2px 8px rgba(20,30,45,.05)}
@media (prefers-color-scheme:dark){:root{--bg:#0e1217;--panel:#161b22;--ink:#e5e9ef;--muted:#9aa5b3;--line:#2b333e;--grid:#222a34;
--old:#5c93f2;--old-idle:#2a4674;--new:#f7933f;--new-idle:#6e4420;--traffic:#c792f5;--bake:#e2b530;--timeout:#ff5c67;
--rb:#ff6b6b;--ok:#4ccb7c;--warn:#f0a640;--bad:#ff6b6b;--accent:#4cc0e0;--chip:#222a34;
--ph-provision:#7d8da0;--ph-shift:#a66ee0;--ph-bake:#c99a10;--ph-terminate:#b86a66;--ph-rollback:#e0474f;--ph-done:#3bb36a;
--shadow:none}}
*{box-sizing:border-box}
html{background:var(--bg)}
body{margin:0;color:var(--ink);background:var(--bg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;-webkit-font-smoothing:antialiased}
main{max-width:1200px;margin:0 auto;padding:28px 28px 40px}
header.top{margin-bottom:18px}
.eyebrow{margin:0;color:var(--muted);font-size:12px;letter-spacing:.08em;text-transform:uppercase;font-weight:600}
h1{margin:4px 0 6px;font-size:26px;line-height:1.25;letter-spacing:-.01em}
h2{font-size:17px;margin:0 0 10px}
.question{margin:0 0 10px;font-size:16px;color:var(--ink);max-width:75ch}
.meta{display:flex;flex-wrap:wrap;gap:6px 8px;margin:0;padding:0;list-style:none}
.meta li{background:var(--chip);border-radius:999px;padding:2px 10px;font-size:13px;color:var(--muted)}
.meta b{color:var(--ink);font-weight:600}
section{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:16px 18px;margin:14px 0;box-shadow:var(--shadow)}
section.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(230px,1fr));gap:10px;background:none;border:0;padding:0;box-shadow:none}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:12px 14px;box-shadow:var(--shadow);border-top:3px solid var(--line)}
.card h3{margin:0;font-size:12px;color:var(--muted);font-weight:600;text-transform:uppercase;letter-spacing:.06em}
.card .v{font-size:22px;font-weight:650;margin:2px 0 0;font-variant-numeric:tabular-nums;line-height:1.3}
.card .n{font-size:12.5px;color:var(--muted);margin:2px 0 0}
.card.ok{border-top-color:var(--ok)}.card.ok .v{color:var(--ok)}
.card.warn{border-top-color:var(--warn)}.card.warn .v{color:var(--warn)}
.card.bad{border-top-color:var(--bad)}.card.bad .v{color:var(--bad)}
.card.info{border-top-color:var(--accent)}
figure{margin:0}
figcaption{color:var(--muted);font-size:13px;margin-top:6px}
svg.chart{width:100%;height:auto;display:block;font:12px system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif}
svg.chart text{fill:var(--ink)}
svg.chart .muted{fill:var(--muted)}
svg.chart .grid{stroke:var(--grid);stroke-width:1}
svg.chart .axis{stroke:var(--muted);stroke-width:1}
svg.chart .frame{fill:none;stroke:var(--line)}
.l-old{fill:var(--old)}.l-new{fill:var(--new)}
.l-old-idle{fill:var(--old-idle)}.l-new-idle{fill:var(--new-idle)}
.traffic{fill:none;stroke:var(--traffic);stroke-width:2.5;stroke-linejoin:round}
.bake{fill:var(--bake);fill-opacity:.16;stroke:var(--bake);stroke-opacity:.55;stroke-width:1}
.bake-label{font-size:11px;fill:var(--muted)}
.timeout{stroke:var(--timeout);stroke-width:2;stroke-dasharray:7 4}
.timeout-label{fill:var(--timeout)!important;font-weight:600}
.trip{stroke:var(--rb);stroke-width:2}
.trip-label{fill:var(--rb)!important;font-weight:600}
.step-bar{stroke:var(--panel);stroke-width:.5}
.ph-PROVISION .step-bar{fill:var(--ph-provision)}.ph-SHIFT .step-bar{fill:var(--ph-shift)}
.ph-BAKE .step-bar{fill:var(--ph-bake)}.ph-TERMINATE .step-bar{fill:var(--ph-terminate)}
.ph-ROLLBACK .step-bar{fill:var(--ph-rollback)}.ph-DONE .step-bar{fill:var(--ph-done)}
.step-text{fill:#fff!important;font-size:10.5px;font-weight:600;pointer-events:none}
.timeout-label,.trip-label,.pick-label,.q-label,.rec-label,.limit-label,.bake-label{paint-order:stroke;stroke:var(--panel);stroke-width:3px;stroke-linejoin:round}
.hit{fill:transparent}
.hit:hover{fill:var(--ink);fill-opacity:.05}
.rb-window{fill:var(--bake);fill-opacity:.35}
.rb-path{stroke:var(--rb);stroke-width:2;stroke-dasharray:5 3}
.rb-trip{fill:var(--rb)}
.rb-back{stroke:var(--old);stroke-width:3}
.rb-end{stroke:var(--rb);stroke-width:2}
.rb-text{font-size:11px;fill:var(--muted)!important}
.bin{fill:var(--accent);fill-opacity:.75}
.bin:hover{fill-opacity:1}
.q{stroke:var(--ink);stroke-width:1.5;stroke-dasharray:3 3}
.q-label{font-size:11px;font-weight:600}
.rec{stroke:var(--ok);stroke-width:2;stroke-dasharray:7 4}
.rec-label{fill:var(--ok)!important;font-weight:600}
.pt{fill:var(--muted);fill-opacity:.35}
.pt-infeasible{fill:none;stroke:var(--muted);stroke-opacity:.35}
.pt-front{fill:var(--accent);fill-opacity:.95;stroke:var(--panel);stroke-width:1}
.pt-pick{fill:var(--new);stroke:var(--ink);stroke-width:2}
.front-line{fill:none;stroke:var(--accent);stroke-width:1.5;stroke-opacity:.6}
.limit{stroke:var(--warn);stroke-width:1.5;stroke-dasharray:6 4}
.limit-label{fill:var(--warn)!important;font-size:11px}
.legend{display:flex;flex-wrap:wrap;gap:6px 18px;margin:10px 0 0;padding:0;list-style:none;font-size:13px;color:var(--muted)}
.legend li{display:flex;align-items:center;gap:6px}
.sw{display:inline-block;width:14px;height:14px;border-radius:3px;flex:none}
.sw.old{background:var(--old)}.sw.new{background:var(--new)}
.sw.old-idle{background:repeating-linear-gradient(45deg,var(--old-idle) 0 3px,var(--old) 3px 4px)}
.sw.new-idle{background:repeating-linear-gradient(45deg,var(--new-idle) 0 3px,var(--new) 3px 4px)}
.sw.traffic{height:3px;background:var(--traffic)}
.sw.bake{background:var(--bake);opacity:.45}
.sw.timeout{height:0;border-top:2px dashed var(--timeout);border-radius:0}
.sw.rb{height:0;border-top:2px dashed var(--rb);border-radius:0}
.sw.bin{background:var(--accent)}.sw.rec{height:0;border-top:2px dashed var(--ok);border-radius:0}
.sw.q{height:0;border-top:2px dashed var(--ink);border-radius:0}
.sw.front{background:var(--accent);border-radius:50%}.sw.pick{background:var(--new);border-radius:50%;border:2px solid var(--ink)}
.sw.pt{background:var(--muted);opacity:.4;border-radius:50%}
.tablewrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;}
table.narrow{width:auto;min-width:320px}
table{font-size:13px;font-variant-numeric:tabular-nums}
caption{text-align:left;color:var(--muted);font-size:13px;padding:0 0 8px}
th,td{padding:5px 8px;border-bottom:1px solid var(--line);text-align:right;vertical-align:top;white-space:nowrap}
thead th{position:sticky;top:0;background:var(--panel);color:var(--muted);font-weight:600;font-size:12px;border-bottom:2px solid var(--line)}
th.l,td.l{text-align:left}
td.msg{white-space:normal;min-width:22ch;overflow-wrap:anywhere;text-align:left;color:var(--muted)}
tbody tr:hover{background:var(--chip)}
.phase{display:inline-block;border-radius:4px;padding:0 6px;font-size:11px;font-weight:700;color:#fff;letter-spacing:.03em}
.phase.PROVISION{background:var(--ph-provision)}.phase.SHIFT{background:var(--ph-shift)}.phase.BAKE{background:var(--ph-bake)}
.phase.TERMINATE{background:var(--ph-terminate)}.phase.ROLLBACK{background:var(--ph-rollback)}.phase.DONE{background:var(--ph-done)}
.outcome{font-weight:700}.outcome.SUCCEEDED{color:var(--ok)}.outcome.ROLLED_BACK,.outcome.TIMED_OUT,.outcome.UPDATE_ROLLBACK_FAILED{color:var(--bad)}
ul.warnings{margin:0;padding:0;list-style:none}
ul.warnings li{padding:7px 10px;border-left:3px solid var(--warn);background:var(--chip);border-radius:0 6px 6px 0;margin:6px 0}
code{font:12.5px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--chip);border-radius:4px;padding:1px 5px}
ul.warnings code{font-weight:700;color:var(--warn);background:none;padding:0;margin-right:6px}
pre{font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;background:var(--chip);padding:12px;border-radius:8px;overflow-x:auto;margin:0}
.none{color:var(--muted);margin:0}
.two{display:grid;grid-template-columns:1fr 1fr;gap:14px}
.two>section{margin:0}
@media (max-width:820px){.two{grid-template-columns:1fr}main{padding:16px}}
footer{color:var(--muted);font-size:12.5px;margin-top:18px;text-align:center}
footer p{margin:2px 0}
@media print{
:root{--bg:#fff;--panel:#fff;--ink:#000;--muted:#444;--line:#bbb;--grid:#e3e3e3;--chip:#f1f1f1;--shadow:none;
--old:#2f6bd6;--old-idle:#b7cdf3;--new:#e36c0a;--new-idle:#f7c9a0;--traffic:#7c2fc0;--bake:#f0b400;--timeout:#cf1f2e;--rb:#c3262e;
--ok:#137a3a;--warn:#a85a00;--bad:#b3161f;--accent:#0f6f8f;
--ph-provision:#6b7a8c;--ph-shift:#7c2fc0;--ph-bake:#d39a00;--ph-terminate:#9b4440;--ph-rollback:#c3262e;--ph-done:#137a3a}
@page{size:A4 landscape;margin:12mm}
body{font-size:11pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
main{max-width:none;padding:0}
section,.card,figure,tr{break-inside:avoid}
section{box-shadow:none;border-color:#bbb}
thead th{position:static}
.tablewrap{overflow:visible}
td.msg{white-space:normal}
.two{grid-template-columns:1fr 1fr}
}
)CSS";

std::string page_open(const HtmlReportContext& ctx, std::string_view kind,
                      const std::vector<std::pair<std::string, std::string>>& chips) {
  const std::string title = ctx.title.empty() ? fmt::format("shiftsim {} report", kind) : ctx.title;
  std::string o;
  o += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  // Nothing may be fetched: inline styles only, no scripts, no images, fonts or connections.
  o += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
       "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n";
  o += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  o += "<meta name=\"color-scheme\" content=\"light dark\">\n";
  o += "<meta name=\"generator\" content=\"shiftsim\">\n";
  o += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n", esc(title), kCss);
  o += "<header class=\"top\">\n";
  o += fmt::format("<p class=\"eyebrow\">shiftsim · {} report</p>\n", esc(kind));
  o += fmt::format("<h1>{}</h1>\n", esc(title));
  if (!ctx.question.empty()) o += fmt::format("<p class=\"question\">{}</p>\n", esc(ctx.question));
  o += "<ul class=\"meta\">";
  if (!ctx.endpoint_name.empty())
    o += fmt::format("<li>endpoint <b>{}</b></li>", esc(ctx.endpoint_name));
  for (const auto& [k, v] : chips) o += fmt::format("<li>{} <b>{}</b></li>", esc(k), esc(v));
  if (!ctx.source.empty()) o += fmt::format("<li>input <b>{}</b></li>", esc(ctx.source));
  o += "</ul>\n</header>\n";
  return o;
}

std::string page_close(const HtmlReportContext& ctx) {
  std::string o = "<footer>\n";
  if (!ctx.generated_by.empty()) o += fmt::format("<p>Generated by <code>{}</code></p>\n", esc(ctx.generated_by));
  if (!ctx.generated_at.empty()) o += fmt::format("<p>{}</p>\n", esc(ctx.generated_at));
  o += "<p>A self-contained page: it loads nothing from the network and runs no script.</p>\n";
  o += "</footer>\n</main>\n</body>\n</html>\n";
  return o;
}

std::string card(std::string_view label, std::string_view value, std::string_view note,
                 std::string_view tone = "") {
  return fmt::format("<div class=\"card{}{}\"><h3>{}</h3><p class=\"v\">{}</p><p class=\"n\">{}</p></div>\n",
                     tone.empty() ? "" : " ", tone, esc(label), esc(value), esc(note));
}

std::string warnings_section(const Diagnostics& ws) {
  std::string o = "<section aria-labelledby=\"h-warnings\">\n<h2 id=\"h-warnings\">Warnings</h2>\n";
  if (ws.empty()) return o + "<p class=\"none\">No warnings.</p>\n</section>\n";
  o += "<ul class=\"warnings\">\n";
  for (const auto& w : ws) {
    o += fmt::format("<li><code>{}</code>{}", esc(w.code), esc(w.message));
    if (!w.path.empty()) o += fmt::format(" <span class=\"muted\">({})</span>", esc(w.path));
    o += "</li>\n";
  }
  return o + "</ul>\n</section>\n";
}

std::string assumptions_section(const std::vector<AssumptionValue>& as) {
  std::string o = "<section aria-labelledby=\"h-assumptions\">\n<h2 id=\"h-assumptions\">Assumptions in force</h2>\n";
  if (as.empty()) return o + "<p class=\"none\">None listed.</p>\n</section>\n";
  o += "<div class=\"tablewrap\"><table>\n<caption>Where AWS documents nothing, shiftsim assumes; "
       "override any of these with <code>--assume NAME=VALUE</code>.</caption>\n"
       "<thead><tr><th scope=\"col\" class=\"l\">Assumption</th><th scope=\"col\" class=\"l\">Value</th></tr></thead>\n<tbody>\n";
  for (const auto& a : as)
    o += fmt::format("<tr><th scope=\"row\" class=\"l\"><code>{}</code></th><td class=\"l\">{}</td></tr>\n",
                     esc(a.name), esc(a.value));
  return o + "</tbody></table></div>\n</section>\n";
}

/// Opening of an accessible chart: role="img", <title> and <desc> named by aria-labelledby.
std::string svg_open(std::string_view id, std::string_view chart, double w, double h,
                     std::string_view title, std::string_view desc, std::string_view extra_attrs = "") {
  return fmt::format(
      "<svg class=\"chart\" data-chart=\"{1}\" viewBox=\"0 0 {2} {3}\" "
      "role=\"img\" aria-labelledby=\"{0}-title {0}-desc\"{6}>\n<title id=\"{0}-title\">{4}</title>\n"
      "<desc id=\"{0}-desc\">{5}</desc>\n",
      id, chart, px(w), px(h), esc(title), esc(desc), extra_attrs);
}

/// Linear scale from [0, max] onto [a, b] pixels.
struct Scale {
  double lo = 0, hi = 1, a = 0, b = 1;
  [[nodiscard]] double operator()(double v) const { return a + (v - lo) / (hi - lo) * (b - a); }
};

// ---------------------------------------------------------------------------------------------
// Simulation report

struct State {
  double t = 0, end = 0;
  int old_active = 0, old_idle = 0, new_active = 0, new_idle = 0;
  double traffic = 0;
};

/// Whole-endpoint states over time: result.timeline when present, else summed from the steps.
std::vector<State> endpoint_states(const SimulationResult& r, double t_end) {
  std::vector<State> st;
  auto push = [&](double t, int orun, int oact, int nrun, int nact, double tr) {
    State s;
    s.t = t;
    s.old_active = std::max(0, oact);
    s.old_idle = std::max(0, orun - oact);
    s.new_active = std::max(0, nact);
    s.new_idle = std::max(0, nrun - nact);
    s.traffic = tr;
    st.push_back(s);
  };
  if (!r.timeline.empty()) {
    for (const auto& p : r.timeline)
      push(to_s(p.t), p.old_running, p.old_active, p.new_running, p.new_active, p.new_traffic_pct);
  } else if (!r.steps.empty()) {
    std::vector<SimTime> ts;
    for (const auto& s : r.steps) ts.push_back(s.t);
    std::sort(ts.begin(), ts.end());
    ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
    for (const SimTime t : ts) {
      // For each variant, the last step starting at or before t.
      std::map<std::string, const Step*> cur;
      for (const auto& s : r.steps)
        if (s.t <= t) cur[s.variant] = &s;
      int orun = 0, oact = 0, nrun = 0, nact = 0;
      double tr = 0;
      for (const auto& [v, s] : cur) {
        orun += s->old_running; oact += s->old_active; nrun += s->new_running; nact += s->new_active;
        tr += s->new_traffic_pct;
      }
      push(to_s(t), orun, oact, nrun, nact, tr);
    }
  }
  for (std::size_t i = 0; i < st.size(); ++i)
    st[i].end = i + 1 < st.size() ? st[i + 1].t : std::max(t_end, st[i].t);
  return st;
}

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

std::string timeline_chart(const SimulationResult& r) {
  const auto& sm = r.summary;
  const double duration = to_s(sm.duration);
  double t_end = duration;
  for (const auto& p : r.timeline) t_end = std::max(t_end, to_s(p.t));
  for (const auto& s : r.steps) t_end = std::max(t_end, to_s(s.end));
  for (const auto& rb : r.rollback_if_trip)
    t_end = std::max(t_end, to_s(rb.bake_start + rb.rollback_duration));
  if (t_end <= 0) t_end = 1;
  double x_max = t_end * 1.02;
  bool timeout_offscale = false;
  if (sm.timeout) {
    const double to = to_s(*sm.timeout);
    if (to <= t_end * 2.5) x_max = std::max(x_max, to * 1.03);
    else timeout_offscale = true;
  }

  // Variants in order of first appearance (one phase lane each).
  std::vector<std::string> variants;
  for (const auto& s : r.steps)
    if (std::find(variants.begin(), variants.end(), s.variant) == variants.end()) variants.push_back(s.variant);

  constexpr double W = 1120, L = 64, R = W - 64;
  const double lane_label = 14, lane_bar = 18, lane_gap = 6;
  double y = 12;
  const double lanes_top = y;
  y += static_cast<double>(variants.size()) * (lane_label + lane_bar + lane_gap);
  y += 8;
  const double plot_top = y, plot_h = 290, plot_bottom = plot_top + plot_h;
  y = plot_bottom + 26;  // tick labels
  const std::size_t nb = r.rollback_if_trip.size();
  const double rb_header = nb ? 26 : 0;
  const double rb_lane = nb <= 12 ? 20 : std::max(9.0, 240.0 / static_cast<double>(nb));
  const double rb_top = y + rb_header;
  y = rb_top + static_cast<double>(nb) * rb_lane + (nb ? 10 : 0);
  const double H = y + 4;

  const Scale xs{0, x_max, L, R};
  const auto states = endpoint_states(r, duration);
  int ymax_count = 1;
  for (const auto& s : states)
    ymax_count = std::max(ymax_count, s.old_active + s.old_idle + s.new_active + s.new_idle);
  ymax_count = std::max(ymax_count, sm.peak_instances);
  const double ystep = std::max(1.0, std::round(nice_step(ymax_count, 6)));
  const double y_max = std::ceil(ymax_count * 1.08 / ystep) * ystep;
  const Scale ys{0, y_max, plot_bottom, plot_top};
  const Scale ps{0, 100, plot_bottom, plot_top};

  // Description for screen readers.
  double max_traffic = 0;
  for (const auto& s : states) max_traffic = std::max(max_traffic, s.traffic);
  std::string desc = fmt::format(
      "Instances running and serving over time, from 0 to {}. Old fleet in blue, new fleet in orange; "
      "solid areas serve traffic, hatched areas run without traffic. Peak {} instances. The purple line is "
      "the share of traffic on the new fleet (right axis), reaching {}. {} bake(s) shaded.",
      human_duration(duration), sm.peak_instances, pct(max_traffic), r.bakes.size());
  if (sm.timeout) desc += fmt::format(" Timeout at {} marked with a red dashed line.", human_duration(to_s(*sm.timeout)));
  if (nb) desc += fmt::format(" Below the chart, {} rollback path(s): what a trip at the start of each bake would do.", nb);

  std::string o = svg_open("tl", "timeline", W, H, "Timeline of the update: instances, traffic, bakes and rollback paths", desc);
  o += "<defs>\n"
       "<pattern id=\"tl-hatch-old\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
       "<rect width=\"6\" height=\"6\" class=\"l-old-idle\"/><rect width=\"1.6\" height=\"6\" class=\"l-old\"/></pattern>\n"
       "<pattern id=\"tl-hatch-new\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
       "<rect width=\"6\" height=\"6\" class=\"l-new-idle\"/><rect width=\"1.6\" height=\"6\" class=\"l-new\"/></pattern>\n"
       "</defs>\n";

  // Plot area (the scale's anchor for tests) and grid.
  o += fmt::format("<rect data-role=\"plot-area\" class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
                   "data-x-max=\"{}\" data-y-max=\"{}\"/>\n",
                   px(L), px(plot_top), px(R - L), px(plot_h), secs(x_max), secs(y_max));
  const double tstep = time_step(x_max, 12);
  o += "<g class=\"x-ticks\">\n";
  for (double t = 0; t <= x_max + 1e-9; t += tstep) {
    const double x = xs(t);
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>"
                     "<text class=\"muted\" x=\"{0}\" y=\"{3}\" text-anchor=\"middle\" data-t-s=\"{4}\">{5}</text>\n",
                     px(x), px(plot_top), px(nb ? rb_top + static_cast<double>(nb) * rb_lane : plot_bottom),
                     px(plot_bottom + 17), secs(t), tick_label(t));
  }
  o += "</g>\n<g class=\"y-ticks\">\n";
  for (double v = 0; v <= y_max + 1e-9; v += ystep) {
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>"
                     "<text class=\"muted\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">{5}</text>\n",
                     px(L), px(R), px(ys(v)), px(L - 8), px(ys(v) + 4), num_label(v));
  }
  for (int p = 0; p <= 100; p += 25)
    o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"start\" style=\"fill:var(--traffic)\">{}%</text>\n",
                     px(R + 8), px(ps(p) + 4), p);
  o += fmt::format("<text class=\"muted\" transform=\"translate({} {}) rotate(-90)\" text-anchor=\"middle\">instances</text>\n",
                   px(16), px(plot_top + plot_h / 2));
  o += fmt::format("<text class=\"muted\" transform=\"translate({} {}) rotate(90)\" text-anchor=\"middle\" "
                   "style=\"fill:var(--traffic)\">traffic to new fleet</text>\n",
                   px(W - 12), px(plot_top + plot_h / 2));
  o += "</g>\n";

  // Bakes, shaded.
  o += "<g class=\"bakes\">\n";
  for (const auto& b : r.bakes) {
    const double x0 = xs(to_s(b.start)), x1 = xs(to_s(b.end));
    const std::string name = b.final ? "final bake" : fmt::format("bake {}", b.number);
    o += fmt::format("<rect data-role=\"bake\" data-bake=\"{}\" class=\"bake\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                     "<title>{} ({}): {} to {}, {}</title></rect>\n",
                     b.number, px(x0), px(plot_top), px(std::max(0.0, x1 - x0)), px(plot_h), esc(name), b.number,
                     clock(to_s(b.start)), clock(to_s(b.end)), human_duration(to_s(b.end - b.start)));
    const double w = x1 - x0;
    if (w >= 34)
      o += fmt::format("<text class=\"bake-label\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
                       px((x0 + x1) / 2), px(plot_top + 13), w >= 70 ? esc(name) : fmt::format("{}", b.number));
  }
  o += "</g>\n";

  // Stacked areas: old serving, new serving, old idle, new idle.
  struct Layer { const char* cls; const char* fill; const char* name; int State::*field; };
  static constexpr Layer kLayers[] = {
      {"l-old", "", "old fleet, serving", &State::old_active},
      {"l-new", "", "new fleet, serving", &State::new_active},
      {"", "url(#tl-hatch-old)", "old fleet, running without traffic", &State::old_idle},
      {"", "url(#tl-hatch-new)", "new fleet, running without traffic", &State::new_idle},
  };
  o += "<g class=\"areas\">\n";
  std::vector<int> base(states.size(), 0);
  for (const auto& layer : kLayers) {
    std::string d;
    bool any = false;
    for (std::size_t i = 0; i < states.size(); ++i) {
      const int top = base[i] + states[i].*layer.field;
      d += fmt::format("{}{},{}L{},{}", i == 0 ? "M" : "L", px(xs(states[i].t)), px(ys(top)), px(xs(states[i].end)), px(ys(top)));
      if (states[i].*layer.field > 0) any = true;
    }
    for (std::size_t i = states.size(); i-- > 0;)
      d += fmt::format("L{},{}L{},{}", px(xs(states[i].end)), px(ys(base[i])), px(xs(states[i].t)), px(ys(base[i])));
    for (std::size_t i = 0; i < states.size(); ++i) base[i] += states[i].*layer.field;
    if (!any || d.empty()) continue;
    o += fmt::format("<path data-role=\"area\" d=\"{}Z\"{}{}><title>{}</title></path>\n", d,
                     *layer.cls ? fmt::format(" class=\"{}\"", layer.cls) : "",
                     *layer.fill ? fmt::format(" fill=\"{}\"", layer.fill) : "", layer.name);
  }
  o += "</g>\n";

  // Traffic share to the new fleet.
  if (!states.empty()) {
    std::string d = fmt::format("M{},{}", px(xs(states[0].t)), px(ps(states[0].traffic)));
    for (std::size_t i = 0; i < states.size(); ++i) {
      if (i > 0) d += fmt::format("V{}", px(ps(states[i].traffic)));
      d += fmt::format("H{}", px(xs(states[i].end)));
    }
    o += fmt::format("<path data-role=\"traffic\" class=\"traffic\" d=\"{}\"><title>Share of traffic on the new fleet</title></path>\n", d);
  }
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", px(L), px(R), px(plot_bottom));

  // Phase lanes: one group per step.
  o += "<g class=\"steps\">\n";
  for (std::size_t vi = 0; vi < variants.size(); ++vi) {
    const double ly = lanes_top + static_cast<double>(vi) * (lane_label + lane_bar + lane_gap);
    o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\">{} · phases</text>\n", px(L), px(ly + 10),
                     esc(variants[vi]));
  }
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const auto& s = r.steps[i];
    const auto vi = static_cast<std::size_t>(std::find(variants.begin(), variants.end(), s.variant) - variants.begin());
    const double ly = lanes_top + static_cast<double>(vi) * (lane_label + lane_bar + lane_gap) + lane_label;
    const double x0 = xs(to_s(s.t)), x1 = xs(to_s(s.end));
    const double w = std::max(1.5, x1 - x0);
    const char* ph = to_string(s.phase);
    o += fmt::format("<g data-step=\"{}\" data-t-s=\"{}\" data-end-s=\"{}\" data-phase=\"{}\" data-variant=\"{}\" class=\"step ph-{}\">",
                     i, secs(to_s(s.t)), secs(to_s(s.end)), ph, esc(s.variant), ph);
    o += fmt::format("<title>Step {}: {} {}–{} ({}). {}: old {} running / {} serving, new {} running / {} serving, "
                     "{} of traffic on new. {}</title>",
                     i + 1, ph, clock(to_s(s.t)), clock(to_s(s.end)), human_duration(to_s(s.end - s.t)), esc(s.variant),
                     s.old_running, s.old_active, s.new_running, s.new_active, pct(s.new_traffic_pct), esc(s.message));
    o += fmt::format("<rect class=\"hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", px(x0), px(plot_top),
                     px(std::max(0.0, x1 - x0)), px(plot_h));
    o += fmt::format("<rect class=\"step-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>", px(x0), px(ly),
                     px(w), px(lane_bar));
    const std::string_view word = ph;
    if (w >= static_cast<double>(word.size()) * 7.2 + 8)
      o += fmt::format("<text class=\"step-text\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", px(x0 + w / 2),
                       px(ly + 13), word);
    o += "</g>\n";
  }
  o += "</g>\n";

  const double marks_top = lanes_top;
  const double marks_bottom = nb ? rb_top + static_cast<double>(nb) * rb_lane : plot_bottom;

  // The injected trip, when it took effect.
  if (r.trip_applied_at) {
    const double x = xs(to_s(*r.trip_applied_at));
    o += fmt::format("<g data-role=\"trip\" data-t-s=\"{}\"><title>Alarm trip applied at {}</title>"
                     "<line class=\"trip\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
                     "<text class=\"trip-label\" x=\"{}\" y=\"{}\">alarm trip</text></g>\n",
                     secs(to_s(*r.trip_applied_at)), clock(to_s(*r.trip_applied_at)), px(x), px(x), px(plot_top),
                     px(plot_bottom), px(x + 4), px(plot_top + 28));
  }

  // The timeout.
  if (sm.timeout) {
    const double to = to_s(*sm.timeout);
    const double x = timeout_offscale ? R : xs(to);
    const std::string label = fmt::format("timeout {}{}", human_duration(to), timeout_offscale ? " →" : "");
    const bool anchor_end = x > R - 120;
    o += fmt::format("<g class=\"timeout-mark\"><title>MaximumExecutionTimeoutInSeconds: {} ({} s){}</title>"
                     "<line data-role=\"timeout\" data-t-s=\"{}\"{} class=\"timeout\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
                     "<text class=\"timeout-label\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text></g>\n",
                     human_duration(to), secs(to), timeout_offscale ? ", beyond the right edge of the chart" : "",
                     secs(to), timeout_offscale ? " data-offscale=\"true\"" : "", px(x), px(x), px(marks_top),
                     px(marks_bottom), px(anchor_end ? x - 5 : x + 5), px(plot_top + 44), anchor_end ? "end" : "start",
                     esc(label));
  }

  // Rollback paths.
  if (nb) {
    o += fmt::format("<text x=\"{}\" y=\"{}\" style=\"font-weight:600\">If an alarm trips at the start of a bake, the rollback:</text>\n",
                     px(L), px(rb_top - 8));
    o += "<g class=\"rollback-paths\">\n";
    for (std::size_t k = 0; k < nb; ++k) {
      const auto& rb = r.rollback_if_trip[k];
      const double cy = rb_top + (static_cast<double>(k) + 0.5) * rb_lane;
      const double ts = to_s(rb.bake_start), te = to_s(rb.bake_start + rb.rollback_duration);
      const double tb = to_s(rb.bake_start + rb.back_to_old);
      const double hh = std::min(8.0, rb_lane * 0.45);
      o += fmt::format("<g data-role=\"rollback-path\" data-bake=\"{}\" data-trip-s=\"{}\" data-end-s=\"{}\">",
                       rb.bake, secs(ts), secs(te));
      o += fmt::format("<title>A trip at the start of bake {} ({}) ends {}: the rollback takes {}, all traffic is back "
                       "on the old fleet after {}, done at {}. Extra {} instance-hours ({}); peak {} instances.</title>",
                       rb.bake, clock(ts), to_string(rb.outcome), human_duration(to_s(rb.rollback_duration)),
                       human_duration(to_s(rb.back_to_old)), clock(te), hours(rb.extra_instance_seconds),
                       usd(rb.cost_usd), rb.peak_instances);
      o += fmt::format("<rect class=\"hit\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", px(L), px(cy - rb_lane / 2),
                       px(R - L), px(rb_lane));
      if (rb_lane >= 14)
        o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"end\">bake {}</text>", px(L - 8),
                         px(cy + 4), rb.bake);
      o += fmt::format("<rect class=\"rb-window\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>",
                       px(xs(to_s(rb.bake_start))), px(cy - hh / 2),
                       px(std::max(1.0, xs(to_s(rb.bake_end)) - xs(to_s(rb.bake_start)))), px(hh));
      o += fmt::format("<line class=\"rb-path\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>", px(xs(ts)), px(xs(te)), px(cy));
      o += fmt::format("<line class=\"rb-back\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>", px(xs(tb)), px(cy - hh),
                       px(cy + hh));
      o += fmt::format("<line class=\"rb-end\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/>", px(xs(te)), px(cy - hh),
                       px(cy + hh));
      o += fmt::format("<circle class=\"rb-trip\" cx=\"{}\" cy=\"{}\" r=\"{}\"/>", px(xs(ts)), px(cy), px(std::min(4.0, hh * 0.6)));
      const std::string note = fmt::format("{} · +{}", human_duration(to_s(rb.rollback_duration)), usd(rb.cost_usd));
      // The note goes left of the trip when it fits there (that part of the lane is empty), else
      // right of the path and the bake window.
      const double text_w = static_cast<double>(note.size()) * 6.0;
      const double right_x = std::max(xs(te), xs(to_s(rb.bake_end))) + 8;
      if (rb_lane >= 14 && xs(ts) - 10 - text_w > L)
        o += fmt::format("<text class=\"rb-text\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>", px(xs(ts) - 10),
                         px(cy + 4), esc(note));
      else if (rb_lane >= 14 && right_x + text_w < R)
        o += fmt::format("<text class=\"rb-text\" x=\"{}\" y=\"{}\">{}</text>", px(right_x), px(cy + 4), esc(note));
      o += "</g>\n";
    }
    o += "</g>\n";
  }
  o += "</svg>\n";
  return o;
}

std::string steps_table(const SimulationResult& r) {
  std::string o = "<section aria-labelledby=\"h-steps\">\n<h2 id=\"h-steps\">Step by step</h2>\n<div class=\"tablewrap\"><table>\n";
  o += "<caption>Each row is a state that holds from its start to its end for one variant; times from the request (h:mm:ss).</caption>\n";
  o += "<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Start</th><th scope=\"col\">End</th>"
       "<th scope=\"col\" class=\"l\">Phase</th><th scope=\"col\" class=\"l\">Variant</th>"
       "<th scope=\"col\">Old running</th><th scope=\"col\">Old serving</th><th scope=\"col\">New running</th>"
       "<th scope=\"col\">New serving</th><th scope=\"col\">Traffic to new</th><th scope=\"col\" class=\"l\">Status</th>"
       "<th scope=\"col\" class=\"l\">Message</th></tr></thead>\n<tbody>\n";
  for (std::size_t i = 0; i < r.steps.size(); ++i) {
    const auto& s = r.steps[i];
    const char* ph = to_string(s.phase);
    o += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td class=\"l\"><span class=\"phase {}\">{}</span></td>"
                     "<td class=\"l\">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"l\">{}</td>"
                     "<td class=\"msg\">{}</td></tr>\n",
                     i + 1, clock(to_s(s.t)), clock(to_s(s.end)), ph, ph, esc(s.variant), s.old_running, s.old_active,
                     s.new_running, s.new_active, pct(s.new_traffic_pct), esc(s.endpoint_status), esc(s.message));
  }
  if (r.steps.empty()) o += "<tr><td colspan=\"12\" class=\"l\">No steps.</td></tr>\n";
  return o + "</tbody></table></div>\n</section>\n";
}

std::string trips_table(const SimulationResult& r) {
  std::string o = "<section aria-labelledby=\"h-trips\">\n<h2 id=\"h-trips\">What a trip at each bake would cost</h2>\n";
  if (r.rollback_if_trip.empty()) return o + "<p class=\"none\">This plan has no bake: nothing can trip a rollback.</p>\n</section>\n";
  o += "<div class=\"tablewrap\"><table>\n<caption>An alarm in ALARM at the start of each bake of the planned path, "
       "with the timeout in force.</caption>\n"
       "<thead><tr><th scope=\"col\">Bake</th><th scope=\"col\">Bake window</th><th scope=\"col\" class=\"l\">Outcome</th>"
       "<th scope=\"col\">Rollback takes</th><th scope=\"col\">Back on old after</th><th scope=\"col\">Done at</th>"
       "<th scope=\"col\">Extra instance-h</th><th scope=\"col\">Extra cost</th><th scope=\"col\">Peak</th></tr></thead>\n<tbody>\n";
  for (const auto& rb : r.rollback_if_trip) {
    const char* oc = to_string(rb.outcome);
    o += fmt::format("<tr><th scope=\"row\">{}</th><td>{}–{}</td><td class=\"l\"><span class=\"outcome {}\">{}</span></td>"
                     "<td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                     rb.bake, clock(to_s(rb.bake_start)), clock(to_s(rb.bake_end)), oc, oc,
                     human_duration(to_s(rb.rollback_duration)), human_duration(to_s(rb.back_to_old)),
                     clock(to_s(rb.bake_start + rb.rollback_duration)), hours(rb.extra_instance_seconds),
                     usd(rb.cost_usd), rb.peak_instances);
  }
  return o + "</tbody></table></div>\n</section>\n";
}

}  // namespace

std::string render_simulation_html(const SimulationResult& r, const HtmlReportContext& ctx) {
  const auto& sm = r.summary;
  std::vector<std::pair<std::string, std::string>> chips = {{"strategy", to_string(r.strategy)},
                                                            {"outcome", to_string(r.outcome)}};
  std::string o = page_open(ctx, "simulation", chips);

  // Summary cards.
  o += "<section class=\"cards\" aria-label=\"Summary\">\n";
  o += card("Outcome", outcome_words(r.outcome), fmt::format("{} update", to_string(r.strategy)), outcome_tone(r.outcome));
  o += card("Duration", human_duration(to_s(sm.duration)), fmt::format("request to done: {}", clock(to_s(sm.duration))), "info");
  o += card("Peak instances", fmt::format("{}", sm.peak_instances),
            fmt::format("fewest serving at any moment: {}", sm.min_serving_instances), "info");
  o += card("Cost of the update", usd(sm.cost_usd), fmt::format("{} instance-hours", hours(sm.instance_seconds)), "info");
  const double extra_usd = ctx.extra_cost_usd ? *ctx.extra_cost_usd
                           : sm.instance_seconds > 0 ? sm.cost_usd * sm.extra_instance_seconds / sm.instance_seconds
                                                     : 0.0;
  o += card("Extra cost", (ctx.extra_cost_usd ? "" : "≈ ") + usd(extra_usd),
            fmt::format("+{} instance-hours over the old fleet alone", hours(sm.extra_instance_seconds)), "info");
  if (sm.timeout && sm.timeout_margin) {
    const double m = to_s(*sm.timeout_margin);
    const char* tone = m < 0 ? "bad" : (m < 0.1 * to_s(*sm.timeout) ? "warn" : "ok");
    o += card("Timeout margin", human_duration(m), fmt::format("timeout {} ({} s)", human_duration(to_s(*sm.timeout)),
                                                               secs(to_s(*sm.timeout))), tone);
  } else if (sm.timeout) {
    o += card("Timeout", human_duration(to_s(*sm.timeout)), "MaximumExecutionTimeoutInSeconds", "info");
  } else {
    o += card("Timeout margin", "no timeout", "MaximumExecutionTimeoutInSeconds not set", "warn");
  }
  const double exp_min = sm.exposure_traffic_s / 60.0;
  o += card("Exposure", fmt::format("{:.1f} min", exp_min),
            sm.escaped ? "of full traffic on the new version; the fault escaped the bakes"
                       : "of full traffic served by the new version until the run ended",
            sm.escaped ? "bad" : "info");
  if (!r.rollback_if_trip.empty()) {
    const auto worst = std::max_element(r.rollback_if_trip.begin(), r.rollback_if_trip.end(),
                                        [](const auto& a, const auto& b) { return a.cost_usd < b.cost_usd; });
    o += card("Costliest rollback", usd(worst->cost_usd),
              fmt::format("trip at bake {}: rollback takes {}", worst->bake, human_duration(to_s(worst->rollback_duration))),
              "info");
  }
  o += "</section>\n";

  // The timeline.
  o += "<section aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">Timeline</h2>\n<figure>\n";
  o += timeline_chart(r);
  o += "<ul class=\"legend\" aria-label=\"Legend\">"
       "<li><span class=\"sw old\"></span>old fleet serving</li>"
       "<li><span class=\"sw old-idle\"></span>old fleet running, no traffic</li>"
       "<li><span class=\"sw new\"></span>new fleet serving</li>"
       "<li><span class=\"sw new-idle\"></span>new fleet running, no traffic</li>"
       "<li><span class=\"sw traffic\"></span>traffic to the new fleet (right axis)</li>"
       "<li><span class=\"sw bake\"></span>bake</li>"
       "<li><span class=\"sw timeout\"></span>timeout</li>"
       "<li><span class=\"sw rb\"></span>rollback path of a trip (blue tick: all traffic back on old)</li></ul>\n";
  o += "<figcaption>Hover a phase, bake or rollback path for details. Instances count from the start of their "
       "provisioning to the end of their termination.</figcaption>\n</figure>\n</section>\n";

  o += trips_table(r);
  o += steps_table(r);
  o += "<div class=\"two\">\n" + warnings_section(r.warnings) + assumptions_section(r.assumptions) + "</div>\n";
  o += page_close(ctx);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Monte Carlo report

std::string render_montecarlo_html(const MonteCarloHtmlInput& in, const HtmlReportContext& ctx) {
  std::vector<std::pair<std::string, std::string>> chips;
  if (!in.strategy.empty()) chips.emplace_back("strategy", in.strategy);
  chips.emplace_back("trials", fmt::format("{}", in.trials));
  chips.emplace_back("seed", fmt::format("{}", in.seed));
  std::string o = page_open(ctx, "Monte Carlo", chips);

  o += "<section class=\"cards\" aria-label=\"Summary\">\n";
  o += card("Duration P50", human_duration(in.p50_s), fmt::format("mean {}", human_duration(in.mean_s)), "info");
  o += card("Duration P95", human_duration(in.p95_s), fmt::format("P90 {}", human_duration(in.p90_s)), "info");
  o += card("Duration P99", human_duration(in.p99_s), fmt::format("max {}", human_duration(in.max_s)), "info");
  o += card("P(timeout)", pct(100 * in.p_timeout, 2), in.timeout_s ? fmt::format("timeout {}", human_duration(*in.timeout_s)) : "no timeout set",
            in.p_timeout > 0 ? "bad" : "ok");
  o += card("P(rollback)", pct(100 * in.p_rollback, 2), "alarm trips and timeouts", in.p_rollback > 0.01 ? "warn" : "ok");
  o += card("Cost", usd(in.cost_mean_usd), fmt::format("mean; P95 {}", usd(in.cost_p95_usd)), "info");
  o += card("Instance-hours", fmt::format("{:.2f}", in.instance_hours_mean), fmt::format("mean; P95 {:.2f}", in.instance_hours_p95), "info");
  if (in.recommended_timeout_s) {
    const bool below = in.timeout_s && *in.timeout_s < *in.recommended_timeout_s;
    o += card("Recommended timeout", fmt::format("{} s", secs(*in.recommended_timeout_s)),
              in.recommendation_note.empty() ? human_duration(*in.recommended_timeout_s) : in.recommendation_note,
              below ? "warn" : "ok");
  }
  o += "</section>\n";

  // Bins.
  std::vector<HistogramBin> bins = in.bins;
  if (bins.empty() && !in.durations_s.empty()) {
    const auto [mn_it, mx_it] = std::minmax_element(in.durations_s.begin(), in.durations_s.end());
    const double mn = *mn_it, mx = *mx_it;
    const auto n = in.durations_s.size();
    // Every trial the same (deterministic timing): one bar, 2% of the value wide, centred on it.
    const bool same = mx - mn < 1e-9;
    const int nbins = same ? 1 : std::clamp(static_cast<int>(std::sqrt(static_cast<double>(n))), 1, 60);
    const double width = same ? std::max(1.0, 0.02 * mx) : (mx - mn) / nbins;
    const double start = same ? mn - width / 2 : mn;
    bins.resize(static_cast<std::size_t>(nbins));
    for (int i = 0; i < nbins; ++i) {
      bins[static_cast<std::size_t>(i)].lo_s = start + i * width;
      bins[static_cast<std::size_t>(i)].hi_s = start + (i + 1) * width;
    }
    for (const double d : in.durations_s) {
      auto i = static_cast<std::size_t>(std::clamp(static_cast<int>((d - start) / width), 0, nbins - 1));
      ++bins[i].count;
    }
  }
  std::uint64_t total = 0, cmax = 1;
  for (const auto& b : bins) { total += b.count; cmax = std::max(cmax, b.count); }

  constexpr double W = 1120, L = 72, R = W - 40, top = 40, ph = 300, bottom = top + ph, H = bottom + 50;
  double lo = bins.empty() ? 0 : bins.front().lo_s, hi = bins.empty() ? std::max(1.0, in.max_s) : bins.back().hi_s;
  for (const double q : {in.p50_s, in.p95_s, in.p99_s}) { lo = std::min(lo, q); hi = std::max(hi, q); }
  bool to_off = false, rec_off = false;
  // Lines within 1.5 spans of the data widen the axis; farther ones sit at the nearer edge.
  const double data_span = std::max({hi - lo, 0.1 * hi, 60.0});
  auto include = [&](const std::optional<double>& v, bool& off) {
    if (!v) return;
    if (*v <= hi + 1.5 * data_span && *v >= lo - 1.5 * data_span) { lo = std::min(lo, *v); hi = std::max(hi, *v); }
    else off = true;
  };
  include(in.timeout_s, to_off);
  include(in.recommended_timeout_s, rec_off);
  const double span = std::max(1.0, hi - lo);
  const double tstep = time_step(span * 1.1, 10);
  const double x_lo = std::max(0.0, std::floor((lo - span * 0.03) / tstep) * tstep);
  const double x_hi = hi + span * 0.05;
  const Scale xs{x_lo, x_hi, L, R};
  const double ystep = std::max(1.0, nice_step(static_cast<double>(cmax), 5));
  const double y_max = std::ceil(static_cast<double>(cmax) * 1.1 / ystep) * ystep;
  const Scale ys{0, y_max, bottom, top};

  std::string desc = fmt::format("Histogram of the update's duration over {} trials: P50 {}, P95 {}, P99 {}, max {}.",
                                 in.trials, human_duration(in.p50_s), human_duration(in.p95_s), human_duration(in.p99_s),
                                 human_duration(in.max_s));
  if (in.timeout_s) desc += fmt::format(" Timeout at {} (red dashed line); P(timeout) {}.", human_duration(*in.timeout_s), pct(100 * in.p_timeout, 2));
  if (in.recommended_timeout_s) desc += fmt::format(" Recommended timeout {} (green dashed line).", human_duration(*in.recommended_timeout_s));

  o += "<section aria-labelledby=\"h-hist\">\n<h2 id=\"h-hist\">How long the update takes</h2>\n<figure>\n";
  o += svg_open("mc", "histogram", W, H, "Distribution of the update's duration", desc);
  o += fmt::format("<rect data-role=\"plot-area\" class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-x-min=\"{}\" data-x-max=\"{}\"/>\n",
                   px(L), px(top), px(R - L), px(ph), secs(x_lo), secs(x_hi));
  for (double t = x_lo; t <= x_hi + 1e-9; t += tstep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/><text class=\"muted\" x=\"{0}\" y=\"{3}\" "
                     "text-anchor=\"middle\" data-t-s=\"{4}\">{5}</text>\n",
                     px(xs(t)), px(top), px(bottom), px(bottom + 17), secs(t), tick_label(t));
  for (double v = 0; v <= y_max + 1e-9; v += ystep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/><text class=\"muted\" x=\"{3}\" y=\"{4}\" "
                     "text-anchor=\"end\">{5}</text>\n",
                     px(L), px(R), px(ys(v)), px(L - 8), px(ys(v) + 4), num_label(v));
  o += fmt::format("<text class=\"muted\" transform=\"translate({} {}) rotate(-90)\" text-anchor=\"middle\">trials</text>\n",
                   px(16), px(top + ph / 2));
  o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">duration of the update</text>\n",
                   px((L + R) / 2), px(bottom + 40));
  o += "<g class=\"bins\">\n";
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const auto& b = bins[i];
    double x0 = xs(b.lo_s), x1 = xs(b.hi_s);
    if (x1 - x0 < 7) {  // a (nearly) zero-width bin, e.g. every trial alike: keep it visible
      const double mid = (x0 + x1) / 2;
      x0 = mid - 3.5;
      x1 = mid + 3.5;
    }
    const double share = total ? 100.0 * static_cast<double>(b.count) / static_cast<double>(total) : 0.0;
    o += fmt::format("<rect data-role=\"bin\" data-bin=\"{}\" data-count=\"{}\" class=\"bin\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\">"
                     "<title>{} to {}: {} trials ({})</title></rect>\n",
                     i, b.count, px(x0 + 0.5), px(ys(static_cast<double>(b.count))), px(std::max(0.5, x1 - x0 - 1)),
                     px(bottom - ys(static_cast<double>(b.count))), human_duration(b.lo_s), human_duration(b.hi_s), b.count,
                     pct(share, 2));
  }
  o += "</g>\n";
  o += fmt::format("<line class=\"axis\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/>\n", px(L), px(R), px(bottom));
  struct Mark { const char* role; const char* name; double v; };
  const Mark qs[] = {{"p50", "P50", in.p50_s}, {"p95", "P95", in.p95_s}, {"p99", "P99", in.p99_s}};
  int row = 0;
  for (const auto& q : qs) {
    const double x = xs(q.v);
    o += fmt::format("<g><title>{} duration: {} ({} s)</title><line data-role=\"{}\" data-t-s=\"{}\" class=\"q\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
                     "<text class=\"q-label\" x=\"{}\" y=\"{}\">{}</text></g>\n",
                     q.name, human_duration(q.v), secs(q.v), q.role, secs(q.v), px(x), px(x), px(top - 4), px(bottom),
                     px(x + 4), px(top + 12 + 14 * row), q.name);
    ++row;
  }
  auto vline = [&](const std::optional<double>& v, bool off, const char* role, const char* cls, const char* lcls, const char* name) {
    if (!v) return;
    const bool left_edge = off && *v < x_lo;
    const double x = off ? (left_edge ? L : R) : xs(*v);
    const bool end = x > R - 140;
    o += fmt::format("<g><title>{}: {} ({} s){}</title><line data-role=\"{}\" data-t-s=\"{}\"{} class=\"{}\" x1=\"{}\" x2=\"{}\" y1=\"{}\" y2=\"{}\"/>"
                     "<text class=\"{}\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}{} {}{}</text></g>\n",
                     name, human_duration(*v), secs(*v), off ? (left_edge ? ", beyond the left edge" : ", beyond the right edge") : "", role, secs(*v),
                     off ? " data-offscale=\"true\"" : "", cls, px(x), px(x), px(top - 14), px(bottom), lcls,
                     px(end ? x - 5 : x + 5), px(top + 60 + (std::string_view(role) == "timeout" ? 0 : 16)),
                     end ? "end" : "start", left_edge ? "← " : "", name, human_duration(*v), off && !left_edge ? " →" : "");
  };
  vline(in.timeout_s, to_off, "timeout", "timeout", "timeout-label", "timeout");
  vline(in.recommended_timeout_s, rec_off, "recommended-timeout", "rec", "rec-label", "recommended");
  o += "</svg>\n";
  o += "<ul class=\"legend\" aria-label=\"Legend\"><li><span class=\"sw bin\"></span>trials per duration bin</li>"
       "<li><span class=\"sw q\"></span>P50 / P95 / P99</li><li><span class=\"sw timeout\"></span>timeout</li>"
       "<li><span class=\"sw rec\"></span>recommended timeout</li></ul>\n</figure>\n</section>\n";

  if (!in.peak_distribution.empty()) {
    o += "<section aria-labelledby=\"h-peak\">\n<h2 id=\"h-peak\">Peak instances</h2>\n<div class=\"tablewrap\"><table class=\"narrow\">\n"
         "<caption>Share of trials by the most instances running at once.</caption>\n"
         "<thead><tr><th scope=\"col\">Peak instances</th><th scope=\"col\">Share of trials</th></tr></thead>\n<tbody>\n";
    for (const auto& [peak, share] : in.peak_distribution)
      o += fmt::format("<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n", peak, pct(100 * share, 2));
    o += "</tbody></table></div>\n</section>\n";
  }
  o += "<div class=\"two\">\n" + warnings_section(in.warnings) + assumptions_section(in.assumptions) + "</div>\n";
  o += page_close(ctx);
  return o;
}

// ---------------------------------------------------------------------------------------------
// Sweep / plan report

std::string render_sweep_html(const SweepHtmlInput& in, const HtmlReportContext& ctx) {
  std::vector<std::pair<std::string, std::string>> chips;
  std::size_t n_front = 0, n_feasible = 0;
  const SweepPoint* pick = nullptr;
  for (const auto& p : in.points) {
    n_front += p.on_front ? 1 : 0;
    n_feasible += p.feasible ? 1 : 0;
    if (p.picked) pick = &p;
  }
  chips.emplace_back("configs", fmt::format("{}", in.points.size()));
  chips.emplace_back("feasible", fmt::format("{}", n_feasible));
  chips.emplace_back("on the front", fmt::format("{}", n_front));
  if (!in.objective.empty()) chips.emplace_back("minimize", in.objective);
  std::string o = page_open(ctx, in.kind, chips);

  if (pick) {
    o += "<section class=\"cards\" aria-label=\"Summary\">\n";
    o += card("Pick", pick->label, in.objective.empty() ? "" : fmt::format("minimizes {}", in.objective), "ok");
    o += card("Duration", human_duration(pick->duration_s), "of the picked config", "info");
    o += card("Cost", usd(pick->cost_usd), "of the picked config", "info");
    o += card("Exposure", fmt::format("{:.1f} min", pick->exposure / 60), "of full traffic on a bad version", "info");
    if (pick->peak_instances > 0) o += card("Peak instances", num_label(pick->peak_instances), "of the picked config", "info");
    o += "</section>\n";
  }
  if (!in.explanation.empty()) {
    o += "<section aria-labelledby=\"h-why\">\n<h2 id=\"h-why\">Why this config</h2>\n<ul>\n";
    for (const auto& line : in.explanation) o += fmt::format("<li>{}</li>\n", esc(line));
    o += "</ul>\n</section>\n";
  }

  // Which points to draw: the pick, the front, then an even sample of the rest.
  std::vector<const SweepPoint*> drawn;
  std::vector<const SweepPoint*> rest;
  for (const auto& p : in.points) (p.on_front || p.picked ? drawn : rest).push_back(&p);
  const std::size_t budget = in.max_points > drawn.size() ? in.max_points - drawn.size() : 0;
  if (rest.size() <= budget) {
    drawn.insert(drawn.begin(), rest.begin(), rest.end());
  } else if (budget > 0) {
    std::vector<const SweepPoint*> sample;
    for (std::size_t i = 0; i < budget; ++i) sample.push_back(rest[i * rest.size() / budget]);
    drawn.insert(drawn.begin(), sample.begin(), sample.end());
  }
  // Draw order: others, then the front, then the pick on top.
  std::stable_sort(drawn.begin(), drawn.end(), [](const SweepPoint* a, const SweepPoint* b) {
    auto rank = [](const SweepPoint* p) { return p->picked ? 2 : (p->on_front ? 1 : 0); };
    return rank(a) < rank(b);
  });

  constexpr double W = 1120, L = 92, R = W - 40, top = 30, ph = 380, bottom = top + ph, H = bottom + 52;
  double dmin = 0, dmax = 1, cmin = 0, cmax = 1;
  if (!drawn.empty()) {
    dmin = dmax = drawn[0]->duration_s;
    cmin = cmax = drawn[0]->cost_usd;
    for (const auto* p : drawn) {
      dmin = std::min(dmin, p->duration_s); dmax = std::max(dmax, p->duration_s);
      cmin = std::min(cmin, p->cost_usd); cmax = std::max(cmax, p->cost_usd);
    }
  }
  if (in.max_duration_s && *in.max_duration_s <= dmax * 1.5) dmax = std::max(dmax, *in.max_duration_s);
  if (in.max_cost_usd && *in.max_cost_usd <= cmax * 1.5) cmax = std::max(cmax, *in.max_cost_usd);
  const double dspan = std::max(1.0, dmax - dmin), cspan = std::max(0.01, cmax - cmin);
  const double tstep = time_step(dspan * 1.1, 10);
  const double x_lo = std::max(0.0, std::floor((dmin - dspan * 0.04) / tstep) * tstep), x_hi = dmax + dspan * 0.05;
  const double cstep = nice_step(cspan * 1.1, 6);
  const double y_lo = std::max(0.0, std::floor((cmin - cspan * 0.05) / cstep) * cstep);
  const double y_hi = std::ceil((cmax + cspan * 0.05) / cstep) * cstep;
  const Scale xs{x_lo, x_hi, L, R};
  const Scale ys{y_lo, y_hi, bottom, top};

  std::string desc = fmt::format("Scatter of {} configs ({} drawn): duration on the horizontal axis, cost on the vertical axis. "
                                 "{} configs on the Pareto front (duration, cost, exposure) are highlighted.",
                                 in.points.size(), drawn.size(), n_front);
  if (pick) desc += fmt::format(" The pick, {}, takes {} and costs {}.", pick->label, human_duration(pick->duration_s), usd(pick->cost_usd));

  o += "<section aria-labelledby=\"h-pareto\">\n<h2 id=\"h-pareto\">Duration against cost</h2>\n<figure>\n";
  o += svg_open("pf", "pareto", W, H, "Pareto front of the evaluated configs: duration against cost", desc);
  o += fmt::format("<rect data-role=\"plot-area\" class=\"frame\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-x-min=\"{}\" "
                   "data-x-max=\"{}\" data-y-min=\"{}\" data-y-max=\"{}\"/>\n",
                   px(L), px(top), px(R - L), px(ph), secs(x_lo), secs(x_hi), secs(y_lo), secs(y_hi));
  for (double t = x_lo; t <= x_hi + 1e-9; t += tstep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{0}\" y1=\"{1}\" y2=\"{2}\"/><text class=\"muted\" x=\"{0}\" y=\"{3}\" "
                     "text-anchor=\"middle\">{4}</text>\n",
                     px(xs(t)), px(top), px(bottom), px(bottom + 17), tick_label(t));
  for (double v = y_lo; v <= y_hi + 1e-9; v += cstep)
    o += fmt::format("<line class=\"grid\" x1=\"{0}\" x2=\"{1}\" y1=\"{2}\" y2=\"{2}\"/><text class=\"muted\" x=\"{3}\" y=\"{4}\" "
                     "text-anchor=\"end\">{5}</text>\n",
                     px(L), px(R), px(ys(v)), px(L - 8), px(ys(v) + 4),
                     esc(cstep >= 1 ? usd(v).substr(0, usd(v).size() - 3) : usd(v)));
  o += fmt::format("<text class=\"muted\" transform=\"translate({} {}) rotate(-90)\" text-anchor=\"middle\">cost (USD)</text>\n",
                   px(16), px(top + ph / 2));
  o += fmt::format("<text class=\"muted\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">duration of the update</text>\n",
                   px((L + R) / 2), px(bottom + 40));
  if (in.max_duration_s && *in.max_duration_s <= x_hi) {
    const double x = xs(*in.max_duration_s);
    o += fmt::format("<g><title>Limit: duration at most {5}</title><line data-role=\"limit-duration\" class=\"limit\" x1=\"{0}\" x2=\"{0}\" "
                     "y1=\"{1}\" y2=\"{2}\"/><text class=\"limit-label\" x=\"{3}\" y=\"{4}\" text-anchor=\"end\">max duration</text></g>\n",
                     px(x), px(top), px(bottom), px(x - 4), px(top + 12), human_duration(*in.max_duration_s));
  }
  if (in.max_cost_usd && *in.max_cost_usd <= y_hi) {
    const double yy = ys(*in.max_cost_usd);
    o += fmt::format("<g><title>Limit: cost at most {0}</title><line data-role=\"limit-cost\" class=\"limit\" x1=\"{1}\" x2=\"{2}\" "
                     "y1=\"{3}\" y2=\"{3}\"/><text class=\"limit-label\" x=\"{4}\" y=\"{5}\" text-anchor=\"end\">max cost</text></g>\n",
                     esc(usd(*in.max_cost_usd)), px(L), px(R), px(yy), px(R - 4), px(yy - 4));
  }
  // The 2-D front line (duration, cost) through the front points.
  {
    std::vector<const SweepPoint*> f;
    for (const auto* p : drawn)
      if (p->on_front) f.push_back(p);
    std::sort(f.begin(), f.end(), [](auto* a, auto* b) {
      return a->duration_s != b->duration_s ? a->duration_s < b->duration_s : a->cost_usd < b->cost_usd;
    });
    std::string d;
    double best = 0;
    for (const auto* p : f) {
      if (!d.empty() && p->cost_usd >= best) continue;  // dominated in (duration, cost)
      d += d.empty() ? fmt::format("M{},{}", px(xs(p->duration_s)), px(ys(p->cost_usd)))
                     : fmt::format("H{}V{}", px(xs(p->duration_s)), px(ys(p->cost_usd)));
      best = p->cost_usd;
    }
    if (d.size() > 1) o += fmt::format("<path class=\"front-line\" d=\"{}\"/>\n", d);
  }
  o += "<g class=\"points\">\n";
  for (const auto* p : drawn) {
    const char* cls = p->picked ? "pt-pick" : (p->on_front ? "pt-front" : (p->feasible ? "pt" : "pt-infeasible"));
    const double rr = p->picked ? 8 : (p->on_front ? 4.5 : 3);
    o += fmt::format("<circle data-role=\"point\" data-front=\"{}\" data-picked=\"{}\" class=\"{}\" cx=\"{}\" cy=\"{}\" r=\"{}\">"
                     "<title>{}: {}, {}, exposure {:.1f} min{}{}</title></circle>\n",
                     p->on_front ? 1 : 0, p->picked ? 1 : 0, cls, px(xs(p->duration_s)), px(ys(p->cost_usd)), px(rr),
                     esc(p->label), human_duration(p->duration_s), usd(p->cost_usd), p->exposure / 60,
                     p->feasible ? "" : " (outside the limits)", p->picked ? " (the pick)" : "");
  }
  if (pick) {
    const double x = xs(pick->duration_s), yy = ys(pick->cost_usd);
    const bool left = x > R - 260;
    o += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"{}\" class=\"pick-label\" style=\"font-weight:700\">pick: {}</text>\n",
                     px(left ? x - 12 : x + 12), px(yy - 10), left ? "end" : "start", esc(pick->label));
  }
  o += "</g>\n</svg>\n";
  o += "<ul class=\"legend\" aria-label=\"Legend\"><li><span class=\"sw pick\"></span>the pick</li>"
       "<li><span class=\"sw front\"></span>Pareto front (duration, cost, exposure)</li>"
       "<li><span class=\"sw pt\"></span>other configs</li><li><span class=\"sw timeout\" style=\"border-top-color:var(--warn)\"></span>limits</li></ul>\n";
  if (drawn.size() < in.points.size())
    o += fmt::format("<figcaption>Showing {} of {} configs: every front config, the pick and an even sample of the rest.</figcaption>\n",
                     drawn.size(), in.points.size());
  o += "</figure>\n</section>\n";

  // The front as a table.
  std::vector<const SweepPoint*> front;
  for (const auto& p : in.points)
    if (p.on_front || p.picked) front.push_back(&p);
  std::sort(front.begin(), front.end(), [](auto* a, auto* b) { return a->duration_s < b->duration_s; });
  o += "<section aria-labelledby=\"h-front\">\n<h2 id=\"h-front\">The Pareto front</h2>\n";
  if (front.empty()) {
    o += "<p class=\"none\">No config meets the limits.</p>\n";
  } else {
    o += "<div class=\"tablewrap\"><table>\n<caption>Configs no other config beats on duration, cost and exposure at once";
    if (front.size() > 200) o += fmt::format(" (the first 200 of {} by duration)", front.size());
    o += ".</caption>\n<thead><tr><th scope=\"col\" class=\"l\">Config</th><th scope=\"col\">Duration</th><th scope=\"col\">Cost</th>"
         "<th scope=\"col\">Exposure</th><th scope=\"col\">Peak</th><th scope=\"col\" class=\"l\">Pick</th></tr></thead>\n<tbody>\n";
    for (std::size_t i = 0; i < front.size() && i < 200; ++i) {
      const auto* p = front[i];
      o += fmt::format("<tr><th scope=\"row\" class=\"l\">{}</th><td>{}</td><td>{}</td><td>{:.1f} min</td><td>{}</td><td class=\"l\">{}</td></tr>\n",
                       esc(p->label), human_duration(p->duration_s), usd(p->cost_usd), p->exposure / 60,
                       p->peak_instances > 0 ? num_label(p->peak_instances) : "", p->picked ? "★ pick" : "");
    }
    o += "</tbody></table></div>\n";
  }
  o += "</section>\n";
  if (!in.request_text.empty())
    o += fmt::format("<section aria-labelledby=\"h-request\">\n<h2 id=\"h-request\">The request to send</h2>\n<pre>{}</pre>\n</section>\n",
                     esc(in.request_text));
  o += "<div class=\"two\">\n" + warnings_section(in.warnings) + assumptions_section(in.assumptions) + "</div>\n";
  o += page_close(ctx);
  return o;
}

}  // namespace shiftsim::cli
