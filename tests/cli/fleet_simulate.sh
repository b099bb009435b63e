#!/usr/bin/env bash
# shiftsim simulate --fleet: each endpoint's result is what `shiftsim simulate --output json`
# prints for its documents alone, the record's scenario trip included (an independent run of the
# single-endpoint command on the same documents); the summary row carries that result's outcome,
# duration, cost and peak; 3 shards (by --shard and by Slurm's array index) merged are the
# unsharded summary byte for byte; a partial run (killed, or rows lost) completed with --resume
# gives the same bytes, each endpoint once. plan and montecarlo --fleet give a record whose
# scenario trips at a bake or a time an error record naming the field and the fix, as the single
# endpoint command refuses it.
set -u
BIN="$1"; SRC="$2"
. "$SRC/tests/cli/lib/fleet_setup.sh"

generate_fleet --endpoints 30 --bad 1 --trials 50
# Two endpoints get a trip in their scenario: at bake 1, and at 200 s. A rolling update with
# alarms (to be rolled back) comes from the generator: take the first endpoints with a request
# naming an alarm.
mapfile -t tripped < <(cd "$T/fleet" && for d in */; do d=${d%/}; \
  [ -f "$d/request.json" ] && grep -q AlarmName "$d/request.json" && ! grep -q 42 "$d/new-config.json" \
  && echo "$d"; done | head -2)
[ "${#tripped[@]}" = 2 ] || fail "the generated fleet has no two endpoints with alarms"
"$PY" - "$T/fleet/${tripped[0]}" '{"bake": 1}' "$T/fleet/${tripped[1]}" '{"at_s": 200}' <<'PYEOF'
import json, os, sys
for d, trip in zip(sys.argv[1::2], sys.argv[2::2]):
    p = os.path.join(d, "scenario.json")
    s = json.load(open(p)) if os.path.exists(p) else {}
    s["trip"] = json.loads(trip)
    json.dump(s, open(p, "w"))
PYEOF
run() { "$BIN" simulate --fleet "$T/fleet" "$@"; }

# 1. The unsharded run.
run --out "$T/all" 2> "$T/all.log" || fail "unsharded run exited $?: $(tail -3 "$T/all.log")"
[ "$(rows "$T/all/summary.jsonl")" = 30 ] || fail "30 rows expected"
[ "$(grep -c '"status":"error"' "$T/all/summary.jsonl")" = 1 ] || fail "one error record expected"
grep -q ' 30/30 ' "$T/all.log" || fail "no per-endpoint log line"

# 2. Every endpoint's result is simulate's own JSON for its documents, with the scenario the
#    fleet gives it (the defaults' scenario with the record's merged over it); its row is that
#    result's figures.
"$PY" - "$T/fleet" "$T/all" "$BIN" "${tripped[@]}" <<'PYEOF' || fail "fleet results != simulate's output"
import json, os, subprocess, sys
fleet, out, binary, *tripped = sys.argv[1:]
defaults = json.load(open(os.path.join(fleet, "fleet-defaults.json")))
rows = {json.loads(l)["endpoint"]: json.loads(l) for l in open(os.path.join(out, "summary.jsonl"))}
checked = 0
for name in sorted(rows):
    d = os.path.join(fleet, name)
    row = rows[name]
    if row["status"] == "error":
        continue
    scen = dict(defaults.get("scenario", {}))
    if os.path.exists(os.path.join(d, "scenario.json")):
        scen.update(json.load(open(os.path.join(d, "scenario.json"))))
    sp = os.path.join(out, name + ".scenario.json")
    json.dump(scen, open(sp, "w"))
    args = [binary, "simulate", "--endpoint", os.path.join(d, "endpoint.json"),
            "--current-config", os.path.join(d, "current-config.json"),
            "--new-config", os.path.join(d, "new-config.json"), "--scenario", sp, "--output", "json"]
    if os.path.exists(os.path.join(d, "request.json")):
        args += ["--request", os.path.join(d, "request.json")]
    else:
        req = dict(defaults.get("request", {}))
        req.setdefault("EndpointName", name)
        req.setdefault("EndpointConfigName",
                       json.load(open(os.path.join(d, "new-config.json")))["EndpointConfigName"])
        rp = os.path.join(out, name + ".request.json")
        json.dump(req, open(rp, "w"))
        args += ["--request", rp]
    p = subprocess.run(args, capture_output=True, text=True)
    assert p.returncode == 0, (name, p.stderr[-300:])
    single = json.loads(p.stdout)
    result = json.load(open(os.path.join(out, "results", name + ".json")))
    assert single == result, (name, [k for k in single if single.get(k) != result.get(k)])
    s = single["summary"]
    assert row["outcome"] == single["outcome"], (name, row["outcome"], single["outcome"])
    assert row["strategy"] == single["strategy"], name
    assert row["duration_s"] == s["duration_s"], (name, row["duration_s"], s["duration_s"])
    assert row["peak_instances"] == s["peak_instances"], name
    assert abs(row["cost_usd"] - s["cost_usd"]) < 1e-6, name
    assert abs(row["extra_cost_usd"] - s["extra_cost_usd"]) < 1e-6, name
    assert row["findings"] == list(dict.fromkeys(w["code"] for w in single["warnings"])), name
    checked += 1
for name in tripped:  # the trip was run: rolled back, as the single simulate says
    assert rows[name]["outcome"] == "ROLLED_BACK", (name, rows[name]["outcome"])
print(f"{checked} results equal simulate's output", file=sys.stderr)
assert checked == 29
PYEOF

# 3. Three shards, by --shard and by Slurm's array index, merged: the same bytes.
check_shards_merge
grep -q "30 endpoints, 29 ok, 0 infeasible, 1 errors" "$T/table.txt" || fail "table totals"
"$BIN" merge "$T/s0" "$T/s1" "$T/s2" --out - > "$T/stdout.jsonl" || fail "merge --out -"
cmp -s "$T/stdout.jsonl" "$T/all/summary.jsonl" || fail "merge --out - is not the rows"

# 4a. Killed midway (SIGKILL after 3 rows), rerun with --resume: the same bytes.
kill_after_rows "$T/k" 0.02 "$BIN" simulate --fleet "$T/fleet" --out "$T/k"
run --out "$T/k" --resume 2> "$T/k.log" || fail "resume exited $?"
[ "$(grep -c 'skipped (resumed)' "$T/k.log")" -ge "$done_before" ] || fail "resume reran endpoints"
cmp -s "$T/k/summary.jsonl" "$T/all/summary.jsonl" || fail "killed + resumed != unsharded run"

# 4b. A partial run made by hand (whatever the kill above caught): rows lost, a result written
#     without its row (a task killed between the two), the manifest not complete. --resume
#     reruns exactly those endpoints and gives the same bytes.
cp -r "$T/s1" "$T/p1"
mapfile -t lost < <(ls "$T/p1/rows" | head -4)
rm "$T/p1/rows/${lost[0]}" "$T/p1/rows/${lost[1]}" "$T/p1/results/${lost[1]}" "$T/p1/rows/${lost[2]}" \
   "$T/p1/summary.jsonl"
echo '{"half": ' > "$T/p1/results/${lost[2]}"
"$PY" - "$T/p1/shard.json" <<'PYEOF'
import json, sys
m = json.load(open(sys.argv[1])); m["complete"] = False; m["errors"] = None
open(sys.argv[1], "w").write(json.dumps(m, indent=2) + "\n")
PYEOF
"$BIN" merge "$T/s0" "$T/p1" "$T/s2" --out "$T/x.jsonl" > /dev/null 2> "$T/p.err"
[ $? -eq 2 ] && grep -q E_SHARD_INCOMPLETE "$T/p.err" || fail "a partial shard was merged"
[ -e "$T/x.jsonl" ] && fail "a refused merge wrote its output"
run --out "$T/p1" --shard 1/3 --resume 2> "$T/p.log" || fail "resume of the partial shard"
n1=$(rows "$T/s1/summary.jsonl")
[ "$(grep -c 'skipped (resumed)' "$T/p.log")" = $((n1 - 3)) ] || fail "resume did not rerun the 3 lost rows"
"$BIN" merge "$T/s0" "$T/p1" "$T/s2" --out "$T/resumed.jsonl" > /dev/null || fail "merge after resume"
cmp -s "$T/resumed.jsonl" "$T/all/summary.jsonl" || fail "resumed merge != unsharded run"
cmp -s "$T/p1/results/${lost[2]}" "$T/all/results/${lost[2]}" || fail "the half result was not rewritten"

# 5. plan and montecarlo --fleet: the record with trip.bake gets an error record naming the
#    field and the fix (E_TRIP_UNSUPPORTED, --bad-version), as the single-endpoint command
#    refuses the same scenario; the others run.
d="$T/fleet/${tripped[0]}"
"$BIN" plan --endpoint "$d/endpoint.json" --current-config "$d/current-config.json" \
  --new-config "$d/new-config.json" --request "$d/request.json" --scenario "$d/scenario.json" \
  --trials 50 2> "$T/single.err"
[ $? -eq 2 ] && grep -q "E_TRIP_UNSUPPORTED trip.bake" "$T/single.err" || fail "single plan: $(cat "$T/single.err")"
for cmd in plan montecarlo; do
  "$BIN" "$cmd" --fleet "$T/fleet" --out "$T/$cmd" --threads 1 2> "$T/$cmd.log" || fail "$cmd --fleet exited $?"
  "$PY" - "$T/$cmd" "${tripped[@]}" <<'PYEOF' || fail "$cmd --fleet: the trips are not error records"
import json, os, sys
out, bake, at = sys.argv[1:]
rows = {json.loads(l)["endpoint"]: json.loads(l) for l in open(os.path.join(out, "summary.jsonl"))}
for name, path in ((bake, "trip.bake"), (at, "trip.at_s")):
    assert rows[name]["status"] == "error" and rows[name]["findings"] == ["E_TRIP_UNSUPPORTED"], rows[name]
    e = json.load(open(os.path.join(out, "results", name + ".json")))["errors"]
    assert [x["path"] for x in e] == [path] and "--bad-version" in e[0]["message"], e
assert sum(r["status"] == "error" for r in rows.values()) == 3  # the two trips and the bad one
PYEOF
done
# 6. The price flags hold for every endpoint (as for plan/montecarlo --fleet): with --price-table
#    none and the defaults' scenario pricing ml.m5.xlarge only, an endpoint of another type has
#    null costs naming its types (A12), as single simulate --price-table none says of it; the
#    settings differ, so its rows are another run's.
run --out "$T/none" --price-table none 2> /dev/null || fail "simulate --fleet --price-table none"
"$PY" - "$T/fleet" "$T/none" "$BIN" <<'PYEOF' || fail "simulate --fleet: --price-table none"
import json, os, subprocess, sys
fleet, out, binary = sys.argv[1:]
rows = [json.loads(l) for l in open(os.path.join(out, "summary.jsonl"))]
unpriced = [r for r in rows if r["status"] == "ok" and r.get("unpriced_types")]
assert unpriced, "no endpoint unpriced under --price-table none"
for r in unpriced:
    assert r["cost_usd"] is None and r["extra_cost_usd"] is None, r
    assert "ml.m5.xlarge" not in r["unpriced_types"], r
r = [r for r in unpriced if os.path.exists(os.path.join(fleet, r["endpoint"], "request.json"))][0]
d = os.path.join(fleet, r["endpoint"])
defaults = json.load(open(os.path.join(fleet, "fleet-defaults.json")))
scen = dict(defaults["scenario"])
if os.path.exists(os.path.join(d, "scenario.json")):
    scen.update(json.load(open(os.path.join(d, "scenario.json"))))
json.dump(scen, open(os.path.join(out, "s.json"), "w"))
args = [binary, "simulate", "--price-table", "none", "--scenario", os.path.join(out, "s.json"),
        "--output", "json"] + sum(([f"--{k}", os.path.join(d, f"{k}.json")]
                                   for k in ("endpoint", "current-config", "new-config", "request")
                                   if os.path.exists(os.path.join(d, f"{k}.json"))), [])
p = subprocess.run(args, capture_output=True, text=True)
assert p.returncode == 0, p.stderr[-300:]
assert json.loads(p.stdout) == json.load(open(os.path.join(out, "results", r["endpoint"] + ".json")))
PYEOF
run --out "$T/none1" --shard 1/3 --price-table none 2> /dev/null || fail "shard 1/3, no price table"
"$BIN" merge "$T/s0" "$T/none1" "$T/s2" --out "$T/x.jsonl" > /dev/null 2> "$T/mix.err"
[ $? -eq 2 ] && grep -q "E_SHARD_FOREIGN.*none1" "$T/mix.err" || fail "a shard of other price settings merged"

echo "fleet_simulate: ok"
