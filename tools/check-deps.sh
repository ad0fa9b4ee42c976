#!/bin/sh
# check-deps.sh — the layer rules of docs/architecture.md, checked on every
# quoted #include of core/ and tui/: a file may include headers of its own
# folder, of core/include/ (the public face) and of layers below its own.
#
#   core/include/   0  the public headers (types, config, mm, session, scenario)
#   core/base/      1  the journal, slabs, constants, the machine object
#   core/hw/        2  the simulated hardware
#   core/mm/        3  the memory manager
#   core/win32/     4  user mode on top: PEB/TEB contents, heap, stacks
#   core/*.c        5  boot and the invariant checker, above the machine
#   core/lang/      6  the command language
#   core/scenario/  7  scenarios
#   core/learn/     8  generated problems: quiz and exercise sheets
#   tui/            9  the terminal interface: only core/include/
#
# A header a core file includes by a bare name must be in its own folder,
# in core/include/ or at the top of core/ (boot's and the checker's); every
# other core header is written with its folder ("mm/pfn.h"), so the layer
# of an include shows in the line itself.
# No core file may include a terminal library. Prints each violation as
# FILE:LINE: what; exits 1 when there is one.
cd "$(dirname "$0")/.." || exit 2
rank() {
	case $1 in
	include) echo 0 ;; base) echo 1 ;; hw) echo 2 ;; mm) echo 3 ;; win32) echo 4 ;;
	top) echo 5 ;; lang) echo 6 ;; scenario) echo 7 ;; learn) echo 8 ;; tui) echo 9 ;; *) echo 99 ;;
	esac
}
bad=0
for f in $(find core tui -name '*.[ch]' | sort); do
	case $f in
	core/*/*) layer=${f#core/}; layer=${layer%%/*} ;;
	core/*) layer=top ;;
	tui/*) layer=tui ;;
	esac
	dir=$(dirname "$f")
	mine=$(rank "$layer")
	if [ "$layer" != tui ] && grep -nE '#include *<(ncurses|curses|tickit)' "$f" >/dev/null; then
		echo "$f: the core must not include a terminal library" >&2; bad=1
	fi
	grep -nE '^#include *"[^"]+"' "$f" | sed -E 's/^([0-9]+):#include *"([^"]+)".*/\1 \2/' |
	while read -r line inc; do
		case $inc in
		*/*) target=${inc%%/*}; [ -f "core/$inc" ] || { echo "$f:$line: \"$inc\" is not a core header" >&2; echo x; continue; } ;;
		*) if [ -f "$dir/$inc" ]; then continue
		   elif [ -f "core/include/$inc" ]; then target=include
		   elif [ -f "core/$inc" ]; then target=top
		   else
			case $inc in tour.inc) continue ;; esac
			echo "$f:$line: \"$inc\" is neither in $dir/ nor in core/include/" >&2; echo x; continue
		   fi ;;
		esac
		there=$(rank "$target")
		[ "$target" = top ] && there=5
		if [ "$layer" = tui ] && [ "$target" != include ]; then
			echo "$f:$line: tui/ includes only core/include/, not \"$inc\"" >&2; echo x
		elif [ "$there" -gt "$mine" ]; then
			echo "$f:$line: \"$inc\" is a higher layer ($target) than $layer" >&2; echo x
		fi
	done | grep -q x && bad=1
done
# PFN entries change only through the PFN module's transitions (mm/pfn.c's
# essay).
if grep -nE 'MM_SET(8|16|32|64)\([^,]+, *&[^,]*(->|\.)(u1|u2|pte_address|original_pte|pte_frame_enc|owner_enc|reference_count)\b' \
	$(find core -name '*.c' ! -path core/mm/pfn.c) >&2; then
	echo "check-deps: a PFN field is written outside mm/pfn.c (use its transition functions)" >&2; bad=1
fi
if [ $bad -ne 0 ]; then
	echo "check-deps: layer rules broken (docs/architecture.md)" >&2
	exit 1
fi
echo "check-deps: layer rules hold"
