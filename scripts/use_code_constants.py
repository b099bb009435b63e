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
    for ns in ("error_code", "warning_code"):
        body = text[text.index(f"namespace {ns} {{"):text.index(f"}}  // namespace {ns}")]
        for name, value in re.findall(r'const char\* (\w+) =\s*"([EW]_[A-Z0-9_]+)"', body):
            out[value] = f"{ns}::{name}"
    return out


def add_include(text):
    if '#include "shiftsim/codes.hpp"' in text:
        return text
    lines = text.split("\n")
    shiftsim = [i for i, l in enumerate(lines) if l.startswith('#include "shiftsim/')]
    if shiftsim:  # keep the block sorted
        at = next((i for i in shiftsim if lines[i] > '#include "shiftsim/codes.hpp"'), shiftsim[-1] + 1)
        lines.insert(at, '#include "shiftsim/codes.hpp"')
    else:
        last = max(i for i, l in enumerate(lines) if l.startswith("#include"))
        lines[last + 1:last + 1] = ["", '#include "shiftsim/codes.hpp"']
    return "\n".join(lines)


def main():
    table = constants()
    literal = re.compile(r'"([EW]_[A-Z0-9_]+)"')
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
            path.write_text(add_include(new))
            print(f"{name}: {len(literal.findall(text))} literal(s) replaced")


if __name__ == "__main__":
    main()
