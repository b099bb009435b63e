#!/usr/bin/env bash
# shiftsim over a fleet as an AWS Batch array job, then the merge as a job that depends on it.
#
#   deploy/aws-batch/submit.sh QUEUE FLEET OUT SHARDS [aws options: --region, --profile, ...]
#
# FLEET and OUT are paths on the EFS file system the job definitions mount at /shared (edit
# fileSystemId and the image in job-definition.json and merge-job-definition.json first).
# Child i of the array (AWS_BATCH_JOB_ARRAY_INDEX) runs shard i of SHARDS into OUT/shard-i with
# --resume: a retried attempt (retryStrategy) skips what it finished. The merge job waits for
# every child (--depends-on the array job) and writes OUT/fleet.jsonl and OUT/fleet.html; it
# fails, listing them, when shards are missing, unfinished or foreign. Prints both job ids.
set -euo pipefail
[ $# -ge 4 ] || { sed -n '2,12p' "$0"; exit 2; }
queue=$1 fleet=$2 out=$3 shards=$4
shift 4
here=$(cd "$(dirname "$0")" && pwd)
aws batch register-job-definition --cli-input-json "file://$here/job-definition.json" "$@" >/dev/null
aws batch register-job-definition --cli-input-json "file://$here/merge-job-definition.json" "$@" >/dev/null
array=$(aws batch submit-job --job-name shiftsim-fleet --job-queue "$queue" \
  --job-definition shiftsim-fleet --array-properties "size=$shards" \
  --parameters "fleet=$fleet,out=$out,shards=$shards" \
  --query jobId --output text "$@")
merge=$(aws batch submit-job --job-name shiftsim-fleet-merge --job-queue "$queue" \
  --job-definition shiftsim-fleet-merge --depends-on "jobId=$array" \
  --parameters "out=$out,shards=$shards" \
  --query jobId --output text "$@")
echo "array job $array ($shards children), merge job $merge"
