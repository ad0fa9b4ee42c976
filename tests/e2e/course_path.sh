#!/bin/sh
# course_path.sh — the course path of the shipped scenarios holds together
# (docs/scenarios.md SCN-COURSE): one loader cannot see the other files, so
# the set is checked here.  Every `requires` names a shipped scenario that
# is itself on the path with a smaller `order`; no two share an order; and
# `mmviz --list-scenarios`, run where scenarios/ is, prints the scenarios
# on the path first, in ascending order, with their place and minutes.
# Every shipped file has a block, written on one line ("course": {...}); a block
# spread over lines fails here, so none escapes the check.
set -eu
M=${MMVIZ:-build/mmviz}
fails=0
bad() { echo "course_path: $*" >&2; fails=$((fails + 1)); }
T=$(mktemp -d "${TMPDIR:-/tmp}/mmviz-course-XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM

# id order minutes requires... ; one line per scenario on the path
for f in scenarios/*.json; do
	id=$(basename "$f" .json)
	n=$(grep -c '"course"' "$f" || true)
	[ "$n" = 0 ] && { bad "$f: no course block (every shipped scenario is on the path)"; continue; }
	line=$(grep '"course"' "$f")
	case $line in
	*'"course": {"order": '*', "minutes": '*'}'*) ;;
	*) bad "$f: the course block is not on one line: $line"; continue ;;
	esac
	o=$(printf '%s\n' "$line" | sed 's/.*"order": *\([0-9]*\).*/\1/')
	m=$(printf '%s\n' "$line" | sed 's/.*"minutes": *\([0-9]*\).*/\1/')
	r=$(printf '%s\n' "$line" | sed -n 's/.*"requires": *\[\([^]]*\)\].*/\1/p' | tr ',' ' ' | tr -d '"')
	echo "$id $o $m $r" >>"$T/path"
done
[ -s "$T/path" ] || bad "no shipped scenario is on the course path"
[ -s "$T/path" ] || exit 1

dup=$(cut -d' ' -f2 "$T/path" | sort -n | uniq -d)
[ -z "$dup" ] || bad "two scenarios share course order $dup"
while read -r id o m reqs; do
	for r in $reqs; do
		ro=$(awk -v r="$r" '$1 == r { print $2 }' "$T/path")
		if [ -z "$ro" ]; then
			bad "$id requires $r, which is not a shipped scenario on the course path"
		elif [ "$ro" -ge "$o" ]; then
			bad "$id (order $o) requires $r, which comes later (order $ro)"
		fi
	done
done <"$T/path"

# --list-scenarios: the path first, by order, each with "(course O, M min)"
sort -k2,2n "$T/path" | awk '{ printf "%s (course %s, %s min)\n", $1, $2, $3 }' >"$T/want"
"$M" --lang en --list-scenarios >"$T/list" || bad "--list-scenarios failed"
n=$(wc -l <"$T/want")
head -n "$n" "$T/list" | sed 's/^\([^ ]*\) .*  (course \([0-9]*\), \([0-9]*\) min)$/\1 (course \2, \3 min)/' >"$T/got"
cmp -s "$T/want" "$T/got" || bad "--list-scenarios does not start with the course path in order: $(diff "$T/want" "$T/got" | head -5)"
"$M" --lang de --list-scenarios | head -n 1 | grep -q '  (Kurs [0-9]*, [0-9]* Min\.)$' ||
	bad "--lang de --list-scenarios does not say Kurs ... Min."
[ "$fails" = 0 ]
