#include "commands.hpp"
#include "options/option_set.hpp"
namespace shiftsim::cli {
namespace {
constexpr CommandInfo kInfo{"manpage", "manpage", "shiftsim manpage", "", "", "", false};
class Manpage final : public Command {
 public:
  void declare(OptionSet&) override {}
  int run(Diagnostics) override { return 0; }
};
}  // namespace
CommandEntry manpage_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Manpage>(); }};
}
}  // namespace shiftsim::cli
