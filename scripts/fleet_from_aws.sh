#!/usr/bin/env bash
# Builds a fleet directory for `shiftsim plan --fleet` (docs/fleet.md) from the SageMaker API,
# with the AWS CLI: list-endpoints, then per endpoint describe-endpoint and describe-endpoint-config
# of its running config and of the config to deploy.
#
#   scripts/fleet_from_aws.sh OUT [--name-contains TEXT] [--new-configs FILE] [--defaults FILE]
#                             [AWS CLI options: --region R, --profile P, --endpoint-url URL, ...]
#
#   OUT                  the fleet directory (created; an endpoint's folder is replaced whole, so a
#                        rerun refreshes the fleet and an interrupted one leaves no half record)
#   --name-contains TEXT only endpoints whose name contains TEXT (list-endpoints --name-contains)
#   --new-configs FILE   lines "ENDPOINT NEW_CONFIG": the config each endpoint will be updated to;
#                        an endpoint not listed is planned to its running config (a re-plan of the
#                        same shape: new model image, same instances)
#   --defaults FILE      copied to OUT/fleet-defaults.json (limits, objective, timing, prices)
#
# Only InService endpoints are listed. Requests and scenario overrides are not fetched (AWS has
# none): add OUT/NAME/request.json or scenario.yaml by hand, or defaults for all.
# Exit: 0 done, 1 an AWS CLI call failed (its message on stderr), 2 bad usage.
set -euo pipefail
usage() { sed -n '2,21p' "$0" >&2; exit 2; }
[ $# -ge 1 ] || usage
out=$1; shift
contains="" new_configs="" defaults=""
aws_opts=()
while [ $# -gt 0 ]; do
  case $1 in
    --name-contains) contains=${2:?}; shift 2 ;;
    --new-configs) new_configs=${2:?}; shift 2 ;;
    --defaults) defaults=${2:?}; shift 2 ;;
    -h|--help) usage ;;
    *) aws_opts+=("$1"); shift ;;
  esac
done
[ -z "$new_configs" ] || [ -f "$new_configs" ] || { echo "no such file: $new_configs" >&2; exit 2; }
sm() { aws sagemaker "$@" ${aws_opts[@]+"${aws_opts[@]}"} --output json; }

mkdir -p "$out"
[ -z "$defaults" ] || cp "$defaults" "$out/fleet-defaults.json"
list=(list-endpoints --status-equals InService --query 'Endpoints[].EndpointName' --output text)
[ -z "$contains" ] || list+=(--name-contains "$contains")
# The AWS CLI follows NextToken itself: every page is listed.
names=$(aws sagemaker "${list[@]}" ${aws_opts[@]+"${aws_opts[@]}"})
count=0
for name in $names; do
  [ "$name" = None ] && continue
  tmp="$out/.$name.tmp.$$"
  rm -rf "$tmp"; mkdir "$tmp"
  sm describe-endpoint --endpoint-name "$name" > "$tmp/endpoint.json"
  current=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["EndpointConfigName"])' \
            "$tmp/endpoint.json")
  new=$current
  if [ -n "$new_configs" ]; then
    mapped=$(awk -v n="$name" '$1 == n { print $2; exit }' "$new_configs")
    [ -z "$mapped" ] || new=$mapped
  fi
  sm describe-endpoint-config --endpoint-config-name "$current" > "$tmp/current-config.json"
  sm describe-endpoint-config --endpoint-config-name "$new" > "$tmp/new-config.json"
  rm -rf "$out/$name"
  mv "$tmp" "$out/$name"
  count=$((count + 1))
  echo "fleet_from_aws: $name ($current -> $new)" >&2
done
echo "fleet_from_aws: $count endpoints in $out" >&2
