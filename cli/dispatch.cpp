// The dispatcher (dispatch.hpp).
#include "dispatch.hpp"

#include "fleet_run.hpp"

#include "diagnostics_output.hpp"
#include "output/output.hpp"
#include "report/text_grid.hpp"
#include "terminal.hpp"

#include "shiftsim/codes.hpp"
#include "shiftsim/nearest.hpp"
#include "shiftsim/prices.hpp"
#include "shiftsim/version.hpp"

#include <fmt/core.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <string>
#include <vector>

namespace shiftsim::cli {

namespace {

constexpr const char* kConventions =
    "Conventions shared by every command:\n"
    "  --output/-o table|json|yaml|text (csv where rows exist): table for people (fitted to\n"
    "      $COLUMNS, coloured only on a terminal without NO_COLOR); json the command's\n"
    "      document; yaml the same document; text the AWS CLI's tab-separated rendering of it.\n"
    "      Errors follow it: with json, yaml or text the error document (shiftsim.error/v1)\n"
    "      goes to stdout.\n"
    "  File flags take PATH, file://PATH, or - for standard input.\n"
    "  AWS enum spellings are accepted in any case (--strategy CANARY or canary).\n"
    "  A pasted `aws sagemaker update-endpoint ...` line works after the command name: the\n"
    "      AWS CLI's own flags are shiftsim's request flags, its global flags are ignored.\n";

constexpr const char* kExitCodes =
    "exit codes:\n"
    "  0  success (warnings allowed)\n"
    "  1  internal error (a bug in shiftsim: please report it)\n"
    "  2  invalid input: a bad flag, file, field or value (every problem is listed)\n"
    "  3  an output file could not be written (nothing partial is left behind)\n"
    "  4  plan: no configuration meets the limits\n"
    "  5  check: findings at or above --fail-on (default: error)\n";

std::string indent_lines(std::string_view text, std::string_view prefix) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto nl = text.find('\n', i);
    const auto line =
        text.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    out += line.empty() ? "\n" : fmt::format("{}{}\n", prefix, line);
    if (nl == std::string_view::npos) break;
    i = nl + 1;
  }
  return out;
}

/// Prints `ds` on stderr and, for a machine format, the error document on stdout.
int report_failure(std::string_view command, int exit_code, const Diagnostics& ds,
                   OutputFormat format) {
  print_diagnostics_text(stderr, ds);
  std::fflush(stderr);
  if (format == OutputFormat::json || format == OutputFormat::yaml ||
      format == OutputFormat::text) {
    const std::string doc = render_document(error_document(command, exit_code, ds), format);
    std::fwrite(doc.data(), 1, doc.size(), stdout);
    std::fflush(stdout);
  }
  return exit_code;
}

Diagnostic message_diagnostic(const char* code, std::string message) {
  return error_diagnostic(code, "", "", "", std::move(message));
}

/// Runs `run`, mapping every exception to its exit code and rendering.
template <class F>
int guarded(std::string_view command, OutputFormat format, F run) {
  try {
    return run();
  } catch (const InputError& e) {
    return report_failure(command, kExitInvalidInput, e.diagnostics(), format);
  } catch (const CliUsageError& e) {
    return report_failure(command, kExitInvalidInput,
                          {message_diagnostic(error_code::flag_syntax,
                                              fmt::format("{}: {}", command, e.what()))},
                          format);
  } catch (const OutputError& e) {
    return report_failure(command, kExitOutputFailed,
                          {message_diagnostic(error_code::output, e.what())}, format);
  } catch (const std::exception& e) {
    return report_failure(command, kExitInternal,
                          {message_diagnostic(error_code::internal,
                                              fmt::format("internal error: {}", e.what()))},
                          format);
  } catch (...) {
    return report_failure(command, kExitInternal,
                          {message_diagnostic(error_code::internal, "internal error")}, format);
  }
}

/// The visible commands that take `flag` exactly, in the table's order.
std::vector<std::string> commands_with(std::string_view flag) {
  std::vector<std::string> out;
  for (const auto& c : command_table()) {
    if (c.info.hidden) continue;
    std::unique_ptr<Command> holder;
    OptionSet other{std::string(c.info.name)};
    describe_command(c, holder, other);
    for (const auto& f : other.flags())
      if (!f.hidden && "--" + f.name == flag) {
        out.emplace_back(c.info.name);
        break;
      }
  }
  return out;
}

/// The other visible commands that take `flag` exactly: "emit, sweep, plan"; "" when none.
std::string commands_taking(std::string_view flag, const CommandEntry& self) {
  std::string out;
  for (const auto& name : commands_with(flag))
    if (name != self.info.name) out.append(out.empty() ? "" : ", ").append(name);
  return out;
}

int run_command(const CommandEntry& entry, const Args& args) {
  std::unique_ptr<Command> cmd = entry.make();
  OptionSet options{std::string(entry.info.name)};
  cmd->declare(options);
  options.elsewhere = [&entry](std::string_view flag) { return commands_taking(flag, entry); };
  const Args words = with_fleet_defaults(entry.info.name, args, options,
                                         [] { return commands_with("--fleet"); });
  Diagnostics errors = options.parse(words);
  if (options.help_requested()) {
    const std::string text = command_help(entry.info, options, help_width());
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  cmd->words = words;
  return cmd->run(std::move(errors));
}

int unknown_command(std::string_view name, OutputFormat format) {
  std::vector<std::string> names;
  for (const auto& c : command_table())
    if (!c.info.hidden) names.emplace_back(c.info.name);
  const std::string message =
      fmt::format("shiftsim: unknown command '{}'{}; see 'shiftsim --help'", name,
                  did_you_mean(nearest_names(name, names)));
  return report_failure("shiftsim", kExitInvalidInput,
                        {error_diagnostic(error_code::unknown_command, "", "a shiftsim command",
                                          fmt::format("\"{}\"", name), message)},
                        format);
}

}  // namespace

std::string top_help(std::size_t width) {
  std::string out =
      "shiftsim: simulate and plan Amazon SageMaker UpdateEndpoint deployments\n\n"
      "usage: shiftsim <command> [flags]      shiftsim <command> --help      shiftsim --version\n"
      "\ncommands:\n";
  for (const auto& c : command_table())
    if (!c.info.hidden) out += fmt::format("  {:<11} {}\n", c.info.name, c.info.summary);
  out += "\n" + std::string(kConventions) + "\n" + kExitCodes;
  (void)width;
  return out;
}

std::string command_help(const CommandInfo& info, const OptionSet& options, std::size_t width) {
  std::string out = "usage: " + std::string(info.synopsis) + "\n\n";
  if (!info.description.empty()) {
    // The description's line breaks are layout only: reflow it to the width.
    std::string joined(info.description);
    for (auto& c : joined)
      if (c == '\n') c = ' ';
    out += hanging("", joined, "", std::clamp<std::size_t>(width, 60, 160)) + "\n";
  }
  out += options.help(width);
  if (!info.examples.empty()) out += "examples:\n" + indent_lines(info.examples, "  ") + "\n";
  if (!info.exit_codes.empty())
    out += hanging("exit codes: ", info.exit_codes, std::string(12, ' '),
                   std::clamp<std::size_t>(width, 60, 160));
  return out;
}

std::string version_text() {
  const auto rows = default_price_rows();
  std::string newest;
  for (const auto& r : rows) newest = std::max(newest, r.source_date);
  return fmt::format(
      "shiftsim {}\n"
      "SageMaker API model: sagemaker {} service-2.json from botocore {} (last changed {})\n"
      "price table: {} instance types, compiled {} (newest source {})\n",
      kVersion, kModelApiVersion, kModelBotocoreVersion, kModelDate, rows.size(), kPriceTableDate,
      newest);
}

void describe_command(const CommandEntry& entry, std::unique_ptr<Command>& holder,
                      OptionSet& options) {
  holder = entry.make();
  holder->declare(options);
}

int run_shiftsim(const Args& args) {
  const OutputFormat format = prescan_output(args);
  return guarded("shiftsim", format, [&]() -> int {
    if (args.empty() || args[0] == "--help" || args[0] == "-h" ||
        (args[0] == "help" && args.size() == 1)) {
      const std::string text = top_help(help_width());
      std::fwrite(text.data(), 1, text.size(), stdout);
      return args.empty() ? kExitInvalidInput : kExitOk;
    }
    if (args[0] == "--version" || args[0] == "version") {
      const std::string text = version_text();
      std::fwrite(text.data(), 1, text.size(), stdout);
      return kExitOk;
    }
    if (args[0] == "help") {  // help COMMAND
      const CommandEntry* entry = find_command(args[1]);
      if (!entry) return unknown_command(args[1], format);
      return run_command(*entry, Args{"--help"});
    }
    const CommandEntry* entry = find_command(args[0]);
    if (!entry) return unknown_command(args[0], format);
    const Args rest(args.begin() + 1, args.end());
    return guarded(entry->info.name, format, [&] { return run_command(*entry, rest); });
  });
}

}  // namespace shiftsim::cli
