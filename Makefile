# dsr — build, test and try it. `make demo` and `make test` each work on a fresh Debian machine.
SWIFT   ?= swift
PREFIX  ?= /usr/local
DEBUG_BIN   := .build/debug/dsr
RELEASE_BIN := .build/release/dsr
# Debian packages the build and the tests need (libarchive-tools gives bsdtar, sqlite3 the CLI;
# chromium renders the export's index.html headless in BrowserEndToEndTests and docs/screenshot.sh;
# postgresql gives the server the tests start a throw-away cluster of, and psql).
DEB_PACKAGES := libsqlite3-dev libarchive-dev pkg-config sqlite3 libarchive-tools chromium postgresql

.PHONY: all deps build release test demo bench lint format install clean

all: build

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "installing Debian packages:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
	  echo "missing Debian packages:$$missing"; \
	  echo "run as root: apt-get install -y$$missing"; \
	  exit 1; \
	fi

build: deps
	$(SWIFT) build

# Release builds link the Swift runtime and Foundation statically: a self-contained binary
# that needs only the system's libsqlite3 and libarchive, and starts ~30 % faster
# (7 ms instead of 10 ms for `dsr --version`, which matters for scripts calling it per request).
release: deps
	$(SWIFT) build -c release --static-swift-stdlib

# The tests run the debug build; the release binary then does one of each command that
# carries something out (scripts/release-smoke.sh), since optimised code can differ. The tests
# run beside a throw-away PostgreSQL cluster on 127.0.0.1 (scripts/postgres-test-server.sh run),
# removed afterwards whatever the outcome, so the backend matrix runs on both databases.
test: deps
	$(SWIFT) build
	bash scripts/postgres-test-server.sh run $(SWIFT) test
	$(SWIFT) build -c release --static-swift-stdlib
	bash scripts/release-smoke.sh $(RELEASE_BIN)

# Makes ./demo (replacing an earlier demo, keeping its secret key), then runs every
# sample command the demo printed (the lines that start with spaces and "$ dsr").
demo: build
	$(DEBUG_BIN) demo --dir demo --force > .build/demo-output.txt
	@cat .build/demo-output.txt
	@grep -E '^ +\$$ dsr ' .build/demo-output.txt | sed -E 's/^ +\$$ //' > .build/demo-commands.sh
	@while IFS= read -r cmd; do \
	  echo; echo "\$$ $$cmd"; \
	  PATH="$(CURDIR)/.build/debug:$$PATH" bash -c "$$cmd" || exit $$?; \
	done < .build/demo-commands.sh

# The demo generator against the sqlite3 CLI (1M rows), locate at 10M calls (about 8
# minutes: the workspace, a canonical copy for the sqlite3 reference, the scans), then an
# export of 1 GB of audio against bsdtar, then the residue scanner against grep -F over 1 GB,
# then an erasure at 10M calls against the sqlite3 CLI and 100 kill -9 trials (bench/erase.sh),
# then the retention audit and purge at 10M calls against the sqlite3 CLI (bench/retention.sh),
# then `dsr bulk` at 10M calls (about 15 minutes): 1,000 locate rows against the sqlite3 CLI,
# 1,000 access rows against bsdtar writing the same archives, and 100 erasure rows with apply
# (ERASE_ROWS=1000 for all: each erasure scans ops.db and the index for residue) against the
# sqlite3 CLI running the plans' statements (bench/bulk.sh), then `dsr index rebuild` at 10M
# calls against the sqlite3 CLI reading the same columns (bench/index.sh, about 9 minutes),
# then the index build and one erasure on PostgreSQL against SQLite and psql (bench/postgres.sh,
# beside a throw-away cluster unless BENCH_POSTGRES_URL names a server).
bench: release
	DSR=$(RELEASE_BIN) bash bench/demo-rate.sh
	DSR=$(RELEASE_BIN) bash bench/locate.sh
	DSR=$(RELEASE_BIN) bash bench/export.sh
	BENCH=.build/release/dsr-bench bash bench/residue-scan.sh
	DSR=$(RELEASE_BIN) BENCH=.build/release/dsr-bench bash bench/erase.sh
	DSR=$(RELEASE_BIN) bash bench/retention.sh
	DSR=$(RELEASE_BIN) bash bench/bulk.sh
	DSR=$(RELEASE_BIN) bash bench/index.sh
	DSR=$(RELEASE_BIN) bash bench/postgres.sh

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dsr
	install -m 0755 $(RELEASE_BIN) $(DESTDIR)$(PREFIX)/bin/dsr
	cp -R templates $(DESTDIR)$(PREFIX)/share/dsr/
	install -d $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	  $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(RELEASE_BIN) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/dsr
	$(RELEASE_BIN) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_dsr
	$(RELEASE_BIN) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/dsr.fish

clean:
	rm -rf .build demo
