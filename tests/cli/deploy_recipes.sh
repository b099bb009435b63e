#!/usr/bin/env bash
# The recipes in deploy/, checked by their consumers and run as their schedulers would run them:
#  1. each Kubernetes manifest deserialises into the official client's V1Job (Debian's
#     python3-kubernetes) and serialises back to the same document (a misspelled or unknown field
#     is dropped by the model, so it fails here); the shard Job is Indexed with completions =
#     parallelism = SHARDS;
#  2. the shard Job's container command, run once per JOB_COMPLETION_INDEX with the manifest's
#     env (paths pointed at a temp dir), then the merge Job's command: the unsharded bytes;
#  3. the same for the AWS Batch job definitions (Ref:: parameters substituted,
#     AWS_BATCH_JOB_ARRAY_INDEX per child);
#  4. the Slurm scripts parse (bash -n); tests/cli/e2e_slurm_fleet.sh runs them on Slurm.
set -u
BIN=$(readlink -f "$1"); SRC=$(readlink -f "$2")
PY=/usr/bin/python3
fail() { echo "FAIL: $*"; exit 1; }
T=${KEEP:-$(mktemp -d)}; [ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
D="$SRC/deploy"
mkdir -p "$T/bin"; ln -s "$BIN" "$T/bin/shiftsim"
export PATH="$T/bin:$PATH"

# 1. The manifests as V1Job.
"$PY" - "$D/kubernetes/fleet-indexed-job.yaml" "$D/kubernetes/fleet-merge-job.yaml" <<'PYEOF' \
  || fail "the Kubernetes manifests"
import json, sys, yaml
from kubernetes.client import ApiClient
api = ApiClient()
class Response:  # what ApiClient.deserialize reads
    def __init__(self, doc): self.data = json.dumps(doc)
for path in sys.argv[1:]:
    doc = yaml.safe_load(open(path))
    job = api.deserialize(Response(doc), "V1Job")
    back = api.sanitize_for_serialization(job)
    assert back == doc, f"{path}: the V1Job model does not hold the document: {back} != {doc}"
    env = {e.name: e.value for e in job.spec.template.spec.containers[0].env}
    if "indexed" in path:
        assert job.spec.completion_mode == "Indexed", path
        assert job.spec.completions == job.spec.parallelism == int(env["SHARDS"]), path
        args = " ".join(job.spec.template.spec.containers[0].args)
        assert "$JOB_COMPLETION_INDEX" in args and "--resume" in args, args
PYEOF

# The run the recipes must reproduce.
"$PY" "$SRC/scripts/gen_fleet.py" "$T/shared/fleets/prod" --endpoints 16 --bad 1 --trials 50 \
  || fail "gen_fleet"
shiftsim plan --fleet "$T/shared/fleets/prod" --out "$T/all" --threads 1 2>/dev/null || fail "unsharded"

# 2. Kubernetes: each index's container command, then the merge Job's.
"$PY" - "$D/kubernetes" "$T/shared" > "$T/k8s.sh" <<'PYEOF' || fail "reading the manifests"
import shlex, sys, yaml
kdir, shared = sys.argv[1:]
def script(path, index=None):
    c = yaml.safe_load(open(path))["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e["value"].replace("/shared", shared) for e in c["env"]}
    env["OUT"] = f"{shared}/runs/k8s"
    if index is not None:
        env["JOB_COMPLETION_INDEX"] = str(index)
    words = [f"{k}={shlex.quote(v)}" for k, v in env.items()]
    return "env " + " ".join(words) + " " + " ".join(shlex.quote(w) for w in c["command"] + c["args"])
job = yaml.safe_load(open(f"{kdir}/fleet-indexed-job.yaml"))
for i in range(job["spec"]["completions"]):
    print(script(f"{kdir}/fleet-indexed-job.yaml", i) + " 2>/dev/null || exit 1")
print(script(f"{kdir}/fleet-merge-job.yaml") + " > /dev/null || exit 1")
PYEOF
bash "$T/k8s.sh" || fail "the Kubernetes commands: $(cat "$T/k8s.sh")"
cmp -s "$T/shared/runs/k8s/fleet.jsonl" "$T/all/summary.jsonl" || fail "Kubernetes run != unsharded"

# 3. AWS Batch: Ref:: substituted, one child per index, then the merge job.
"$PY" - "$D/aws-batch" "$T/shared" > "$T/batch.sh" <<'PYEOF' || fail "reading the job definitions"
import json, shlex, sys
bdir, shared = sys.argv[1:]
def command(path, params, index=None):
    jd = json.load(open(path))
    p = {**jd["parameters"], **params}
    words = [p[w[5:]] if w.startswith("Ref::") else w for w in jd["containerProperties"]["command"]]
    env = f"AWS_BATCH_JOB_ARRAY_INDEX={index} " if index is not None else ""
    return "env " + env + " ".join(shlex.quote(w) for w in words)
params = {"fleet": f"{shared}/fleets/prod", "out": f"{shared}/runs/batch", "shards": "3"}
for i in range(3):
    print(command(f"{bdir}/job-definition.json", params, i) + " 2>/dev/null || exit 1")
print(command(f"{bdir}/merge-job-definition.json", params) + " > /dev/null || exit 1")
PYEOF
bash "$T/batch.sh" || fail "the AWS Batch commands: $(cat "$T/batch.sh")"
cmp -s "$T/shared/runs/batch/fleet.jsonl" "$T/all/summary.jsonl" || fail "Batch run != unsharded"

# 4. The Slurm scripts parse.
for f in "$D"/slurm/*.sbatch "$D"/aws-batch/submit.sh "$SRC"/scripts/fleet_from_aws.sh; do
  bash -n "$f" || fail "$f does not parse"
done
echo "deploy_recipes: ok"
