#!/usr/bin/env bash
# Issue 11, fixed seeds:
#  2. one meaning per cost: total and extra cost of a canary and of rolling batches, by hand;
#     the plan's cost objective picks the cheaper update, not the cheaper fleet;
#  5. simulate shows the timing risk: a rolling LLM update that "succeeds with 180 s to spare"
#     times out in a large share of its Monte Carlo trials (W_TIMEOUT_RISK), as montecarlo says;
#  6. small traps: a 10 s bake with alarms and 0 s bakes with alarms are warned about by
#     validate, emit, simulate and plan; montecarlo (and sweep, plan) refuse a scenario's trip
#     at a bake, pointing to --bad-version, and honour a bad-version trip; the Monte Carlo HTML
#     says what each card counts.
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P="$SRC/tests/planning"
fail() { echo "FAIL: $*"; exit 1; }

# --- 2. Cost: 100 x ml.c5.xlarge at $0.238/h, fixed P = 240 s, A = 15 s, D = 60 s, W = T = 600 s.
# CANARY 10%: 240 + 15 + 600 + 15 + 600 + 60 = 1530 s with 200 instances running throughout:
#   total 200 x 1530 = 306,000 instance-s = $20.23; extra over the old 100: 153,000 = $10.115.
# ROLLING 10%: 10 x (240 + 15 + 600 + 60) = 9150 s with 110 running (100 + one batch):
#   total 110 x 9150 = 1,006,500 instance-s = $66.54; extra 10 x 9150 = 91,500 = $6.049.
"$BIN" plan --scenario "$P/fixed-100.json" --threads 2 --timeout 14400 --strategies CANARY,ROLLING \
    --sizes percent --size-percent 10 --wait 600 --termination-wait 600 --output json \
    --rows "$T/cost.csv" > "$T/cost.json" || fail "plan (cost) exited $?"
"$PY" - "$T/cost.json" "$T/cost.csv" <<'PYEOF' || fail "total and extra cost"
import csv, json, sys
plan = json.load(open(sys.argv[1])); rows = {r["strategy"]: r for r in csv.DictReader(open(sys.argv[2]))}
c, r = rows["CANARY"], rows["ROLLING"]
close = lambda a, b: abs(float(a) - b) < 1e-6
assert close(c["duration_s"], 1530) and close(r["duration_s"], 9150)
assert close(c["cost_usd"], 306000 * 0.238 / 3600) and close(c["extra_cost_usd"], 153000 * 0.238 / 3600)
assert close(r["cost_usd"], 1006500 * 0.238 / 3600) and close(r["extra_cost_usd"], 91500 * 0.238 / 3600)
# The cheaper update is rolling, though its whole fleet costs three times more.
assert plan["pick"]["strategy"] == "ROLLING", plan["pick"]
assert close(plan["pick"]["extra_cost_usd"], 91500 * 0.238 / 3600)
PYEOF
# --max-cost bounds the extra cost: $8 admits rolling ($6.05) but not the canary ($10.12).
"$BIN" sweep --scenario "$P/fixed-100.json" --threads 2 --timeout 14400 --strategies CANARY,ROLLING \
    --sizes percent --size-percent 10 --wait 600 --termination-wait 600 --max-cost 8 --output csv \
    > "$T/maxcost.csv" || fail "sweep --max-cost exited $?"
"$PY" - "$T/maxcost.csv" <<'PYEOF' || fail "--max-cost on the extra cost"
import csv, sys
rows = {r["strategy"]: r for r in csv.DictReader(open(sys.argv[1]))}
assert rows["ROLLING"]["feasible"] == "1" and rows["CANARY"]["violations"] == "max-cost", rows
PYEOF

# --- 5. simulate shows the timing risk. The rolling LLM scenario with its timeout set 180 s past
# its median trial's duration.
"$BIN" simulate --scenario "$P/rolling-llm.json" --output json --no-risk > "$T/llm0.json" \
  || fail "simulate (llm) exited $?"
"$PY" - "$P/rolling-llm.json" "$T/llm0.json" "$T/llm.json" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1])); d = json.load(open(sys.argv[2]))["summary"]["duration_s"]
j["request"]["DeploymentConfig"]["RollingUpdatePolicy"]["MaximumExecutionTimeoutInSeconds"] = int(d) + 180
json.dump(j, open(sys.argv[3], "w"))
PYEOF
"$BIN" simulate --scenario "$T/llm.json" --output json > "$T/llm-risk.json" || fail "simulate exited $?"
"$BIN" simulate --scenario "$T/llm.json" > "$T/llm-risk.txt" || fail "simulate (table) exited $?"
"$BIN" montecarlo --scenario "$T/llm.json" --trials 20000 --seed 1 --output json --no-progress \
    > "$T/llm-mc.json" || fail "montecarlo exited $?"
"$PY" - "$T/llm-risk.json" "$T/llm-mc.json" <<'PYEOF' || fail "simulate's risk"
import json, sys
s = json.load(open(sys.argv[1])); mc = json.load(open(sys.argv[2]))
assert s["outcome"] == "SUCCEEDED" and s["summary"]["timeout_margin_s"] == 180
k = s["risk"]
assert k["trials"] == 20000 and k["seed"] == 1
# The same Monte Carlo as montecarlo's with the same trials and seed.
assert k["p_timeout"] == round(mc["p_timeout"], 6) and k["p_timeout"] > 0.2, (k, mc["p_timeout"])
assert abs(k["completion_s"]["p95"] - mc["completion_s"]["p95"]) < 0.01
w = [w for w in s["warnings"] if w["code"] == "W_TIMEOUT_RISK"]
assert w and "of 20000 Monte Carlo trials" in w[0]["message"], s["warnings"]
PYEOF
grep -q '^Risk under the timing model (20000 Monte Carlo trials, seed 1' "$T/llm-risk.txt" \
  || fail "no risk section in the table"
grep -q 'W_TIMEOUT_RISK' "$T/llm-risk.txt" || fail "no W_TIMEOUT_RISK in the table"
"$BIN" simulate --scenario "$T/llm.json" --output json --no-risk > "$T/llm-norisk.json" \
  || fail "simulate --no-risk exited $?"
"$PY" - "$T/llm-norisk.json" <<'PYEOF' || fail "--no-risk"
import json, sys
s = json.load(open(sys.argv[1]))
assert "risk" not in s and not [w for w in s["warnings"] if w["code"] == "W_TIMEOUT_RISK"]
PYEOF
# Fixed timings: nothing to sample, no risk section.
"$BIN" simulate --scenario "$P/fixed-100.json" --output json > "$T/fixed.json" || fail "simulate (fixed)"
"$PY" -c "import json,sys; assert 'risk' not in json.load(open(sys.argv[1]))" "$T/fixed.json" \
  || fail "a risk section with fixed timings"

# --- 6. Small traps. A request with a 10 s canary bake (minutes typed as seconds) and alarms.
cat > "$T/req10.json" <<'EOF'
{"EndpointName": "api-prod", "EndpointConfigName": "api-prod-v2",
 "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY",
   "WaitIntervalInSeconds": 10, "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}},
   "TerminationWaitInSeconds": 0, "MaximumExecutionTimeoutInSeconds": 3600},
  "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "api-p99-latency"}]}}}
EOF
"$BIN" validate --request "$T/req10.json" --output json > "$T/v.json" 2>/dev/null
grep -q W_WAIT_LOOKS_LIKE_MINUTES "$T/v.json" || fail "validate: no W_WAIT_LOOKS_LIKE_MINUTES"
grep -q W_ZERO_BAKE_WITH_ALARMS "$T/v.json" || fail "validate: no W_ZERO_BAKE_WITH_ALARMS"
"$BIN" emit --endpoint-name api-prod --endpoint-config-name api-prod-v2 --strategy canary \
    --canary-size 10% --wait 10 --termination-wait 600 --timeout 3600 --alarm x \
    > /dev/null 2> "$T/emit.err" || fail "emit exited $?"
grep -q 'W_WAIT_LOOKS_LIKE_MINUTES .*WaitIntervalInSeconds' "$T/emit.err" || fail "emit: $(cat "$T/emit.err")"
"$PY" - "$P/fixed-100.json" "$T/req10.json" "$T/scen10.json" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1])); j["request"] = json.load(open(sys.argv[2]))
json.dump(j, open(sys.argv[3], "w"))
PYEOF
"$BIN" simulate --scenario "$T/scen10.json" --output json > "$T/s10.json" || fail "simulate exited $?"
grep -q W_WAIT_LOOKS_LIKE_MINUTES "$T/s10.json" || fail "simulate: no W_WAIT_LOOKS_LIKE_MINUTES"
grep -q W_ZERO_BAKE_WITH_ALARMS "$T/s10.json" || fail "simulate: no W_ZERO_BAKE_WITH_ALARMS"
"$BIN" plan --scenario "$T/scen10.json" --threads 2 --strategies CANARY --sizes percent \
    --size-percent 10 --wait 10 --termination-wait 0,600 --allow-escape --output json \
    > "$T/p10.json" || fail "plan --wait 10 exited $?"
grep -q W_WAIT_LOOKS_LIKE_MINUTES "$T/p10.json" || fail "plan: no W_WAIT_LOOKS_LIKE_MINUTES"

# A scenario trip at a bake: montecarlo, sweep and plan refuse it (exit 2), pointing to
# --bad-version; a bad-version trip (after_new_traffic_s) is montecarlo's bad-version mode.
for cmd in montecarlo sweep plan; do
  "$BIN" $cmd --scenario "$SRC/scenarios/rolling-100-rollback-batch.yaml" > /dev/null 2> "$T/trip.err"
  rc=$?; [ $rc -eq 2 ] || fail "$cmd with trip: {bake: 3} exited $rc"
  grep -q 'E_TRIP_UNSUPPORTED' "$T/trip.err" || fail "$cmd: $(cat "$T/trip.err")"
  grep -q -- '--bad-version' "$T/trip.err" || fail "$cmd: no pointer to --bad-version"
  grep -q 'trip.bake' "$T/trip.err" || fail "$cmd: the field path is not named"
done
"$PY" - "$P/rolling-100.json" "$T/badtrip.json" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1])); j["trip"] = {"after_new_traffic_s": 240}
json.dump(j, open(sys.argv[2], "w"))
PYEOF
"$BIN" montecarlo --scenario "$T/badtrip.json" --trials 3000 --output json --no-progress > "$T/bt.json" \
  || fail "montecarlo with a bad-version trip exited $?"
"$BIN" montecarlo --scenario "$P/rolling-100.json" --trials 3000 --bad-version --detection-delay-s 240 \
    --output json --no-progress > "$T/bv.json" || fail "montecarlo --bad-version exited $?"
cmp -s "$T/bt.json" "$T/bv.json" || fail "trip: {after_new_traffic_s} differs from --bad-version"

# The Monte Carlo HTML says what each card counts.
"$BIN" montecarlo --scenario "$T/llm.json" --trials 2000 --no-progress --report "$T/mc.html" \
    > /dev/null || fail "montecarlo --report exited $?"
grep -q 'share of trials an alarm rolled back (outcome ROLLED_BACK); timeouts are in P(timeout)' \
    "$T/mc.html" || fail "P(rollback) caption"
grep -q 'alarm trips and timeouts' "$T/mc.html" && fail "the old P(rollback) caption"
grep -q 'timeout cut short (outcome TIMED_OUT' "$T/mc.html" || fail "P(timeout) caption"
echo "ok"
