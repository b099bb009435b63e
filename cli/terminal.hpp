#pragma once
// What the terminal allows: how wide a table may be and whether it may be coloured.
//   width: $COLUMNS when set to a positive number, else the terminal's width when stdout is one,
//          else no limit (a pipe or a file gets the full table).
//   color: --color on, or --color auto (the default) with stdout a terminal, $NO_COLOR unset or
//          empty (https://no-color.org) and $TERM not "dumb". Piped output is always plain.
#include "output/output.hpp"

#include <cstddef>
#include <cstdio>
#include <string>
#include <string_view>

namespace shiftsim::cli {

struct Terminal {
  std::size_t width = 0;  ///< columns a table may take; 0: no limit
  bool color = false;     ///< ANSI colours allowed
};

/// The terminal behind `stream` (stdout or stderr), for output that goes there (`to_file`:
/// --out names a file, so no colour and no width limit).
[[nodiscard]] Terminal terminal_for(std::FILE* stream, ColorMode mode, bool to_file = false);

/// The width for --help: $COLUMNS or the terminal's, else 100.
[[nodiscard]] std::size_t help_width();

enum class Tone { heading, good, warn, bad, dim };

/// `text` in the tone's ANSI colour when `on`, else unchanged.
[[nodiscard]] std::string paint(std::string_view text, Tone tone, bool on);

}  // namespace shiftsim::cli
