#!/usr/bin/env bash
# shiftsim montecarlo: JSON schema and invariants, thread independence, agreement with simulate
# for a deterministic model, CSV rows, input errors (exit 2) and unwritable output (exit 3).
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
SCEN="$SRC/tests/planning/rolling-100.json"
fail() { echo "FAIL: $*"; exit 1; }

# 1. JSON: schema, keys, ordering of quantiles, the timeout recommendation and its warning.
"$BIN" montecarlo --scenario "$SCEN" --trials 3000 --seed 7 --threads 1 --output json > "$T/t1.json" \
  || fail "montecarlo --threads 1 exited $?"
"$BIN" montecarlo --scenario "$SCEN" --trials 3000 --seed 7 --threads 2 --output json > "$T/t2.json" \
  || fail "montecarlo --threads 2 exited $?"
"$BIN" montecarlo --scenario "$SCEN" --trials 3000 --seed 7 --threads 3 --output json > "$T/t3.json" \
  || fail "montecarlo --threads 3 exited $?"
cmp -s "$T/t1.json" "$T/t2.json" || fail "--threads 1 and 2 differ"
cmp -s "$T/t1.json" "$T/t3.json" || fail "--threads 1 and 3 differ"
"$PY" - "$T/t1.json" <<'PYEOF' || fail "JSON checks"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["schema"] == "shiftsim.montecarlo/v1", j["schema"]
assert j["trials"] == 3000 and j["seed"] == 7
d = j["duration_s"]
for k in ("p50", "p90", "p95", "p99", "max", "mean"):
    assert k in d, k
assert d["p50"] <= d["p90"] <= d["p95"] <= d["p99"] <= d["max"], d
assert 0 <= j["p_rollback"] <= 1 and 0 <= j["p_timeout"] <= 1
assert j["p_rollback"] + j["p_timeout"] <= 1 + 1e-12
for k in ("instance_hours", "cost_usd"):
    assert j[k]["mean"] > 0 and j[k]["p95"] >= j[k]["p50"], j[k]
r = j["recommended_timeout_s"]
assert r % 60 == 0 and 600 <= r <= 28800, r
# covers P99 of completion with a 10% margin (unless capped)
assert r >= min(28800, j["completion_s"]["p99"] * 1.1) - 1e-6, (r, j["completion_s"])
# a 10%-batch rolling update of 100 instances needs ~8000 s; the request's 7200 s is too short
codes = [w["code"] for w in j["warnings"]]
assert "W_TIMEOUT_BELOW_RECOMMENDED" in codes, codes
assert j["p_timeout"] > 0.5, j["p_timeout"]
peaks = j["peak_instances"]
assert abs(sum(p["share"] for p in peaks) - 1) < 1e-9
assert sum(p["trials"] for p in peaks) == 3000
PYEOF

# 2. A different seed gives different figures.
"$BIN" montecarlo --scenario "$SCEN" --trials 3000 --seed 8 --threads 2 --output json > "$T/s8.json" || fail "seed 8"
cmp -s "$T/t1.json" "$T/s8.json" && fail "seed 7 and 8 give identical output"

# 3. Fixed timing and no faults: every trial equals simulate.
"$PY" - "$SCEN" "$T/det.json" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1]))
j["timing"]["provision_s"] = 240
j["alarms"].pop("false_trip_per_bake")
j["request"]["DeploymentConfig"]["RollingUpdatePolicy"]["MaximumExecutionTimeoutInSeconds"] = 14400
json.dump(j, open(sys.argv[2], "w"))
PYEOF
"$BIN" simulate --scenario "$T/det.json" --output json > "$T/sim.json" || fail "simulate exited $?"
"$BIN" montecarlo --scenario "$T/det.json" --trials 200 --output json > "$T/mc.json" || fail "montecarlo det exited $?"
"$PY" - "$T/sim.json" "$T/mc.json" <<'PYEOF' || fail "deterministic montecarlo != simulate"
import json, sys
s = json.load(open(sys.argv[1])); m = json.load(open(sys.argv[2]))
dur = s["summary"]["duration_s"]
# hand check of the contract: 10 batches x (P 240 + A 15 + W 300 + D 60) = 6150 s
assert dur == 6150, dur
for k in ("p50", "p99", "max", "mean"):
    assert m["duration_s"][k] == dur, (k, m["duration_s"][k], dur)
assert m["p_rollback"] == 0 and m["p_timeout"] == 0
assert abs(m["cost_usd"]["mean"] - s["summary"]["cost_usd"]) < 1e-3 * max(1, s["summary"]["cost_usd"])
assert m["peak_instances"] == [{"peak_instances": s["summary"]["peak_instances"], "trials": 200, "share": 1.0}]
PYEOF

# 4. CSV: one row per trial, and the summary form.
"$BIN" montecarlo --scenario "$SCEN" --trials 500 --output csv > "$T/rows.csv" || fail "csv exited $?"
[ "$(wc -l < "$T/rows.csv")" -eq 501 ] || fail "csv rows: $(wc -l < "$T/rows.csv")"
head -1 "$T/rows.csv" | grep -q '^trial,outcome,duration_s' || fail "csv header"
"$BIN" montecarlo --scenario "$SCEN" --trials 500 --output csv --csv summary | grep -q '^recommended_timeout_s,' \
  || fail "csv summary"

# 5. The table has the histogram and the recommendation.
"$BIN" montecarlo --scenario "$SCEN" --trials 500 > "$T/table.txt" || fail "table exited $?"
grep -q 'duration histogram' "$T/table.txt" || fail "no histogram"
grep -q 'recommended MaximumExecutionTimeoutInSeconds' "$T/table.txt" || fail "no recommendation"
grep -q '#' "$T/table.txt" || fail "no histogram bars"
# stderr is not a terminal here: no progress bar.
"$BIN" montecarlo --scenario "$SCEN" --trials 500 2> "$T/err.txt" > /dev/null
[ ! -s "$T/err.txt" ] || fail "unexpected stderr: $(cat "$T/err.txt")"

# 6. Bad input: exit 2 with the flag or field named.
"$BIN" montecarlo --scenario "$SCEN" --trials 0 > /dev/null 2> "$T/e1.txt"; rc=$?
[ $rc -eq 2 ] || fail "--trials 0 exited $rc"
grep -q -- '--trials' "$T/e1.txt" || fail "--trials not named: $(cat "$T/e1.txt")"
"$PY" - "$SCEN" "$T/bad.json" <<'PYEOF'
import json, sys
j = json.load(open(sys.argv[1]))
j["timing"]["provision_s"] = {"distribution": "lognormal", "p50": 600, "p95": 300}
json.dump(j, open(sys.argv[2], "w"))
PYEOF
"$BIN" montecarlo --scenario "$T/bad.json" --trials 10 > /dev/null 2> "$T/e2.txt"; rc=$?
[ $rc -eq 2 ] || fail "p95 < p50 exited $rc"
grep -q 'timing.provision_s.p95' "$T/e2.txt" || fail "path not named: $(cat "$T/e2.txt")"

# 7. Unwritable output: exit 3, nothing left behind.
mkdir "$T/ro"; chmod 555 "$T/ro"
if [ "$(id -u)" != 0 ]; then
  "$BIN" montecarlo --scenario "$SCEN" --trials 10 --out "$T/ro/x.txt" > /dev/null 2>&1; rc=$?
  [ $rc -eq 3 ] || fail "unwritable --out exited $rc"
fi
"$BIN" montecarlo --scenario "$SCEN" --trials 10 --out "$T/nodir/x.txt" > /dev/null 2>&1; rc=$?
[ $rc -eq 3 ] || fail "--out into a missing directory exited $rc"
[ -z "$(ls -A "$T/ro")" ] || fail "partial file left"
echo "ok"
