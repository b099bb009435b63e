#!/usr/bin/env bash
# Every command walked through every convention: see tests/cli/conventions.py.
exec /usr/bin/python3 "$2/tests/cli/conventions.py" "$1" "$2"
