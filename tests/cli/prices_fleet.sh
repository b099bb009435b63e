#!/usr/bin/env bash
# Prices in fleet runs (amendments A12 and A13 with plan/montecarlo --fleet; docs/fleet.md): each
# endpoint's region is A13's (--region, AWS_REGION, AWS_DEFAULT_REGION, else its endpoint.json's
# ARN); the price flags and the defaults' scenario prices: hold for every endpoint; an endpoint
# billing a type with no price has null costs and names the type in its row, and the merged
# totals say "unknown (no price for TYPE)" (null in JSON and CSV) instead of adding a null as $0.
# Independent checks: an endpoint of one instance type costs its billed instance-hours times the
# price given (mean of the trials, both linear), and the totals are the rows' sum (Python).
set -u
BIN="$1"; SRC="$2"
. "$SRC/tests/cli/lib/fleet_setup.sh"
unset AWS_REGION AWS_DEFAULT_REGION

generate_fleet --endpoints 6 --trials 100
# One endpoint of one instance type (not ml.m5.xlarge, which the defaults' scenario prices) moves
# to eu-central-1, where no table is shipped: its ARNs say so.
read -r EP TYPE <<< "$("$PY" - "$T/fleet" <<'PYEOF'
import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    p = os.path.join(d, name)
    if not os.path.isdir(p):
        continue
    files = ("endpoint.json", "current-config.json", "new-config.json")
    docs = {f: json.load(open(os.path.join(p, f))) for f in files}
    types = {docs[f]["ProductionVariants"][0]["InstanceType"] for f in files[1:]}
    if "ml.m5.xlarge" in types or len(types) != 1:
        continue
    for f, doc in docs.items():
        json.dump(json.loads(json.dumps(doc).replace(":us-east-1:", ":eu-central-1:")),
                  open(os.path.join(p, f), "w"), indent=2)
    print(name, types.pop())
    break
PYEOF
)"
[ -n "${TYPE:-}" ] || fail "the generated fleet has no single-type endpoint off ml.m5.xlarge"

mc() { "$BIN" montecarlo --fleet "$T/fleet" --threads 1 --seed 3 "$@"; }

# rows OUT EP TYPE EXPECT: checks every row and result of a run; EXPECT is "unknown" (EP's costs
# null, its type named, its region from the ARN) or a price (EP's mean cost = billed hours x it).
rows() {
  "$PY" - "$@" <<'PYEOF'
import json, os, sys
out, ep, t, expect, region = sys.argv[1:]
rows = [json.loads(l) for l in open(os.path.join(out, "summary.jsonl"))]
assert len(rows) == 6, len(rows)
for r in rows:
    assert r["status"] == "ok", r
    res = json.load(open(os.path.join(out, r["result"])))
    where = res["assumptions"]["price_region"]
    if r["endpoint"] != ep:
        assert isinstance(r["cost_usd"], float) and "unpriced_types" not in r, r
        continue
    assert where.startswith(region), (where, region)
    if expect == "unknown":
        assert r["cost_usd"] is None and r["extra_cost_usd"] is None, r
        assert r["unpriced_types"] == [t], r
        assert res["cost_usd"]["mean"] is None and res["unpriced_types"] == [t], res["cost_usd"]
    else:
        hours = res["billed_instance_hours"]["mean"]
        assert abs(r["cost_usd"] - hours * float(expect)) < 1e-4 * r["cost_usd"], (r, hours)
        assert "unpriced_types" not in r, r
PYEOF
}

# 1. No region given: the eu endpoint's ARN gives eu-central-1, where it has no price.
mc --out "$T/arn" 2> "$T/arn.log" || fail "montecarlo --fleet exited $?: $(tail -3 "$T/arn.log")"
rows "$T/arn" "$EP" "$TYPE" unknown "eu-central-1 (from the endpoint's ARN)" \
  || fail "rows priced by the ARN's region"

# The merged report: the totals are unknown, in every format, and name the type.
"$BIN" merge "$T/arn" > "$T/arn.txt" || fail "merge exited $?"
want="cost of every update: unknown (no price for $TYPE) (extra over the old fleets: unknown (no price for $TYPE))"
grep -qxF "$want" "$T/arn.txt" || fail "table totals: $(grep 'cost of every' "$T/arn.txt")"
grep "^$EP " "$T/arn.txt" | grep -q ' unknown  *unknown ' || fail "table row of $EP"
grep "^$EP " "$T/arn.txt" | grep -q '\$' && fail "the merged table prices $EP"
"$BIN" merge "$T/arn" --output json > "$T/arn.json" || fail "merge json exited $?"
"$BIN" merge "$T/arn" --output csv > "$T/arn.csv" || fail "merge csv exited $?"
"$BIN" merge "$T/arn" --report "$T/arn.html" > /dev/null || fail "merge html exited $?"
"$PY" - "$T/arn.json" "$T/arn.csv" "$EP" "$TYPE" <<'PYEOF' || fail "merged totals are not unknown"
import csv, json, sys
j = json.load(open(sys.argv[1])); ep, t = sys.argv[3:]
tot = j["totals"]
assert tot["cost_usd"] is None and tot["extra_cost_usd"] is None, tot
assert tot["unpriced_types"] == [t], tot
rows = {r["endpoint"]: r for r in csv.DictReader(open(sys.argv[2], newline=""))}
assert rows[ep]["cost_usd"] == "null" and rows[ep]["extra_cost_usd"] == "null", rows[ep]
assert all(float(r["cost_usd"]) > 0 for e, r in rows.items() if e != ep)
PYEOF
grep -q "data-role=\"total-cost\">unknown (no price for $TYPE)<" "$T/arn.html" \
  || fail "HTML total: $(grep -o 'data-role="total-cost">[^<]*' "$T/arn.html")"

# 2. --price for the type: every cost known; the eu endpoint at that price; totals = the sum.
mc --out "$T/given" --price "$TYPE=2.5" 2> "$T/given.log" || fail "--price run: $(tail -3 "$T/given.log")"
rows "$T/given" "$EP" "$TYPE" 2.5 "eu-central-1 (from the endpoint's ARN)" || fail "rows with --price"
"$BIN" merge "$T/given" --output json > "$T/given.json" || fail "merge (priced) exited $?"
"$PY" - "$T/given.json" <<'PYEOF' || fail "totals are not the rows' sum"
import json, sys
j = json.load(open(sys.argv[1]))
rows, tot = j["endpoints"], j["totals"]
for key in ("cost_usd", "extra_cost_usd"):
    s = sum(r[key] for r in rows)
    assert abs(tot[key] - s) < 1e-9 * max(1.0, s), (key, tot[key], s)
assert tot["unpriced_types"] == [], tot
PYEOF

# 3. AWS_REGION comes before the ARN (A13): us-east-1's table prices the eu endpoint's type.
price=$("$BIN" prices --region us-east-1 --output json | "$PY" -c '
import json, sys
t = sys.argv[1]
print(next(p["usd_per_hour"] for p in json.load(sys.stdin)["prices"] if p["instance_type"] == t))' "$TYPE") \
  || fail "shiftsim prices"
AWS_REGION=us-east-1 mc --out "$T/env" 2> /dev/null || fail "AWS_REGION run exited $?"
rows "$T/env" "$EP" "$TYPE" "$price" "us-east-1 (from AWS_REGION)" || fail "rows with AWS_REGION"

# 3b. The environment's region is part of the run's settings: shards priced under different
#     AWS_REGIONs are foreign to each other (merge refuses them), shards under the same one merge.
AWS_REGION=us-east-1 mc --shard 0/2 --out "$T/sh0" 2> /dev/null || fail "shard 0 exited $?"
mc --shard 1/2 --out "$T/sh1" 2> /dev/null || fail "shard 1 exited $?"
"$BIN" merge "$T/sh0" "$T/sh1" --out "$T/mixed.jsonl" > /dev/null 2> "$T/mixed.log"
rc=$?
[ "$rc" = 2 ] || fail "merge of shards priced under different AWS_REGIONs exited $rc, not 2"
grep -q E_SHARD_FOREIGN "$T/mixed.log" || fail "no E_SHARD_FOREIGN: $(cat "$T/mixed.log")"
AWS_REGION=us-east-1 mc --shard 1/2 --out "$T/sh1env" 2> /dev/null || fail "shard 1 (env) exited $?"
"$BIN" merge "$T/sh0" "$T/sh1env" --out "$T/same.jsonl" > /dev/null 2>&1 \
  || fail "merge of shards under the same AWS_REGION exited $?"
cmp -s "$T/same.jsonl" "$T/env/summary.jsonl" || fail "merged shards differ from the unsharded run"

# 4. The defaults file carries prices: its options (--region for every endpoint) and its
#    scenario's prices: (the type's negotiated rate), as for one endpoint's own flags.
"$PY" - "$T/fleet/fleet-defaults.json" "$TYPE" <<'PYEOF'
import json, sys
p, t = sys.argv[1:]
d = json.load(open(p))
d["options"]["region"] = "eu-central-1"
d["scenario"]["prices"][t] = 1.75
json.dump(d, open(p, "w"), indent=2)
PYEOF
mc --out "$T/defaults" 2> "$T/defaults.log" || fail "defaults run: $(tail -3 "$T/defaults.log")"
"$PY" - "$T/defaults" "$EP" <<'PYEOF' || fail "the defaults' region and prices"
import json, os, sys
out, ep = sys.argv[1:]
for line in open(os.path.join(out, "summary.jsonl")):
    r = json.loads(line)
    res = json.load(open(os.path.join(out, r["result"])))
    assert res["assumptions"]["price_region"].startswith("eu-central-1 (from --region)"), res
    if r["endpoint"] == ep:
        hours = res["billed_instance_hours"]["mean"]
        assert abs(r["cost_usd"] - hours * 1.75) < 1e-4 * r["cost_usd"], (r, hours)
PYEOF

# 5. plan --fleet: the cost objective cannot rank the eu endpoint's unknown costs (its error
#    record says E_COST_UNKNOWN; the others are planned); by duration it is planned, costs null.
"$PY" "$SRC/scripts/gen_fleet.py" "$T/fleet2" --endpoints 6 --trials 100 || fail "gen_fleet.py"
for f in endpoint.json current-config.json new-config.json; do
  sed 's/:us-east-1:/:eu-central-1:/' "$T/fleet2/$EP/$f" > "$T/x" && mv "$T/x" "$T/fleet2/$EP/$f"
done
"$BIN" plan --fleet "$T/fleet2" --threads 1 --out "$T/plan" 2> "$T/plan.log" \
  || fail "plan --fleet exited $?: $(tail -3 "$T/plan.log")"
"$PY" - "$T/plan" "$EP" <<'PYEOF' || fail "plan --fleet by cost"
import json, os, sys
out, ep = sys.argv[1:]
for line in open(os.path.join(out, "summary.jsonl")):
    r = json.loads(line)
    if r["endpoint"] == ep:
        assert r["status"] == "error" and "E_COST_UNKNOWN" in r["findings"], r
    else:
        assert r["status"] in ("ok", "infeasible"), r
PYEOF
"$BIN" plan --fleet "$T/fleet2" --threads 1 --minimize duration --out "$T/plan-d" 2> /dev/null \
  || fail "plan --fleet --minimize duration exited $?"
grep "\"endpoint\":\"$EP\"" "$T/plan-d/summary.jsonl" \
  | grep -q "\"cost_usd\":null,\"extra_cost_usd\":null,\"unpriced_types\":\[\"$TYPE\"\]" \
  || fail "plan row of $EP: $(grep "\"endpoint\":\"$EP\"" "$T/plan-d/summary.jsonl")"
echo "OK"
