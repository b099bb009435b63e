#include "report/format_util.hpp"

#include <fmt/core.h>

#include <cmath>
#include <cstdlib>

namespace shiftsim::cli {

std::string seconds_text(SimTime t) {
  const bool neg = t < 0;
  const SimTime a = neg ? -t : t;
  std::string s = fmt::format("{}{}", neg ? "-" : "", a / kMsPerSecond);
  if (const SimTime ms = a % kMsPerSecond; ms != 0) {
    std::string frac = fmt::format("{:03}", ms);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    s += "." + frac;
  }
  return s;
}

std::string hms_text(SimTime t) {
  const bool neg = t < 0;
  const SimTime s = (neg ? -t : t) / kMsPerSecond;
  return fmt::format("{}{}:{:02}:{:02}", neg ? "-" : "", s / 3600, (s / 60) % 60, s % 60);
}

double round_to(double v, int decimals) noexcept {
  const double f = std::pow(10.0, decimals);
  const double r = std::round(v * f) / f;
  return r == 0.0 ? 0.0 : r;  // no "-0"
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

}  // namespace shiftsim::cli
