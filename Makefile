# maturity - digital-marketing maturity assessment.
#
#   make            build ./build/maturity
#   make demo       install missing packages, build, score the samples, write their reports
#   make test       build and run every test (unit, end-to-end, pseudo-terminal)
#   make test SAN=1 the same under AddressSanitizer + UndefinedBehaviorSanitizer
#   make bench      benchmarks (optimised build)
#   make install    PREFIX=/usr/local DESTDIR=
#   V=1             show the commands
#
# SPDX-License-Identifier: MIT

PREFIX  ?= /usr/local
DESTDIR ?=
VERSION := 0.1.0

ifeq ($(SAN),1)
BUILD   ?= build-san
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT     ?= -O1 -g
else
BUILD   ?= build
SANFLAGS :=
OPT     ?= -O2 -g
endif

Q := @
ifeq ($(V),1)
Q :=
endif

CC      ?= cc
PKGS    := xlsxwriter inih fribidi fontconfig jansson
WARN    := -Wall -Wextra -Wstrict-prototypes -Wshadow -Wformat=2 -Wno-format-nonliteral -pedantic
ifneq ($(CI),)
WARN    += -Werror
endif
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CPPFLAGS += -Iinclude -D_GNU_SOURCE -DMT_VERSION='"$(VERSION)"' \
            -DMT_DATADIR='"$(PREFIX)/share/maturity"'
CFLAGS  ?= $(OPT)
CFLAGS  += -std=c11 $(WARN) $(SANFLAGS) $(PKG_CFLAGS) -MMD -MP
LDFLAGS += $(SANFLAGS)
LDLIBS  += $(PKG_LIBS) -lhpdf -lm -lutil

LIB_SRC  := $(filter-out src/main.c,$(sort $(wildcard src/*.c)))
LIB_OBJ  := $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/libmaturity.a
BIN      := $(BUILD)/maturity

TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
TEST_SUPPORT_SRC := $(sort $(wildcard tests/unit/support/*.c))
TEST_SUPPORT_OBJ := $(TEST_SUPPORT_SRC:tests/unit/support/%.c=$(BUILD)/obj/test-support/%.o)

.PHONY: all deps demo test unit e2e check-san bench install uninstall clean fuzz
.PHONY: bench-tools FORCE
.DEFAULT_GOAL := all

all: $(BIN)

deps:
	$(Q)scripts/install-deps.sh --check 2>/dev/null || scripts/install-deps.sh

$(BUILD)/obj/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/obj/test-support/%.o: tests/unit/support/%.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) -c -o $@ $<

$(LIB): $(LIB_OBJ)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

$(BIN): $(BUILD)/obj/main.o $(LIB)
	@echo "  LD      $@"
	$(Q)$(CC) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB) $(TEST_SUPPORT_OBJ)
	@mkdir -p $(dir $@)
	@echo "  TEST    $@"
	$(Q)$(CC) $(CPPFLAGS) -Itests/unit $(CFLAGS) $(LDFLAGS) -o $@ $< $(TEST_SUPPORT_OBJ) $(LIB) \
	    $(LDLIBS) $(shell pkg-config --libs cmocka 2>/dev/null)

demo: deps $(BIN)
	$(Q)BUILD=$(BUILD) scripts/demo.sh

test: deps $(BIN) $(TEST_BIN)
	$(Q)BUILD=$(BUILD) scripts/run-tests.sh

# ---- benchmark: optimised, in its own build folder; never fails on a time ----
BENCH_BUILD := build-bench
BENCH_TOOLS := $(BUILD)/bench/gen-answers $(BUILD)/bench/measure

bench:
	$(Q)$(MAKE) --no-print-directory BUILD=$(BENCH_BUILD) OPT='-O2 -DNDEBUG' SAN= \
	    all bench-tools
	$(Q)BUILD=$(BENCH_BUILD) scripts/bench.sh

bench-tools: $(BENCH_TOOLS)

$(BUILD)/bench/%: bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

# ---- install / uninstall ------------------------------------------------------
# The binary has its share folder built in (MT_DATADIR), so cmd_common.o is
# rebuilt whenever PREFIX differs from the one it was compiled with.
BINDIR   = $(PREFIX)/bin
DATADIR  = $(PREFIX)/share/maturity
QDIR     = $(DATADIR)/questionnaires
MAN1DIR  = $(PREFIX)/share/man/man1
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
QFILES   := $(notdir $(wildcard questionnaires/*.ini))
MAPFILES := $(notdir $(wildcard questionnaires/maps/*.ini))

$(BUILD)/prefix.stamp: FORCE
	@mkdir -p $(dir $@)
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' >$@

$(BUILD)/obj/cmd_common.o: $(BUILD)/prefix.stamp

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(QDIR)/maps $(DESTDIR)$(MAN1DIR) \
	    $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/maturity
	install -m 644 $(QFILES:%=questionnaires/%) $(DESTDIR)$(QDIR)/
	install -m 644 $(MAPFILES:%=questionnaires/maps/%) $(DESTDIR)$(QDIR)/maps/
	install -m 644 docs/maturity.1 $(DESTDIR)$(MAN1DIR)/maturity.1
	install -m 644 completion/maturity.bash $(DESTDIR)$(BASHCOMPDIR)/maturity

# Removes only what install put there; a folder is removed once it is empty,
# so questionnaires added by hand to the share folder are kept.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/maturity $(DESTDIR)$(MAN1DIR)/maturity.1 \
	    $(DESTDIR)$(BASHCOMPDIR)/maturity
	rm -f $(QFILES:%=$(DESTDIR)$(QDIR)/%) $(MAPFILES:%=$(DESTDIR)$(QDIR)/maps/%)
	rmdir $(DESTDIR)$(QDIR)/maps $(DESTDIR)$(QDIR) $(DESTDIR)$(DATADIR) 2>/dev/null || true

FORCE:

clean:
	rm -rf build build-san build-bench

-include $(LIB_OBJ:.o=.d) $(BUILD)/obj/main.d

# ---- hardening: fault injection, fuzzing, valgrind --------------------------
#   make fuzz            libFuzzer targets in build-fuzz/fuzz/ (clang)
#   make test-valgrind   the end-to-end tests under valgrind memcheck
# `make test` also builds the I/O fault shim and replays the fuzz corpus.

FAILIO      := $(BUILD)/failio.so
FUZZ_NAMES  := $(filter-out fuzz_common,$(patsubst tests/fuzz/%.c,%,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_REPLAY := $(FUZZ_NAMES:%=$(BUILD)/fuzz-replay/%)
FUZZ_BUILD  ?= build-fuzz
FUZZ_CFLAGS  = -Itests/fuzz -DMT_SOURCE_DIR='"$(CURDIR)"' $(filter-out -MMD -MP,$(CFLAGS))
FUZZ_DEPS   := tests/fuzz/fuzz_common.c tests/fuzz/fuzz.h

.PHONY: test-valgrind fuzz-targets

test: $(FAILIO) $(FUZZ_REPLAY)

$(FAILIO): tests/faults/failio.c
	@mkdir -p $(dir $@)
	@echo "  SHLIB   $@"
	$(Q)$(CC) -std=c11 -D_GNU_SOURCE -O1 -g $(WARN) -fPIC -shared -o $@ $< -ldl

$(BUILD)/fuzz-replay/%: tests/fuzz/%.c tests/fuzz/replay.c $(FUZZ_DEPS) $(LIB)
	@mkdir -p $(dir $@)
	@echo "  REPLAY  $@"
	$(Q)$(CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
	    tests/fuzz/fuzz_common.c $(LIB) $(LDLIBS)

fuzz:
	$(Q)$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=clang OPT='-O1 -g' \
	    SANFLAGS='-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer' \
	    fuzz-targets

fuzz-targets: $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_DEPS) $(LIB)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $@"
	$(Q)$(CC) $(CPPFLAGS) $(FUZZ_CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -o $@ $< \
	    tests/fuzz/fuzz_common.c $(LIB) $(LDLIBS)

test-valgrind: $(BIN) $(FAILIO)
	$(Q)BUILD=$(BUILD) VALGRIND_SUITES="$(VALGRIND_SUITES)" tests/valgrind/run-e2e.sh
