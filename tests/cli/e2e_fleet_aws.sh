#!/usr/bin/env bash
# The fleet with the real AWS CLI against a loopback stand-in of SageMaker and AWS Batch
# (tests/e2e/aws_fleet_server.py):
#  1. scripts/fleet_from_aws.sh lists every endpoint (across pages) and writes each one's
#     describe-endpoint and both describe-endpoint-configs as the CLI prints them: the documents
#     equal the generated fleet's, and planning the fetched fleet gives the generated fleet's
#     summary byte for byte;
#  2. deploy/aws-batch/submit.sh registers both job definitions (the AWS CLI validates them
#     against its Batch model; the bodies that arrive are the files) and submits an array job of
#     SHARDS children and a merge job that depends on it.
# usage: e2e_fleet_aws.sh SHIFTSIM_BINARY SOURCE_DIR
set -u
BIN=$(readlink -f "$1"); SRC=$(readlink -f "$2")
PY=/usr/bin/python3
fail() { echo "FAIL: $*"; exit 1; }
aws_bin=$(command -v aws || true)
[ -x /usr/bin/aws ] && aws_bin=/usr/bin/aws
[ -n "$aws_bin" ] || fail "the AWS CLI is not installed (scripts/setup.sh --test)"
T=$(mktemp -d)
server=
cleanup() { [ -n "$server" ] && { kill "$server" 2>/dev/null; wait "$server" 2>/dev/null; }; rm -rf "$T"; }
trap cleanup EXIT

# An isolated AWS CLI: the project's SageMaker model, dummy credentials, no user config.
mkdir -p "$T/models/sagemaker/2017-07-24" "$T/cap" "$T/bin"
cp "$SRC/engine/data/sagemaker-2017-07-24.service-2.json" "$T/models/sagemaker/2017-07-24/service-2.json"
unset AWS_PROFILE AWS_DEFAULT_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL AWS_CA_BUNDLE \
  AWS_CLI_AUTO_PROMPT AWS_REGION AWS_DEFAULT_OUTPUT HTTP_PROXY HTTPS_PROXY http_proxy https_proxy
export AWS_DATA_PATH=$T/models AWS_ACCESS_KEY_ID=x AWS_SECRET_ACCESS_KEY=x AWS_DEFAULT_REGION=us-east-1
export AWS_EC2_METADATA_DISABLED=true AWS_PAGER="" AWS_MAX_ATTEMPTS=1
export AWS_CONFIG_FILE=$T/no-config AWS_SHARED_CREDENTIALS_FILE=$T/no-credentials
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
ln -s "$aws_bin" "$T/bin/aws"
export PATH="$T/bin:$PATH"

"$PY" "$SRC/scripts/gen_fleet.py" "$T/fleet" --endpoints 7 --plain --trials 50 || fail "gen_fleet"
"$PY" "$SRC/tests/e2e/aws_fleet_server.py" "$T/fleet" "$T/cap" & server=$!
for _ in $(seq 1 100); do [ -s "$T/cap/port" ] && break; sleep 0.1; done
[ -s "$T/cap/port" ] || fail "the stand-in did not start"
url="http://127.0.0.1:$(cat "$T/cap/port")"

# 1. The fleet from the API.
for d in "$T/fleet"/*/; do n=$(basename "$d"); echo "$n $n-cfg-v2"; done > "$T/new-configs.txt"
bash "$SRC/scripts/fleet_from_aws.sh" "$T/fetched" --new-configs "$T/new-configs.txt" \
  --defaults "$T/fleet/fleet-defaults.json" --endpoint-url "$url" 2> "$T/fetch.log" \
  || fail "fleet_from_aws.sh exited $?: $(tail -3 "$T/fetch.log")"
lists=$(grep -l '"SageMaker.ListEndpoints"' "$T"/cap/*.json | wc -l)
[ "$lists" -ge 3 ] || fail "7 endpoints at 3 a page take 3 ListEndpoints calls, saw $lists"
"$PY" - "$T/fleet" "$T/fetched" <<'PYEOF' || fail "fetched documents differ from the fleet's"
import json, os, sys
src, got = sys.argv[1:]
names = sorted(n for n in os.listdir(src) if os.path.isdir(os.path.join(src, n)))
assert names == sorted(n for n in os.listdir(got) if os.path.isdir(os.path.join(got, n))), "names"
for n in names:
    for f in ("endpoint.json", "current-config.json", "new-config.json"):
        a = json.load(open(os.path.join(src, n, f)))
        b = json.load(open(os.path.join(got, n, f)))
        assert a == b, (n, f, [k for k in a if a.get(k) != b.get(k)])
PYEOF
"$BIN" plan --fleet "$T/fleet" --out "$T/a" --threads 1 2>/dev/null || fail "plan the generated fleet"
"$BIN" plan --fleet "$T/fetched" --out "$T/b" --threads 1 2>/dev/null || fail "plan the fetched fleet"
cmp -s "$T/a/summary.jsonl" "$T/b/summary.jsonl" || fail "the fetched fleet plans differently"
# A rerun (of one endpoint: --name-contains) refreshes in place, with nothing left over.
first=$(ls "$T/fleet" | grep -v defaults | head -1)
bash "$SRC/scripts/fleet_from_aws.sh" "$T/fetched" --new-configs "$T/new-configs.txt" \
  --name-contains "$first" --endpoint-url "$url" 2>/dev/null || fail "rerun"
cmp -s "$T/fleet/$first/endpoint.json" "$T/fetched/$first/endpoint.json" 2>/dev/null ||
  "$PY" -c 'import json,sys; a,b=(json.load(open(p)) for p in sys.argv[1:]); sys.exit(a!=b)' \
    "$T/fleet/$first/endpoint.json" "$T/fetched/$first/endpoint.json" || fail "rerun changed $first"
[ -z "$(ls -A "$T/fetched" | grep '^\.')" ] || fail "temp folders left behind"

# 2. AWS Batch: both definitions and the two jobs, as the AWS CLI sends them.
rm -f "$T"/cap/[0-9]*.json
bash "$SRC/deploy/aws-batch/submit.sh" fleet-queue /shared/fleets/prod /shared/runs/r1 4 \
  --endpoint-url "$url" > "$T/submit.out" 2>&1 || fail "submit.sh exited $?: $(cat "$T/submit.out")"
"$PY" - "$T/cap" "$SRC/deploy/aws-batch" "$T/submit.out" <<'PYEOF' || fail "the Batch requests"
import json, os, sys
cap, deploy, said = sys.argv[1:]
reqs = [json.load(open(os.path.join(cap, f)))
        for f in sorted((f for f in os.listdir(cap) if f[0].isdigit()), key=lambda f: int(f[:-5]))]
paths = [r["path"] for r in reqs]
assert paths == ["/v1/registerjobdefinition"] * 2 + ["/v1/submitjob"] * 2, paths
for r, f in zip(reqs, ("job-definition.json", "merge-job-definition.json")):
    assert r["body"] == json.load(open(os.path.join(deploy, f))), f
array, merge = reqs[2]["body"], reqs[3]["body"]
assert array["arrayProperties"] == {"size": 4}, array
assert array["parameters"] == {"fleet": "/shared/fleets/prod", "out": "/shared/runs/r1", "shards": "4"}
words = open(said).read().split()  # "array job ID (4 children), merge job ID"
assert merge["dependsOn"] == [{"jobId": words[2]}], (merge, words)
assert merge["parameters"] == {"out": "/shared/runs/r1", "shards": "4"}
PYEOF
grep -qE "^array job job-[0-9]+ \(4 children\), merge job job-[0-9]+$" "$T/submit.out" \
  || fail "submit.sh's summary: $(cat "$T/submit.out")"
echo "e2e_fleet_aws: ok"
