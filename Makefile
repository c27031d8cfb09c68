# The two commands a newcomer runs: `make demo` and `make test`.
# Everything they need is installed here: Go modules through the proxy,
# Debian's chromium through apt-get when it is missing, test tools with
# `go install` into .bin/.

GO        ?= go
GOROOT    := $(shell $(GO) env GOROOT)
BIN       := $(CURDIR)/.bin
DIST      := web/dist
FUZZTIME  ?= 5m
PORT      ?= 8080
WASMFLAGS := -trimpath -ldflags='-s -w'
export PATH := $(BIN):$(PATH)

.PHONY: build release release-version demo test test-go test-bridge test-e2e test-engines engines vet chromium postgresql tools fuzz bench clean web-deps scan-deps screenshots importer-deps loadtest

## build: web/dist (consent.wasm, consent.js, consent.css and .br/.gz copies)
build:
	@mkdir -p $(DIST)
	GOOS=js GOARCH=wasm $(GO) build $(WASMFLAGS) -o $(DIST)/consent.wasm ./wasm
	$(GO) run ./tools/build -goroot "$(GOROOT)" -src web/src -dist $(DIST)

## release: dist/ for VERSION=x.y.z: consent-web-x.y.z.tar.gz and npm/ (web/dist with package.json),
## the consent CLI for linux, darwin and windows on amd64 and arm64 (CGO off), SHA256SUMS
release: release-version build
	$(GO) run ./tools/release -version "$(VERSION)" -dist $(DIST) -out dist

release-version:
	@case "$(VERSION)" in [0-9]*.[0-9]*.[0-9]*) ;; *) echo "make release needs VERSION=x.y.z (got '$(VERSION)')"; exit 2;; esac

## demo: build and serve the demo site on http://127.0.0.1:8080 (PORT=8081 for another port)
demo: build
	$(GO) run ./cmd/demo -addr 127.0.0.1:$(PORT)

## test: everything, the headless browser tests included (Chromium, Firefox, WebKit)
test: vet test-go test-bridge test-engines

vet:
	@bad=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$bad" ]; then echo "not gofmt'ed: $$bad"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/... ./bridge/...
	cd third_party/safejs && GOOS=js GOARCH=wasm $(GO) vet ./...

# Native tests: policy, app, CLI, server and the chromedp end-to-end tests
# (which use web/dist and Chromium).
test-go: build chromium postgresql web-deps scan-deps importer-deps
	$(GO) test -count=1 ./...

# web/node_modules (axe-core for the accessibility tests) from the
# committed web/package-lock.json; again only when the lock file changes.
web-deps: web/node_modules/.package-lock.json

web/node_modules/.package-lock.json: web/package-lock.json web/package.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Debian's npm"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	cd web && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# scan/testdata/trackers/node_modules (the real analytics SDKs of the
# scanner's test site) from its committed package-lock.json, likewise.
# testdata keeps it out of ./..., and so would a Go file shipped in it.
scan-deps: scan/testdata/trackers/node_modules/.package-lock.json

scan/testdata/trackers/node_modules/.package-lock.json: scan/testdata/trackers/package-lock.json scan/testdata/trackers/package.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Debian's npm"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	cd scan/testdata/trackers && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

# importer/testdata/peers/node_modules (vanilla-cookieconsent and Klaro,
# whose shipped configurations the importer's tests read) from its
# committed package-lock.json, likewise; Klaro's build-time dependencies
# are overridden by an empty package.
importer-deps: importer/testdata/peers/node_modules/.package-lock.json

importer/testdata/peers/node_modules/.package-lock.json: importer/testdata/peers/package-lock.json importer/testdata/peers/package.json
	@command -v npm >/dev/null 2>&1 || { \
	  echo "installing Debian's npm"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq npm >/dev/null; }
	cd importer/testdata/peers && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

## screenshots: docs/screenshots/*.png: banner, dialog, placeholder, declaration and reopen button; light, dark, Arabic; a phone; the editor;
## and the banner in each engine (engine-chromium.png, engine-firefox.png, engine-webkit.png)
screenshots: build chromium engines
	CONSENT_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 -run '^Test(Screenshots|Engine_screenshot)$$' ./web/e2e
	for e in firefox webkit; do \
	  CONSENT_ENGINE=$$e CONSENT_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 -run '^TestEngine_screenshot$$' ./web/e2e || exit 1; \
	done
	CONSENT_SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -count=1 -run '^TestEditorScreenshot$$' ./editor

# bridge/ under GOOS=js in headless Chromium.
test-bridge: chromium tools
	GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(BIN)/wasmbrowsertest" ./bridge/...
	@# third_party/safejs is a module of its own (the replace in go.mod): its tests, in the browser and natively
	cd third_party/safejs && GOOS=js GOARCH=wasm $(GO) test -count=1 -exec="$(BIN)/wasmbrowsertest" ./... && $(GO) test -count=1 ./...

# The tests that run in every engine: the conformance suite, the engine
# checks, and the lifecycle, keyboard, RTL and axe-core tests written
# against the engine-neutral helpers. Chromium runs them (and the rest)
# in test-go.
ENGINE_TESTS := ^(TestContract_|TestEngine_|TestLifeBackAfterAChoiceElsewhere$$|TestLifeTwoTabs$$|TestA11yAxe$$|TestA11yKeyboardOnly$$|TestA11yPlaceholderKeyboard$$|TestA11yBannerDoesNotMoveOrGrab$$|TestA11ySetLanguageRerendersAll$$)

## test-engines: those tests in Firefox (WebDriver BiDi) and WebKit (WebDriver, under an Xvfb the tests start), side by side
test-engines: build engines web-deps
	@mkdir -p $(BIN)
	@CONSENT_ENGINE=firefox $(GO) test -count=1 -timeout 20m -run '$(ENGINE_TESTS)' ./web/e2e > $(BIN)/test-firefox.log 2>&1 & ff=$$!; \
	CONSENT_ENGINE=webkit $(GO) test -count=1 -timeout 20m -run '$(ENGINE_TESTS)' ./web/e2e > $(BIN)/test-webkit.log 2>&1; wk=$$?; \
	wait $$ff; ffr=$$?; \
	if [ $$ffr != 0 ]; then cat $(BIN)/test-firefox.log; fi; if [ $$wk != 0 ]; then cat $(BIN)/test-webkit.log; fi; \
	echo "firefox: $$(tail -n 1 $(BIN)/test-firefox.log)"; echo "webkit: $$(tail -n 1 $(BIN)/test-webkit.log)"; \
	[ $$ffr = 0 ] && [ $$wk = 0 ]

## loadtest: the consent log under load for LOADTEST_DURATION (default 60s), SQLite and
## PostgreSQL: records/s, p50/p99, a kill -9 mid-load, hostile input (not in make test)
LOADTEST_DURATION ?= 60s
loadtest: postgresql
	@mkdir -p $(BIN)
	$(GO) build -o $(BIN)/consent ./cmd/consent
	$(GO) run ./tools/loadtest -consent $(BIN)/consent -duration $(LOADTEST_DURATION)

## postgresql: Debian's PostgreSQL (for the consent log's tests), installed when missing
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { \
	  echo "installing Debian's postgresql"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq postgresql >/dev/null; }

## engines: Debian's Firefox ESR, WebKitGTK's WebDriver (with MiniBrowser) and Xvfb, installed when missing
engines:
	@missing=; \
	  command -v firefox-esr >/dev/null 2>&1 || missing="$$missing firefox-esr"; \
	  command -v WebKitWebDriver >/dev/null 2>&1 || missing="$$missing webkit2gtk-driver"; \
	  command -v Xvfb >/dev/null 2>&1 || missing="$$missing xvfb"; \
	  if [ -n "$$missing" ]; then \
	    echo "installing Debian's$$missing"; \
	    SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	    $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	  fi

## chromium: Debian's Chromium, installed when missing
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium"; \
	  SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }
	@mkdir -p $(BIN)
	@printf '#!/bin/sh\nexec chromium --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking --disable-component-update --disable-sync --no-first-run "$$@"\n' > $(BIN)/headless_shell
	@chmod +x $(BIN)/headless_shell

tools: $(BIN)/wasmbrowsertest

$(BIN)/wasmbrowsertest:
	GOBIN=$(BIN) $(GO) install github.com/agnivade/wasmbrowsertest@v0.11.0

## fuzz: run each fuzz target for FUZZTIME (default 5m)
fuzz:
	$(GO) test ./policy -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME)
	$(GO) test ./policy/jsontext -run '^$$' -fuzz '^FuzzParseJSON$$' -fuzztime $(FUZZTIME)
	$(GO) test ./policy -run '^$$' -fuzz '^FuzzDecodeRecord$$' -fuzztime $(FUZZTIME)
	$(GO) test ./policy -run '^$$' -fuzz '^FuzzParseCookieString$$' -fuzztime $(FUZZTIME)
	$(GO) test ./consentlog -run '^$$' -fuzz '^FuzzDecode$$' -fuzztime $(FUZZTIME)
	$(GO) test ./policy/pattern -run '^$$' -fuzz '^FuzzCheckPattern$$' -fuzztime $(FUZZTIME)
	$(GO) test ./policy/pattern -run '^$$' -fuzz '^FuzzMatch$$' -fuzztime $(FUZZTIME)
	$(GO) test ./importer -run '^$$' -fuzz '^FuzzImport$$' -fuzztime $(FUZZTIME)

## bench: compare with Go's floor (two programs of the bench's own) and four
## other consent managers in headless Chromium, then Lighthouse on each page
## (about 10 minutes on an idle 2-core machine; BENCH_RUNS=12 runs each by default);
## writes bench/results/. Quick: make bench BENCH_RUNS=5 BENCH_FLAGS='-only ours,floor-safejs -lighthouse=false'
BENCH_FLAGS ?=
bench: build chromium
	cd bench && npm ci --ignore-scripts --no-audit --no-fund
	@# node_modules ships a Go file (flatted/golang): a go.mod keeps it out of ./...
	@printf 'module node_modules\n' > bench/node_modules/go.mod
	BENCH_RUNS="$(BENCH_RUNS)" $(GO) run ./bench $(BENCH_FLAGS)

clean:
	rm -rf $(DIST) $(BIN) dist
