#!/usr/bin/python3
"""The shiftsim montecarlo benchmark model written as a straightforward SimPy simulation.

A peer for speed comparison (bench/peers/compare.sh), not a second implementation of the engine
contract: 100 instances, rolling update in batches of 10, per-instance provisioning time
lognormal(p50 240 s, p95 480 s) (each instance is its own SimPy process; the batch waits for all
of them), traffic activation 15 s, bake 300 s per batch in which a false alarm fires with
probability 0.002 at a uniform time, termination 60 s; a trip rolls back (re-launch the missing
old instances at once (R = 100%), shift back, terminate the new ones); MaximumExecutionTimeout
14400 s (a timeout also rolls back). Reports the same summary figures as `shiftsim montecarlo`.

usage: /usr/bin/python3 simpy_montecarlo.py [--trials N] [--seed S]
prints one JSON line: trials, seconds, trials_per_s, duration p50/p95/p99, p_rollback, p_timeout.
"""
import argparse
import json
import math
import random
import time

import simpy

N = 100
BATCH = 10
P50, P95 = 240.0, 480.0
MU = math.log(P50)
SIGMA = math.log(P95 / P50) / 1.6448536269514722
ACTIVATION = 15.0
WAIT = 300.0
TERMINATE = 60.0
FALSE_TRIP = 0.002
TIMEOUT = 14400.0


class Trial:
    def __init__(self, env, rng):
        self.env = env
        self.rng = rng
        self.old_running = N
        self.new_running = 0
        self.peak = N
        self.tripped = env.event()
        self.outcome = "SUCCEEDED"
        self.end = 0.0

    def instance(self):
        yield self.env.timeout(self.rng.lognormvariate(MU, SIGMA))

    def provision(self, k):
        self.new_running += k
        self.peak = max(self.peak, self.old_running + self.new_running)
        yield simpy.AllOf(self.env, [self.env.process(self.instance()) for _ in range(k)])

    def bake(self):
        if self.rng.random() < FALSE_TRIP:
            yield self.env.timeout(self.rng.random() * WAIT)
            return True
        yield self.env.timeout(WAIT)
        return False

    def update(self):
        try:
            yield from self.batches()
        except simpy.Interrupt:
            pass

    def batches(self):
        for b in range(N // BATCH):
            yield from self.provision(BATCH)
            yield self.env.timeout(ACTIVATION)
            tripped = yield from self.bake()
            if tripped:
                self.outcome = "ROLLED_BACK"
                return
            yield self.env.timeout(TERMINATE)
            self.old_running -= BATCH

    def rollback(self):
        missing = N - self.old_running
        if missing:
            self.old_running += missing
            self.peak = max(self.peak, self.old_running + self.new_running)
            yield simpy.AllOf(self.env, [self.env.process(self.instance()) for _ in range(missing)])
        yield self.env.timeout(ACTIVATION)
        yield self.env.timeout(TERMINATE)
        self.new_running = 0

    def run(self):
        update = self.env.process(self.update())
        deadline = self.env.timeout(TIMEOUT)
        result = yield update | deadline
        if update not in result:
            self.outcome = "TIMED_OUT"
            update.interrupt() if update.is_alive else None
        if self.outcome != "SUCCEEDED":
            yield from self.rollback()
        self.end = self.env.now


def one_trial(rng):
    env = simpy.Environment()
    t = Trial(env, rng)
    env.process(t.run())
    env.run()
    return t.end, t.outcome, t.peak


def quantile(sorted_xs, q):
    idx = max(0, min(len(sorted_xs) - 1, math.ceil(q * len(sorted_xs)) - 1))
    return sorted_xs[idx]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--trials", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    start = time.perf_counter()
    cpu0 = time.process_time()
    durations, outcomes = [], {"SUCCEEDED": 0, "ROLLED_BACK": 0, "TIMED_OUT": 0}
    for _ in range(args.trials):
        d, o, _peak = one_trial(rng)
        durations.append(d)
        outcomes[o] += 1
    secs = time.perf_counter() - start
    cpu = time.process_time() - cpu0
    durations.sort()
    print(json.dumps({
        "peer": "simpy", "trials": args.trials, "seconds": round(secs, 3), "cpu_seconds": round(cpu, 3),
        "trials_per_s": round(args.trials / secs, 1),
        "duration_s": {"p50": round(quantile(durations, 0.5)), "p95": round(quantile(durations, 0.95)),
                       "p99": round(quantile(durations, 0.99))},
        "p_rollback": outcomes["ROLLED_BACK"] / args.trials,
        "p_timeout": outcomes["TIMED_OUT"] / args.trials,
    }))


if __name__ == "__main__":
    main()
