# The platform's commands. Every target does its own set-up; Node 24 comes from the npm
# registry (the `node` package) and is first on PATH for everything below.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(PATH)
STAMP := node_modules/.install-stamp

.PHONY: start test build lint typecheck audit openapi clean install services browser migrate faults bench

start: install build ## install, build, migrate and start every component
	node scripts/start.mjs

test: install services browser build migrate typecheck lint audit ## everything CI checks, closing with a pass/fail line
	bash scripts/run-tests.sh

install: $(STAMP)

$(STAMP): package.json package-lock.json $(wildcard */package.json)
	npm ci --no-audit --no-fund || npm install --no-audit --no-fund
	@node -e 'if (!process.version.startsWith("v24.")) { console.error("expected Node 24 from node_modules/.bin, got " + process.version); process.exit(1); }'
	@touch $(STAMP)

services: ## make sure the machine's Redis and Postgres are up (CI and developer machines)
	bash scripts/ensure-services.sh

browser: ## Debian's Chromium for the browser tests
	bash scripts/ensure-chromium.sh

build: install
	npm run build

migrate: build services ## apply every component's migrations to the test database
	bash scripts/migrate-all.sh

typecheck: install
	npm run build --workspace @swe-ai-fleet/contracts
	npm run typecheck

lint: install
	npm run lint

audit: install ## npm audit of production dependencies: fails on high or critical advisories
	bash scripts/audit.sh

openapi: build ## regenerate every committed openapi.json and the typed clients generated from them
	npm run openapi

faults: install services build migrate ## the fault suite at full scale (10,000-delivery storm, repeated kills, outages); figures in docs/reliability.md
	FAULTS_SCALE=full vitest run --project e2e faults/

bench: install services build ## the benchmarks in bench/ (real processes on loopback, about 10 minutes; not part of `make test`); tables in bench/README.md and README.md
	node bench/run-all.ts

clean:
	rm -rf node_modules */node_modules */dist data */data .task-logs .test-results.json e2e/.artifacts
