#!/usr/bin/env bash
# Shell completion, generated from the option descriptions (`shiftsim completion bash|zsh`),
# checked in the real shells against what `--help` says:
#   bash: the script is sourced and _shiftsim called as bash calls it (COMP_WORDS/COMP_CWORD):
#     `shiftsim sim<TAB>` -> simulate; `shiftsim simulate --ter<TAB>` -> the flags --help lists
#     starting with --ter; `shiftsim CMD --<TAB>` -> exactly the flags of `shiftsim CMD --help`,
#     for every command; enumerated values (--output, --strategy), --flag=value, file names.
#   zsh: an interactive zsh on a pseudo-terminal (tests/cli/zsh_complete.zsh) completes lines.
#   completion_shells.sh <shiftsim-binary> <source-dir>
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
bad() { echo "FAIL $*"; fail=1; }
"$bin" completion bash >"$T/shiftsim.bash" || { echo "FAIL completion bash exited $?"; exit 1; }
mkdir "$T/zsh" && "$bin" completion zsh >"$T/zsh/_shiftsim" || { echo "FAIL completion zsh"; exit 1; }

# bash: one completion per call; prints the candidates one per line.
complete_bash() {
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ));
           COMPREPLY=(); _shiftsim; printf "%s\n" "${COMPREPLY[@]}"' _ "$T/shiftsim.bash" "$@" | sort
}
expect_bash() {  # expect_bash "WANT (newline-separated, sorted)" WORDS...
  local want=$1; shift
  local got; got=$(cd "$src" && complete_bash "$@")
  [[ "$got" == "$want" ]] || bad "bash: '$*<TAB>' gives '$(echo $got)', expected '$(echo $want)'"
}
# The flags --help lists: names sit at column 3 ("-o, --output") or 7 ("--scenario").
help_flags() { "$bin" "$1" --help | grep -oE '^(  -[a-z], |      )--[a-z0-9-]+' | grep -oE -- '-(-[a-z0-9-]+|[a-z])' | sort -u; }

expect_bash "simulate" shiftsim sim
expect_bash "$(help_flags simulate | grep -- '^--ter')" shiftsim simulate --ter
[[ -n "$(help_flags simulate | grep -- '^--ter')" ]] || bad "simulate --help lists no --ter flag"
commands=$("$bin" --help | sed -n '/^commands:/,/^$/p' | awk 'NF>1 {print $1}')
for c in $commands; do
  want=$( (help_flags "$c"; echo --help) | sort -u)
  got=$(complete_bash shiftsim "$c" - | sort -u)
  [[ "$got" == "$want" ]] || bad "bash: 'shiftsim $c -<TAB>' differs from --help: $(diff <(echo "$want") <(echo "$got") | tr '\n' ' ')"
done
expect_bash "$(printf '%s\n' csv json table text yaml)" shiftsim simulate --output ''
expect_bash "$(printf '%s\n' json table text yaml)" shiftsim emit -o ''
expect_bash "json" shiftsim montecarlo --output = j
expect_bash "canary" shiftsim emit --strategy c
expect_bash "$(printf '%s\n' bash zsh)" shiftsim completion ''
expect_bash "scenarios/gpu-llm-canary.yaml" shiftsim simulate --scenario scenarios/gpu-llm-c
expect_bash "" shiftsim simulate --trip-at-bake ''
echo "ok   bash completion ($(echo $commands | wc -w) commands checked against --help)"

# zsh, for real on a pseudo-terminal.
if ! command -v zsh >/dev/null; then
  echo "FAIL zsh is not installed (Debian package zsh; scripts/setup.sh --test installs it)"; exit 1
fi
(cd "$src" && timeout 120 zsh -f "$src/tests/cli/zsh_complete.zsh" "$T/zsh" "$T/zsh.out" \
  'shiftsim sim' 'shiftsim simulate --ter' 'shiftsim emit --strategy c' \
  'shiftsim simulate --output=ya' 'shiftsim plan --minimize dur' \
  'shiftsim simulate --scenario scenarios/gpu-llm-c') || bad "zsh driver exited $?"
# zsh completes a flag that takes a value as --flag= (the value may follow in the same word).
want=$(printf '%s\n' 'shiftsim simulate ' 'shiftsim simulate --terminate-s=' \
  'shiftsim emit --strategy canary ' 'shiftsim simulate --output=yaml ' \
  'shiftsim plan --minimize duration ' 'shiftsim simulate --scenario scenarios/gpu-llm-canary.yaml ')
[[ "$(cat "$T/zsh.out")" == "$want" ]] || bad "zsh completed: $(cat -A "$T/zsh.out")"
[[ $fail == 0 ]] && echo "ok   zsh completion"
exit $fail
