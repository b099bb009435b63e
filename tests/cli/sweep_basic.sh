#!/usr/bin/env bash
# shiftsim sweep: only valid sizes are evaluated, the CSV/JSON hold every config with its risk
# figures, the Pareto rows (P95 completion, extra cost, exposure) are feasible and non-dominated,
# limits and rules filter, and output files are written atomically.
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
SCEN="$SRC/tests/planning/rolling-100.json"
fail() { echo "FAIL: $*"; exit 1; }

"$BIN" sweep --scenario "$SCEN" --threads 2 --wait 0:600:300 --termination-wait 0,600 \
    --rollback-batch default,10%,5 --max-peak 150 --rows "$T/all.csv" > "$T/table.txt" \
  || fail "sweep exited $?"
grep -q 'Pareto front' "$T/table.txt" || fail "no front in the table"
"$BIN" sweep --scenario "$SCEN" --threads 1 --wait 0:600:300 --termination-wait 0,600 \
    --rollback-batch default,10%,5 --max-peak 150 --rows "$T/all.json" --output json > "$T/front.json" \
  || fail "sweep json exited $?"
"$PY" - "$T/all.csv" "$T/all.json" "$T/front.json" <<'PYEOF' || fail "sweep checks"
import csv, json, math, sys
rows = list(csv.DictReader(open(sys.argv[1])))
allj = json.load(open(sys.argv[2])); front = json.load(open(sys.argv[3]))
assert allj["schema"] == "shiftsim.sweep/v2" and len(allj["rows"]) == len(rows) == allj["configs"]
N = 100
# Grid size by hand: N = 100, waits {0,300,600}, T {0,600}, rollback {default,10%,5}.
# CANARY: counts 1..50 + percents 1..50 = 100 sizes x 3 x 2 = 600
# LINEAR: counts 10..50 + percents 10..50 = 82 x 3 x 2 = 492
# ROLLING: counts 5..50 + percents 5..50 = 92 x 3 x 3 = 828;  ALL_AT_ONCE: T only = 2
assert len(rows) == 600 + 492 + 828 + 2, len(rows)
for r in rows:
    s = r["strategy"]; size = r["size"]
    if s == "ALL_AT_ONCE":
        assert size == ""; continue
    pct = size.endswith("%"); v = int(size.rstrip("%"))
    share = v if pct else 100.0 * v / N
    lo, hi = {"CANARY": (0, 50), "LINEAR": (10, 50), "ROLLING": (5, 50)}[s]
    assert lo <= share <= hi and v >= 1, (s, size)
    if s == "ROLLING":
        assert r["termination_wait_s"] == "0"
# limits: peak <= 150, and the rules: the request's 7200 s timeout covers the P99, P(timeout) <=
# 1%, and (the request has an alarm) a bad version does not escape, in the median trial or with
# P(escape) above 1%.
for r in rows:
    p50, p95, p99 = float(r["p50_s"]), float(r["p95_s"]), float(r["p99_s"])
    assert p50 <= p95 <= p99 and float(r["ranked_duration_s"]) == p95, r
    assert float(r["timeout_s"]) == 7200
    ok = (int(r["peak_instances"]) <= 150 and p99 <= 7200 and float(r["p_timeout"]) <= 0.01
          and r["escaped"] == "0" and float(r["p_escape"]) <= 0.01)
    assert (r["feasible"] == "1") == ok, r
    # ALL_AT_ONCE with no final bake: every bad version escapes (its only bake lasts 0 s).
    if r["strategy"] == "ALL_AT_ONCE" and r["termination_wait_s"] == "0":
        assert r["escaped"] == "1" and float(r["p_escape"]) > 0.99 and "escape" in r["violations"], r
# Pareto: feasible, non-dominated among feasible rows, and every feasible non-front row dominated.
def key(r):
    e = math.inf if r["escaped"] == "1" else float(r["exposure_traffic_s"])
    return (float(r["p95_s"]), float(r["extra_cost_usd"]), e)
feas = [r for r in rows if r["feasible"] == "1"]
def dominates(a, b):
    ka, kb = key(a), key(b)
    return all(x <= y for x, y in zip(ka, kb)) and any(x < y for x, y in zip(ka, kb))
pareto = [r for r in rows if r["pareto"] == "1"]
assert pareto, "empty front"
for p in pareto:
    assert p["feasible"] == "1"
    assert not any(dominates(q, p) for q in feas), p
for r in feas:
    if r["pareto"] != "1":
        assert any(dominates(p, r) for p in pareto) or any(key(p) == key(r) for p in pareto), r
assert len(front["pareto"]) == len(pareto)
PYEOF

# Threads do not change the result.
"$BIN" sweep --scenario "$SCEN" --threads 2 --wait 0:600:300 --termination-wait 0,600 \
    --rollback-batch default,10%,5 --max-peak 150 --output csv > "$T/t2.csv" || fail "t2"
"$BIN" sweep --scenario "$SCEN" --threads 1 --wait 0:600:300 --termination-wait 0,600 \
    --rollback-batch default,10%,5 --max-peak 150 --output csv > "$T/t1.csv" || fail "t1"
cmp -s "$T/t1.csv" "$T/t2.csv" || fail "--threads 1 and 2 differ"
cmp -s "$T/t1.csv" "$T/all.csv" || fail "--rows CSV differs from --output csv"

# Strategy subset and bad values.
"$BIN" sweep --scenario "$SCEN" --strategies canary --sizes percent --wait 300 --termination-wait 0 \
    --output csv > "$T/c.csv" || fail "canary-only"
[ "$(tail -n +2 "$T/c.csv" | cut -d, -f2 | sort -u)" = "CANARY" ] || fail "strategy filter"
[ "$(tail -n +2 "$T/c.csv" | wc -l)" -eq 50 ] || fail "canary percent sizes: $(tail -n +2 "$T/c.csv" | wc -l)"
"$BIN" sweep --scenario "$SCEN" --strategies blue > /dev/null 2>&1; [ $? -eq 2 ] || fail "bad strategy"
"$BIN" sweep --scenario "$SCEN" --wait 0:4000:1000 > /dev/null 2>&1; [ $? -eq 2 ] || fail "wait > 3600"
"$BIN" sweep --scenario "$SCEN" --rollback-batch 150% > /dev/null 2>&1; [ $? -eq 2 ] || fail "rollback 150%"
"$BIN" sweep --scenario "$SCEN" --out "$T/missing/dir.csv" > /dev/null 2>&1; [ $? -eq 3 ] || fail "unwritable --out"
"$BIN" sweep --scenario "$SCEN" --rows "$T/missing/dir.csv" > /dev/null 2>&1; [ $? -eq 3 ] || fail "unwritable --rows"
echo "ok"
