#!/usr/bin/env bash
# Unknown prices are unknown (amendment A12) and prices are per region (A13), through the real
# binary: a type with no price gives "unknown (no price for TYPE)" in tables and null in JSON and
# CSV, never $0.00, with W_PRICE_MISSING once; the cost objective and a cost limit are refused
# (E_COST_UNKNOWN, exit 2); the region comes from AWS_REGION, else AWS_DEFAULT_REGION, else the
# endpoint's ARN, and is said in the assumptions. Figures by hand: the gallery's
# all-at-once-no-alarms bills 3690 instance-seconds of ml.m5.large (3 x 615 s on each side),
# priced at $0.115/h in us-east-1 and in us-east-2: 3690 x 0.115 / 3600 = $0.1178750.
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
unset AWS_REGION AWS_DEFAULT_REGION

# The gallery scenario without its prices (the shipped tables price ml.m5.large), and with
# price_table: none (negotiated rates, none given: every type unpriced).
"$PY" - "$SRC/scenarios/all-at-once-no-alarms.yaml" "$T" <<'PYEOF'
import sys, yaml
s = yaml.safe_load(open(sys.argv[1])); d = sys.argv[2]
del s["prices"]
yaml.safe_dump(s, open(f"{d}/noprice.yaml", "w"), sort_keys=False)
s["price_table"] = "none"
yaml.safe_dump(s, open(f"{d}/none.yaml", "w"), sort_keys=False)
planning = dict(s)  # the planning commands draw their own faults: no fixed trip
planning.pop("trip", None)
yaml.safe_dump(planning, open(f"{d}/none-plan.yaml", "w"), sort_keys=False)
s["prices"] = {"ml.m5.large": 0.1}
yaml.safe_dump(s, open(f"{d}/negotiated.yaml", "w"), sort_keys=False)
s["price_table"] = "nothing"
yaml.safe_dump(s, open(f"{d}/bad-table.yaml", "w"), sort_keys=False)
PYEOF

# --- A12: table, JSON, CSV-free outputs of simulate ---------------------------------------------
"$BIN" simulate --scenario "$T/none.yaml" > "$T/none.txt" || fail "simulate (table) exited $?"
grep -q '^  cost  *unknown (no price for ml.m5.large)$' "$T/none.txt" || fail "table cost is not unknown"
grep -q '^  extra cost  *unknown (no price for ml.m5.large)$' "$T/none.txt" || fail "table extra cost"
grep -q '\$0\.00' "$T/none.txt" && fail "an unknown cost printed as \$0.00"
[ "$(grep -c 'W_PRICE_MISSING' "$T/none.txt")" = 1 ] || fail "W_PRICE_MISSING not once"
grep -q 'W_PRICE_MISSING.*ml.m5.large.*prices:' "$T/none.txt" || fail "W_PRICE_MISSING says no fix"
grep -q 'price_table *= none' "$T/none.txt" || fail "price_table assumption"

"$BIN" simulate --scenario "$T/none.yaml" --output json > "$T/none.json" || fail "simulate json $?"
"$PY" - "$T/none.json" <<'PYEOF' || fail "JSON costs are not null"
import json, sys
j = json.load(open(sys.argv[1])); s = j["summary"]
assert s["cost_usd"] is None and s["extra_cost_usd"] is None, s
assert s["billed_instance_seconds"] > 0  # the instances are still counted, only unpriced
assert j["unpriced_types"] == ["ml.m5.large"], j["unpriced_types"]
assert j["rollback_if_trip"], "no rollback rows"
assert all(r["total_cost_usd"] is None and r["extra_cost_usd"] is None
           for r in j["rollback_if_trip"]), j["rollback_if_trip"]
codes = [w["code"] for w in j["warnings"]]
assert codes.count("W_PRICE_MISSING") == 1, codes
PYEOF

# The same with the one negotiated price given: known, 3690 instance-s x $0.1/h = $0.1025.
"$BIN" simulate --scenario "$T/negotiated.yaml" --output json > "$T/neg.json" || fail "negotiated $?"
"$PY" - "$T/neg.json" <<'PYEOF' || fail "negotiated price not used"
import json, sys
s = json.load(open(sys.argv[1]))["summary"]
assert abs(s["cost_usd"] - s["billed_instance_seconds"] * 0.1 / 3600) < 1e-6, s
PYEOF

# --- A12: Monte Carlo JSON and CSV, planning ------------------------------------------------------
"$BIN" montecarlo --scenario "$T/none-plan.yaml" --trials 200 --seed 1 --output json > "$T/mc.json" \
  || fail "montecarlo exited $?"
"$PY" - "$T/mc.json" <<'PYEOF' || fail "Monte Carlo cost quantiles are not null"
import json, sys
j = json.load(open(sys.argv[1]))
assert all(v is None for v in j["cost_usd"].values()), j["cost_usd"]
assert all(v is None for v in j["extra_cost_usd"].values()), j["extra_cost_usd"]
assert j["unpriced_types"] == ["ml.m5.large"]
PYEOF
"$BIN" montecarlo --scenario "$T/none-plan.yaml" --trials 200 --seed 1 > "$T/mc.txt" || fail "mc table"
grep -q '^cost (USD) .*unknown (no price for ml.m5.large)$' "$T/mc.txt" || fail "montecarlo table: cost"
grep -q '^extra cost (USD) .*unknown (no price for ml.m5.large)$' "$T/mc.txt" \
  || fail "montecarlo table: extra cost"
grep -q '\$0\.00\| 0\.00 ' "$T/mc.txt" && fail "montecarlo table shows a zero cost"
"$BIN" montecarlo --scenario "$T/none-plan.yaml" --trials 200 --seed 1 --csv summary > "$T/mc.csv" \
  || fail "montecarlo csv exited $?"
grep -q '^cost_usd,null,null,null,null,null,null$' "$T/mc.csv" || fail "montecarlo CSV cost"
grep -q '^extra_cost_usd,null,null,null,null,null,null$' "$T/mc.csv" || fail "montecarlo CSV extra"
"$BIN" montecarlo --scenario "$T/none-plan.yaml" --trials 20 --seed 1 --output csv > "$T/trials.csv" \
  || fail "montecarlo trial csv exited $?"
"$PY" - "$T/trials.csv" <<'PYEOF' || fail "montecarlo trial CSV costs are not null"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 20 and all(r["cost_usd"] == "null" for r in rows), rows[:1]
PYEOF

"$BIN" plan --scenario "$T/none-plan.yaml" --wait 0:600:300 > "$T/plan.out" 2> "$T/plan.err"
[ $? = 2 ] || fail "plan by cost with an unpriced type did not exit 2"
grep -q 'E_COST_UNKNOWN.*ml.m5.large' "$T/plan.err" || fail "plan error: $(cat "$T/plan.err")"
"$BIN" sweep --scenario "$T/none-plan.yaml" --wait 0:600:300 --max-cost 5 > /dev/null 2> "$T/sweep.err"
[ $? = 2 ] || fail "sweep --max-cost with an unpriced type did not exit 2"
grep -q 'E_COST_UNKNOWN' "$T/sweep.err" || fail "sweep error: $(cat "$T/sweep.err")"
"$BIN" sweep --scenario "$T/none-plan.yaml" --wait 0:600:300 --output csv > "$T/sweep.csv" \
  || fail "sweep csv exited $?"
"$PY" - "$T/sweep.csv" <<'PYEOF' || fail "sweep CSV costs are not null"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
assert rows and all(r["cost_usd"] == "null" and r["extra_cost_usd"] == "null" for r in rows), rows[:1]
PYEOF
"$BIN" plan --scenario "$T/none-plan.yaml" --wait 0:600:300 --minimize duration --output json \
  > "$T/plan.json" || fail "plan by duration with an unpriced type exited $?"
"$PY" - "$T/plan.json" <<'PYEOF' || fail "plan JSON costs are not null"
import json, sys
j = json.load(open(sys.argv[1]))
p = j["pick"]
assert p["cost_usd"] is None and p["extra_cost_usd"] is None, p
m = j["montecarlo"]
assert m["cost_usd"] == {"mean": None, "p95": None} and m["extra_cost_usd"] == m["cost_usd"], m
assert j["unpriced_types"] == ["ml.m5.large"], j.get("unpriced_types")
PYEOF
"$BIN" plan --scenario "$T/none-plan.yaml" --wait 0:600:300 --minimize duration > "$T/plan.txt" \
  || fail "plan table exited $?"
grep -q '\$0\.00' "$T/plan.txt" && fail "plan table shows \$0.00"

# --- A13: the region ------------------------------------------------------------------------------
region_of() {  # scenario, env... -> "price_region" assumption, cost_usd
  local scenario=$1; shift
  env "$@" "$BIN" simulate --scenario "$scenario" --output json | "$PY" -c '
import json, sys
j = json.load(sys.stdin)
print(j["assumptions"]["price_region"], "|", j["summary"]["cost_usd"])'
}
out=$(region_of "$T/noprice.yaml") || fail "no region given"
case "$out" in "us-east-1 (from the endpoint's ARN) | 0.11787"*) ;; *) fail "ARN region: $out" ;; esac
out=$(region_of "$T/noprice.yaml" AWS_REGION=eu-central-1) || fail "AWS_REGION"
[ "$out" = "eu-central-1 (from AWS_REGION) | None" ] || fail "AWS_REGION: $out"
out=$(region_of "$T/noprice.yaml" AWS_DEFAULT_REGION=us-east-2) || fail "AWS_DEFAULT_REGION"
case "$out" in "us-east-2 (from AWS_DEFAULT_REGION) | 0.11787"*) ;; *) fail "default: $out" ;; esac
out=$(region_of "$T/noprice.yaml" AWS_REGION=us-east-2 AWS_DEFAULT_REGION=eu-west-1) || fail "both"
case "$out" in "us-east-2 (from AWS_REGION) |"*) ;; *) fail "AWS_REGION first: $out" ;; esac
AWS_REGION=not_a_region "$BIN" simulate --scenario "$T/noprice.yaml" > /dev/null 2> "$T/r.err"
[ $? = 2 ] || fail "a bad AWS_REGION did not exit 2"
grep -q 'E_REGION.*AWS_REGION' "$T/r.err" || fail "bad region message: $(cat "$T/r.err")"

# --- bad input: price_table ----------------------------------------------------------------------
"$BIN" simulate --scenario "$T/bad-table.yaml" > /dev/null 2> "$T/t.err"
[ $? = 2 ] || fail "price_table: nothing did not exit 2"
grep -q 'price_table' "$T/t.err" || fail "price_table message: $(cat "$T/t.err")"
echo "ok: unknown prices and regions"
