#pragma once
// The output flags every command shares, meaning the same everywhere (the AWS CLI's values):
//   --output/-o table  the report for people (default): aligned, fitted to the terminal
//               json   the command's document (each command's schema, e.g. shiftsim.simulation/v1)
//               yaml   the same document as YAML (yaml-cpp)
//               text   the same document as the AWS CLI's `--output text` prints a response:
//                      tab-separated lines (awscli/text.py's rules), for grep, cut and awk
//               csv    rows, where the command has rows (steps, trials, configs, figures)
//               sarif  SARIF 2.1.0 for code scanning, where the command has findings (check)
//   --out FILE  the output into FILE, written atomically (`-`: standard output)
//   --report FILE.html  also a self-contained HTML page (commands with a page)
//   --color on|off|auto  colour in tables (auto: only on a terminal, and never with NO_COLOR)
// Errors follow --output too: with json, yaml or text the error document (render_error_document)
// goes to stdout, as well as the text on stderr.
#include "options/option_set.hpp"

#include "shiftsim/diagnostic.hpp"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace shiftsim::cli {

enum class OutputFormat { table, json, yaml, text, csv, sarif };
enum class ColorMode { automatic, on, off };

[[nodiscard]] std::string_view to_string(OutputFormat f) noexcept;

struct OutputFlags {
  OutputFormat format = OutputFormat::table;
  bool format_given = false;          ///< --output was given (not the default)
  std::optional<std::string> out;     ///< --out FILE
  std::optional<std::string> report;  ///< --report FILE.html
  ColorMode color = ColorMode::automatic;
};

/// What a command offers and what its table and CSV hold (for --help).
struct OutputSpec {
  std::string table = "the report";  ///< what --output table shows
  std::string csv;                   ///< what --output csv holds; empty: no csv
  bool out = true;                   ///< --out FILE
  std::string report;                ///< what --report FILE.html shows; empty: no --report
};

/// The "output" group. `sarif`: what --output sarif holds, for commands with findings (check);
/// empty: no sarif.
void declare_output_flags(OptionSet& options, OutputFlags& flags, const OutputSpec& spec,
                          std::string_view sarif = {});

/// --output's value as given on a command line, read before the flags are parsed so that even
/// a bad flag is reported in the asked format; table when absent or not a format.
[[nodiscard]] OutputFormat prescan_output(const Args& args);

/// `text` to --out (atomically; exit 3 when it cannot be written) or to stdout.
void write_output(const OutputFlags& flags, std::string_view text);

/// A JSON document as --output json, yaml or text prints it (with a final newline).
[[nodiscard]] std::string render_document(const nlohmann::ordered_json& doc, OutputFormat format);

/// The same from the document's JSON text (as the command's JSON renderer wrote it).
[[nodiscard]] std::string render_json_text(std::string_view json_text, OutputFormat format);

/// The document as YAML, via yaml-cpp: key order kept; strings a YAML 1.1 reader would take for
/// another type (true, 0:35:15, 2024-01-01, 10%) double-quoted; numbers as JSON writes them.
[[nodiscard]] std::string to_yaml(const nlohmann::ordered_json& doc);

/// The document as the AWS CLI's text output (awscli/text.py): a dict's scalars on one line,
/// tab-separated, in sorted key order, prefixed by its key in capitals when nested; lists of
/// dicts one line each with the union of their scalar keys; scalars as Python prints them
/// (True, False, None).
[[nodiscard]] std::string to_aws_text(const nlohmann::ordered_json& doc);

/// `shiftsim.error/v1`: {"schema", "command", "exit_code", "errors", "warnings", "diagnostics"}.
[[nodiscard]] nlohmann::ordered_json error_document(std::string_view command, int exit_code,
                                                    const Diagnostics& diagnostics);

}  // namespace shiftsim::cli
