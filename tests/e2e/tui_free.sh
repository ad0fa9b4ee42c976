#!/bin/sh
# tui_free.sh — free play in a real terminal (tmux): the command line's
# tab completion (command names, flags, variables), a typed command that
# animates and steps back, a mouse click selecting a frame, and a closed
# terminal (SIGHUP) ending mmviz cleanly.  Exits 0 when every check passed.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

e2e_start 100 30 "$MMVIZ --free --ram 16M"
e2e_wait_for 'An empty machine'

# completion: a command name, a two-word name, flags
e2e_send :
e2e_send -l 'process cr'
e2e_send Tab
e2e_wait_for ':process create$'
e2e_send -l 'a.exe --bare'
e2e_send Enter
e2e_wait_for 'Address space: a.exe'
e2e_send :
e2e_send -l '$p = Virtual'
e2e_send Tab
e2e_wait_for 'VirtualAlloc  VirtualAllocEx  VirtualFree'
e2e_send -l 'A'
e2e_send Tab
e2e_wait_for 'VirtualAlloc  VirtualAllocEx$'
e2e_send -l ' 0 64K MEM_RESERVE|MEM_COM'
e2e_send Tab
e2e_send -l ' PAGE_READW'
e2e_send Tab
e2e_wait_for ':\$p = VirtualAlloc 0 64K MEM_RESERVE\|MEM_COMMIT PAGE_READWRITE'
e2e_send Enter
e2e_wait_for 'Private'
# a variable, then the write animates; End jumps to its end
e2e_send :
e2e_send -l 'write $'
e2e_send Tab
e2e_wait_for ':write \$p$'
e2e_send Enter
e2e_wait_for 'Translation \(animated\)'
e2e_send End
e2e_wait_for 'PA 0x'
e2e_wait_for 'demand_zero'
# step back into the fault: the handler's steps show
for i in 1 2 3 4 5 6 7 8 9 10 11; do e2e_send Left; done
e2e_wait_for 'page fault'
e2e_send End

# history: Up brings the last line back
e2e_send :
e2e_send Up
e2e_wait_for ':write \$p'
e2e_send Escape
e2e_wait_gone ':write \$p'

# a mouse click (X10 encoding, as ncurses asks tmux-256color for) on the
# first cell of the physical map selects frame 0
y=$(e2e_screen | grep -n 'RAM: \|Physical memory' | head -1 | cut -d: -f1)
[ -n "$y" ] || e2e_fail "no physical pane"
row=$((y))             # 1-based screen row of the pane's first map row
yb=$(printf '%x' $((32 + row + 1)))
# Under a loaded machine (the sanitizer suite on 2 cores) the escape
# sequence can reach ncurses in pieces and be read as Esc plus keys; a
# click is idempotent, so it is tried up to five times.
clicked=
for try in 1 2 3 4 5; do
	e2e_send -H 1b 5b 4d 20 22 "$yb"
	e2e_send -H 1b 5b 4d 23 22 "$yb"
	deadline=$(( $(e2e_now_ms) + 3000 ))
	while [ "$(e2e_now_ms)" -lt "$deadline" ]; do
		if e2e_screen | grep -q 'PFN 0x0 '; then clicked=1; break; fi
		sleep 0.1
	done
	[ -n "$clicked" ] && break
done
[ -n "$clicked" ] || e2e_fail "clicking frame 0 never selected it"
e2e_wait_for 'PFN 0x0 '

# the terminal goes away: mmviz ends, no crash
pid=$($E2E_T display -p -t app '#{pane_pid}')
kill -HUP "$pid"
st=$(e2e_wait_exit) || exit 1
case $st in sig\ 11|sig\ 6|sig\ 7|sig\ 8) e2e_fail "mmviz crashed on SIGHUP ($st)" ;; esac
e2e_stop
echo "ok tui_free"
