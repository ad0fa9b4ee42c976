#!/bin/sh
# tui_quiz.sh — the quiz as a screen of the TUI (docs/tui.md TUI-QUIZ;
# issue 13 item 3): `mmviz --quiz faults --seed 3` at a terminal shows the
# first question with its choices and an answer line, and no answer; a
# wrong answer gets a second try, the right one plays the question's
# command in the panes (micro-steps) with the worked solution in the
# narration and the score in the status line; n brings question 2, Esc
# gives it up, q ends the quiz and the score stays on the terminal.  The
# answer and the solution are the line mode's for the same seed (one
# generator), so the test knows them without a table of its own.
# Last, the key Q opens the quiz over a scenario (headless).
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

plain=$(printf 'zzz\n' | "$MMVIZ" --lang en --quiz faults --seed 3 --count 1 --plain)
answer=$(printf '%s\n' "$plain" | sed -n 's/.*Not right: the answer is \(.*\)\.$/\1/p')
[ -n "$answer" ] || { echo "E2E FAIL: the line mode gave no answer: $plain" >&2; exit 1; }
wrong=none
[ "$answer" = none ] && wrong=soft
# the solution's first numbered line, its first three words
sol=$(printf '%s\n' "$plain" | sed -n '/^Worked solution/{n;p;q}' | awk '{print $1, $2, $3}')

e2e_start 100 30 "$MMVIZ" --lang en --quiz faults --seed 3
e2e_wait_for 'Quiz: question 1 of 10 \[faults\], 0 of 0 right'
scr=$(e2e_screen)
printf '%s\n' "$scr" | grep -q 'a) none' || e2e_fail "no choices"
printf '%s\n' "$scr" | grep -q '^answer:' || e2e_fail "no answer line"
printf '%s\n' "$scr" | grep -qF "$sol" && e2e_fail "the solution shows before the answer"
e2e_send -l "$wrong"
e2e_send Enter
e2e_wait_for 'Not right: one more try'
e2e_send -l "$answer"
e2e_send Enter
e2e_wait_for "Right: $answer \\(1 of 1 right\\)"
e2e_wait_for 'quiz 1/1 right'
e2e_wait_for 'micro-step [0-9]+/[0-9]+'
e2e_wait_for "$(printf '%s' "$sol" | sed 's/[][\.*^$|+?(){}]/\\&/g')" 20000
e2e_wait_for 'n: next question' 30000
e2e_send n
e2e_wait_for 'Quiz: question 2 of 10 \[faults\], 1 of 1 right'
e2e_send Escape
e2e_wait_for 'quiz 1/2 right'
e2e_wait_for 'n: next question' 30000
e2e_send q
[ "$(e2e_wait_exit)" = 0 ] || e2e_fail "mmviz did not exit cleanly"
# the score stays on the terminal (in its history: the screen above the prompt)
i=0
until $E2E_T capture-pane -t app -p -S -200 | grep -q 'Score: 1 of 2 right\.'; do
	i=$((i + 1))
	[ $i -gt 40 ] && e2e_fail "no score after the quiz ended"
	sleep 0.1
done
e2e_stop
# Q over a scenario: the quiz's screen, every topic; German too
out=$("$MMVIZ" --lang en --screen 80x24 --keys Q demand-zero)
printf '%s\n' "$out" | grep -q 'Quiz: question 1 of 10' || { echo "E2E FAIL: Q opened no quiz: $out" >&2; exit 1; }
out=$("$MMVIZ" --lang de --screen 80x24 --quiz commit --seed 2)
printf '%s\n' "$out" | grep -q 'Quiz: Frage 1 von 10 \[commit\], 0 von 0 richtig' || { echo "E2E FAIL: no German quiz: $out" >&2; exit 1; }
printf '%s\n' "$out" | grep -q '^Antwort:' || { echo "E2E FAIL: no German answer line: $out" >&2; exit 1; }
echo "ok tui_quiz"
