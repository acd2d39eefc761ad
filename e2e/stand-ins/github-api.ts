import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface StandInResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/**
 * A local stand-in for api.github.com: records every request and answers with GitHub's JSON
 * shapes (from GitHub's REST reference). `failNext` queues error responses to test retries.
 */
export async function startGithubStandIn() {
  const requests: RecordedRequest[] = [];
  const queuedFailures: StandInResponse[] = [];
  let nextId = 1000;

  const route = (method: string, path: string, body: Record<string, unknown>): StandInResponse => {
    let match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/.exec(path);
    if (method === 'POST' && match) {
      const id = nextId++;
      return {
        status: 201,
        body: {
          id,
          node_id: `IC_${id}`,
          html_url: `https://github.com/${match[1]}/${match[2]}/issues/${match[3]}#issuecomment-${id}`,
          body: body.body,
          user: { login: 'swe-fleet[bot]', id: 1, type: 'Bot' },
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        },
      };
    }
    match = /^\/repos\/([^/]+)\/([^/]+)\/issues\/comments\/(\d+)$/.exec(path);
    if (method === 'PATCH' && match) {
      return {
        status: 200,
        body: { id: Number(match[3]), html_url: `https://github.com/${match[1]}/${match[2]}/issues/1#issuecomment-${match[3]}`, body: body.body },
      };
    }
    if (method === 'POST' && /\/reactions$/.test(path)) {
      return { status: 201, body: { id: nextId++, content: body.content, user: { login: 'swe-fleet[bot]' } } };
    }
    return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      requests.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
      const answer = queuedFailures.shift() ?? route(req.method ?? 'GET', path, body);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(...responses: StandInResponse[]) {
      queuedFailures.push(...responses);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
