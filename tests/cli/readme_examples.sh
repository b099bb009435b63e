#!/usr/bin/env bash
# The README's example outputs are real: every fenced block whose first line is
# `$ shiftsim ARGS` is run (from the source directory, no $COLUMNS, stdout and stderr together,
# as a terminal shows them when piped) and must print exactly the rest of the block.
#   readme_examples.sh <shiftsim-binary> <source-dir>
#   SHIFTSIM_UPDATE_README=1 bash tests/cli/readme_examples.sh ...   # rewrite the outputs (review!)
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
cd "$src" || exit 1
unset COLUMNS NO_COLOR
exec /usr/bin/python3 - "$bin" "$src/README.md" <<'PY'
import os, re, shlex, subprocess, sys
bin, readme = sys.argv[1], sys.argv[2]
text = open(readme).read()
blocks = list(re.finditer(r"^```\n(\$ shiftsim [^\n]*)\n(.*?)^```$", text, re.M | re.S))
update = os.environ.get("SHIFTSIM_UPDATE_README") == "1"
fails, out_text, last = 0, [], 0
for b in blocks:
    command, shown = b.group(1), b.group(2)
    args = shlex.split(command[2:])[1:]
    run = subprocess.run([bin] + args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
    got = run.stdout.decode()
    if update:
        out_text += [text[last:b.start(2)], got]
        last = b.end(2)
    elif got != shown:
        fails += 1
        print(f"FAIL README example: {command[:100]}")
        import difflib
        for line in list(difflib.unified_diff(shown.splitlines(), got.splitlines(), lineterm=""))[:12]:
            print("   ", line)
    else:
        print(f"ok   {command[:100]}")
if update:
    open(readme, "w").write("".join(out_text) + text[last:])
    print(f"updated {len(blocks)} examples in {readme}")
if len(blocks) < 8:
    print(f"FAIL only {len(blocks)} examples (one per command expected)"); fails += 1
sys.exit(1 if fails else 0)
PY
