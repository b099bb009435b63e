// shiftsim: plan SageMaker endpoint updates before you make them.
#include "commands.hpp"
#include "diagnostics_output.hpp"

#include "shiftsim/diagnostic.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <cstdio>
#include <exception>
#include <string_view>

namespace {

using shiftsim::cli::Args;

struct Command {
  std::string_view name;
  int (*run)(const Args&);
  std::string_view summary;
};

constexpr Command kCommands[] = {
    {"validate", shiftsim::cli::run_validate,
     "check an UpdateEndpoint request against the SageMaker model and documented rules"},
    {"emit", shiftsim::cli::run_emit,
     "build an UpdateEndpoint request from flags: JSON, YAML, aws CLI, CloudFormation, Terraform"},
    {"simulate", shiftsim::cli::run_simulate,
     "step through the update: capacity, traffic, duration, cost and rollback per step"},
    {"montecarlo", shiftsim::cli::run_montecarlo,
     "simulate many seeded trials with random timing and faults: P50/P95/P99, P(rollback)"},
    {"sweep", shiftsim::cli::run_sweep,
     "evaluate a grid of deployment configs for one endpoint; Pareto front"},
    {"plan", shiftsim::cli::run_plan,
     "pick the best deployment config under limits and emit its request"},
    {"check", shiftsim::cli::run_check,
     "check the endpoint updates of Terraform plans and CloudFormation templates (CI gate, SARIF)"},
};

void print_help() {
  std::fputs(
      "shiftsim: simulate and plan Amazon SageMaker UpdateEndpoint deployments\n\n"
      "usage: shiftsim <command> [options]      shiftsim <command> --help\n\ncommands:\n",
      stdout);
  for (const auto& c : kCommands)
    fmt::print("  {:<11} {}\n", c.name, c.summary);
  std::fputs(
      "\nexit codes:\n"
      "  0  success (warnings allowed)\n"
      "  1  internal error (a bug in shiftsim: please report it)\n"
      "  2  invalid input: a bad flag, file, field or value (every problem is listed)\n"
      "  3  an output file could not be written (nothing partial is left behind)\n"
      "  4  plan: no configuration meets the limits\n"
      "  5  check: findings at or above --fail-on (default: error)\n",
      stdout);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    if (argc < 2 || std::string_view(argv[1]) == "--help" || std::string_view(argv[1]) == "-h" ||
        std::string_view(argv[1]) == "help") {
      print_help();
      return argc < 2 ? shiftsim::cli::kExitInvalidInput : shiftsim::cli::kExitOk;
    }
    if (std::string_view(argv[1]) == "--version") {
      fmt::print("shiftsim {}\n", shiftsim::kVersion);
      return shiftsim::cli::kExitOk;
    }
    const std::string_view name = argv[1];
    Args args(argv + 2, argv + argc);
    for (const auto& c : kCommands)
      if (c.name == name) return c.run(args);
    fmt::print(stderr, "shiftsim: unknown command '{}'; see 'shiftsim --help'\n", name);
    return shiftsim::cli::kExitInvalidInput;
  } catch (const shiftsim::InputError& e) {
    shiftsim::cli::print_diagnostics_text(stderr, e.diagnostics());
    return shiftsim::cli::kExitInvalidInput;
  } catch (const shiftsim::cli::CliUsageError& e) {
    fmt::print(stderr, "shiftsim: {}\n", e.what());
    return shiftsim::cli::kExitInvalidInput;
  } catch (const shiftsim::cli::OutputError& e) {
    fmt::print(stderr, "shiftsim: {}\n", e.what());
    return shiftsim::cli::kExitOutputFailed;
  } catch (const std::exception& e) {
    fmt::print(stderr, "shiftsim: internal error: {}\n", e.what());
    return shiftsim::cli::kExitInternal;
  } catch (...) {
    fmt::print(stderr, "shiftsim: internal error\n");
    return shiftsim::cli::kExitInternal;
  }
}
