#!/usr/bin/env bash
# `shiftsim validate` is a drop-in for `aws sagemaker update-endpoint`: command lines written for
# the AWS CLI (its flags, file:// values, shorthand, global flags) work once the command name is
# replaced; explicit flags override the --cli-input-json document as the AWS CLI does.
set -u
bin=$1; src=$2
D=$src/tests/data/aws
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
# run NAME EXPECTED_EXIT [grep -E pattern on stdout+stderr] -- ARGS...
run() {
  local name=$1 want=$2 pattern=$3; shift 4
  "$bin" validate "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [[ $got != "$want" ]]; then
    echo "FAIL $name: exit $got, expected $want"; sed 's/^/  /' "$T/out" "$T/err" | head -20; fail=1; return
  fi
  if [[ -n "$pattern" ]] && ! cat "$T/out" "$T/err" | grep -Eq -- "$pattern"; then
    echo "FAIL $name: output does not match /$pattern/"; sed 's/^/  /' "$T/out" "$T/err" | head -20; fail=1; return
  fi
  echo "ok   $name"
}

# The canary example of the SageMaker guide, as a user would paste it (with the global flags).
run "pasted canary command" 0 '^valid' -- \
  --endpoint-name churn-prod --endpoint-config-name churn-config-v2 \
  --deployment-config '{"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "CANARY", "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}, "WaitIntervalInSeconds": 600}, "TerminationWaitInSeconds": 600, "MaximumExecutionTimeoutInSeconds": 1800}, "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": "churn-5xx"}]}}' \
  --region us-east-1 --profile prod --no-cli-pager --debug --endpoint-url https://localhost:1 --query EndpointArn
run "--flag=value form" 0 '^valid' -- \
  --endpoint-name=churn-prod --endpoint-config-name=churn-config-v2 \
  "--deployment-config=file://$D/deployment-config-canary.json"
# The AWS CLI's shorthand syntax for --deployment-config.
run "shorthand deployment config" 0 '^valid' -- \
  --endpoint-name churn-prod --endpoint-config-name churn-config-v2 \
  --deployment-config 'BlueGreenUpdatePolicy={TrafficRoutingConfiguration={Type=LINEAR,WaitIntervalInSeconds=300,LinearStepSize={Type=CAPACITY_PERCENT,Value=20}},MaximumExecutionTimeoutInSeconds=7200},AutoRollbackConfiguration={Alarms=[{AlarmName=churn-5xx},{AlarmName="churn p99"}]}'
run "shorthand with a bad value names the path" 2 'E_MAX DeploymentConfig\.RollingUpdatePolicy\.WaitIntervalInSeconds' -- \
  --endpoint-name churn-prod --endpoint-config-name churn-config-v2 \
  --deployment-config 'RollingUpdatePolicy={MaximumBatchSize={Type=CAPACITY_PERCENT,Value=10},WaitIntervalInSeconds=3601}'
# The guide's typo (no outer braces) is neither JSON nor shorthand, as the AWS CLI says too.
run "guide example without outer braces" 2 'E_SHORTHAND|E_JSON_SYNTAX' -- \
  --endpoint-name churn-prod --endpoint-config-name churn-config-v2 \
  --deployment-config '"BlueGreenUpdatePolicy": {"TrafficRoutingConfiguration": {"Type": "ALL_AT_ONCE", "WaitIntervalInSeconds": 0}}'
run "cli-input-json file://" 0 '^valid' -- --cli-input-json "file://$D/request-canary.json"
run "cli-input-json text" 0 '^valid' -- --cli-input-json "$(cat "$D/request-rolling.json")"
run "cli-input-yaml file://" 0 '^valid' -- --cli-input-yaml "file://$D/request-linear.yaml"
run "--request picks YAML by extension" 0 '^valid' -- --request "$D/request-linear.yaml"
# Explicit flags override the document: a bad name given on the command line is reported...
run "flag overrides document (bad)" 2 'E_PATTERN EndpointConfigName' -- \
  --cli-input-json "file://$D/request-canary.json" --endpoint-config-name bad_name
# ... and a good one replaces a bad one from the document.
sed 's/"churn-prod"/"churn_prod"/' "$D/request-canary.json" > "$T/bad-name.json"
run "document alone is invalid" 2 'E_PATTERN EndpointName' -- --cli-input-json "file://$T/bad-name.json"
run "flag overrides document (good)" 0 '^valid' -- --cli-input-json "file://$T/bad-name.json" --endpoint-name churn-prod
# Deployment config from the flag replaces the document's whole DeploymentConfig.
run "deployment-config flag replaces the document's" 2 'E_MAX DeploymentConfig\.RollingUpdatePolicy\.WaitIntervalInSeconds' -- \
  --cli-input-json "file://$D/request-canary.json" \
  --deployment-config '{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":10},"WaitIntervalInSeconds":3601,"MaximumExecutionTimeoutInSeconds":7200},"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"a"}]}}'
# Retention flags, both spellings, and the exclusion shorthand with several words.
run "retention flags and shorthand" 0 '^valid' -- \
  --cli-input-json "file://$D/request-canary.json" --retain-all-variant-properties \
  --exclude-retained-variant-properties VariantPropertyType=DesiredInstanceCount VariantPropertyType=DesiredWeight
run "exclusions without retain-all warn" 0 'W_EXCLUDE_IGNORED ExcludeRetainedVariantProperties' -- \
  --cli-input-json "file://$D/request-canary.json" --no-retain-all-variant-properties \
  --exclude-retained-variant-properties '[{"VariantPropertyType":"DesiredWeight"}]'
run "bad shorthand value" 2 'E_ENUM ExcludeRetainedVariantProperties\[0\]\.VariantPropertyType' -- \
  --cli-input-json "file://$D/request-canary.json" --retain-all-variant-properties \
  --exclude-retained-variant-properties VariantPropertyType=InstanceType
run "retain-deployment-config" 0 'W_RETAINED_CONFIG_WINS' -- \
  --cli-input-json "file://$D/request-canary.json" --retain-deployment-config
# With the fleet known: 25% canary of 6 new instances is fine; 4 instances of 6 is not.
run "fleet documents" 0 '^valid' -- --request "$D/request-canary.json" \
  --endpoint "$D/describe-endpoint.json" --current-config "$D/describe-endpoint-config-current.json" \
  --new-config "$D/describe-endpoint-config-new.json"
run "canary ratio against the new fleet" 2 'E_CANARY_RATIO DeploymentConfig\.BlueGreenUpdatePolicy\.TrafficRoutingConfiguration\.CanarySize\.Value' -- \
  --cli-input-json "file://$D/request-canary.json" --endpoint "$D/describe-endpoint.json" \
  --new-config "$D/describe-endpoint-config-new.json" \
  --deployment-config '{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY","WaitIntervalInSeconds":60,"CanarySize":{"Type":"INSTANCE_COUNT","Value":4}},"MaximumExecutionTimeoutInSeconds":3600},"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"a"}]}}'
# Exclusions fall back (amendment A4); the request must name the config given (A7).
run "Inf1 falls back to all-at-once" 0 'W_FALLBACK_ALL_AT_ONCE DeploymentConfig' -- --request "$D/request-canary.json" \
  --endpoint-config-name churn-config-inf1 \
  --endpoint "$D/describe-endpoint.json" --new-config "$D/describe-endpoint-config-inf1.json"
run "the request names another config than --new-config" 2 'E_MISMATCH EndpointConfigName.*churn-config-v2.*churn-config-inf1' -- \
  --request "$D/request-canary.json" \
  --endpoint "$D/describe-endpoint.json" --new-config "$D/describe-endpoint-config-inf1.json"
# A renamed or added variant: refused under an update policy (A10), allowed without one.
run "variant added under an update policy" 2 "E_VARIANT_SET_CHANGED DeploymentConfig.*only in the new config: 'Challenger'" -- \
  --request "$D/request-rolling.json" --endpoint-config-name churn-config-ab \
  --endpoint "$D/describe-endpoint.json" --new-config "$D/describe-endpoint-config-two-variants.json"
run "renamed variant under an update policy" 2 'E_VARIANT_SET_CHANGED DeploymentConfig' -- \
  --request "$D/request-canary.json" --endpoint-config-name churn-config-v3 \
  --endpoint "$D/describe-endpoint.json" --new-config "$D/describe-endpoint-config-renamed.json"
run "renamed variant without an update policy" 0 'W_VARIANT_RENAMED' -- \
  --endpoint-name churn-prod --endpoint-config-name churn-config-v3 \
  --endpoint "$D/describe-endpoint.json" --new-config "$D/describe-endpoint-config-renamed.json"
run "rolling on two variants falls back" 0 'W_FALLBACK_ALL_AT_ONCE DeploymentConfig' -- \
  --request "$D/request-rolling.json" --endpoint-config-name churn-config-ab \
  --endpoint "$D/describe-endpoint-two-variants.json" \
  --new-config "$D/describe-endpoint-config-two-variants.json"
# AWS --output values mean what they mean to the AWS CLI: table the verdict for people, json the
# report, yaml the same report, text the AWS CLI's tab-separated rendering of it (sorted keys:
# errors, schema, valid, warnings).
run "--output table" 0 '^valid' -- --request "$D/request-canary.json" --output table
run "--output json" 0 '"valid": true' -- --request "$D/request-canary.json" --output json
for o in yaml yaml-stream; do run "--output $o" 0 '^valid: true' -- --request "$D/request-canary.json" --output "$o"; done
run "--output text" 0 $'^0\tshiftsim.validation/v1\tTrue\t0$' -- --request "$D/request-canary.json" --output text
exit $fail
