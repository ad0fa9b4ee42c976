#!/bin/sh
# codemap.sh — prints CODE-MAP: the files of each folder under a heading,
# one entry a file with the first whole sentence of its header comment
# ("name.c — what it holds."), joined across lines and wrapped at 100
# columns. Run from the top of the checkout: sh tools/codemap.sh > CODE-MAP
# the folders in layer order (docs/architecture.md), then the rest
files=$(for d in . core/include core/base core/hw core/mm core/win32 core core/lang core/scenario tui \
	tests tests/unit tests/e2e tests/fuzz tests/bench tools; do
	git ls-files "$d/*.[ch]" "$d/*.sh" "$d/Makefile" | grep -E "^${d#./}/?[^/]*$|^[^/]*$" | sort
done | awk '!seen[$0]++')
sentence() { # the first sentence after "NAME — " in the file's opening comment
	awk '
	NR == 1 && !/^(\/\*|#)/ { exit }
	/^ \*\/|^\*\// { exit }
	{ sub(/^(\/\*|#!.*|#| \*) ?/, ""); }
	!started { i = index($0, " — "); if (i == 0) next; $0 = substr($0, i + 5); started = 1 }
	started {
		if ($0 == "") exit
		text = text (text == "" ? "" : " ") $0
		if (match(text, /[^.][.]( |$)/)) { print substr(text, 1, RSTART + 1); done = 1; exit }
	}
	END { if (!done && text != "") print text }
	' "$1"
}
printf '%s\n' "CODE-MAP — every file of mmviz with what it holds, folder by folder (regenerate with" \
	"sh tools/codemap.sh > CODE-MAP; the layers are drawn in README.md and docs/architecture.md)."
last=""
for f in $files; do
	dir=$(dirname "$f")
	if [ "$dir" != "$last" ]; then
		printf '\n%s/\n' "$dir"
		last=$dir
	fi
	s=$(sentence "$f")
	[ -n "$s" ] || s="(no header sentence)"
	printf '%s\n' "$(basename "$f")  $s" | fold -s -w 100 | sed '2,$s/^/      /; 1s/^/  /'
done
