#!/bin/sh
# quiz.sh — mmviz --quiz --plain (docs/cli.md CLI-QUIZ): the same seed asks
# the same questions; feeding back the answers the first run revealed
# scores 10 of 10; wrong answers score 0; German works; an unknown topic
# is bad usage (exit 2).
set -eu
M=${MMVIZ:-build/mmviz}
first=$(yes x | head -n 10 | "$M" --quiz --plain --seed 11 --lang en)
answers=$(printf '%s\n' "$first" | sed -n 's/.*Not right: the answer is \(.*\)\.$/\1/p')
[ "$(printf '%s\n' "$answers" | wc -l)" -eq 10 ] || { echo "expected 10 revealed answers"; printf '%s\n' "$first"; exit 1; }
printf '%s\n' "$first" | grep -q '^Score: 0 of 10 right.$' || { echo "wrong answers must score 0"; exit 1; }
second=$(printf '%s\n' "$answers" | "$M" --quiz --plain --seed 11 --lang en)
printf '%s\n' "$second" | grep -q '^Score: 10 of 10 right.$' || { echo "right answers must score 10"; printf '%s\n' "$second"; exit 1; }
yes x | head -n 3 | "$M" --quiz faults --plain --seed 2 --lang de | grep -q 'Nicht richtig' || { echo "German quiz"; exit 1; }
set +e
"$M" --quiz nosuchtopic --plain </dev/null >/dev/null 2>&1
rc=$?
set -e
[ "$rc" -eq 2 ] || { echo "unknown topic: exit $rc, expected 2"; exit 1; }
echo "quiz: ok"
