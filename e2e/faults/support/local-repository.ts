import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A bare git repository on disk with one commit on `main`, to clone instead of github.com. */
export function createLocalRepository(files: Record<string, string>): { url: string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'fault-repo-'));
  const bare = path.join(root, 'origin.git');
  const work = path.join(root, 'work');
  const git = (args: string[], cwd = root) =>
    execFileSync('git', ['-c', 'user.name=Fault', '-c', 'user.email=fault@example.test', ...args], { cwd, env: { PATH: process.env.PATH ?? '', GIT_CONFIG_GLOBAL: '/dev/null', HOME: root } });
  git(['init', '--bare', '-q', '-b', 'main', bare]);
  git(['init', '-q', '-b', 'main', work]);
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(work, name), content);
  git(['add', '-A'], work);
  git(['commit', '-q', '-m', 'initial commit'], work);
  git(['push', '-q', bare, 'HEAD:refs/heads/main'], work);
  return { url: `file://${bare}`, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * An HTTP proxy in front of the GitHub stand-in that answers repository reads with `clone_url`
 * pointing at a local repository, so workspaces clone from disk; everything else passes as is.
 */
export async function startCloneUrlProxy(upstream: string, cloneUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const target = new URL(upstream);
  const server = createServer((req, res) => {
    const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => {
        let body = Buffer.concat(chunks);
        const isRepository = req.method === 'GET' && /^\/repos\/[^/]+\/[^/?]+(\?.*)?$/.test(req.url ?? '') && answer.statusCode === 200;
        if (isRepository) body = Buffer.from(JSON.stringify({ ...(JSON.parse(body.toString('utf8')) as object), clone_url: cloneUrl }));
        const headers = { ...answer.headers, 'content-length': String(body.length) };
        delete headers['transfer-encoding'];
        res.writeHead(answer.statusCode ?? 502, headers).end(body);
      });
    });
    forward.on('error', () => res.writeHead(502).end());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
