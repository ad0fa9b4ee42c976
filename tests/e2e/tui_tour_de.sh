#!/bin/sh
# tui_tour_de.sh — the tour in German at 80x24 (issue 12 item 7), in
# tmux: the German key line, status and narration; its first question
# (docs/tui.md TUI-ASK) in German, answered "4 KB" for 4096 (the one answer
# rule: a size is its number), the German verdict and score, and only then
# the step's narration; then space plays on.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

e2e_start 80 24 "$MMVIZ" --lang de
e2e_wait_for 'Willkommen bei mmviz'
e2e_wait_for 'Leertaste Start  n Schritt  N Befehl'
e2e_wait_for 'Schritt 1/14  ‖ Pause'
e2e_send N
e2e_wait_for 'Wir erzeugen einen Prozess'
e2e_send N
e2e_wait_for 'Frage: Schritt 3/14'
e2e_wait_for 'Wie viele Bytes umfasst eine Seite'
e2e_wait_for '\? Frage'
e2e_wait_for '^Antwort:'
# the step's say is held back until the answer (docs/scenarios.md SCN-ASK)
e2e_screen | grep -q 'vierstufigen Seitentabellen' && e2e_fail "the step's say shows with the question"
e2e_send -l '4 KB'
e2e_send Enter
e2e_wait_for 'Richtig: 4096 \(1 von 1 richtig\)'
e2e_wait_for 'vierstufigen'
e2e_wait_for 'Fragen 1/1 richtig'
e2e_wait_for 'Schritt 3/14'
scr=$(e2e_screen)
for en in 'answer:' 'Question:' 'paused' 'playing' 'space play' 'Right:'; do
	printf '%s\n' "$scr" | grep -q "$en" && e2e_fail "English on the German screen: $en"
done
e2e_send Space
e2e_wait_for 'Lesezeit [0-9]+ s|läuft' 8000
e2e_alive
e2e_send q
[ "$(e2e_wait_exit)" = 0 ] || e2e_fail "mmviz did not exit cleanly"
e2e_stop
echo "ok tui_tour_de"
