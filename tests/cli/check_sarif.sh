#!/usr/bin/env bash
# `shiftsim check --sarif`: every log validates against the SARIF 2.1.0 schema (tests/data/sarif,
# Debian's python3-jsonschema), and points at the resource's file and line with the right rule.
set -euo pipefail
bin=$1; src=$2
D=$src/tests/data/iac
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
cd "$src"
fail=0
run() {  # name, expected exit, check args...
  local name=$1 code=$2; shift 2
  set +e; "$bin" check "$@" --sarif "$T/$name.sarif" --output json > "$T/$name.json"; local got=$?; set -e
  if [[ $got != "$code" ]]; then echo "FAIL $name: exit $got, expected $code"; fail=1; fi
}
run canary 0 --plan tests/data/iac/plan-canary-update.json --quotas tests/data/iac/quotas-ample.json
run waiter 5 --plan tests/data/iac/plan-long-rolling.json
run quota 5 --plan tests/data/iac/plan-canary-update.json --quotas tests/data/iac/quotas-tight.json
run notes 0 --notes --plan tests/data/iac/plan-canary-update.json --quotas tests/data/iac/quotas-ample.json
run templates 0 --template tests/data/iac/template-canary.yaml --template tests/data/iac/template-autoscaled.json \
  --template tests/data/iac/template-no-deployment-config.yaml --parameter AWS::StackName=llm --parameter AWS::AccountId=123456789012
run empty 0 --plan tests/data/iac/plan-no-sagemaker.json
/usr/bin/python3 - "$T" "$src" <<'PY' || fail=1
import glob, json, sys
import jsonschema
t, src = sys.argv[1], sys.argv[2]
schema = json.load(open(f"{src}/tests/data/sarif/sarif-schema-2.1.0.json", encoding="utf-8-sig"))
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for path in sorted(glob.glob(f"{t}/*.sarif")):
    log = json.load(open(path))
    errors = list(validator.iter_errors(log))
    for e in errors[:5]:
        print(f"FAIL {path}: {e.message} at {list(e.absolute_path)}")
    bad += bool(errors)
    # Every result's rule is declared, and ruleIndex points at it.
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    for r in run["results"]:
        if rules[r["ruleIndex"]] != r["ruleId"]:
            print(f"FAIL {path}: ruleIndex {r['ruleIndex']} is not {r['ruleId']}"); bad += 1
# The waiter finding sits on the endpoint's resource_changes element: the line of its '{'.
def line_of(file, needle):
    for i, l in enumerate(open(file), 1):
        if needle in l:
            return i
log = json.load(open(f"{t}/waiter.sarif"))
res = [r for r in log["runs"][0]["results"] if r["ruleId"] == "E_TF_WAITER"]
want = line_of(f"{src}/tests/data/iac/plan-long-rolling.json", '"address": "aws_sagemaker_endpoint.rank_prod"') - 1
if len(res) != 1 or res[0]["level"] != "error" \
   or res[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] != "tests/data/iac/plan-long-rolling.json" \
   or res[0]["locations"][0]["physicalLocation"]["region"]["startLine"] != want \
   or res[0]["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] != "aws_sagemaker_endpoint.rank_prod":
    print(f"FAIL waiter.sarif: expected one E_TF_WAITER error at line {want}: {res}"); bad += 1
# Notes only with --notes.
levels = lambda name: {r["level"] for r in json.load(open(f"{t}/{name}.sarif"))["runs"][0]["results"]}
if "note" in levels("canary") or "note" not in levels("notes"):
    print(f"FAIL notes: {levels('canary')} without --notes, {levels('notes')} with"); bad += 1
# A template finding points at the resource's line in the YAML file.
log = json.load(open(f"{t}/templates.sarif"))
res = [r for r in log["runs"][0]["results"] if r["ruleId"] == "W_CAPACITY_RESET"]
want = line_of(f"{src}/tests/data/iac/template-autoscaled.json", '"Endpoint": {')
if len(res) != 1 or res[0]["locations"][0]["physicalLocation"]["region"]["startLine"] != want:
    print(f"FAIL templates.sarif: W_CAPACITY_RESET expected once at line {want}: {res}"); bad += 1
print(f"{len(glob.glob(t + '/*.sarif'))} SARIF logs checked")
sys.exit(1 if bad else 0)
PY
[[ $fail == 0 ]] && echo "check_sarif: ok"
exit $fail
