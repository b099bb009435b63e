#!/usr/bin/env bash
# shiftsim plan --fleet: each endpoint's result is what `shiftsim plan --output json` gives for its
# documents alone (with the endpoint's seed); 3 shards merged are the unsharded summary byte for
# byte, whether the shard comes from --shard or the scheduler's array index; a task killed with
# SIGKILL midway and rerun with --resume merges to the same bytes, each endpoint once; a bad
# endpoint is an error record; merge refuses missing, duplicate and foreign shards (exit 2).
set -u
BIN="$1"; SRC="$2"
. "$SRC/tests/cli/lib/fleet_setup.sh"

generate_fleet --endpoints 24 --bad 1 --trials 100
run() { "$BIN" plan --fleet "$T/fleet" --threads 1 "$@"; }

# 1. The unsharded run.
run --out "$T/all" 2> "$T/all.log" || fail "unsharded run exited $?: $(tail -3 "$T/all.log")"
[ "$(rows "$T/all/summary.jsonl")" = 24 ] || fail "24 rows expected"
grep -q '"status":"error"' "$T/all/summary.jsonl" || fail "no error record for the bad endpoint"
[ "$(grep -c '"status":"ok"' "$T/all/summary.jsonl")" = 23 ] || fail "23 ok rows expected"
grep -q ' 24/24 ' "$T/all.log" || fail "no per-endpoint log line"

# 2. One endpoint's result is plan's own JSON output for its documents (an endpoint with a
#    request and no scenario overrides: the defaults' scenario and options given as flags).
ep=$(cd "$T/fleet" && for d in */; do d=${d%/}; [ -f "$d/request.json" ] && [ ! -f "$d/scenario.json" ] \
     && ! grep -q 42 "$d/new-config.json" && { echo "$d"; break; }; done)
[ -n "$ep" ] || fail "no endpoint with a request in the generated fleet"
"$PY" - "$T/fleet/fleet-defaults.json" "$T/scenario.json" <<'PYEOF'
import json, sys
json.dump(json.load(open(sys.argv[1]))["scenario"], open(sys.argv[2], "w"))
PYEOF
seed=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["montecarlo"]["seed"])' \
       "$T/all/results/$ep.json")
"$BIN" plan --request "$T/fleet/$ep/request.json" --endpoint "$T/fleet/$ep/endpoint.json" \
  --current-config "$T/fleet/$ep/current-config.json" --new-config "$T/fleet/$ep/new-config.json" \
  --scenario "$T/scenario.json" --trials 100 --max-duration 14400 --threads 1 --seed "$seed" \
  --output json > "$T/single.json" || fail "plan on $ep's documents exited $?"
"$PY" - "$T/single.json" "$T/all/results/$ep.json" <<'PYEOF' || fail "$ep: fleet result != plan's output"
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:])
# The scenario's name appears in nothing but messages; everything else must be equal.
assert a == b, [k for k in a if a.get(k) != b.get(k)]
PYEOF

# 3. Three shards, by --shard and by Slurm's array index, merged: the same bytes.
check_shards_merge --report "$T/fleet.html"
grep -q "24 endpoints, 23 ok, 0 infeasible, 1 errors" "$T/table.txt" || fail "table totals"
grep -c 'data-endpoint=' "$T/fleet.html" | grep -qx 24 || fail "the HTML report lists 24 endpoints"

# 4. Killed midway (SIGKILL after 3 rows), rerun with --resume: the same bytes, nothing twice.
kill_after_rows "$T/k1" 0.05 "$BIN" plan --fleet "$T/fleet" --threads 1 --out "$T/k1" --shard 1/3
"$BIN" merge "$T/s0" "$T/k1" "$T/s2" --out "$T/x.jsonl" > /dev/null 2> "$T/k.err"
rc=$?
if [ "$done_before" -lt "$(rows "$T/s1/summary.jsonl")" ]; then
  [ $rc -eq 2 ] && grep -q E_SHARD_INCOMPLETE "$T/k.err" || fail "killed shard merged (rc $rc)"
  [ -e "$T/x.jsonl" ] && fail "a refused merge wrote its output"
fi
rm -f "$T/x.jsonl"
run --out "$T/k1" --shard 1/3 --resume 2> "$T/k2.log" || fail "resume exited $?"
skipped=$(grep -c 'skipped (resumed)' "$T/k2.log")
[ "$skipped" -ge "$done_before" ] || fail "resume reran finished endpoints ($skipped < $done_before)"
"$BIN" merge "$T/s0" "$T/k1" "$T/s2" --out "$T/resumed.jsonl" > /dev/null || fail "merge after resume"
cmp -s "$T/resumed.jsonl" "$T/all/summary.jsonl" || fail "resumed merge != unsharded run"

# 5. Refusals: missing, duplicate, foreign (other settings), and a foreign --out for a run.
"$BIN" merge "$T/s0" "$T/s2" --out "$T/x.jsonl" 2> "$T/e1" ; [ $? -eq 2 ] || fail "missing: exit 2"
grep -q "E_SHARD_MISSING.*shard 1/3" "$T/e1" || fail "missing shard not named: $(cat "$T/e1")"
"$BIN" merge "$T/s0" "$T/s1" "$T/s1" "$T/s2" --out "$T/x.jsonl" 2> "$T/e2"; [ $? -eq 2 ] || fail "dup: exit 2"
grep -q "E_SHARD_DUPLICATE" "$T/e2" || fail "duplicate shard not named"
run --out "$T/other1" --shard 1/3 --trials 50 2>/dev/null || fail "other settings run"
"$BIN" merge "$T/s0" "$T/other1" "$T/s2" --out "$T/x.jsonl" 2> "$T/e3"; [ $? -eq 2 ] || fail "foreign: exit 2"
grep -q "E_SHARD_FOREIGN.*other1" "$T/e3" || fail "foreign shard not named: $(cat "$T/e3")"
run --out "$T/s0" --shard 0/3 --trials 50 2> "$T/e4"; [ $? -eq 2 ] || fail "foreign --out: exit 2"
[ -e "$T/x.jsonl" ] && fail "a refused merge wrote its output"
echo "fleet_plan: ok"
