#!/bin/sh
# untrusted_text.sh — text from files and users reaches the terminal only as
# safe text (docs/output.md OUT-SAFE), in every mode that prints it, and
# --json stays valid UTF-8 (OUT-JSON). Regression (issue 15):
# --list-scenarios and --list-themes printed the escape sequences of a
# title raw, recolouring the terminal.
set -eu
M=${MMVIZ:-build/mmviz}
case $M in /*) ;; *) M=$PWD/$M ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/mmviz-text-XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
fail() { echo "untrusted_text: $*" >&2; exit 1; }
mkdir -p "$T/scenarios" "$T/themes"
cd "$T"
export XDG_DATA_HOME="$T/xdg" HOME="$T"

# ESC, BEL, DEL and the C1 CSI (U+009B): none may reach the terminal raw.
raw_controls() { # raw_controls FILE: how many such bytes FILE holds
	LC_ALL=C tr -d -c '\033\007\177' <"$1" | wc -c | tr -d ' '
}
no_controls() { # no_controls NAME FILE
	n=$(raw_controls "$2")
	[ "$n" = 0 ] || fail "$1: $n raw control bytes: $(od -c "$2" | head -20)"
	if LC_ALL=C grep -q "$(printf '\302\233')" "$2"; then fail "$1: a raw C1 CSI"; fi
	iconv -f UTF-8 -t UTF-8 "$2" >/dev/null 2>&1 || fail "$1: not valid UTF-8"
}

cat >scenarios/evil.json <<'JSON'
{"schema": 1, "id": "evil",
 "title": "Evil \u001b[31mred\u001b[0m \u009b2J \u007f \u001b]0;pwned\u0007",
 "steps": [{"run": "!vm", "say": "narration \u001b[2J", "expect": {"ok": false}}]}
JSON
cp "$OLDPWD/themes/light.json" themes/evil.json 2>/dev/null || fail "run from the repository root"
sed -i 's/"name": "light"/"name": "evil"/; s/"title": "[^"]*"/"title": "Theme \\u001b[31mred\\u009b2J"/' themes/evil.json

"$M" --list-scenarios >list.out
no_controls --list-scenarios list.out
grep -q '^evil  *Evil �\[31mred�\[0m �2J � �\]0;pwned�$' list.out || fail "--list-scenarios: $(grep evil list.out)"

"$M" --list-themes >themes.out
no_controls --list-themes themes.out
grep -q '^evil  *Theme �\[31mred�2J ' themes.out || fail "--list-themes: $(grep evil themes.out)"

# --check quotes the scenario's step and the failure
"$M" --check evil >check.out 2>&1 && fail "--check passed a failing expect"
no_controls --check check.out
grep -q '^FAIL  evil  step 1: !vm' check.out || fail "--check: $(cat check.out)"

# a headless screen shows the title and the narration
"$M" --screen 100x30 --at 1 evil >screen.out
no_controls --screen screen.out
grep -q 'narration �\[2J' screen.out || fail "--screen: the narration is not shown safely"

# batch: typed text with controls is refused, and its echo is safe text
printf 'say hi\033[31mred\nsay ok\377\302\233x\nsay fine\n' >cmds.txt
"$M" --batch cmds.txt >batch.out 2>&1 && fail "--batch accepted control characters"
no_controls --batch batch.out
grep -q '^> say hi�\[31mred$' batch.out || fail "--batch echo: $(cat batch.out)"
grep -q 'control character U+001B' batch.out || fail "--batch: the error does not name the character"
"$M" --batch --json cmds.txt >json.out 2>&1 && fail "--batch --json accepted control characters"
no_controls --json json.out
grep -q '"cmd":"say hi\\u001b\[31mred"' json.out || fail "--json cmd: $(head -1 json.out)"
grep -q '"cmd":"say ok\\ufffd\\u009bx"' json.out || fail "--json: $(sed -n 2p json.out)"
echo "untrusted_text: ok"
