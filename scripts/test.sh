#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test: the release build's unit, CLI,
# golden, end-to-end (real AWS CLI, Slurm), browser and notebook tests, the suite under ASan+UBSan
# (but for the tests that mostly run outside programs), and every libFuzzer target for a bounded
# time.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
jobs=$(nproc)
start=$(date +%s)
cmake --preset release
cmake --build --preset release -j "$jobs"
ctest --preset release -j "$jobs"
cmake --preset asan
cmake --build --preset asan -j "$jobs"
# Under the sanitizers: everything but the tests whose time goes to outside programs (the real
# AWS CLI, Slurm, a browser, Jupyter, the recipes' schedulers, cfn-lint and HashiCorp's parser);
# the shiftsim paths they drive are run here by the golden and CLI tests.
ctest --preset asan -j "$jobs" -E '^(e2e|browser|notebook)|^cli: (deploy_recipes|emit_consumers)$'
if [[ -f tests/fuzz/CMakeLists.txt ]]; then
  cmake --preset fuzz
  cmake --build --preset fuzz -j "$jobs"
  bash tests/fuzz/run_all.sh build/fuzz "${SHIFTSIM_FUZZ_SECONDS:-60}" "${SHIFTSIM_FUZZ_RUNS:-30000}"
fi
echo "test.sh: all suites passed in $(( $(date +%s) - start )) s"
