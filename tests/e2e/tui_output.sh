#!/bin/sh
# tui_output.sh — a long output in a real terminal (tmux, 80x24): `help`
# in free play fills the narration with the batch's text, its cut lines
# marked → on the border and "lines 1-8 of N" below it; the key line offers
# O; O opens the output screen, PgDn pages it to its last line, > scrolls
# it sideways, Esc goes back; with the narration focused, PgDn scrolls the
# output there too (docs/tui.md TUI-OUTPUT).  Exits 0 when every check passed.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

e2e_start 80 24 "$MMVIZ --free --lang en"
e2e_wait_for 'An empty machine'

e2e_send :
e2e_send -l 'help'
e2e_send Enter
e2e_wait_for '│  process create NAME \[--bare\] \[--lock-memory\] n→$'
e2e_wait_for 'lines 1-8 of [0-9]+, O: all output'
e2e_wait_for '^O output  space play'
total=$(e2e_screen | sed -n 's/.*lines 1-8 of \([0-9]*\),.*/\1/p')
[ -n "$total" ] && [ "$total" -gt 60 ] || e2e_fail "help has $total lines?"

# the output screen, paged to its end
e2e_send O
e2e_wait_for 'Output of > help'
e2e_wait_for "lines 1-[0-9]+ of $total"
e2e_send NPage
e2e_wait_for "lines [0-9]+-[0-9]+ of $total"
e2e_screen | grep -q '│lines 1-' && e2e_fail "PgDn did not page"
for i in 1 2 3 4 5 6 7 8 9 10; do e2e_send NPage; done
e2e_wait_for "lines [0-9]+-$total of $total"
e2e_wait_for 'GetLargePageMinimum'
# sideways: the descriptions' ends come into view
e2e_send '>'
e2e_wait_for 'columns 9-'
e2e_send Escape
e2e_wait_gone 'Output of > help'
e2e_wait_for 'lines 1-8 of'

# the narration focused (free play starts so): PgDn scrolls the output in place
e2e_wait_for '\[ Free play: 1 command \]'
e2e_send NPage
e2e_wait_for 'lines 5-12 of'

e2e_send q
st=$(e2e_wait_exit) || exit 1
[ "$st" = 0 ] || e2e_fail "mmviz exited with $st"
e2e_stop
echo "ok tui_output"
