#!/usr/bin/env bash
# What SageMaker refuses, falls back on and bills, through the real CLI (contract amendments A2,
# A4, A5, A6, A8, the smaller defects of issue 12). Figures are hand-computed in the comments.
#   bash tests/cli/simulate_fidelity.sh <shiftsim-binary> <source-dir>
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
D=$src/tests/data/aws
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
check() {  # name, command (a shell condition)
  if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; fail=1; fi
}

# A2: gpu-llm-canary as ALL_AT_ONCE with T = 0 (P 525, A 15, D 60, 10 -> 10 x $1.515/h):
# 600 s; one fleet billed: 10 x 525 + 10 x 75 = 6000 instance-s = $2.525; both: 12000 = $5.05.
aao=(--scenario "$src/scenarios/gpu-llm-canary.yaml" --endpoint-name llm-chat-prod
     --endpoint-config-name llm-chat-prod-config-2024-11-27
     --deployment-config '{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"ALL_AT_ONCE","WaitIntervalInSeconds":0},"TerminationWaitInSeconds":0}}')
"$bin" simulate "${aao[@]}" --output json >"$T/note.json" 2>/dev/null
"$bin" simulate "${aao[@]}" --assume billing=running --output json >"$T/running.json" 2>/dev/null
/usr/bin/python3 - "$T" <<'PY' || fail=1
import json, sys
t = sys.argv[1]
note, running = (json.load(open(f"{t}/{n}.json")) for n in ("note", "running"))
for d, billed, cost in ((note, 6000, 2.525), (running, 12000, 5.05)):
    s = d["summary"]
    assert s["duration_s"] == 600, s
    assert s["instance_seconds"] == 12000, s
    assert s["billed_instance_seconds"] == billed, s
    assert abs(s["cost_usd"] - cost) < 1e-6, s
assert note["assumptions"]["billing"] == "aws_note" and running["assumptions"]["billing"] == "running"
print("ok   A2: ALL_AT_ONCE T = 0 bills one fleet ($2.525), billing=running both ($5.05)")
PY

# A4 + A5: the issue's serverless CANARY: ALL_AT_ONCE, no bake but the 0 s final one, 0 new
# instances, the serverless variant unpriced; a trip does nothing.
"$bin" simulate --endpoint "$D/describe-endpoint.json" --current-config "$D/describe-endpoint-config-current.json" \
  --new-config "$D/describe-endpoint-config-serverless.json" --request "$D/request-canary.json" \
  --endpoint-config-name churn-config-serverless --trip-at-bake 1 >"$T/sl.txt" 2>"$T/sl.err"; rc=$?
check "A4/A5: serverless CANARY runs ALL_AT_ONCE, exit 0" "[[ $rc == 0 ]] && grep -q 'ALL_AT_ONCE update of endpoint churn-prod -> SUCCEEDED' '$T/sl.txt'"
check "A4: the fallback names its cause" "grep -q \"W_FALLBACK_ALL_AT_ONCE .*variant 'AllTraffic' is serverless\" '$T/sl.txt'"
check "A4: a trip under the fallback is ignored" "grep -q 'W_TRIP_IGNORED .*exclusion fallback' '$T/sl.txt'"
check "A5: W_SERVERLESS_NOT_PRICED" "grep -q 'W_SERVERLESS_NOT_PRICED' '$T/sl.txt'"
check "A5: no new instance launched, peak 4" "grep -q 'Serverless variant: no instances to launch' '$T/sl.txt' && grep -q 'peak instances  *4$' '$T/sl.txt'"
check "A5: no W_PRICE_MISSING for the serverless side" "! grep -q W_PRICE_MISSING '$T/sl.txt'"

# A6: an endpoint still Updating is simulated as if InService, with a warning.
sed 's/"InService"/"Updating"/' "$D/describe-endpoint.json" >"$T/updating.json"
"$bin" simulate --endpoint "$T/updating.json" --current-config "$D/describe-endpoint-config-current.json" \
  --new-config "$D/describe-endpoint-config-new.json" --request "$D/request-canary.json" >"$T/up.txt" 2>&1; rc=$?
check "A6: Updating warns (W_ENDPOINT_NOT_IN_SERVICE), exit 0" "[[ $rc == 0 ]] && grep -q 'W_ENDPOINT_NOT_IN_SERVICE.*EndpointStatus is Updating' '$T/up.txt'"
# A8: the fixtures go from 4 running to the new config's 6.
check "A8: W_CAPACITY_RESET 4 -> 6" "grep -q \"W_CAPACITY_RESET .*Variant 'AllTraffic' runs 4 instance(s) now (CurrentInstanceCount) and the update sets it to 6\" '$T/up.txt'"

# A4: ROLLING on a two-variant endpoint falls back (default) and is refused under reject.
roll=(--request "$D/request-rolling.json" --endpoint-config-name churn-config-ab
      --endpoint "$D/describe-endpoint-two-variants.json" --new-config "$D/describe-endpoint-config-two-variants.json")
"$bin" simulate "${roll[@]}" >"$T/roll.txt" 2>&1; rc=$?
check "A4: ROLLING on two variants runs ALL_AT_ONCE" "[[ $rc == 0 ]] && grep -q 'ALL_AT_ONCE update' '$T/roll.txt' && grep -q 'rolling_exclusions  *= fallback' '$T/roll.txt'"
"$bin" simulate "${roll[@]}" --assume rolling_exclusions=reject >"$T/rej.txt" 2>&1; rc=$?
check "A4: rolling_exclusions=reject exits 2" "[[ $rc == 2 ]] && grep -q E_ROLLING_UNSUPPORTED '$T/rej.txt'"

# Monte Carlo keeps costs exact: gpu-llm-canary with fixed timing costs 42300/3600 x 1.515 =
# $17.80125 in every trial (as a float it was 17.801250457...).
"$bin" montecarlo --scenario "$src/scenarios/gpu-llm-canary.yaml" --trials 50 --seed 3 --output json >"$T/mc.json" 2>/dev/null
/usr/bin/python3 - "$T" <<'PY' || fail=1
import json, sys
mc = json.load(open(f"{sys.argv[1]}/mc.json"))
c = mc["cost_usd"]
assert abs(c["p50"] - 17.80125) < 1e-9 and abs(c["max"] - 17.80125) < 1e-9, c
b = mc["billed_instance_hours"]
assert abs(b["p50"] - 42300 / 3600) < 1e-3, b
for k in ("fallback_timeout", "rolling_exclusions", "variant_set_change"):
    assert k in mc["assumptions"], k
print("ok   Monte Carlo: exact cost 17.80125, billed instance-hours, new assumptions listed")
PY

# Sweep CSV: billed_instance_hours next to instance_hours.
"$bin" sweep --scenario "$src/scenarios/gpu-llm-canary.yaml" --strategies all-at-once \
  --termination-wait 0 --output csv >"$T/sweep.csv" 2>/dev/null
/usr/bin/python3 - "$T" <<'PY' || fail=1
import csv, sys
rows = list(csv.DictReader(open(f"{sys.argv[1]}/sweep.csv")))
assert rows and "billed_instance_hours" in rows[0], rows[:1]
r = rows[0]
# 10 old until the flip at 525, 10 new from 525 to 600: 6000 instance-s.
assert abs(float(r["billed_instance_hours"]) - 6000 / 3600) < 1e-9, r
assert abs(float(r["instance_hours"]) - 12000 / 3600) < 1e-9, r
print("ok   sweep CSV: billed_instance_hours 1.6667 of 3.3333 for ALL_AT_ONCE T = 0")
PY

# The assumptions block names what each instance type used under a timing model: an ml.p4d
# fleet replaced by ml.m5 (no timing given: each type's profile).
sed 's/ml.m5.xlarge/ml.p4d.24xlarge/' "$D/describe-endpoint-config-current.json" >"$T/p4d.json"
"$bin" simulate --endpoint "$D/describe-endpoint.json" --current-config "$T/p4d.json" \
  --new-config "$D/describe-endpoint-config-new.json" --request "$D/request-canary.json" >"$T/p4d.txt" 2>&1
check "the old type's termination model is listed" "grep -q 'terminate_s .*ml.p4d.24xlarge: lognormal' '$T/p4d.txt'"
exit $fail
