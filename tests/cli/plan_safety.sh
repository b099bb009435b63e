#!/usr/bin/env bash
# Plans a team can act on (issue 11), each case with fixed seeds, checked against what other
# commands do with the request the plan emits:
#  1. a canary request with two alarms: the pick never lets a bad version escape (simulated from
#     its request, the bad version rolls back), unless --allow-escape;
#  3. no timeout, a one-hour wait per batch: configs whose P99 needs more than 28800 s are
#     infeasible with that reason; the pick's timeout holds (its request simulates to SUCCEEDED,
#     montecarlo of it measures P(timeout) <= 1%) and no text claims a coverage not measured;
#  4. the request's RollbackMaximumBatchSize, retention flags, names and alarms come out
#     byte-identical, and the pick's warnings (a 900 s bake against a 600 s alarm is fine; a
#     300 s one is not) are carried;
# and, for several plans, the properties: the pick simulated from its emitted request succeeds
# in its median trial; its measured P(timeout) is at or under the limit; its extra cost is at or
# under every feasible row of its own CSV; a plan whose limits cannot be met exits 4 naming the
# limit and the gap.
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
P="$SRC/tests/planning"
fail() { echo "FAIL: $*"; exit 1; }

# The scenario with the plan's request in place of its own (to simulate or montecarlo it).
with_request() {  # scenario request out
  "$PY" - "$1" "$2" "$3" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1])); j["request"] = json.load(open(sys.argv[2]))
j["trip"] = None
json.dump(j, open(sys.argv[3], "w"))
PYEOF
}

# The properties of one plan: $1 scenario, $2 name, then plan flags.
check_plan() {
  local scen=$1 name=$2; shift 2
  "$BIN" plan --scenario "$scen" --threads 2 --trials 20000 --seed 5 --output json \
      --rows "$T/$name.csv" --request-out "$T/$name.req.json" "$@" > "$T/$name.plan.json" \
    || fail "$name: plan exited $?"
  with_request "$scen" "$T/$name.req.json" "$T/$name.scen.json"
  "$BIN" simulate --scenario "$T/$name.scen.json" --output json --no-risk > "$T/$name.sim.json" \
    || fail "$name: simulate of the emitted request exited $?"
  "$BIN" montecarlo --scenario "$T/$name.scen.json" --trials 20000 --seed 5 --threads 1 \
      --output json --no-progress > "$T/$name.mc.json" || fail "$name: montecarlo exited $?"
  "$PY" - "$T/$name.plan.json" "$T/$name.csv" "$T/$name.sim.json" "$T/$name.mc.json" <<'PYEOF' \
    || fail "$name: properties"
import csv, json, sys
plan = json.load(open(sys.argv[1])); rows = list(csv.DictReader(open(sys.argv[2])))
sim = json.load(open(sys.argv[3])); mc = json.load(open(sys.argv[4]))
assert plan["feasible"] and len(rows) == plan["configs"]
pick = rows[plan["pick"]["index"]]
# Its median trial succeeds, with the timeout the request carries.
assert sim["outcome"] == "SUCCEEDED", sim["outcome"]
assert sim["summary"]["timeout_s"] == plan["timeout"]["timeout_s"]
# Its measured P(timeout), by the plan and by montecarlo of its request, meets the limit.
limit = 0.01  # --max-p-timeout default
assert plan["montecarlo"]["p_timeout"] <= limit and mc["p_timeout"] <= limit, (plan["montecarlo"], mc["p_timeout"])
assert mc["p_timeout"] == plan["montecarlo"]["p_timeout"]
# The pick's extra cost is at or under every feasible row's (cost objective).
if plan["objective"] == "cost":
    best = min(float(r["extra_cost_usd"]) for r in rows if r["feasible"] == "1")
    assert float(pick["extra_cost_usd"]) == best, (pick["extra_cost_usd"], best)
# No text claims a coverage it did not measure.
for line in plan["explanation"]:
    assert "covers" not in line and "about 1%" not in line, line
PYEOF
}

# --- 1. Safe by default: two alarms, a bad version caught 300 s after first traffic.
SCEN="$P/canary-two-alarms.json"
check_plan "$SCEN" safe --max-duration 3600
"$BIN" simulate --scenario "$T/safe.scen.json" --detection-delay-s 300 --no-risk --output json \
    > "$T/safe.bad.json" || fail "simulate bad version exited $?"
"$PY" - "$T/safe.plan.json" "$T/safe.csv" "$T/safe.bad.json" <<'PYEOF' || fail "escape rule"
import csv, json, sys
plan = json.load(open(sys.argv[1])); rows = list(csv.DictReader(open(sys.argv[2])))
bad = json.load(open(sys.argv[3]))
# The pick's bad version is caught and rolled back; it does not escape.
assert bad["summary"]["escaped"] is False and bad["outcome"] == "ROLLED_BACK", bad["outcome"]
assert plan["pick"]["escaped"] is False and plan["pick"]["risk"]["p_escape"] <= 0.01
assert plan["detection_delay_s"] == 300
# ALL_AT_ONCE with no final bake (the cheapest blue/green, picked before) escapes: infeasible,
# and the CSV says why.
aao = [r for r in rows if r["strategy"] == "ALL_AT_ONCE" and r["termination_wait_s"] == "0"]
assert aao and all(r["feasible"] == "0" and "escape" in r["violations"].split("|") for r in aao)
assert all(float(r["p_escape"]) > 0.99 for r in aao)
PYEOF
# --allow-escape lifts the rule: among blue/green configs the cheapest is ALL_AT_ONCE, T = 0.
"$BIN" plan --scenario "$SCEN" --threads 2 --max-duration 3600 --allow-escape \
    --strategies ALL_AT_ONCE,CANARY --trials 2000 --output json --request-out "$T/esc.req.json" \
    > "$T/esc.plan.json" || fail "plan --allow-escape exited $?"
"$PY" - "$T/esc.plan.json" <<'PYEOF' || fail "--allow-escape"
import json, sys
plan = json.load(open(sys.argv[1])); pick = plan["pick"]
assert pick["strategy"] == "ALL_AT_ONCE" and pick["termination_wait_s"] == 0, pick
assert pick["escaped"] is True and pick["risk"]["p_escape"] > 0.99
codes = {w["code"] for w in plan["warnings"]}
assert "W_ZERO_BAKE_WITH_ALARMS" in codes, codes
PYEOF
# --minimize risk: P(escape), then exposure.
check_plan "$SCEN" risk --max-duration 3600 --minimize risk --wait 0:1200:300 --termination-wait 0:1200:300
"$PY" - "$T/risk.plan.json" "$T/risk.csv" <<'PYEOF' || fail "--minimize risk"
import csv, json, math, sys
plan = json.load(open(sys.argv[1])); rows = list(csv.DictReader(open(sys.argv[2])))
key = lambda r: (float(r["p_escape"]), math.inf if r["escaped"] == "1" else float(r["exposure_traffic_s"]))
best = min(key(r) for r in rows if r["feasible"] == "1")
assert key(rows[plan["pick"]["index"]]) == best
PYEOF

# --- 3. Honest timeouts: no timeout, one-hour bakes.
SCEN="$P/rolling-hour.json"
check_plan "$SCEN" hour --strategies ROLLING --wait 3600
"$PY" - "$T/hour.plan.json" "$T/hour.csv" <<'PYEOF' || fail "honest timeouts"
import csv, json, sys
plan = json.load(open(sys.argv[1])); rows = list(csv.DictReader(open(sys.argv[2])))
for r in rows:
    needs_more = float(r["p99_s"]) > 28800
    assert needs_more == ("timeout" in r["violations"].split("|")), r
    if needs_more:
        assert r["feasible"] == "0" and float(r["timeout_s"]) == 28800
# Batches of 5: 20 batches of about an hour and a quarter each: infeasible (the pick of old).
five = [r for r in rows if r["size"] == "5"][0]
assert five["feasible"] == "0" and float(five["p99_s"]) > 28800 and float(five["p_timeout"]) > 0.9
t = plan["timeout"]
assert t["source"] == "recommended" and t["timeout_s"] <= 28800 and not t["capped"], t
assert any("measured with it" in line for line in plan["explanation"]), plan["explanation"]
PYEOF
# The old pick's request (batches of 5, no timeout): montecarlo says what it measured over 28800 s.
"$BIN" montecarlo --scenario "$SCEN" --trials 5000 --output json --no-progress > "$T/five.mc.json" \
  || fail "montecarlo (batches of 5) exited $?"
"$PY" - "$T/five.mc.json" <<'PYEOF' || fail "W_TIMEOUT_CAP_TOO_SHORT measures"
import json, sys
mc = json.load(open(sys.argv[1]))
w = [w for w in mc["warnings"] if w["code"] == "W_TIMEOUT_CAP_TOO_SHORT"]
assert w and "of these 5000 trials (100.00%) need more than 28800 s" in w[0]["message"], w
PYEOF

# --- 4. What the plan does not sweep comes out as it went in.
SCEN="$P/rolling-keep.json"
check_plan "$SCEN" keep --strategies ROLLING --wait 300,900
"$PY" - "$SCEN" "$T/keep.req.json" "$T/keep.plan.json" <<'PYEOF' || fail "unswept members"
import json, sys
given = json.load(open(sys.argv[1]))["request"]; out = json.load(open(sys.argv[2]))
plan = json.load(open(sys.argv[3]))
dump = lambda v: json.dumps(v, sort_keys=True, separators=(",", ":"))
# Swept: the batch size and the wait. Everything else byte for byte.
for k in ("EndpointName", "EndpointConfigName", "RetainAllVariantProperties",
          "ExcludeRetainedVariantProperties"):
    assert dump(out[k]) == dump(given[k]), k
gd, od = given["DeploymentConfig"], out["DeploymentConfig"]
assert dump(od["AutoRollbackConfiguration"]) == dump(gd["AutoRollbackConfiguration"])
gp, op = gd["RollingUpdatePolicy"], od["RollingUpdatePolicy"]
for k in ("RollbackMaximumBatchSize", "MaximumExecutionTimeoutInSeconds"):
    assert dump(op[k]) == dump(gp[k]), k
assert set(op) == set(gp), (set(op), set(gp))
# The alarm needs 600 s to reach ALARM: a 900 s wait meets it, and is the pick's; had 300 s been
# picked, its warning would say so.
assert op["WaitIntervalInSeconds"] in (300, 900)
codes = [w["code"] for w in plan["warnings"]]
assert ("W_BAKE_SHORTER_THAN_ALARM" in codes) == (op["WaitIntervalInSeconds"] == 300), codes
PYEOF
# Forcing the 300 s bake: the pick carries the warning.
"$BIN" plan --scenario "$SCEN" --threads 2 --strategies ROLLING --wait 300 --trials 2000 \
    --output json > "$T/keep300.json" || fail "plan --wait 300 exited $?"
"$PY" - "$T/keep300.json" <<'PYEOF' || fail "the pick's warnings"
import json, sys
plan = json.load(open(sys.argv[1]))
w = [w for w in plan["warnings"] if w["code"] == "W_BAKE_SHORTER_THAN_ALARM"]
assert w and "600 s" in w[0]["message"], plan["warnings"]
assert plan["request"]["DeploymentConfig"]["RollingUpdatePolicy"]["RollbackMaximumBatchSize"] == \
    {"Type": "INSTANCE_COUNT", "Value": 2}
PYEOF
# --rollback-batch sweeps it: then it is the grid's.
"$BIN" plan --scenario "$SCEN" --threads 2 --strategies ROLLING --wait 900 --rollback-batch 10% \
    --trials 2000 --output json > "$T/keep-rb.json" || fail "plan --rollback-batch exited $?"
"$PY" - "$T/keep-rb.json" <<'PYEOF' || fail "--rollback-batch"
import json, sys
p = json.load(open(sys.argv[1]))["request"]["DeploymentConfig"]["RollingUpdatePolicy"]
assert p["RollbackMaximumBatchSize"] == {"Type": "CAPACITY_PERCENT", "Value": 10}, p
PYEOF

# --- Properties on the planning scenario, for every objective.
for obj in cost duration exposure; do
  check_plan "$P/rolling-100.json" "r100-$obj" --minimize "$obj" --wait 0:900:300 \
      --termination-wait 0:600:300
done

# --- Limits that cannot be met: exit 4, the limit and the gap named.
"$BIN" plan --scenario "$P/canary-two-alarms.json" --threads 2 --max-duration 600 \
    --wait 0:600:300 --termination-wait 0:600:300 --output json > "$T/inf.json" 2> "$T/inf.err"
rc=$?; [ $rc -eq 4 ] || fail "infeasible plan exited $rc"
# The fastest P95 (ALL_AT_ONCE, T = 0: 1032 s, plan_basic.sh) is 432 s over.
grep -q -- '--max-duration 600 s is impossible: the best any config achieves is 1032 s (432 s over)' \
    "$T/inf.err" || fail "gap not named: $(cat "$T/inf.err")"
"$PY" - "$T/inf.json" <<'PYEOF' || fail "infeasible JSON"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["feasible"] is False
d = [l for l in j["limits"] if l["flag"] == "--max-duration"][0]
assert d["impossible"] and d["limit"] == 600 and round(d["best_alone"]) == 1032, d
PYEOF
# Escapes only: every config of an ALL_AT_ONCE-only grid with no final bake escapes.
"$BIN" plan --scenario "$P/canary-two-alarms.json" --threads 2 --strategies ALL_AT_ONCE \
    --termination-wait 0 > /dev/null 2> "$T/esc.err"; rc=$?
[ $rc -eq 4 ] || fail "all-escaping grid exited $rc"
grep -q 'Every config lets a bad version escape' "$T/esc.err" || fail "escape not named: $(cat "$T/esc.err")"
grep -q -- '--allow-escape' "$T/esc.err" || fail "--allow-escape not suggested"
# Under an exclusion fallback (Inf1, amendment A4) the alarms roll nothing back: the one config
# SageMaker runs is not set aside for escaping (there is no other), and the plan says the bad
# version stays (P(escape) 100%).
"$BIN" plan --scenario "$SRC/scenarios/inf1-fallback.yaml" --threads 2 > "$T/fb.txt" 2>&1; rc=$?
[ $rc -eq 0 ] || fail "fallback plan exited $rc: $(cat "$T/fb.txt")"
grep -q 'escapes with P(escape) 100.00%' "$T/fb.txt" || fail "fallback escape not said: $(cat "$T/fb.txt")"
echo "ok"
