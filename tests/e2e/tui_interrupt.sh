#!/bin/sh
# tui_interrupt.sh — a long typed command stopped with Esc, and one with
# Ctrl+C (docs/tui.md TUI-ROBUST), with each backend: keys are read while
# the command runs, the command fails as "interrupted" and is undone, and
# the screen takes commands again. (That the undo is exact, state hash and
# invariant checker, is tests/unit/46_interrupt.c's.) Exits 0 when every
# check passed.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

for backend in ncurses tickit; do
	for key in Escape C-c; do
		e2e_start 100 30 "$MMVIZ --free --ram 2G --backend $backend"
		trap 'e2e_stop' EXIT INT TERM
		e2e_wait_for 'An empty machine'
		e2e_send :
		e2e_send -l 'process create a.exe'
		e2e_send Enter
		e2e_wait_for 'Address space: a.exe'
		e2e_send :
		e2e_send -l '$a = VirtualAlloc 0 1G MEM_RESERVE|MEM_COMMIT PAGE_READWRITE'
		e2e_send Enter
		# wait for its result before typing the touch: the Esc below is
		# for the touch, and would stop the commit (slow under ASan)
		e2e_wait_for 'value: "0x' 30000
		e2e_send :
		e2e_send -l 'touch $a 1G w'
		e2e_send Enter
		# the bottom line counts the micro-steps while it runs
		e2e_wait_for 'micro-steps so far' 30000
		e2e_send "$key"
		e2e_wait_for 'interrupted' 30000
		e2e_alive
		# the machine takes commands again, and the 1 GB was not written
		e2e_send :
		e2e_send -l 'say after-the-stop'
		e2e_send Enter
		e2e_wait_for 'after-the-stop' 30000
		e2e_alive
		echo "$backend: $key stopped the touch"
		e2e_stop
	done
done
echo "ok tui_interrupt"
