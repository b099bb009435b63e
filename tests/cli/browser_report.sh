#!/usr/bin/env bash
# The HTML reports in a real browser (Debian's headless Chromium): for every bundled scenario,
# `shiftsim simulate --report` is rendered, screenshotted (light and dark), printed to PDF, and its
# DOM and layout are checked against `simulate --output json` (one bar group per step, the timeout
# line at the timeout, bakes, rollback paths, accessibility, no script, no external URL) and the
# page must make no network request. See tests/browser/check_report.py for every check.
# Usage: browser_report.sh <shiftsim-binary> <source-dir>   (screenshots kept when
# SHIFTSIM_BROWSER_SHOTS names a directory).
set -u
bin=$1; src=$2
chromium=${CHROMIUM:-/usr/bin/chromium}
if [[ ! -x "$chromium" ]]; then
  echo "FAIL: $chromium not found (Debian package chromium; scripts/setup.sh installs it)"; exit 1
fi
shopt -s nullglob
scenarios=("$src"/scenarios/*.yaml "$src"/scenarios/*.json)
if [[ ${#scenarios[@]} == 0 ]]; then echo "FAIL: no scenarios in $src/scenarios"; exit 1; fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
shots=${SHIFTSIM_BROWSER_SHOTS:-$T/shots}
start=$(date +%s)
# 60 s per scenario at most, plus the browser's start.
timeout $((60 * ${#scenarios[@]} + 60)) /usr/bin/python3 "$src/tests/browser/check_report.py" \
  --shots "$shots" "$bin" "$T" "${scenarios[@]}"
rc=$?
echo "browser checks took $(( $(date +%s) - start )) s for ${#scenarios[@]} scenario(s)"
[[ $rc == 124 ]] && echo "FAIL: timed out"
exit $rc
