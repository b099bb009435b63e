#!/usr/bin/env bash
# The fleet defaults' "options" (docs/fleet.md): an array gives its flag once per element, the
# same as the flag repeated on the command line (same result files, byte for byte); a flag on the
# command line replaces every value the defaults give it; a switch false (JSON false or the text
# "false") is left out, true (either) is the flag alone. And every
# option a command cannot use is refused before any result is written (exit 2, no output
# directory), each at its member of the defaults file: a flag the command does not take (at the
# top of "options": named with the commands run on fleets that take it), a misspelt flag (the
# nearest), a switch that is not true/false, a value flag given true, an array for a flag taken
# once, and a scope that is no command run on fleets (its options would never be used).
set -u
BIN="$1"; SRC="$2"
. "$SRC/tests/cli/lib/fleet_setup.sh"
unset AWS_REGION AWS_DEFAULT_REGION

generate_fleet --endpoints 4 --trials 100 > /dev/null
# defaults NAME PYTHON: the generated defaults changed by PYTHON (on d), written to $T/NAME.json.
defaults() {
  "$PY" - "$T/fleet/fleet-defaults.json" "$T/$1.json" "$2" <<'PYEOF'
import json, sys
d = json.load(open(sys.argv[1]))
exec(sys.argv[3])
json.dump(d, open(sys.argv[2], "w"), indent=1)
PYEOF
}
# The instance types the generated endpoints run, each given its own made-up price.
mapfile -t TYPES < <("$PY" - "$T/fleet" <<'PYEOF'
import glob, json, sys
types = set()
for f in glob.glob(sys.argv[1] + "/*/new-config.json"):
    types |= {v["InstanceType"] for v in json.load(open(f))["ProductionVariants"]}
print("\n".join(sorted(types)))
PYEOF
)
[ "${#TYPES[@]}" -ge 2 ] || fail "the generated fleet has fewer than two instance types"
PRICES=(); PRICE_FLAGS=()
for i in "${!TYPES[@]}"; do
  PRICES+=("${TYPES[$i]}=$((i + 2)).25"); PRICE_FLAGS+=(--price "${TYPES[$i]}=$((i + 2)).25")
done
LIST=$(printf '"%s",' "${PRICES[@]}"); LIST="[${LIST%,}]"

plan() { "$BIN" plan --fleet "$T/fleet" --threads 1 --seed 5 "$@" 2> "$T/err"; }

# 1. An array is its flag repeated: the same results as --price given on the command line.
defaults listed "d['options']['plan']['price'] = $LIST; d['options']['plan']['allow-escape'] = 'false'"
defaults plain ""
plan --fleet-defaults "$T/listed.json" --out "$T/listed" || fail "listed prices: $(cat "$T/err")"
plan --fleet-defaults "$T/plain.json" "${PRICE_FLAGS[@]}" --out "$T/flags" \
  || fail "price flags: $(cat "$T/err")"
plan --fleet-defaults "$T/plain.json" --out "$T/table" || fail "table prices: $(cat "$T/err")"
diff -r "$T/listed/results" "$T/flags/results" > /dev/null \
  || fail "defaults' price array and --price flags give different results"
diff -r "$T/listed/results" "$T/table/results" > /dev/null \
  && fail "the defaults' prices changed nothing (the test proves nothing)"
# 2. A --price on the command line replaces the defaults' whole list: the other types go back to
#    the shipped table, the named one takes the flag's price.
plan --fleet-defaults "$T/listed.json" --price "${TYPES[0]}=2.25" --out "$T/one" \
  || fail "one price flag: $(cat "$T/err")"
plan --fleet-defaults "$T/plain.json" --price "${TYPES[0]}=2.25" --out "$T/one-plain" \
  || fail "one price flag, plain defaults: $(cat "$T/err")"
diff -r "$T/one/results" "$T/one-plain/results" > /dev/null \
  || fail "a command-line --price did not replace the defaults' list"

# 3. A switch given as the text "true" is the flag alone: the same results as --allow-escape.
defaults escape "d['options']['plan']['allow-escape'] = 'true'"
plan --fleet-defaults "$T/escape.json" --out "$T/escape" || fail "escape: $(cat "$T/err")"
plan --fleet-defaults "$T/plain.json" --allow-escape --out "$T/escape-flag" \
  || fail "--allow-escape: $(cat "$T/err")"
diff -r "$T/escape/results" "$T/escape-flag/results" > /dev/null \
  || fail "allow-escape: \"true\" in the defaults differs from --allow-escape"
diff -r "$T/escape/results" "$T/table/results" > /dev/null \
  && fail "allow-escape changed nothing (the test proves nothing)"

# 4. Refusals: exit 2 before any result, each named at its member of the defaults file.
# refuse LABEL COMMAND PYTHON EXPECTED...: every EXPECTED line is in the error output.
refuse() {
  local label=$1 command=$2 edit=$3; shift 3
  defaults bad "$edit"
  "$BIN" "$command" --fleet "$T/fleet" --fleet-defaults "$T/bad.json" --out "$T/bad-out" \
    2> "$T/err"
  local rc=$?
  [ "$rc" = 2 ] || fail "$label: exit $rc, expected 2: $(cat "$T/err")"
  [ -e "$T/bad-out" ] && fail "$label: wrote $T/bad-out before refusing"
  for want in "$@"; do
    grep -qF -- "$want" "$T/err" || fail "$label: no '$want' in: $(cat "$T/err")"
  done
  echo "ok: $label"
}
at="$T/bad.json:options"
refuse "a top-level option simulate does not take" simulate "d['options']['trials'] = 5" \
  "E_UNKNOWN_FLAG $at.trials: shiftsim simulate has no --trials" \
  'put it under "options"."montecarlo" and "options"."plan"'
refuse "a misspelt flag" montecarlo "d['options']['montecarlo']['trails'] = 5" \
  "E_UNKNOWN_FLAG $at.montecarlo.trails: shiftsim montecarlo has no --trails" \
  "did you mean --trials?"
refuse "a flag of plan under montecarlo" montecarlo "d['options']['montecarlo']['minimize'] = 'cost'" \
  "E_UNKNOWN_FLAG $at.montecarlo.minimize: shiftsim montecarlo has no --minimize" \
  'put it under "options"."plan" (the command run on fleets that takes it)'
refuse "a switch that is not true or false" plan "d['options']['plan']['allow-escape'] = 'yes'" \
  "E_TYPE $at.plan.allow-escape: --allow-escape is a switch: its value must be true or false"
refuse "a value flag given true" plan "d['options']['plan']['trials'] = True" \
  "E_TYPE $at.plan.trials: --trials takes a value (N), not true or false"
refuse "an array for a flag taken once" plan "d['options']['plan']['minimize'] = ['cost', 'duration']" \
  "E_TYPE $at.plan.minimize[0]: --minimize takes one value, not an array" \
  "E_TYPE $at.plan.minimize[1]: --minimize takes one value, not an array"
refuse "a scope that is no command run on fleets" plan "d['options']['paln'] = {'trials': 5}" \
  "E_UNKNOWN_MEMBER $at.paln: \"paln\" is not a command that runs on fleets" "did you mean plan?"
refuse "every problem at once" plan \
  "d['options']['paln'] = {'x': 1}; d['options']['plan']['trails'] = 1; d['options']['plan']['trials'] = False" \
  "$at.paln:" "$at.plan.trails:" "$at.plan.trials:"
echo "ok: fleet defaults' options"
