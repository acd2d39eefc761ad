#!/usr/bin/env bash
# Dependency audit of what ships: the production dependencies of every workspace, checked against
# the npm registry's advisory database. Fails on any high or critical advisory, listing each one
# with the path that brings it in. Run by `make test`.
#
# `npm audit` needs the registry's advisory endpoint (POST /-/npm/v1/security/advisories/bulk).
# Where a proxy or mirror refuses it, no audit can happen: that is reported loudly and, unless
# AUDIT_REQUIRED=1 (set it where the endpoint is reachable), does not fail the run, because a
# missing endpoint says nothing about the dependencies.
set -uo pipefail
cd "$(dirname "$0")/.."

# AUDIT_REPORT=<file> reads a saved `npm audit --json` report instead (to check this script).
if [ -n "${AUDIT_REPORT:-}" ]; then
  report=$AUDIT_REPORT
  npm_status=0
else
  report=$(mktemp)
  trap 'rm -f "$report"' EXIT
  npm audit --omit=dev --audit-level=high --json >"$report" 2>/dev/null
  npm_status=$?
fi

node - "$report" "$npm_status" "${AUDIT_REQUIRED:-0}" <<'EOF'
const fs = require('node:fs');
const [file, npmStatus, required] = process.argv.slice(2);
let report;
try {
  report = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch {
  console.error(`audit: npm audit printed no JSON report (exit ${npmStatus})`);
  process.exit(2);
}
if (!report.metadata || !report.vulnerabilities) {
  const why = report.message ?? report.error?.summary ?? JSON.stringify(report).slice(0, 300);
  console.error(`audit: NOT PERFORMED, the registry's advisory endpoint did not answer: ${why}`);
  process.exit(required === '1' ? 2 : 0);
}
const counts = report.metadata.vulnerabilities;
const serious = Object.values(report.vulnerabilities).filter((entry) => entry.severity === 'high' || entry.severity === 'critical');
const total = report.metadata.dependencies?.prod ?? report.metadata.dependencies?.total ?? '?';
console.log(
  `audit: ${total} production dependencies; critical ${counts.critical}, high ${counts.high}, moderate ${counts.moderate}, low ${counts.low}`,
);
for (const entry of serious) {
  const advisories = entry.via.filter((via) => typeof via === 'object').map((via) => `${via.title} (${via.url}, ${via.range})`);
  const fix = entry.fixAvailable === true ? 'fix: npm audit fix' : entry.fixAvailable ? `fix: ${entry.fixAvailable.name}@${entry.fixAvailable.version}` : 'no fix yet';
  console.error(`  ${entry.severity} ${entry.name} ${entry.range} via ${advisories.join('; ') || entry.via.join(', ')}; ${fix}; in ${entry.nodes.join(', ')}`);
}
process.exit(serious.length > 0 ? 1 : 0);
EOF
