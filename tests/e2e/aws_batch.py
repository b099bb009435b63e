#!/usr/bin/python3
"""Runs many AWS CLI command lines, in one Python process when possible (the CLI takes ~1 s to
start, so a process per command would make the end-to-end test slow).

usage: aws_batch.py in-process COMMANDS_FILE RESULTS_FILE
       aws_batch.py exec AWS_BINARY COMMANDS_FILE RESULTS_FILE

COMMANDS_FILE holds one JSON list of argument words per line (the words after `aws`).
in-process: each command runs exactly as the `aws` script runs it,
  awscli.clidriver.AWSCLIEntryPoint().main(words), with a fresh entry point (fresh botocore
  session) per command; run this with the Python interpreter of the `aws` script.
exec: each command runs as a process `AWS_BINARY words...` (timeout 60 s).
RESULTS_FILE gets one line per command, `<exit code>\t<first line of stderr>`, and the command's
standard output goes to RESULTS_FILE.<n>.stdout (n from 1).
"""
import contextlib
import io
import json
import subprocess
import sys


def run_in_process(words):
    import awscli.clidriver
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
        try:
            rc = awscli.clidriver.AWSCLIEntryPoint().main(words)
        except SystemExit as e:  # argparse errors exit
            rc = e.code if isinstance(e.code, int) else 1
    return rc, out.getvalue(), err.getvalue()


def run_exec(aws, words):
    try:
        p = subprocess.run([aws] + words, capture_output=True, text=True, timeout=60)
        return p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return 124, "", "timeout after 60 s"


def main():
    args = sys.argv[1:]
    if len(args) == 3 and args[0] == "in-process":
        run = run_in_process
        commands_file, results_file = args[1], args[2]
    elif len(args) == 4 and args[0] == "exec":
        aws = args[1]
        run = lambda words: run_exec(aws, words)
        commands_file, results_file = args[2], args[3]
    else:
        print(__doc__, file=sys.stderr)
        return 2
    with open(commands_file) as f:
        commands = [json.loads(line) for line in f if line.strip()]
    with open(results_file, "w") as results:
        for n, words in enumerate(commands, start=1):
            rc, out, err = run(words)
            with open("%s.%d.stdout" % (results_file, n), "w") as f:
                f.write(out)
            first = (err.strip().splitlines() or [""])[0]
            results.write("%d\t%s\n" % (rc, first.replace("\t", " ")))
            results.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
