#pragma once
// Reading what a file flag names, the AWS CLI's way: a path, `file://path` (also `fileb://`), or
// `-` for standard input. Every reader keeps the input budget (shiftsim/input_limits.hpp): at most
// kMaxDocumentBytes (1 MiB) per file or stream, E_SIZE beyond it.
#include "shiftsim/input_limits.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace shiftsim::cli {

/// The path a file flag's value names: `file://x` and `fileb://x` give x; anything else as is.
[[nodiscard]] std::string strip_file_scheme(std::string_view value);

/// The whole text of `value` (a path, `file://path` or `-` for standard input). InputError E_FILE
/// naming `flag` and the path when it is missing, a directory or unreadable; E_SIZE above the
/// document budget (read_input_text(), input_limits.hpp), or `max_bytes` when given (the IaC
/// documents of `check`: kMaxIacDocumentBytes).
[[nodiscard]] std::string read_input(std::string_view value, std::string_view flag,
                                     std::size_t max_bytes = kMaxDocumentBytes);

/// A name for the input in messages: the path, or "stdin" for `-`.
[[nodiscard]] std::string input_name(std::string_view value);

/// An AWS CLI parameter value: `file://path` (or `fileb://`) reads the file, `-` standard input,
/// anything else is the value itself (`--deployment-config '{...}'`, `--cli-input-json
/// file://x.json`).
[[nodiscard]] std::string parameter_text(std::string_view value, std::string_view flag);

}  // namespace shiftsim::cli
