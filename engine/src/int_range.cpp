// Integer ranges, checked and counted before they are expanded (int_range.hpp).
#include "shiftsim/int_range.hpp"

#include "model_validator.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/diagnostic.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>
#include <system_error>

namespace shiftsim {

namespace {

/// One comma item: start..last by step, `count` values (last = start + (count - 1) * step).
struct Part {
  std::int64_t start = 0, step = 1, last = 0;
  std::uint64_t count = 1;
};

[[noreturn]] void range_error(const char* code, std::string_view flag, std::string_view text,
                              std::string rule, std::string_view detail) {
  throw_input_error(code, std::string(flag), rule, fmt::format("\"{}\"", text),
                    fmt::format("{} {}: {}", flag, text, detail.empty() ? rule : detail));
}

std::int64_t parse_int(std::string_view s, std::string_view flag, std::string_view text) {
  std::int64_t v = 0;
  const auto* e = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), e, v);
  if (!s.empty() && ec == std::errc::result_out_of_range && p == e)
    range_error(error_code::range, flag, text, "values are 64-bit integers",
                fmt::format("'{}' is beyond 64-bit integers", s));
  if (s.empty() || ec != std::errc() || p != e)
    range_error(error_code::range_syntax, flag, text,
                fmt::format("'{}' is not a whole number (ranges are start:stop:step, inclusive, "
                            "or comma lists)",
                            s),
                "");
  return v;
}

/// Parses one comma item: a value or start:stop:step (step > 0, start <= stop), counted with
/// unsigned arithmetic, which is exact for stop >= start: nothing here can overflow.
Part parse_part(std::string_view item, std::string_view flag, std::string_view text) {
  Part r;
  const auto c1 = item.find(':');
  if (c1 == std::string_view::npos) {
    r.start = r.last = parse_int(item, flag, text);
    return r;
  }
  const auto c2 = item.find(':', c1 + 1);
  if (c2 == std::string_view::npos || item.find(':', c2 + 1) != std::string_view::npos)
    range_error(error_code::range_syntax, flag, text, "a range is start:stop:step (three numbers)",
                "");
  r.start = parse_int(item.substr(0, c1), flag, text);
  const std::int64_t stop = parse_int(item.substr(c1 + 1, c2 - c1 - 1), flag, text);
  r.step = parse_int(item.substr(c2 + 1), flag, text);
  if (r.step <= 0)
    range_error(error_code::range, flag, text, "step must be > 0", "the step must be > 0");
  if (r.start > stop) range_error(error_code::range, flag, text, "start must be <= stop", "");
  const std::uint64_t span = static_cast<std::uint64_t>(stop) - static_cast<std::uint64_t>(r.start);
  const auto step = static_cast<std::uint64_t>(r.step);
  const std::uint64_t steps = span / step;  // steps * step <= span: start + it cannot pass stop
  r.count = steps == std::numeric_limits<std::uint64_t>::max() ? steps : steps + 1;  // saturated
  r.last = static_cast<std::int64_t>(static_cast<std::uint64_t>(r.start) + steps * step);
  return r;
}

/// Calls fn(part) for every comma item of `text`, in order.
template <class Fn>
void for_each_part(std::string_view text, std::string_view flag, Fn&& fn) {
  std::size_t pos = 0;
  for (;;) {
    const auto comma = text.find(',', pos);
    fn(parse_part(text.substr(pos, comma == std::string_view::npos ? comma : comma - pos), flag,
                  text));
    if (comma == std::string_view::npos) return;
    pos = comma + 1;
  }
}

std::string limits_text(const IntRangeField& f) {
  if (f.max == std::numeric_limits<std::int64_t>::max()) return fmt::format(">= {}", f.min);
  return fmt::format("{}..{}", f.min, f.max);
}

void check_limits(const Part& p, const IntRangeField& f, std::string_view flag,
                  std::string_view text) {
  const std::string rule = fmt::format("values must be {} ({})", limits_text(f), f.name);
  if (p.start < f.min)
    range_error(error_code::range, flag, text, rule,
                fmt::format("{} is below {}, the minimum of {} ({})", p.start, f.min, f.name,
                            limits_text(f)));
  if (p.last > f.max)
    range_error(error_code::range, flag, text, rule,
                fmt::format("{} is above {}, the maximum of {} ({})", p.last, f.max, f.name,
                            limits_text(f)));
}

std::uint64_t saturating_add(std::uint64_t a, std::uint64_t b) noexcept {
  constexpr auto kMax = std::numeric_limits<std::uint64_t>::max();
  return b > kMax - a ? kMax : a + b;
}

const IntRangeField kAnyNonNegative{"a range value", 0, std::numeric_limits<std::int64_t>::max()};

}  // namespace

IntRangeField model_int_field(std::string_view shape) {
  const detail::Shape& s = detail::Model::embedded().at(shape);
  if (s.type != "integer" && s.type != "long")
    throw std::invalid_argument(fmt::format("{} is not an integer shape", shape));
  IntRangeField f{std::string(shape), std::numeric_limits<std::int64_t>::min(),
                  std::numeric_limits<std::int64_t>::max()};
  if (s.min) f.min = static_cast<std::int64_t>(std::ceil(*s.min));
  if (s.max) f.max = static_cast<std::int64_t>(std::floor(*s.max));
  return f;
}

std::uint64_t count_int_range(std::string_view text, std::string_view flag) {
  std::uint64_t n = 0;
  for_each_part(text, flag, [&](const Part& p) {
    check_limits(p, kAnyNonNegative, flag, text);
    n = saturating_add(n, p.count);
  });
  return n;
}

std::vector<std::int64_t> parse_int_range(std::string_view text, std::string_view flag,
                                          const IntRangeField& field, std::uint64_t max_values) {
  // First pass: every part checked against the field and counted; nothing stored.
  std::uint64_t n = 0;
  for_each_part(text, flag, [&](const Part& p) {
    check_limits(p, field, flag, text);
    n = saturating_add(n, p.count);
  });
  if (n > max_values)
    throw_input_error(error_code::grid_too_large, std::string(flag),
                      fmt::format("at most {} values", max_values), fmt::format("{}", n),
                      fmt::format("{} {}: {} values is more than the limit of {}", flag, text, n,
                                  max_values));
  // Second pass: at most n <= max_values values, each start + k * step <= last (no overflow).
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(n));
  for_each_part(text, flag, [&](const Part& p) {
    for (std::uint64_t k = 0; k < p.count; ++k)
      out.push_back(static_cast<std::int64_t>(static_cast<std::uint64_t>(p.start) +
                                              k * static_cast<std::uint64_t>(p.step)));
  });
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::vector<std::int64_t> parse_int_range(std::string_view text, std::string_view flag,
                                          std::uint64_t max_values) {
  return parse_int_range(text, flag, kAnyNonNegative, max_values);
}

}  // namespace shiftsim
