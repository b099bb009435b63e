#!/usr/bin/env python3
"""Replaces every "E_..."/"W_..." string literal in the given C++ files with its constant from
engine/include/shiftsim/codes.hpp (error_code::x / warning_code::x) and includes that header.
A mechanical edit: run it again on a file a merge brought back with literals.

  python3 scripts/use_code_constants.py FILE...
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
HEADER = ROOT / "engine/include/shiftsim/codes.hpp"


def constants():
    text = HEADER.read_text()
    out = {}
    for ns in ("error_code", "warning_code", "note_code"):
        body = text[text.index(f"namespace {ns} {{"):text.index(f"}}  // namespace {ns}")]
        for name, value in re.findall(r'const char\* (\w+) =\s*"([EWN]_[A-Z0-9_]+)"', body):
            out[value] = f"{ns}::{name}"
    return out


def add_include(text, own_header):
    """Adds the codes header to the "shiftsim/..." include block (sorted), not above the file's
    own header; without such a block, as a new block after the file's first include."""
    if '#include "shiftsim/codes.hpp"' in text:
        return text
    lines = text.split("\n")
    includes = [i for i, l in enumerate(lines) if l.startswith("#include")]
    first = includes[0]
    own = lines[first] in (f'#include "{own_header}"', f'#include "shiftsim/{own_header}"')
    block = [i for i in includes
             if lines[i].startswith('#include "shiftsim/') and not (own and i == first)]
    line = '#include "shiftsim/codes.hpp"'
    if block:  # keep the block sorted
        at = next((i for i in block if lines[i] > line), block[-1] + 1)
        lines.insert(at, line)
    else:
        lines[first + 1:first + 1] = ["", line]
    return "\n".join(lines)


def main():
    table = constants()
    literal = re.compile(r'"([EWN]_[A-Z0-9_]+)"')
    for name in sys.argv[1:]:
        path = pathlib.Path(name)
        if path.resolve() == HEADER:
            continue
        text = path.read_text()

        def repl(m):
            if m.group(1) not in table:
                sys.exit(f"{name}: {m.group(1)} is not in codes.hpp: add it there first")
            return table[m.group(1)]

        new = literal.sub(repl, text)
        if new != text:
            path.write_text(add_include(new, path.stem + ".hpp"))
            print(f"{name}: {len(literal.findall(text))} literal(s) replaced")


if __name__ == "__main__":
    main()
