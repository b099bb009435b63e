#!/usr/bin/env bash
# Requests never seen before: a seeded generator writes fresh valid requests (every strategy and
# size type, JSON and YAML, optional members on or off) and, from each, one invalid variant with a
# single known defect. Valid ones must pass (exit 0); each invalid one must fail (exit 2) naming
# the defect's code and field path. The bounds used are the SageMaker model's, read from the
# model file the project carries (not from shiftsim).
set -u
bin=$1; src=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
/usr/bin/python3 - "$src/engine/data/sagemaker-2017-07-24.service-2.json" "$T" <<'PY' || exit 1
import json, random, sys, yaml
shapes = json.load(open(sys.argv[1]))["shapes"]
out = sys.argv[2]
rng = random.Random(20261127)

def rng_of(shape):
    s = shapes[shape]
    return s.get("min"), s.get("max")

WMIN, WMAX = rng_of("WaitIntervalInSeconds")
TMIN, TMAX = rng_of("TerminationWaitInSeconds")
XMIN, XMAX = rng_of("MaximumExecutionTimeoutInSeconds")
NAME_MAX = shapes["EndpointName"]["max"]
ALARMS_MIN, ALARMS_MAX = rng_of("AlarmList")

def name():
    n = rng.randint(1, NAME_MAX)
    chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    s = rng.choice(chars)
    while len(s) < n:
        s += ("-" if rng.random() < 0.1 and len(s) < n - 1 else "") + rng.choice(chars)
    return s[:n] if not s[:n].endswith("-") else s[: n - 1] + "a"

def size(lo_pct, hi_pct):
    if rng.random() < 0.5:
        return {"Type": "CAPACITY_PERCENT", "Value": rng.randint(lo_pct, hi_pct)}
    return {"Type": "INSTANCE_COUNT", "Value": rng.randint(1, 500)}

def request():
    r = {"EndpointName": name(), "EndpointConfigName": name()}
    strategy = rng.choice(["ALL_AT_ONCE", "CANARY", "LINEAR", "ROLLING", None])
    w, t = rng.randint(WMIN, WMAX), rng.randint(TMIN, TMAX)
    dc = {}
    if strategy == "ROLLING":
        p = {"MaximumBatchSize": size(5, 50), "WaitIntervalInSeconds": w}
        if rng.random() < 0.8: p["MaximumExecutionTimeoutInSeconds"] = rng.randint(max(XMIN, w + 1), XMAX)
        if rng.random() < 0.5: p["RollbackMaximumBatchSize"] = size(1, 100)
        dc["RollingUpdatePolicy"] = p
    elif strategy:
        trc = {"Type": strategy, "WaitIntervalInSeconds": w}
        if strategy == "CANARY": trc["CanarySize"] = size(1, 50)
        if strategy == "LINEAR": trc["LinearStepSize"] = size(10, 50)
        p = {"TrafficRoutingConfiguration": trc}
        if rng.random() < 0.7: p["TerminationWaitInSeconds"] = t
        if rng.random() < 0.8: p["MaximumExecutionTimeoutInSeconds"] = rng.randint(max(XMIN, w + t + 1), XMAX)
        dc["BlueGreenUpdatePolicy"] = p
    if rng.random() < 0.8:
        dc["AutoRollbackConfiguration"] = {"Alarms": [{"AlarmName": rng.choice(["p99 latency", "5xx", "errors-" + name()[:40]])}
                                                      for _ in range(rng.randint(ALARMS_MIN, ALARMS_MAX))]}
    if dc or rng.random() < 0.5: r["DeploymentConfig"] = dc
    if rng.random() < 0.3:
        r["RetainAllVariantProperties"] = True
        r["ExcludeRetainedVariantProperties"] = [{"VariantPropertyType": v} for v in
            rng.sample(["DesiredInstanceCount", "DesiredWeight"], rng.randint(0, 2))]
    if rng.random() < 0.2: r["RetainDeploymentConfig"] = rng.random() < 0.5
    keys = list(r); rng.shuffle(keys)
    return {k: r[k] for k in keys}

def leaves(v, path=""):
    """(path, parent, key, value) of every member, list items included."""
    if isinstance(v, dict):
        for k, x in v.items():
            p = f"{path}.{k}" if path else k
            yield p, v, k, x
            yield from leaves(x, p)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from leaves(x, f"{path}[{i}]")

INT_BOUNDS = {"WaitIntervalInSeconds": (WMIN, WMAX), "TerminationWaitInSeconds": (TMIN, TMAX),
              "MaximumExecutionTimeoutInSeconds": (XMIN, XMAX), "Value": (1, None)}

def mutate(r):
    """One defect; returns (code, path)."""
    members = [l for l in leaves(r)]
    while True:
        path, parent, key, value = rng.choice(members)
        if key in INT_BOUNDS and isinstance(value, int) and not isinstance(value, bool):
            lo, hi = INT_BOUNDS[key]
            kind = rng.choice(["max", "min", "bool", "str", "float"])
            if kind == "max" and hi is not None: parent[key] = hi + rng.randint(1, 10**6); return "E_MAX", path
            if kind == "min": parent[key] = lo - rng.randint(1, 1000); return "E_MIN", path
            if kind == "bool": parent[key] = True; return "E_TYPE", path
            if kind == "str": parent[key] = str(value); return "E_TYPE", path
            if kind == "float": parent[key] = value + 0.5; return "E_TYPE", path
        if key in ("Type", "VariantPropertyType"):
            parent[key] = "BOGUS_" + str(value); return "E_ENUM", path
        if key in ("EndpointName", "EndpointConfigName"):
            if rng.random() < 0.5: parent[key] = "-" + value[:10]; return "E_PATTERN", path
            parent[key] = "a" * (NAME_MAX + 1); return "E_LENGTH", path
        if key == "AlarmName":
            parent[key] = ""; return "E_LENGTH", path
        if key in ("RetainAllVariantProperties", "RetainDeploymentConfig"):
            parent[key] = rng.choice(["true", 1, None if False else "yes"]); return "E_TYPE", path
        if isinstance(value, dict) and rng.random() < 0.3:
            value["Unexpected" + str(rng.randint(0, 99))] = 1
            return "E_UNKNOWN_MEMBER", path + "." + [k for k in value if k.startswith("Unexpected")][0]
        if key == "Alarms":
            parent[key] = [] if rng.random() < 0.5 else value * (ALARMS_MAX // len(value) + 1)
            return "E_LIST_LENGTH", path
        if key == "TrafficRoutingConfiguration" and rng.random() < 0.5:
            del parent[key]; return "E_REQUIRED", path

def write(r, stem):
    if rng.random() < 0.5:
        open(f"{out}/{stem}.json", "w").write(json.dumps(r, indent=rng.choice([None, 2, 4])))
        return f"{stem}.json"
    open(f"{out}/{stem}.yaml", "w").write(yaml.safe_dump(r, sort_keys=False))
    return f"{stem}.yaml"

with open(f"{out}/cases.tsv", "w") as cases:
    for i in range(60):
        r = request()
        cases.write(f"{write(r, f'valid-{i}')}\t0\t-\t-\n")
        code, path = mutate(r)
        cases.write(f"{write(r, f'invalid-{i}')}\t2\t{code}\t{path}\n")
PY
fail=0; n=0
while IFS=$'\t' read -r file want code path; do
  n=$((n + 1))
  "$bin" validate --request "$T/$file" >"$T/out" 2>"$T/err"; got=$?
  why=""
  [[ $got == "$want" ]] || why="exit $got, expected $want"
  if [[ -z "$why" && $want == 2 ]] && ! grep -qF -- "error $code $path:" "$T/err"; then
    why="no 'error $code $path:' line"
  fi
  if [[ -n "$why" ]]; then
    fail=$((fail + 1)); echo "FAIL $file: $why"; sed 's/^/  /' "$T/$file" | head -40; sed 's/^/  > /' "$T/err" | head -10
  fi
done < "$T/cases.tsv"
echo "$((n - fail)) of $n generated requests judged right"
[[ $fail == 0 && $n -gt 100 ]]
