#!/bin/sh
# tui_typeahead.sh — keys typed while a long command runs are kept and
# handled after it, in order, as a terminal's type-ahead (docs/tui.md
# TUI-ROBUST), with each backend: the 1 GB commit and the touch of it are
# typed at once, then a `say`; the bottom line counts the keys kept while
# the touch runs, and all three results appear. (Esc dropping
# what was typed before it is tests/unit/49_tui_faults.c's.) Exits 0 when
# every check passed.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

for backend in ncurses tickit; do
	e2e_start 100 30 "$MMVIZ --free --ram 2G --backend $backend"
	trap 'e2e_stop' EXIT INT TERM
	e2e_wait_for 'An empty machine'
	e2e_send :
	e2e_send -l 'process create a.exe'
	e2e_send Enter
	e2e_wait_for 'Address space: a.exe'
	# three commands typed without waiting for any result
	e2e_send :
	e2e_send -l '$a = VirtualAlloc 0 1G MEM_RESERVE|MEM_COMMIT PAGE_READWRITE'
	e2e_send Enter
	e2e_send :
	e2e_send -l 'touch $a 1G w'
	e2e_send Enter
	e2e_send :
	e2e_send -l 'say typed-ahead'
	e2e_send Enter
	# while the touch runs (seconds for 1 GB), the bottom line says the
	# keys were taken
	e2e_wait_for 'micro-steps, [0-9]+ keys kept' 30000
	e2e_wait_for '> say typed-ahead' 60000
	e2e_alive
	# all three ran: four commands with `process create`, the 1 GB active
	e2e_wait_for 'cmd 4 ' 5000
	e2e_wait_for 'active 26[0-9]{4} ' 5000
	echo "$backend: the commands typed ahead ran"
	e2e_stop
done
echo "ok tui_typeahead"
