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
SYSTEM_PACKAGES := liblmdb-dev libsqlite3-dev pkg-config sqlite3 curl
DATA_DIR ?= ./data
HTTP_ADDR ?= 127.0.0.1:8080

.PHONY: all deps build build-debug serve test bench differential differential-conditions differential-engine clean

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
	$(SWIFT) build --product tessera

serve: build
	.build/release/tessera serve --data-dir $(DATA_DIR) --http-addr $(HTTP_ADDR)

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(SWIFT) build --product tessera
	scripts/model-cli-tests.sh "$$($(SWIFT) build --show-bin-path)/tessera"
	scripts/condition-cli-tests.sh "$$($(SWIFT) build --show-bin-path)/tessera"
	scripts/audit-cli-tests.sh "$$($(SWIFT) build --show-bin-path)/tessera"

bench: deps
	TESSERA_BENCHMARKS=1 $(SWIFT) package --allow-writing-to-package-directory benchmark --no-progress

# Conditions against a reference CEL runtime (cel-expr-python from PyPI); not part of `test`.
differential-conditions: deps
	$(SWIFT) build --product tessera
	python3 -m venv .build/differential-venv
	.build/differential-venv/bin/pip install -q cel-expr-python
	.build/differential-venv/bin/python scripts/condition-differential.py "$$($(SWIFT) build --show-bin-path)/tessera" 1000

differential-engine: deps
	scripts/differential/run.sh $(COUNT) $(SEED)

differential: differential-conditions differential-engine

clean:
	rm -rf .build
