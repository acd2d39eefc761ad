// Every committed openapi.json must equal what the service's routes produce now, and every
// generated client must equal what openapi-typescript makes from the committed document.
// `make openapi` regenerates both.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './support/processes.js';

const components = readdirSync(root).filter((name) => existsSync(path.join(root, name, 'package.json')));
const services = components.filter((name) => existsSync(path.join(root, name, 'openapi.json')));

describe('committed OpenAPI documents', () => {
  it('exist for every HTTP service', () => {
    for (const name of ['api-gateway', 'github-service', 'jira-service', 'slack-service', 'sentry-service', 'agent-container', 'dashboard-api']) {
      expect(services, name).toContain(name);
    }
  });

  for (const name of services) {
    it(`${name}/openapi.json matches its routes`, () => {
      const file = path.join(root, name, 'openapi.json');
      const committed = readFileSync(file, 'utf8');
      execFileSync(process.execPath, [path.join(root, name, 'dist/scripts/write-openapi.js')], { stdio: 'pipe' });
      const current = readFileSync(file, 'utf8');
      if (current !== committed) writeFileSync(file, committed);
      expect(current === committed, `${name}/openapi.json is stale: run \`make openapi\``).toBe(true);
    });
  }
});

const GENERATE = /openapi-typescript\s+(\S+)\s+-o\s+(\S+)/g;

describe('generated clients', () => {
  const clients = components.flatMap((name) => {
    const pkg = JSON.parse(readFileSync(path.join(root, name, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
    const script = pkg.scripts?.['generate-clients'] ?? '';
    return [...script.matchAll(GENERATE)].map((match) => ({ name, input: match[1] ?? '', output: match[2] ?? '' }));
  });

  it('exist for the consumers of the provider services and of dashboard-api', () => {
    const inputs = clients.map((client) => `${client.name} <- ${path.basename(path.dirname(client.input))}`);
    expect(inputs).toEqual(expect.arrayContaining(['agent-container <- github-service', 'dashboard <- dashboard-api']));
  });

  for (const client of clients) {
    it(`${client.name}/${client.output} is generated from the committed ${client.input}`, () => {
      const cwd = path.join(root, client.name);
      const fresh = path.join(mkdtempSync(path.join(tmpdir(), 'client-')), 'client.ts');
      execFileSync(process.execPath, [path.join(root, 'node_modules/openapi-typescript/bin/cli.js'), client.input, '-o', fresh], { cwd, stdio: 'pipe' });
      const committed = readFileSync(path.join(cwd, client.output), 'utf8');
      expect(readFileSync(fresh, 'utf8') === committed, `${client.name}/${client.output} is stale: run \`make openapi\``).toBe(true);
    });
  }
});
