# Tessera — build, serve and test.
#
#   make serve   build (release) and start the server on ./data at 127.0.0.1:8080
#   make test    everything CI runs (.ci/run calls this)
#   make bench   the benchmarks (release build; long)
#   make differential [COUNT=300] [SEED=n]   fresh random cases checked against OpenFGA's `fga`
#
# Every target first installs the system libraries Tessera links (LMDB, SQLite) with
# apt-get when they are missing.

SWIFT ?= swift
SYSTEM_PACKAGES := liblmdb-dev libsqlite3-dev pkg-config
DATA_DIR ?= ./data
HTTP_ADDR ?= 127.0.0.1:8080

.PHONY: all deps build build-debug serve test bench differential clean

all: build

deps:
	@missing=""; \
	for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "Installing system packages:$$missing"; \
		sudo=""; [ "$$(id -u)" -ne 0 ] && sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build -c release --product tessera

build-debug: deps

serve: build
	.build/release/tessera serve --data-dir $(DATA_DIR) --http-addr $(HTTP_ADDR)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: deps
	$(SWIFT) package benchmark --no-progress

differential: deps
	scripts/differential/run.sh $(COUNT) $(SEED)

clean:
	rm -rf .build
