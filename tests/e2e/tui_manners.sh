#!/bin/sh
# tui_manners.sh — terminal manners (issue 12 item 5), in tmux, with each
# backend: a mouse click (xterm's SGR form, mode 1006) selects a frame in
# the physical-memory map and the wheel moves the selection; Ctrl-Z
# suspends mmviz in a job-control shell and `fg` brings the screen back,
# and mmviz goes on taking keys.  Then the command line outside the TUI:
# --batch at a terminal shows its prompt, an unknown option is named as
# such, a typo gets the nearest option, a pipe on standard input is named.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc
command -v bash >/dev/null || { echo "skip tui_manners (no bash for job control)"; exit 0; }

for be in ncurses tickit; do
	e2e_start 80 24 "env PS1='PROMPT$ ' bash --norc --noprofile -i"
	e2e_wait_for 'PROMPT\$'
	e2e_send "$MMVIZ --backend $be --no-questions demand-zero" Enter
	e2e_wait_for 'space play'
	e2e_send N N N
	e2e_wait_for 'cmd 4  step 4/17'
	# the pane asked for SGR mouse reports
	[ "$($E2E_T display -p -t app '#{mouse_sgr_flag}')" = 1 ] || e2e_fail "$be: no SGR mouse mode"
	# beside the step's words the map is folded to a line on the
	# narration's top border (docs/tui.md TUI-LAYOUT): a click there
	# brings it back, in the address pane's place
	row=$(e2e_screen | grep -n 'RAM 4096 frames:' | head -n 1 | cut -d: -f1)
	[ -n "$row" ] && e2e_send -l "$(printf '\033[<0;40;%dM\033[<0;40;%dm' "$row" "$row")"
	e2e_wait_for '^┌─\[ RAM: 4096 frames'
	# a click on a cell of the RAM map (row 4, column 12): that frame
	e2e_send -l "$(printf '\033[<0;12;4M\033[<0;12;4m')"
	e2e_wait_for '^│\* PFN 0x[0-9a-f]+ '
	pfn=$(e2e_screen | sed -n 's/^│\* PFN \(0x[0-9a-f]*\) .*/\1/p' | head -n 1)
	# the wheel moves the selection down a row of cells
	e2e_send -l "$(printf '\033[<65;12;4M')"
	e2e_wait_gone "^│\\* PFN $pfn "
	e2e_wait_for '^│\* PFN 0x'
	# Ctrl-Z: the shell's job control stops mmviz; fg restores the screen
	e2e_send C-z
	e2e_wait_for 'Stopped'
	e2e_wait_for 'PROMPT\$ *$'
	e2e_send fg Enter
	e2e_wait_for 'cmd 4  step 4/17'
	e2e_wait_for '4096 frames'
	e2e_send n
	e2e_wait_for 'cmd 5'
	e2e_send q
	e2e_wait_for 'PROMPT\$ *$'
	e2e_stop
	echo "ok $be: click, wheel, Ctrl-Z and fg"
done

# --batch typed at a terminal: the prompt, on standard error
e2e_start 80 24 "$MMVIZ" --batch
e2e_wait_for 'type commands \(help lists them, Ctrl-D ends\)'
e2e_wait_for '^mmviz>'
e2e_send "VirtualAloc 0 4K" Enter
e2e_wait_for "did you mean 'VirtualAlloc'"
# the line typed is on the screen once: no "> line" echo under it
e2e_send "process create a.exe --bare" Enter
e2e_wait_for '^dirbase_pfn:'
e2e_screen | grep -q '^> ' && e2e_fail "--batch at a terminal echoed the typed line"
e2e_send C-d
[ "$(e2e_wait_exit)" = 1 ] || e2e_fail "--batch did not end on Ctrl-D with status 1 (a command failed)"
e2e_stop

# options: unknown, a typo, standard input not a terminal
out=$("$MMVIZ" --bogus 2>&1); rc=$?
[ $rc = 2 ] && printf '%s\n' "$out" | grep -q "unknown option '--bogus'" || { echo "E2E FAIL: --bogus: $out" >&2; exit 1; }
out=$("$MMVIZ" --no-question 2>&1)
printf '%s\n' "$out" | grep -q "did you mean --no-questions?" || { echo "E2E FAIL: --no-question: $out" >&2; exit 1; }
e2e_start 80 24 "echo | $MMVIZ; sleep 5"
e2e_wait_for 'standard input is not a terminal'
e2e_stop
echo "ok tui_manners"
