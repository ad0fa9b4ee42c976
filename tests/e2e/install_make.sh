#!/bin/sh
# install_make.sh — `make install` and `make uninstall` themselves, as a
# user or a package build runs them (README.md "Installing"):
#  1. DESTDIR staging: PREFIX=/opt/mmviz-t DESTDIR=$T/stage puts exactly the
#     expected files under $T/stage/opt/mmviz-t (binary, data, man pages in
#     man1, man5, de/man1 and de/man5, the bash completion) and nothing else; the
#     staged binary, run from another directory, finds its data beside it.
#  2. A real PREFIX, another one: the object holding the data directory is
#     rebuilt for it, and the binary finds every shipped scenario and theme by
#     name from another directory, also when copied away from its tree (the
#     compiled-in directory); `man -l` and `man` through MANPATH render the
#     installed pages, the German one with -L de.
#  3. make uninstall removes exactly those files and leaves a user's own.
# The build reuses the suite's objects (build-test) in a directory of its
# own, so only the data directory's object is compiled again.
set -eu
M=${MMVIZ:-build/mmviz}
T=$(mktemp -d "${TMPDIR:-/tmp}/mmviz-install-XXXXXX")
trap 'rm -rf "$T"' EXIT INT TERM
fail() { echo "install_make: $*" >&2; exit 1; }
R=$PWD
if [ -d build-test/core ] && [ -d build-test/tui ] && [ -d build-test/gen ]; then
	mkdir -p "$T/build"
	cp -a build-test/core build-test/tui build-test/gen build-test/*.a "$T/build/"
fi
mk() { make --no-print-directory -s BUILD="$T/build" DEFS=-DMM_DEBUG "$@" >"$T/make.log" 2>&1 || fail "make $*: $(tail -20 "$T/make.log")"; }

# The files install must put under a prefix P, sorted.
expected() {
	{
		echo "$1/bin/mmviz"
		for f in scenarios/*.json; do echo "$1/share/mmviz/$f"; done
		for f in themes/*.json; do echo "$1/share/mmviz/$f"; done
		echo "$1/share/man/man1/mmviz.1"
		echo "$1/share/man/man5/mmviz-scenario.5"
		echo "$1/share/man/man5/mmviz-theme.5"
		echo "$1/share/man/de/man1/mmviz.1"
		echo "$1/share/man/de/man5/mmviz-scenario.5"
		echo "$1/share/man/de/man5/mmviz-theme.5"
		echo "$1/share/bash-completion/completions/mmviz"
	} | sort
}
same_files() { # same_files ROOT PREFIX-AS-LISTED
	(cd "$1" && find . -type f | sed 's|^\.||' | sort) >"$T/got"
	expected "$2" >"$T/want"
	diff -u "$T/want" "$T/got" >"$T/diff" || fail "make install put other files than expected under $1: $(cat "$T/diff")"
}

mkdir -p "$T/elsewhere" "$T/home"
export HOME="$T/home" XDG_DATA_HOME="$T/home/xdg"
nscn=$(ls scenarios/*.json | wc -l)
nthm=$(ls themes/*.json | wc -l)
names=$(ls scenarios/*.json | sed 's|.*/||; s|\.json$||')

# 1. DESTDIR
mk install PREFIX=/opt/mmviz-t DESTDIR="$T/stage"
same_files "$T/stage" /opt/mmviz-t
[ -x "$T/stage/opt/mmviz-t/bin/mmviz" ] || fail "the staged binary is not executable"
cd "$T/elsewhere"
out=$("$T/stage/opt/mmviz-t/bin/mmviz" --list-themes) || fail "--list-themes (staged): $out"
printf '%s\n' "$out" | grep -q "^light .*$T/stage/opt/mmviz-t/share/mmviz/themes/light.json" ||
	fail "the staged binary does not find its themes beside it: $out"
cd "$R"

# 2. PREFIX (a second, different one: datapath.o must follow it)
P="$T/prefix"
mk install PREFIX="$P"
same_files "$P" ""
cmp -s "$T/build/gen/prefix" - <<EOF || fail "the data directory stamp is $(cat "$T/build/gen/prefix"), not $P/share/mmviz"
$P/share/mmviz
EOF
cp "$P/bin/mmviz" "$T/elsewhere/mmviz-copy"   # no share/ beside it: only the compiled-in directory
cd "$T/elsewhere"
for bin in "$P/bin/mmviz" "$T/elsewhere/mmviz-copy"; do
	out=$("$bin" --list-scenarios) || fail "$bin --list-scenarios: $out"
	for n in $names; do
		printf '%s\n' "$out" | grep -q "^$n " || fail "$bin --list-scenarios lacks $n: $out"
	done
	# every shipped scenario by name, with the invariant checker on
	out=$(MMVIZ_CHECK=1 "$bin" --check $names 2>&1) || fail "$bin --check of the installed scenarios: $out"
	printf '%s\n' "$out" | grep -qx "$nscn passed, 0 failed" || fail "$bin --check: $out"
	out=$("$bin" --list-themes) || fail "$bin --list-themes: $out"
	[ "$(printf '%s\n' "$out" | grep -c "$P/share/mmviz/themes/")" -eq "$nthm" ] ||
		fail "$bin --list-themes does not show the $nthm installed themes: $out"
	"$bin" --theme high-contrast --screen 80x24 --ansi tour >"$T/screen" 2>"$T/err" ||
		fail "$bin --theme high-contrast: $(cat "$T/err")"
	grep -q 'tour' "$T/screen" || fail "$bin --screen: $(head -3 "$T/screen")"
done
out=$("$P/bin/mmviz" --version)
[ "$out" = "mmviz $(sed -n 's/^#define MMVIZ_VERSION "\(.*\)"/\1/p' "$R/tui/main.c")" ] ||
	fail "--version says '$out', tui/main.c's MMVIZ_VERSION differs"

# the installed man pages render, by file and by name through MANPATH
for page in man1/mmviz.1 man5/mmviz-scenario.5 man5/mmviz-theme.5 de/man1/mmviz.1 \
            de/man5/mmviz-scenario.5 de/man5/mmviz-theme.5; do
	LANG=C.UTF-8 MANWIDTH=80 man -l "$P/share/man/$page" >"$T/man" 2>"$T/err" || fail "man -l $page: $(cat "$T/err")"
	[ ! -s "$T/err" ] || fail "man -l $page warns: $(cat "$T/err")"
	grep -q 'mmviz' "$T/man" || fail "man -l $page: $(head -5 "$T/man")"
done
export MANPATH="$P/share/man"
LANG=C.UTF-8 MANWIDTH=80 man mmviz 2>"$T/err" | grep -q '^KEYS' || fail "man mmviz (MANPATH): $(cat "$T/err")"
LANG=C.UTF-8 MANWIDTH=80 man 5 mmviz-theme 2>"$T/err" | grep -q 'page.standby' || fail "man 5 mmviz-theme: $(cat "$T/err")"
LANG=C.UTF-8 MANWIDTH=80 man -L de mmviz 2>"$T/err" | grep -q '^TASTEN' || fail "man -L de mmviz: $(cat "$T/err")"
LANG=C.UTF-8 MANWIDTH=80 man -L de 5 mmviz-scenario 2>"$T/err" | grep -q '^BEISPIELE' || fail "man -L de 5 mmviz-scenario: $(cat "$T/err")"
unset MANPATH

# 3. uninstall: exactly what install put; a user's own file stays
cd "$R"
echo '{}' >"$P/share/mmviz/scenarios/mine.json"
mk uninstall PREFIX="$P"
(cd "$P" && find . -type f | sed 's|^\.||') >"$T/left"
[ "$(cat "$T/left")" = "/share/mmviz/scenarios/mine.json" ] || fail "after make uninstall there is left: $(cat "$T/left")"
[ ! -e "$P/share/mmviz/themes" ] || fail "make uninstall left the empty themes directory"
rm "$P/share/mmviz/scenarios/mine.json"
mk uninstall PREFIX=/opt/mmviz-t DESTDIR="$T/stage"
[ -z "$(find "$T/stage" -type f)" ] || fail "after make uninstall DESTDIR=... there is left: $(find "$T/stage" -type f)"
[ ! -e "$T/stage/opt/mmviz-t/share/mmviz" ] || fail "make uninstall left share/mmviz"

# The Debian changelog names the same version (make deb refuses otherwise).
if command -v dpkg-parsechangelog >/dev/null; then
	v=$(dpkg-parsechangelog -S Version)
	[ "mmviz $v" = "$("$M" --version)" ] || fail "debian/changelog is at $v, but $M --version says $("$M" --version)"
fi
echo "install_make: ok ($nscn scenarios, $nthm themes, 6 man pages, completion)"
