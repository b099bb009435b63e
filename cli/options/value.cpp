// The shared value parsers (value.hpp).
#include "options/value.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/nearest.hpp"

#include <fmt/core.h>

#include <charconv>
#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

namespace shiftsim::cli {

namespace {

/// A switch's bind: no words.
Value switch_value(std::function<void(std::string_view, Diagnostics&)> f) {
  Value v;
  v.arity = Value::Arity::none;
  v.bind = [f = std::move(f)](std::string_view flag, const std::vector<std::string>&,
                              Diagnostics& errors) { f(flag, errors); };
  return v;
}

/// A one-word value stored by `store(word, flag)` (which throws InputError when bad).
template <class F>
Value one(F store) {
  Value v;
  v.bind = [store = std::move(store)](std::string_view flag, const std::vector<std::string>& w,
                                      Diagnostics& errors) {
    try {
      store(w.back(), flag);
    } catch (const InputError& e) {
      append_diagnostics(errors, e.diagnostics());
    }
  };
  return v;
}

char fold(char c) {
  if (c == '_') return '-';
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

}  // namespace

Value text(std::string& out) {
  return one([&out](const std::string& w, std::string_view) { out = w; });
}

Value text(std::optional<std::string>& out) {
  return one([&out](const std::string& w, std::string_view) { out = w; });
}

Value input_file(std::optional<std::string>& out) {
  Value v = text(out);
  v.completion = Completion::file;
  v.reads_stdin = true;
  return v;
}

Value parameter(std::optional<std::string>& out) {
  Value v = text(out);
  v.reads_stdin = true;
  return v;
}

Value output_file(std::optional<std::string>& out) {
  Value v = text(out);
  v.completion = Completion::file;
  return v;
}

Value repeated(std::vector<std::string>& out, Completion completion) {
  Value v;
  v.arity = Value::Arity::repeated;
  v.completion = completion;
  v.reads_stdin = completion == Completion::file;  // files read with read_input(): `-` is stdin
  v.bind = [&out](std::string_view, const std::vector<std::string>& w, Diagnostics&) {
    out.insert(out.end(), w.begin(), w.end());
  };
  return v;
}

Value words(std::vector<std::string>& out) {
  Value v = repeated(out);
  v.arity = Value::Arity::words;
  return v;
}

Value set(bool& out, bool to) {
  return switch_value([&out, to](std::string_view, Diagnostics&) { out = to; });
}

Value set(std::optional<bool>& out, bool to) {
  return switch_value([&out, to](std::string_view flag, Diagnostics& errors) {
    if (out && *out != to) {
      const std::string name(flag);
      const std::string other = to ? "--no-" + name.substr(2) : "--" + name.substr(5);
      errors.push_back(error_diagnostic(
          error_code::flag_conflict, name, "give one of the pair", "true",
          fmt::format("{} and {} contradict each other: give one", other, name)));
      return;
    }
    out = to;
  });
}

double parse_number_flag(std::string_view value, std::string_view flag, double lo, double hi) {
  double v = 0;
  const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (value.empty() || ec != std::errc() || p != value.data() + value.size() ||
      !std::isfinite(v) || v < lo || v > hi)
    throw_input_error(error_code::range, std::string(flag),
                      fmt::format("must be a number in [{}, {}]", lo, hi),
                      fmt::format("\"{}\"", value),
                      fmt::format("{}: must be a number between {} and {}, got '{}'", flag, lo, hi,
                                  value));
  return v;
}

SimTime parse_seconds_flag(std::string_view value, std::string_view flag, double max_s) {
  const double s = parse_number_flag(value, flag, 0.0, max_s);
  return static_cast<SimTime>(std::llround(s * 1000.0));
}

std::int64_t parse_int_flag(std::string_view value, std::string_view flag, std::int64_t lo,
                            std::int64_t hi) {
  std::int64_t v = 0;
  const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
  if (value.empty() || ec != std::errc() || p != value.data() + value.size() || v < lo || v > hi)
    throw_input_error(error_code::range, std::string(flag),
                      fmt::format("must be an integer in [{}, {}]", lo, hi),
                      fmt::format("\"{}\"", value),
                      fmt::format("{}: must be a whole number between {} and {}, got '{}'", flag,
                                  lo, hi, value));
  return v;
}

Value integer(std::optional<std::int64_t>& out, std::int64_t lo, std::int64_t hi) {
  return one([&out, lo, hi](const std::string& w, std::string_view flag) {
    out = parse_int_flag(w, flag, lo, hi);
  });
}

Value integer(std::int64_t& out, std::int64_t lo, std::int64_t hi) {
  return one([&out, lo, hi](const std::string& w, std::string_view flag) {
    out = parse_int_flag(w, flag, lo, hi);
  });
}

Value integer(int& out, int lo, int hi) {
  return one([&out, lo, hi](const std::string& w, std::string_view flag) {
    out = static_cast<int>(parse_int_flag(w, flag, lo, hi));
  });
}

Value integer(std::uint64_t& out, std::uint64_t lo, std::uint64_t hi) {
  const auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  const auto lo64 = static_cast<std::int64_t>(std::min(lo, max));
  const auto hi64 = static_cast<std::int64_t>(std::min(hi, max));
  return one([&out, lo64, hi64](const std::string& w, std::string_view flag) {
    out = static_cast<std::uint64_t>(parse_int_flag(w, flag, lo64, hi64));
  });
}

Value number(std::optional<double>& out, double lo, double hi) {
  return one([&out, lo, hi](const std::string& w, std::string_view flag) {
    out = parse_number_flag(w, flag, lo, hi);
  });
}

Value time_s(std::optional<SimTime>& out, double max_s) {
  return one([&out, max_s](const std::string& w, std::string_view flag) {
    out = parse_seconds_flag(w, flag, max_s);
  });
}

std::optional<std::size_t> match_choice(std::string_view word,
                                        const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const std::string& n = names[i];
    if (n.size() != word.size()) continue;
    bool same = true;
    for (std::size_t k = 0; k < n.size() && same; ++k) same = fold(n[k]) == fold(word[k]);
    if (same) return i;
  }
  return std::nullopt;
}

Diagnostic choice_error(std::string_view flag, std::string_view word,
                        const std::vector<std::string>& names) {
  std::string list;
  for (std::size_t i = 0; i < names.size(); ++i)
    list.append(i == 0 ? "" : i + 1 == names.size() ? " or " : ", ").append(names[i]);
  return error_diagnostic(
      error_code::enum_value, std::string(flag), fmt::format("one of {}", list),
      fmt::format("\"{}\"", word),
      fmt::format("{}: must be {}, got '{}'{}", flag, list, word,
                  did_you_mean(nearest_names(word, names))));
}

}  // namespace shiftsim::cli
