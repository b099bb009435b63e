// `shiftsim completion bash|zsh` (hidden from the command list): a shell completion script,
// generated from the same option descriptions as --help (shell_completion.hpp). `cmake --install`
// installs both (share/bash-completion/completions/shiftsim, share/zsh/.../_shiftsim).
#include "commands.hpp"
#include "options/option_set.hpp"
#include "output/output.hpp"
#include "shell_completion.hpp"

#include "shiftsim/codes.hpp"

namespace shiftsim::cli {

namespace {

constexpr CommandInfo kInfo{
    "completion",
    "print a shell completion script: bash or zsh",
    "shiftsim completion bash|zsh",
    "Prints a completion script for bash or zsh, generated from every command's flags: commands,\n"
    "flags, the values of enumerated flags (--output, --strategy, ...) and file names for file\n"
    "flags. The packages and `cmake --install` install both; to try one in the current shell:",
    "source <(shiftsim completion bash)\n"
    "shiftsim completion zsh > \"${fpath[1]}/_shiftsim\"",
    "0 ok, 2 no or an unknown shell",
    true,
};

enum class Shell { bash, zsh };

class CompletionCommand final : public Command {
 public:
  void declare(OptionSet& options) override {
    options.positional("SHELL", choice(shell_, Choices<Shell>{{"bash", Shell::bash},
                                                              {"zsh", Shell::zsh}}),
                       "bash or zsh");
    declare_output_flags(options, output_, {"the script", "", true, ""});
  }

  int run(Diagnostics errors) override {
    if (!shell_ && errors.empty())
      errors.push_back(
          error_diagnostic(error_code::required, "SHELL", "bash or zsh", "",
                           "completion: name the shell: shiftsim completion bash|zsh"));
    throw_if_any(std::move(errors));
    write_output(output_, *shell_ == Shell::bash ? bash_completion() : zsh_completion());
    return kExitOk;
  }

 private:
  std::optional<Shell> shell_;
  OutputFlags output_;
};

}  // namespace

CommandEntry completion_command() {
  return {kInfo,
          []() -> std::unique_ptr<Command> { return std::make_unique<CompletionCommand>(); }};
}

}  // namespace shiftsim::cli
