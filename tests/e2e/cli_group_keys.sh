#!/bin/sh
# cli_group_keys.sh — `--group N` and `--screen ... --keys KEYS` (docs/cli.md
# CLI-OPTIONS, CLI-SCREEN; docs/tui.md TUI-SUMMARY): a bad value is a usage
# error (status 2) naming the option and what it expected; --group 0 plays
# the 5 MB touch micro-step by micro-step, the default as one summary step,
# --group 20000 (more than its 18,505) micro-step by micro-step too; e opens
# the summary step.
set -eu
M=${MMVIZ:-build/mmviz}
fail() { echo "cli_group_keys: $*" >&2; exit 1; }
for bad in x -1 5000000000 ''; do
	rc=0
	err=$("$M" --group "$bad" --screen 80x24 paging 2>&1 >/dev/null) || rc=$?
	[ "$rc" -eq 2 ] || fail "--group '$bad' gave status $rc, expected 2"
	case $err in *"--group: expected a number of micro-steps"*) ;; *) fail "--group '$bad': $err" ;; esac
done
for bad in "$(printf 'a\tb')" "$(printf '%070d' 0)" 'ä'; do
	rc=0
	err=$("$M" --screen 80x24 --keys "$bad" paging 2>&1 >/dev/null) || rc=$?
	[ "$rc" -eq 2 ] || fail "--keys '$bad' gave status $rc, expected 2"
	case $err in *"--keys: "*) ;; *) fail "--keys '$bad': $err" ;; esac
done
out=$("$M" --screen 80x24 --at 9 paging)
case $out in *"cmd 12  part 1/1  step 9/15"*"[+] 1,280 demand-zero faults (writes)"*) ;; *) fail "default: no summary step: $out" ;; esac
for n in 0 20000; do
	out=$("$M" --group $n --screen 80x24 --at 9 paging)
	case $out in *"cmd 12  micro 18,505/18,505"*) ;; *) fail "--group $n: not micro-step by micro-step: $out" ;; esac
	case $out in *"[+]"*) fail "--group $n: a summary step" ;; esac
done
out=$("$M" --screen 80x24 --at 9 --keys e paging)
case $out in *"part 1/18,505"*"[-] 1,280 demand-zero faults"*"write of 0x10000 in user mode"*) ;; *) fail "--keys e: not opened: $out" ;; esac
echo "ok cli_group_keys"
