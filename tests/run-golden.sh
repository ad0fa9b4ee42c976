#!/bin/sh
# run-golden.sh BUILD — golden transcripts (docs/quality.md Q-SUITE).
#
#   tests/golden/batch/NAME.cmd     commands, fed to BUILD/mmviz --batch and
#                                   --batch --json; compared with NAME.out and
#                                   NAME.jsonl. A first line "# mmviz: OPTIONS"
#                                   gives machine options (--arch pae --ram 4M).
#   tests/golden/screen/NAME.args   the arguments of one --screen run (one
#                                   line, e.g. "--screen 80x24 --at 3 tour"),
#                                   compared with NAME.screen. Skipped (SKIP
#                                   line) while the binary says the mode is
#                                   "not in this version". A file of several
#                                   lines is several runs, each screen after
#                                   a line "#### ARGS" (screen/steps/: every
#                                   scenario step, tools/gen-step-screens.sh).
#   tests/golden/run/NAME.args      the arguments of one line-mode run
#                                   (--quiz --plain, --exercise), standard
#                                   input from NAME.in when it exists;
#                                   compared with NAME.out (output, errors
#                                   and the exit status).
#
# Prints "PASS name (0.01s)" or "FAIL name" and the diff; a diff is kept in
# BUILD/golden-logs only when its golden failed. UPDATE_GOLDEN=1 rewrites the
# goldens from the current output instead ("UPDATED name"). Exit status 0
# when nothing failed. GOLDEN_ONLY=DIR runs only the goldens under
# tests/golden/DIR (tools/gen-step-screens.sh: screen/steps).
BUILD=${1:-build}
MMVIZ="$BUILD/mmviz"
GOLDEN=${GOLDEN_DIR:-tests/golden}
LOGS="$BUILD/golden-logs"
export LANG=C.UTF-8
unset LC_ALL LC_MESSAGES
export NO_COLOR=1

if [ ! -x "$MMVIZ" ]; then
	echo "FAIL golden: $MMVIZ is not built"
	exit 1
fi
mkdir -p "$LOGS"
work=$(mktemp -d "${TMPDIR:-/tmp}/mmviz-golden.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
failed=0

now() { date +%s.%N 2>/dev/null || date +%s; }
# GOLDEN_ONLY=DIR (e.g. screen/steps): only the goldens under it.
wanted() { case $1 in "$GOLDEN/${GOLDEN_ONLY:-}"*) return 0 ;; esac; return 1; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fs", b - a }'; }

# compare NAME KIND EXPECTED ACTUAL: 0 when equal; keeps the diff otherwise.
compare() {
	if [ ! -f "$3" ]; then
		printf 'no golden file %s (make it with UPDATE_GOLDEN=1)\n' "$3" >"$LOGS/$1.$2.diff"
		return 1
	fi
	if diff -u "$3" "$4" >"$LOGS/$1.$2.diff" 2>&1; then
		rm -f "$LOGS/$1.$2.diff"
		return 0
	fi
	return 1
}

show_fail() { # NAME FILES...
	name=$1
	shift
	echo "FAIL $name"
	for f in "$@"; do
		[ -f "$f" ] && head -n 60 "$f" | sed 's/^/    /'
	done
}

# ---- batch transcripts ----
for cmd in "$GOLDEN"/batch/*.cmd; do
	[ -f "$cmd" ] || continue
	wanted "$cmd" || continue
	name=$(basename "$cmd" .cmd)
	dir=$(dirname "$cmd")
	opts=$(sed -n '1s/^# *mmviz: *//p' "$cmd")
	t0=$(now)
	# shellcheck disable=SC2086 # the options are words
	"$MMVIZ" --lang en --ram 4M --tlb 16 $opts --batch "$cmd" >"$work/$name.out" 2>&1
	echo "exit status $?" >>"$work/$name.out"
	# shellcheck disable=SC2086
	"$MMVIZ" --lang en --ram 4M --tlb 16 $opts --batch --json "$cmd" >"$work/$name.jsonl" 2>&1
	t1=$(now)
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$work/$name.out" "$dir/$name.out"
		cp "$work/$name.jsonl" "$dir/$name.jsonl"
		echo "UPDATED $name"
		continue
	fi
	ok=1
	compare "$name" out "$dir/$name.out" "$work/$name.out" || ok=0
	compare "$name" jsonl "$dir/$name.jsonl" "$work/$name.jsonl" || ok=0
	if [ $ok = 1 ]; then
		echo "PASS $name ($(elapsed "$t0" "$t1"))"
	else
		show_fail "$name" "$LOGS/$name.out.diff" "$LOGS/$name.jsonl.diff"
		failed=$((failed + 1))
	fi
done

# ---- screens ----
# screen ARGSFILE OUT ERR: the --screen run of each line (one line: its
# screen alone); the status of the first run that failed, else 0.
screens() {
	if [ "$(wc -l <"$1")" -le 1 ]; then
		# shellcheck disable=SC2046 # one line of arguments
		"$MMVIZ" --lang en $(head -n 1 "$1") >"$2" 2>"$3"
		return
	fi
	rc=0
	: >"$2"
	: >"$3"
	while IFS= read -r line; do
		echo "#### $line" >>"$2"
		# shellcheck disable=SC2086 # a line of arguments
		"$MMVIZ" --lang en $line >>"$2" 2>>"$3" || { [ $rc -eq 0 ] && rc=$?; }
	done <"$1"
	return $rc
}
for args in "$GOLDEN"/screen/*.args "$GOLDEN"/screen/steps/*.args; do
	[ -f "$args" ] || continue
	wanted "$args" || continue
	name=$(basename "$args" .args)
	dir=$(dirname "$args")
	t0=$(now)
	screens "$args" "$work/$name.screen" "$work/$name.err"
	status=$?
	t1=$(now)
	if grep -q "not in this version" "$work/$name.screen" "$work/$name.err"; then
		echo "SKIP $name (--screen is not in this version)"
		continue
	fi
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$work/$name.screen" "$dir/$name.screen"
		echo "UPDATED $name"
		continue
	fi
	if [ $status -eq 0 ] && compare "$name" screen "$dir/$name.screen" "$work/$name.screen"; then
		echo "PASS $name ($(elapsed "$t0" "$t1"))"
	else
		[ $status -ne 0 ] && cat "$work/$name.err" >>"$LOGS/$name.screen.diff"
		show_fail "$name" "$LOGS/$name.screen.diff"
		failed=$((failed + 1))
	fi
done

# ---- line-mode runs (--quiz --plain, --exercise) ----
for args in "$GOLDEN"/run/*.args; do
	[ -f "$args" ] || continue
	wanted "$args" || continue
	name=$(basename "$args" .args)
	dir=$(dirname "$args")
	input=/dev/null
	[ -f "$dir/$name.in" ] && input="$dir/$name.in"
	t0=$(now)
	# shellcheck disable=SC2046 # one line of arguments
	"$MMVIZ" $(head -n 1 "$args") <"$input" >"$work/$name.out" 2>&1
	echo "exit status $?" >>"$work/$name.out"
	t1=$(now)
	if [ "${UPDATE_GOLDEN:-0}" = 1 ]; then
		cp "$work/$name.out" "$dir/$name.out"
		echo "UPDATED $name"
		continue
	fi
	if compare "$name" out "$dir/$name.out" "$work/$name.out"; then
		echo "PASS $name ($(elapsed "$t0" "$t1"))"
	else
		show_fail "$name" "$LOGS/$name.out.diff"
		failed=$((failed + 1))
	fi
done

[ "$failed" -eq 0 ]
