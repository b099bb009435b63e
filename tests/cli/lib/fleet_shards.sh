# Sourced (by lib/fleet_setup.sh) for the fleet CLI tests (fleet_plan.sh, fleet_simulate.sh): the
# sharding and resume checks they share. Needs $BIN, $T, fail() and run() (the command over the
# fleet, taking --out and more).
#
# kill_after_rows OUT POLL_S CMD...: CMD (shiftsim and its arguments, its run written to OUT) in
# the background, stderr discarded, SIGKILLed once OUT/rows holds 3 rows (or after 600 polls
# POLL_S seconds apart); sets done_before to the rows it left.
kill_after_rows() {
  local out=$1 poll=$2 pid; shift 2
  "$@" 2> /dev/null &
  pid=$!  # shiftsim itself, not a subshell
  for _ in $(seq 1 600); do
    [ "$(ls "$out/rows" 2>/dev/null | wc -l)" -ge 3 ] && break
    sleep "$poll"
  done
  kill -KILL "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
  done_before=$(ls "$out/rows" | wc -l)
}
#
# check_shards_merge [MERGE FLAGS...]: the fleet run as 3 shards by --shard I/3 ($T/s0..s2) and
# by Slurm's array index ($T/slurm0..2); each set merged (merge --out) must be $T/all/summary.jsonl
# (the unsharded run) byte for byte, and every shard's result file the unsharded run's. The first
# merge gets MERGE FLAGS and writes its report to $T/table.txt.
check_shards_merge() {
  local i f
  for i in 0 1 2; do run --out "$T/s$i" --shard "$i/3" 2>/dev/null || fail "shard $i/3"; done
  for i in 0 1 2; do
    SLURM_ARRAY_TASK_ID=$i SLURM_ARRAY_TASK_MIN=0 SLURM_ARRAY_TASK_MAX=2 SLURM_ARRAY_TASK_COUNT=3 \
      run --out "$T/slurm$i" 2>/dev/null || fail "slurm-indexed task $i"
  done
  "$BIN" merge "$T/s0" "$T/s1" "$T/s2" --out "$T/merged.jsonl" "$@" > "$T/table.txt" \
    || fail "merge exited $?"
  cmp -s "$T/merged.jsonl" "$T/all/summary.jsonl" || fail "3 shards merged != the unsharded run"
  "$BIN" merge "$T/slurm2" "$T/slurm0" "$T/slurm1" --out "$T/merged-slurm.jsonl" > /dev/null \
    || fail "merge of the slurm-indexed shards"
  cmp -s "$T/merged-slurm.jsonl" "$T/all/summary.jsonl" || fail "array-indexed shards differ"
  for i in 0 1 2; do
    for f in "$T/s$i"/results/*.json; do
      cmp -s "$f" "$T/all/results/$(basename "$f")" || fail "result $(basename "$f") differs"
    done
  done
}
