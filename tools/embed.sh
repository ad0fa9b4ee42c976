#!/bin/sh
# embed.sh — FILE NAME: prints a C definition of FILE's bytes (NUL-terminated) as NAME.
# Used to compile the built-in tour into the binary; od is POSIX, no xxd needed.
set -e
printf 'static const unsigned char %s[] = {\n' "$2"
od -An -v -tx1 "$1" | sed -e 's/ *$//' -e 's/  */ /g' -e 's/^ //' -e 's/ /, 0x/g' -e 's/^/0x/' -e 's/$/,/' | grep -v '^0x,$'
printf '0x00 };\n'
