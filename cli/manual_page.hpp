#pragma once
// shiftsim(1) in roff (man(7) macros), generated from the command table and every command's
// option descriptions: NAME, SYNOPSIS, DESCRIPTION, COMMANDS (each with its synopsis,
// description, flags by group and examples), CONVENTIONS, ENVIRONMENT, EXIT STATUS, FILES,
// SEE ALSO. Deterministic (no date): the build can regenerate it byte for byte.
#include <string>

namespace shiftsim::cli {

[[nodiscard]] std::string manual_page();

}  // namespace shiftsim::cli
