#!/bin/sh
# deb-test.sh [DIR] — checks the Debian package that `make deb` left in DIR
# (default build-deb); `make deb-test` runs it, and so does .ci/run.
#  1. contents: dpkg-deb --info / --contents name the binary, every shipped
#     scenario and theme, the six man pages, the completion, the copyright,
#     and a Depends computed from the libraries (${shlibs:Depends});
#  2. lintian: no error, and every warning is one README.md lists;
#  3. unpacked (dpkg -x) into a temporary root: the binary there finds its
#     data beside it and `--check` of the packaged scenarios passes;
#  4. a clean Debian 12: a minbase chroot made by debootstrap (kept as a
#     tarball in $DEB_TEST_CACHE, default /var/cache/mmviz-deb-test, for a
#     week), where `apt-get install ./mmviz_*.deb` pulls the dependencies
#     from the mirror; then, from /, `mmviz --check` of the installed
#     scenarios (by path and by name), the themes, and `apt-get remove`
#     takes it all away again.  DEB_TEST_CHROOT=0 skips this part (and says
#     so): it needs root and the Debian mirror.
# Prints a line per part and "deb: N passed, N failed"; exits non-zero when
# one failed.
set -eu
cd "$(dirname "$0")/.."
D=${1:-build-deb}
V=$(dpkg-parsechangelog -S Version)
A=$(dpkg-architecture -qDEB_HOST_ARCH)
DEB=$D/mmviz_${V}_$A.deb
[ -f "$DEB" ] || { echo "deb-test: no $DEB (run make deb)" >&2; exit 1; }
passed=0
failed=0
W=$(mktemp -d "${TMPDIR:-/var/tmp}/mmviz-deb-test-XXXXXX")
C=$W/chroot
cleanup() {
	# never remove a tree with a file system still mounted in it
	for m in "$C/proc" "$C/dev/pts"; do
		mountpoint -q "$m" 2>/dev/null && umount "$m"
	done
	mountpoint -q "$C/proc" 2>/dev/null || rm -rf "$W"
}
trap cleanup EXIT INT TERM
part() { # part NAME FUNCTION: runs it in a subshell (no ends it), its output to a log shown on failure
	if ( "$2" ) >"$W/log" 2>&1; then
		echo "PASS deb $1"; passed=$((passed + 1))
	else
		echo "FAIL deb $1"; tail -n 40 "$W/log"; failed=$((failed + 1))
	fi
}
no() { echo "$*"; exit 1; }

names=$(ls scenarios/*.json | sed 's|.*/||; s|\.json$||')
nscn=$(printf '%s\n' "$names" | wc -l)

contents() {
	dpkg-deb --info "$DEB" >"$W/info" || no "dpkg-deb --info failed"
	cat "$W/info"
	grep -q "^ Package: mmviz$" "$W/info" || no "not package mmviz"
	grep -q "^ Version: $V$" "$W/info" || no "not version $V"
	for lib in libcjson1 libtickit3 libncursesw6 libc6; do
		grep -q "^ Depends:.*$lib" "$W/info" || no "Depends lacks $lib (shlibs)"
	done
	dpkg-deb --contents "$DEB" | awk '{ print $NF }' | sed 's|^\./|/|' >"$W/files"
	for f in /usr/bin/mmviz /usr/share/man/man1/mmviz.1.gz /usr/share/man/man5/mmviz-scenario.5.gz \
	         /usr/share/man/man5/mmviz-theme.5.gz /usr/share/man/de/man1/mmviz.1.gz \
	         /usr/share/man/de/man5/mmviz-scenario.5.gz /usr/share/man/de/man5/mmviz-theme.5.gz \
	         /usr/share/bash-completion/completions/mmviz /usr/share/doc/mmviz/copyright \
	         /usr/share/doc/mmviz/changelog.gz; do
		grep -qx "$f" "$W/files" || no "the package lacks $f"
	done
	for f in scenarios/*.json themes/*.json; do
		grep -qx "/usr/share/mmviz/$f" "$W/files" || no "the package lacks /usr/share/mmviz/$f"
	done
	! grep -q '^/usr/local' "$W/files" || no "the package has files in /usr/local"
}

lint() {
	lintian --fail-on error --tag-display-limit 0 "$DEB" >"$W/lintian" 2>&1 || { cat "$W/lintian"; no "lintian reports errors"; }
	cat "$W/lintian"
	# every warning that remains is explained in README.md (section Installing)
	for tag in $(sed -n 's/^W: mmviz[^:]*: \([a-z0-9-]*\).*/\1/p' "$W/lintian" | sort -u); do
		grep -q "\`$tag\`" README.md || no "lintian warning $tag is not listed in README.md"
	done
}

unpacked() {
	dpkg -x "$DEB" "$W/root" || no "dpkg -x failed"
	mkdir -p "$W/elsewhere"
	cd "$W/elsewhere"
	HOME=$W XDG_DATA_HOME=$W/xdg MMVIZ_CHECK=1 "$W/root/usr/bin/mmviz" --check $names >"$W/out" 2>&1 ||
		{ cat "$W/out"; no "--check of the unpacked scenarios failed"; }
	cat "$W/out"
	grep -qx "$nscn passed, 0 failed" "$W/out" || no "not all $nscn scenarios passed"
	for p in man1/mmviz.1.gz man5/mmviz-scenario.5.gz man5/mmviz-theme.5.gz de/man1/mmviz.1.gz \
	         de/man5/mmviz-scenario.5.gz de/man5/mmviz-theme.5.gz; do
		LANG=C.UTF-8 man -l "$W/root/usr/share/man/$p" 2>"$W/err" | grep -q mmviz || no "man -l $p"
		[ ! -s "$W/err" ] || no "man -l $p warns: $(cat "$W/err")"
	done
}

# A minbase Debian 12 from the mirror apt uses here, or the cached one.
bootstrap() {
	cache=${DEB_TEST_CACHE:-/var/cache/mmviz-deb-test}
	tarball=$cache/bookworm-minbase-$A.tar
	mkdir -p "$C" "$cache"
	if [ -n "$(find "$tarball" -mtime -7 2>/dev/null)" ]; then
		tar -C "$C" -xf "$tarball" && return 0
	fi
	mirror=$(sed -n 's/^URIs: *\(http[^ ]*debian\)$/\1/p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
	mirror=${mirror:-http://deb.debian.org/debian}
	for try in 1 2; do
		rm -rf "$C" && mkdir -p "$C"
		if debootstrap --variant=minbase bookworm "$C" "$mirror" >"$W/debootstrap.log" 2>&1; then
			tar -C "$C" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
			return 0
		fi
		tail -5 "$W/debootstrap.log"
	done
	return 1
}

in_chroot() {
	chroot "$C" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
		DEBIAN_FRONTEND=noninteractive "$@"
}

clean_debian() {
	[ "$(id -u)" = 0 ] || no "needs root (chroot, mount)"
	bootstrap || no "debootstrap failed: $(tail -5 "$W/debootstrap.log")"
	cp /etc/resolv.conf "$C/etc/resolv.conf" 2>/dev/null || true
	mount -t proc proc "$C/proc" || no "cannot mount /proc in the chroot"
	cp "$DEB" "$C/tmp/"
	in_chroot sh -c 'cd /tmp && apt-get update -qq && apt-get install -y -q --no-install-recommends ./mmviz_*.deb' ||
		no "apt-get install ./mmviz_*.deb failed in the chroot"
	in_chroot dpkg -s mmviz | grep -q '^Status: install ok installed' || no "mmviz is not installed"
	in_chroot sh -c 'cd / && mmviz --version' | grep -qx "mmviz $V" || no "mmviz --version in the chroot"
	in_chroot sh -c 'cd / && MMVIZ_CHECK=1 mmviz --check /usr/share/mmviz/scenarios/*.json' >"$W/out" 2>&1 ||
		{ cat "$W/out"; no "mmviz --check of the installed scenarios failed"; }
	cat "$W/out"
	grep -qx "$nscn passed, 0 failed" "$W/out" || no "not all $nscn scenarios passed in the chroot"
	in_chroot sh -c "cd /root && mmviz --check $(echo $names)" | grep -qx "$nscn passed, 0 failed" ||
		no "the scenarios by name from /root"
	[ "$(in_chroot sh -c 'cd / && mmviz --list-themes' | grep -c ' /usr/share/mmviz/themes/')" -eq "$(ls themes/*.json | wc -l)" ] ||
		no "mmviz --list-themes does not show the installed themes"
	in_chroot sh -c 'cd / && mmviz --theme light --screen 80x24 tour' | grep -q 'guided tour' || no "--theme light --screen"
	in_chroot apt-get remove -y -q mmviz >/dev/null || no "apt-get remove mmviz"
	[ ! -e "$C/usr/bin/mmviz" ] && [ ! -e "$C/usr/share/mmviz" ] && [ ! -e "$C/usr/share/bash-completion/completions/mmviz" ] ||
		no "apt-get remove left files behind"
}

part contents contents
part lintian lint
part "unpacked (dpkg -x)" unpacked
if [ "${DEB_TEST_CHROOT:-1}" = 0 ]; then
	echo "SKIP deb clean Debian 12 chroot (DEB_TEST_CHROOT=0)"
else
	part "clean Debian 12 (debootstrap minbase chroot, apt-get install ./mmviz_${V}_$A.deb)" clean_debian
fi
echo "deb: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
