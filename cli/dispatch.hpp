#pragma once
// `shiftsim <command> [flags]`: finds the command, parses its flags, runs it, and turns what
// escapes into an exit code and a message, in the format --output asks for (output.hpp):
//   InputError     exit 2   the diagnostics on stderr; with --output json/yaml/text the error
//                           document (shiftsim.error/v1) on stdout too
//   OutputError    exit 3   the same, code E_OUTPUT
//   anything else  exit 1   the same, code E_INTERNAL
// Also the top-level words: --help/-h/help [COMMAND], --version.
#include "commands.hpp"
#include "options/option_set.hpp"

#include <cstddef>
#include <string>

namespace shiftsim::cli {

/// Runs the words after the program name; returns the exit code.
[[nodiscard]] int run_shiftsim(const Args& args);

/// `shiftsim --help`: the commands and the conventions they share.
[[nodiscard]] std::string top_help(std::size_t width);

/// `shiftsim COMMAND --help`: usage, description, the flags by group, examples, exit codes.
[[nodiscard]] std::string command_help(const CommandInfo& info, const OptionSet& options,
                                       std::size_t width);

/// `shiftsim --version`: the release, the SageMaker API model and the price table it carries.
[[nodiscard]] std::string version_text();

/// A command's flags, declared on a throwaway instance (for help, the man page, completion).
/// The OptionSet refers to `holder`, which must outlive it.
void describe_command(const CommandEntry& entry, std::unique_ptr<Command>& holder,
                      OptionSet& options);

}  // namespace shiftsim::cli
