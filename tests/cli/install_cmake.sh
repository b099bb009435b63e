#!/usr/bin/env bash
# `cmake --install` into a scratch prefix puts the binary, shiftsim(1) and the bash and zsh
# completions in place; the installed binary runs; `man -l` renders the page without a warning,
# and the page documents every command and every flag that `--help` lists; the installed bash
# completion, sourced in bash, completes `shiftsim sim<TAB>` and `shiftsim simulate --ter<TAB>`;
# the zsh script loads in zsh (when zsh is installed) and registers itself for shiftsim.
#   install_cmake.sh <shiftsim-binary> <source-dir>   (the build tree is the binary's directory)
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
build=$(dirname "$bin")
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
bad() { echo "FAIL $*"; fail=1; }
version=$(sed -n 's/^project(shiftsim VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")

cmake --install "$build" --prefix "$T/prefix" >"$T/install.log" 2>&1 || { cat "$T/install.log"; exit 1; }
for f in bin/shiftsim share/man/man1/shiftsim.1.gz share/bash-completion/completions/shiftsim \
         share/zsh/vendor-completions/_shiftsim; do
  [[ -s "$T/prefix/$f" ]] || bad "cmake --install did not install $f"
done
installed="$T/prefix/bin/shiftsim"

# The installed binary runs, and says which model and price table it carries.
"$installed" --version >"$T/version" || bad "installed --version exited $?"
head -1 "$T/version" | grep -qx "shiftsim $version" || bad "--version: $(head -1 "$T/version")"
grep -q '^SageMaker API model: sagemaker 2017-07-24 service-2.json from botocore' "$T/version" ||
  bad "--version lacks the model line"
grep -q '^price table: .* compiled [0-9-]*' "$T/version" || bad "--version lacks the price table line"
"$installed" simulate --scenario "$src/scenarios/gpu-llm-canary.yaml" --output json >"$T/sim.json" ||
  bad "installed simulate exited $?"
cmp -s "$T/sim.json" "$src/tests/golden/simulate/gpu-llm-canary.json" ||
  bad "installed simulate differs from the golden"
echo "ok   installed binary runs ($(head -1 "$T/version"))"

# The manual page renders, without groff warnings, and covers every command and flag of --help.
MANWIDTH=100 man --warnings -P cat -l "$T/prefix/share/man/man1/shiftsim.1.gz" >"$T/man.txt" 2>"$T/man.err" ||
  bad "man -l exited $?"
[[ -s "$T/man.err" ]] && bad "man -l warns: $(head -3 "$T/man.err")"
grep -q '^SHIFTSIM(1)' "$T/man.txt" || bad "man page has no SHIFTSIM(1) header"
for section in NAME SYNOPSIS DESCRIPTION COMMANDS CONVENTIONS ENVIRONMENT 'EXIT STATUS'; do
  grep -q "^$section" "$T/man.txt" || bad "man page lacks section $section"
done
commands=$("$installed" --help | sed -n '/^commands:/,/^$/p' | awk 'NF>1 {print $1}')
[[ $(echo "$commands" | wc -w) -ge 7 ]] || bad "--help lists only: $commands"
for c in $commands; do
  grep -q "^   shiftsim $c\$" "$T/man.txt" || { bad "man page lacks command $c"; continue; }
  for flag in $("$installed" "$c" --help | grep -oE '^(  -[a-z], |      )--[a-z0-9-]+' | grep -oE -- '--[a-z0-9-]+'); do
    grep -qF -- "$flag" "$T/man.txt" || bad "man page lacks $c $flag"
  done
done
echo "ok   man -l renders shiftsim(1) with every command and flag"

# The installed bash completion.
cat >"$T/complete.sh" <<'SH'
source "$1"
comp() { COMP_WORDS=("$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); COMPREPLY=(); _shiftsim; printf '%s\n' "${COMPREPLY[@]}"; }
echo "--- sim"; comp shiftsim sim
echo "--- ter"; comp shiftsim simulate --ter
SH
bash "$T/complete.sh" "$T/prefix/share/bash-completion/completions/shiftsim" >"$T/comp.out" 2>&1 ||
  bad "sourcing the installed bash completion failed: $(cat "$T/comp.out")"
[[ $(sed -n '/^--- sim/,/^---/p' "$T/comp.out" | grep -v '^---') == simulate ]] ||
  bad "shiftsim sim<TAB> gives: $(cat "$T/comp.out")"
want=$("$installed" simulate --help | grep -oE -- '--ter[a-z0-9-]*' | sort -u)
got=$(sed -n '/^--- ter/,$p' "$T/comp.out" | grep -v '^---' | sort -u)
[[ -n "$want" && "$got" == "$want" ]] || bad "shiftsim simulate --ter<TAB> gives '$got', --help has '$want'"
echo "ok   installed bash completion: sim<TAB> -> simulate, simulate --ter<TAB> -> $got"

if command -v zsh >/dev/null; then
  zsh -n "$T/prefix/share/zsh/vendor-completions/_shiftsim" || bad "zsh -n rejects _shiftsim"
  zsh -f -c "fpath=('$T/prefix/share/zsh/vendor-completions' \$fpath); autoload -Uz compinit; compinit -u -D;
             [[ \${_comps[shiftsim]} == _shiftsim ]]" || bad "zsh compinit does not register _shiftsim"
  echo "ok   zsh loads _shiftsim"
else
  echo "skip zsh checks: zsh is not installed"
fi
exit $fail
