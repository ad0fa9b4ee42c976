#!/bin/sh
# tui_rammap.sh — RAMMap's screens and the split view in a real terminal
# (tmux; docs/tui.md TUI-RAM, TUI-SPLIT, TUI-LINKS): r, F, 2, a open their
# screens and the same key or Esc closes them; ] filters Physical Pages by
# process; a click on a row opens the frame in the physical-memory pane;
# c colours the map by use; the translation pane follows its PTE to the
# frame with Enter. Exits 0 when every check passed.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

e2e_start 80 24 "$MMVIZ rammap"
e2e_wait_for 'Physical memory as RAMMap'
e2e_send End
e2e_wait_for 'step 7/7'

# Use Counts: r opens, r closes
e2e_send r
e2e_wait_for 'Use Counts \(RAMMap\)'
e2e_wait_for 'Process Private +32 +16 +16'
e2e_send r
e2e_wait_gone 'Use Counts'

# File Summary: F opens, Esc closes
e2e_send F
e2e_wait_for 'File Summary'
e2e_wait_for 'data.bin +8 +8'
e2e_send Escape
e2e_wait_gone 'File Summary'

# the split view: alpha.exe (current) beside beta.exe; ] takes the next
e2e_send 2
e2e_wait_for 'Two processes'
e2e_wait_for '936 alpha.exe .*\|940 beta.exe'
e2e_send ']'
e2e_wait_for '\|4 System'
e2e_send 2
e2e_wait_gone 'Two processes'

# Physical Pages: ] shows the current process's frames; a click on the
# first row opens that frame (0x7, a page table) in the physical pane
e2e_send m
e2e_wait_for 'Physical Pages'
e2e_send ']'
e2e_wait_for 'process 936: '
e2e_wait_for 'T +7 Active +pgtable'
y=$(e2e_screen | grep -n 'Physical Pages' | head -1 | cut -d: -f1)
[ -n "$y" ] || e2e_fail "no Physical Pages frame"
yb=$(printf '%x' $((32 + y + 3))) # the border's line, then two heading rows
clicked=
for try in 1 2 3 4 5; do # a click is idempotent (see tui_free.sh)
	e2e_send -H 1b 5b 4d 20 25 "$yb"
	e2e_send -H 1b 5b 4d 23 25 "$yb"
	deadline=$(( $(e2e_now_ms) + 3000 ))
	while [ "$(e2e_now_ms)" -lt "$deadline" ]; do
		if e2e_screen | grep -q 'PFN 0x7 active page_table'; then clicked=1; break; fi
		sleep 0.1
	done
	[ -n "$clicked" ] && break
done
[ -n "$clicked" ] || e2e_fail "clicking the first row never opened frame 0x7"
e2e_wait_gone 'Physical Pages'

# c: the map by use, and back by list (the physical pane has the focus)
e2e_send c
e2e_wait_for 'RAM by use'
e2e_wait_for 'P private 32'
e2e_send c
e2e_wait_gone 'RAM by use'

# the translation pane follows its PTE to the frame: read a private page,
# focus the translation pane, Enter selects its frame
e2e_send :
e2e_send -l 'read $p'
e2e_send Enter
e2e_wait_for '> read \$p'
e2e_send BTab
e2e_send Enter
e2e_wait_for 'PFN 0x[0-9a-f]+ active private'

e2e_send q
[ "$(e2e_wait_exit)" = 0 ] || e2e_fail "mmviz did not quit cleanly"
e2e_stop
echo "tui_rammap: ok"
