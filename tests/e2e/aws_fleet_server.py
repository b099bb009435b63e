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
127.0.0.1 on a free port, writes it to CAPTURE_DIR/port once listening, serves until killed.
"""
import datetime
import http.server
import json
import os
import sys

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


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fleet = None
    capture_dir = "."
    count = 0

    def log_message(self, *args):
        pass

    def reply(self, status, payload, content_type="application/x-amz-json-1.1"):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
        self.end_headers()
        self.wfile.write(body)

    def not_found(self, what):
        self.reply(400, {"__type": "ValidationException", "message": f"Could not find {what}"})

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        req = json.loads(body or b"{}")
        target = self.headers.get("X-Amz-Target", "")
        Handler.count += 1
        rec = os.path.join(Handler.capture_dir, f"{Handler.count}.json")
        with open(rec + ".tmp", "w") as f:
            json.dump({"target": target, "path": self.path, "body": req}, f)
        os.replace(rec + ".tmp", rec)
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
            job = f"job-{Handler.count}"
            return self.reply(200, {"jobName": req.get("jobName", ""), "jobId": job,
                                    "jobArn": f"arn:aws:batch:us-east-1:123456789012:job/{job}"},
                              "application/json")
        self.reply(400, {"__type": "UnknownOperationException", "message": target or self.path})


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    Handler.fleet = Fleet(sys.argv[1])
    Handler.capture_dir = sys.argv[2]
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    port_file = os.path.join(Handler.capture_dir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
