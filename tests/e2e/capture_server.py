#!/usr/bin/python3
"""A loopback stand-in for the SageMaker API, for the AWS CLI end-to-end test.

usage: capture_server.py CAPTURE_DIR

Binds 127.0.0.1 on a free port (port 0), writes the port to CAPTURE_DIR/port (atomically, once
listening) and serves until killed. Every POST is recorded as CAPTURE_DIR/<n>.body (the raw body)
and CAPTURE_DIR/<n>.target (the X-Amz-Target header), n = 1, 2, ... in arrival order.
A POST with X-Amz-Target `SageMaker.UpdateEndpoint` (the JSON 1.1 protocol the AWS CLI speaks to
SageMaker) is answered 200 with an EndpointArn, Content-Type application/x-amz-json-1.1;
anything else 400 with an UnknownOperationException, so a wrong protocol fails the test.
"""
import http.server
import json
import os
import sys

ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/x"


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    count = 0
    capture_dir = "."

    def _reply(self, status, payload):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        target = self.headers.get("X-Amz-Target", "")
        Handler.count += 1
        base = os.path.join(Handler.capture_dir, str(Handler.count))
        with open(base + ".target.tmp", "w") as f:
            f.write(target)
        with open(base + ".body.tmp", "wb") as f:
            f.write(body)
        os.replace(base + ".target.tmp", base + ".target")
        os.replace(base + ".body.tmp", base + ".body")
        if target == "SageMaker.UpdateEndpoint":
            self._reply(200, {"EndpointArn": ARN})
        else:
            self._reply(400, {"__type": "UnknownOperationException",
                              "message": "capture server: unexpected target " + target})

    def do_GET(self):
        self._reply(400, {"__type": "UnknownOperationException", "message": "GET"})

    def log_message(self, fmt, *args):  # keep the test's output quiet
        pass


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    Handler.capture_dir = sys.argv[1]
    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    port_file = os.path.join(Handler.capture_dir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
