#!/usr/bin/env bash
# Runs the same Monte Carlo in shiftsim (C++, OpenMP) and as a straightforward SimPy model and
# prints trials per second of each and their ratio (docs/performance.md).
#
#   bash bench/peers/compare.sh [SHIFTSIM_BINARY] [SHIFTSIM_TRIALS] [SIMPY_TRIALS] [THREADS]
#   defaults: build-h6rel/shiftsim (or build/release/shiftsim), 1000000, 3000, 2
#
# The model: 100 instances, rolling batches of 10%, per-instance lognormal provisioning
# (p50 240 s, p95 480 s; a batch waits for its slowest instance), A 15 s, W 300 s, D 60 s,
# 0.2% false alarms per bake, timeout 14400 s (bench/peers/rolling-100.json).
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${1:-}"
if [ -z "$BIN" ]; then
  for b in "$ROOT/build-h6rel/shiftsim" "$ROOT/build/release/shiftsim"; do
    [ -x "$b" ] && BIN="$b" && break
  done
fi
[ -x "$BIN" ] || { echo "no shiftsim binary (give it as the first argument)"; exit 2; }
N_CPP="${2:-1000000}"
N_PY="${3:-3000}"
THREADS="${4:-2}"
PY=/usr/bin/python3

t0=$(date +%s.%N)
"$BIN" montecarlo --scenario "$HERE/rolling-100.json" --trials "$N_CPP" --threads "$THREADS" \
    --seed 1 --output json > /tmp/shiftsim-compare-$$.json
t1=$(date +%s.%N)
py_json=$("$PY" "$HERE/simpy_montecarlo.py" --trials "$N_PY" --seed 1)
rm -f /tmp/shiftsim-compare-$$.json
"$PY" - "$t0" "$t1" "$N_CPP" "$THREADS" "$py_json" <<'PYEOF'
import json, sys
t0, t1, n, threads, py = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], json.loads(sys.argv[5])
cpp_rate = n / (t1 - t0)
print(f"shiftsim montecarlo: {n} trials in {t1 - t0:.3f} s wall (whole process, {threads} threads) = {cpp_rate:,.0f} trials/s")
print(f"SimPy peer:          {py['trials']} trials in {py['seconds']:.3f} s = {py['trials_per_s']:,.0f} trials/s"
      f" (cpu {py.get('cpu_seconds', float('nan')):.3f} s)")
print(f"ratio: {cpp_rate / py['trials_per_s']:,.0f}x")
PYEOF
