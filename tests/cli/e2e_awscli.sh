#!/usr/bin/env bash
# End-to-end with the real AWS CLI (issue 2, "How we will know"):
#  1. every request `shiftsim emit` writes -- all strategies, both size types, with and without
#     rollback batch, alarms, retention flags, odd names -- is accepted by
#     `aws sagemaker update-endpoint --cli-input-json file://...` (and --cli-input-yaml, and the
#     emitted `aws-cli` line run by bash), and the body that reaches a loopback capture server is
#     the emitted request: same keys in the same order, same values, integers still integers;
#  2. every request in tests/e2e/aws_rejects.jsonl is rejected by the AWS CLI client-side
#     (checked here: "Parameter validation failed", nothing sent) and by `shiftsim validate`;
#  3. `shiftsim emit --generate-cli-skeleton input|yaml-input` prints what the AWS CLI prints;
#  4. the requests `shiftsim plan` picks (JSON and YAML) are accepted and arrive unchanged, as 1.
# The CLI gets the project's model copy through AWS_DATA_PATH (Debian's awscli 2.9.19 bundles a
# model without RollingUpdatePolicy), dummy credentials and --endpoint-url to the loopback server.
# usage: e2e_awscli.sh SHIFTSIM_BINARY SOURCE_DIR       (SHIFTSIM_AWS_CLI=path overrides `aws`)
set -u
bin=$1
src=$2
py=/usr/bin/python3
e2e=$src/tests/e2e
t0=$SECONDS
fail=0
die() { echo "FAIL: $*"; exit 1; }
bad() { echo "FAIL: $*"; fail=1; }

# --- The AWS CLI: required (CI installs Debian's awscli through scripts/setup.sh --test).
aws_bin=${SHIFTSIM_AWS_CLI:-}
if [[ -z $aws_bin ]]; then
  if [[ -x /usr/bin/aws ]]; then aws_bin=/usr/bin/aws; else aws_bin=$(command -v aws || true); fi
fi
[[ -n $aws_bin && -x $aws_bin ]] ||
  die "the AWS CLI (aws) is not installed; 'scripts/setup.sh --test' installs Debian's awscli"
[[ -x $py ]] || die "$py is missing (the capture server runs with it)"

work=$(mktemp -d)
server=
cleanup() {
  if [[ -n $server ]]; then
    kill "$server" 2>/dev/null
    wait "$server" 2>/dev/null
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP

# --- An isolated AWS CLI environment: model copy, dummy credentials, no user config, no proxy.
mkdir -p "$work/models/sagemaker/2017-07-24" "$work/cap" "$work/req" "$work/neg" "$work/bin"
cp "$src/engine/data/sagemaker-2017-07-24.service-2.json" "$work/models/sagemaker/2017-07-24/service-2.json"
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_SECURITY_TOKEN AWS_ENDPOINT_URL \
  AWS_ENDPOINT_URL_SAGEMAKER AWS_CA_BUNDLE AWS_CLI_AUTO_PROMPT AWS_REGION AWS_DEFAULT_OUTPUT \
  AWS_CLI_FILE_ENCODING HTTP_PROXY HTTPS_PROXY http_proxy https_proxy ALL_PROXY all_proxy
export AWS_DATA_PATH=$work/models
export AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER="" AWS_MAX_ATTEMPTS=1 AWS_RETRY_MODE=standard
export AWS_CONFIG_FILE=$work/no-config AWS_SHARED_CREDENTIALS_FILE=$work/no-credentials
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost

version=$(timeout 60 "$aws_bin" --version 2>&1) || die "'$aws_bin --version' failed: $version"
[[ $version == aws-cli/2.* ]] || die "need the AWS CLI v2; $aws_bin is: $version"
echo "AWS CLI: $aws_bin ($version)"

# Run many commands in one Python process when the CLI is the Python package (as Debian's is);
# otherwise one process per command.
interp=$(head -n1 "$aws_bin" | sed -n 's/^#![[:space:]]*//p')
# shellcheck disable=SC2086  # the interpreter line may hold words (/usr/bin/env python3)
if [[ -n $interp ]] && timeout 60 $interp -c 'import awscli.clidriver' 2>/dev/null; then
  batch=(timeout 600 $interp "$e2e/aws_batch.py" in-process)
  echo "batch mode: in-process ($interp)"
else
  batch=(timeout 900 "$py" "$e2e/aws_batch.py" exec "$aws_bin")
  echo "batch mode: one process per command"
fi

# --- The capture server.
timeout 900 "$py" "$e2e/capture_server.py" "$work/cap" &
server=$!
for _ in $(seq 100); do
  [[ -s $work/cap/port ]] && break
  sleep 0.1
done
[[ -s $work/cap/port ]] || die "the capture server did not start"
url=http://127.0.0.1:$(cat "$work/cap/port")

words_json() { "$py" -c 'import json, sys; print(json.dumps(sys.argv[1:]))' "$@"; }

# --- The requests shiftsim emits. Each entry: emit flags, shell-quoted (read back with eval).
tricky_alarms=(--alarm "it's \$HOME \`id\` \"q\" \\ ;|&" --alarm 123 --alarm true --alarm "caf$(printf '\xc3\xa9') x"
               --alarm "a: b # c" --alarm "  spaced  " --alarm "-dash" --alarm "{\"json\": [1]}")
long=e$(printf 'x%.0s' $(seq 62))   # 63 characters, the model's maximum
ten_alarms=$(for k in $(seq 10); do printf -- '--alarm a%d ' "$k"; done)
cases=(
  "--strategy all-at-once --wait 0"
  "--strategy all-at-once --wait 300 --termination-wait 120 --timeout 1800 --alarm ep-5xx"
  "--strategy canary --canary-size 1 --wait 600"
  "--strategy canary --canary-size 10% --wait 600 --termination-wait 0 --timeout 3600 --alarm ep-5xx --alarm ep-latency"
  "--strategy canary --canary-size 50% --wait 3600 --timeout 28800 --retain-all-variant-properties --exclude-retained-variant-properties DesiredInstanceCount,DesiredWeight"
  "--strategy canary --canary-size 2 --wait 600 $(printf '%q ' "${tricky_alarms[@]}")"
  "--strategy linear --linear-step 1 --wait 60"
  "--strategy linear --linear-step 20% --wait 300 --timeout 7200 --alarm ep-5xx --no-retain-all-variant-properties"
  "--strategy linear --linear-step 3 --wait 120 --termination-wait 600 --timeout 3600 --no-retain-deployment-config"
  "--endpoint-name $long --endpoint-config-name $long --strategy linear --linear-step 10% --wait 3600 --termination-wait 3600 --timeout 28800"
  "--strategy rolling --batch-size 1 --wait 0"
  "--strategy rolling --batch-size 25% --rollback-batch-size 50% --wait 600 --timeout 14400 --alarm ep-5xx"
  "--strategy rolling --batch-size 2 --rollback-batch-size 4 --wait 300 $ten_alarms"
  "--strategy rolling --batch-size 5% --rollback-batch-size 1 --wait 600 --timeout 20000 --retain-all-variant-properties --exclude-retained-variant-properties VariantPropertyType=DesiredInstanceCount"
  "--endpoint-name A --endpoint-config-name b-1--2 --strategy rolling --batch-size 50% --wait 3600 --timeout 600"
  "--retain-deployment-config"
  "--alarm ep-5xx"
)

# A fake `aws` for reading the argv bash builds from an emitted aws-cli line.
cat >"$work/fake_aws.sh" <<'EOF'
aws() { "$PY" -c 'import json, os, sys; print(json.dumps(sys.argv[1:] + ["--endpoint-url", os.environ["URL"]]))' "$@"; }
EOF

: >"$work/cmds"
: >"$work/manifest"
n_cases=${#cases[@]}
for i in "${!cases[@]}"; do
  eval "flags=(${cases[$i]})"
  names=(--endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2)
  [[ ${cases[$i]} == *--endpoint-name* ]] && names=()
  for f in "cli-input-json json" "cli-input-yaml yaml" "aws-cli sh"; do
    read -r format ext <<<"$f"
    if ! "$bin" emit "${names[@]}" "${flags[@]}" --format "$format" --out "$work/req/$i.$ext" 2>"$work/req/$i.$ext.err"; then
      bad "case $i: shiftsim emit --format $format failed: $(cat "$work/req/$i.$ext.err")"
      continue 2
    fi
  done
  "$bin" validate --cli-input-json "file://$work/req/$i.json" >/dev/null 2>&1 ||
    bad "case $i: shiftsim validate rejects what shiftsim emit wrote"
  words_json sagemaker update-endpoint --cli-input-json "file://$work/req/$i.json" --endpoint-url "$url" >>"$work/cmds"
  printf 'case %d (cli-input-json): %s\t%s\n' "$i" "${cases[$i]:0:60}" "$work/req/$i.json" >>"$work/manifest"
  words_json sagemaker update-endpoint --cli-input-yaml "file://$work/req/$i.yaml" --endpoint-url "$url" >>"$work/cmds"
  printf 'case %d (cli-input-yaml)\t%s\n' "$i" "$work/req/$i.json" >>"$work/manifest"
  # The aws-cli line exactly as bash splits it (one line, nothing else in the file).
  [[ $(wc -l <"$work/req/$i.sh") -eq 1 ]] || bad "case $i: the aws-cli output is not one line"
  PY=$py URL=$url bash -c 'source "$1"; source "$2"' _ "$work/fake_aws.sh" "$work/req/$i.sh" >>"$work/cmds" ||
    bad "case $i: bash could not run the aws-cli line"
  printf 'case %d (aws-cli line)\t%s\n' "$i" "$work/req/$i.json" >>"$work/manifest"
done

# --- The requests `shiftsim plan` picks, in JSON and YAML (issue 4: the planner's request passes
#     the real AWS CLI): one per objective, and one without a timeout (set from a Monte Carlo).
"$py" - "$src/tests/planning/rolling-100.json" "$work/req/plan-no-timeout-scenario.json" <<'EOF'
import json, sys
j = json.load(open(sys.argv[1]))
del j["request"]["DeploymentConfig"]["RollingUpdatePolicy"]["MaximumExecutionTimeoutInSeconds"]
json.dump(j, open(sys.argv[2], "w"))
EOF
n_plans=0
for p in "cost $src/tests/planning/rolling-100.json" "duration $src/tests/planning/rolling-100.json" \
         "exposure $src/tests/planning/rolling-100.json" "cost $work/req/plan-no-timeout-scenario.json"; do
  read -r obj scen <<<"$p"
  n_plans=$((n_plans + 1))
  req=$work/req/plan-$n_plans
  for f in "cli-input-json json" "cli-input-yaml yaml"; do
    read -r format ext <<<"$f"
    "$bin" plan --scenario "$scen" --threads 2 --minimize "$obj" --max-peak 130 --wait 0:600:300 \
        --termination-wait 0:600:300 --trials 20000 --format "$format" --request-out "$req.$ext" \
        >/dev/null 2>"$req.err" || { bad "plan $obj ($scen): exit $?: $(cat "$req.err")"; continue 2; }
  done
  words_json sagemaker update-endpoint --cli-input-json "file://$req.json" --endpoint-url "$url" >>"$work/cmds"
  printf 'plan %d --minimize %s (cli-input-json)\t%s\n' "$n_plans" "$obj" "$req.json" >>"$work/manifest"
  words_json sagemaker update-endpoint --cli-input-yaml "file://$req.yaml" --endpoint-url "$url" >>"$work/cmds"
  printf 'plan %d --minimize %s (cli-input-yaml)\t%s\n' "$n_plans" "$obj" "$req.json" >>"$work/manifest"
done
n_positive=$(wc -l <"$work/cmds")

echo "($((SECONDS - t0)) s) running $n_positive AWS CLI commands (batch) for $n_cases emitted requests..."
"${batch[@]}" "$work/cmds" "$work/results" || die "the AWS CLI batch runner failed"
k=0
while IFS=$'\t' read -r rc err; do
  k=$((k + 1))
  label=$(sed -n "${k}p" "$work/manifest" | cut -f1)
  if [[ $rc != 0 ]]; then
    bad "$label: the AWS CLI refused it (exit $rc): $err"
  elif ! grep -q '"EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/x"' "$work/results.$k.stdout"; then
    bad "$label: the AWS CLI did not print the server's EndpointArn"
  fi
done <"$work/results"
[[ $k -eq $n_positive ]] || bad "the batch ran $k of $n_positive commands"

# --- A few commands as separate `aws` processes, exactly as a user runs them.
direct() {  # label expected-json command...
  local label=$1 expected=$2
  shift 2
  local out
  if out=$(timeout 60 "$@" 2>&1); then
    [[ $out == *arn:aws:sagemaker:us-east-1:123456789012:endpoint/x* ]] || bad "$label: no EndpointArn in: $out"
  else
    bad "$label: failed: $out"
  fi
  printf '%s\t%s\n' "$label" "$expected" >>"$work/manifest"
}
printf '#!/bin/sh\nexec "$AWS_REAL" "$@" --endpoint-url "$URL"\n' >"$work/bin/aws"
chmod +x "$work/bin/aws"
for i in 5 12; do  # the tricky alarm names; ten alarms + rolling
  direct "case $i (aws process, cli-input-json)" "$work/req/$i.json" \
    "$aws_bin" sagemaker update-endpoint --cli-input-json "file://$work/req/$i.json" --endpoint-url "$url"
  direct "case $i (aws-cli line run by bash)" "$work/req/$i.json" \
    env PATH="$work/bin:$PATH" AWS_REAL="$aws_bin" URL="$url" bash "$work/req/$i.sh"
done
direct "case 13 (aws process, cli-input-yaml)" "$work/req/13.json" \
  "$aws_bin" sagemaker update-endpoint --cli-input-yaml "file://$work/req/13.yaml" --endpoint-url "$url"

# --- Requests the AWS CLI rejects client-side; nothing may reach the server.
"$py" - "$e2e/aws_rejects.jsonl" "$work/neg" "$url" >"$work/negcmds" <<'EOF'
import json, sys
src, out, url = sys.argv[1:]
for n, line in enumerate(l for l in open(src) if l.strip()):
    case = json.loads(line)
    path = "%s/%d.json" % (out, n)
    with open(path, "w") as f:
        json.dump(case["request"], f)
    with open(path + ".label", "w") as f:
        f.write(case["label"])
    print(json.dumps(["sagemaker", "update-endpoint", "--cli-input-json", "file://" + path, "--endpoint-url", url]))
EOF
n_negative=$(wc -l <"$work/negcmds")
words_json sagemaker update-endpoint --generate-cli-skeleton input >>"$work/negcmds"
words_json sagemaker update-endpoint --generate-cli-skeleton yaml-input >>"$work/negcmds"
echo "($((SECONDS - t0)) s) running $n_negative requests the AWS CLI must reject, and its two skeletons..."
"${batch[@]}" "$work/negcmds" "$work/negresults" || die "the AWS CLI batch runner failed"
k=0
while IFS=$'\t' read -r rc err; do
  if [[ $k -lt $n_negative ]]; then
    label=$(cat "$work/neg/$k.json.label")
    if [[ $rc == 0 ]]; then
      bad "rejects: '$label': the AWS CLI accepted it: it does not belong in aws_rejects.jsonl"
    elif [[ $err != *"Parameter validation failed"* ]]; then
      bad "rejects: '$label': the AWS CLI failed (exit $rc) but not by its parameter validation: $err"
    fi
    "$bin" validate --cli-input-json "file://$work/neg/$k.json" >"$work/neg/$k.out" 2>&1
    vrc=$?
    [[ $vrc -eq 2 ]] || bad "rejects: '$label': shiftsim validate exit $vrc, expected 2: $(cat "$work/neg/$k.out")"
  fi
  k=$((k + 1))
done <"$work/negresults"
[[ $k -eq $((n_negative + 2)) ]] || bad "the batch ran $k of $((n_negative + 2)) commands"
"$bin" emit --generate-cli-skeleton input >"$work/skel.json" || bad "shiftsim emit --generate-cli-skeleton input failed"
"$bin" emit --generate-cli-skeleton yaml-input >"$work/skel.yaml" || bad "shiftsim emit --generate-cli-skeleton yaml-input failed"
cmp -s "$work/skel.json" "$work/negresults.$((n_negative + 1)).stdout" ||
  { bad "--generate-cli-skeleton input differs from the AWS CLI's:"; diff "$work/negresults.$((n_negative + 1)).stdout" "$work/skel.json"; }
cmp -s "$work/skel.yaml" "$work/negresults.$((n_negative + 2)).stdout" ||
  { bad "--generate-cli-skeleton yaml-input differs from the AWS CLI's:"; diff "$work/negresults.$((n_negative + 2)).stdout" "$work/skel.yaml"; }

# --- What reached the server (also: nothing after the accepted requests).
"$py" "$e2e/check_captures.py" "$work/manifest" "$work/cap" || fail=1

echo "e2e awscli: $n_cases emitted requests x 3 forms + $n_plans planned requests x 2 forms + 5 direct runs, $n_negative rejects, 2 skeletons; $((SECONDS - t0)) s"
exit $fail
