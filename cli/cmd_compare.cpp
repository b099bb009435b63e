#include "commands.hpp"
#include "options/option_set.hpp"
namespace shiftsim::cli {
namespace {
constexpr CommandInfo kInfo{"compare", "compare", "shiftsim compare", "", "", "", false};
class Compare final : public Command {
 public:
  void declare(OptionSet&) override {}
  int run(Diagnostics) override { return 0; }
};
}  // namespace
CommandEntry compare_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Compare>(); }};
}
}  // namespace shiftsim::cli
