#pragma once
// Shell completion scripts generated from the commands' option descriptions (commands.hpp,
// options/option_set.hpp), so they never drift from --help:
//   - the command names (hidden ones too: completion, manpage) at the first word;
//   - each command's visible flags after a `-`;
//   - after a flag that takes a value: its choices (--output, --strategy, ...), file names for
//     file flags (Completion::file), nothing for free values (numbers, names);
//   - `--flag=value` as well as `--flag value`.
#include <string>

namespace shiftsim::cli {

/// The bash script: defines _shiftsim and `complete -F _shiftsim shiftsim`.
[[nodiscard]] std::string bash_completion();

/// The zsh script (#compdef shiftsim): _arguments specs per command.
[[nodiscard]] std::string zsh_completion();

}  // namespace shiftsim::cli
