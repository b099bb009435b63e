#!/usr/bin/env bash
# Every notebook in notebooks/ executes without an error against this build's shiftsim
# (`jupyter nbconvert --to notebook --execute`, Debian's jupyter-nbconvert and python3-ipykernel,
# kernel python3 = /usr/bin/python3), and the stored notebooks carry no outputs.
# Usage: notebook_execute.sh <shiftsim-binary> <source-dir>
set -u
bin=$1; src=$2
export PATH=/usr/bin:/bin:$PATH   # Debian's jupyter and python3, not a pyenv shim
if ! command -v jupyter-nbconvert >/dev/null; then
  echo "FAIL: jupyter-nbconvert not found (Debian packages jupyter-nbconvert python3-ipykernel)"; exit 1
fi
shopt -s nullglob
notebooks=("$src"/notebooks/*.ipynb)
if (( ${#notebooks[@]} < 3 )); then echo "FAIL: fewer than 3 notebooks in $src/notebooks"; exit 1; fi
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0

# 1. Stored notebooks: valid nbformat 4, kernel python3, no outputs, no execution counts.
/usr/bin/python3 - "${notebooks[@]}" <<'PY' || fail=1
import sys, nbformat
bad = 0
for path in sys.argv[1:]:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    problems = []
    if nb.nbformat != 4:
        problems.append(f"nbformat {nb.nbformat}")
    if nb.metadata.get("kernelspec", {}).get("name") != "python3":
        problems.append("kernel is not python3")
    for i, c in enumerate(nb.cells):
        if c.cell_type == "code" and (c.get("outputs") or c.get("execution_count") is not None):
            problems.append(f"cell {i} has stored outputs")
    print(("ok   " if not problems else "FAIL ") + path.rsplit("/", 1)[-1] + ": stored without outputs"
          + ("" if not problems else " -- " + "; ".join(problems)))
    bad += bool(problems)
sys.exit(1 if bad else 0)
PY

# 2. Execute each (nbconvert runs the kernel in the notebook's folder).
for nb in "${notebooks[@]}"; do
  name=$(basename "$nb")
  start=$(date +%s)
  SHIFTSIM_BIN=$(realpath "$bin") SHIFTSIM_NOTEBOOK_OUT="$T/out-${name%.ipynb}" PYDEVD_DISABLE_FILE_VALIDATION=1 \
    timeout 600 jupyter-nbconvert --to notebook --execute --output-dir "$T" \
      --ExecutePreprocessor.kernel_name=python3 --ExecutePreprocessor.timeout=300 "$nb" \
      >"$T/log" 2>&1
  rc=$?
  secs=$(( $(date +%s) - start ))
  executed="$T/$name"
  if [[ $rc == 0 && -s "$executed" ]] && /usr/bin/python3 - "$executed" <<'PY'
import sys, nbformat
nb = nbformat.read(sys.argv[1], as_version=4)
code = [c for c in nb.cells if c.cell_type == "code"]
errors = [o for c in code for o in c.get("outputs", []) if o.get("output_type") == "error"]
unrun = [i for i, c in enumerate(code) if c.get("execution_count") is None]
images = sum(1 for c in code for o in c.get("outputs", []) if "image/png" in o.get("data", {}))
if errors or unrun or images == 0:
    print(f"  errors={len(errors)} unexecuted cells={unrun} figures={images}")
    sys.exit(1)
PY
  then
    echo "ok   $name executes (${secs} s)"
  else
    fail=1
    echo "FAIL $name (exit $rc, ${secs} s)"; grep -v "Debugger warning\|frozen modules\|Xfrozen\|PYDEVD" "$T/log" | tail -25 | sed 's/^/  /'
  fi
done
exit $fail
