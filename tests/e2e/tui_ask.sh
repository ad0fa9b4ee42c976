#!/bin/sh
# tui_ask.sh — predict, then see (docs/tui.md TUI-ASK; issue 13): the
# demand-zero scenario stepped with N to its first question; the question
# is shown with the machine before the step and without the step's
# narration (its say, held back by default) or explanation; a wrong answer
# shows the hint and a second try, a right one plays the step, whose say
# and explanation then appear; the score is on the status line.  Then `a`
# switches questions off: N goes past the next one.  Last, --screen: a
# multiple-choice question shows its choices (English, German),
# --no-questions never stops, and an ask marked "say": "with" shows the
# step's say with the question.
cd "$(dirname "$0")/../.." || exit 1
. tests/e2e/lib.inc

e2e_start 80 24 "$MMVIZ" demand-zero
e2e_wait_for 'space play'
i=0
until e2e_screen | grep -q 'Question: step 7/17'; do
	i=$((i + 1))
	[ $i -gt 12 ] && e2e_fail "N never reached the question of step 7"
	e2e_send N
	sleep 0.3
done
scr=$(e2e_screen)
# the machine before the step: the cursor at step 6, the read not run
printf '%s\n' "$scr" | head -n 1 | grep -q 'step 6/17  ? question' || e2e_fail "the status does not say the question is open"
printf '%s\n' "$scr" | grep -q 'has no frame yet' || e2e_fail "no prompt"
printf '%s\n' "$scr" | grep -q '^answer:' || e2e_fail "no answer line"
printf '%s\n' "$scr" | grep -q 'read returns 0\|retried' && e2e_fail "the explanation shows before the answer"
printf '%s\n' "$scr" | grep -q 'The first read\.\|PML4 entry empty' && e2e_fail "the step's say shows before the answer"
printf '%s\n' "$scr" | grep -q '> read \$p 8' && e2e_fail "the step ran before the answer"
# keys are letters now: n does not step
e2e_send -l 'n'
e2e_wait_for '^answer: n'
e2e_send BSpace
e2e_send -l '5'
e2e_send Enter
e2e_wait_for 'Not quite. Hint: The page is created on demand'
e2e_wait_for 'Question: step 7/17'
e2e_send -l '0x0'
e2e_send Enter
e2e_wait_for 'Right: 0x0 \(1 of 1 right\)'
e2e_wait_for 'asked 1/1 right'
e2e_wait_for '> read \$p 8'
e2e_wait_for 'The first read\.' # the say, held back until now
e2e_wait_for 'retried' 20000
e2e_wait_for 'step 7/17.*paused' 20000
# questions off: N passes the next question (step 14) without stopping
e2e_send a
e2e_wait_for 'questions off'
i=0
until e2e_screen | grep -q 'step 15/17'; do
	i=$((i + 1))
	[ $i -gt 12 ] && e2e_fail "N did not pass step 14 with questions off"
	e2e_screen | grep -q 'Question: step' && e2e_fail "a question opened with questions off"
	e2e_send N
	sleep 0.3
done
e2e_alive
e2e_send q
[ "$(e2e_wait_exit)" = 0 ] || e2e_fail "mmviz did not exit cleanly"
e2e_stop
# a multiple-choice question shows its choices (file-mapping, step 5),
# in German too; --no-questions never stops for it
out=$("$MMVIZ" --screen 80x24 --at 4 --keys N file-mapping)
printf '%s\n' "$out" | grep -q 'Choose: soft  |  hard  |  demand_zero' || { echo "E2E FAIL: no choices: $out" >&2; exit 1; }
out=$("$MMVIZ" --screen 80x24 --at 4 --keys N --lang de file-mapping)
printf '%s\n' "$out" | grep -q 'Zur Wahl: soft  |  hard  |  demand_zero' || { echo "E2E FAIL: no German choices: $out" >&2; exit 1; }
out=$("$MMVIZ" --screen 80x24 --at 4 --keys N --no-questions file-mapping)
printf '%s\n' "$out" | grep -q 'Question: step' && { echo "E2E FAIL: --no-questions stopped: $out" >&2; exit 1; }
# the say is held back by default (the prompt stands alone); "say": "with"
# shows it with the question; after the step, either way, it is there
dir=$(mktemp -d) || exit 1
trap 'rm -rf "$dir"' EXIT
cat > "$dir/with.json" <<'EOF'
{"schema": 1, "id": "say-with", "title": "T", "machine": {"ram": "4M"}, "steps": [
 {"run": ["process create a.exe --bare", "$p = VirtualAlloc 0 64K MEM_COMMIT PAGE_READWRITE"]},
 {"run": "read $p 8", "say": "Scene setter shown with it.",
  "ask": {"prompt": "What does the first read return?", "answers": ["0x0"], "say": "with"}}]}
EOF
sed 's/, "say": "with"//' "$dir/with.json" > "$dir/after.json"
out=$("$MMVIZ" --screen 80x24 --at 1 --keys N "$dir/after.json")
printf '%s\n' "$out" | grep -q '? What does the first read return?' || { echo "E2E FAIL: no question: $out" >&2; exit 1; }
printf '%s\n' "$out" | grep -q 'Scene setter' && { echo "E2E FAIL: the say shows with the question: $out" >&2; exit 1; }
out=$("$MMVIZ" --screen 80x24 --at 2 "$dir/after.json")
printf '%s\n' "$out" | grep -q 'Scene setter shown with it' || { echo "E2E FAIL: no say after the step: $out" >&2; exit 1; }
out=$("$MMVIZ" --screen 80x24 --at 1 --keys N "$dir/with.json")
printf '%s\n' "$out" | grep -q '? What does the first read return?' || { echo "E2E FAIL: no question (with): $out" >&2; exit 1; }
printf '%s\n' "$out" | grep -q 'Scene setter shown with it' || { echo "E2E FAIL: \"say\": \"with\" did not show the say: $out" >&2; exit 1; }
echo "ok tui_ask"
