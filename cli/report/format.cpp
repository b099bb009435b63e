// The reporters' number formatters (format.hpp).
#include "report/format.hpp"

#include "shiftsim/assumptions.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdint>
#include <string_view>

namespace shiftsim::cli {

namespace {

/// "-" + the magnitude's text for a negative value, unless the text shows zero (no digit 1-9).
std::string signed_text(bool negative, std::string magnitude) {
  const bool zero = magnitude.find_first_of("123456789") == std::string::npos;
  return negative && !zero ? "-" + magnitude : magnitude;
}

/// Digits with thousands separators: "1234567.89" -> "1,234,567.89".
std::string group_thousands(std::string_view digits) {
  const auto dot = digits.find('.');
  const std::string_view ip = digits.substr(0, dot);
  std::string out;
  for (std::size_t i = 0; i < ip.size(); ++i) {
    if (i > 0 && (ip.size() - i) % 3 == 0) out += ',';
    out += ip[i];
  }
  if (dot != std::string_view::npos) out += digits.substr(dot);
  return out;
}

}  // namespace

double round_to(double v, int decimals) noexcept {
  const double f = std::pow(10.0, decimals);
  const double r = std::round(v * f) / f;
  return r == 0.0 ? 0.0 : r;  // no "-0"
}

std::string fixed(double v, int decimals) {
  return signed_text(std::signbit(v), fmt::format("{:.{}f}", std::fabs(v), decimals));
}

std::string trim_number(double v, int decimals) {
  std::string s = fmt::format("{:.{}f}", round_to(v, decimals), decimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

std::string seconds_text(SimTime t) { return format_seconds(t); }

std::string hms_text(SimTime t) {
  const bool neg = t < 0;
  const std::uint64_t s =
      (neg ? static_cast<std::uint64_t>(-(t + 1)) + 1U : static_cast<std::uint64_t>(t)) /
      static_cast<std::uint64_t>(kMsPerSecond);
  return signed_text(neg, fmt::format("{}:{:02}:{:02}", s / 3600, (s / 60) % 60, s % 60));
}

std::string clock_text(double s) {
  const double a = std::fabs(s);
  const auto total = static_cast<long long>(std::llround(a));
  std::string r = fmt::format("{}:{:02}:{:02}", total / 3600, (total % 3600) / 60, total % 60);
  const double frac = a - std::floor(a);
  if (frac > 1e-9 && a < 600)
    r = fmt::format("{}:{:02}:{:06.3f}", 0, static_cast<long long>(a) / 60, std::fmod(a, 60.0));
  return signed_text(s < 0, r);
}

std::string duration_words(double s) {
  if (s < 0) return signed_text(true, duration_words(-s));
  if (s < 10 && std::abs(s - std::round(s)) > 1e-9) return fmt::format("{:.1f} s", s);
  const auto total = static_cast<long long>(std::llround(s));
  const long long h = total / 3600, m = (total % 3600) / 60, sec = total % 60;
  if (h > 0)
    return sec ? fmt::format("{} h {:02} min {:02} s", h, m, sec)
               : fmt::format("{} h {:02} min", h, m);
  if (m > 0) return sec ? fmt::format("{} min {} s", m, sec) : fmt::format("{} min", m);
  return fmt::format("{} s", sec);
}

std::string usd(double v) { return signed_text(v < 0, fmt::format("${:.2f}", std::fabs(v))); }

std::string usd_grouped(double v) {
  const double a = std::fabs(v);
  if (a != 0 && a < 0.01) return signed_text(v < 0, fmt::format("${:.4f}", a));
  return signed_text(v < 0, fmt::format("${}", group_thousands(fmt::format("{:.2f}", a))));
}

std::string cost_text(Cost c, const UnpricedTypes& unpriced) {
  const auto v = c.usd();
  return v ? usd(*v) : unknown_cost_text(unpriced);
}

std::string cost_grouped(Cost c, const UnpricedTypes& unpriced) {
  const auto v = c.usd();
  return v ? usd_grouped(*v) : unknown_cost_text(unpriced);
}

std::string cost_cell(Cost c, int decimals) {
  const auto v = c.usd();
  return v ? fixed(*v, decimals) : std::string("unknown");
}

std::optional<double> cost_value(Cost c, int decimals) {
  const auto v = c.usd();
  if (!v) return std::nullopt;
  return round_to(*v, decimals);
}

std::string cost_csv(Cost c, int decimals) {
  const auto v = c.usd();
  return v ? fixed(*v, decimals) : std::string("null");
}

std::string cost_csv(Cost c) {
  const auto v = c.usd();
  return v ? fmt::format("{}", *v) : std::string("null");
}

std::string percent(double v, int decimals) { return trim_number(v, decimals) + "%"; }

std::string hours_text(double instance_seconds) {
  return fixed(round_to(instance_seconds / 3600.0, 2), 2);
}

}  // namespace shiftsim::cli
