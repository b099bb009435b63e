#!/usr/bin/env bash
# `shiftsim check`: each check fires on the fixture built to trigger it and stays silent on its
# twin (tests/data/iac/README.md); exit codes follow --fail-on.
set -uo pipefail
bin=$1; src=$2
cd "$src"
I=tests/data/iac
fail=0; n=0
codes() { "$bin" check "$@" --output json --fail-on never | /usr/bin/python3 -c '
import json, sys
j = json.load(sys.stdin)
print(" ".join(sorted({f["code"] for e in j["endpoints"] for f in e["findings"]} | {f["code"] for f in j["findings"]})))'; }
expect() {  # fires|silent CODE args...
  local mode=$1 code=$2; shift 2
  n=$((n + 1))
  local got; got=$(codes "$@")
  if [[ $mode == fires && " $got " != *" $code "* ]] || [[ $mode == silent && " $got " == *" $code "* ]]; then
    echo "FAIL $code should be $mode: $* -> $got"; fail=$((fail + 1))
  else
    echo "ok   $code $mode: $*"
  fi
}
twin="--plan $I/plan-canary-update.json"
P="--parameter AWS::StackName=llm --parameter AWS::AccountId=123456789012"
expect fires  E_TF_WAITER --plan $I/plan-long-rolling.json
expect silent E_TF_WAITER $twin
expect fires  E_TF_TIMEOUT_CAP --plan $I/plan-timeout-cap.json
expect silent E_TF_TIMEOUT_CAP $twin
expect fires  W_CAPACITY_RESET --plan $I/plan-autoscaled.json
expect silent W_CAPACITY_RESET $twin
expect fires  W_CAPACITY_RESET --template $I/template-autoscaled.json
expect silent W_CAPACITY_RESET --template $I/template-canary.yaml $P
expect fires  E_TF_ROLLBACK_REPLACES --plan $I/plan-rollback-replace.json
expect silent E_TF_ROLLBACK_REPLACES $twin
expect fires  E_CONFIG_REPLACED_SAME_NAME --plan $I/plan-config-same-name.json
expect silent E_CONFIG_REPLACED_SAME_NAME $twin
expect fires  W_NO_DEPLOYMENT_CONFIG --plan $I/plan-no-deployment-config.json
expect silent W_NO_DEPLOYMENT_CONFIG $twin
expect fires  W_NO_DEPLOYMENT_CONFIG --template $I/template-no-deployment-config.yaml
expect silent W_NO_DEPLOYMENT_CONFIG --template $I/template-canary.yaml $P
expect fires  E_QUOTA_EXCEEDED $twin --quotas $I/quotas-tight.json
expect silent E_QUOTA_EXCEEDED $twin --quotas $I/quotas-ample.json
expect fires  N_QUOTA_HEADROOM $twin --quotas $I/quotas-ample.json
expect fires  W_QUOTA_UNKNOWN --plan $I/plan-long-rolling.json --quotas $I/quotas-ample.json
expect fires  W_PRICE_MISSING --plan $I/plan-200-endpoints.json
expect silent W_PRICE_MISSING $twin
expect fires  W_IAC_UNRESOLVED --template $I/template-unresolved.yaml
expect silent W_IAC_UNRESOLVED --template $I/template-unresolved.yaml --parameter InstanceCount=3 --parameter InstanceType=ml.m5.xlarge
expect silent W_IAC_UNRESOLVED --template $I/template-cdk-synth.json
expect fires  N_NAME_AT_APPLY --template $I/template-cdk-synth.json
expect fires  N_TF_ROLLBACK_LOOKS_LIKE_SUCCESS $twin
expect silent N_TF_ROLLBACK_LOOKS_LIKE_SUCCESS --plan $I/plan-no-deployment-config.json
expect fires  N_NO_SAGEMAKER --plan $I/plan-no-sagemaker.json
expect silent N_NO_SAGEMAKER $twin
expect fires  W_CFN_PARAMETER_UNUSED --template $I/template-canary.yaml --parameter Stagee=dev
expect fires  N_NAME_AT_APPLY --plan $I/plan-config-name-unknown.json
# The config named only by reference is still the one simulated (peak 4 old + 4 new).
n=$((n + 1))
peak=$("$bin" check --plan $I/plan-config-name-unknown.json --output json | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["endpoints"][0]["figures"]["peak_instances"])')
if [[ $peak == 8 ]]; then echo "ok   config linked by reference: peak 8"; else echo "FAIL config linked by reference: peak $peak, expected 8"; fail=$((fail + 1)); fi
# Exit status by --fail-on.
exits() {  # expected args...
  local want=$1; shift; n=$((n + 1))
  "$bin" check "$@" > /dev/null; local got=$?
  if [[ $got == "$want" ]]; then echo "ok   exit $want: $*"; else echo "FAIL exit $got, expected $want: $*"; fail=$((fail + 1)); fi
}
exits 5 --plan $I/plan-long-rolling.json
exits 0 --plan $I/plan-long-rolling.json --fail-on never
exits 0 --plan $I/plan-autoscaled.json
exits 5 --plan $I/plan-autoscaled.json --fail-on warning
exits 0 --plan $I/plan-no-sagemaker.json --fail-on warning
exits 2 --plan $I/plan-canary-update.json --fail-on sometimes
exits 2 --plan
echo "$((n - fail)) passed, $fail failed"
[[ $fail == 0 ]]
