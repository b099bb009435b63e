#pragma once
// The commands. Each is a class in its own cli/cmd_<name>.cpp that declares its flags, bound to
// its own members (options/option_set.hpp), and runs with them; the table (commands.cpp) lists
// them for the dispatcher (dispatch.hpp), `--help`, the man page and shell completion.
//
// A command returns its exit code; it may throw shiftsim::InputError (exit 2) or OutputError
// (exit 3); anything else escaping is an internal error (exit 1). The dispatcher renders what
// escapes in the format --output asks for.
#include "shiftsim/diagnostic.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace shiftsim::cli {

/// Exit codes, documented in `shiftsim --help`, the man page and the README.
enum ExitCode : int {
  kExitOk = 0,            ///< success (warnings allowed)
  kExitInternal = 1,      ///< a bug in shiftsim
  kExitInvalidInput = 2,  ///< invalid input: bad flag, file, field or value
  kExitOutputFailed = 3,  ///< an output file could not be written
  kExitNoFeasible = 4,    ///< plan: no configuration meets the limits
  kExitCheckFailed = 5,   ///< check: findings at or above --fail-on
};

/// A bad command line that is not about one flag's value: exit 2 with the message.
struct CliUsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// An output file could not be written: exit 3.
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Args = std::vector<std::string>;

class OptionSet;

/// What --help, the man page and the command list say about a command.
struct CommandInfo {
  std::string_view name;
  std::string_view summary;      ///< one line, for `shiftsim --help`
  std::string_view synopsis;     ///< "shiftsim simulate [--scenario FILE] [flags]" (lines)
  std::string_view description;  ///< what it does (paragraphs, lines of at most 100 columns)
  std::string_view examples;     ///< command lines, one per line
  std::string_view exit_codes;   ///< "0 ok, 2 invalid input, 3 output not writable"
  bool hidden = false;           ///< not in `shiftsim --help`'s list (completion, manpage)
};

class Command {
 public:
  Command() = default;
  Command(const Command&) = delete;
  Command& operator=(const Command&) = delete;
  virtual ~Command() = default;
  /// Declares every flag, bound to members of this object. Called once, before run().
  virtual void declare(OptionSet& options) = 0;
  /// Runs once the flags are bound. `flag_errors` holds what parsing found: the command reports
  /// them with its other input problems, or throws them (throw_if_any()).
  virtual int run(Diagnostics flag_errors) = 0;

  /// The words the command was parsed from (a fleet's default options first: fleet_run.hpp),
  /// set by the dispatcher before run().
  Args words;
};

struct CommandEntry {
  CommandInfo info;
  std::unique_ptr<Command> (*make)();
};

/// Every command, in the order `shiftsim --help` lists them (hidden ones last).
[[nodiscard]] const std::vector<CommandEntry>& command_table();

/// The entry named `name`, or nullptr.
[[nodiscard]] const CommandEntry* find_command(std::string_view name);

/// Throws InputError(errors) when there are any.
void throw_if_any(Diagnostics errors);

// One entry per command (cmd_<name>.cpp).
CommandEntry validate_command();
CommandEntry emit_command();
CommandEntry simulate_command();
CommandEntry montecarlo_command();
CommandEntry sweep_command();
CommandEntry plan_command();
CommandEntry check_command();
CommandEntry compare_command();
CommandEntry merge_command();
CommandEntry prices_command();
CommandEntry completion_command();
CommandEntry manpage_command();

}  // namespace shiftsim::cli
