#!/bin/sh
# snapshot_browser.sh — the HTML and SVG snapshots as a browser shows them
# (docs/tui.md TUI-SNAPSHOT, issue 16 item 4): `--screen 80x24 --format
# html|svg` rendered by headless Chromium must be exactly 720 x 432 pixels
# of screen (9 x 18 a cell) with the theme's colours in known cells, the
# HTML self-contained and its text still text a reader can select.
#
# The theme is the default one with the normal text's background made
# red, so every blank cell of the screen is red and the page around the
# screen (black or white) shows where the screen ends.
set -eu
M=${MMVIZ:-build/mmviz}
case $M in /*) ;; *) M=$PWD/$M ;; esac
PROBE=$(dirname "$M")/tests/pngprobe
fail() { echo "snapshot_browser: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is not installed (make deps installs it)"
[ -x "$PROBE" ] || fail "$PROBE is missing (make units builds it)"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT INT TERM
sed 's/"text.normal": *{ "fg": "default", "bg": "default"/"text.normal": { "fg": "default", "bg": 196/' \
	themes/default.json > "$T/red.json"
grep -q '"bg": 196' "$T/red.json" || fail "could not make the test theme from themes/default.json"

shot() { # shot FILE PNG: the page in an 800 x 500 window
	HOME=$T timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
		--user-data-dir="$T/profile" --window-size=800,500 --screenshot="$2" "file://$1" \
		>"$T/chromium.log" 2>&1 || { cat "$T/chromium.log" >&2; fail "chromium could not render $1"; }
}
colour() { "$PROBE" "$1" "$2" "$3"; }
expect_colour() { # expect_colour PNG X Y #rrggbb WHAT
	got=$(colour "$1" "$2" "$3")
	[ "$got" = "$4" ] || fail "$(basename "$1"): pixel ($2, $3), $5: $got, expected $4"
}

for f in html svg; do
	"$M" --screen 80x24 --at 8 --theme "$T/red.json" --format $f tour > "$T/s.$f" || fail "--format $f failed"
	shot "$T/s.$f" "$T/s-$f.png"
	P=$T/s-$f.png
	[ "$("$PROBE" "$P")" = "800 500" ] || fail "$f: screenshot is $("$PROBE" "$P"), expected 800 500"
	# the last cell of the screen is a blank in the normal text role: red;
	# one pixel right of it or below it is the page: the terminal's default
	# black around the HTML, the browser's white around the SVG picture
	out='#000000'; [ $f = svg ] && out='#ffffff'
	expect_colour "$P" 716 428 "#ff0000" "$f: the bottom-right cell"
	expect_colour "$P" 724 428 "$out" "$f: right of the screen"
	expect_colour "$P" 716 436 "$out" "$f: below the screen"
	# the top line is the status bar (ui.status: background 24 = #005f87) to its last column
	expect_colour "$P" 716 2 "#005f87" "$f: the status bar's last cell"
	expect_colour "$P" 2 2 "#005f87" "$f: the status bar's first cell"
done

H=$T/s.html
grep -qi '<script' "$H" && fail "the HTML holds a script"
grep -Eqi '(src|href)=|url\(|@import' "$H" && fail "the HTML refers to another file"
HOME=$T timeout 120 chromium --headless --no-sandbox --disable-gpu --user-data-dir="$T/profile" \
	--dump-dom "file://$H" > "$T/dom.html" 2>"$T/chromium.log" || fail "chromium --dump-dom failed"
for words in 'Address space: tour.exe' 'Translation (animated)' 'Step 8/14'; do
	sed 's/<[^>]*>//g' "$T/dom.html" | grep -qF "$words" || fail "the HTML's text lacks '$words'"
done
grep -q 'user-select' "$H" && fail "the HTML stops text being selected"
S=$T/s.svg
grep -q '<text [^>]*>Translation</text>' "$S" || fail "the SVG does not hold its words as text"
grep -q '<image' "$S" && fail "the SVG holds a bitmap"
echo "snapshot_browser: html and svg 720x432, colours and text as on screen"
