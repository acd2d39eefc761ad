#!/usr/bin/env bash
# Runs every test once and closes with one line: "Tests: N passed, N failed".
set -uo pipefail
rm -f .test-results.json
vitest run --reporter=default --reporter=json --outputFile.json=.test-results.json "$@"
code=$?
node scripts/test-summary.mjs .test-results.json || code=1
exit $code
