#!/bin/sh
# man_drift.sh — the man pages cannot drift from the program: every option
# `mmviz --help` prints has its own entry (a .TP tag) in section OPTIONS of
# mmviz(1), every command `help` lists has one in COMMANDS, and every key
# of the TUI's key table (tui/keymap.c) one in KEYS; the same for the German
# page (OPTIONEN, BEFEHLE, TASTEN).  A failure names the option, command or
# key and the page and section it is missing from.
set -euf
M=${MMVIZ:-build/mmviz}
fails=0
miss() { echo "man_drift: $*" >&2; fails=$((fails + 1)); }

# The tags of one section of a page source, one per line, as plain text:
# the line after each .TP, its font macros, font escapes, \- and quotes
# removed.
tags() { # tags FILE SECTION
	awk -v sec="$2" '
		/^\.SH/ { s = $0; sub(/^\.SH +/, "", s); gsub(/"/, "", s); in_sec = (s == sec); next }
		in_sec && /^\.TP/ { want = 1; next }
		in_sec && want { print; want = 0 }
	' "$1" | sed -e 's/^\.[A-Z][A-Z]* //' -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\&//g' -e 's/"//g' -e 's/ *| */|/g'
}

# Does some tag of the list in $1 hold the token $2 (tokens split at blanks,
# commas, slashes, brackets, parentheses and |)?
has_token() {
	printf '%s\n' "$1" | tr ' ,/[]()|' '\n\n\n\n\n\n\n\n' | grep -qxF -- "$2"
}

# Does some tag begin with the command's words (its first word may be one
# of a |-list, as db|dw|dd|dq)?
has_command() {
	printf '%s\n' "$1" | awk -v cmd="$2" '
		{ n = split(cmd, w, " "); split($0, t, " "); k = split(t[1], alt, "|"); ok = 0
		  for (i = 1; i <= k; i++) if (alt[i] == w[1]) ok = 1
		  for (i = 2; i <= n; i++) if (t[i] != w[i]) ok = 0
		  if (ok) found = 1 }
		END { exit !found }'
}

options=$("$M" --help | grep -oE -- '(^|[][ ,|])--[a-z0-9][a-z0-9-]*' | sed 's/^[^-]*//' | sort -u)
[ "$(printf '%s\n' "$options" | wc -l)" -ge 20 ] || { echo "man_drift: --help printed too few options: $options" >&2; exit 1; }
commands=$(printf 'help\n' | "$M" --batch | sed -n 's/^  \([^ ]\)/\1/p' | awk '$1 == "process" { print $1 " " $2; next } { print $1 }' | sort -u)
[ "$(printf '%s\n' "$commands" | wc -l)" -ge 40 ] || { echo "man_drift: help listed too few commands: $commands" >&2; exit 1; }
# The key table's rows end with the key's name: {CH('n') or K(NAME), MODS, ACT_..., "name"},
keys=$(sed -n 's/^[[:space:]]*{\(CH\|K\)(.*ACT_[A-Z_]*, "\([^"]*\)"},*$/\2/p' tui/keymap.c | sort -u)
[ "$(printf '%s\n' "$keys" | wc -l)" -ge 20 ] || { echo "man_drift: found too few keys in tui/keymap.c (has the key table's layout changed?): $keys" >&2; exit 1; }

check_page() { # check_page FILE OPTIONS-SECTION COMMANDS-SECTION KEYS-SECTION
	page=$1
	t=$(tags "$page" "$2")
	for o in $options; do
		has_token "$t" "$o" || miss "option $o (printed by mmviz --help) is missing from $page, section $2"
	done
	t=$(tags "$page" "$3")
	printf '%s\n' "$commands" | while IFS= read -r c; do
		has_command "$t" "$c" || { echo "man_drift: command '$c' (listed by help) is missing from $page, section $3" >&2; echo x; }
	done >"$T.cmd"
	fails=$((fails + $(grep -c x "$T.cmd" || true)))
	t=$(tags "$page" "$4")
	for k in $keys; do
		has_token "$t" "$k" || miss "key $k (tui/keymap.c) is missing from $page, section $4"
	done
}
T=$(mktemp "${TMPDIR:-/tmp}/mmviz-mandrift-XXXXXX")
trap 'rm -f "$T" "$T.cmd"' EXIT INT TERM
check_page man/mmviz.1 OPTIONS COMMANDS KEYS
check_page man/de/mmviz.1 OPTIONEN BEFEHLE TASTEN

# Every theme role (one X(...) line each in tui/theme_roles.h) in mmviz-theme(5).
roles=$(sed -n 's/^[[:space:]]*X([A-Z0-9_]*, *"\([^"]*\)".*/\1/p' tui/theme_roles.h)
[ "$(printf '%s\n' "$roles" | wc -l)" -ge 40 ] || { echo "man_drift: found too few roles in tui/theme_roles.h: $roles" >&2; exit 1; }
for page in man/mmviz-theme.5 man/de/mmviz-theme.5; do
	words=$(tr -s ' ",' '\n\n\n' <"$page")
	for r in $roles; do
		printf '%s\n' "$words" | grep -qxF -- "$r" || miss "theme role $r (tui/theme_roles.h) is missing from $page (the list of roles)"
	done
done
[ "$fails" -eq 0 ] || { echo "man_drift: $fails missing" >&2; exit 1; }
echo "man_drift: ok ($(printf '%s\n' "$options" | wc -l) options, $(printf '%s\n' "$commands" | wc -l) commands, $(printf '%s\n' "$keys" | wc -l) keys, $(printf '%s\n' "$roles" | wc -l) roles)"
