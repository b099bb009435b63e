# Sourced by the fleet CLI tests (fleet_plan.sh, fleet_simulate.sh, fleet_defaults.sh,
# prices_fleet.sh) once $BIN and $SRC are set:
# the setup they share. Sets PY and T (a temp directory removed on exit), defines fail() (print,
# exit 1) and rows() (the lines of a file), and sources fleet_shards.sh (check_shards_merge).
#
# generate_fleet GEN_FLEET_FLAGS...: scripts/gen_fleet.py's fleet in $T/fleet; fails the test
# when the generator fails.
PY=/usr/bin/python3
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
rows() { wc -l < "$1" | tr -d ' '; }
. "$SRC/tests/cli/lib/fleet_shards.sh"
generate_fleet() { "$PY" "$SRC/scripts/gen_fleet.py" "$T/fleet" "$@" || fail "gen_fleet.py"; }
