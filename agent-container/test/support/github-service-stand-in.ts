import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedServiceRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

interface Answer {
  status: number;
  body: unknown;
}

/**
 * A small stand-in for github-service's HTTP API (its committed openapi.json): comments and
 * reactions, bearer-token auth, and Idempotency-Key replay / reuse detection as the real service
 * does. Records every request; `failNext` queues error answers.
 */
export async function startGithubServiceStandIn(serviceToken: string) {
  const requests: RecordedServiceRequest[] = [];
  const failures: Answer[] = [];
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();
  let nextId = 5000;

  const route = (method: string, path: string, body: Record<string, unknown>): Answer => {
    let match = /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
    if (method === 'POST' && match) {
      if (typeof body.body !== 'string' || body.body.length === 0 || body.body.length > 65_536) {
        return { status: 400, body: { code: 'invalid_request', message: 'body: must be 1..65536 characters' } };
      }
      const id = nextId++;
      return { status: 201, body: { id, html_url: `https://github.com/${match[1]}/${match[2]}/issues/${match[3]}#issuecomment-${id}`, body: body.body } };
    }
    match = /^\/api\/v1\/repos\/[^/]+\/[^/]+\/(?:issues\/(?:comments\/)?|pulls\/comments\/)\d+\/reactions$/.exec(path);
    if (method === 'POST' && match) return { status: 201, body: { id: nextId++, content: body.content } };
    return { status: 404, body: { code: 'not_found', message: `no route ${method} ${path}` } };
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const method = req.method ?? 'GET';
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push({ method, path, headers: req.headers, body });
      const send = (answer: Answer, headers: Record<string, string> = {}) => {
        res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(answer.body));
      };
      if (req.headers.authorization !== `Bearer ${serviceToken}`) {
        send({ status: 401, body: { code: 'unauthorized', message: 'a valid bearer token is required' } });
        return;
      }
      const failure = failures.shift();
      if (failure) {
        send(failure);
        return;
      }
      const key = req.headers['idempotency-key'];
      const fingerprint = `${method} ${path} ${raw}`;
      if (typeof key === 'string') {
        const stored = idempotent.get(key);
        if (stored && stored.fingerprint !== fingerprint) {
          send({ status: 422, body: { code: 'idempotency_key_reused', message: 'this Idempotency-Key was already used with a different request' } });
          return;
        }
        if (stored) {
          send(stored.answer, { 'idempotent-replayed': 'true' });
          return;
        }
      }
      const answer = route(method, path, body);
      if (typeof key === 'string' && answer.status < 300) idempotent.set(key, { fingerprint, answer });
      send(answer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(...answers: Answer[]) {
      failures.push(...answers);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type GithubServiceStandIn = Awaited<ReturnType<typeof startGithubServiceStandIn>>;
