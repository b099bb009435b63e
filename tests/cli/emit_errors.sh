#!/usr/bin/env bash
# emit: bad flags exit 2 with every problem named by flag and nothing written; an unwritable
# --out exits 3 and leaves nothing behind; warnings go to stderr, only the document to stdout;
# the fleet (--new-config) enables the ratio rules; --help exits 0.
# usage: emit_errors.sh SHIFTSIM_BINARY SOURCE_DIR
set -u
bin=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
bad() { echo "FAIL: $*"; fail=1; }
names=(--endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2)

expect() {  # expect EXIT_CODE STDERR_SUBSTRING... -- args
  local want=$1
  shift
  local needles=()
  while [[ $1 != -- ]]; do needles+=("$1"); shift; done
  shift
  "$bin" emit "$@" >"$work/out" 2>"$work/err"
  local rc=$?
  [[ $rc -eq $want ]] || bad "emit $*: exit $rc, expected $want; stderr: $(cat "$work/err")"
  for n in "${needles[@]}"; do
    grep -qF -- "$n" "$work/err" || bad "emit $*: stderr lacks '$n': $(cat "$work/err")"
  done
}

# Flag-level problems, all reported at once.
expect 2 "E_EMIT_FLAG_NOT_APPLICABLE --canary-size" "E_EMIT_FLAG_NOT_APPLICABLE --termination-wait" \
  "E_EMIT_FLAG_REQUIRED --batch-size" "E_EMIT_FLAG_REQUIRED --wait" -- \
  "${names[@]}" --strategy rolling --canary-size 10% --termination-wait 60
[[ -s $work/out ]] && bad "invalid flags still printed a document"
expect 2 "E_EMIT_FLAG_REQUIRED --endpoint-name" "E_EMIT_FLAG_REQUIRED --endpoint-config-name" -- \
  --strategy all-at-once --wait 0
expect 2 "E_EMIT_FLAG_VALUE --canary-size" -- "${names[@]}" --strategy canary --canary-size 10.5% --wait 600
expect 2 "E_EMIT_FLAG_VALUE --wait" -- "${names[@]}" --strategy canary --canary-size 1 --wait 10m
expect 2 "--strategy" -- "${names[@]}" --strategy blue-green --wait 0
expect 2 "unknown flag" -- "${names[@]}" --bogus
expect 2 "--format" -- "${names[@]}" --format xml
expect 2 "needs a value" -- "${names[@]}" --wait

# Model problems found by validate, by field path and flag; nothing written to --out.
expect 2 "E_MIN DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Value" "(from --batch-size)" \
  "E_MAX DeploymentConfig.RollingUpdatePolicy.WaitIntervalInSeconds" "(from --wait)" \
  "E_MAX DeploymentConfig.RollingUpdatePolicy.MaximumExecutionTimeoutInSeconds" -- \
  "${names[@]}" --strategy rolling --batch-size 0 --wait 3601 --timeout 28801 --out "$work/req.json"
[[ -e $work/req.json ]] && bad "an invalid request was written to --out"
expect 2 "E_PATTERN EndpointName" -- --endpoint-name "bad name" --endpoint-config-name c --strategy all-at-once --wait 0
expect 2 "E_MIN DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds" -- \
  "${names[@]}" --strategy all-at-once --wait 0 --timeout 599
expect 2 "E_LIST_LENGTH DeploymentConfig.AutoRollbackConfiguration.Alarms" -- \
  "${names[@]}" $(for k in $(seq 11); do printf -- '--alarm a%d ' "$k"; done)
expect 2 "E_ENUM ExcludeRetainedVariantProperties[0].VariantPropertyType" -- \
  "${names[@]}" --retain-all-variant-properties --exclude-retained-variant-properties DesiredCount

# The fleet: canary <= 50% of the new config's 4 instances.
cat >"$work/new.json" <<'JSON'
{
    "EndpointConfigName": "my-endpoint-v2",
    "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/my-endpoint-v2",
    "ProductionVariants": [
        {"VariantName": "AllTraffic", "ModelName": "m", "InitialInstanceCount": 4,
         "InstanceType": "ml.m5.xlarge", "InitialVariantWeight": 1.0}
    ],
    "CreationTime": "2026-11-27T03:00:00.000000+00:00"
}
JSON
expect 2 "E_CANARY_RATIO" -- "${names[@]}" --strategy canary --canary-size 3 --wait 600 --timeout 3600 \
  --alarm a --new-config "$work/new.json"
expect 0 -- "${names[@]}" --strategy canary --canary-size 2 --wait 600 --timeout 3600 --alarm a --new-config "$work/new.json"
expect 2 "E_FILE" -- "${names[@]}" --strategy canary --canary-size 2 --wait 600 --new-config "$work/missing.json"

# Output: unwritable --out is exit 3 and leaves no temporary file; stdout holds only the document.
mkdir "$work/ro"
chmod 555 "$work/ro"
if [[ $(id -u) -ne 0 ]]; then  # root writes anywhere: use a missing directory instead
  expect 3 "cannot write" -- "${names[@]}" --strategy all-at-once --wait 0 --out "$work/ro/req.json"
fi
expect 3 "cannot write" -- "${names[@]}" --strategy all-at-once --wait 0 --out "$work/missing/req.json"
[[ -z $(ls -A "$work/ro") ]] || bad "a temporary file was left behind in $work/ro"
# A timeout the Terraform provider refuses: exit 2 and nothing written, unless asked for.
expect 2 "E_TERRAFORM_TIMEOUT_CAP" "--allow-provider-reject" -- "${names[@]}" --strategy rolling --batch-size 1 \
  --wait 60 --timeout 20000 --alarm a --format terraform
[[ -s "$work/out" ]] && bad "a refused Terraform block was written"
expect 0 "W_TERRAFORM_TIMEOUT_CAP" -- "${names[@]}" --strategy rolling --batch-size 1 --wait 60 --timeout 20000 \
  --alarm a --format terraform --allow-provider-reject
head -1 "$work/out" | grep -qx 'deployment_config {' || bad "terraform stdout does not start with the block"
grep -q W_ "$work/out" && bad "a warning went to stdout"

# --out replaces an existing file with the complete document.
echo stale >"$work/req.json"
"$bin" emit "${names[@]}" --strategy linear --linear-step 1 --wait 60 --alarm a --out "$work/req.json" 2>/dev/null ||
  bad "emit --out failed"
"$bin" emit "${names[@]}" --strategy linear --linear-step 1 --wait 60 --alarm a 2>/dev/null | cmp -s - "$work/req.json" ||
  bad "--out and stdout differ"

# The skeleton ignores nothing else but prints only the skeleton.
"$bin" emit --generate-cli-skeleton | head -2 | tail -1 | grep -qx '    "EndpointName": "",' || bad "skeleton"
expect 2 "output" -- --generate-cli-skeleton output

"$bin" emit --help >"$work/out" || bad "emit --help failed"
grep -q -- --generate-cli-skeleton "$work/out" || bad "emit --help does not list --generate-cli-skeleton"
exit $fail
