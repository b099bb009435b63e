#!/usr/bin/env bash
# `compare` on three configs of one endpoint (a 100-instance rolling endpoint whose provisioning
# is lognormal): the scenario's own request, a LINEAR request file, and the base amended by
# --with. Every figure is checked against the commands it stands for, run separately on a request
# file written without compare: `simulate` (outcome, duration, peak, fewest serving, cost, extra
# cost, the worst bake's rollback cost = the largest rollback_if_trip cost, timeout and margin)
# and `montecarlo` with the same trials and seed (P50/P95/P99 completion, P(timeout), P(rollback),
# the recommended timeout). The CSV holds the JSON's values; the table fits $COLUMNS without
# cutting a number; fewer than two configs is exit 2.
#   compare_basic.sh <shiftsim-binary> <source-dir>
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
S=$src/tests/planning/rolling-100.json
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
PY=/usr/bin/python3

# The three requests, written without compare: the scenario's, a LINEAR file, and the variant by
# emit (the path emit's own tests check).
$PY -c 'import json,sys; json.dump(json.load(open(sys.argv[1]))["request"], open(sys.argv[2], "w"))' "$S" "$T/base.json"
cat >"$T/linear.json" <<'JSON'
{"EndpointName": "api-prod", "EndpointConfigName": "api-prod-v2",
 "DeploymentConfig": {"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "LINEAR",
   "WaitIntervalInSeconds": 300, "LinearStepSize": {"Type": "CAPACITY_PERCENT", "Value": 20}},
   "TerminationWaitInSeconds": 300, "MaximumExecutionTimeoutInSeconds": 14400},
  "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "api-p99-latency"}]}}}
JSON
"$bin" emit --request "$T/base.json" --batch-size 20% --timeout 14400 --out "$T/variant.json" 2>/dev/null ||
  fail "emit of the variant"

"$bin" compare --scenario "$S" "$T/linear.json" --with '--batch-size 20% --timeout 14400' \
  --trials 2000 --seed 5 --threads 2 --output json >"$T/compare.json" 2>"$T/err" || fail "compare: $(cat "$T/err")"
for r in base linear variant; do
  "$bin" simulate --scenario "$S" --request "$T/$r.json" --output json >"$T/$r.sim.json" 2>/dev/null ||
    fail "simulate $r"
  "$bin" montecarlo --scenario "$S" --request "$T/$r.json" --trials 2000 --seed 5 --threads 1 \
    --output json >"$T/$r.mc.json" 2>/dev/null || fail "montecarlo $r"
done
"$bin" compare --scenario "$S" "$T/linear.json" --with '--batch-size 20% --timeout 14400' \
  --trials 2000 --seed 5 --output csv >"$T/compare.csv" || fail "compare csv"

$PY - "$T" <<'PY' || fail "figures"
import csv, json, sys
t = sys.argv[1]
doc = json.load(open(f"{t}/compare.json"))
assert doc["schema"] == "shiftsim.compare/v1" and doc["trials"] == 2000 and doc["seed"] == 5
labels = [c["label"] for c in doc["configs"]]
assert labels == ["base", "linear.json", "--batch-size 20% --timeout 14400"], labels
for name, c in zip(["base", "linear", "variant"], doc["configs"]):
    sim = json.load(open(f"{t}/{name}.sim.json")); mc = json.load(open(f"{t}/{name}.mc.json"))
    req = json.load(open(f"{t}/{name}.json"))
    f, s = c["figures"], sim["summary"]
    assert c["request"] == req, (name, c["request"], req)
    want = {
        "outcome": sim["outcome"], "duration_s": s["duration_s"],
        "peak_instances": s["peak_instances"], "min_serving_instances": s["min_serving_instances"],
        "cost_usd": s["cost_usd"], "extra_cost_usd": s["extra_cost_usd"],
        "worst_bake_rollback_usd": max(r["extra_cost_usd"] for r in sim["rollback_if_trip"]),
        "timeout_s": s["timeout_s"], "timeout_margin_s": s["timeout_margin_s"],
        "p50_completion_s": mc["completion_s"]["p50"], "p95_completion_s": mc["completion_s"]["p95"],
        "p99_completion_s": mc["completion_s"]["p99"], "p_timeout": mc["p_timeout"],
        "p_rollback": mc["p_rollback"], "recommended_timeout_s": mc["recommended_timeout_s"],
    }
    for k, v in want.items():
        got = f[k]
        ok = abs(got - v) <= 1e-6 * max(1, abs(v)) if isinstance(v, float) else got == v
        assert ok, (name, k, got, v)
    assert f["instance_hours"] == round(s["instance_seconds"] / 3600, 6), (name, f["instance_hours"])
    assert f["billed_instance_hours"] == round(s["billed_instance_seconds"] / 3600, 6), \
        (name, f["billed_instance_hours"])
# The timing is random here: the configs differ in P95 (not a constant copied across columns).
p95 = [c["figures"]["p95_completion_s"] for c in doc["configs"]]
assert len(set(p95)) == 3, p95
rows = list(csv.reader(open(f"{t}/compare.csv")))
assert rows[0] == ["figure"] + labels, rows[0]
keys = [f["key"] for f in doc["figures"]]
assert [r[0] for r in rows[1:]] == keys, [r[0] for r in rows[1:]]
for r in rows[1:]:
    for cell, c in zip(r[1:], doc["configs"]):
        v = c["figures"][r[0]]
        assert cell == ("" if v is None else v if isinstance(v, str) else json.dumps(v)), (r[0], cell, v)
print("ok   figures equal simulate's and montecarlo's for", len(labels), "configs; CSV = JSON")
PY

# The table at 60 columns: every line fits; every P95 is there, whole.
COLUMNS=60 "$bin" compare --scenario "$S" "$T/linear.json" --with '--batch-size 20% --timeout 14400' \
  --trials 2000 --seed 5 >"$T/table.txt" || fail "compare table"
long=$(awk '{ if (length($0) > 60) print }' "$T/table.txt" | head -3)
[[ -z "$long" ]] || fail "lines over 60 columns: $long"
for v in $($PY -c 'import json,sys; print(" ".join(str(round(c["figures"]["p95_completion_s"])) for c in json.load(open(sys.argv[1]))["configs"]))' "$T/compare.json"); do
  grep -E "^  P95 completion \(s\) .*\b$v\b" "$T/table.txt" >/dev/null || fail "P95 $v not whole in the narrow table"
done
echo "ok   the table fits 60 columns with every P95 whole"

"$bin" compare --scenario "$S" >/dev/null 2>"$T/err"
[[ $? == 2 ]] && grep -q 'needs two or more' "$T/err" || fail "one config: $(cat "$T/err")"
"$bin" compare --scenario "$S" --with '--strategy linear' >/dev/null 2>"$T/err"
[[ $? == 2 ]] && grep -q 'E_EMIT_FLAG_REQUIRED --linear-step' "$T/err" || fail "bad --with: $(cat "$T/err")"
echo "ok   fewer than two configs, or a --with emit refuses, is exit 2"
