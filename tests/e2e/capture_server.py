#!/usr/bin/python3
"""A loopback stand-in for the SageMaker API, for the AWS CLI end-to-end test.

usage: capture_server.py CAPTURE_DIR

Binds 127.0.0.1 on a free port (port 0), writes the port to CAPTURE_DIR/port (atomically, once
listening) and serves until killed (loopback_aws.py, shared with aws_fleet_server.py). Every POST is recorded as CAPTURE_DIR/<n>.body (the raw body)
and CAPTURE_DIR/<n>.target (the X-Amz-Target header), n = 1, 2, ... in arrival order.
A POST with X-Amz-Target `SageMaker.UpdateEndpoint` (the JSON 1.1 protocol the AWS CLI speaks to
SageMaker) is answered 200 with an EndpointArn, Content-Type application/x-amz-json-1.1;
anything else 400 with an UnknownOperationException, so a wrong protocol fails the test.
"""
import sys

from loopback_aws import AwsHandler, serve

ARN = "arn:aws:sagemaker:us-east-1:123456789012:endpoint/x"


class Handler(AwsHandler):
    def do_POST(self):
        target, body = self.read_request()
        self.capture(".target", target)
        self.capture(".body", body)
        if target == "SageMaker.UpdateEndpoint":
            self.reply(200, {"EndpointArn": ARN})
        else:
            self.reply(400, {"__type": "UnknownOperationException",
                             "message": "capture server: unexpected target " + target})


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    serve(Handler, sys.argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
