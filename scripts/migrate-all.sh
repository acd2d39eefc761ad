#!/usr/bin/env bash
# Applies every component's migrations to the machine's `test` database, each in its own schema,
# twice: the second run proves the migrations are idempotent at start-up.
set -euo pipefail
export DATABASE_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
for component in api-gateway agent-container github-service jira-service slack-service sentry-service dashboard-api; do
  if [ -f "$component/dist/scripts/migrate.js" ]; then
    node "$component/dist/scripts/migrate.js"
    node "$component/dist/scripts/migrate.js" >/dev/null
  fi
done
