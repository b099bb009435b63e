#!/usr/bin/env bash
# Every scenario in scenarios/ is a golden test of `shiftsim simulate`: its table output
# (tests/golden/simulate/<name>.txt) and its JSON output (<name>.json). The goldens were checked
# by hand against docs/engine-contract.md (durations, peaks, instance-seconds, costs: see
# scenarios/README.md) before they were accepted; they freeze reviewed behaviour.
#
#   bash tests/cli/simulate_golden.sh <shiftsim-binary> <source-dir>
#   SHIFTSIM_UPDATE_GOLDEN=1 bash tests/cli/simulate_golden.sh ...   # rewrite the goldens (then review the diff!)
set -u
unset COLUMNS  # the goldens are the full-width table (tests/cli/terminal.sh checks narrower ones)
bin=$(realpath "$1")
src=$(realpath "$2")
golden="$src/tests/golden/simulate"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1

fail=0
count=0
for scenario in scenarios/*.yaml scenarios/*.json; do
  [ -e "$scenario" ] || continue
  name=$(basename "${scenario%.*}")
  count=$((count + 1))
  for fmt in table json; do
    ext=txt
    [ "$fmt" = json ] && ext=json
    out="$tmp/$name.$ext"
    "$bin" simulate --scenario "$scenario" --output "$fmt" >"$out" 2>"$tmp/stderr"
    rc=$?
    if [ $rc -ne 0 ]; then
      echo "FAIL $scenario ($fmt): exit $rc"; cat "$tmp/stderr"; fail=1; continue
    fi
    if [ "${SHIFTSIM_UPDATE_GOLDEN:-0}" = 1 ]; then
      cp "$out" "$golden/$name.$ext"
      echo "updated $golden/$name.$ext"
    elif [ ! -f "$golden/$name.$ext" ]; then
      echo "FAIL $scenario ($fmt): no golden $golden/$name.$ext (run with SHIFTSIM_UPDATE_GOLDEN=1 and review it)"
      fail=1
    elif ! diff -u "$golden/$name.$ext" "$out"; then
      echo "FAIL $scenario ($fmt): output differs from $golden/$name.$ext"
      fail=1
    fi
  done
  # The scenario gallery lists every scenario with its question.
  if ! grep -q "$name" scenarios/README.md; then
    echo "FAIL scenarios/README.md does not list $name"; fail=1
  fi
done

# No golden without its scenario.
for g in "$golden"/*.txt "$golden"/*.json; do
  [ -e "$g" ] || continue
  name=$(basename "${g%.*}")
  if [ ! -e "scenarios/$name.yaml" ] && [ ! -e "scenarios/$name.json" ]; then
    echo "FAIL $g has no scenario"; fail=1
  fi
done

if [ "$count" -lt 8 ]; then
  echo "FAIL only $count scenarios (the gallery needs at least 8)"; fail=1
fi
[ $fail -eq 0 ] && echo "ok: $count scenarios match their goldens"
exit $fail
