#!/usr/bin/env bash
# shiftsim plan: the pick is never beaten by a feasible config of its own CSV (extra cost, P95
# completion, exposure, risk), every feasible row meets the limits and the rules (P99 within the
# timeout, P(timeout) <= 1%, no escape with alarms), its request passes `shiftsim validate` and
# is the JSON's `request` object, infeasible limits exit 4 naming the impossible limit and by how
# much, and grids that are too large or malformed ranges exit 2.
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
SCEN="$SRC/tests/planning/rolling-100.json"
fail() { echo "FAIL: $*"; exit 1; }

# The scenario's documents as files, for `validate`.
"$PY" - "$SCEN" "$T" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1])); d = sys.argv[2]
for key, name in (("endpoint", "endpoint"), ("current_config", "current"), ("new_config", "new")):
    json.dump(j[key], open(f"{d}/{name}.json", "w"))
PYEOF

# 1. A feasible plan for each objective.
for obj in cost duration exposure risk; do
  "$BIN" plan --scenario "$SCEN" --threads 2 --minimize "$obj" --max-duration 5000 --max-peak 130 \
      --min-bake 300 --wait 0:900:300 --termination-wait 0:600:300 \
      --output json --rows "$T/all-$obj.csv" --request-out "$T/req-$obj.json" > "$T/plan-$obj.json"
  rc=$?; [ $rc -eq 0 ] || fail "plan --minimize $obj exited $rc"
  "$BIN" validate --request "$T/req-$obj.json" --endpoint "$T/endpoint.json" \
      --current-config "$T/current.json" --new-config "$T/new.json" > "$T/val-$obj.txt" 2>&1 \
    || fail "the planned request ($obj) does not validate: $(cat "$T/val-$obj.txt")"
  "$PY" - "$T/plan-$obj.json" "$T/all-$obj.csv" "$T/req-$obj.json" "$obj" <<'PYEOF' || fail "pick checks ($obj)"
import csv, json, math, sys
plan = json.load(open(sys.argv[1])); rows = list(csv.DictReader(open(sys.argv[2])))
req = json.load(open(sys.argv[3])); obj = sys.argv[4]
assert plan["schema"] == "shiftsim.plan/v2" and plan["feasible"] is True
assert len(rows) == plan["configs"]
pick = rows[plan["pick"]["index"]]
assert pick["feasible"] == "1"
def exposure(r):
    return math.inf if r["escaped"] == "1" else float(r["exposure_traffic_s"])
def value(r):
    if obj == "cost": return float(r["extra_cost_usd"])
    if obj == "duration": return float(r["p95_s"])
    if obj == "exposure": return exposure(r)
    return (float(r["p_escape"]), exposure(r))
feasible = [r for r in rows if r["feasible"] == "1"]
assert len(feasible) == plan["feasible_configs"]
# Limits and rules hold for every feasible row (hand-checked against the flags above): the
# duration limit is on the P95 completion; the request's 7200 s timeout covers the P99 and
# P(timeout) <= 1%; the request has an alarm, so no feasible row lets a bad version escape.
for r in feasible:
    assert float(r["p95_s"]) <= 5000 and int(r["peak_instances"]) <= 130
    assert float(r["min_bake_s"]) >= 300
    assert float(r["p99_s"]) <= 7200 and float(r["p_timeout"]) <= 0.01
    assert r["escaped"] == "0" and float(r["p_escape"]) <= 0.01
    assert float(r["extra_cost_usd"]) <= float(r["cost_usd"])
# Rows set aside name their reasons.
for r in rows:
    if r["feasible"] == "0":
        assert r["violations"], r
    if r["escaped"] == "1":
        assert "escape" in r["violations"].split("|"), r
# Never beaten under the same limits.
best = min(value(r) for r in feasible)
assert value(pick) == best, (value(pick), best)
# The request carries the picked config.
dc = req["DeploymentConfig"]
if pick["strategy"] == "ROLLING":
    p = dc["RollingUpdatePolicy"]
    assert p["WaitIntervalInSeconds"] == int(pick["wait_s"])
    size = pick["size"]
    want = ("CAPACITY_PERCENT", int(size[:-1])) if size.endswith("%") else ("INSTANCE_COUNT", int(size))
    assert (p["MaximumBatchSize"]["Type"], p["MaximumBatchSize"]["Value"]) == want
else:
    p = dc["BlueGreenUpdatePolicy"]
    assert p["TrafficRoutingConfiguration"]["Type"] == pick["strategy"]
    assert p["TrafficRoutingConfiguration"]["WaitIntervalInSeconds"] == int(pick["wait_s"])
    assert p["TerminationWaitInSeconds"] == int(pick["termination_wait_s"])
# The request's own timeout (7200 s) and alarms are kept; the Monte Carlo ran with it.
assert p["MaximumExecutionTimeoutInSeconds"] == 7200
t = plan["timeout"]
assert t["timeout_s"] == 7200 and t["source"] == "given", t
assert plan["montecarlo"]["timeout_s"] == 7200
assert t["measured_p_timeout"] == plan["montecarlo"]["p_timeout"] <= 0.01
# `request` is the request as an object: the file written by --request-out.
assert plan["request"] == req, (plan["request"], req)
assert dc["AutoRollbackConfiguration"]["Alarms"] == [{"AlarmName": "api-p99-latency"}]
assert req["EndpointName"] == "api-prod" and req["EndpointConfigName"] == "api-prod-v2"
PYEOF
done

# 2. Text output explains the choice and prints the request; other emit formats work.
# For the extra cost the cheapest is rolling 10 at a time with no wait (P95 6185 s): a P95 limit
# of 5000 s binds.
"$BIN" plan --scenario "$SCEN" --threads 2 --max-duration 5000 --wait 0:600:300 --termination-wait 0:600:300 \
    --format aws-cli > "$T/plan.txt" || fail "plan text exited $?"
grep -q 'meet every limit' "$T/plan.txt" || fail "no explanation: $(cat "$T/plan.txt")"
grep -q -- '--max-duration 5000 s binds: without it ROLLING batches of 10' "$T/plan.txt" \
  || fail "binding limit not named: $(cat "$T/plan.txt")"
grep -q '^aws sagemaker update-endpoint ' "$T/plan.txt" || fail "no aws-cli line"
"$BIN" plan --scenario "$SCEN" --threads 2 --wait 0:600:300 --termination-wait 0:600:300 \
    --format terraform | grep -q 'deployment_config' || fail "terraform format"

# 3. Infeasible limits: exit 4, the impossible limit and the gap are named.
"$BIN" plan --scenario "$SCEN" --threads 2 --max-duration 100 --wait 0:600:300 \
    --termination-wait 0:600:300 > "$T/inf.out" 2> "$T/inf.err"; rc=$?
[ $rc -eq 4 ] || fail "infeasible plan exited $rc"
grep -q -- '--max-duration 100 s is impossible' "$T/inf.err" || fail "no impossible limit: $(cat "$T/inf.err")"
# The fastest config: ALL_AT_ONCE with T=0 takes P+A+D; the 100 new instances are ready when the
# slowest is, and the limit is on the P95 completion: 240 * exp(sigma * Phi^-1(0.95^(1/100)))
# = 957.5 s (sigma = ln(480/240) / 1.6449), so 957.5+15+60 = 1032 s -> 932 s over.
grep -q 'best any config achieves is 1032 s (932 s over)' "$T/inf.err" || fail "gap: $(cat "$T/inf.err")"
# At the median (--duration-quantile p50): 240 * exp(sigma * Phi^-1(0.5^(1/100))) = 677.3 s,
# 677.3+15+60 = 752 s -> 652 s over.
"$BIN" plan --scenario "$SCEN" --threads 2 --max-duration 100 --duration-quantile p50 \
    --wait 0:600:300 --termination-wait 0:600:300 > /dev/null 2> "$T/inf50.err"; rc=$?
[ $rc -eq 4 ] || fail "infeasible plan (p50) exited $rc"
grep -q 'best any config achieves is 752 s (652 s over)' "$T/inf50.err" || fail "gap p50: $(cat "$T/inf50.err")"
"$BIN" plan --scenario "$SCEN" --threads 2 --max-peak 50 --wait 0:600:300 --termination-wait 0 \
    2> "$T/inf2.err" > /dev/null; rc=$?
[ $rc -eq 4 ] || fail "max-peak 50 exited $rc"
grep -q -- '--max-peak 50 instances is impossible' "$T/inf2.err" || fail "peak: $(cat "$T/inf2.err")"

# 4. A grid of billions of configs: exit 2 with the count, before any evaluation.
"$BIN" plan --scenario "$SCEN" --wait 0:3600:1 --termination-wait 0:3600:1 > /dev/null 2> "$T/big.err"; rc=$?
[ $rc -eq 2 ] || fail "huge grid exited $rc"
grep -q 'E_GRID_TOO_LARGE' "$T/big.err" || fail "no E_GRID_TOO_LARGE: $(cat "$T/big.err")"
grep -Eq '[0-9]{9,} configs' "$T/big.err" || fail "count not given: $(cat "$T/big.err")"
"$BIN" plan --scenario "$SCEN" --wait 0:99999999999:1 > /dev/null 2> "$T/big2.err"; rc=$?
[ $rc -eq 2 ] || fail "huge range exited $rc"

# 5. Malformed ranges: exit 2 naming the flag.
for bad in "300:0:60" "0:600:0" "0:600" "a:b:c" "-5:10:5"; do
  "$BIN" plan --scenario "$SCEN" --wait "$bad" > /dev/null 2> "$T/r.err"; rc=$?
  [ $rc -eq 2 ] || fail "--wait $bad exited $rc"
  grep -q -- '--wait' "$T/r.err" || fail "--wait not named for $bad: $(cat "$T/r.err")"
done
"$BIN" plan --scenario "$SCEN" --minimize speed > /dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "--minimize speed exited $rc"
echo "ok"
