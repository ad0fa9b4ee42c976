#!/bin/sh
# man_lint.sh — every man page under man/ renders without a warning:
# `groff -ww -man -z` for the terminal devices, `mandoc -T lint` with
# nothing to say, and `man -l` with an empty standard error; each page has
# the sections the man-page conventions ask of it (the German page their
# German names).  Tools missing is a failure, not a skip: `make deps`
# installs them (DEBPKGS).
set -eu
fails=0
bad() { echo "man_lint: $*" >&2; fails=$((fails + 1)); }
for tool in groff mandoc man; do
	command -v "$tool" >/dev/null || { echo "man_lint: $tool is not installed (make deps installs it)" >&2; exit 1; }
done
T=$(mktemp "${TMPDIR:-/tmp}/mmviz-manlint-XXXXXX")
trap 'rm -f "$T" "$T.out" "$T.json"' EXIT INT TERM

pages=$(ls man/*.[1-9] man/de/*.[1-9])
# Sources are ASCII (umlauts as \(:a ...), so groff reads them alike with
# or without preconv.
for p in $pages; do
	LC_ALL=C grep -n '[^ -~	]' "$p" >"$T" && bad "$p has non-ASCII bytes: $(head -3 "$T")"
done
[ "$(printf '%s\n' "$pages" | wc -l)" -ge 4 ] || { echo "man_lint: too few pages: $pages" >&2; exit 1; }
for p in $pages; do
	# the German page needs a device with umlauts; the English ones must
	# render in plain ASCII too
	case $p in man/de/*) devs="utf8 latin1 ps" ;; *) devs="utf8 ascii ps" ;; esac
	for dev in $devs; do
		groff -ww -man -T"$dev" -z "$p" >"$T" 2>&1 || bad "groff -T$dev failed on $p"
		[ -s "$T" ] && bad "groff -ww -T$dev warns on $p: $(head -5 "$T")"
	done
	mandoc -T lint "$p" >"$T" 2>&1 || true
	[ -s "$T" ] && bad "mandoc -T lint on $p: $(head -5 "$T")"
	LANG=C.UTF-8 MANWIDTH=80 man -l "$p" >"$T.out" 2>"$T" || bad "man -l $p failed"
	[ -s "$T" ] && bad "man -l $p warns: $(head -5 "$T")"
	grep -q "^NAME\|^BEZEICHNUNG" "$T.out" || bad "man -l $p: no NAME section in the rendered page"
	rm -f "$T.out"
done

# The sections each page must have, in its source (.SH lines).
need() { # need PAGE SECTION...
	p=$1; shift
	for s in "$@"; do
		grep -qx "\.SH \"*$s\"*" "$p" || bad "$p has no section $s"
	done
}
need man/mmviz.1 NAME SYNOPSIS DESCRIPTION OPTIONS KEYS COMMANDS FILES ENVIRONMENT "EXIT STATUS" EXAMPLES "SEE ALSO"
need man/de/mmviz.1 BEZEICHNUNG "\\\\(:UBERSICHT" BESCHREIBUNG OPTIONEN TASTEN BEFEHLE DATEIEN UMGEBUNG EXIT-STATUS BEISPIELE "SIEHE AUCH"
for p in man/mmviz-scenario.5 man/mmviz-theme.5; do
	need "$p" NAME SYNOPSIS DESCRIPTION FILES EXAMPLES "SEE ALSO"
	need "man/de/${p#man/}" BEZEICHNUNG "\\\\(:UBERSICHT" BESCHREIBUNG DATEIEN BEISPIELE "SIEHE AUCH"
done
# The pages name one another as they are installed; each English page has
# its German translation.
for p in man/*.[1-9]; do
	[ -f "man/de/${p#man/}" ] || bad "$p has no German translation man/de/${p#man/}"
done
for p in man/mmviz-scenario.5 man/mmviz-theme.5 man/de/mmviz-scenario.5 man/de/mmviz-theme.5; do
	grep -q 'mmviz (1)' "$p" || bad "$p does not refer to mmviz(1) in SEE ALSO"
done
grep -q 'mmviz\\-scenario (5)' man/mmviz.1 || bad "man/mmviz.1 does not refer to mmviz-scenario(5)"
grep -q 'mmviz\\-theme (5)' man/mmviz.1 || bad "man/mmviz.1 does not refer to mmviz-theme(5)"

# The example scenario of mmviz-scenario(5), in both languages, is a real
# one: it passes --check.
M=${MMVIZ:-build/mmviz}
for p in man/mmviz-scenario.5 man/de/mmviz-scenario.5; do
	awk '/^\.EX/ { n++; on = 1; next } /^\.EE/ { on = 0 } on && n == 2' "$p" |
		sed 's/\\-/-/g' >"$T.json"
	out=$("$M" --check "$T.json" 2>&1) || bad "the example of $p fails --check: $out"
	printf '%s\n' "$out" | grep -q '^PASS  first-fault  (4 steps)' || bad "the example of $p: $out"
done
rm -f "$T.json"
[ "$fails" -eq 0 ] || { echo "man_lint: $fails problems" >&2; exit 1; }
echo "man_lint: ok ($(printf '%s\n' "$pages" | wc -l) pages)"
