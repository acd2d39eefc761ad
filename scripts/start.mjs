// `make start`: every component as its own process on its own port, the dashboard included.
// Configuration comes from `.env` (made from `.env.example` with fresh secrets on first run);
// each component applies its own migrations at start and uses embedded PGlite under ./data
// when DATABASE_URL is unset.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

function parseEnvFile(text) {
  const values = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (!match) continue;
    values[match[1]] = match[2].replace(/^"(.*)"$/, '$1');
  }
  return values;
}

/**
 * First run: `.env` from `.env.example`, every `change-me` secret replaced by a random one and
 * the credentials encryption key by 32 random bytes in base64.
 */
function ensureEnvFile() {
  const envPath = path.join(root, '.env');
  if (!existsSync(envPath)) {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const filled = example
      .replace(/change-me/g, () => randomBytes(24).toString('hex'))
      .replace('generate-base64-key', () => randomBytes(32).toString('base64'));
    writeFileSync(envPath, filled, { mode: 0o600 });
    console.log('created .env from .env.example with fresh secrets');
  }
  return parseEnvFile(readFileSync(envPath, 'utf8'));
}

function redisReachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(2000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

const fileEnv = ensureEnvFile();
const env = { ...fileEnv, ...process.env };
env.REDIS_URL ??= 'redis://127.0.0.1:6379';
env.TASK_LOGS_DIR = path.resolve(root, env.TASK_LOGS_DIR ?? 'data/task-logs');
mkdirSync(env.TASK_LOGS_DIR, { recursive: true });

if (!(await redisReachable(env.REDIS_URL))) {
  console.error(
    `Redis is not reachable at REDIS_URL=${env.REDIS_URL}.\n` +
      'Start one (for example `redis-server --appendonly yes --maxmemory-policy noeviction`) or set REDIS_URL in .env, then run `make start` again.',
  );
  process.exit(1);
}

const ports = {
  'api-gateway': env.GATEWAY_PORT ?? '8080',
  'github-service': env.GITHUB_SERVICE_PORT ?? '8081',
  'jira-service': env.JIRA_SERVICE_PORT ?? '8082',
  'slack-service': env.SLACK_SERVICE_PORT ?? '8083',
  'sentry-service': env.SENTRY_SERVICE_PORT ?? '8084',
  'agent-container': env.AGENT_PORT ?? '8085',
  'dashboard-api': env.DASHBOARD_API_PORT ?? '8090',
  dashboard: env.DASHBOARD_PORT ?? '3000',
};
const local = (name) => `http://127.0.0.1:${ports[name]}`;
const shared = {
  GITHUB_SERVICE_URL: env.GITHUB_SERVICE_URL ?? local('github-service'),
  JIRA_SERVICE_URL: env.JIRA_SERVICE_URL ?? local('jira-service'),
  SLACK_SERVICE_URL: env.SLACK_SERVICE_URL ?? local('slack-service'),
  SENTRY_SERVICE_URL: env.SENTRY_SERVICE_URL ?? local('sentry-service'),
  DASHBOARD_API_URL: env.DASHBOARD_API_URL ?? local('dashboard-api'),
  GATEWAY_URL: env.GATEWAY_URL ?? local('api-gateway'),
  DASHBOARD_URL: env.DASHBOARD_URL ?? local('dashboard'),
};

const children = new Map();
let stopping = false;

function start(name) {
  const componentEnv = {
    ...env,
    ...shared,
    PORT: ports[name],
    HOST: env.HOST ?? '127.0.0.1',
    // The young generation sized for a service, not for the host's memory (bench/README.md).
    NODE_OPTIONS: env.NODE_OPTIONS ?? '--max-semi-space-size=16',
    DATA_DIR: path.join(root, 'data', name),
    PATH: `${path.join(root, 'node_modules/.bin')}:${process.env.PATH}`,
  };
  const child =
    name === 'dashboard'
      ? spawn('npm', ['start', '--workspace', '@swe-ai-fleet/dashboard'], { cwd: root, env: componentEnv })
      : spawn(process.execPath, ['dist/main.js'], { cwd: path.join(root, name), env: componentEnv });
  const prefix = `${name.padEnd(16)}|`;
  const relay = (stream, out) => {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) out.write(`${prefix} ${line}\n`);
    });
  };
  relay(child.stdout, process.stdout);
  relay(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`${prefix} exited (${signal ?? code}); stopping the platform`);
      stop(1);
    }
  });
  children.set(name, child);
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill('SIGTERM');
  const deadline = setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
    process.exit(code);
  }, 15_000);
  const wait = setInterval(() => {
    if (children.size === 0) {
      clearInterval(wait);
      clearTimeout(deadline);
      process.exit(code);
    }
  }, 100);
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

for (const name of Object.keys(ports)) start(name);
console.log(
  [
    '',
    'SWE AI Fleet is starting:',
    `  dashboard       ${local('dashboard')}  (sign in as ${env.DASHBOARD_ADMIN_EMAIL ?? 'DASHBOARD_ADMIN_EMAIL'} with DASHBOARD_ADMIN_PASSWORD from .env)`,
    `  webhooks        ${local('api-gateway')}/webhooks/github (Swagger: ${local('api-gateway')}/docs)`,
    `  dashboard API   ${local('dashboard-api')}/docs`,
    `  agent status    ${local('agent-container')}/docs`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'),
);
