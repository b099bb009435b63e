#include "commands.hpp"
#include "options/option_set.hpp"
namespace shiftsim::cli {
namespace {
constexpr CommandInfo kInfo{"completion", "completion", "shiftsim completion", "", "", "", false};
class CompletionCommand final : public Command {
 public:
  void declare(OptionSet&) override {}
  int run(Diagnostics) override { return 0; }
};
}  // namespace
CommandEntry completion_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<CompletionCommand>(); }};
}
}  // namespace shiftsim::cli
