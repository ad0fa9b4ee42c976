#!/bin/sh
# tui_links_mouse.sh — the links of Use Counts and the split view, by key
# and by mouse click (xterm's SGR form, as tui_manners.sh sends it), in
# tmux (docs/tui.md TUI-LINKS): a cell of Use Counts opens Physical Pages
# with only the frames of that use on that list; a row of the split view
# opens that region in that process's address space, a click on its Both
# count that frame in the physical-memory pane. Exits 0 when every
# check passed.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

# click X Y (1-based screen cell), retried as tui_free.sh does: a click is
# idempotent, and one sent while the screen is drawn can be lost
click_until() { # click_until X Y REGEX
	for try in 1 2 3 4 5; do
		e2e_send -l "$(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$1" "$2" "$1" "$2")"
		deadline=$(( $(e2e_now_ms) + 2000 ))
		while [ "$(e2e_now_ms)" -lt "$deadline" ]; do
			e2e_screen | grep -Eq -- "$3" && return 0
			sleep 0.1
		done
	done
	e2e_fail "clicking $1,$2 never showed /$3/"
}
# the 1-based row and column where the screen first shows REGEX's match
# (box lines become one-byte characters, so that awk counts columns)
where() { e2e_screen | sed 's/[│┌┐└┘─]/#/g' | awk -v re="$1" 'match($0, re) { print NR, RSTART; exit }'; }

e2e_start 80 24 "$MMVIZ --lang en rammap"
e2e_wait_for 'Physical memory as RAMMap'
e2e_send End
e2e_wait_for 'step 7/7'

# Use Counts by key: Down to Process Private, . (>) to Active, Enter
e2e_send r
e2e_wait_for 'Use Counts \(RAMMap\)'
e2e_send Down . Enter
e2e_wait_for 'Physical Pages \(RAMMap\)'
e2e_wait_for 'Process Private on Active: 16 frames'
e2e_wait_for 'Active +private'
# Esc goes back where the user came from: Use Counts (docs/tui.md TUI-LINKS)
e2e_send Escape
e2e_wait_gone 'Physical Pages \(RAMMap\)'
e2e_wait_for 'Use Counts \(RAMMap\)'

# by click: the Modified count of Process Private (16)
e2e_wait_for 'Process Private +32 +16 +16'
set -- $(where 'Process Private +32 +16 +16')
row=$1
col=$(e2e_screen | sed 's/[│┌┐└┘─]/#/g' | sed -n "${row}p" | awk '{ n = index($0, "16"); s = substr($0, n + 2); print n + 2 + index(s, "16") - 1 }')
click_until "$col" "$row" 'Process Private on Modified: 16 frames'
e2e_wait_for 'Modified +private'
# the Total column of Mapped File: its 8 frames on every list (Esc
# back to Use Counts)
e2e_send Escape
e2e_wait_gone 'Physical Pages \(RAMMap\)'
e2e_wait_for 'Mapped File +8 +8'
set -- $(where 'Mapped File +8')
click_until 21 "$1" 'Mapped File on every list: 8 frames'
e2e_send Escape
e2e_wait_gone 'Physical Pages \(RAMMap\)'
e2e_wait_for 'Use Counts \(RAMMap\)'
e2e_send Escape
e2e_wait_gone 'Use Counts \(RAMMap\)'

# the split view: a click on beta.exe's first region opens it in the
# address-space pane, selected, of beta.exe (pid 940)
e2e_send 2
e2e_wait_for 'Two processes'
e2e_wait_for '\|940 beta.exe'
set -- $(where '\|P Private')
click_until $(( $2 + 3 )) "$1" 'Address space: beta\.exe'
e2e_wait_gone 'Two processes'
# Esc there goes back to the current process
e2e_send Escape
e2e_wait_for 'Address space: alpha\.exe'
# by key: . (>) the right side, Enter: beta.exe again
e2e_send 2
e2e_wait_for 'Two processes'
e2e_send . Enter
e2e_wait_for 'Address space: beta\.exe'

e2e_send q
[ "$(e2e_wait_exit)" = 0 ] || e2e_fail "mmviz did not quit cleanly"
e2e_stop

# a frame both processes share: in dll-sharing at step 9 the image's code
# page is in both working sets; a click on its Both count (1) selects it
# in the physical-memory pane, an image page with share count 2
e2e_start 160 48 "$MMVIZ --lang en --no-questions dll-sharing"
e2e_wait_for 'space play'
for i in $(seq 1 20); do e2e_screen | grep -q 'cmd 12  step 9/20' && break; e2e_send N; sleep 0.3; done
e2e_wait_for 'cmd 12  step 9/20'
e2e_send 2
e2e_wait_for 'Two processes'
set -- $(where 'I 7ff7f0000000 Image')
[ -n "$1" ] || e2e_fail "no image row in the split view"
click_until $(( $2 + 38 )) "$1" '\* PFN 0x[0-9a-f]+ active image share 2'
e2e_send q
[ "$(e2e_wait_exit)" = 0 ] || e2e_fail "mmviz did not quit cleanly"
e2e_stop
echo "tui_links_mouse: ok"
