#!/usr/bin/python3
"""Compares what the capture server received with what shiftsim emitted.

usage: check_captures.py MANIFEST CAPTURE_DIR

MANIFEST: one line per request the AWS CLI sent, in order: `<label>\t<expected JSON file>`.
The n-th line must match CAPTURE_DIR/<n>.body and <n>.target:
- the target is SageMaker.UpdateEndpoint;
- the body is the expected document: same keys in the same order, same values of the same JSON
  types (an integer stays an integer: 600 != 600.0 != "600", true != 1);
and there must be no further captures. Prints one line per problem; exit 1 if any.
"""
import json
import os
import sys


def same(a, b, path, problems):
    if type(a) is not type(b):
        problems.append("%s: expected %s %r, got %s %r" % (path, type(a).__name__, a, type(b).__name__, b))
    elif isinstance(a, dict):
        if list(a) != list(b):
            problems.append("%s: expected keys %s, got %s" % (path, list(a), list(b)))
        for k in a:
            if k in b:
                same(a[k], b[k], path + "." + k, problems)
    elif isinstance(a, list):
        if len(a) != len(b):
            problems.append("%s: expected %d items, got %d" % (path, len(a), len(b)))
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, "%s[%d]" % (path, i), problems)
    elif a != b:
        problems.append("%s: expected %r, got %r" % (path, a, b))


def main():
    manifest, capture_dir = sys.argv[1], sys.argv[2]
    with open(manifest) as f:
        lines = [l.rstrip("\n").split("\t") for l in f if l.strip()]
    failed = 0
    for n, (label, expected_file) in enumerate(lines, start=1):
        body_file = os.path.join(capture_dir, "%d.body" % n)
        if not os.path.exists(body_file):
            print("FAIL %s: nothing captured (request %d)" % (label, n))
            failed += 1
            continue
        with open(os.path.join(capture_dir, "%d.target" % n)) as f:
            target = f.read()
        with open(expected_file) as f:
            expected = json.load(f)
        with open(body_file, "rb") as f:
            got = json.loads(f.read().decode("utf-8"))
        problems = []
        if target != "SageMaker.UpdateEndpoint":
            problems.append("X-Amz-Target %r" % target)
        same(expected, got, "$", problems)
        for p in problems:
            print("FAIL %s: %s" % (label, p))
        failed += bool(problems)
    extra = os.path.join(capture_dir, "%d.body" % (len(lines) + 1))
    if os.path.exists(extra):
        print("FAIL: the server received more requests than expected (%s)" % extra)
        failed += 1
    print("captures checked: %d, failed: %d" % (len(lines), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
