#pragma once
// Each subcommand is one function in its own cli/cmd_<name>.cpp. `args` are the words after the
// subcommand name. A command returns its exit code; it may throw shiftsim::InputError (exit 2)
// or CliUsageError (exit 2); anything else escaping is an internal error (exit 1).
#include <stdexcept>
#include <string>
#include <vector>

namespace shiftsim::cli {

/// Exit codes, documented in `shiftsim --help` and the README.
enum ExitCode : int {
  kExitOk = 0,            ///< success (warnings allowed)
  kExitInternal = 1,      ///< a bug in shiftsim
  kExitInvalidInput = 2,  ///< invalid input: bad flag, file, field or value
  kExitOutputFailed = 3,  ///< an output file could not be written
  kExitNoFeasible = 4,    ///< plan: no configuration meets the limits
  kExitCheckFailed = 5,   ///< check: findings at or above --fail-on
};

/// A bad command line (unknown flag, missing value): exit 2 with the message.
struct CliUsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// An output file could not be written: exit 3.
struct OutputError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Args = std::vector<std::string>;

int run_validate(const Args& args);
int run_emit(const Args& args);
int run_simulate(const Args& args);
int run_montecarlo(const Args& args);
int run_sweep(const Args& args);
int run_plan(const Args& args);
int run_check(const Args& args);

}  // namespace shiftsim::cli
