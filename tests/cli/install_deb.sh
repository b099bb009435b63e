#!/usr/bin/env bash
# The Debian package: CPack builds shiftsim_<version>_<arch>.deb from the build tree; it holds
# exactly the binary, shiftsim(1) and the two completion scripts under /usr; its Depends name the
# package of every shared library the binary loads (checked with ldd and dpkg -S, not with the
# tool that wrote them); it installs with dpkg into a scratch root (its own dpkg database), where
# the installed binary runs, simulates a scenario as the build does, and its man page renders.
#   install_deb.sh <shiftsim-binary> <source-dir>   (the build tree is the binary's directory)
set -u
bin=$(realpath "$1"); src=$(realpath "$2")
build=$(dirname "$bin")
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
fail=0
bad() { echo "FAIL $*"; fail=1; }
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps man; do
  command -v "$tool" >/dev/null || { echo "FAIL $tool not found (scripts/setup.sh --test installs dpkg-dev and man-db)"; exit 1; }
done
version=$(sed -n 's/^project(shiftsim VERSION \([0-9.]*\).*/\1/p' "$src/CMakeLists.txt")

cpack --config "$build/CPackConfig.cmake" -B "$T/pkg" >"$T/cpack.log" 2>&1 || { cat "$T/cpack.log"; exit 1; }
deb=$(ls "$T"/pkg/shiftsim_"$version"_*.deb 2>/dev/null)
[[ -f "$deb" ]] || { echo "FAIL no shiftsim_${version}_*.deb in $(ls "$T/pkg")"; exit 1; }
[[ $(dpkg-deb -f "$deb" Package) == shiftsim ]] || bad "Package: $(dpkg-deb -f "$deb" Package)"
[[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || bad "Version: $(dpkg-deb -f "$deb" Version)"
files=$(dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $6}' | sort)
want=$(printf '%s\n' ./usr/bin/shiftsim ./usr/share/bash-completion/completions/shiftsim \
  ./usr/share/man/man1/shiftsim.1.gz ./usr/share/zsh/vendor-completions/_shiftsim)
[[ "$files" == "$want" ]] || bad "package files: $(echo $files)"
echo "ok   $(basename "$deb"): $(echo "$files" | wc -l) files"

# Install into a scratch root with its own dpkg database.
root=$T/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
: >"$root/var/lib/dpkg/status"
# --force-depends: the scratch database knows no other package (the dependencies are checked
# below against the host's libraries).
dpkg --root="$root" --force-depends --force-not-root -i "$deb" >"$T/dpkg.log" 2>&1 ||
  { cat "$T/dpkg.log"; exit 1; }
dpkg --root="$root" -s shiftsim 2>/dev/null | grep -qx 'Status: install ok installed' ||
  bad "dpkg --root does not list shiftsim as installed"
installed=$root/usr/bin/shiftsim
"$installed" --version | head -1 | grep -qx "shiftsim $version" || bad "installed --version"
"$installed" simulate --scenario "$src/scenarios/gpu-llm-canary.yaml" --output json >"$T/sim.json" ||
  bad "installed simulate exited $?"
cmp -s "$T/sim.json" "$src/tests/golden/simulate/gpu-llm-canary.json" ||
  bad "the packaged binary's simulate differs from the golden"
MANWIDTH=100 man -P cat -l "$root/usr/share/man/man1/shiftsim.1.gz" 2>/dev/null | grep -q '^SHIFTSIM(1)' ||
  bad "the packaged man page does not render"
echo "ok   dpkg --root installs it; the installed binary runs and simulates; man -l renders"

# Every shared library the binary loads comes from a package named in Depends.
depends=$(dpkg-deb -f "$deb" Depends)
names=$(echo "$depends" | tr ',|' '\n\n' | awk '{print $1}')
ldd "$installed" | awk '/=>/ {print $3}' | while read -r lib; do
  real=$(realpath "$lib")
  pkg=$(dpkg -S "$real" 2>/dev/null || dpkg -S "$lib" 2>/dev/null)
  pkg=${pkg%%:*}
  [[ -z "$pkg" ]] && { echo "FAIL no package owns $lib"; continue; }
  echo "$names" | grep -qxF "$pkg" || echo "FAIL Depends lacks $pkg (for $lib): $depends"
done >"$T/deps.out"
if grep -q FAIL "$T/deps.out"; then cat "$T/deps.out"; fail=1; else echo "ok   Depends covers every library: $depends"; fi
exit $fail
