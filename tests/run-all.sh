#!/bin/sh
# run-all.sh BUILD — the whole suite against one build directory: the cmocka
# unit binaries, the golden batch/screen files, every shipped scenario under
# --check, and the tmux end-to-end tests. Prints each part's summary and a
# final "N passed, N failed" line; exits non-zero when anything failed.
BUILD=${1:-build}
export LANG=C.UTF-8
export MMVIZ_CHECK=1   # the invariant checker after every command (core/check.c)
passed=0
failed=0
skipped=0
fails=""
note() { printf '%s\n' "$*"; }
count() { # count NAME STATUS PASSES FAILS
	passed=$((passed + $3)); failed=$((failed + $4))
	[ "$4" -gt 0 ] && fails="$fails $1"
}

# 1. unit tests: one cmocka binary per module, TAP output counted here.
for t in "$BUILD"/tests/[0-9]*; do
	[ -x "$t" ] || continue
	name=$(basename "$t")
	out=$(CMOCKA_MESSAGE_OUTPUT=tap timeout 600 "$t" 2>&1)
	rc=$?
	p=$(printf '%s\n' "$out" | grep -c '^ok ')
	sk=$(printf '%s\n' "$out" | grep -c '^not ok .*# SKIP')
	f=$(printf '%s\n' "$out" | grep '^not ok ' | grep -vc '# SKIP')
	if [ $rc -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -gt 0 ] && printf '%s\n' "$out" | grep -v '^ok ' | head -40
	skipped=$((skipped + sk))
	note "unit $name: $p passed, $f failed${sk:+, $sk skipped}"
	count "$name" $rc "$p" "$f"
done

# 2. golden batch transcripts and screens.
if [ -x tests/run-golden.sh ] || [ -f tests/run-golden.sh ]; then
	out=$(sh tests/run-golden.sh "$BUILD" 2>&1); rc=$?
	printf '%s\n' "$out" | tail -n 30
	p=$(printf '%s\n' "$out" | grep -c '^PASS'); f=$(printf '%s\n' "$out" | grep -c '^FAIL')
	[ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
	count golden $rc "$p" "$f"
fi

# 3. every shipped scenario passes --check.
if ls scenarios/*.json >/dev/null 2>&1; then
	out=$("$BUILD"/mmviz --check scenarios/*.json 2>&1); rc=$?
	printf '%s\n' "$out"
	p=$(printf '%s\n' "$out" | grep -c '^PASS'); f=$(printf '%s\n' "$out" | grep -c '^FAIL')
	[ $rc -ne 0 ] && [ "$f" -eq 0 ] && f=1
	count scenarios $rc "$p" "$f"
fi

# 4. end-to-end in a real terminal (tmux).
for t in tests/e2e/*.sh; do
	[ -f "$t" ] || continue
	if ! command -v tmux >/dev/null; then note "e2e: SKIP (no tmux)"; break; fi
	if MMVIZ="$BUILD/mmviz" timeout 300 sh "$t" >/tmp/mmviz-e2e.$$ 2>&1; then
		note "PASS e2e $(basename "$t")"; count e2e 0 1 0
	else
		note "FAIL e2e $(basename "$t")"; cat /tmp/mmviz-e2e.$$ | tail -n 40; count "e2e:$(basename "$t")" 1 0 1
	fi
	rm -f /tmp/mmviz-e2e.$$
done

# 5. fuzz targets, a short run each (only in the sanitizer suite, where
# `make test-asan` has built them with clang's libFuzzer).
if [ "${MMVIZ_SUITE:-}" = asan ]; then
	for f in build-fuzz/fuzz_*; do
		[ -x "$f" ] || continue
		n=${f##*/fuzz_}
		work=$(mktemp -d)
		if out=$("$f" -max_total_time="${FUZZ_SHORT:-8}" -print_final_stats=1 "$work" "tests/fuzz/corpus/$n" 2>&1); then
			note "PASS fuzz $n ($(printf '%s\n' "$out" | grep -o 'stat::number_of_executed_units: *[0-9]*' | grep -o '[0-9]*$') runs)"
			count fuzz 0 1 0
		else
			note "FAIL fuzz $n"; printf '%s\n' "$out" | tail -n 30; count "fuzz:$n" 1 0 1
		fi
		rm -rf "$work"
	done
fi

[ -n "$fails" ] && note "failed parts:$fails"
echo "${MMVIZ_SUITE:+$MMVIZ_SUITE: }$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
