#!/usr/bin/env bash
# Terminal care: tables fit $COLUMNS (the free-text columns wrap, long headers wrap, prose wraps;
# no number is ever cut), colour only on a terminal and never with NO_COLOR or TERM=dumb.
#   terminal.sh <shiftsim-binary> <source-dir>
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
bad() { echo "FAIL $*"; fail=1; }
PY=/usr/bin/python3
R100=$src/tests/planning/rolling-100.json
reports=(
  "simulate --scenario $src/scenarios/gpu-llm-canary.yaml"
  "simulate --scenario $src/scenarios/rolling-100-rollback-batch.yaml"
  "simulate --scenario $src/scenarios/blue-green-two-variants.yaml"
  "montecarlo --scenario $R100 --trials 2000 --threads 1"
  "sweep --scenario $R100 --wait 0,300 --termination-wait 0 --threads 1"
  "plan --scenario $R100 --wait 0,300 --termination-wait 0 --trials 2000 --threads 1"
  "compare --scenario $R100 --with --wait=0 --trials 2000 --threads 1"
  "check --plan $src/tests/data/iac/plan-long-rolling.json --plan $src/tests/data/iac/plan-autoscaled.json --notes --fail-on never"
)
# Widest line in display columns (code points: every character shiftsim prints is one column).
widest() { $PY -c 'import sys; print(max(len(l) for l in sys.stdin.read().splitlines()))'; }
for r in "${reports[@]}"; do
  env -u COLUMNS $bin $r >"$T/wide" 2>/dev/null || { bad "$r exited $?"; continue; }
  for cols in 100 80; do
    COLUMNS=$cols $bin $r >"$T/narrow" 2>/dev/null || { bad "COLUMNS=$cols $r exited $?"; continue; }
    w=$(widest <"$T/narrow")
    [[ $w -le $cols ]] || bad "COLUMNS=$cols ${r%% *}: a line of $w columns: $(awk -v c=$cols 'length($0) > c' "$T/narrow" | head -2)"
  done
done
[[ $fail == 0 ]] && echo "ok   every report fits 100 and 80 columns"
before=$fail

# No number is cut: the numbers of simulate's steps, summary and trips are the same, token for
# token, at any width (the chart below them is drawn narrower on purpose).
for s in "$src"/scenarios/*.yaml; do
  for cols in 80 60; do
    env -u COLUMNS $bin simulate --scenario "$s" >"$T/wide"
    COLUMNS=$cols $bin simulate --scenario "$s" >"$T/narrow"
    $PY - "$T/wide" "$T/narrow" <<'PY' || bad "COLUMNS=$cols $(basename "$s"): numbers differ"
import re, sys
from collections import Counter
def numbers(path):
    text = open(path).read().split("\nTimeline\n")[0]
    return Counter(re.findall(r"[$-]?\d[\d,.:%/-]*\d%?|\d", text))
a, b = numbers(sys.argv[1]), numbers(sys.argv[2])
if a != b:
    print("  only wide:", list((a - b).elements())[:8], " only narrow:", list((b - a).elements())[:8])
    sys.exit(1)
PY
  done
done
[[ $fail == "$before" ]] && echo "ok   no number is cut at 80 and 60 columns"
before=$fail

# Colour: only on a terminal (script(1) gives the command a pseudo-terminal), never with NO_COLOR
# or TERM=dumb or --color off; --color on forces it into a pipe.
cmd="$bin simulate --scenario $src/scenarios/gpu-llm-canary.yaml"
has_esc() { grep -q $'\e\\[' "$1"; }
TERM=xterm script -qec "$cmd" /dev/null >"$T/tty" 2>&1; has_esc "$T/tty" || bad "no colour on a terminal"
NO_COLOR=1 TERM=xterm script -qec "$cmd" /dev/null >"$T/tty" 2>&1; has_esc "$T/tty" && bad "colour with NO_COLOR"
TERM=dumb script -qec "$cmd" /dev/null >"$T/tty" 2>&1; has_esc "$T/tty" && bad "colour with TERM=dumb"
TERM=xterm script -qec "$cmd --color off" /dev/null >"$T/tty" 2>&1; has_esc "$T/tty" && bad "colour with --color off"
$cmd >"$T/pipe"; has_esc "$T/pipe" && bad "colour in a pipe"
$cmd --color on >"$T/pipe"; has_esc "$T/pipe" || bad "--color on gives no colour"
# Coloured or not, the text is the same.
sed 's/\x1b\[[0-9;]*m//g' "$T/pipe" | cmp -s - <($cmd) || bad "--color on changes more than colour"
[[ $fail == "$before" ]] && echo "ok   colour on a terminal only; NO_COLOR, TERM=dumb and --color off are plain"
exit $fail
