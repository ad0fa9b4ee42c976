#!/bin/sh
# codemap.sh — prints CODE-MAP: one line per source file, taken from the
# first line of its header comment ("name.c — what it holds").
for f in $(git ls-files 'core/*.[ch]' 'core/*/*.[ch]' 'tui/*.[ch]' 'tests/*.[ch]' 'tests/*/*.[ch]' 'tests/*.sh' 'tests/*/*.sh' 'tools/*' Makefile | sort); do
	line=$(grep -m1 -E '^ \* [^ ]+ — |^# [^ ]+ — |^/\* [^ ]+ — ' "$f" | sed -E 's/^( \*|#|\/\*) [^ ]+ — //; s/ \*\/$//')
	printf '%-32s %s\n' "$f" "$line"
done
