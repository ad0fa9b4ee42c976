#!/bin/sh
# batch_input.sh — `--batch` on input that is no command file ends at once
# with one line naming the problem and exit status 1, in bounded host
# memory (docs/cli.md CLI-MODES, CLI-EXIT). Regression (issue 15): a
# directory, a 600 MB line and /dev/zero exited 0 without a word after
# buffering everything.
set -eu
M=${MMVIZ:-build/mmviz}
case $M in /*) ;; *) M=$PWD/$M ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/mmviz-batchin-XXXXXX")
trap 'chmod -R u+rwx "$T" 2>/dev/null; rm -rf "$T"' EXIT INT TERM
fail() { echo "batch_input: $*" >&2; exit 1; }
# 400 MB of address space: far below what buffering the inputs would take.
# AddressSanitizer reserves terabytes of shadow at start, so the sanitizer
# suite keeps only the time limit.
LIMIT=400000
[ "${MMVIZ_SUITE:-}" = asan ] && LIMIT=unlimited

# batch NAME ARGS...: runs mmviz --batch with a time limit and the memory
# limit; sets rc, out, err.
batch() {
	name=$1; shift
	set +e
	(ulimit -v "$LIMIT"; exec timeout 5 "$M" --ram 4M --batch "$@") >"$T/$name.out" 2>"$T/$name.err"
	rc=$?
	set -e
	out=$(cat "$T/$name.out"); err=$(cat "$T/$name.err")
	[ "$rc" -ne 124 ] || fail "$name: still running after 5 s"
}
expect() { # expect NAME RC REGEX: the exit status and one line on stderr
	[ "$rc" = "$2" ] || fail "$1: exit status $rc, expected $2 (stderr: $err)"
	printf '%s\n' "$err" | grep -Eq -- "$3" || fail "$1: stderr does not match /$3/: $err"
}

# a directory
batch dir "$T"
expect dir 1 "^mmviz: --batch: cannot read '.*': Is a directory$"

# a file that does not exist, one that cannot be read
batch missing "$T/no-such-file"
expect missing 1 "cannot read '.*no-such-file': No such file or directory"
batch mem /proc/self/mem
expect mem 1 "^mmviz: --batch: /proc/self/mem: cannot read line 1: "
printf 'say hidden\n' >"$T/secret.cmd"
chmod 000 "$T/secret.cmd"
if ! cat "$T/secret.cmd" >/dev/null 2>&1; then  # root reads anything
	batch secret "$T/secret.cmd"
	expect secret 1 "cannot read '.*secret.cmd': Permission denied"
fi

# no newline at all: /dev/zero (a NUL byte at once) and 100 MB of text
start=$(date +%s)
batch zero /dev/zero
expect zero 1 "^mmviz: --batch: /dev/zero: line 1 holds a NUL byte: is this a binary file\?$"
set +e
(ulimit -v "$LIMIT"; yes say | tr -d '\n' | head -c 100000000 | timeout 5 "$M" --ram 4M --batch) \
	>"$T/yes.out" 2>"$T/yes.err"
rc=$?
set -e
err=$(cat "$T/yes.err")
expect yes 1 "^mmviz: --batch: standard input: line 1 is longer than 65536 bytes"
[ $(( $(date +%s) - start )) -le 4 ] || fail "the unbounded inputs took more than a few seconds"

# a line over the limit ends the batch there; what came before was run
{ echo "say before"; head -c 70000 /dev/zero | tr '\0' a; echo; echo "say after"; } >"$T/long.cmd"
batch long "$T/long.cmd"
expect long 1 "long.cmd: line 2 is longer than 65536 bytes \(a command is at most 4096\)"
printf '%s\n' "$out" | grep -q '^> say before$' || fail "long: the line before was not run: $out"
printf '%s\n' "$out" | grep -q 'after' && fail "long: the batch went on after the over-long line"

# a line over 4096 bytes but under the limit is a failed command; the batch goes on
{ head -c 5000 /dev/zero | tr '\0' b; echo; echo "say after"; } >"$T/cmd5k.cmd"
batch cmd5k "$T/cmd5k.cmd"
[ "$rc" = 1 ] || fail "cmd5k: exit status $rc, expected 1"
[ -z "$err" ] || fail "cmd5k: a failed command is no input error: $err"
printf '%s\n' "$out" | grep -q '^error: line longer than 4096 bytes' || fail "cmd5k: $out"
printf '%s\n' "$out" | grep -q '^> say after$' || fail "cmd5k: the batch stopped: $out"

# a NUL byte in line 2
printf 'say one\nsay t\000wo\nsay three\n' >"$T/nul.cmd"
batch nul "$T/nul.cmd"
expect nul 1 "nul.cmd: line 2 holds a NUL byte"
printf '%s\n' "$out" | grep -q '^> say one$' || fail "nul: line 1 was not run: $out"

# a last line without a newline is an ordinary line
printf 'say last' >"$T/last.cmd"
batch last "$T/last.cmd"
[ "$rc" = 0 ] && [ -z "$err" ] || fail "last: exit status $rc: $err"
printf '%s\n' "$out" | grep -q '^> say last$' || fail "last: $out"
echo "batch_input: ok"
