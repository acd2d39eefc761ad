import { type Agent, request as httpRequest } from 'node:http';
import net from 'node:net';
import type { MalformedRequest } from './malformed-requests.js';

/** The status the server answered, or 0 when it closed the connection without an answer. */
export async function sendMalformed(port: number, agent: Agent, request: MalformedRequest): Promise<number> {
  if (request.via === 'raw') return sendRaw(port, request.bytes);
  return new Promise((resolve) => {
    const req = httpRequest({ host: '127.0.0.1', port, agent, method: request.method, path: request.path, headers: { ...request.headers, 'content-length': String(request.body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(res.statusCode ?? 0));
    });
    req.setTimeout(15_000, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(request.body);
  });
}

const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})/;

/** Bytes straight onto a socket: framing no HTTP client would produce. */
function sendRaw(port: number, bytes: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    const done = () => {
      socket.destroy();
      resolve(Number(STATUS_LINE.exec(answer)?.[1] ?? 0));
    };
    socket.setTimeout(3_000, done);
    socket.on('connect', () => socket.end(bytes));
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('latin1');
      if (STATUS_LINE.test(answer)) done();
    });
    socket.on('error', done);
    socket.on('close', done);
  });
}
