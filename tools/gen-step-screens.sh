#!/bin/sh
# gen-step-screens.sh [BUILD] — the golden screens of every scenario step at
# 80x24 (docs/tui.md TUI-NARR), in English and German.
#
# For each scenarios/*.json (whatever is there: a scenario added later is
# covered by running this again) it writes, in tests/golden/screen/steps/,
#   NAME-steps-80x24.args     one line per step N: "--screen 80x24 --at N NAME"
#   NAME-steps-80x24-de.args  the same with --lang de
# and then the screens themselves (NAME-steps-80x24.screen ...) through
# tests/run-golden.sh with UPDATE_GOLDEN=1, which runs each line as its own
# mmviz and keeps the screens one after the other. Files of scenarios that
# are gone are removed. Read the diff (git diff tests/golden/screen/steps)
# before committing it: a changed screen is a changed lesson.
#
# BUILD is the build directory whose mmviz is used (default build).
set -u
cd "$(dirname "$0")/.." || exit 2
BUILD=${1:-build}
MMVIZ="$BUILD/mmviz"
DIR=tests/golden/screen/steps
[ -x "$MMVIZ" ] || { echo "gen-step-screens: $MMVIZ is not built (make)" >&2; exit 2; }
mkdir -p "$DIR"
export LANG=C.UTF-8 NO_COLOR=1
unset LC_ALL LC_MESSAGES

for f in "$DIR"/*.args "$DIR"/*.screen; do # scenarios that are gone
	[ -f "$f" ] || continue
	name=$(basename "$f")
	name=${name%%-steps-80x24*}
	[ -f "scenarios/$name.json" ] || rm -f "$f"
done

for json in scenarios/*.json; do
	[ -f "$json" ] || continue
	name=$(basename "$json" .json)
	# the number of steps, as --check counts them ("PASS  NAME  (N steps)")
	n=$("$MMVIZ" --check "$json" 2>/dev/null | sed -n 's/.*(\([0-9][0-9]*\) steps*).*/\1/p' | head -n 1)
	if [ -z "$n" ]; then
		echo "gen-step-screens: $json: cannot count its steps (does it pass --check?)" >&2
		exit 1
	fi
	en="$DIR/$name-steps-80x24.args" de="$DIR/$name-steps-80x24-de.args"
	: >"$en"
	: >"$de"
	i=1
	while [ "$i" -le "$n" ]; do
		echo "--screen 80x24 --at $i $name" >>"$en"
		echo "--lang de --screen 80x24 --at $i $name" >>"$de"
		i=$((i + 1))
	done
	echo "$name: $n steps"
done

UPDATE_GOLDEN=1 GOLDEN_ONLY=screen/steps sh tests/run-golden.sh "$BUILD" | grep -v '^UPDATED' || true
echo "written: $(ls "$DIR"/*.screen | wc -l) screen files in $DIR"
