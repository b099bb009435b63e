#!/usr/bin/env bash
# The bad-input corpus: every case in tests/bad-input/cases.tsv runs through the real CLI and
# must exit with its expected code, print a message matching its expected pattern on stderr,
# finish within its time bound (30 s), stay within a memory bound (4 GiB of address space; ASan
# builds reserve more, so the bound is lifted there), and leave no output or temp file behind.
#
# cases.tsv columns (tab-separated): name, expected exit code, stderr regex (grep -E),
#   command arguments (shell words; $D = tests/bad-input, $T = a fresh temp dir, $OUT = a path
#   in $T that must not exist afterwards unless the exit code is 0).
set -u
bin=$1; src=$2
D=$src/tests/bad-input
T=$(mktemp -d); trap 'chmod -R u+rwx "$T"; rm -rf "$T"' EXIT
fail=0; n=0
# Fixtures generated here rather than stored (large, binary or permission-dependent).
printf '\xff\xfe{"EndpointName": "\xc3\x28"}' > "$T/invalid-utf8.json"
: > "$T/empty.json"
printf 'EndpointName: "\xc3\x28"\nEndpointConfigName: c\n' > "$T/invalid-utf8.yaml"
/usr/bin/python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
open(f"{t}/big-plan.json", "w").write(json.dumps({"format_version": "1.2", "resource_changes": [],
  "pad": "x" * (17 * 1024 * 1024)}))
open(f"{t}/deep.json", "w").write("[" * 100000 + "]" * 100000)
open(f"{t}/deep-request.json", "w").write('{"EndpointName": ' + "[" * 100000 + "]" * 100000 + "}")
open(f"{t}/deep.yaml", "w").write("a: " + "[" * 20000 + "]" * 20000 + "\n")
variants = [{"VariantName": f"v{i}", "CurrentWeight": 1.0, "DesiredWeight": 1.0,
             "CurrentInstanceCount": 1, "DesiredInstanceCount": 1} for i in range(5000)]
open(f"{t}/many-variants.json", "w").write(json.dumps({
  "EndpointName": "e", "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/e",
  "EndpointConfigName": "c", "ProductionVariants": variants, "EndpointStatus": "InService",
  "CreationTime": "2024-01-01T00:00:00+00:00", "LastModifiedTime": "2024-01-01T00:00:00+00:00"}))
open(f"{t}/unknown-fn.json", "w").write(json.dumps({"Resources": {"E": {
  "Type": "AWS::SageMaker::Endpoint",
  "Properties": {"EndpointName": {"Fn::Concat": ["a", "b"]}, "EndpointConfigName": "c"}}}}))
open(f"{t}/sub-missing.yaml", "w").write("Resources:\n  E:\n    Type: AWS::SageMaker::Endpoint\n"
  "    Properties:\n      EndpointName: !Sub 'ep-${Region2}'\n      EndpointConfigName: c\n")
open(f"{t}/state.json", "w").write(json.dumps({"format_version": "1.0", "values": {"root_module": {}}}))
open(f"{t}/plan-v2.json", "w").write(json.dumps({"format_version": "2.0", "resource_changes": []}))
bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
for i in range(1, 10):
    bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 9) + "]\n"
open(f"{t}/bomb.yaml", "w").write("Resources: {}\n" + bomb)
open(f"{t}/deep.json", "w").write('{"format_version": "1.2", "resource_changes": ' + "[" * 100000 + "]" * 100000 + "}")
big = '{"EndpointName": "' + "a" * (64 * 1024 * 1024) + '"}'
open(f"{t}/huge.json", "w").write(big)
# The input budget (input_limits.hpp): each one just past its limit.
open(f"{t}/deep-alias.yaml", "w").write(
  "question: anchors\ndescription: &tall " + "[" * 62 + "]" * 62 + "\nrequest: {a: [*tall]}\n")
open(f"{t}/big.yaml", "w").write("question: big\n" + "#" * 1048662 + "\n")
open(f"{t}/values.yaml", "w").write("[" + ",".join(["1"] * 100000) + "]\n")
open(f"{t}/wide.json", "w").write(json.dumps({f"k{i}": 0 for i in range(10001)}))
open(f"{t}/long-string.json", "w").write(json.dumps({"question": "q" * 65537}))
open(f"{t}/wide.shorthand", "w").write(
  "BlueGreenUpdatePolicy={TrafficRoutingConfiguration={" +
  ",".join(f"K{i}=1" for i in range(10001)) + "}}")
PY
mkdir "$T/a-directory"
echo '{}' > "$T/unreadable.json"; chmod 000 "$T/unreadable.json"
mkdir "$T/readonly"; chmod 555 "$T/readonly"
vlimit=4194304
if ldd "$bin" 2>/dev/null | grep -q libasan; then vlimit=unlimited; fi
while IFS=$'\t' read -r name code pattern args; do
  [[ -z "$name" || "$name" == \#* ]] && continue
  n=$((n + 1))
  OUT=$T/out-$n
  eval "set -- $args"
  start=$(date +%s%N)
  ( ulimit -v $vlimit; timeout 30 "$bin" "$@" ) </dev/null >"$T/stdout" 2>"$T/stderr"
  got=$?
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  why=""
  [[ "$got" == "$code" ]] || why="exit $got, expected $code"
  if [[ -z "$why" ]] && ! grep -Ezq -- "$pattern" "$T/stderr"; then why="stderr does not match /$pattern/"; fi
  if [[ -z "$why" && "$code" != 0 && -e "$OUT" ]]; then why="left an output file behind"; fi
  if [[ -z "$why" ]] && find "$T" -name '*.tmp*' | grep -q .; then why="left a temp file behind"; fi
  if [[ -n "$why" ]]; then
    fail=$((fail + 1))
    echo "FAIL $name: $why (${ms} ms)"; echo "  args: $args"; sed 's/^/  stderr: /' "$T/stderr" | head -5
  else
    echo "ok   $name (${ms} ms)"
  fi
done < "$D/cases.tsv"
echo "$((n - fail)) passed, $fail failed"
[[ $fail == 0 && $n -gt 0 ]]
