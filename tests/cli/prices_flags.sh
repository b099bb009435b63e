#!/usr/bin/env bash
# The price flags and `shiftsim prices` (amendment A13, docs/prices.md), through the binary:
# --region before AWS_REGION; --prices reads AWS Price List output (the fixture gives the
# documented prices of two regions: tests/data/pricing/); --price TYPE=USD over every other
# source, the scenario's prices: included; --price-table none leaves only what is given.
# Figures by hand: all-at-once-no-alarms bills 3690 instance-seconds of ml.m5.large.
set -u
BIN="$1"; SRC="$2"
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
unset AWS_REGION AWS_DEFAULT_REGION
FIX="$SRC/tests/data/pricing/get-products-hosting.json"
SCEN="$SRC/scenarios/all-at-once-no-alarms.yaml"   # prices: {ml.m5.large: 0.115}

"$PY" - "$SCEN" "$T" <<'PYEOF'
import sys, yaml
s = yaml.safe_load(open(sys.argv[1])); del s["prices"]
yaml.safe_dump(s, open(f"{sys.argv[2]}/noprice.yaml", "w"), sort_keys=False)
PYEOF

# --- shiftsim prices ----------------------------------------------------------------------------
"$BIN" prices --region us-east-2 --prices "$FIX" --output json > "$T/east2.json" || fail "prices $?"
"$PY" - "$T/east2.json" <<'PYEOF' || fail "us-east-2 listing"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["schema"] == "shiftsim.prices/v1" and j["region"] == "us-east-2", j
assert j["region_source"] == "from --region", j["region_source"]
by = {p["instance_type"]: p for p in j["prices"]}
# The fixture's us-east-2 entries (documented: $1.1267 and $72.795), from the price list ...
assert by["ml.g6.xlarge"]["usd_per_hour"] == 1.1267 and by["ml.g6.xlarge"]["origin"] == "price list"
assert by["ml.p5en.48xlarge"]["usd_per_hour"] == 72.795
# ... the shipped us-east-2 table for the rest, and nothing of us-east-1's entries.
assert by["ml.c5.xlarge"]["origin"] == "shipped table" and by["ml.c5.xlarge"]["usd_per_hour"] == 0.204
assert "ml.m5.xlarge" not in by, "a us-east-1 entry priced us-east-2"
f = j["price_lists"][0]
assert f["hosting_prices"] == 5 and f["hosting_prices_for_region"] == 2 and f["other_entries_skipped"] == 1, f
PYEOF
"$BIN" prices --region us-east-1 --prices "$FIX" --output csv > "$T/east1.csv" || fail "prices csv"
grep -q '^us-east-1,ml.m5.xlarge,0.23,price list,' "$T/east1.csv" || fail "us-east-1 ml.m5.xlarge"
grep -q '^us-east-1,ml.m5.2xlarge,0.461,price list,' "$T/east1.csv" || fail "us-east-1 ml.m5.2xlarge"
grep -q '^us-east-1,ml.g6.xlarge,' "$T/east1.csv" && fail "a us-east-2 entry priced us-east-1"
"$BIN" prices --price-table none --price ml.g5.xlarge=1.2 --output csv > "$T/none.csv" || fail "none"
[ "$(wc -l < "$T/none.csv")" = 2 ] || fail "price-table none lists more than the given price"
grep -q '^us-east-1,ml.g5.xlarge,1.2,given,"--price"$' "$T/none.csv" || fail "$(cat "$T/none.csv")"
AWS_REGION=us-east-2 "$BIN" prices > "$T/env.txt" || fail "prices with AWS_REGION"
grep -q '^region  us-east-2 (from AWS_REGION)$' "$T/env.txt" || fail "$(head -2 "$T/env.txt")"
AWS_REGION=us-east-2 "$BIN" prices --region eu-central-1 > "$T/flag.txt" || fail "prices --region"
grep -q '^region  eu-central-1 (from --region)$' "$T/flag.txt" || fail "--region before AWS_REGION"
grep -q 'no prices: every cost is unknown' "$T/flag.txt" || fail "eu-central-1 has no table"

# --- the flags on a simulation ------------------------------------------------------------------
cost() {  # args... -> "price_region | cost_usd"
  "$BIN" simulate "$@" --output json | "$PY" -c '
import json, sys
j = json.load(sys.stdin)
print(j["assumptions"]["price_region"], "|", round(j["summary"]["cost_usd"], 6) if j["summary"]["cost_usd"] is not None else None)'
}
out=$(cost --scenario "$T/noprice.yaml" --region eu-central-1 --price ml.m5.large=0.2) || fail "sim"
[ "$out" = "eu-central-1 (from --region) | 0.205" ] || fail "--region/--price: $out"   # 3690 x 0.2 / 3600
out=$(cost --scenario "$SCEN" --price ml.m5.large=1) || fail "sim --price"
[ "$out" = "us-east-1 (from the endpoint's ARN) | 1.025" ] || fail "--price over prices:: $out"
out=$(cost --scenario "$T/noprice.yaml" --region us-east-1 --prices "$FIX") || fail "sim --prices"
[ "$out" = "us-east-1 (from --region) | 0.117875" ] || fail "--prices: $out"   # x 0.115 (fixture)
out=$(cost --scenario "$SCEN" --price-table none) || fail "sim --price-table none"
[ "$out" = "us-east-1 (from the endpoint's ARN) | 0.117875" ] || fail "prices: kept: $out"
out=$(cost --scenario "$T/noprice.yaml" --price-table none) || fail "none, nothing given"
[ "$out" = "us-east-1 (from the endpoint's ARN) | None" ] || fail "--price-table none: $out"
"$BIN" simulate --scenario "$T/noprice.yaml" --region eu-central-1 > "$T/w.txt" || fail "sim table"
grep -q 'W_PRICE_MISSING.*--price TYPE=USD, --prices FILE' "$T/w.txt" || fail "hint names the flags"
echo "ok: price flags and shiftsim prices"
