#!/bin/sh
# batch_events.sh — `--batch --events all` (docs/cli.md CLI-MODES,
# docs/output.md OUT-SUMMARY) through the binary a user runs: every
# micro-step of a huge command, as many as the summary's events_total says,
# in text and JSON; a bad value is bad usage (exit status 2).
set -eu
M=${MMVIZ:-build/mmviz}
case $M in /*) ;; *) M=$PWD/$M ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/mmviz-events-XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
fail() { echo "batch_events: $*" >&2; exit 1; }
printf '%s\n' "process create app.exe --bare" \
	'$a = VirtualAlloc 0 8000K MEM_RESERVE|MEM_COMMIT PAGE_READWRITE' \
	'touch $a 8000K r' >"$T/in.cmd"
run() { "$M" --lang en --ram 32M --batch "$@" "$T/in.cmd"; }

# the summary says how many there are
total=$(run --json | sed -n '3s/.*"events_total":\([0-9]*\).*/\1/p')
[ "${total:-0}" -gt 20000 ] || fail "no events_total in the summary: '$total'"
# --events all gives every one: JSON objects, one per micro-step ...
n=$(run --json --events all | sed -n 3p | grep -o '{"kind":' | wc -l)
[ "$n" -eq "$total" ] || fail "--json --events all: $n micro-steps, events_total $total"
run --json --events all | sed -n 3p | grep -q '"events_total"' && fail "--events all still summarised"
# ... and text lines, one per micro-step, no gap marker
run --events all >"$T/all.out"
n=$(sed -n '/^> touch/,$p' "$T/all.out" | grep -c '^    ')
[ "$n" -eq "$total" ] || fail "--events all (text): $n lines, events_total $total"
grep -q 'left out' "$T/all.out" && fail "--events all (text) marks a gap"
# the option's value is checked
set +e
"$M" --batch --events some "$T/in.cmd" >/dev/null 2>"$T/err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "--events some: exit status $rc, expected 2"
grep -q "^mmviz: --events: expected all, got 'some'$" "$T/err" || fail "--events some: $(cat "$T/err")"
exit 0
