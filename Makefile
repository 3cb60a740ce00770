# egf — Engineering Growth Framework toolkit.
# `make` builds build/egf; `make check` runs every test; `make demo` shows it off.

VERSION    = 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
MANDIR     = $(PREFIX)/share/man
DATADIR    = $(PREFIX)/share/egf

CC        ?= cc
PKGS       = libcmark yaml-0.1 libxml-2.0 sqlite3 jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
# libhpdf ships no pkg-config file on Debian.
HPDF_LIBS  := $(shell pkg-config --libs libhpdf 2>/dev/null || echo -lhpdf)

WARN       = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
             $(PKG_CFLAGS) -DEGF_VERSION='"$(VERSION)"' \
             -DEGF_DATADIR='"$(DATADIR)"'
LIBS       = $(PKG_LIBS) $(HPDF_LIBS) -lm

BUILD     ?= build
SRCS      := $(sort $(wildcard egf/*.c))
OBJS      := $(SRCS:egf/%.c=$(BUILD)/obj/%.o)
# The modules without the command layer, for the unit tests.
LIB_OBJS  := $(filter-out $(BUILD)/obj/main.o $(BUILD)/obj/cli.o $(BUILD)/obj/cmd_%.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all check unit golden demo asan install uninstall clean deps

all: $(BUILD)/egf $(BUILD)/gen-org

$(BUILD)/egf: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS) $(LDFLAGS)

# The synthetic organisation generator of the demo, tests and benchmarks.
$(BUILD)/gen-org: tools/gen-org.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -o $@ tools/gen-org.c $(PKG_LIBS) $(LDFLAGS)

$(BUILD)/obj/%.o: egf/%.c egf/*.h | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIB_OBJS) | $(BUILD)/tests
	$(CC) $(ALL_CFLAGS) -Iegf -o $@ $< $(LIB_OBJS) $(LIBS) $(LDFLAGS)

$(BUILD)/obj $(BUILD)/tests:
	mkdir -p $@

# The whole suite; the runner ends with "N passed, N failed".
check: $(BUILD)/egf $(BUILD)/gen-org $(UNIT_BINS)
	sh tests/run.sh $(BUILD)

demo:
	sh tools/install-deps
	$(MAKE) all
	sh tools/demo $(BUILD)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	$(MAKE) check BUILD=build-asan CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined"

install: $(BUILD)/egf $(BUILD)/gen-org
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)
	install -m 755 $(BUILD)/egf $(DESTDIR)$(BINDIR)/egf
	install -m 644 docs/egf.1 $(DESTDIR)$(MANDIR)/man1/egf.1
	cp -R templates ladders docs/egf-model.rng $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/egf $(DESTDIR)$(MANDIR)/man1/egf.1
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan out
