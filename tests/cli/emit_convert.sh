#!/usr/bin/env bash
# `emit` rewrites an existing request (--request, --cli-input-json/yaml, --deployment-config,
# stdin) with flags overriding its members, in every format. For each case the request expected
# is written out by hand below, twice: as the JSON document `--format cli-input-json` must print,
# and as the plain flags that build it from nothing (the path the emit goldens and the AWS CLI
# end-to-end test already check). In every format, the rewrite must print byte for byte what those
# plain flags print.
#   emit_convert.sh <shiftsim-binary> <source-dir>
set -u
bin=$1; src=$2
D=$src/tests/data/aws
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
formats=(cli-input-json cli-input-yaml aws-cli cloudformation cloudformation-json terraform)

# case NAME 'EXPECTED JSON' 'PLAIN FLAGS' [stdin file] -- REWRITE ARGS...
convert_case() {
  local name=$1 expected=$2 plain=$3 stdin=$4; shift 5
  local f ok=1
  for f in "${formats[@]}"; do
    eval "\"$bin\" emit $plain --format $f" >"$T/plain" 2>"$T/plain.err" ||
      { echo "FAIL $name: plain flags fail in $f: $(cat "$T/plain.err")"; fail=1; ok=0; continue; }
    "$bin" emit "$@" --format "$f" <"$stdin" >"$T/rewrite" 2>"$T/rewrite.err" ||
      { echo "FAIL $name: rewrite fails in $f: $(cat "$T/rewrite.err")"; fail=1; ok=0; continue; }
    cmp -s "$T/plain" "$T/rewrite" ||
      { echo "FAIL $name ($f): the rewrite differs from the plain flags:"; diff "$T/plain" "$T/rewrite" | head -5; fail=1; ok=0; }
    if [[ $f == cli-input-json ]] &&
       ! /usr/bin/python3 -c 'import json,sys; a=json.load(open(sys.argv[1])); b=json.loads(sys.argv[2]); sys.exit(a!=b)' \
           "$T/rewrite" "$expected"; then
      echo "FAIL $name: cli-input-json is not the expected request:"; cat "$T/rewrite"; fail=1; ok=0
    fi
  done
  [[ $ok == 1 ]] && echo "ok   $name (${#formats[@]} formats)"
}

# 1. A canary request file; the wait and the timeout overridden.
convert_case "--request FILE, --wait/--timeout override" \
  '{"EndpointName":"churn-prod","EndpointConfigName":"churn-config-v2","DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY","WaitIntervalInSeconds":900,"CanarySize":{"Type":"CAPACITY_PERCENT","Value":25}},"TerminationWaitInSeconds":300,"MaximumExecutionTimeoutInSeconds":7200},"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"churn-prod-5xx"},{"AlarmName":"churn-prod-latency-p99"}]}}}' \
  '--endpoint-name churn-prod --endpoint-config-name churn-config-v2 --strategy canary --canary-size 25% --wait 900 --termination-wait 300 --timeout 7200 --alarm churn-prod-5xx --alarm churn-prod-latency-p99' \
  /dev/null -- --request "$D/request-canary.json" --wait 900 --timeout 7200

# 2. A linear YAML request through --cli-input-yaml file://, switched to rolling (AWS spelling):
#    the linear step and the final bake go; the wait, timeout, alarms and retention stay.
convert_case "--cli-input-yaml file://, --strategy ROLLING" \
  '{"EndpointName":"churn-prod","EndpointConfigName":"churn-config-v2","RetainAllVariantProperties":true,"ExcludeRetainedVariantProperties":[{"VariantPropertyType":"DesiredInstanceCount"}],"DeploymentConfig":{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":10},"WaitIntervalInSeconds":300,"MaximumExecutionTimeoutInSeconds":3600},"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"churn-prod-5xx"}]}}}' \
  '--endpoint-name churn-prod --endpoint-config-name churn-config-v2 --retain-all-variant-properties --exclude-retained-variant-properties DesiredInstanceCount --strategy rolling --batch-size 10% --wait 300 --timeout 3600 --alarm churn-prod-5xx' \
  /dev/null -- --cli-input-yaml "file://$D/request-linear.yaml" --strategy ROLLING --batch-size 10%

# 3. A rolling request as inline --cli-input-json text; --alarm replaces the alarm list and an
#    explicit --endpoint-config-name replaces the document's, as the AWS CLI does.
convert_case "--cli-input-json TEXT, --alarm and --endpoint-config-name override" \
  '{"EndpointName":"churn-prod","EndpointConfigName":"churn-config-v3","DeploymentConfig":{"RollingUpdatePolicy":{"MaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":50},"WaitIntervalInSeconds":300,"MaximumExecutionTimeoutInSeconds":7200,"RollbackMaximumBatchSize":{"Type":"CAPACITY_PERCENT","Value":100}},"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"churn-prod-errors"}]}}}' \
  '--endpoint-name churn-prod --endpoint-config-name churn-config-v3 --strategy rolling --batch-size 50% --wait 300 --timeout 7200 --rollback-batch-size 100% --alarm churn-prod-errors' \
  /dev/null -- --cli-input-json "$(cat "$D/request-rolling.json")" --alarm churn-prod-errors \
  --endpoint-config-name churn-config-v3

# 4. The request on standard input (--request -), unchanged: the round trip gives it back.
convert_case "--request - (stdin), no change" \
  "$(cat "$D/request-canary.json")" \
  '--endpoint-name churn-prod --endpoint-config-name churn-config-v2 --strategy canary --canary-size 25% --wait 600 --termination-wait 300 --timeout 3600 --alarm churn-prod-5xx --alarm churn-prod-latency-p99' \
  "$D/request-canary.json" -- --request -

# 5. The AWS CLI's own flags: --deployment-config file:// with the names; no final bake.
convert_case "--deployment-config file://, --termination-wait 0" \
  '{"EndpointName":"churn-prod","EndpointConfigName":"churn-config-v2","DeploymentConfig":{"BlueGreenUpdatePolicy":{"TrafficRoutingConfiguration":{"Type":"CANARY","WaitIntervalInSeconds":600,"CanarySize":{"Type":"INSTANCE_COUNT","Value":1}},"TerminationWaitInSeconds":0,"MaximumExecutionTimeoutInSeconds":3600},"AutoRollbackConfiguration":{"Alarms":[{"AlarmName":"churn-prod-5xx"}]}}}' \
  '--endpoint-name churn-prod --endpoint-config-name churn-config-v2 --strategy canary --canary-size 1 --wait 600 --termination-wait 0 --timeout 3600 --alarm churn-prod-5xx' \
  /dev/null -- --endpoint-name churn-prod --endpoint-config-name churn-config-v2 \
  --deployment-config "file://$D/deployment-config-canary.json" --termination-wait 0

# A rewrite that breaks a rule is refused like any emit: nothing written, the flag named.
"$bin" emit --request "$D/request-canary.json" --wait 3601 --out "$T/x.json" >/dev/null 2>"$T/err"
rc=$?
if [[ $rc == 2 && ! -e "$T/x.json" ]] && grep -q 'E_MAX DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds.*(from --wait)' "$T/err"; then
  echo "ok   a rewrite out of range is refused by flag"
else
  echo "FAIL out-of-range rewrite: exit $rc: $(cat "$T/err")"; fail=1
fi
# Switching to a strategy without its size names the missing flag.
"$bin" emit --request "$D/request-canary.json" --strategy linear >/dev/null 2>"$T/err"
if [[ $? == 2 ]] && grep -q 'E_EMIT_FLAG_REQUIRED --linear-step' "$T/err"; then
  echo "ok   --strategy linear without --linear-step is refused"
else
  echo "FAIL strategy switch without its size: $(cat "$T/err")"; fail=1
fi
exit $fail
