# scim-mock: `make run` and `make test` do all the set-up on a fresh Debian machine with Swift.
SWIFT      ?= swift
HOST       ?= 127.0.0.1
PORT       ?= 4010
ARGS       ?=
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_DEPS   := libmicrohttpd-dev libsqlite3-dev pkg-config
BENCH_DEPS := wrk curl valgrind
# The dashboard's browser tests: Debian's Chromium, its driver, and a font (installed without recommends).
BROWSER_DEPS := chromium chromium-driver fonts-dejavu-core
VENV       := .venv
PYTHON     ?= python3
# Fuzzing (Fuzz/README.md): seconds per target for `make fuzz` and for the smoke pass of `make test`.
FUZZ_SECONDS       ?= 600
FUZZ_SMOKE_SECONDS ?= 20
FUZZ_CONFIG        ?= debug
FUZZ_TARGETS       ?= FuzzJSONReader FuzzFilter FuzzPatch FuzzQuery FuzzFixture FuzzRecording
FUZZ_BUILD         := .build-fuzz
FUZZ_WORK          ?= .build-fuzz-work
# schemathesis on the served OpenAPI document (Tests/Interop/test_schemathesis.py): `make test` runs the
# same cases every time (a fixed seed and number of examples); `make fuzz-api` runs FUZZ_API_SECONDS with a
# new seed each time, printed, which FUZZ_API_SEED=... repeats.
FUZZ_API_SECONDS   ?= 600
FUZZ_API_EXAMPLES  ?= 1000
ifndef FUZZ_API_SEED
FUZZ_API_SEED := $(shell od -An -N4 -tu4 /dev/urandom | tr -d ' ')
endif

.PHONY: all run build release test swift-test interop deps bench-deps browser-deps venv bench clean fuzz fuzz-build \
	fuzz-smoke format format-check fuzz-api bench-instructions

all: build

# Installs only the Debian packages that are missing, and says which.
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_DEPS)"
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || $(MAKE) --no-print-directory apt-install PACKAGES="python3-venv"

bench-deps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BENCH_DEPS)"

browser-deps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BROWSER_DEPS)" APT_OPTIONS=--no-install-recommends

apt-install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(APT_OPTIONS) $$missing >/dev/null; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	.build/release/scim-mock serve --host $(HOST) --port $(PORT) $(ARGS)

# Python is used only to drive the mock with real clients (Tests/Interop), in a venv with pinned versions.
venv: $(VENV)/.installed
$(VENV)/.installed: Tests/Interop/requirements.txt | deps
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install -q --disable-pip-version-check -r Tests/Interop/requirements.txt
	touch $@

# The replay tests drive the built binary against a live server, hence SCIM_MOCK_BIN.
swift-test: deps
	$(SWIFT) build
	SCIM_MOCK_BIN=$(CURDIR)/.build/debug/scim-mock $(SWIFT) test

interop: venv build browser-deps
	SCIM_MOCK_BIN=$(CURDIR)/.build/debug/scim-mock $(VENV)/bin/python -m pytest -q Tests/Interop

test: format-check swift-test interop fuzz-smoke

# A long schemathesis run (fuzzing and stateful phases repeat until the time is spent); -s shows its summary.
fuzz-api: venv build
	@echo "make fuzz-api: seed $(FUZZ_API_SEED) (FUZZ_API_SEED=$(FUZZ_API_SEED) make fuzz-api repeats its cases)"
	SCIM_MOCK_BIN=$(CURDIR)/.build/debug/scim-mock SCHEMATHESIS_MAX_TIME=$(FUZZ_API_SECONDS) \
	  SCHEMATHESIS_MAX_EXAMPLES=$(FUZZ_API_EXAMPLES) SCHEMATHESIS_SEED=$(FUZZ_API_SEED) \
	  $(VENV)/bin/python -m pytest -q -s Tests/Interop/test_schemathesis.py -k finds_nothing

# swift-format ships with the toolchain; .swift-format holds the style (4 spaces, 130 columns).
FORMATTED := Sources Tests Fuzz/Sources Package.swift Fuzz/Package.swift

format:
	$(SWIFT) format format --in-place --parallel --recursive $(FORMATTED)

format-check:
	$(SWIFT) format lint --strict --parallel --recursive $(FORMATTED)

# swiftc keeps only the last -sanitize= it is given and SwiftPM passes each --sanitize on its own, so
# the combined flag goes last; --sanitize=fuzzer stays because it keeps SwiftPM from renaming `main`,
# which libFuzzer provides. lld ships with the toolchain and links ASan objects without warnings.
fuzz-build: deps
	$(SWIFT) build -c $(FUZZ_CONFIG) --package-path Fuzz --scratch-path $(FUZZ_BUILD) \
	  --sanitize=fuzzer -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

fuzz: fuzz-build
	FUZZ_BIN=$(FUZZ_BUILD)/$(FUZZ_CONFIG) FUZZ_WORK=$(FUZZ_WORK) Fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# Starts from the committed seeds each time, so a smoke pass does not depend on earlier runs.
fuzz-smoke: fuzz-build
	rm -rf $(FUZZ_WORK)/smoke/corpus
	FUZZ_BIN=$(FUZZ_BUILD)/$(FUZZ_CONFIG) FUZZ_WORK=$(FUZZ_WORK)/smoke Fuzz/run.sh $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS)

bench: bench-deps release
	Tests/Bench/run.sh .build/release/scim-mock
	Tests/Bench/replay.sh .build/release/scim-mock
	$(PYTHON) Tests/Bench/tails.py .build/release/scim-mock
	$(PYTHON) Tests/Bench/reset.py .build/release/scim-mock
	Tests/Bench/dashboard.sh .build/release/scim-mock
	Tests/Bench/bigdata.sh .build/release/scim-mock
	Tests/Bench/instructions.sh .build/release/scim-mock

# Instructions per request under callgrind (journal off / on / a fault rule that matches nothing), alone.
bench-instructions: bench-deps release
	Tests/Bench/instructions.sh .build/release/scim-mock

clean:
	rm -rf .build $(VENV) bench-out $(FUZZ_BUILD) $(FUZZ_WORK)
