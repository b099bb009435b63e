#!/usr/bin/zsh -f
# Drives an interactive zsh on a pseudo-terminal (zsh/zpty) with the _shiftsim completion loaded
# from DIR: types each LINE, then TAB, then a key whose widget appends the command line as zsh
# completed it to OUT and clears it. Used by tests/cli/completion_shells.sh.
#   zsh -f zsh_complete.zsh DIR OUT LINE...
zmodload zsh/zpty
dir=$1 out=$2; shift 2
: >| $out
zpty z 'zsh -f -i'
zpty -w z "PS1='%% '; fpath=($dir \$fpath); autoload -Uz compinit; compinit -u -D; unsetopt beep"
zpty -w z "dump() { print -r -- \"\$BUFFER\" >> $out; BUFFER=''; }; zle -N dump; bindkey '^X' dump"
# One line at a time: zsh drops typeahead when it completes.
n=0
for line in "$@"; do
  zpty -w -n z "$line"$'\t\x18'
  (( n++ ))
  deadline=$(( SECONDS + 10 ))
  while (( SECONDS < deadline )) && (( $(wc -l < $out) < n )); do
    zpty -r -t z chunk
    sleep 0.05
  done
done
zpty -d z
