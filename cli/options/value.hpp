#pragma once
// How one flag's words become a field of a command's flags struct: the value parsers every
// command shares. Each returns a Value to give to OptionGroup::add() (option_set.hpp):
//
//   g.add("trip-at-bake", integer(f.trip_bake, 1, 1000), "K", "an alarm trips at bake K");
//   g.add("strategy", choice(f.strategy, kStrategies), "S", "the update policy");
//   g.add("no-progress", set(f.progress, false), "never draw the progress bar");
//
// A value parser never throws: a bad value becomes a Diagnostic (code, the flag as its path, the
// rule, the value) appended to the parse's errors, so every bad flag is reported at once (exit 2).
// A flag given twice keeps its last value, as the AWS CLI does; repeated() and words() keep all.
#include "shiftsim/diagnostic.hpp"
#include "shiftsim/time.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shiftsim::cli {

/// What shell completion offers for a flag's value.
enum class Completion { none, file, choices };

struct Value {
  /// How many words the flag takes: none (a switch), one (the next word or `--flag=value`),
  /// optional (one when the next word is not a flag, else `implicit`), repeated (one per use,
  /// all kept), words (one or more words up to the next flag, as the AWS CLI's list shorthand).
  enum class Arity { none, one, optional, repeated, words };
  Arity arity = Arity::one;
  std::string implicit;  ///< Arity::optional: the value when none follows
  /// Called once after parsing when the flag was given: `flag` is "--name", `words` every word
  /// given for it, in order (Arity::none: empty). Appends problems to `errors`; never throws.
  std::function<void(std::string_view flag, const std::vector<std::string>& words,
                     Diagnostics& errors)>
      bind;
  Completion completion = Completion::none;
  std::vector<std::string> choices;  ///< Completion::choices, and the help's list
  /// The value `-` reads standard input: at most one such flag may be given `-` (E_FLAG_CONFLICT).
  bool reads_stdin = false;
};

/// One name of an enumeration flag and the value it stands for.
template <class E>
using Choices = std::vector<std::pair<std::string, E>>;

// --- text and files -----------------------------------------------------------------------------

Value text(std::string& out);
Value text(std::optional<std::string>& out);
/// A file to read: a path, `file://path`, or `-` for standard input (read with read_input(),
/// input_files.hpp).
Value input_file(std::optional<std::string>& out);
/// An AWS CLI parameter: the value itself, `file://path`, or `-` for standard input (read with
/// parameter_text(), input_files.hpp).
Value parameter(std::optional<std::string>& out);
/// A file to write: a path, `file://path`, or `-` for standard output.
Value output_file(std::optional<std::string>& out);
/// One word per use, all kept in order (`--assume A=1 --assume B=2`). With Completion::file the
/// words are files read with read_input(): each `-` reads standard input (at most one in all).
Value repeated(std::vector<std::string>& out, Completion completion = Completion::none);
/// One or more words up to the next flag, over every use (`--x A=1 B=2`).
Value words(std::vector<std::string>& out);

// --- switches -----------------------------------------------------------------------------------

/// A switch that sets `out` to `to` (`--no-progress`: set(progress, false)).
Value set(bool& out, bool to = true);
/// One of a pair of switches for one tri-state member (`--retain-x` / `--no-retain-x`); the
/// pair given together is E_FLAG_CONFLICT.
Value set(std::optional<bool>& out, bool to);

// --- numbers ------------------------------------------------------------------------------------

/// A whole number in [lo, hi] (E_RANGE otherwise).
Value integer(std::optional<std::int64_t>& out, std::int64_t lo, std::int64_t hi);
Value integer(std::int64_t& out, std::int64_t lo, std::int64_t hi);
Value integer(int& out, int lo, int hi);
Value integer(std::uint64_t& out, std::uint64_t lo, std::uint64_t hi);
/// A decimal number in [lo, hi] (E_RANGE otherwise).
Value number(std::optional<double>& out, double lo, double hi);
/// Seconds, decimals allowed, in [0, max_s], as SimTime (E_RANGE otherwise).
Value time_s(std::optional<SimTime>& out, double max_s = 86400.0);

/// A value read by `parse(value, flag)`, which throws InputError for a bad one.
template <class T>
Value parsed(std::optional<T>& out, std::function<T(std::string_view, std::string_view)> parse) {
  Value v;
  v.bind = [&out, parse = std::move(parse)](
               std::string_view flag, const std::vector<std::string>& w, Diagnostics& errors) {
    try {
      out = parse(w.back(), flag);
    } catch (const InputError& e) {
      append_diagnostics(errors, e.diagnostics());
    }
  };
  return v;
}

// --- enumerations -------------------------------------------------------------------------------

/// Matches `word` against `names` ignoring case, with '-' and '_' equal (`CANARY`, `canary`,
/// `all_at_once`, `ALL-AT-ONCE`); the index of the name, or nullopt.
[[nodiscard]] std::optional<std::size_t> match_choice(std::string_view word,
                                                      const std::vector<std::string>& names);

/// E_ENUM naming the flag, every name, the value and the nearest name ("did you mean canary?").
[[nodiscard]] Diagnostic choice_error(std::string_view flag, std::string_view word,
                                      const std::vector<std::string>& names);

/// One of `names` (case-insensitive, as match_choice()), into `out`: an E, or a
/// std::optional<E> left empty when the flag is not given.
template <class Out, class E>
Value choice(Out& out, Choices<E> names) {
  Value v;
  for (const auto& [n, e] : names) v.choices.push_back(n);
  v.completion = Completion::choices;
  v.bind = [&out, names = std::move(names), list = v.choices](
               std::string_view flag, const std::vector<std::string>& w, Diagnostics& errors) {
    if (const auto i = match_choice(w.back(), list)) out = names[*i].second;
    else errors.push_back(choice_error(flag, w.back(), list));
  };
  return v;
}

// --- flag values parsed outside a Value (kept for the grid and limit parsers) ------------------

/// A decimal number in [lo, hi]. InputError E_RANGE naming `flag`.
[[nodiscard]] double parse_number_flag(std::string_view value, std::string_view flag, double lo,
                                       double hi);
/// Seconds (decimals allowed, >= 0, <= max_s). InputError E_RANGE naming `flag`.
[[nodiscard]] SimTime parse_seconds_flag(std::string_view value, std::string_view flag,
                                         double max_s = 86400.0);
/// A whole number in [lo, hi]. InputError E_RANGE naming `flag`.
[[nodiscard]] std::int64_t parse_int_flag(std::string_view value, std::string_view flag,
                                          std::int64_t lo, std::int64_t hi);

}  // namespace shiftsim::cli
