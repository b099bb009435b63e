#!/usr/bin/env bash
# The two inputs issue 12 names, through every command that reads them: the YAML billion laughs
# (tests/bad-input/billion-laughs.yaml) and the range that stepped past INT64_MAX; a
# describe-endpoint-config whose instance types are 60,000 characters long (the fuzz campaign's
# find: "did you mean" compared each with every type letter by letter); and a fleet's JSON Lines
# record nested a million deep (found writing fuzz_fleet). Each must exit 2 with its message,
# under hard bounds that the old behaviour (11-14 s to 4 GB and exit 134; 2.9-6.8 s to 2.6 GB
# and exit 1; 42 s; exit 139) cannot meet:
#   - a 512 MiB address-space limit (ulimit -v; lifted for ASan builds, which reserve terabytes),
#   - a 5 s timeout,
#   - a peak RSS of at most 50 MB (ASan builds: at most 50 MB over what `shiftsim --version` peaks
#     at in the same build, as ASan's shadow memory and allocator put a floor of ~200 MB there).
# Wall time and peak RSS are printed for the record (docs/input-limits.md), not asserted: a loaded
# 2-core CI machine must not make this test flaky, and the bounds above already fail the old code.
set -u
bin=$1; src=$2
asan=0
if ldd "$bin" 2>/dev/null | grep -q libasan; then asan=1; fi
/usr/bin/python3 - "$bin" "$src" "$asan" <<'PY'
import json, os, re, shutil, signal, subprocess, sys, tempfile, time

binary, src, asan = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
laughs = f"{src}/tests/bad-input/billion-laughs.yaml"
scenario = f"{src}/scenarios/cpu-40-linear.yaml"
bomb_msg = (r"E_NODE_BUDGET: line 8: the alias \*e \(66430 values, 177147 bytes of text\) "
            r"takes the document over budget")
big_range = "0:9223372023755685490:922337203757558279"
range_msg = r"8301034833818024511 is above 3600, the maximum of {} \(0\.\.3600\)"
# A 600 KB describe-endpoint-config whose 10 variants each name a 60,000-character instance type:
# its "did you mean" once compared each with all 277 types letter by letter (42 s, release).
work = tempfile.mkdtemp()  # removed at the end
long_enum = os.path.join(work, "long-instance-type.json")
with open(long_enum, "w") as f:
    json.dump({"EndpointConfigName": "c",
               "EndpointConfigArn": "arn:aws:sagemaker:us-east-1:1:endpoint-config/c",
               "CreationTime": "2026-01-01T00:00:00Z",
               "ProductionVariants": [{"VariantName": f"v{i}", "ModelName": "m",
                                       "InitialInstanceCount": 1, "InstanceType": "x" * 60000}
                                      for i in range(10)]}, f)
# A JSON Lines fleet whose record nests a million arrays (2 MB, within the 4 MiB record budget):
# its document was written back as text by a recursive writer (exit 139, stack overflow).
deep_fleet = os.path.join(work, "deep.jsonl")
with open(deep_fleet, "w") as f:
    f.write('{"name": "ep-a", "endpoint": ' + "[" * 1000000 + "]" * 1000000 + "}\n")
deep_out = work
deep_msg = r"E_DEPTH .*deep\.jsonl:1: nested too deep: a record nests at most 65 levels"
aws = f"{src}/tests/data/aws"
cases = [
    ("long enum value: validate --new-config",
     ["validate", "--cli-input-json", f"file://{aws}/request-canary.json", "--endpoint",
      f"{aws}/describe-endpoint.json", "--current-config",
      f"{aws}/describe-endpoint-config-current.json", "--new-config", long_enum],
     r"E_ENUM ProductionVariants\[0\]\.InstanceType: must be one of the \d+ "
     r"ProductionVariantInstanceType values \(got"),
    ("bomb: validate --cli-input-yaml", ["validate", "--cli-input-yaml", f"file://{laughs}"],
     bomb_msg),
    ("bomb: simulate --request", ["simulate", "--request", laughs], bomb_msg),
    ("bomb: simulate --scenario", ["simulate", "--scenario", laughs], bomb_msg),
    ("bomb: montecarlo --scenario", ["montecarlo", "--scenario", laughs, "--trials", "10"],
     bomb_msg),
    ("range: sweep --wait", ["sweep", "--scenario", scenario, "--wait", big_range],
     "E_RANGE --wait: .*" + range_msg.format("WaitIntervalInSeconds")),
    ("deep fleet record: simulate --fleet",
     ["simulate", "--fleet", deep_fleet, "--out", f"{deep_out}/s"], deep_msg),
    ("deep fleet record: plan --fleet",
     ["plan", "--fleet", deep_fleet, "--out", f"{deep_out}/p"], deep_msg),
    ("range: plan --termination-wait",
     ["plan", "--scenario", scenario, "--termination-wait", big_range],
     "E_RANGE --termination-wait: .*" + range_msg.format("TerminationWaitInSeconds")),
]

# The address-space limit is set by a shell that then execs the binary (no preexec_fn: Python
# then spawns without copying itself, so the child's peak RSS is the binary's own).
limit = [] if asan else ["/bin/sh", "-c", 'ulimit -v 524288 && exec "$0" "$@"']

def run(args):
    """(exit code or "timeout", stderr, wall ms, peak RSS KB). GNU time, when installed, reports
    the binary's own peak; otherwise os.wait4's figure is an upper bound, since it also counts
    the spawning Python's memory (Linux keeps the larger of the image before and after exec)."""
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as rss:
        gnu_time = []
        if os.path.exists("/usr/bin/time"):
            gnu_time = ["/usr/bin/time", "-f", "%M", "-o", rss.name]
        start = time.monotonic()
        p = subprocess.Popen(gnu_time + limit + [binary] + args, stdout=subprocess.DEVNULL,
                             stderr=err, start_new_session=True)
        while True:
            pid, status, usage = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - start > 5:
                os.killpg(p.pid, signal.SIGKILL)  # GNU time, the shell and the binary
                _, status, usage = os.wait4(p.pid, 0)
                status = None
                break
            time.sleep(0.001)
        ms = (time.monotonic() - start) * 1000
        p.returncode = 0  # reaped above
        err.seek(0)
        text = err.read().decode(errors="replace")
        code = "timeout (5 s)" if status is None else os.waitstatus_to_exitcode(status)
        peak = usage.ru_maxrss
        if gnu_time and status is not None:  # the last line; a first may say the exit status
            peak = int(rss.read().strip().splitlines()[-1])
        return code, text, ms, peak

# Under ASan, the floor is the binary's own peak doing nothing (its shadow memory and
# allocator); the budget is 50 MB above it, as in release builds above zero.
floor_kb = run(["--version"])[3] if asan else 0
rss_limit_kb = floor_kb + 50 * 1024
if asan:
    print(f"ASan build: --version peaks at {floor_kb / 1024:.1f} MB; limit {rss_limit_kb / 1024:.1f} MB")

failed = 0
for name, args, pattern in cases:
    code, err, ms, rss_kb = run(args)
    why = []
    if code != 2:
        why.append(f"exit {code}, expected 2")
    if not re.search(pattern, err):
        why.append(f"stderr does not match /{pattern}/")
    if rss_kb > rss_limit_kb:
        why.append(f"peak RSS {rss_kb} KB > {rss_limit_kb} KB")
    line = f"{name}: exit {code}, {ms:.0f} ms, peak RSS {rss_kb / 1024:.1f} MB"
    if why:
        failed += 1
        print("FAIL " + line + ": " + "; ".join(why))
        print("  stderr: " + err[:400])
    else:
        print("ok   " + line)
shutil.rmtree(work, ignore_errors=True)
print(f"{len(cases) - failed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
