#!/usr/bin/env bash
# Installs what is missing, then builds and runs every test: the release build's unit, CLI,
# golden, end-to-end (real AWS CLI), browser and notebook tests, the same suite under
# ASan+UBSan, and every libFuzzer target for a bounded time.
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
ctest --preset asan -j "$jobs" -E '^(e2e|browser|notebook)'
if [[ -f tests/fuzz/CMakeLists.txt ]]; then
  cmake --preset fuzz
  cmake --build --preset fuzz -j "$jobs"
  bash tests/fuzz/run_all.sh build/fuzz "${SHIFTSIM_FUZZ_SECONDS:-60}" "${SHIFTSIM_FUZZ_RUNS:-30000}"
fi
echo "test.sh: all suites passed in $(( $(date +%s) - start )) s"
