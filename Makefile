# scim-mock: `make run` and `make test` do all the set-up on a fresh Debian machine with Swift.
SWIFT      ?= swift
HOST       ?= 127.0.0.1
PORT       ?= 4010
ARGS       ?=
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_DEPS   := libmicrohttpd-dev libsqlite3-dev pkg-config
BENCH_DEPS := wrk curl
VENV       := .venv
PYTHON     ?= python3

.PHONY: all run build release test swift-test interop deps bench-deps venv bench clean

all: build

# Installs only the Debian packages that are missing, and says which.
deps:
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(APT_DEPS)"
	@$(PYTHON) -c "import ensurepip, venv" 2>/dev/null || $(MAKE) --no-print-directory apt-install PACKAGES="python3-venv"

bench-deps: deps
	@$(MAKE) --no-print-directory apt-install PACKAGES="$(BENCH_DEPS)"

apt-install:
	@missing=""; for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
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

interop: venv build
	SCIM_MOCK_BIN=$(CURDIR)/.build/debug/scim-mock $(VENV)/bin/python -m pytest -q Tests/Interop

test: swift-test interop

bench: bench-deps release
	Tests/Bench/run.sh .build/release/scim-mock
	Tests/Bench/replay.sh .build/release/scim-mock

clean:
	rm -rf .build $(VENV) bench-out
