import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedServiceRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown>;
}

export interface Answer {
  status: number;
  body: unknown;
  /** Hold the answer this long. */
  delayMs?: number;
}

/** Answers a request, or returns undefined when no route matches. */
export type Route = (request: RecordedServiceRequest, match: RegExpExecArray) => Answer;

/**
 * A stand-in for one of the platform's provider services, speaking its committed openapi.json:
 * bearer-token auth, routes given as [method, path pattern, handler], and Idempotency-Key replay
 * of a write's first answer (the same key with another request is 422, as the real services do).
 * Records every request; `failNext` queues answers that replace the next ones.
 */
export async function startServiceStandIn(serviceToken: string, routes: Array<[string, RegExp, Route]>) {
  const requests: RecordedServiceRequest[] = [];
  const failures: Answer[] = [];
  const targeted: Array<{ method: string; path: RegExp; answer: Answer }> = [];
  const idempotent = new Map<string, { fingerprint: string; answer: Answer }>();

  const route = (request: RecordedServiceRequest): Answer => {
    for (const [method, pattern, handler] of routes) {
      const match = pattern.exec(request.path);
      if (method === request.method && match) return handler(request, match);
    }
    return { status: 404, body: { code: 'not_found', message: `no route ${request.method} ${request.path}` } };
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const request: RecordedServiceRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {},
      };
      requests.push(request);
      const send = (answer: Answer, headers: Record<string, string> = {}) => {
        const write = () => {
          if (res.destroyed) return;
          res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...headers });
          res.end(answer.status === 204 ? undefined : JSON.stringify(answer.body));
        };
        if (answer.delayMs) setTimeout(write, answer.delayMs);
        else write();
      };
      if (req.headers.authorization !== `Bearer ${serviceToken}`) {
        send({ status: 401, body: { code: 'unauthorized', message: 'a valid bearer token is required' } });
        return;
      }
      const aimed = targeted.findIndex((entry) => entry.method === request.method && entry.path.test(request.path));
      const failure = aimed >= 0 ? targeted.splice(aimed, 1)[0]?.answer : failures.shift();
      if (failure) {
        send(failure);
        return;
      }
      const key = req.headers['idempotency-key'];
      const fingerprint = `${request.method} ${request.path} ${raw}`;
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
      const answer = route(request);
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
    /** The next request with this method and a path matching `path` gets `answer`. */
    failNextMatching(method: string, path: RegExp, answer: Answer) {
      targeted.push({ method, path, answer });
    },
    /** Requests carrying this task id. */
    forTask: (taskId: string) => requests.filter((request) => request.headers['x-task-id'] === taskId),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
export type ServiceStandIn = Awaited<ReturnType<typeof startServiceStandIn>>;
