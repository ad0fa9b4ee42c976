#!/bin/sh
# tui_tour.sh — the TUI in a real terminal (tmux): start on the tour, play,
# pause, step back and forward exactly, type commands (one failing), the
# help screen, a resize storm down to 10x5 and back, quit.  Exits 0 when
# every check passed.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

e2e_start 80 24 "$MMVIZ" --no-questions # (questions: tui_ask.sh)
# the tour opens paused at its first step (words only)
e2e_wait_for 'Welcome to mmviz'
e2e_wait_for 'space play'
e2e_send Home
e2e_wait_for 'A guided tour: from reserved memory to a'

# n: the first step again, n again: the next command begins
e2e_send n
e2e_wait_for 'Welcome to mmviz'
e2e_send n
e2e_wait_for '> process create tour.exe --bare'
e2e_wait_for 'micro 0/9'

# play a little, then pause
e2e_send +; e2e_send +; e2e_send +; e2e_send +
e2e_send Space
e2e_wait_for 'playing'
e2e_wait_for 'micro [3-9]/9|step 3/' 8000
# space pauses (during a step's reading countdown it goes on at once
# instead: docs/tui.md TUI-PLAY), so it is pressed while micro-steps play
tries=0
until e2e_screen | grep -q 'paused'; do
	tries=$((tries + 1))
	[ $tries -gt 40 ] && e2e_fail "space did not pause"
	if e2e_screen | grep -q 'playing [0-9]*ms'; then
		e2e_send Space
		sleep 0.2
	else
		sleep 0.02
	fi
done

# exact step back: n, p shows the same screen again
e2e_send N
# at the command's end: micro N/N, or no micro count at all when the pause
# fell on a command without micro-steps (machine); then wait until the
# screen holds still, so that "before" is what N left
e2e_wait_for 'micro ([0-9]+)/\1 |cmd [0-9]+  step [0-9]+/14  ‖ paused'
before=$(e2e_screen); sleep 0.3
while [ "$(e2e_screen)" != "$before" ]; do before=$(e2e_screen); sleep 0.3; done
e2e_send Right
e2e_wait_gone "$(printf '%s' "$before" | head -1 | sed 's/[][\\.*^$|+?(){}]/./g')" 3000
e2e_send Left
deadline=$(( $(e2e_now_ms) + 3000 ))
while [ "$(e2e_screen)" != "$before" ]; do
	[ "$(e2e_now_ms)" -ge "$deadline" ] && e2e_fail "stepping back did not restore the screen"
	sleep 0.05
done

# a command typed on the command line, and one that fails
e2e_send :
e2e_send -l '!vm'
e2e_send Enter
e2e_wait_for 'Available Pages:'
e2e_send :
e2e_send -l 'VirtualAlloc 0'
e2e_send Enter
e2e_wait_for "error in 'VirtualAlloc 0'"
e2e_wait_for 'too few arguments'
e2e_alive

# help
e2e_send '?'
e2e_wait_for 'Keys \(any key closes\)'
e2e_send x
e2e_wait_gone 'Keys \(any key closes\)'

# resize storm down to 10x5 and back
for size in "100 30" "60 18" "59 17" "40 10" "10 5" "200 60" "10 5" "33 11" "120 32" "70 20" "10 5"; do
	e2e_resize $size
	sleep 0.02
done
e2e_wait_for '60x18'
e2e_alive
e2e_resize 80 24
e2e_wait_for 'Translation'
e2e_resize 160 48
e2e_wait_for 'Physical memory: 4096 frames'
e2e_resize 80 24
e2e_wait_for 'RAM: 4096 frames'

# pasted garbage and unknown keys change nothing harmful
e2e_send -l 'zZ<>[]{}~!@#$%^&*()_=|\/'"'"'",.`'
e2e_send F5 F12 IC M-x C-x BTab
e2e_alive
e2e_wait_for 'mmviz'

e2e_send q
st=$(e2e_wait_exit) || exit 1
[ "$st" = 0 ] || e2e_fail "exit status $st"
e2e_stop
echo "ok tui_tour"
