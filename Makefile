# mmviz — the Windows memory manager, simulated and shown at work in a terminal.
#
#   make run     set up (Debian packages), build, start the TUI on the built-in tour
#   make test    set up, build, run the whole suite (unit, golden, scenarios, e2e, ASan+UBSan)
#   make bench   optimised build, prints the figures of spec/quality.md
#
# Layout: core/*.c -> build/libmmcore.a (no UI headers; checked by check-deps),
#         tui/*.c  -> build/libmmtui.a + mmviz (tui/main.c),
#         tests/unit/NN_name.c -> one cmocka binary each.

CC       ?= cc
BUILD    ?= build
OPT      ?= -O2 -g
SAN      ?=
DEFS     ?= -DMM_DEBUG
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wformat=2 -Wvla
PKGS     = ncursesw tickit libcjson
DEBPKGS  = build-essential pkg-config libncurses-dev libtickit-dev libcjson-dev \
           libcmocka-dev tmux clang-14 libclang-rt-14-dev
CFLAGS   = -std=c17 $(OPT) $(WARN) $(SAN) $(DEFS) -D_GNU_SOURCE -Icore -Itui
PKGCFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA    = $(shell pkg-config --libs cmocka 2>/dev/null)

CORE_SRC = $(sort $(wildcard core/*.c))
TUI_SRC  = $(filter-out tui/main.c,$(sort $(wildcard tui/*.c)))
CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
TUI_OBJ  = $(TUI_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
GEN      = $(BUILD)/gen/tour.inc

.PHONY: all run test test-fast test-asan bench fuzz deps check-deps clean install
all: $(BUILD)/mmviz mmviz

mmviz: $(BUILD)/mmviz
	@ln -sf $(BUILD)/mmviz mmviz

# Install what is missing, only when pkg-config cannot find it (spec: quality.md "Fresh machine").
deps:
	@missing=""; \
	for p in $(PKGS) cmocka; do pkg-config --exists $$p 2>/dev/null || missing=1; done; \
	command -v cc >/dev/null && command -v pkg-config >/dev/null || missing=1; \
	command -v tmux >/dev/null || missing=1; \
	if [ -n "$$missing" ]; then \
	  echo "mmviz: installing Debian packages: $(DEBPKGS)"; \
	  if [ "$$(id -u)" != 0 ]; then echo "mmviz: need root to apt-get install; run as root or install: $(DEBPKGS)" >&2; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(DEBPKGS) >/dev/null || exit 1; \
	fi

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"; $(CC) $(CFLAGS) $(PKGCFLAGS) -I$(BUILD)/gen -MMD -MP -c $< -o $@

$(BUILD)/libmmcore.a: $(CORE_OBJ)
	@rm -f $@; ar rcs $@ $^
$(BUILD)/libmmtui.a: $(TUI_OBJ)
	@rm -f $@; ar rcs $@ $^ $(if $(TUI_OBJ),,/dev/null 2>/dev/null || ar rcs $@)

# The built-in tour is compiled into the binary (cli.md): works from any directory.
$(GEN): scenarios/tour.json tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $< mm_tour_json > $@
$(BUILD)/tui/main.o $(BUILD)/core/builtin.o: $(GEN)

$(BUILD)/mmviz: $(BUILD)/tui/main.o $(BUILD)/libmmtui.a $(BUILD)/libmmcore.a
	$(CC) $(CFLAGS) -o $@ $^ $(PKGLIBS) -lm

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libmmtui.a $(BUILD)/libmmcore.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(PKGCFLAGS) -Itests -o $@ $^ $(PKGLIBS) $(CMOCKA) -lm

# The core never includes a tui/ header (dependency direction tui -> core).
check-deps:
	@if grep -nE '#include *"(\.\./)?tui/|#include *<(ncurses|curses|tickit)' core/*.c core/*.h; then \
	  echo "check-deps: core/ must not depend on tui/ or a terminal library" >&2; exit 1; fi

run: deps all
	./$(BUILD)/mmviz

test-fast: deps check-deps all $(UNIT_BIN)
	@sh tests/run-all.sh $(BUILD)

test: deps
	@$(MAKE) --no-print-directory test-fast
	@$(MAKE) --no-print-directory test-asan

# The suite again under AddressSanitizer + UndefinedBehaviorSanitizer (separate build dir).
test-asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" all $(UNIT_BIN:$(BUILD)/%=build-asan/%)
	@ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	  MMVIZ_SUITE=asan sh tests/run-all.sh build-asan

bench: deps
	@$(MAKE) --no-print-directory BUILD=build-bench OPT="-O2 -march=native" DEFS="" all build-bench/bench
	@sh tests/bench/run.sh build-bench

build-bench/bench: tests/bench/bench.c build-bench/libmmcore.a build-bench/libmmtui.a
	$(CC) $(CFLAGS) $(PKGCFLAGS) -o $@ $^ $(PKGLIBS) -lm

clean:
	rm -rf build build-asan build-bench build-fuzz mmviz

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
