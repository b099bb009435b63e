#!/usr/bin/env bash
# The same what-if given three ways gives the same simulation: a scenario embedding the four AWS
# documents; the documents as files (--endpoint/--current-config/--new-config/--request) with
# the timing as flags; and the AWS CLI's own update-endpoint flags (--cli-input-json file://).
#   bash tests/cli/simulate_inputs.sh <shiftsim-binary> <source-dir>
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
scenario="$src/scenarios/gpu-llm-canary.yaml"

/usr/bin/python3 - "$scenario" "$T" <<'PY' || exit 1
import json, sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
for k in ("endpoint", "current_config", "new_config", "request"):
    json.dump(d[k], open(f"{sys.argv[2]}/{k}.json", "w"), indent=2)
PY

docs=(--endpoint "$T/endpoint.json" --current-config "$T/current_config.json" --new-config "$T/new_config.json")
timing=(--provision-s 525 --terminate-s 60 --activation-s 15)
"$bin" simulate --scenario "$scenario" --output json >"$T/a.json" || fail=1
"$bin" simulate "${docs[@]}" --request "$T/request.json" "${timing[@]}" --output json >"$T/b.json" || fail=1
"$bin" simulate "${docs[@]}" --cli-input-json "file://$T/request.json" --region us-east-1 \
  --assume provision_s=525 --assume terminate_s=60 --assume activation_s=15 --output json >"$T/c.json" || fail=1

/usr/bin/python3 - "$T" <<'PY' || fail=1
import json, sys
t = sys.argv[1]
a, b, c = (json.load(open(f"{t}/{n}.json")) for n in "abc")
keys = ("strategy", "outcome", "summary", "steps", "rollback_if_trip", "bakes", "timeline")
for other, how in ((b, "document flags"), (c, "AWS CLI flags")):
    for k in keys:
        if a[k] != other[k]:
            sys.exit(f"FAIL {how}: '{k}' differs from the scenario's")
    for k in ("provision_s", "terminate_s", "activation_s"):
        if a["assumptions"][k] != other["assumptions"][k]:
            sys.exit(f"FAIL {how}: assumption {k} differs")
# Hand-computed (docs/engine-contract.md, CANARY): P+A+W+A+T+D = 525+15+900+15+600+60.
s = a["summary"]
assert s["duration_s"] == 2115, s
assert s["peak_instances"] == 20, s
assert s["instance_seconds"] == 20 * 2115, s
assert abs(s["cost_usd"] - 20 * 2115 / 3600 * 1.515) < 1e-6, s
assert b["assumptions"]["timing_source"].startswith("provision_s=--provision-s"), b["assumptions"]
assert c["assumptions"]["timing_source"].startswith("provision_s=--assume"), c["assumptions"]
print("ok   scenario, document flags and AWS CLI flags agree")
PY

# Flags override the scenario: a trip at bake 1 rolls back in A + D = 75 s after 540 s.
"$bin" simulate --scenario "$scenario" --trip-at-bake 1 --output json >"$T/trip.json" || fail=1
/usr/bin/python3 - "$T/trip.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
assert d["outcome"] == "ROLLED_BACK", d["outcome"]
assert d["summary"]["duration_s"] == 540 + 75, d["summary"]
assert d["trip_applied_at_s"] == 540, d["trip_applied_at_s"]
assert d["steps"][-1]["old_running"] == 10 and d["steps"][-1]["new_traffic_pct"] == 0
print("ok   --trip-at-bake 1 rolls back at 540 s, done at 615 s")
PY
exit $fail
