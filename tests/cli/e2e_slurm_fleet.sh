#!/usr/bin/env bash
# A real engine: a single-node Slurm cluster (Debian's slurm-wlm and munge: munged, slurmctld and
# slurmd on localhost, configuration written here, everything in a temp dir, free ports) runs
# deploy/slurm/fleet-array.sbatch as a 4-task array over a generated 200-endpoint fleet.
#   1. The merge (deploy/slurm/fleet-merge.sbatch's command) equals the unsharded run byte for
#      byte, and so does every endpoint's result file.
#   2. One task is cancelled midway: merge refuses it (exit 2, E_SHARD_INCOMPLETE); the task
#      resubmitted alone (--array=2) resumes, skipping what it had finished; the merge is again
#      the unsharded bytes: nothing lost or doubled.
# Wall times are printed. Needs: scripts/setup.sh --test.
# Benchmark mode (docs/performance.md): FLEET_BENCH=1 FLEET_ENDPOINTS=2000 runs the array whole
# (no cancel) and prints the throughput of one process vs the array, each task's peak memory and
# the merge's time and peak memory.
set -u
BIN=$(readlink -f "$1"); SRC=$(readlink -f "$2")
PY=/usr/bin/python3
N=${FLEET_ENDPOINTS:-200}
for tool in munged slurmctld slurmd sbatch squeue scancel scontrol; do
  command -v "$tool" >/dev/null || { echo "FAIL: $tool missing (bash scripts/setup.sh --test)"; exit 1; }
done
T=$(mktemp -d /tmp/shiftsim-slurm.XXXXXX)
chmod 755 "$T"
started=$(date +%s.%N)
cleanup() {
  [ -f "$T/slurm.conf" ] && SLURM_CONF="$T/slurm.conf" scontrol shutdown >/dev/null 2>&1
  for f in "$T/slurmd.pid" "$T/slurmctld.pid" "$T/munge/munged.pid"; do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null || break
      sleep 0.5
    done
    [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
  done
  rm -rf "$T"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*"
  for f in "$T"/log/*.log "$T"/run/shiftsim-fleet-*.log; do
    [ -f "$f" ] && { echo "--- $f"; tail -5 "$f"; }
  done
  exit 1
}
now() { date +%s.%N; }
since() { "$PY" -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$(now)"; }

# --- The cluster.
mkdir -p "$T/munge" "$T/state" "$T/spool" "$T/log" "$T/run"
chmod 711 "$T/munge"
head -c 1024 /dev/urandom > "$T/munge/munge.key"; chmod 400 "$T/munge/munge.key"
munged -f --socket="$T/munge/munge.socket" --key-file="$T/munge/munge.key" \
  --pid-file="$T/munge/munged.pid" --log-file="$T/munge/munged.log" --seed-file="$T/munge/seed" \
  || fail "munged did not start"
read -r P1 P2 < <("$PY" -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*[x.getsockname()[1] for x in s])')
host=$(hostname -s)
cat > "$T/slurm.conf" <<CONF
ClusterName=shiftsimtest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$P1
SlurmdPort=$P2
SlurmUser=$(id -un)
SlurmdUser=$(id -un)
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$T/munge/munge.socket
StateSaveLocation=$T/state
SlurmdSpoolDir=$T/spool
SlurmctldPidFile=$T/slurmctld.pid
SlurmdPidFile=$T/slurmd.pid
SlurmctldLogFile=$T/log/slurmctld.log
SlurmdLogFile=$T/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
SlurmdTimeout=300
InactiveLimit=0
KillWait=5
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=fleet Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$T/slurm.conf"
slurmctld -i || fail "slurmctld did not start"
slurmd || fail "slurmd did not start"
for _ in $(seq 1 120); do
  sinfo -h -o '%T' 2>/dev/null | grep -qx idle && break
  sleep 0.5
done
sinfo -h -o '%T' | grep -qx idle || fail "the node did not come up: $(sinfo 2>&1)"
echo "cluster up in $(since "$started") s"

# --- The fleet and the unsharded run.
"$PY" "$SRC/scripts/gen_fleet.py" "$T/fleet" --endpoints "$N" --bad 2 --trials 100 \
  || fail "gen_fleet.py"
t0=$(now)
/usr/bin/time -f "maxrss_kb %M" -o "$T/all.maxrss" \
  "$BIN" plan --fleet "$T/fleet" --out "$T/all" --threads "$(nproc)" 2> "$T/all.log" \
  || fail "the unsharded run exited $?"
echo "unsharded peak memory: $(cat "$T/all.maxrss")"
echo "unsharded: $N endpoints in $(since "$t0") s (one process, --threads $(nproc))"

# --- Benchmark mode: the whole array, peak memory per task (GNU time), the merge.
if [ "${FLEET_BENCH:-0}" = 1 ]; then
  printf '#!/bin/sh\nexec /usr/bin/time -f "maxrss_kb %%M" -o "$OUT/maxrss-$SLURM_ARRAY_TASK_ID" %s "$@"\n' \
    "$BIN" > "$T/timed-shiftsim"
  chmod +x "$T/timed-shiftsim"
  export FLEET="$T/fleet" OUT="$T/run" SHARDS=4 SHIFTSIM="$T/timed-shiftsim"
  t0=$(now)
  jid=$(cd "$T/run" && sbatch --parsable --array=0-3 "$SRC/deploy/slurm/fleet-array.sbatch") || fail "sbatch"
  for _ in $(seq 1 72000); do [ -z "$(squeue -h -j "$jid" 2>/dev/null)" ] && break; sleep 0.2; done
  echo "array of 4 tasks: $N endpoints in $(since "$t0") s"
  for i in 0 1 2 3; do echo "task $i: $(cat "$T/run/maxrss-$i")"; done
  /usr/bin/time -f "merge: %e s, maxrss_kb %M" "$BIN" merge "$T"/run/shard-{0,1,2,3} \
    --out "$T/fleet.jsonl" > /dev/null || fail "merge"
  cmp -s "$T/fleet.jsonl" "$T/all/summary.jsonl" || fail "merged != unsharded run"
  echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi

# --- The array, with task 2 cancelled midway.
wait_job() {  # wait until the job has no task left in the queue
  for _ in $(seq 1 2400); do
    [ -z "$(squeue -h -j "$1" 2>/dev/null)" ] && return 0
    sleep 0.5
  done
  fail "job $1 still queued after 20 min"
}
export FLEET="$T/fleet" OUT="$T/run" SHARDS=4 SHIFTSIM="$BIN"
t0=$(now)
jid=$(cd "$T/run" && sbatch --parsable --array=0-3 "$SRC/deploy/slurm/fleet-array.sbatch") \
  || fail "sbatch"
killed=0
for _ in $(seq 1 2400); do
  if [ "$(ls "$T/run/shard-2/rows" 2>/dev/null | wc -l)" -ge 3 ]; then
    scancel "${jid}_2" && killed=1
    break
  fi
  [ -z "$(squeue -h -j "$jid" 2>/dev/null)" ] && break
  sleep 0.1
done
wait_job "$jid"
echo "array of 4 (task 2 cancelled midway): $(since "$t0") s"
[ $killed -eq 1 ] || fail "task 2 finished before it could be cancelled"
rows_before=$(ls "$T/run/shard-2/rows" | wc -l)
in_shard=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["endpoints"])' \
           "$T/run/shard-2/shard.json")
[ "$rows_before" -lt "$in_shard" ] || fail "task 2 was not stopped midway ($rows_before of $in_shard)"
merge() { "$BIN" merge "$T"/run/shard-{0,1,2,3} --out "$T/fleet.jsonl" --report "$T/fleet.html" "$@"; }
merge > /dev/null 2> "$T/merge1.err"
rc=$?
[ $rc -eq 2 ] || fail "merge with a cancelled task exited $rc, not 2"
grep -q "E_SHARD_INCOMPLETE.*shard-2" "$T/merge1.err" || fail "the cancelled shard is not named"

# --- Task 2 resubmitted alone: it resumes.
t0=$(now)
jid2=$(cd "$T/run" && sbatch --parsable --array=2 "$SRC/deploy/slurm/fleet-array.sbatch") \
  || fail "sbatch --array=2"
wait_job "$jid2"
echo "task 2 resubmitted: $(since "$t0") s"
log2="$T/run/shiftsim-fleet-${jid2}_2.log"
skipped=$(grep -c 'skipped (resumed)' "$log2")
ran=$(grep -cE ' (ok|error|infeasible) [0-9.]+ s' "$log2")
[ "$skipped" -eq "$rows_before" ] || fail "resume skipped $skipped, $rows_before were done"
[ $((skipped + ran)) -eq "$in_shard" ] || fail "resume: $skipped + $ran != $in_shard endpoints"
t0=$(now)
merge > "$T/table.txt" || fail "merge after the resume exited $?"
echo "merge of $N endpoints: $(since "$t0") s"
cmp -s "$T/fleet.jsonl" "$T/all/summary.jsonl" || fail "merged != unsharded run"
[ "$(wc -l < "$T/fleet.jsonl")" -eq "$N" ] || fail "$N rows expected"
for i in 0 1 2 3; do
  for f in "$T/run/shard-$i"/results/*.json; do
    cmp -s "$f" "$T/all/results/$(basename "$f")" || fail "$(basename "$f") differs"
  done
done
[ "$(cat "$T"/run/shard-*/results/*.json | grep -c '"schema"')" -ge "$N" ] || fail "results missing"
grep -q "$N endpoints" "$T/table.txt" || fail "the table's totals"
echo "e2e_slurm_fleet: ok in $(since "$started") s"
