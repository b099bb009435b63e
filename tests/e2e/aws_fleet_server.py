#!/usr/bin/python3
"""A loopback stand-in for the SageMaker and AWS Batch APIs, for the fleet end-to-end test.

usage: aws_fleet_server.py FLEET_DIR CAPTURE_DIR

Serves the fleet in FLEET_DIR (NAME/endpoint.json, current-config.json, new-config.json as
scripts/gen_fleet.py writes them) the way SageMaker would, over the JSON 1.1 protocol the AWS CLI
speaks to it (X-Amz-Target SageMaker.<Operation>, timestamps as epoch seconds):
  ListEndpoints           3 endpoints a page (NextToken), StatusEquals and NameContains honoured
  DescribeEndpoint        by EndpointName
  DescribeEndpointConfig  by EndpointConfigName (every current and new config of the fleet)
and AWS Batch's REST-JSON RegisterJobDefinition and SubmitJob (POST /v1/registerjobdefinition,
/v1/submitjob), answering with ids. Unknown names: 400 ValidationException, as SageMaker.
Every request is recorded as CAPTURE_DIR/<n>.json: {"target" or "path", "body"}. Binds
127.0.0.1 on a free port, writes it to CAPTURE_DIR/port once listening, serves until killed
(loopback_aws.py, shared with capture_server.py).
"""
import datetime
import json
import os
import sys

from loopback_aws import AwsHandler, serve

PAGE = 3


def epoch(value):
    return datetime.datetime.fromisoformat(value).timestamp()


def wire(doc):
    """A describe document as the service sends it: timestamps as epoch seconds."""
    out = dict(doc)
    for key in ("CreationTime", "LastModifiedTime"):
        if key in out:
            out[key] = epoch(out[key])
    return out


class Fleet:
    def __init__(self, root):
        self.endpoints, self.configs = {}, {}
        for name in sorted(os.listdir(root)):
            d = os.path.join(root, name)
            if not os.path.isdir(d):
                continue
            self.endpoints[name] = json.load(open(os.path.join(d, "endpoint.json")))
            for f in ("current-config.json", "new-config.json"):
                c = json.load(open(os.path.join(d, f)))
                self.configs[c["EndpointConfigName"]] = c


class Handler(AwsHandler):
    fleet = None

    def not_found(self, what):
        self.reply(400, {"__type": "ValidationException", "message": f"Could not find {what}"})

    def do_POST(self):
        target, body = self.read_request()
        req = json.loads(body or b"{}")
        self.capture(".json", json.dumps({"target": target, "path": self.path, "body": req}))
        fleet = Handler.fleet
        if target == "SageMaker.ListEndpoints":
            names = [n for n, e in fleet.endpoints.items()
                     if req.get("NameContains", "") in n
                     and req.get("StatusEquals", e["EndpointStatus"]) == e["EndpointStatus"]]
            start = int(req.get("NextToken", "0"))
            page = names[start:start + min(PAGE, req.get("MaxResults", PAGE))]
            out = {"Endpoints": [{"EndpointName": n,
                                  "EndpointArn": fleet.endpoints[n]["EndpointArn"],
                                  "CreationTime": epoch(fleet.endpoints[n]["CreationTime"]),
                                  "LastModifiedTime": epoch(fleet.endpoints[n]["LastModifiedTime"]),
                                  "EndpointStatus": fleet.endpoints[n]["EndpointStatus"]}
                                 for n in page]}
            if start + len(page) < len(names):
                out["NextToken"] = str(start + len(page))
            return self.reply(200, out)
        if target == "SageMaker.DescribeEndpoint":
            e = fleet.endpoints.get(req.get("EndpointName"))
            return self.reply(200, wire(e)) if e else self.not_found("endpoint")
        if target == "SageMaker.DescribeEndpointConfig":
            c = fleet.configs.get(req.get("EndpointConfigName"))
            return self.reply(200, wire(c)) if c else self.not_found("endpoint configuration")
        if self.path == "/v1/registerjobdefinition":
            name = req.get("jobDefinitionName", "")
            return self.reply(200, {"jobDefinitionName": name, "revision": 1,
                                    "jobDefinitionArn": f"arn:aws:batch:us-east-1:123456789012:job-definition/{name}:1"},
                              "application/json")
        if self.path == "/v1/submitjob":
            job = f"job-{AwsHandler.count}"
            return self.reply(200, {"jobName": req.get("jobName", ""), "jobId": job,
                                    "jobArn": f"arn:aws:batch:us-east-1:123456789012:job/{job}"},
                              "application/json")
        self.reply(400, {"__type": "UnknownOperationException", "message": target or self.path})


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    Handler.fleet = Fleet(sys.argv[1])
    serve(Handler, sys.argv[2])
    return 0


if __name__ == "__main__":
    sys.exit(main())
