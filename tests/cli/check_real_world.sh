#!/usr/bin/env bash
# `shiftsim check` on the shape of a public SageMaker Projects deploy template
# (tests/data/iac/real-world/README in tests/data/iac/README.md): with the stage's parameters it
# is simulated (ALL_AT_ONCE, no DeploymentConfig: W_NO_DEPLOYMENT_CONFIG, 2 -> 2 instances, peak 4);
# without them the instance type cannot be resolved and that is said, with the path.
set -uo pipefail
bin=$1; src=$2
cd "$src"
t=tests/data/iac/real-world/sagemaker-project-model-deploy.yml
params=()
while IFS='=' read -r k v; do params+=(--parameter "$k=$v"); done < <(/usr/bin/python3 -c '
import json; p = json.load(open("tests/data/iac/real-world/prod-config.json"))["Parameters"]
p.update(SageMakerProjectName="abalone", ModelPackageName="arn:aws:sagemaker:us-east-1:123456789012:model-package/abalone/3",
         ModelExecutionRoleArn="arn:aws:iam::123456789012:role/model", DataCaptureUploadPath="s3://bucket/capture")
print("\n".join(f"{k}={v}" for k, v in p.items()))')
fail=0
out=$("$bin" check --template "$t" "${params[@]}" --output json) || { echo "FAIL: exit $? with the prod parameters"; fail=1; }
echo "$out" | /usr/bin/python3 -c '
import json, sys
j = json.load(sys.stdin); e = j["endpoints"][0]; codes = {f["code"] for f in e["findings"]}
assert e["label"] == "abalone-prod", e["label"]
assert e["figures"]["strategy"] == "ALL_AT_ONCE" and e["figures"]["peak_instances"] == 4, e["figures"]
assert "W_NO_DEPLOYMENT_CONFIG" in codes and "W_IAC_UNRESOLVED" not in codes, codes
assert e["line"] == 66 and e["address"] == "Endpoint", e
' || { echo "FAIL: prod parameters"; fail=1; }
out=$("$bin" check --template "$t" --output json)
echo "$out" | /usr/bin/python3 -c '
import json, sys
e = json.load(sys.stdin)["endpoints"][0]
f = [f for f in e["findings"] if f["code"] == "W_IAC_UNRESOLVED"]
assert e["figures"] is None and f and f[0]["path"].endswith("ProductionVariants[0].InstanceType"), e
' || { echo "FAIL: without parameters"; fail=1; }
[[ $fail == 0 ]] && echo "check_real_world: 2 passed, 0 failed"
exit $fail
