#!/usr/bin/env python3
"""Generate a synthetic fleet for tests and benchmarks (docs/fleet.md).

    python3 scripts/gen_fleet.py OUT --endpoints 200 [--seed 7] [--jsonl] [--bad 3]
                                 [--trials 200] [--plain]

OUT becomes a fleet directory (OUT/<EndpointName>/endpoint.json, current-config.json,
new-config.json, some with request.json / scenario.json, and OUT/fleet-defaults.json), or with
--jsonl a file OUT (one record a line) and OUT's defaults beside it (OUT.defaults.json).
Endpoints differ in size (1..40 instances), instance type, alarms and timing; the same seed gives
the same bytes. --bad K gives K endpoints a broken document (their runs become error records).
"""
import argparse
import json
import os
import random

TYPES = [("ml.m5.xlarge", 240), ("ml.c5.2xlarge", 240), ("ml.g5.xlarge", 420),
         ("ml.g5.2xlarge", 480), ("ml.m5.large", 180)]


def endpoint_docs(name, rng):
    itype, provision = rng.choice(TYPES)
    n = rng.choice([1, 2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40])
    new_type = itype if rng.random() < 0.8 else rng.choice(TYPES)[0]
    old_cfg, new_cfg = f"{name}-cfg-v1", f"{name}-cfg-v2"
    endpoint = {
        "EndpointName": name,
        "EndpointArn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint/{name}",
        "EndpointConfigName": old_cfg,
        "ProductionVariants": [{"VariantName": "AllTraffic", "CurrentWeight": 1.0,
                                "DesiredWeight": 1.0, "CurrentInstanceCount": n,
                                "DesiredInstanceCount": n}],
        "EndpointStatus": "InService",
        "CreationTime": "2024-01-02T10:00:00+00:00",
        "LastModifiedTime": "2024-06-01T10:00:00+00:00",
    }

    def config(cfg, model, t):
        return {"EndpointConfigName": cfg,
                "EndpointConfigArn": f"arn:aws:sagemaker:us-east-1:123456789012:endpoint-config/{cfg}",
                "ProductionVariants": [{"VariantName": "AllTraffic", "ModelName": model,
                                        "InitialInstanceCount": n, "InstanceType": t,
                                        "InitialVariantWeight": 1.0}],
                "CreationTime": "2024-06-01T10:00:00+00:00"}

    rec = {"name": name, "endpoint": endpoint,
           "current_config": config(old_cfg, f"{name}-model-v1", itype),
           "new_config": config(new_cfg, f"{name}-model-v2", new_type)}
    if rng.random() < 0.3:
        rec["request"] = {
            "EndpointName": name, "EndpointConfigName": new_cfg,
            "DeploymentConfig": {
                "BlueGreenUpdatePolicy": {
                    "TrafficRoutingConfiguration": {
                        "Type": "CANARY", "WaitIntervalInSeconds": 600,
                        "CanarySize": {"Type": "CAPACITY_PERCENT", "Value": 10}},
                    "TerminationWaitInSeconds": 300},
                "AutoRollbackConfiguration": {"Alarms": [{"AlarmName": f"{name}-errors"}]}}}
    if rng.random() < 0.2:
        rec["scenario"] = {"timing": {"provision_s": provision + rng.choice([0, 60, 120])}}
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--endpoints", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jsonl", action="store_true")
    ap.add_argument("--bad", type=int, default=0)
    ap.add_argument("--trials", type=int, default=200)
    ap.add_argument("--plain", action="store_true",
                    help="no request or scenario overrides (what the AWS API alone gives)")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    records = [endpoint_docs(f"ep-{i:05d}-{rng.choice(['fraud', 'search', 'llm', 'rank'])}", rng)
               for i in range(a.endpoints)]
    if a.plain:
        for rec in records:
            rec.pop("request", None)
            rec.pop("scenario", None)
    for rec in records[:a.bad]:
        rec["new_config"] = {"EndpointConfigName": 42}  # a broken document: an error record
    defaults = {"schema": "shiftsim.fleet-defaults/v1",
                # --trials for the commands that take it: simulate --fleet shares the file.
                "options": {"plan": {"trials": a.trials, "max-duration": 14400},
                            "montecarlo": {"trials": a.trials}},
                "scenario": {"prices": {"ml.m5.xlarge": 0.23}}}
    if a.jsonl:
        with open(a.out, "w") as f:
            for rec in records:
                f.write(json.dumps(rec, sort_keys=True) + "\n")
        with open(os.path.splitext(a.out)[0] + ".defaults.json", "w") as f:
            json.dump(defaults, f, indent=2)
        return
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "fleet-defaults.json"), "w") as f:
        json.dump(defaults, f, indent=2)
    files = {"endpoint": "endpoint.json", "current_config": "current-config.json",
             "new_config": "new-config.json", "request": "request.json",
             "scenario": "scenario.json"}
    for rec in records:
        d = os.path.join(a.out, rec["name"])
        os.makedirs(d, exist_ok=True)
        for key, file in files.items():
            if key in rec:
                with open(os.path.join(d, file), "w") as f:
                    json.dump(rec[key], f, indent=2)


if __name__ == "__main__":
    main()
