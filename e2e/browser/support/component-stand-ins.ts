import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandIn {
  url: string;
  requests: Array<{ method: string; path: string; body: string }>;
  close(): Promise<void>;
}

type Handler = (request: { method: string; path: string; body: unknown; authorization: string | undefined }, response: ServerResponse) => void;

export function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

/** A local HTTP server that parses JSON bodies and records what it was asked. */
export async function startStandIn(handler: Handler): Promise<StandIn> {
  const requests: StandIn['requests'] = [];
  const server = createServer((incoming: IncomingMessage, response) => {
    let raw = '';
    incoming.setEncoding('utf8');
    incoming.on('data', (chunk: string) => {
      raw += chunk;
    });
    incoming.on('end', () => {
      const path = new URL(incoming.url ?? '/', 'http://stand-in').pathname;
      requests.push({ method: incoming.method ?? 'GET', path, body: raw });
      let body: unknown;
      try {
        body = raw ? JSON.parse(raw) : undefined;
      } catch {
        body = undefined;
      }
      const authorization = incoming.headers.authorization;
      handler({ method: incoming.method ?? 'GET', path, body, authorization }, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A component whose /health answers as the platform's services do: `{ status, checks }`. */
export function startHealthStandIn(status: 'ok' | 'degraded', checks: Record<string, string>): Promise<StandIn> {
  return startStandIn((_request, response) => json(response, 200, { status, checks }));
}

/** agent-container's /health and its status API (agent-container/openapi.json: WorkerStatus). */
export function startAgentStandIn(serviceToken: string, running: () => Array<{ task_id: string; started_at: string }>): Promise<StandIn> {
  return startStandIn(({ path, authorization }, response) => {
    if (path === '/health') return json(response, 200, { status: 'ok', checks: { database: 'ok', redis: 'ok' } });
    if (authorization !== `Bearer ${serviceToken}`) return json(response, 401, { code: 'unauthorized', message: 'a service token is required' });
    return json(response, 200, {
      running: running().map((task) => ({ ...task, attempt: 1, provider: 'github', command: 'fix', agent: 'coder', runner: 'vllm' })),
      runners: [
        { name: 'vllm', available: true },
        { name: 'claude', available: true },
        { name: 'codex', available: false },
      ],
      agents: ['coder', 'reviewer', 'planner'],
      concurrency: { agent_tasks: 2, notifications: 20 },
    });
  });
}
