#!/bin/sh
# tui_paging_play.sh — a class presses space through the paging scenario
# (issue 12): at the default speed, space whenever the player waits (paused
# at a step marked pause, or counting down a step's reading time), and the
# end is reached within 60 seconds although the scenario's huge commands
# have thousands of micro-steps each (`touch $h 5M w`: 18,505); each plays
# as a few summary steps; its two questions (docs/tui.md TUI-ASK) are
# given up with Esc, as a teacher in a hurry would (docs/tui.md
# TUI-SUMMARY, TUI-PLAY).  On the way a
# summary step is seen; at the end, P goes back to the 5 MB touch, e opens
# its summary step into micro-steps, n steps inside it, e closes it.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

e2e_start 80 24 "$MMVIZ" paging
e2e_wait_for 'space play'
e2e_wait_for '450ms'
t0=$(e2e_now_ms)
# 60 s is the promise; the sanitizer build runs each step several times
# slower (the beats are the same, the commands between them are not)
limit=60000
[ "${MMVIZ_SUITE:-}" = asan ] && limit=240000
deadline=$((t0 + limit))
presses=0
saw_summary=0
# one capture a round, matched by the shell itself: the test reacts
# within a few tens of milliseconds, as a teacher watching would
while :; do
	scr=$(e2e_screen)
	top=${scr%%
*}
	case $scr in *"[+] "*" demand-zero faults (writes)"*) saw_summary=1 ;; esac
	case $top in *"step 15/15"*paused*) break ;; esac
	[ "$(e2e_now_ms)" -ge "$deadline" ] && e2e_fail "the end not reached within $((limit / 1000)) s ($presses presses)"
	case $top in
	*"? question"*) # the scenario's questions (TUI-ASK): given up, the step plays on
		e2e_send Escape
		presses=$((presses + 1))
		sleep 0.1
		;;
	*paused* | *"reading "[0-9]*" s"*)
		e2e_send Space
		presses=$((presses + 1))
		# until the status line changes (the press was taken), at most 2 s
		until_ms=$(( $(e2e_now_ms) + 2000 ))
		while [ "$(e2e_screen | head -n 1)" = "$top" ] && [ "$(e2e_now_ms)" -lt "$until_ms" ]; do
			sleep 0.02
		done
		;;
	*) sleep 0.02 ;;
	esac
done
t1=$(e2e_now_ms)
echo "the end after $(( (t1 - t0) / 1000 )).$(( (t1 - t0) % 1000 / 100 )) s, $presses presses of space"
[ $saw_summary = 1 ] || e2e_fail "no summary step was shown on the way"
# at the end: n says so
e2e_send n
e2e_wait_for 'the end of the scenario'
e2e_alive
# back to the second process's 5 MB touch: one summary step, e opens it
for i in 1 2 3 4 5 6 7 8; do
	e2e_send P
	sleep 0.1
	e2e_screen | grep -q '> touch \$h 5M w' && break
done
e2e_wait_for '> touch \$h 5M w'
e2e_wait_for 'part 1/1 \(18,505 micro-steps\), e: open'
e2e_send e
e2e_wait_for 'part 1/18,505'
e2e_wait_for '\[-\] 1,280 demand-zero faults'
e2e_send n n
e2e_wait_for 'part 3/18,505'
e2e_send e
e2e_wait_for 'part 1/1 '
e2e_send q
[ "$(e2e_wait_exit)" = 0 ] || e2e_fail "mmviz did not exit cleanly"
e2e_stop
echo "ok tui_paging_play"
