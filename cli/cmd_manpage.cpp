// `shiftsim manpage` (hidden from the command list): the manual page, shiftsim(1), in roff,
// generated from the same descriptions as --help (manual_page.hpp). The build writes it and
// `cmake --install` installs it (share/man/man1/shiftsim.1).
#include "commands.hpp"
#include "manual_page.hpp"
#include "options/option_set.hpp"
#include "output/output.hpp"

namespace shiftsim::cli {

namespace {

constexpr CommandInfo kInfo{
    "manpage",
    "print the manual page shiftsim(1) in roff",
    "shiftsim manpage [--out FILE]",
    "Prints the manual page, generated from every command's --help: the commands, their flags\n"
    "by group, examples, the conventions they share, the environment and the exit codes.",
    "shiftsim manpage --out shiftsim.1 && man -l shiftsim.1",
    "0 ok",
    true,
};

class Manpage final : public Command {
 public:
  void declare(OptionSet& options) override {
    declare_output_flags(options, output_, {"the page in roff", "", true, ""});
  }
  int run(Diagnostics errors) override {
    throw_if_any(std::move(errors));
    write_output(output_, manual_page());
    return kExitOk;
  }

 private:
  OutputFlags output_;
};

}  // namespace

CommandEntry manpage_command() {
  return {kInfo, []() -> std::unique_ptr<Command> { return std::make_unique<Manpage>(); }};
}

}  // namespace shiftsim::cli
