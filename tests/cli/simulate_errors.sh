#!/usr/bin/env bash
# `shiftsim simulate` on bad input: every problem listed with its field path, exit 2; an output
# file that cannot be written: exit 3 and nothing (not even a temp file) left behind.
#   bash tests/cli/simulate_errors.sh <shiftsim-binary> <source-dir>
set -u
bin=$(realpath "$1")
src=$(realpath "$2")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0
canary="$src/scenarios/gpu-llm-canary.yaml"

check() {  # name expected-exit stderr-regex... -- args...
  local name=$1 want=$2; shift 2
  local pats=()
  while [ "$1" != "--" ]; do pats+=("$1"); shift; done
  shift
  "$bin" simulate "$@" >"$T/stdout" 2>"$T/stderr"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL $name: exit $got, expected $want"; sed 's/^/  stderr: /' "$T/stderr" | head -8
    fail=1; return
  fi
  for p in "${pats[@]}"; do
    if ! grep -Eq -- "$p" "$T/stderr"; then
      echo "FAIL $name: stderr lacks /$p/"; sed 's/^/  stderr: /' "$T/stderr" | head -8
      fail=1; return
    fi
  done
  echo "ok   $name"
}

# A scenario with several problems, including in its embedded request: all are reported.
cat >"$T/bad.yaml" <<'YAML'
question: "bad on purpose"
timing: {provision_s: -1, terminate_s: 60, activation_s: 99999999}
prices: {ml.g5.xlarge: "cheap"}
trip: {bake: 0}
colour: blue
request:
  EndpointName: my-endpoint
  EndpointConfigName: cfg-2
  DeploymentConfig:
    BlueGreenUpdatePolicy:
      TrafficRoutingConfiguration: {Type: CANARY, WaitIntervalInSeconds: 5000}
YAML
check "every scenario problem at once, with paths" 2 \
  'E_RANGE timing\.provision_s' 'E_RANGE timing\.activation_s' 'E_TYPE prices\["ml\.g5\.xlarge"\]' \
  'E_RANGE trip\.bake' 'E_UNKNOWN_MEMBER colour' \
  'E_MAX request\.DeploymentConfig\.BlueGreenUpdatePolicy\.TrafficRoutingConfiguration\.WaitIntervalInSeconds' \
  'E_REQUIRED request\.DeploymentConfig\.BlueGreenUpdatePolicy\.TrafficRoutingConfiguration\.CanarySize' \
  -- --scenario "$T/bad.yaml"
[ -s "$T/stdout" ] && { echo "FAIL bad scenario printed a result"; fail=1; }

check "flag problems are listed with the scenario's" 2 'E_RANGE --trip-at-s' 'E_ASSUMPTION' 'E_RANGE timing\.provision_s' \
  -- --scenario "$T/bad.yaml" --trip-at-s=-5 --assume rounding=sideways

printf '{"timing": {"provision_s": 300,}}\n' >"$T/bad.json"
check "JSON syntax error with line and column" 2 'E_JSON_SYNTAX.*line 1, column 32.*bad\.json' -- --scenario "$T/bad.json"

printf 'timing: {provision_s: 300\nprices: [\n' >"$T/broken.yaml"
check "YAML syntax error" 2 'E_YAML_SYNTAX' -- --scenario "$T/broken.yaml"

check "missing scenario file" 2 'E_FILE' -- --scenario "$T/no-such.yaml"
check "no request anywhere" 2 'E_REQUIRED request' -- --scenario <(printf 'timing: {provision_s: 1}\n')
check "unknown flag" 2 'E_UNKNOWN_FLAG --frobnicate: simulate: unknown flag' -- --scenario "$canary" --frobnicate
check "bad --output" 2 'E_ENUM --output: .*table, json, yaml, yaml-stream, text or csv' -- --scenario "$canary" --output xml
check "both trip flags" 2 'at most one' -- --scenario "$canary" --trip-at-bake 1 --trip-at-s 10

# Unwritable output: exit 3, no file and no temp file left.
check "--out into a missing directory" 3 'cannot write' -- --scenario "$canary" --out "$T/no/such/dir/out.txt"
mkdir "$T/outdir"
check "--out onto a directory" 3 'cannot write' -- --scenario "$canary" --output json --out "$T/outdir"
if [ -n "$(ls -A "$T/outdir")" ] || ls "$T" | grep -q 'tmp'; then
  echo "FAIL a temp file was left behind"; ls -la "$T" "$T/outdir"; fail=1
fi
# With --output json the only thing on stdout is the error document (exit 3), never a result.
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema"]=="shiftsim.error/v1" and d["exit_code"]==3 and d["diagnostics"][0]["code"]=="E_OUTPUT", d' "$T/stdout" ||
  { echo "FAIL an unwritable --out printed something other than the error document"; fail=1; }

# A writable --out holds exactly what stdout would have shown.
"$bin" simulate --scenario "$canary" --output csv >"$T/stdout.csv" || fail=1
"$bin" simulate --scenario "$canary" --output csv --out "$T/out.csv" >"$T/empty" || fail=1
if ! cmp -s "$T/stdout.csv" "$T/out.csv" || [ -s "$T/empty" ]; then
  echo "FAIL --out differs from stdout (or printed too)"; fail=1
else
  echo "ok   --out writes the output, atomically"
fi

[ $fail -eq 0 ] && echo "all simulate error cases pass"
exit $fail
