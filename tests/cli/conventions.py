#!/usr/bin/python3
"""The command-line conventions, walked over every command (issue 14). For each row of COMMANDS
(one working invocation per command, what it reads and what it offers), every convention:

  json    --output json is one JSON document naming its schema
  yaml    --output yaml, read by PyYAML (a YAML 1.1 reader), is the same document as the JSON
  text    --output text is exactly what the AWS CLI's own text formatter (awscli.text, Debian's
          awscli) prints for that JSON document
  table   --output table (the default) prints for people: no ANSI colour when piped
  csv     --output csv parses as CSV with one header and equal-width rows where the command has
          rows; elsewhere --output csv is refused (E_ENUM) with the formats it does take
  case    AWS enum spellings in any case: --output JSON is --output json
  errors  a bad flag with --output json|yaml|text prints the error document shiftsim.error/v1
          (exit 2, E_UNKNOWN_FLAG naming the flag) on stdout, in that format; with table, stdout
          stays empty; stderr always has the message
  out     --out FILE holds exactly what stdout would; --out - is stdout; an unwritable --out is
          exit 3 with E_OUTPUT
  files   the command's file input as PATH, file://PATH and - (stdin) gives the same output
  help    --help and -h exit 0 and list --output
  report  where the command writes a page: --report FILE.html writes one; --report r.pdf is refused
          (E_PATTERN), and nothing is written

    conventions.py SHIFTSIM SOURCE_DIR
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile

import yaml
from awscli.text import format_text

BIN, SRC = sys.argv[1], sys.argv[2]
SCEN = os.path.join(SRC, "scenarios", "gpu-llm-canary.yaml")
REQ = os.path.join(SRC, "tests", "data", "aws", "request-canary.json")
PLAN = os.path.join(SRC, "tests", "data", "iac", "plan-canary-update.json")
PRICES = os.path.join(SRC, "tests", "data", "pricing", "get-products-hosting.json")
FAST = ["--threads", "1"]

# name, arguments before the file input, (file flag, file), offers csv, offers --report
COMMANDS = [
    ("validate", ["--no-retain-all-variant-properties", "--exclude-retained-variant-properties",
                  "DesiredWeight"], ("--request", REQ), True, False),
    ("emit", ["--strategy", "canary", "--canary-size", "1", "--wait", "600"], ("--request", REQ),
     False, False),
    ("simulate", [], ("--scenario", SCEN), True, True),
    ("montecarlo", ["--trials", "300", "--no-progress"] + FAST, ("--scenario", SCEN), True, True),
    ("sweep", ["--wait", "0,600", "--termination-wait", "0"] + FAST, ("--scenario", SCEN), True, True),
    ("plan", ["--wait", "0,600", "--termination-wait", "0", "--trials", "300"] + FAST,
     ("--scenario", SCEN), True, True),
    ("compare", ["--with", "--wait 300", "--trials", "300"] + FAST, ("--scenario", SCEN), True, True),
    ("check", ["--trials", "300", "--fail-on", "never"], ("--plan", PLAN), False, False),
    ("prices", ["--region", "us-east-2"], ("--prices", PRICES), True, False),
]

failures = []


def run(args, stdin=None, env=None):
    e = dict(os.environ)
    e.pop("COLUMNS", None)
    e.update(env or {})
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, timeout=120, env=e)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(cond, what):
    if not cond:
        failures.append(what)
    return cond


def walk(name, pre, file_arg, has_csv, has_report, tmp):
    flag, path = file_arg or (None, None)  # merge reads directories, no file flag
    base = [name] + pre + ([flag, path] if flag else [])
    done = []

    rc, out, err = run(base + ["--output", "json"])
    if not check(rc == 0, f"{name} json: exit {rc}: {err[:300]}"):
        return
    doc = json.loads(out)
    check(isinstance(doc, dict) and str(doc.get("schema", "")).startswith("shiftsim."),
          f"{name} json: no schema: {list(doc)[:5]}")
    done.append("json")

    rc, out, err = run(base + ["--output", "yaml"])
    check(rc == 0 and yaml.safe_load(out) == doc, f"{name} yaml: not the JSON document (exit {rc})")
    done.append("yaml")

    rc, out, err = run(base + ["--output", "text"])
    want = io.StringIO()
    format_text(doc, want)
    check(rc == 0 and out == want.getvalue(),
          f"{name} text: differs from awscli.text.format_text: "
          + next((f"line {i}: {a!r} != {b!r}" for i, (a, b) in
                  enumerate(zip(out.splitlines(), want.getvalue().splitlines())) if a != b),
                 f"{len(out.splitlines())} lines vs {len(want.getvalue().splitlines())}"))
    done.append("text")

    rc, out, err = run(base)
    check(rc == 0 and out.strip() and "\x1b[" not in out and "\x1b[" not in err,
          f"{name} table: exit {rc}, or colour when piped")
    rc2, out2, _ = run(base + ["--output", "table"])
    check(out2 == out, f"{name} table: --output table differs from the default")
    done.append("table")

    rc, out, err = run(base + ["--output", "csv"])
    if has_csv:
        rows = list(csv.reader(io.StringIO(out)))
        check(rc == 0 and len(rows) >= 2 and len({len(r) for r in rows}) == 1,
              f"{name} csv: exit {rc}, {len(rows)} rows of widths {sorted({len(r) for r in rows})}")
    else:
        check(rc == 2 and "E_ENUM --output" in err and "table, json, yaml" in err,
              f"{name} csv: should be refused with the formats it takes (exit {rc}): {err[:200]}")
    done.append("csv")

    rc, out, err = run(base + ["--output", "JSON"])
    check(rc == 0 and json.loads(out) == doc, f"{name} case: --output JSON differs from json")
    done.append("case")

    error_doc = None
    for fmt in ("json", "yaml", "text", "table"):
        rc, out, err = run(base + ["--output", fmt, "--no-such-flag"])
        ok = rc == 2 and "E_UNKNOWN_FLAG" in err and "--no-such-flag" in err
        if fmt == "table":
            ok = ok and out == ""
        elif fmt == "text":
            want = io.StringIO()
            format_text(error_doc or {}, want)
            ok = ok and out == want.getvalue()
        else:
            edoc = json.loads(out) if fmt == "json" else yaml.safe_load(out)
            error_doc = error_doc or edoc
            ok = ok and edoc == error_doc and edoc.get("schema") == "shiftsim.error/v1" \
                and edoc["command"] == name and edoc["exit_code"] == 2 \
                and edoc["diagnostics"][0]["code"] == "E_UNKNOWN_FLAG" \
                and edoc["diagnostics"][0]["path"] == "--no-such-flag"
        check(ok, f"{name} errors --output {fmt}: exit {rc}, stdout {out[:200]!r}")
    done.append("errors")

    rc, out, _ = run(base + ["--output", "json"])
    target = os.path.join(tmp, f"{name}.out")
    rc1, out1, _ = run(base + ["--output", "json", "--out", target])
    rc2, out2, _ = run(base + ["--output", "json", "--out", "-"])
    if name == "merge":  # --out FILE is the merged rows (issue 15); the report stays on stdout
        rows = open(os.path.join(pre[0], "summary.jsonl")).read() + \
            open(os.path.join(pre[1], "summary.jsonl")).read()
        merged = open(target).read() if rc1 == 0 else ""
        check(rc1 == 0 and out1 == out and sorted(merged.splitlines()) == sorted(rows.splitlines())
              and merged.splitlines() == sorted(merged.splitlines()),
              f"merge --out FILE is not the shards' rows in name order (exit {rc1})")
        check(rc2 == 0 and out2 == merged, "merge --out - is not the rows on stdout")
    else:
        check(rc1 == 0 and out1 == "" and open(target).read() == out, f"{name} --out FILE differs")
        check(rc2 == 0 and out2 == out, f"{name} --out - is not stdout")
    rc3, out3, err3 = run(base + ["--output", "json", "--out", os.path.join(tmp, "no", "dir", "x")])
    check(rc3 == 3 and json.loads(out3)["diagnostics"][0]["code"] == "E_OUTPUT",
          f"{name} unwritable --out: exit {rc3}")
    done.append("out")

    for variant, stdin in ((["file://" + path], None), (["-"], open(path, "rb").read())) if flag else ():
        rc, o, err = run([name] + pre + [flag] + variant + ["--output", "json"], stdin=stdin)
        same = rc == 0 and json.loads(o) == doc
        if not same and rc == 0:  # the input's name may appear in the document
            same = json.dumps(json.loads(o)).replace("stdin", path) == json.dumps(doc)
        check(same, f"{name} {flag} {variant[0][:7]}: differs from {flag} PATH (exit {rc}): {err[:200]}")
    done.append("files")

    for h in ("--help", "-h"):
        rc, out, _ = run([name, h])
        check(rc == 0 and "--output" in out and "usage: shiftsim " + name in out, f"{name} {h}")
    done.append("help")

    if has_report:
        page = os.path.join(tmp, f"{name}.html")
        rc, _, err = run(base + ["--report", page])
        check(rc == 0 and open(page).read().startswith("<!DOCTYPE html>"), f"{name} --report: {err[:200]}")
        pdf = os.path.join(tmp, f"{name}.pdf")
        rc, _, err = run(base + ["--report", pdf])
        check(rc == 2 and "E_PATTERN --report" in err and not os.path.exists(pdf),
              f"{name} --report r.pdf: exit {rc}")
        done.append("report")
    print(f"ok   {name}: {' '.join(done)}" if not any(f.startswith(name + " ") for f in failures)
          else f"FAIL {name} (see below)")


def fleet_shards(tmp):
    """Two shard outputs of a small generated fleet, for merge."""
    fleet = os.path.join(tmp, "fleet")
    subprocess.run([sys.executable, os.path.join(SRC, "scripts", "gen_fleet.py"), fleet,
                    "--endpoints", "4", "--trials", "50"], check=True)
    dirs = [os.path.join(tmp, f"shard-{i}") for i in (0, 1)]
    for i, d in enumerate(dirs):
        rc, _, err = run(["plan", "--fleet", fleet, "--out", d, "--shard", f"{i}/2"] + FAST)
        check(rc == 0, f"plan --fleet shard {i}: exit {rc}: {err[-300:]}")
    return dirs


def main():
    with tempfile.TemporaryDirectory() as tmp:
        COMMANDS.append(("merge", fleet_shards(tmp), None, True, True))
        for row in COMMANDS:
            walk(*row, tmp)
        # Every visible command is in the table.
        rc, out, _ = run(["--help"])
        listed = [line.split()[0] for line in out.split("commands:\n")[1].split("\n\n")[0].splitlines()]
        check(sorted(listed) == sorted(r[0] for r in COMMANDS),
              f"COMMANDS {sorted(r[0] for r in COMMANDS)} != shiftsim --help {sorted(listed)}")
    for f in failures:
        print("FAIL", f)
    print(f"{len(COMMANDS)} commands, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
