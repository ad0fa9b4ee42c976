#!/bin/sh
# install_prefix.sh — an installed tree is found wherever it was installed.
# Regression: themes were looked up under a prefix compiled into theme.c
# that `make install PREFIX=...` never changed, so installed themes were
# not found; scenarios and themes now share one data path (datapath.c) that
# looks beside the binary (BINDIR/../share/mmviz) before the compiled-in
# directory.  The test lays out what `make install PREFIX=$T DESTDIR=`
# installs (bin/mmviz, share/mmviz/{themes,scenarios}), runs from a
# directory with no themes/ or scenarios/, and finds both kinds by name.
set -eu
M=${MMVIZ:-build/mmviz}
case $M in /*) ;; *) M=$PWD/$M ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/mmviz-prefix-XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
mkdir -p "$T/bin" "$T/share/mmviz/themes" "$T/share/mmviz/scenarios" "$T/elsewhere" "$T/xdg"
cp "$M" "$T/bin/mmviz"
sed 's/"name": "light"/"name": "zz-installed"/' themes/light.json >"$T/share/mmviz/themes/zz-installed.json"
cat >"$T/share/mmviz/scenarios/zz-installed.json" <<'JSON'
{"schema": 1, "id": "zz-installed", "title": "Installed beside the binary",
 "steps": [{"run": "process create a.exe --bare", "expect": {"ok": true}}]}
JSON
cd "$T/elsewhere"
export XDG_DATA_HOME="$T/xdg" HOME="$T"
fail() { echo "install_prefix: $*" >&2; exit 1; }

out=$("$T/bin/mmviz" --list-themes) || fail "--list-themes failed"
printf '%s\n' "$out" | grep -q "^zz-installed .*$T/share/mmviz/themes/zz-installed.json" ||
	fail "--list-themes does not show the installed theme: $out"
printf '%s\n' "$out" | grep -q '^mono ' || fail "--list-themes lost the built-ins: $out"

out=$("$T/bin/mmviz" --list-scenarios) || fail "--list-scenarios failed"
printf '%s\n' "$out" | grep -q '^zz-installed .*Installed beside the binary' ||
	fail "--list-scenarios does not show the installed scenario: $out"
printf '%s\n' "$out" | grep -q '^tour ' || fail "--list-scenarios lost the built-in tour: $out"

out=$("$T/bin/mmviz" --check zz-installed) || fail "--check zz-installed: $out"
printf '%s\n' "$out" | grep -q '^PASS  zz-installed' || fail "--check: $out"

"$T/bin/mmviz" --theme zz-installed --screen 80x24 zz-installed >/dev/null 2>"$T/err" ||
	fail "--theme zz-installed: $(cat "$T/err")"
if "$T/bin/mmviz" --theme zz-not-there --screen 80x24 zz-installed >/dev/null 2>"$T/err"; then
	fail "an unknown theme was accepted"
fi
grep -q 'unknown theme "zz-not-there"' "$T/err" || fail "unknown theme: $(cat "$T/err")"
echo "install_prefix: ok"
