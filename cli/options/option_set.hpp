#pragma once
// A command's flags as Boost.Program_options descriptions, in groups, each flag bound to a field
// of the command's flags struct by a value parser (value.hpp). Declaring a flag is one line:
//
//   OptionGroup& g = options.group("faults and timing");
//   g.add("trip-at-bake", integer(f.trip_bake, 1, 1000), "K", "an alarm trips at bake K");
//
// and --help, the man page, shell completion, "did you mean" and the JSON errors all follow from
// that line. Shared groups (request, fleet, scenario and timing, output) are declared by one
// function each and reused by every command that takes those inputs.
//
// parse() reads the words after the command name with Boost.Program_options: `--name value`,
// `--name=value`, `-o json`; no abbreviations (adding a flag never breaks a command line that
// worked); `--` ends the flags. It returns every problem at once as Diagnostics:
//   E_UNKNOWN_FLAG   a flag the command does not take, with the nearest names;
//   E_FLAG_SYNTAX    a flag missing its value, a switch given one, a stray word;
//   E_UTF8           a word that is not well-formed UTF-8;
//   and whatever the value parsers report (E_RANGE, E_ENUM, ...), each naming its flag.
#include "options/value.hpp"

#include "commands.hpp"

#include <boost/program_options.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {

/// What --help, the man page and completion know of one flag.
struct FlagInfo {
  std::string name;        ///< long name without dashes: "trip-at-bake"
  char short_name = 0;     ///< 'o' for -o, else 0
  std::string arg;         ///< the value's name in help: "K", "FILE" (empty for switches)
  std::string help;
  Value::Arity arity = Value::Arity::one;
  Completion completion = Completion::none;
  std::vector<std::string> choices;
  std::string group;       ///< the group's caption
  bool hidden = false;     ///< accepted, not listed in --help (the AWS CLI's global flags)
};

class OptionSet;

/// One captioned group of flags in --help.
class OptionGroup {
 public:
  /// Adds a flag taking a value. `name` is the long name, optionally ",x" for a short one
  /// ("output,o"); `arg` names the value in help ("FILE").
  OptionGroup& add(std::string_view name, Value value, std::string_view arg,
                   std::string_view help);
  /// Adds a switch (a Value of Arity::none, e.g. set(flag)).
  OptionGroup& add(std::string_view name, Value value, std::string_view help);

 private:
  friend class OptionSet;
  OptionGroup(OptionSet& set, std::string caption, bool hidden)
      : set_(&set), caption_(std::move(caption)), hidden_(hidden) {}
  OptionSet* set_;
  std::string caption_;
  bool hidden_;
};

class OptionSet {
 public:
  /// `command` names the command in messages ("simulate").
  explicit OptionSet(std::string command);
  OptionSet(const OptionSet&) = delete;
  OptionSet& operator=(const OptionSet&) = delete;

  /// The group with this caption (created on first use, in order). A hidden group's flags are
  /// accepted but not listed in --help or offered by completion.
  OptionGroup& group(const std::string& caption, bool hidden = false);

  /// Words that are not flags (e.g. `completion bash`): `arg` names them in help; without a
  /// positional declaration any such word is an E_FLAG_SYNTAX error.
  void positional(std::string_view arg, Value value, std::string_view help);

  /// Parses `args` and binds every given flag; returns every problem (empty: all good).
  [[nodiscard]] Diagnostics parse(const Args& args);

  /// For an unknown flag with no near name here: the commands that take a flag near it, as
  /// "--termination-wait (a flag of emit, sweep, plan)"; empty when none (set by the dispatcher).
  std::function<std::string(std::string_view flag)> elsewhere;

  /// -h / --help was given.
  [[nodiscard]] bool help_requested() const noexcept { return help_; }

  /// The flags, grouped and wrapped to `width` columns, as Boost.Program_options prints them.
  [[nodiscard]] std::string help(std::size_t width) const;

  [[nodiscard]] const std::string& command() const noexcept { return command_; }
  [[nodiscard]] const std::vector<FlagInfo>& flags() const noexcept { return flags_; }
  /// The group captions, in declaration order (hidden groups included).
  [[nodiscard]] std::vector<std::string> groups() const;
  [[nodiscard]] const std::optional<FlagInfo>& positional_info() const noexcept {
    return positional_;
  }

 private:
  friend class OptionGroup;
  void add(const OptionGroup& group, std::string_view name, Value value, std::string_view arg,
           std::string_view help);
  /// Every flag as a Boost.Program_options description (each collects its words in order).
  [[nodiscard]] boost::program_options::options_description descriptions() const;
  /// The options Boost parsed, less unknown flags and stray words (reported to `errors`).
  [[nodiscard]] std::vector<boost::program_options::option> known_options(
      const std::vector<boost::program_options::option>& parsed, Diagnostics& errors) const;
  /// Runs every given flag's value parser; at most one flag may read standard input.
  void bind(const boost::program_options::variables_map& vm, Diagnostics& errors);

  std::string command_;
  std::vector<std::unique_ptr<OptionGroup>> groups_;
  std::vector<FlagInfo> flags_;
  std::vector<Value> values_;  ///< values_[i] binds flags_[i]
  std::optional<FlagInfo> positional_;
  std::optional<Value> positional_value_;
  bool help_ = false;
};

}  // namespace shiftsim::cli
