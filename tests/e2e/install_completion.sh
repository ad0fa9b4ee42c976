#!/bin/sh
# install_completion.sh — the bash completion (completion/mmviz.bash, which
# make install and the Debian package put in share/bash-completion/
# completions/mmviz) completes options from --help, the values of --arch,
# --os, --lang, --backend, --quiz, scenario names from the search path
# (a user's own under $XDG_DATA_HOME included) and theme names, and *.json
# files, from a directory that has no scenarios/ of its own.
set -eu
M=${MMVIZ:-build/mmviz}
case $M in /*) ;; *) M=$PWD/$M ;; esac
command -v bash >/dev/null || { echo "install_completion: bash is not installed" >&2; exit 1; }
C=$PWD/completion/mmviz.bash
T=$(mktemp -d "${TMPDIR:-/tmp}/mmviz-compl-XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
mkdir -p "$T/bin" "$T/work/sub" "$T/xdg/mmviz/scenarios" "$T/xdg/mmviz/themes"
ln -s "$M" "$T/bin/mmviz"
cp scenarios/demand-zero.json "$T/xdg/mmviz/scenarios/zz-mine.json"
sed 's/"name": "light"/"name": "zz-theme"/' themes/light.json >"$T/xdg/mmviz/themes/zz-theme.json"
: >"$T/work/lesson.json"
: >"$T/work/notes.txt"
cd "$T/work"
# The installed data of this build is not in the search path from here; the
# shipped scenarios are found through XDG_DATA_HOME as a user's would be.
cp "$OLDPWD"/scenarios/*.json "$T/xdg/mmviz/scenarios/"
cp "$OLDPWD"/themes/*.json "$T/xdg/mmviz/themes/"

out=$(PATH="$T/bin:$PATH" XDG_DATA_HOME="$T/xdg" HOME="$T" bash --norc --noprofile -c '
	. "$1"
	complete -p mmviz >/dev/null || { echo "no completion registered for mmviz"; exit 1; }
	t() { COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMPREPLY=(); _mmviz
	      printf "%s:" "$*"; printf " %s" $(printf "%s\n" "${COMPREPLY[@]}" | sort); echo; }
	t mmviz --ar
	t mmviz --list-
	t mmviz --arch ""
	t mmviz --os w
	t mmviz --lang ""
	t mmviz --backend t
	t mmviz --quiz ""
	t mmviz --theme zz
	t mmviz --theme hi
	t mmviz transl
	t mmviz zz
	t mmviz les
	t mmviz --check de
	t mmviz --batch no
	t mmviz --events ""
' sh "$C")
expect() { # expect LINE
	printf '%s\n' "$out" | grep -qxF -- "$1" || { printf 'install_completion: expected the line\n  %s\ngot:\n%s\n' "$1" "$out" >&2; exit 1; }
}
expect "mmviz --ar: --arch"
expect "mmviz --list-: --list-scenarios --list-themes"
expect "mmviz --arch : pae x64 x86"
expect "mmviz --os w: win10 win7"
expect "mmviz --lang : de en"
expect "mmviz --backend t: tickit"
expect "mmviz --quiz : faults lists translation"
expect "mmviz --theme zz: zz-theme"
expect "mmviz --theme hi: high-contrast"
expect "mmviz transl: translation-pae translation-x64 translation-x86"
expect "mmviz zz: zz-mine"
expect "mmviz les: lesson.json"
expect "mmviz --check de: demand-zero"
expect "mmviz --batch no: notes.txt"
expect "mmviz --events : all"
# every option of --help is offered after --
n_help=$("$M" --help | grep -oE -- '(^|[][ ,|])--[a-z][a-z0-9-]*' | sed 's/^[^-]*//' | sort -u | wc -l)
n_comp=$(PATH="$T/bin:$PATH" bash --norc --noprofile -c '. "$1"; COMP_WORDS=(mmviz --); COMP_CWORD=1; _mmviz; echo ${#COMPREPLY[@]}' sh "$C")
[ "$n_comp" -eq "$n_help" ] && [ "$n_help" -ge 20 ] ||
	{ echo "install_completion: -- offers $n_comp options, --help prints $n_help" >&2; exit 1; }
echo "install_completion: ok ($n_comp options)"
