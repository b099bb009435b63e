#!/usr/bin/env bash
# simulate --detection-delay-s: a bad new version whose alarm fires S seconds after it first takes
# traffic. For several delays: the trip applies where the contract says (at once inside a bake,
# else at the next bake's start; never after the last bake), the exposure is the integral of the
# new traffic share over the run's own timeline, and past the last bake the version escapes.
# Also: the table names the exposure, and the trip flags exclude each other.
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
SCEN="$SRC/scenarios/cpu-40-linear.yaml"

"$BIN" simulate --scenario "$SCEN" --output json > "$T/plain.json" || fail "plain run exited $?"
for d in 0 10 100 400 1000 3000 5000; do
  "$BIN" simulate --scenario "$SCEN" --detection-delay-s "$d" --output json > "$T/d$d.json" \
    || fail "--detection-delay-s $d exited $?"
  "$PY" - "$T/plain.json" "$T/d$d.json" "$d" <<'PYEOF' || fail "delay $d"
import json, sys
plain = json.load(open(sys.argv[1])); run = json.load(open(sys.argv[2])); d = float(sys.argv[3])
bakes = plain["bakes"]
# New traffic starts with the first SHIFT of the planned run.
first = next(s["t_s"] for s in plain["steps"] if s["phase"] == "SHIFT")
fire = first + d
inside = [b for b in bakes if b["start_s"] <= fire < b["end_s"]]
later = [b for b in bakes if b["start_s"] >= fire]
s = run["summary"]
if inside:
    want = fire
elif later:
    want = later[0]["start_s"]
else:
    want = None
if want is None:
    assert run["outcome"] == "SUCCEEDED" and s["escaped"] is True, (run["outcome"], s)
    assert run["trip_applied_at_s"] is None
else:
    assert run["outcome"] == "ROLLED_BACK", run["outcome"]
    assert abs(run["trip_applied_at_s"] - want) < 1e-9, (run["trip_applied_at_s"], want)
    assert s["escaped"] is False
# Exposure: integral of the new traffic share over the timeline, to the end of the run.
tl = run["timeline"]; total = 0.0
for i, p in enumerate(tl):
    until = tl[i + 1]["t_s"] if i + 1 < len(tl) else s["duration_s"]
    total += p["new_traffic_pct"] / 100.0 * (until - p["t_s"])
assert abs(total - s["exposure_traffic_s"]) < 1e-6, (total, s["exposure_traffic_s"])
PYEOF
done

# The table states the bad version and its exposure.
"$BIN" simulate --scenario "$SCEN" --detection-delay-s 400 > "$T/t.txt" || fail "table exited $?"
grep -q 'bad version *its alarm fires 400 s after it first takes traffic' "$T/t.txt" || fail "no bad version line"
grep -Eq 'exposure +[0-9.]+ traffic-s on the new version .* before the rollback completed' "$T/t.txt" \
  || fail "no exposure line: $(grep -n exposure "$T/t.txt")"
"$BIN" simulate --scenario "$SCEN" --detection-delay-s 5000 | grep -q 'and counting: it stays in service' \
  || fail "escape not stated"

# One injected fault at a time; bad values are E_RANGE naming the flag.
"$BIN" simulate --scenario "$SCEN" --detection-delay-s 10 --trip-at-bake 1 > /dev/null 2> "$T/e1"
[ $? -eq 2 ] || fail "two faults: exit not 2"
grep -q 'at most one of' "$T/e1" || fail "two faults: $(cat "$T/e1")"
"$BIN" simulate --scenario "$SCEN" --detection-delay-s -5 > /dev/null 2> "$T/e2"
[ $? -eq 2 ] || fail "negative delay: exit not 2"
grep -q 'E_RANGE --detection-delay-s' "$T/e2" || fail "negative delay: $(cat "$T/e2")"
echo ok
