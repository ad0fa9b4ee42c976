#!/bin/sh
# cli_screen_size.sh — `--screen WxH` takes two whole numbers in range and
# nothing else (docs/cli.md CLI-SCREEN): a number too big for an int, a
# missing height, trailing text or 0 is a usage error (status 2) naming
# the argument, never undefined behaviour (sscanf's %d overflowed before).
set -eu
M=${MMVIZ:-build/mmviz}
fail() { echo "cli_screen_size: $*" >&2; exit 1; }
for bad in 99999999999999999999x24 80x 80x24x 0x5 1001x24 80x501 -80x24 x24 ''; do
	rc=0
	err=$("$M" --screen "$bad" tour 2>&1 >/dev/null) || rc=$?
	[ "$rc" -eq 2 ] || fail "--screen '$bad' gave status $rc, expected 2"
	case $err in *"expected WxH"*) ;; *) fail "--screen '$bad': no usage message: $err" ;; esac
done
for good in 80x24 1000x500 60x18; do
	"$M" --screen "$good" tour >/dev/null || fail "--screen $good refused"
done
