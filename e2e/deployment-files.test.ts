// docker-compose.yml and the Dockerfiles cannot be run on a machine without a Docker engine, so
// they are kept correct by parsing them and checking what ARCHITECTURE.md fixes.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';

const root = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(root, file), 'utf8');

const ports: Record<string, number> = {
  'api-gateway': 8080,
  'github-service': 8081,
  'jira-service': 8082,
  'slack-service': 8083,
  'sentry-service': 8084,
  'agent-container': 8085,
  'dashboard-api': 8090,
  dashboard: 3000,
};
const servers = Object.keys(ports).filter((name) => name !== 'dashboard');

const ComposeSchema = z.object({
  services: z.record(
    z.string(),
    z.looseObject({
      image: z.string().optional(),
      build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
      command: z.array(z.string()).optional(),
      environment: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      ports: z.array(z.string()).optional(),
      volumes: z.array(z.string()).optional(),
      profiles: z.array(z.string()).optional(),
      healthcheck: z.looseObject({ test: z.array(z.string()) }).optional(),
    }),
  ),
  volumes: z.record(z.string(), z.unknown()),
});

describe('docker-compose.yml', () => {
  const compose = ComposeSchema.parse(parse(read('docker-compose.yml'), { merge: true }));

  it('runs every component from its own Dockerfile on its fixed port, with a health check', () => {
    for (const [name, port] of Object.entries(ports)) {
      const service = compose.services[name];
      expect(service, name).toBeDefined();
      expect(service?.build?.dockerfile).toBe(`${name}/Dockerfile`);
      expect(existsSync(path.join(root, name, 'Dockerfile')), `${name}/Dockerfile`).toBe(true);
      expect(service?.ports).toContain(`${port}:${port}`);
      expect(service?.healthcheck?.test.length, `${name} health check`).toBeGreaterThan(0);
    }
  });

  it('runs Redis with noeviction and AOF, and Postgres, both health-checked', () => {
    const redis = compose.services.redis;
    expect(redis?.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
    // A job the outbox marked dispatched must survive a host crash: fsync before Redis answers.
    const command = redis?.command ?? [];
    expect(command[command.indexOf('--appendfsync') + 1]).toBe('always');
    expect(redis?.healthcheck).toBeDefined();
    expect(compose.services.postgres?.image).toMatch(/^postgres:/);
    expect(compose.services.postgres?.healthcheck).toBeDefined();
  });

  it('shares one task-log volume between the gateway, the agent and dashboard-api', () => {
    for (const name of ['api-gateway', 'agent-container', 'dashboard-api']) {
      const service = compose.services[name];
      const mount = service?.volumes?.find((volume) => volume.startsWith('task-logs:'));
      expect(mount, name).toBeDefined();
      expect(mount?.split(':')[1]).toBe(service?.environment?.TASK_LOGS_DIR);
    }
    expect(compose.volumes).toHaveProperty('task-logs');
  });

  it('wires every server to Postgres and Redis', () => {
    for (const name of servers) {
      const environment = compose.services[name]?.environment ?? {};
      expect(environment.DATABASE_URL, name).toMatch(/^postgres:\/\/.*@postgres:5432\//);
      expect(environment.REDIS_URL, name).toBe('redis://redis:6379');
      expect(String(environment.PORT)).toBe(String(ports[name]));
      expect(environment.NODE_OPTIONS, name).toContain('--max-semi-space-size=');
    }
  });

  it('has the official vLLM OpenAI-compatible server with tool calling under the gpu profile', () => {
    const vllm = compose.services.vllm;
    expect(vllm?.image).toMatch(/^vllm\/vllm-openai:/);
    expect(vllm?.profiles).toEqual(['gpu']);
    expect(vllm?.command).toEqual(expect.arrayContaining(['--enable-auto-tool-choice', '--tool-call-parser']));
  });
});

describe('Dockerfiles', () => {
  for (const name of Object.keys(ports)) {
    it(`${name}: multi-stage on a Node 24 image, running as a non-root user`, () => {
      const lines = read(`${name}/Dockerfile`)
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !line.startsWith('#'));
      const froms = lines.filter((line) => /^FROM\s/i.test(line));
      expect(froms.length).toBeGreaterThanOrEqual(2);
      for (const from of froms) expect(from).toMatch(/^FROM\s+node:24[-.\w]*/i);
      const users = lines.filter((line) => /^USER\s/i.test(line));
      expect(users.length).toBeGreaterThan(0);
      expect(users.at(-1)).not.toMatch(/^USER\s+(root|0)\b/i);
      expect(lines.some((line) => /^(CMD|ENTRYPOINT)\s/i.test(line))).toBe(true);
    });
  }
});

describe('.env.example', () => {
  const documented = new Set(
    read('.env.example')
      .split('\n')
      .map((line) => /^([A-Z0-9_]+)=/.exec(line)?.[1])
      .filter((name): name is string => Boolean(name)),
  );

  it('documents every configuration name ARCHITECTURE.md fixes', () => {
    const fixed = read('../shared/ARCHITECTURE.md')
      .split('## Configuration names')[1]
      ?.match(/`([A-Z][A-Z0-9_]+)`/g)
      ?.map((name) => name.replaceAll('`', ''));
    expect(fixed?.length).toBeGreaterThan(10);
    for (const name of fixed ?? []) expect(documented, name).toContain(name);
  });

  for (const name of servers) {
    it(`documents every variable ${name} reads`, async () => {
      const config = (await import(path.join(root, name, 'src/config.ts'))) as { EnvSchema?: z.ZodObject };
      expect(config.EnvSchema, `${name}/src/config.ts exports EnvSchema`).toBeDefined();
      for (const variable of Object.keys(config.EnvSchema?.shape ?? {})) {
        expect(documented, `${name} reads ${variable}`).toContain(variable);
      }
    });
  }
});
