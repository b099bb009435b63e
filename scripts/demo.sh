#!/usr/bin/env bash
# Installs what is missing, builds shiftsim (release) and runs its main job on a bundled scenario.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release --target shiftsim >/dev/null
./build/release/shiftsim simulate --scenario scenarios/gpu-llm-canary.yaml
