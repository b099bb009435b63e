#!/usr/bin/env bash
# The real consumers of emit's complete resources: every emitted CloudFormation template (YAML
# and JSON) passes cfn-lint, and every emitted Terraform block (complete resource and fragment) is
# parsed by HashiCorp's HCL parser and matches the AWS provider's aws_sagemaker_endpoint schema
# (tests/node/check_terraform.js). Missing tools fail loudly: `bash scripts/setup.sh --test`
# installs them.
set -uo pipefail
bin=$1; src=$2
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
command -v cfn-lint >/dev/null || { echo "FAIL: cfn-lint is not installed (it comes with the machine image; pip install cfn-lint)"; exit 1; }
[[ -d $src/tests/node/node_modules/@cdktf/hcl2json ]] || { echo "FAIL: tests/node has no node_modules: run bash scripts/setup.sh --test (npm ci --prefix tests/node)"; exit 1; }
cases=(
  "AllAtOnce|--strategy all-at-once --wait 300 --termination-wait 120 --timeout 1800 --alarm my-endpoint-5xx"
  "CanaryCount|--strategy canary --canary-size 2 --wait 600 --timeout 3600 --alarm my-endpoint-5xx --alarm my-endpoint-latency"
  "CanaryPercent|--strategy canary --canary-size 10% --wait 600 --termination-wait 300 --timeout 3600 --alarm my-endpoint-5xx"
  "LinearPercent|--strategy linear --linear-step 20% --wait 300 --timeout 7200 --alarm my-endpoint-5xx --retain-all-variant-properties --exclude-retained-variant-properties DesiredWeight"
  "RollingCount|--strategy rolling --batch-size 2 --rollback-batch-size 4 --wait 600 --timeout 14400 --alarm my-endpoint-5xx"
  "RollingPercent|--strategy rolling --batch-size 25% --rollback-batch-size 50% --wait 600 --timeout 20000 --alarm my-endpoint-5xx --no-retain-deployment-config"
  "RetainConfig|--retain-deployment-config"
  "NoPolicy|"
)
fail=0; n=0
for c in "${cases[@]}"; do
  name=${c%%|*}; flags=${c#*|}
  tf=$(echo "$name" | tr 'A-Z' 'a-z')
  # shellcheck disable=SC2086
  "$bin" emit --endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2 $flags --format cloudformation --resource-name "$name" > "$T/$name.yaml" 2>/dev/null || { echo "FAIL $name: emit cloudformation"; fail=1; }
  "$bin" emit --endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2 $flags --format cloudformation-json --resource-name "$name" > "$T/$name.json" 2>/dev/null || { echo "FAIL $name: emit cloudformation-json"; fail=1; }
  "$bin" emit --endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2 $flags --format terraform --resource-name "$tf" --allow-provider-reject > "$T/$tf.tf" 2>/dev/null || { echo "FAIL $name: emit terraform"; fail=1; }
  "$bin" emit --endpoint-name my-endpoint --endpoint-config-name my-endpoint-v2 $flags --format terraform --allow-provider-reject > "$T/$tf.fragment.tf" 2>/dev/null || { echo "FAIL $name: emit terraform fragment"; fail=1; }
  n=$((n + 4))
done
# plan writes the same complete resources for its pick.
"$bin" plan --scenario "$src/scenarios/gpu-llm-canary.yaml" --trials 2000 --format terraform --resource-name planned --request-out "$T/plan.tf" > /dev/null || { echo "FAIL plan terraform"; fail=1; }
"$bin" plan --scenario "$src/scenarios/gpu-llm-canary.yaml" --trials 2000 --format cloudformation --resource-name Planned --request-out "$T/plan.yaml" > /dev/null || { echo "FAIL plan cloudformation"; fail=1; }
n=$((n + 2))
# Each template is a whole template with the endpoint and its names.
for f in "$T"/*.yaml; do
  grep -q '^Resources:' "$f" && grep -q 'Type: AWS::SageMaker::Endpoint' "$f" && grep -Eq 'EndpointName: (my-endpoint|llm-chat-prod)$' "$f" \
    || { echo "FAIL $f: not a complete template"; fail=1; }
done
if ! cfn-lint "$T"/*.yaml "$T"/*.json; then echo "FAIL: cfn-lint rejected an emitted template"; fail=1; fi
# cfn-lint must catch a broken one (the consumer is really consulted).
sed 's/Type: CANARY$/Type: CANARYY/' "$T/CanaryPercent.yaml" > "$T/broken.yaml.bad"
if cfn-lint --format parseable "$T/broken.yaml.bad" >/dev/null 2>&1; then echo "FAIL: cfn-lint accepted a broken template"; fail=1; fi
if ! node "$src/tests/node/check_terraform.js" "$T"/*.tf; then echo "FAIL: an emitted Terraform block does not parse or match the provider schema"; fail=1; fi
sed 's/wait_interval_in_seconds = 600/wait_interval_in_seconds = "600"/' "$T/canarypercent.tf" > "$T/broken.tf.bad"
if node "$src/tests/node/check_terraform.js" "$T/broken.tf.bad" >/dev/null; then echo "FAIL: the schema check accepted a string for a number"; fail=1; fi
echo "$((fail == 0 ? n : 0)) passed, $fail failed"
[[ $fail == 0 ]]
