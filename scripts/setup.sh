#!/usr/bin/env bash
# Installs the Debian 12 packages shiftsim needs, only those missing. Run as root.
#   bash scripts/setup.sh          build + run dependencies
#   bash scripts/setup.sh --test   also what the full test suite needs (AWS CLI, Chromium, Jupyter, SimPy)
set -euo pipefail
build_pkgs=(g++ cmake ninja-build pkg-config libfmt-dev catch2 libeigen3-dev
            libboost-program-options-dev nlohmann-json3-dev libyaml-cpp-dev libbenchmark-dev
            libomp-dev)
test_pkgs=(clang libclang-rt-14-dev awscli python3 python3-simpy3 jupyter-nbconvert
           python3-nbconvert python3-ipykernel python3-pandas python3-matplotlib chromium)
want=("${build_pkgs[@]}")
[[ "${1:-}" == "--test" ]] && want+=("${test_pkgs[@]}")
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
