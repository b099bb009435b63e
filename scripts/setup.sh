#!/usr/bin/env bash
# Installs the Debian 12 packages shiftsim needs, only those missing. Run as root.
#   bash scripts/setup.sh          build + run dependencies
#   bash scripts/setup.sh --test   also what the full test suite needs (AWS CLI, Chromium, Jupyter,
#                                  SimPy, jsonschema for SARIF, Node.js with tests/node's npm
#                                  packages: HashiCorp's HCL parser and the AWS provider schema;
#                                  zsh, man-db and dpkg-dev for the completion, manual page and
#                                  .deb tests; PyYAML for the --output yaml checks; Slurm and munge for
#                                  the fleet array-job test, the Kubernetes client for the manifests)
set -euo pipefail
build_pkgs=(g++ cmake ninja-build pkg-config libfmt-dev catch2 libeigen3-dev
            libboost-program-options-dev nlohmann-json3-dev libyaml-cpp-dev libbenchmark-dev
            libomp-dev)
test_pkgs=(clang libclang-rt-14-dev awscli python3 python3-simpy3 jupyter-nbconvert
           python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib chromium
           python3-jsonschema python3-yaml zsh man-db dpkg-dev
           slurm-wlm munge python3-kubernetes)
want=("${build_pkgs[@]}")
[[ "${1:-}" == "--test" ]] && want+=("${test_pkgs[@]}")
# Node.js: the image may carry its own build (nodesource); Debian's otherwise.
[[ "${1:-}" == "--test" ]] && ! command -v npm >/dev/null && want+=(nodejs npm)
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2
  apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
else
  echo "setup: all Debian packages present" >&2
fi

# tests/node: @cdktf/hcl2json and @cdktf/provider-aws at the versions of its package-lock.json
# (about 50 MB downloaded, 413 MB unpacked, ~10 s). cfn-lint comes with the machine image; the
# consumer test fails loudly where it is missing.
if [[ "${1:-}" == "--test" ]]; then
  here=$(cd "$(dirname "$0")/.." && pwd)
  if [[ ! -d "$here/tests/node/node_modules/@cdktf/provider-aws" ]]; then
    echo "setup: npm ci in tests/node" >&2
    npm ci --prefix "$here/tests/node" --no-audit --no-fund >&2
  fi
fi
