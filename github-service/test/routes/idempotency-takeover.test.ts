import { type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, auth, startTestApp } from '../support/test-app.js';

const LEASE = 60_000;

/** A GitHub that takes requests and never answers them: a write in flight when its process dies. */
async function startBlackHole() {
  const held: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    req.resume();
    held.push(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('github-service: the retry of a write whose process died mid-call', () => {
  let live: TestApp;
  let blackHole: Awaited<ReturnType<typeof startBlackHole>>;
  const others: TestApp[] = [];

  beforeAll(async () => {
    live = await startTestApp({ idempotency: { pendingTimeoutMs: LEASE } });
    blackHole = await startBlackHole();
  });

  afterAll(async () => {
    for (const held of blackHole.held) held.destroy();
    for (const other of others) await other.close();
    await blackHole.close();
    await live.close();
  });

  /**
   * Another replica on the same database that claims the key and whose GitHub call never
   * returns, as if the process died there; `claimedAgoMs` sets its clock back, so its claim
   * looks that old.
   */
  async function claimAndHang(issue: number, key: string, body: string, claimedAgoMs: number) {
    const dead = await startTestApp({
      databaseUrl: live.databaseUrl,
      settings: { baseUrl: blackHole.url, timeoutMs: 60_000, maxRetries: 0 },
      idempotency: { pendingTimeoutMs: LEASE, now: () => new Date(Date.now() - claimedAgoMs) },
    });
    others.push(dead);
    const heldBefore = blackHole.held.length;
    const inFlight = dead.app.inject({ method: 'POST', url: commentsUrl(issue), headers: { ...auth, 'idempotency-key': key }, payload: { body } });
    await waitFor(() => blackHole.held.length > heldBefore);
    return { inFlight, held: blackHole.held.at(-1) };
  }

  const commentsUrl = (issue: number) => `/api/v1/repos/octo/hello/issues/${issue}/comments`;
  const retry = (issue: number, key: string, body: string) =>
    live.app.inject({ method: 'POST', url: commentsUrl(issue), headers: { ...auth, 'idempotency-key': key }, payload: { body } });
  const postsAt = (issue: number) =>
    live.github.requests.filter((request) => request.method === 'POST' && request.path === `/repos/octo/hello/issues/${issue}/comments`).length;
  const thread = async (issue: number) =>
    (await live.app.inject({ method: 'GET', url: commentsUrl(issue), headers: auth })).json<{ comments: Array<{ id: number; body: string }> }>().comments;

  it('takes the key over once the lease is over and posts exactly one comment; the dead call failing later frees nothing', async () => {
    const dead = await claimAndHang(21, 'task-21:answer', 'The fix is in #22.', 10 * 60_000);

    const first = await retry(21, 'task-21:answer', 'The fix is in #22.');
    expect(first.statusCode).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await retry(21, 'task-21:answer', 'The fix is in #22.');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(postsAt(21)).toBe(1);
    expect((await thread(21)).map((comment) => comment.body)).toEqual(['The fix is in #22.']);

    // The stuck call ends after all (the connection drops): its failure must not free the key.
    dead.held?.destroy();
    expect((await dead.inFlight).statusCode).toBe(502);
    const late = await retry(21, 'task-21:answer', 'The fix is in #22.');
    expect(late.statusCode).toBe(201);
    expect(late.headers['idempotent-replayed']).toBe('true');
    expect(late.json()).toEqual(first.json());
    expect(postsAt(21)).toBe(1);
  });

  it('answers 409 with Retry-After and posts nothing while the claim is within its lease', async () => {
    await claimAndHang(23, 'task-23:answer', 'still being written', 0);
    const response = await retry(23, 'task-23:answer', 'still being written');
    expect(response.statusCode).toBe(409);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ code: 'idempotency_in_progress' });
    expect(postsAt(23)).toBe(0);
  });

  it('posts exactly one comment when two retries race for the abandoned key', async () => {
    await claimAndHang(24, 'task-24:answer', 'only once', 10 * 60_000);
    const answers = await Promise.all([retry(24, 'task-24:answer', 'only once'), retry(24, 'task-24:answer', 'only once')]);
    const fresh = answers.filter((answer) => answer.statusCode === 201 && answer.headers['idempotent-replayed'] === undefined);
    expect(fresh).toHaveLength(1);
    // The other one either lost the takeover (409) or came after the first had finished (replay).
    for (const answer of answers.filter((candidate) => candidate !== fresh[0])) {
      expect(answer.statusCode === 409 || answer.headers['idempotent-replayed'] === 'true').toBe(true);
    }
    expect(postsAt(24)).toBe(1);
    expect(await thread(24)).toHaveLength(1);
  });
});
