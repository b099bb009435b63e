#!/usr/bin/env bash
# emit: every strategy x size type x format against reviewed golden files in tests/golden/emit/.
# usage: emit_golden.sh SHIFTSIM_BINARY SOURCE_DIR
set -u
bin=$1
src=$2
golden=$src/tests/golden/emit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0

# case name | flags (besides the endpoint names)
cases=(
  "all-at-once|--strategy all-at-once --wait 300 --termination-wait 120 --timeout 1800 --alarm my-endpoint-5xx"
  "canary-count|--strategy canary --canary-size 2 --wait 600 --timeout 3600 --alarm my-endpoint-5xx --alarm my-endpoint-latency"
  "canary-percent|--strategy canary --canary-size 10% --wait 600 --termination-wait 300 --timeout 3600 --alarm my-endpoint-5xx"
  "linear-count|--strategy linear --linear-step 1 --wait 300 --timeout 7200 --alarm my-endpoint-5xx"
  "linear-percent|--strategy linear --linear-step 20% --wait 300 --timeout 7200 --alarm my-endpoint-5xx --retain-all-variant-properties --exclude-retained-variant-properties DesiredWeight"
  "rolling-count|--strategy rolling --batch-size 2 --rollback-batch-size 4 --wait 600 --timeout 14400 --alarm my-endpoint-5xx"
  "rolling-percent|--strategy rolling --batch-size 25% --rollback-batch-size 50% --wait 600 --timeout 20000 --alarm my-endpoint-5xx --no-retain-deployment-config"
  "retain-config|--retain-deployment-config"
)
# format | golden file extension
formats=("cli-input-json|json" "cli-input-yaml|yaml" "aws-cli|sh" "cloudformation|cfn.yaml" "cloudformation-json|cfn.json" "terraform|tf")

n=0
for c in "${cases[@]}"; do
  name=${c%%|*}
  flags=${c#*|}
  for f in "${formats[@]}"; do
    format=${f%%|*}
    ext=${f#*|}
    expected=$golden/$name.$ext
    [[ -f $expected ]] || continue   # not every case has every format
    n=$((n + 1))
    # shellcheck disable=SC2086  # flags are words
    # (a timeout the Terraform provider refuses is written only with --allow-provider-reject)
    extra=""; [[ $format == terraform ]] && extra=--allow-provider-reject
    "$bin" emit --endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2 $flags \
      --format "$format" $extra >"$work/out" 2>"$work/err"
    rc=$?
    if [[ $rc -ne 0 ]]; then
      echo "FAIL $name $format: exit $rc"; cat "$work/err"; fail=1; continue
    fi
    if ! diff -u "$expected" "$work/out"; then
      echo "FAIL $name $format: output differs from $expected"; fail=1
    fi
    # The Terraform cap warning: exactly when the timeout exceeds 14400 s.
    if [[ $format == terraform ]]; then
      if [[ $flags == *"--timeout 20000"* ]]; then
        grep -q W_TERRAFORM_TIMEOUT_CAP "$work/err" || { echo "FAIL $name: no W_TERRAFORM_TIMEOUT_CAP"; fail=1; }
        # Without --allow-provider-reject: exit 2, nothing written.
        n=$((n + 1))
        "$bin" emit --endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2 $flags \
          --format terraform >"$work/out2" 2>"$work/err2"
        rc2=$?
        if [[ $rc2 -ne 2 || -s $work/out2 ]] || ! grep -q E_TERRAFORM_TIMEOUT_CAP "$work/err2"; then
          echo "FAIL $name: a 20000 s timeout for Terraform must exit 2 (got $rc2)"; fail=1
        fi
      else
        ! grep -q W_TERRAFORM_TIMEOUT_CAP "$work/err" || { echo "FAIL $name: unexpected W_TERRAFORM_TIMEOUT_CAP"; fail=1; }
      fi
    fi
  done
done

# Every strategy x size type x (json, yaml, sh, cfn.yaml, tf) must be covered.
for name in all-at-once canary-count canary-percent linear-count linear-percent rolling-count rolling-percent; do
  for ext in json yaml sh cfn.yaml tf; do
    [[ -f $golden/$name.$ext ]] || { echo "FAIL missing golden $name.$ext"; fail=1; }
  done
done

# --out writes the same bytes as stdout.
"$bin" emit --endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2 --strategy linear \
  --linear-step 1 --wait 300 --timeout 7200 --alarm my-endpoint-5xx --out "$work/req.json" 2>/dev/null \
  && cmp -s "$work/req.json" "$golden/linear-count.json" \
  || { echo "FAIL --out does not write the golden document"; fail=1; }

echo "emit golden: $n comparisons"
exit $fail
