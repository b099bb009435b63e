#!/usr/bin/env bash
# Typos get the nearest names: unknown flags (and flags of other commands), unknown commands,
# enumerated values, and instance types (the three nearest of the model's ~250, not the list).
#   did_you_mean.sh <shiftsim-binary> <source-dir>
set -u
bin=$1; src=$2
D=$src/tests/data/aws
S=$src/scenarios/gpu-llm-canary.yaml
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
# expect NAME 'exact substring of stderr' -- ARGS...   (exit 2 expected)
expect() {
  local name=$1 want=$2; shift 3
  "$bin" "$@" >"$T/out" 2>"$T/err"
  local rc=$?
  if [[ $rc != 2 ]] || ! grep -qF -- "$want" "$T/err"; then
    echo "FAIL $name: exit $rc; stderr:"; sed 's/^/  /' "$T/err" | head -5; fail=1
  else
    echo "ok   $name"
  fi
}
expect "misspelt flag" "unknown flag --termination-wai (did you mean --termination-wait?)" -- \
  sweep --scenario "$S" --termination-wai 0
expect "flag of another command" "unknown flag --termination-wait (--termination-wait is a flag of emit, sweep, plan)" -- \
  simulate --scenario "$S" --termination-wait 0
expect "abbreviation is not accepted, its flag is named" "unknown flag --ter (did you mean --terminate-s?)" -- \
  simulate --scenario "$S" --ter 60
expect "transposed letters" "unknown flag --senario (did you mean --scenario?)" -- simulate --senario "$S"
expect "misspelt command" "unknown command 'simualte' (did you mean simulate?)" -- simualte --scenario "$S"
expect "enum value" "--strategy: must be all-at-once, canary, linear or rolling, got 'canery' (did you mean canary?)" -- \
  emit --endpoint-name e --endpoint-config-name c --strategy canery --wait 60
expect "output format" "got 'jsn' (did you mean json?)" -- simulate --scenario "$S" --output jsn
expect "objective" "got 'durations' (did you mean duration?)" -- plan --scenario "$S" --minimize durations
expect "sweep strategy list" "unknown strategy 'CANERY' (did you mean CANARY?)" -- \
  sweep --scenario "$S" --strategies linear,canery
expect "emit format" "got 'terraforn' (did you mean terraform?)" -- \
  emit --endpoint-name e --endpoint-config-name c --format terraforn

# An instance type one letter short: the three nearest model values, nearest first, and not the
# ~250 the model lists (the message stays one short line). By hand: ml.g5.12xlarge is 1 edit away;
# ml.g5.16xlarge and ml.g5.2xlarge 2 (as ml.m5.12xlarge), and share the longest start "ml.g5.".
sed 's/"ml.m5.2xlarge"/"ml.g5.12xlarg"/' "$D/describe-endpoint-config-new.json" >"$T/new.json"
grep -q 'ml.g5.12xlarg"' "$T/new.json" || { echo "FAIL fixture: no instance type replaced"; exit 1; }
"$bin" validate --request "$D/request-canary.json" --new-config "$T/new.json" >"$T/out" 2>"$T/err"
rc=$?
line=$(grep 'E_ENUM ProductionVariants\[0\].InstanceType' "$T/err")
if [[ $rc != 2 || -z "$line" ]]; then
  echo "FAIL instance type: exit $rc, $(cat "$T/err")"; fail=1
elif ! grep -qF "(did you mean ml.g5.12xlarge, ml.g5.16xlarge or ml.g5.2xlarge?)" <<<"$line" || [[ $(grep -o 'ml\.[a-z0-9.]*' <<<"$line" | sort -u | wc -l) -gt 4 ]] ||
     [[ ${#line} -gt 300 ]]; then
  echo "FAIL instance type: $line"; fail=1
else
  echo "ok   instance type: ${line#*: }"
fi
exit $fail
