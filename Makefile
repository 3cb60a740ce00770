# egf — Engineering Growth Framework toolkit.
# `make` builds build/egf; `make check` runs every test; `make demo` shows it off.

VERSION    = 0.1.0
PREFIX    ?= /usr/local
DESTDIR   ?=
BINDIR     = $(PREFIX)/bin
LIBEXECDIR = $(PREFIX)/libexec/egf
MANDIR     = $(PREFIX)/share/man
DATADIR    = $(PREFIX)/share/egf
COMPDIR    = $(PREFIX)/share/bash-completion/completions
# The file formats' man pages: egf-ladder(5), egf-form(5).
MAN5       = docs/egf-ladder.5 docs/egf-form.5

CC        ?= cc
PKGS       = libcmark yaml-0.1 sqlite3 jansson libsodium
# libxml2 is compiled against, not linked: xml_lib.c loads it when XML is first read.
XML_PKGS   = libxml-2.0
# The PDF backend: cairo's PDF surface, Pango over HarfBuzz, fontconfig.
PDF_PKGS   = cairo pangocairo pangofc fontconfig
# The HTTP server's library (it brings GnuTLS): only egf-serve links it.
SERVE_PKGS = libmicrohttpd
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) $(XML_PKGS) $(PDF_PKGS) $(SERVE_PKGS) 2>/dev/null)
# libxml2 and the PDF libraries are not linked: xml_lib.c and pdf_lib.c load
# them (dlopen) when first used, by the names their loader knows (SONAMEs).
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) $(SERVE_PKGS) 2>/dev/null) -ldl
EGF_PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -ldl
PDF_LIBRARY := $(shell objdump -p "$$(pkg-config --variable=libdir pangocairo 2>/dev/null)/libpangocairo-1.0.so" 2>/dev/null | awk '/SONAME/ { print $$2 }')
PDF_LIBRARY := $(or $(PDF_LIBRARY),libpangocairo-1.0.so.0)
XML_LIBRARY := $(shell objdump -p "$$(pkg-config --variable=libdir libxml-2.0 2>/dev/null)/libxml2.so" 2>/dev/null | awk '/SONAME/ { print $$2 }')
XML_LIBRARY := $(or $(XML_LIBRARY),libxml2.so.2)
# A unit test may call libxml2 itself (test_xml_writer compares with its writer).
UNIT_LIBS  := $(shell pkg-config --libs $(XML_PKGS) 2>/dev/null)

WARN       = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
# The developer build (a git checkout, or DEVELOPER=1) turns warnings into
# errors; a packager's build from a release tarball must not fail on a new
# compiler's warning.
DEVELOPER ?= $(if $(wildcard .git),1,)
ifeq ($(DEVELOPER),1)
WARN      += -Werror
endif
CFLAGS    ?= -O2 -g
ALL_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(CFLAGS) \
             $(PKG_CFLAGS) -DEGF_VERSION='"$(VERSION)"' \
             -DEGF_DATADIR='"$(DATADIR)"' -DEGF_LIBEXECDIR='"$(LIBEXECDIR)"'
LIBS       = $(PKG_LIBS) -lm
EGF_LIBS   = $(EGF_PKG_LIBS) -lm

BUILD     ?= build
# The modules in egf/, the command line (main, cli, a cmd_*.c per command) in egf/cmd/.
SRCS      := $(sort $(wildcard egf/*.c egf/cmd/*.c))
OBJS      := $(SRCS:egf/%.c=$(BUILD)/obj/%.o)
# docs/openapi.yaml embedded as a C string (openapi.h): the API's one description.
OBJS      += $(BUILD)/obj/openapi_doc.o
# The modules without the command layer, for the unit tests.
LIB_OBJS  := $(filter-out $(BUILD)/obj/cmd/%,$(OBJS))
# Two programs of the same objects: egf-serve is egf with the HTTP server
# (the serve modules, cmd_serve.c, libmicrohttpd); egf runs it for egf serve
# (cmd_serve_exec.c) and links neither, so no other command loads them.
SERVE_OBJS := $(filter $(BUILD)/obj/serve%.o,$(OBJS)) $(BUILD)/obj/cmd/cmd_serve.o
EGF_OBJS   := $(filter-out $(SERVE_OBJS),$(OBJS))
SERVER_OBJS := $(filter-out $(BUILD)/obj/cmd/cmd_serve_exec.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
# Fuzz targets (tools/fuzz/fuzz_*.c): libFuzzer binaries for `make fuzz`, and
# replay binaries that `make check` runs over tests/fuzz-regress/TARGET/.
FUZZ_SRCS := $(sort $(wildcard tools/fuzz/fuzz_*.c))
FUZZ_NAMES := $(filter-out fuzz_common,$(FUZZ_SRCS:tools/fuzz/%.c=%))
REPLAY_BINS := $(FUZZ_NAMES:%=$(BUILD)/replay/%)
FUZZ_SECONDS ?= 60
# The fuzz_serve_* targets also link egf serve's fixture (a server and a store
# without a socket): FUZZ_OBJ below.

.PHONY: all check unit golden demo serve asan install uninstall clean deps fuzz fuzz-build bench valgrind

all: $(BUILD)/egf $(BUILD)/egf-serve $(BUILD)/gen-org

$(BUILD)/egf: $(EGF_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(EGF_OBJS) $(EGF_LIBS) $(LDFLAGS)

$(BUILD)/egf-serve: $(SERVER_OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(SERVER_OBJS) $(LIBS) $(LDFLAGS)

# The synthetic organisation generator of the demo, tests and benchmarks.
$(BUILD)/gen-org: tools/gen-org.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -o $@ tools/gen-org.c $(PKG_LIBS) $(LDFLAGS)

# Each object depends on the headers it includes (-MMD writes the list).
$(BUILD)/obj/%.o: egf/%.c | $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<
$(BUILD)/obj/pdf_lib.o: ALL_CFLAGS += -DEGF_PDF_LIBRARY='"$(PDF_LIBRARY)"'
$(BUILD)/obj/xml_lib.o: ALL_CFLAGS += -DEGF_XML_LIBRARY='"$(XML_LIBRARY)"'

# The commands include the modules' headers from egf/.
$(BUILD)/obj/cmd/%.o: egf/cmd/%.c | $(BUILD)/obj/cmd
	$(CC) $(ALL_CFLAGS) -Iegf -MMD -MP -c -o $@ $<

-include $(OBJS:.o=.d) $(UNIT_BINS:$(BUILD)/tests/%=$(BUILD)/obj/unit-%.d)

$(BUILD)/obj/openapi_doc.c: docs/openapi.yaml tools/c-string | $(BUILD)/obj
	sh tools/c-string openapi_yaml docs/openapi.yaml > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/openapi_doc.o: $(BUILD)/obj/openapi_doc.c
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c tests/unit/unit.h $(LIB_OBJS) | $(BUILD)/tests $(BUILD)/obj
	$(CC) $(ALL_CFLAGS) -MMD -MP -MT $@ -MF $(BUILD)/obj/unit-$*.d -Iegf -o $@ $< $(LIB_OBJS) $(LIBS) $(UNIT_LIBS) $(LDFLAGS)

# A shim that fills the disk, for the fault tests.
$(BUILD)/tests/enospc.so: tests/shim/enospc.c | $(BUILD)/tests
	$(CC) -std=c11 $(WARN) -O2 -g -fPIC -shared -o $@ $< -ldl

# The fuzz targets' sources compile to objects of their own, so that each
# depends on the headers it includes, as egf's objects do.
$(BUILD)/obj/fuzz/%.o: tools/fuzz/%.c | $(BUILD)/obj/fuzz
	$(CC) $(ALL_CFLAGS) -MMD -MP -Iegf -Itools/fuzz -c -o $@ $<

-include $(wildcard $(BUILD)/obj/fuzz/*.d)
.PRECIOUS: $(BUILD)/obj/fuzz/%.o

FUZZ_OBJ = $(BUILD)/obj/fuzz/fuzz_common.o $(if $(findstring fuzz_serve_,$*),$(BUILD)/obj/fuzz/serve_fixture.o,)

.SECONDEXPANSION:
$(BUILD)/replay/%: $(BUILD)/obj/fuzz/%.o $(BUILD)/obj/fuzz/replay.o $$(FUZZ_OBJ) $(LIB_OBJS) | $(BUILD)/replay
	$(CC) $(ALL_CFLAGS) -o $@ $(filter %.o,$^) $(LIBS) $(LDFLAGS)

$(BUILD)/fuzz/%: $(BUILD)/obj/fuzz/%.o $$(FUZZ_OBJ) $(LIB_OBJS) | $(BUILD)/fuzz
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -o $@ $(filter %.o,$^) $(LIBS) $(LDFLAGS)

$(BUILD)/obj $(BUILD)/obj/cmd $(BUILD)/obj/fuzz $(BUILD)/tests $(BUILD)/replay $(BUILD)/fuzz:
	mkdir -p $@

# The whole suite; the runner ends with "N passed, N failed".
check: $(BUILD)/egf $(BUILD)/egf-serve $(BUILD)/gen-org $(UNIT_BINS) $(REPLAY_BINS) $(BUILD)/tests/enospc.so
	@sh tests/browser/available . --note
	+sh tests/run.sh $(BUILD)

demo:
	sh tools/install-deps
	$(MAKE) all
	sh tools/demo $(BUILD)

# The demo's database in egf serve, on http://127.0.0.1:8080 (make demo first).
# Plain HTTP on this machine only, so the session cookie goes without Secure.
serve: $(BUILD)/egf $(BUILD)/egf-serve
	$(BUILD)/egf serve --db out/egf.db --listen 127.0.0.1:8080 --insecure-cookies

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
# tests/lsan.supp holds the leaks of third-party libraries LeakSanitizer is
# told to ignore (fontconfig's, and why).
asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	$(MAKE) check BUILD=build-asan CC=clang \
	    CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined"

# The golden tests with every egf run under valgrind's memcheck (slow).
valgrind: all $(BUILD)/tests/enospc.so
	rm -rf build-valgrind && mkdir -p build-valgrind/tests
	printf '#!/bin/sh\nexec valgrind -q --trace-children=yes --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite "%s" "$$@"\n' \
	    "$(CURDIR)/$(BUILD)/egf" > build-valgrind/egf
	chmod +x build-valgrind/egf
	ln -s "$(CURDIR)/$(BUILD)/gen-org" build-valgrind/gen-org
	ln -s "$(CURDIR)/$(BUILD)/tests/enospc.so" build-valgrind/tests/enospc.so
	sh tests/run.sh build-valgrind

# The benchmarks of docs/benchmarks.md (BENCH_LARGE=1 adds 100,000 people);
# tools/bench-serve is egf serve under wrk against nginx (wrk, nginx-light).
bench: all
	sh tools/bench $(BUILD)
	sh tools/bench-serve $(BUILD)

# Every fuzz target for FUZZ_SECONDS each, with ASan and UBSan (clang's libFuzzer).
fuzz:
	$(MAKE) fuzz-build BUILD=build-fuzz CC=clang \
	    CFLAGS="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer" \
	    LDFLAGS="-fsanitize=address,undefined"
	sh tools/fuzz/run build-fuzz $(FUZZ_SECONDS) $(FUZZ_NAMES)

fuzz-build: $(FUZZ_NAMES:%=$(BUILD)/fuzz/%)

# The programs (egf, and egf-serve in LIBEXECDIR, which egf serve runs), the man pages, the data the program reads (templates, bundled
# ladders, schemas) and the bash completion. Build with the same PREFIX: the
# program looks for its templates under the DATADIR it was compiled with.
install: $(BUILD)/egf $(BUILD)/egf-serve
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
	    $(DESTDIR)$(DATADIR)/schemas $(DESTDIR)$(COMPDIR) $(DESTDIR)$(LIBEXECDIR)
	install -m 755 $(BUILD)/egf $(DESTDIR)$(BINDIR)/egf
	install -m 755 $(BUILD)/egf-serve $(DESTDIR)$(LIBEXECDIR)/egf-serve
	install -m 644 docs/egf.1 $(DESTDIR)$(MANDIR)/man1/egf.1
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	cp -R templates ladders $(DESTDIR)$(DATADIR)/
	install -m 644 docs/egf-model.rng docs/packet.rng $(DESTDIR)$(DATADIR)/schemas/
	install -m 644 tools/egf.bash-completion $(DESTDIR)$(COMPDIR)/egf

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/egf $(DESTDIR)$(MANDIR)/man1/egf.1 $(DESTDIR)$(COMPDIR)/egf
	rm -rf $(DESTDIR)$(LIBEXECDIR)
	rm -f $(MAN5:docs/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz build-valgrind out
