// Shared SVG chart pieces (svg.hpp).
#include "report/charts/svg.hpp"

#include "report/format.hpp"
#include "report/html_report.hpp"

#include <fmt/core.h>

#include <cmath>

namespace shiftsim::cli::svg {

std::string px(double v) { return fmt::format("{:.2f}", v); }

std::string secs(double s) { return trim_number(s, 3); }

std::string num_label(double v) {
  if (std::abs(v - std::round(v)) < 1e-9)
    return fmt::format("{}", static_cast<long long>(std::llround(v)));
  return secs(v);
}

std::string tick_label(double s) {
  const auto t = static_cast<long long>(std::llround(s));
  if (t == 0) return "0";
  if (t < 60) return fmt::format("{}s", t);
  if (t < 3600)
    return t % 60 ? fmt::format("{}m{:02}", t / 60, t % 60) : fmt::format("{}m", t / 60);
  if (t % 3600 == 0) return fmt::format("{}h", t / 3600);
  return fmt::format("{}h{:02}", t / 3600, (t % 3600) / 60);
}

double time_step(double span, int max_ticks) {
  static constexpr double kSteps[] = {1,    2,    5,    10,   15,    30,    60,    120,  300,
                                      600,  900,  1800, 3600, 7200,  10800, 21600, 43200, 86400};
  for (const double st : kSteps)
    if (span / st <= max_ticks) return st;
  return std::ceil(span / max_ticks / 86400.0) * 86400.0;
}

double nice_step(double span, int max_ticks) {
  if (span <= 0) return 1;
  const double raw = span / max_ticks;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

std::string open(std::string_view id, std::string_view chart, double w, double h,
                 std::string_view title, std::string_view desc) {
  return fmt::format(
      "<svg class=\"chart\" data-chart=\"{1}\" viewBox=\"0 0 {2} {3}\" "
      "role=\"img\" aria-labelledby=\"{0}-title {0}-desc\">\n<title id=\"{0}-title\">{4}</title>\n"
      "<desc id=\"{0}-desc\">{5}</desc>\n",
      id, chart, px(w), px(h), html_escape(title), html_escape(desc));
}

}  // namespace shiftsim::cli::svg
