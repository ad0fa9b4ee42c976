#!/bin/sh
# check-doc-ids.sh — every documentation id the code cites must exist.
#
# The documents in docs/ give each citable section a stable id in its
# heading ("## R-PFN-LISTS — page states and lists"; docs/README.md). Code
# comments cite them as "docs/reference.md R-PFN-LISTS", or by the bare id
# when the comment already named the document. This script collects
#   - the ids defined: the first word of every Markdown heading in
#     docs/*.md that looks like an id (PREFIX-WORD[-WORD...]), outside
#     fenced code blocks;
#   - the citations in core/, tui/, tests/, tools/, .ci/ and the Makefile: every
#     "docs/FILE.md" (the file must exist), every "docs/FILE.md ID" (the id
#     must be defined in that file), and every bare id with one of the
#     documents' prefixes (it must be defined in some document);
# and prints each citation that does not resolve as FILE:LINE: what is
# missing. It also refuses an id defined twice. Exit status 0 when all is
# well, 1 otherwise. Run from the repository's top directory.
set -u
cd "$(dirname "$0")/.." || exit 2

PREFIXES='CLI|CMD|OUT|SCN|TUI|THM|Q|R|SIMP|GLO'
ID="($PREFIXES)-[A-Z0-9]+(-[A-Z0-9]+)*"
SOURCES='core tui tests tools Makefile .ci'
tmp=$(mktemp -d) || exit 2
trap 'rm -rf "$tmp"' EXIT INT TERM

# 1. Ids defined: "docs/FILE.md ID" per line.
for f in docs/*.md; do
	[ -f "$f" ] || continue
	awk -v f="$f" '
		/^[ \t]*```/ { fence = !fence; next }
		!fence && /^#+[ \t]+[A-Z]+(-[A-Z0-9]+)+([ \t]|$)/ { print f " " $2 }
	' "$f"
done | sort > "$tmp/defined"
cut -d' ' -f2 "$tmp/defined" | sort -u > "$tmp/ids"

status=0
dups=$(cut -d' ' -f2 "$tmp/defined" | sort | uniq -d)
for d in $dups; do
	echo "check-doc-ids: $d is defined more than once: $(grep " $d\$" "$tmp/defined" | cut -d' ' -f1 | tr '\n' ' ')"
	status=1
done

# 2. Citations. This script itself is left out: its comments show examples.
# shellcheck disable=SC2086
grep -rnE "docs/[A-Za-z0-9_-]+\.md|\b$ID\b" $SOURCES 2>/dev/null |
	grep -v '^tools/check-doc-ids\.sh:' > "$tmp/lines"

# 2a. Cited documents must exist.
grep -oE '^[^:]+:[0-9]+:|docs/[A-Za-z0-9_-]+\.md' "$tmp/lines" |
	awk '/^docs\// { print where " " $0; next } { where = $0 }' |
	sort -u > "$tmp/files"
while read -r where doc; do
	if [ ! -f "$doc" ]; then
		echo "check-doc-ids: ${where} $doc does not exist"
		status=1
	fi
done < "$tmp/files"

# 2b. "docs/FILE.md ID": the id must be defined in that very file.
grep -oE "^[^:]+:[0-9]+:|docs/[A-Za-z0-9_-]+\.md[ ]+$ID" "$tmp/lines" |
	awk '/^docs\// { print where " " $1 " " $2; next } { where = $0 }' > "$tmp/pairs"
while read -r where doc id; do
	[ -f "$doc" ] || continue
	if ! grep -qx "$doc $id" "$tmp/defined"; then
		if grep -qx "$id" "$tmp/ids"; then
			echo "check-doc-ids: ${where} $id is not in $doc (it is in $(grep " $id\$" "$tmp/defined" | cut -d' ' -f1))"
		else
			echo "check-doc-ids: ${where} $doc $id does not exist"
		fi
		status=1
	fi
done < "$tmp/pairs"

# 2c. Every id cited, with or without its file, must exist somewhere.
grep -oE "^[^:]+:[0-9]+:|\b$ID\b" "$tmp/lines" |
	awk '/^[^:]+:[0-9]+:$/ { where = $0; next } { print where " " $0 }' > "$tmp/cited"
while read -r where id; do
	if ! grep -qx "$id" "$tmp/ids"; then
		echo "check-doc-ids: ${where} $id does not exist in docs/"
		status=1
	fi
done < "$tmp/cited"

if [ $status -eq 0 ]; then
	echo "check-doc-ids: $(wc -l < "$tmp/cited" | tr -d ' ') citations of $(wc -l < "$tmp/ids" | tr -d ' ') ids, all present"
fi
exit $status
