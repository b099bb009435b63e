"""The request handling the loopback AWS stand-ins share (capture_server.py for the AWS CLI test,
aws_fleet_server.py for the fleet test): the JSON 1.1 reply SageMaker sends, each request
numbered and recorded in CAPTURE_DIR atomically, and the server bound to 127.0.0.1 on a free
port, written to CAPTURE_DIR/port once listening, serving until killed.
"""
import http.server
import json
import os

JSON_11 = "application/x-amz-json-1.1"


class AwsHandler(http.server.BaseHTTPRequestHandler):
    """Subclasses answer do_POST with read_request(), capture() and reply()."""
    protocol_version = "HTTP/1.1"
    capture_dir = "."
    count = 0

    def log_message(self, *args):  # keep the test's output quiet
        pass

    def reply(self, status, payload, content_type=JSON_11):
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000")
        self.end_headers()
        self.wfile.write(body)

    def read_request(self):
        """The request's X-Amz-Target and raw body; numbers it (count = 1, 2, ...)."""
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        AwsHandler.count += 1
        return self.headers.get("X-Amz-Target", ""), body

    def capture(self, suffix, data):
        """Writes CAPTURE_DIR/<count><suffix> whole or not at all."""
        path = os.path.join(AwsHandler.capture_dir, f"{AwsHandler.count}{suffix}")
        with open(path + ".tmp", "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode())
        os.replace(path + ".tmp", path)

    def do_GET(self):
        self.reply(400, {"__type": "UnknownOperationException", "message": "GET"})


def serve(handler, capture_dir):
    """Serves `handler` on 127.0.0.1:<free port>, written to capture_dir/port once listening."""
    AwsHandler.capture_dir = capture_dir
    server = http.server.HTTPServer(("127.0.0.1", 0), handler)
    port_file = os.path.join(capture_dir, "port")
    with open(port_file + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    os.replace(port_file + ".tmp", port_file)
    server.serve_forever()
