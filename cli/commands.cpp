// The command table (commands.hpp).
#include "commands.hpp"

namespace shiftsim::cli {

const std::vector<CommandEntry>& command_table() {
  static const std::vector<CommandEntry> table = {
      validate_command(), emit_command(),  simulate_command(),   montecarlo_command(),
      sweep_command(),    plan_command(),  check_command(),      compare_command(),  merge_command(),
      prices_command(),   completion_command(), manpage_command(),
  };
  return table;
}

const CommandEntry* find_command(std::string_view name) {
  for (const auto& c : command_table())
    if (c.info.name == name) return &c;
  return nullptr;
}

void throw_if_any(Diagnostics errors) {
  if (!errors.empty()) throw InputError(std::move(errors));
}

}  // namespace shiftsim::cli
