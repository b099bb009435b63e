#!/usr/bin/env bash
# A fuzzing campaign: every target for RUNS inputs under each SEED, one target at a time, with no
# time bound; prints a Markdown table of the inputs each run executed (for docs/input-limits.md).
#   bash tests/fuzz/campaign.sh BUILD_DIR RUNS SEED [SEED...]
#   e.g. bash tests/fuzz/campaign.sh build/fuzz 1000000 1 777
# Findings are left in build/fuzz-artifacts/ (see run_all.sh); the campaign goes on to the next
# target and fails at the end.
set -uo pipefail
build=$1; runs=$2; shift 2
src=$(cd "$(dirname "$0")/../.." && pwd)
summary=$(mktemp)
status=0
for seed in "$@"; do
  FUZZ_SUMMARY=$summary bash "$src/tests/fuzz/run_all.sh" "$build" 0 "$runs" "$seed" || status=1
done
echo
echo "| target | seed | inputs run | seconds | result |"
echo "|---|---|---|---|---|"
while IFS=$'\t' read -r name seed _ done_runs secs result; do
  echo "| $name | $seed | $done_runs | $secs | $result |"
done < "$summary"
rm -f "$summary"
exit $status
