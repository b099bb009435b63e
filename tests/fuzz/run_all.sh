#!/usr/bin/env bash
# Runs every libFuzzer target, one after the other, for a bounded number of inputs and time.
#   bash tests/fuzz/run_all.sh BUILD_DIR [SECONDS_PER_TARGET] [RUNS_PER_TARGET] [SEED]
# CI uses a fixed seed and run count (reproducible: a run that passed here passes there); for
# deeper fuzzing pass more runs, another seed, SECONDS=0 for no time bound, or RUNS=-1 for a time
# bound only. tests/fuzz/campaign.sh runs N inputs under several seeds and tabulates the counts.
# FUZZ_SUMMARY=FILE appends one tab-separated line per target: target, seed, runs asked, inputs
# run, seconds, result (ok / FAILED).
# Seeds: tests/fuzz/corpus/<target>/ (hand-made), tests/fuzz/regressions/<target>/ (inputs that
# once found a bug: always replayed), plus the project's scenarios and sample AWS documents.
# A target with a dictionary (tests/fuzz/dict/<target>.dict) gets it with -dict.
# Any crash, leak, timeout (> 5 s for one input) or out-of-memory (> 2 GiB RSS) fails the run;
# the input that found it is left in $ARTIFACTS (default build/fuzz-artifacts) and printed:
# add it to tests/fuzz/regressions/<target>/ with the fix.
set -euo pipefail
build=$1; secs=${2:-60}; runs=${3:-30000}; seed=${4:-1}
src=$(cd "$(dirname "$0")/../.." && pwd)
artifacts=${ARTIFACTS:-$src/build/fuzz-artifacts}
mkdir -p "$artifacts"
status=0
for bin in "$build"/tests/fuzz/fuzz_*; do
  [[ -x "$bin" && -f "$bin" ]] || continue
  name=$(basename "$bin")
  work=$(mktemp -d)
  seeds=()
  for d in "$src/tests/fuzz/corpus/$name" "$src/tests/fuzz/regressions/$name"; do
    [[ -d "$d" ]] && seeds+=("$d")
  done
  case "$name" in
    fuzz_scenario|fuzz_yaml_alias) seeds+=("$src/scenarios") ;;
    fuzz_request|fuzz_describe|fuzz_deployment_config)
      [[ -d "$src/tests/data/aws" ]] && seeds+=("$src/tests/data/aws") ;;
  esac
  dict=()
  [[ -f "$src/tests/fuzz/dict/$name.dict" ]] && dict=(-dict="$src/tests/fuzz/dict/$name.dict")
  echo "fuzz: $name, $runs runs, seed $seed, at most ${secs}s (seeds: ${seeds[*]:-none})"
  start=$(date +%s)
  result=ok
  if ! "$bin" -seed="$seed" -runs="$runs" -max_total_time="$secs" -timeout=5 -rss_limit_mb=2048 \
        -max_len=65536 "${dict[@]}" -print_final_stats=1 -artifact_prefix="$artifacts/$name-" \
        "$work" "${seeds[@]}" > "$work.log" 2>&1; then
    echo "fuzz: $name FAILED"; tail -40 "$work.log"; status=1; result=FAILED
  else
    grep -E '^(#[0-9]+\s+DONE|Done [0-9]+ runs)' "$work.log" | tail -1 || true
  fi
  done_runs=$(grep -Eo '^stat::number_of_executed_units: [0-9]+' "$work.log" | grep -Eo '[0-9]+$' || echo '?')
  if [[ -n "${FUZZ_SUMMARY:-}" ]]; then
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$seed" "$runs" "$done_runs" \
      "$(( $(date +%s) - start ))" "$result" >> "$FUZZ_SUMMARY"
  fi
  rm -rf "$work" "$work.log"
done
exit $status
