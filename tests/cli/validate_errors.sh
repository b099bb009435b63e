#!/usr/bin/env bash
# `shiftsim validate` on bad input: every problem listed with its field path, code and value;
# exit 2; JSON report consistent with the text; bad flags and files named.
set -u
bin=$1; src=$2
D=$src/tests/data/aws
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
check() { if eval "$2"; then echo "ok   $1"; else echo "FAIL $1"; sed 's/^/  /' "$T/out" "$T/err" | head -30; fail=1; fi; }

"$bin" validate --request "$D/request-invalid.json" >"$T/out" 2>"$T/err"; rc=$?
check "invalid request exits 2" '[[ $rc == 2 ]]'
for want in \
  'error E_PATTERN EndpointName: ' \
  'error E_TYPE RetainAllVariantProperties: ' \
  'error E_MAX DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds: must be <= 3600 \(got 4000\)' \
  'error E_MIN DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize.Value: must be >= 1 \(got 0\)' \
  'error E_TYPE DeploymentConfig.BlueGreenUpdatePolicy.TerminationWaitInSeconds: .*\(got 3.0\)' \
  'error E_MAX DeploymentConfig.BlueGreenUpdatePolicy.MaximumExecutionTimeoutInSeconds: must be <= 28800' \
  'error E_ENUM DeploymentConfig.RollingUpdatePolicy.MaximumBatchSize.Type: must be one of INSTANCE_COUNT, CAPACITY_PERCENT' \
  'error E_LIST_LENGTH DeploymentConfig.AutoRollbackConfiguration.Alarms: ' \
  'error E_UNKNOWN_MEMBER DeploymentConfig.Canary: ' \
  'error E_ONE_POLICY DeploymentConfig: ' \
  'error E_REQUIRED DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.CanarySize: ' \
  'error E_NOT_ALLOWED DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.LinearStepSize: '; do
  check "reports /$want/" "grep -Eq -- '$want' '$T/err'"
done
check "verdict counts every error" "grep -Eq '^invalid: 12 errors, 1 warning$' '$T/out'"

"$bin" validate --request "$D/request-invalid.json" --output json >"$T/out" 2>"$T/err"; rc=$?
check "json: exit 2" '[[ $rc == 2 ]]'
check "json: report agrees with itself" "/usr/bin/python3 - '$T/out' <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ds = r['diagnostics']
assert r['valid'] is False
assert r['errors'] == sum(d['severity'] == 'error' for d in ds) == 12, r['errors']
assert r['warnings'] == sum(d['severity'] == 'warning' for d in ds) == 1
for d in ds:
    assert d['code'] and d['rule'] and d['message'], d
    assert d['code'].startswith('E_' if d['severity'] == 'error' else 'W_'), d
wait = [d for d in ds if d['code'] == 'E_MAX' and d['path'].endswith('WaitIntervalInSeconds')]
assert wait and wait[0]['value'] == '4000' and wait[0]['rule'] == 'must be <= 3600', wait
PY"

"$bin" validate --request "$D/request-canary.json" --output json >"$T/out" 2>"$T/err"; rc=$?
check "json valid: exit 0, no diagnostics" "[[ $rc == 0 ]] && /usr/bin/python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r==dict(schema=\"shiftsim.validation/v1\",valid=True,errors=0,warnings=0,diagnostics=[]), r' '$T/out'"

# Warnings alone keep the request valid.
"$bin" validate --endpoint-name a --endpoint-config-name b >"$T/out" 2>"$T/err"; rc=$?
check "warnings only: exit 0" '[[ $rc == 0 ]]'
check "warnings only: named" "grep -q 'warning W_NO_TIMEOUT DeploymentConfig' '$T/err' && grep -q 'warning W_NO_ALARMS' '$T/err' && grep -Eq '^valid: 2 warnings$' '$T/out'"

# Syntax errors give line and column; duplicate keys are errors.
printf '{\n  "EndpointName": "a",\n  "EndpointConfigName": "b",,\n}\n' > "$T/syntax.json"
"$bin" validate --request "$T/syntax.json" >"$T/out" 2>"$T/err"; rc=$?
check "syntax: exit 2 with line 3" "[[ $rc == 2 ]] && grep -Eq 'E_JSON_SYNTAX.*line 3, column' '$T/err' && grep -q 'syntax.json' '$T/err'"
printf '{"EndpointName": "a", "EndpointConfigName": "b", "EndpointName": "c"}' > "$T/dup.json"
"$bin" validate --request "$T/dup.json" >"$T/out" 2>"$T/err"; rc=$?
check "duplicate key: exit 2" "[[ $rc == 2 ]] && grep -q 'E_DUPLICATE_KEY EndpointName' '$T/err'"
"$bin" validate --cli-input-yaml 'EndpointName: a
EndpointConfigName: b
DeploymentConfig: {BlueGreenUpdatePolicy: {TrafficRoutingConfiguration: {Type: ALL_AT_ONCE, WaitIntervalInSeconds: "60"}}}' >"$T/out" 2>"$T/err"; rc=$?
check "yaml: quoted number is a string" "[[ $rc == 2 ]] && grep -q 'E_TYPE DeploymentConfig.BlueGreenUpdatePolicy.TrafficRoutingConfiguration.WaitIntervalInSeconds' '$T/err'"

# Bad flags and files.
"$bin" validate --request "$D/request-canary.json" --bogus-flag >"$T/out" 2>"$T/err"; rc=$?
check "unknown flag: exit 2, named" "[[ $rc == 2 ]] && grep -q -- '--bogus-flag' '$T/err'"
"$bin" validate --endpoint-name >"$T/out" 2>"$T/err"; rc=$?
check "flag without value: exit 2" "[[ $rc == 2 ]] && grep -q -- '--endpoint-name' '$T/err'"
"$bin" validate >"$T/out" 2>"$T/err"; rc=$?
check "no request: exit 2" "[[ $rc == 2 ]] && grep -q 'no request' '$T/err'"
"$bin" validate --request "$T/missing.json" >"$T/out" 2>"$T/err"; rc=$?
check "missing file: exit 2, path named" "[[ $rc == 2 ]] && grep -q '$T/missing.json' '$T/err'"
"$bin" validate --request "$T" >"$T/out" 2>"$T/err"; rc=$?
check "directory: exit 2, path named" "[[ $rc == 2 ]] && grep -q 'is a directory' '$T/err'"
"$bin" validate --cli-input-json "file://$T/nope.json" >"$T/out" 2>"$T/err"; rc=$?
check "missing file://: exit 2, path named" "[[ $rc == 2 ]] && grep -q '$T/nope.json' '$T/err'"
"$bin" validate --request "$D/request-canary.json" --endpoint "$D/request-canary.json" >"$T/out" 2>"$T/err"; rc=$?
check "wrong document for --endpoint: exit 2, the flag that takes it named" "[[ $rc == 2 ]] && grep -q 'E_WRONG_DOCUMENT.*looks like an UpdateEndpoint request.*give it with --request' '$T/err'"
"$bin" validate --cli-input-json '{}' --cli-input-yaml '{}' >"$T/out" 2>"$T/err"; rc=$?
check "json and yaml input together: exit 2" '[[ $rc == 2 ]]'
"$bin" validate --request "$D/request-canary.json" --output xml >"$T/out" 2>"$T/err"; rc=$?
check "bad --output: exit 2" "[[ $rc == 2 ]] && grep -q -- '--output' '$T/err'"
"$bin" validate --help >"$T/out" 2>"$T/err"; rc=$?
check "--help documents the drop-in flags" "[[ $rc == 0 ]] && grep -q -- '--cli-input-yaml' '$T/out' && grep -q -- '--region' '$T/out'"
exit $fail
