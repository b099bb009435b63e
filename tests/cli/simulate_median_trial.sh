#!/usr/bin/env bash
# simulate under a timing distribution runs the median trial: each operation at its median, a
# batch of k instances at the median of its slowest (docs/stochastic-model.md). Hand-computed on
# scenarios/cpu-40-linear.yaml (LINEAR 10% of 40 x ml.m5.xlarge: all 40 provision at once;
# A 15, W 300 x 9, T 300, D 60 fixed: duration = P + 150 + 2700 + 300 + 60 = P + 3210):
#   lognormal p50 240 / p95 480 per instance: P = 240 exp(0.42138 Phi^-1(0.5^(1/40))) = 585
#   the same, per batch (one draw per operation): P = 240
#   fixed, value 200: P = 200
#   by_instance_type {"ml.m5.": fixed 100}: P = 100 (the type's entry wins)
#   --provision-s 300 replaces the distribution: P = 300
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
SCEN="$SRC/scenarios/cpu-40-linear.yaml"

check() {  # label, provision_s YAML (or "" for the file's), expected duration, extra flags...
  local label=$1 prov=$2 want=$3; shift 3
  if [ -n "$prov" ]; then
    sed "s|^  provision_s: .*|  provision_s: $prov|" "$SCEN" > "$T/s.yaml"
  else
    cp "$SCEN" "$T/s.yaml"
  fi
  "$BIN" simulate --scenario "$T/s.yaml" --output json "$@" > "$T/o.json" 2> "$T/e.txt" \
    || fail "$label: exit $?: $(cat "$T/e.txt")"
  got=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["summary"]["duration_s"])' "$T/o.json")
  [ "$got" = "$want" ] || fail "$label: duration $got, expected $want"
}
check "lognormal per instance" "" 3795
check "per batch" "{distribution: lognormal, p50: 240, p95: 480, per: batch}" 3450
check "fixed value" "{distribution: fixed, value: 200}" 3410
check "by instance type" '{distribution: lognormal, p50: 240, p95: 480, by_instance_type: {"ml.m5.": {distribution: fixed, value: 100}}}' 3310
check "flag replaces the distribution" "" 3510 --provision-s 300

# The assumption list says how the distribution was used.
"$BIN" simulate --scenario "$SCEN" | grep -q 'provision_s_distribution = lognormal p50 240 s, p95 480 s per instance: each operation at its median (a batch: the median of its slowest instance)' \
  || fail "assumption line: $("$BIN" simulate --scenario "$SCEN" | grep distribution)"
# A malformed distribution is one clear error (exit 2), naming the field.
sed "s|^  provision_s: .*|  provision_s: {distribution: fixed}|" "$SCEN" > "$T/bad.yaml"
"$BIN" simulate --scenario "$T/bad.yaml" > /dev/null 2> "$T/bad.txt"; rc=$?
[ $rc -eq 2 ] || fail "bad distribution: exit $rc"
grep -q 'E_REQUIRED timing.provision_s.value' "$T/bad.txt" || fail "bad distribution: $(cat "$T/bad.txt")"
echo ok
