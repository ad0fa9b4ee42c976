# mmviz — the Windows memory manager, simulated and shown at work in a terminal.
#
#   make run     set up (Debian packages), build, start the TUI on the built-in tour
#   make test    set up, build, run the whole suite (unit, golden, scenarios, e2e, ASan+UBSan)
#   make bench   optimised build, prints the figures of docs/quality.md Q-PERF
#   make install / uninstall   PREFIX (default /usr/local), DESTDIR; make deb, make deb-test: the Debian package
#
# Layout: core/{base,hw,mm,win32,lang,scenario}/*.c and core/*.c -> build/libmmcore.a
#         (layer rules of docs/architecture.md, checked by check-deps),
#         tui/*.c  -> build/libmmtui.a + mmviz (tui/main.c; sees only core/include/),
#         tests/unit/NN_name.c -> one cmocka binary each.

CC       ?= cc
PREFIX   ?= /usr/local
# The install directories of the GNU conventions, all under PREFIX; DESTDIR
# is prepended only when installing (a staged install, as a package build does).
prefix      = $(PREFIX)
exec_prefix = $(prefix)
bindir      = $(exec_prefix)/bin
datarootdir = $(prefix)/share
datadir     = $(datarootdir)
mandir      = $(datarootdir)/man
man1dir     = $(mandir)/man1
man5dir     = $(mandir)/man5
bashcompdir = $(datarootdir)/bash-completion/completions
INSTALL         = install
INSTALL_PROGRAM = $(INSTALL) -m 755
INSTALL_DATA    = $(INSTALL) -m 644
# The version is said once, in tui/main.c (`mmviz --version`); debian/changelog
# must agree (make deb and tests/e2e/install_make.sh check it).
VERSION := $(shell sed -n 's/^\#define MMVIZ_VERSION "\(.*\)"/\1/p' tui/main.c)
BUILD    ?= build
OPT      ?= -O2 -g
SAN      ?=
DEFS     ?=
# The test build hunts bugs: assertions, per-object sanity checks and junk-filled
# freed memory (docs/quality.md Q-SUITE); the binary users run has none of it.
TEST_DEFS = -DMM_DEBUG
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wformat=2 -Wvla
PKGS     = ncursesw tickit libcjson
DEBPKGS  = build-essential pkg-config libncurses-dev libtickit-dev libcjson-dev \
           libcmocka-dev tmux clang-14 libclang-rt-14-dev groff-base mandoc man-db \
           libpng-dev chromium
# What `make deb` and `make deb-test` need besides (deb-deps installs them).
DEBPKGS_DEB = debhelper dpkg-dev fakeroot lintian debootstrap
CFLAGS   = -std=c17 $(OPT) $(WARN) $(SAN) $(DEFS) -D_GNU_SOURCE -Icore/include
CORE_INC = -Icore
TUI_INC  = -Itui
PKGCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA    = $(shell pkg-config --libs cmocka 2>/dev/null)

CORE_DIRS = core core/base core/hw core/mm core/win32 core/lang core/scenario core/learn
CORE_SRC = $(sort $(foreach d,$(CORE_DIRS),$(wildcard $(d)/*.c)))
TUI_SRC  = $(filter-out tui/main.c,$(sort $(wildcard tui/*.c)))
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ  = $(TUI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
GEN      = $(BUILD)/gen/tour.inc

.PHONY: all units run test test-fast test-asan bench fuzz fuzzers deps check-deps clean install uninstall \
        deb deb-deps deb-test FORCE
all: $(BUILD)/mmviz mmviz

mmviz: $(BUILD)/mmviz
	@ln -sf $(BUILD)/mmviz mmviz

# Install what is missing, only when pkg-config cannot find it (docs/quality.md Q-SETUP).
deps:
	@missing=""; \
	for p in $(PKGS) cmocka; do pkg-config --exists $$p 2>/dev/null || missing=1; done; \
	command -v cc >/dev/null && command -v pkg-config >/dev/null || missing=1; \
	command -v tmux >/dev/null || missing=1; \
	command -v chromium >/dev/null && pkg-config --exists libpng 2>/dev/null || missing=1; \
	command -v clang-14 >/dev/null || missing=1; \
	for t in groff mandoc man; do command -v $$t >/dev/null || missing=1; done; \
	dpkg-query -W -f='$${Status}' libclang-rt-14-dev 2>/dev/null | grep -q 'ok installed' || missing=1; \
	if [ -n "$$missing" ]; then \
	  echo "mmviz: installing Debian packages: $(DEBPKGS)"; \
	  if [ "$$(id -u)" != 0 ]; then echo "mmviz: need root to apt-get install; run as root or install: $(DEBPKGS)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBPKGS) >/dev/null || exit 1; \
	fi

$(BUILD)/core/%.o: core/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS) $(CORE_INC) $(PKGCFLAGS) -I$(BUILD)/gen -MMD -MP -c $< -o $@
$(BUILD)/tui/%.o: tui/%.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS) $(TUI_INC) $(PKGCFLAGS) -I$(BUILD)/gen -MMD -MP -c $< -o $@

$(BUILD)/libmmcore.a: $(CORE_OBJ)
	@rm -f $@; ar rcs $@ $^
$(BUILD)/libmmtui.a: $(TUI_OBJ)
	@rm -f $@; ar rcs $@ $^ $(if $(TUI_OBJ),,/dev/null 2>/dev/null || ar rcs $@)

# The built-in tour is compiled into the binary (docs/cli.md CLI-MODES): works from any directory.
$(GEN): scenarios/tour.json tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $< mm_tour_json > $@
$(BUILD)/tui/main.o $(BUILD)/core/scenario/builtin.o: $(GEN)

# The installed data directory is compiled into datapath.o alone; the stamp
# holds the directory it was built for and is rewritten only when it
# differs, so `make install PREFIX=/opt/mmviz` rebuilds exactly that object.
$(BUILD)/gen/prefix: FORCE
	@mkdir -p $(dir $@)
	@echo '$(datadir)/mmviz' | cmp -s - $@ 2>/dev/null || echo '$(datadir)/mmviz' > $@
$(BUILD)/core/scenario/datapath.o: $(BUILD)/gen/prefix

# The compiler and its flags (OPT, SAN, DEFS) are kept in a stamp rewritten
# only when they differ, and every object depends on it: a build directory
# made once without -DMM_DEBUG is rebuilt, not reused, by `make test-fast`.
$(BUILD)/gen/flags: FORCE
	@mkdir -p $(dir $@)
	@echo '$(CC) $(CFLAGS)' | cmp -s - $@ 2>/dev/null || echo '$(CC) $(CFLAGS)' > $@
$(CORE_OBJ) $(TUI_OBJ) $(BUILD)/tui/main.o: $(BUILD)/gen/flags
$(BUILD)/core/scenario/datapath.o: CFLAGS += -DMMVIZ_DATADIR='"$(datadir)/mmviz"'
FORCE:

$(BUILD)/mmviz: $(BUILD)/tui/main.o $(BUILD)/libmmtui.a $(BUILD)/libmmcore.a
	@echo "  LD $@"; $(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(PKGLIBS) -lm

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmmtui.a $(BUILD)/libmmcore.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"; $(CC) $(CFLAGS) $(CORE_INC) $(TUI_INC) $(PKGCFLAGS) -Itests -o $@ $^ $(PKGLIBS) $(CMOCKA) -lm

# The layer rules (docs/architecture.md): each layer includes only layers
# below it; tui/ only core/include/; no terminal library in the core.
check-deps:
	@sh tools/check-deps.sh
	@sh tools/check-doc-ids.sh

run: deps all
	./$(BUILD)/mmviz

test-fast: deps check-deps
	@$(MAKE) --no-print-directory BUILD=build-test DEFS="$(TEST_DEFS)" build-test/mmviz units build-test/tests/pngprobe
	@sh tests/run-all.sh build-test

units: $(UNIT_BIN)

# The snapshot test's PNG reader (tests/e2e/snapshot_browser.sh), with libpng:
# built for the suite only, not by `units` (the package's own tests, debian/rules).
$(BUILD)/tests/pngprobe: tests/tools/pngprobe.c
	@mkdir -p $(dir $@)
	@echo "  LD $@"; $(CC) $(CFLAGS) -o $@ $< -lpng

test: deps
	@$(MAKE) --no-print-directory test-fast
	@$(MAKE) --no-print-directory test-asan

# The suite again under AddressSanitizer + UndefinedBehaviorSanitizer (separate build dir).
test-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan DEFS="$(TEST_DEFS)" OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all" build-asan/mmviz units \
	  build-asan/tests/pngprobe
	@$(MAKE) --no-print-directory fuzzers
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  MMVIZ_SUITE=asan sh tests/run-all.sh build-asan

# No AVX-512 (-mno-avx512f): valgrind, which counts the bench's instructions
# where the host has no counters, cannot decode it.
BENCH_OPT = -O2 -march=native -mno-avx512f
bench: deps
	@$(MAKE) --no-print-directory BUILD=build-bench OPT="$(BENCH_OPT)" DEFS="" all build-bench/bench
	@sh tests/bench/run.sh build-bench

build-bench/bench: tests/bench/bench.c build-bench/libmmtui.a build-bench/libmmcore.a
	@echo "  LD $@"; $(CC) $(CFLAGS) $(CORE_INC) $(TUI_INC) $(PKGCFLAGS) -o $@ $^ $(PKGLIBS) -lm

# libFuzzer targets (docs/quality.md Q-FUZZ): built with clang's fuzzer runtime, each
# run briefly inside the sanitizer suite (tests/run-all.sh) over a copy of
# its seed corpus; `make fuzz FUZZ_SECONDS=3600` runs each for longer.
FUZZ_CC   = clang-14
FUZZ_FLAGS = -std=c17 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE $(TEST_DEFS) \
             -Icore/include -Icore -Itui -Ibuild-fuzz/gen $(PKGCFLAGS)
FUZZ_SECONDS ?= 600
FUZZERS   = build-fuzz/fuzz_lex build-fuzz/fuzz_scenario build-fuzz/fuzz_theme build-fuzz/fuzz_cmd \
            build-fuzz/fuzz_batch
build-fuzz/gen/tour.inc: scenarios/tour.json tools/embed.sh
	@mkdir -p $(dir $@)
	@sh tools/embed.sh $< mm_tour_json > $@
build-fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(CORE_SRC) build-fuzz/gen/tour.inc
	@echo "  FUZZ $@"; $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(CORE_SRC) $(PKGLIBS) -lm
build-fuzz/fuzz_theme: tests/fuzz/fuzz_theme.c tui/theme.c tui/cellgrid.c core/base/types.c \
                      core/scenario/jsonfile.c core/scenario/jsonwalk.c core/scenario/datapath.c
	@echo "  FUZZ $@"; $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^ $(PKGLIBS) -lm
# fuzz_batch hashes and checks the whole machine after most commands: its
# core/check.c is built without the fuzzer's coverage hooks, which would
# otherwise call back for every byte hashed (most of the run, guiding nothing).
comma := ,
FUZZ_NOCOV = $(subst -fsanitize=fuzzer$(comma)address,-fsanitize=address,$(FUZZ_FLAGS))
# (it is linked with objects compiled apart from it: a header change must
# rebuild it, or a struct's old layout is read; every header, to be sure)
FUZZ_HDR = $(wildcard core/include/*.h core/*/*.h)
build-fuzz/check-nocov.o: core/check.c $(FUZZ_HDR)
	@mkdir -p $(dir $@)
	@$(FUZZ_CC) $(FUZZ_NOCOV) -c $< -o $@
build-fuzz/fuzz_batch: tests/fuzz/fuzz_batch.c $(filter-out core/check.c,$(CORE_SRC)) build-fuzz/check-nocov.o \
                      build-fuzz/gen/tour.inc
	@echo "  FUZZ $@"; $(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(filter-out core/check.c,$(CORE_SRC)) \
	  build-fuzz/check-nocov.o $(PKGLIBS) -lm
fuzzers: $(FUZZERS)
fuzz: deps fuzzers
	@for f in $(FUZZERS); do n=$${f##*/fuzz_}; mkdir -p build-fuzz/corpus-$$n; \
	  echo "== $$f ($(FUZZ_SECONDS) s)"; $$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	  -dict=tests/fuzz/$$n.dict build-fuzz/corpus-$$n tests/fuzz/corpus/$$n 2>&1 | tail -n 12; done

# make install [PREFIX=/usr/local] [DESTDIR=]: the binary, its data, the man
# pages (English and German) and the bash completion; uninstall removes
# exactly those files, and the data directories when nothing else is left
# in them (README.md "Installing").
INST_SCN = $(addprefix $(DESTDIR)$(datadir)/mmviz/scenarios/,$(notdir $(wildcard scenarios/*.json)))
INST_THM = $(addprefix $(DESTDIR)$(datadir)/mmviz/themes/,$(notdir $(wildcard themes/*.json)))
install: $(BUILD)/mmviz
	$(INSTALL) -d $(DESTDIR)$(bindir) $(DESTDIR)$(datadir)/mmviz/scenarios $(DESTDIR)$(datadir)/mmviz/themes \
	  $(DESTDIR)$(man1dir) $(DESTDIR)$(man5dir) $(DESTDIR)$(mandir)/de/man1 $(DESTDIR)$(mandir)/de/man5 \
	  $(DESTDIR)$(bashcompdir)
	$(INSTALL_PROGRAM) $(BUILD)/mmviz $(DESTDIR)$(bindir)/mmviz
	$(INSTALL_DATA) scenarios/*.json $(DESTDIR)$(datadir)/mmviz/scenarios/
	$(INSTALL_DATA) themes/*.json $(DESTDIR)$(datadir)/mmviz/themes/
	$(INSTALL_DATA) man/mmviz.1 $(DESTDIR)$(man1dir)/mmviz.1
	$(INSTALL_DATA) man/mmviz-scenario.5 man/mmviz-theme.5 $(DESTDIR)$(man5dir)/
	$(INSTALL_DATA) man/de/mmviz.1 $(DESTDIR)$(mandir)/de/man1/mmviz.1
	$(INSTALL_DATA) man/de/mmviz-scenario.5 man/de/mmviz-theme.5 $(DESTDIR)$(mandir)/de/man5/
	$(INSTALL_DATA) completion/mmviz.bash $(DESTDIR)$(bashcompdir)/mmviz

uninstall:
	rm -f $(DESTDIR)$(bindir)/mmviz $(INST_SCN) $(INST_THM) \
	  $(DESTDIR)$(man1dir)/mmviz.1 $(DESTDIR)$(man5dir)/mmviz-scenario.5 $(DESTDIR)$(man5dir)/mmviz-theme.5 \
	  $(DESTDIR)$(mandir)/de/man1/mmviz.1 $(DESTDIR)$(mandir)/de/man5/mmviz-scenario.5 \
	  $(DESTDIR)$(mandir)/de/man5/mmviz-theme.5 $(DESTDIR)$(bashcompdir)/mmviz
	rmdir $(DESTDIR)$(datadir)/mmviz/scenarios $(DESTDIR)$(datadir)/mmviz/themes $(DESTDIR)$(datadir)/mmviz 2>/dev/null || true

# The Debian package (debian/): build-deb/mmviz_VERSION_ARCH.deb, built by
# dpkg-buildpackage in its own build directory (build-pkg/), so the other
# builds stay; deb-test also runs lintian and installs it in a clean Debian 12
# (.ci/deb-test.sh).
deb-deps:
	@missing=""; for p in $(DEBPKGS_DEB); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  echo "mmviz: installing Debian packages: $(DEBPKGS_DEB)"; \
	  if [ "$$(id -u)" != 0 ]; then echo "mmviz: need root to apt-get install; run as root or install: $(DEBPKGS_DEB)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBPKGS_DEB) >/dev/null || exit 1; \
	fi

deb: deps deb-deps
	@v=$$(dpkg-parsechangelog -S Version); [ "$$v" = "$(VERSION)" ] || { \
	  echo "mmviz: debian/changelog is at $$v but mmviz --version says $(VERSION) (tui/main.c): add a changelog entry" >&2; exit 1; }
	dpkg-buildpackage -us -uc -b
	@mkdir -p build-deb && a=$$(dpkg-architecture -qDEB_HOST_ARCH) && \
	  for f in mmviz_$(VERSION)_$$a.deb mmviz-dbgsym_$(VERSION)_$$a.deb mmviz_$(VERSION)_$$a.buildinfo mmviz_$(VERSION)_$$a.changes; do \
	    [ ! -e ../$$f ] || mv -f ../$$f build-deb/; done && \
	  echo "mmviz: built build-deb/mmviz_$(VERSION)_$$a.deb"

deb-test: deb
	@sh .ci/deb-test.sh build-deb

clean:
	rm -rf build build-test build-asan build-bench build-fuzz build-pkg build-deb mmviz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
