import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../src/api/api-error.js';
import { createDashboardApi, csrfTokenFromCookie } from '../src/api/dashboard-api.js';
import { TASK_PAGE_SIZE, fetchTaskDetail, fetchTaskPage, taskQuery } from '../src/api/task-requests.js';
import { shouldRetry } from '../src/api/queries.js';
import type { TaskList, TaskSummary } from '../src/api/types.js';
import { uniqueTasks } from '../src/task-log/unique-tasks.js';

const ID = 'task-01JZ8Q4V6X2N3M4P5R6S7T8V9W';

/** A local stand-in of dashboard-api that records what it was asked and answers what a test sets. */
function startStandIn() {
  const requests: URL[] = [];
  const methods: string[] = [];
  const csrfHeaders: Array<string | undefined> = [];
  let answer: { status: number; body: string; type: string } = { status: 200, body: '{}', type: 'application/json' };
  const server: Server = createServer((request: IncomingMessage, response: ServerResponse) => {
    requests.push(new URL(request.url ?? '/', 'http://stand-in'));
    methods.push(request.method ?? 'GET');
    const csrf = request.headers['x-csrf-token'];
    csrfHeaders.push(Array.isArray(csrf) ? csrf[0] : csrf);
    response.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
  });
  return {
    requests,
    methods,
    csrfHeaders,
    answer(status: number, body: unknown, type = 'application/json') {
      answer = { status, body: typeof body === 'string' ? body : JSON.stringify(body), type };
    },
    url: () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const summary = (id: string): TaskSummary => ({
  id,
  status: 'running',
  provider: 'github',
  command: 'ask',
  repository: 'octo/hello',
  author: { id: '1', login: 'octocat' },
  agent: null,
  runner: null,
  model: null,
  conversation_key: 'github:octo/hello#1',
  received_at: '2026-01-05T10:00:00.000Z',
  started_at: null,
  finished_at: null,
  duration_ms: null,
  queue_wait_ms: null,
  input_tokens: null,
  output_tokens: null,
  cost_usd: null,
  links: [],
  updated_at: '2026-01-05T10:00:00.000Z',
  text_preview: '@agent ask why',
});

describe('the dashboard-api client', () => {
  const standIn = startStandIn();
  let api: ReturnType<typeof createDashboardApi>;

  beforeAll(async () => {
    api = createDashboardApi(await standIn.listen());
  });
  afterAll(() => standIn.close());

  it('asks for a page with the filters, the page size and the cursor', async () => {
    const page: TaskList = { items: [summary(ID)], next_cursor: 'abc' };
    standIn.answer(200, page);
    expect(await fetchTaskPage(api, { status: 'failed', repository: 'octo/hello' }, 'cursor-1')).toEqual(page);
    const asked = standIn.requests.at(-1);
    expect(asked?.pathname).toBe('/api/v1/tasks');
    expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({
      status: 'failed',
      repository: 'octo/hello',
      limit: String(TASK_PAGE_SIZE),
      cursor: 'cursor-1',
    });
  });

  it('sends the session CSRF token on writes only', async () => {
    const withToken = createDashboardApi(standIn.url(), { csrfToken: () => 'csrf-123' });
    standIn.answer(200, { items: [], next_cursor: null });
    await withToken.GET('/api/v1/tasks');
    expect(standIn.csrfHeaders.at(-1)).toBeUndefined();
    standIn.answer(204, '', 'text/plain');
    await withToken.POST('/api/v1/auth/logout');
    expect(standIn.methods.at(-1)).toBe('POST');
    expect(standIn.csrfHeaders.at(-1)).toBe('csrf-123');
  });

  it('reads the CSRF token from the XSRF-TOKEN cookie', () => {
    expect(csrfTokenFromCookie('theme=dark; XSRF-TOKEN=abc%3D%3D; other=1')).toBe('abc==');
    expect(csrfTokenFromCookie('theme=dark')).toBeNull();
    expect(csrfTokenFromCookie('')).toBeNull();
  });

  it('turns the days of the list filters into instants of the reader’s day', () => {
    const query = taskQuery({ from: '2026-03-02', to: '2026-03-02', q: 'flaky' });
    expect(query.q).toBe('flaky');
    expect(Date.parse(query.to ?? '') - Date.parse(query.from ?? '')).toBe(24 * 3_600_000);
    expect(new Date(query.from ?? '').getHours()).toBe(0);
  });

  it("turns dashboard-api's { code, message } into an ApiError", async () => {
    standIn.answer(404, { code: 'not_found', message: `no task ${ID}` });
    const error = await fetchTaskDetail(api, ID).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'not_found', message: `no task ${ID}`, status: 404 });
    expect(standIn.requests.at(-1)?.pathname).toBe(`/api/v1/tasks/${ID}`);
  });

  it('explains a proxy error page that is not JSON', async () => {
    standIn.answer(502, '<html>Bad Gateway</html>', 'text/html');
    await expect(fetchTaskPage(api, {}, undefined)).rejects.toMatchObject({ code: 'unavailable', status: 502 });
    standIn.answer(500, '', 'text/plain');
    await expect(fetchTaskPage(api, {}, undefined)).rejects.toMatchObject({ code: 'unavailable', status: 500 });
  });

  it("keeps dashboard-api's own 500 as it said it", async () => {
    standIn.answer(500, { code: 'internal_error', message: 'internal error' });
    await expect(fetchTaskPage(api, {}, undefined)).rejects.toMatchObject({ code: 'internal_error', message: 'internal error', status: 500 });
  });

  it('names the status of a 4xx without a body', async () => {
    standIn.answer(405, '', 'text/plain');
    await expect(fetchTaskPage(api, {}, undefined)).rejects.toMatchObject({ code: 'http_error', message: 'dashboard-api answered HTTP 405' });
  });

  it('says dashboard-api cannot be reached when nothing listens', async () => {
    const closed = startStandIn();
    const url = await closed.listen();
    await closed.close();
    await expect(fetchTaskPage(createDashboardApi(url), {}, undefined)).rejects.toMatchObject({ code: 'unreachable', status: 0 });
  });

  it('retries network and server errors, never a 4xx', () => {
    expect(shouldRetry(0, new ApiError('unreachable', 'down', 0))).toBe(true);
    expect(shouldRetry(1, new ApiError('unavailable', 'down', 503))).toBe(true);
    expect(shouldRetry(3, new ApiError('unavailable', 'down', 503))).toBe(false);
    expect(shouldRetry(0, new ApiError('not_found', 'gone', 404))).toBe(false);
  });
});

describe('uniqueTasks', () => {
  it('keeps page order and shows a task on two pages once', () => {
    const pages: TaskList[] = [
      { items: [summary('task-00000000000000000000000003'), summary('task-00000000000000000000000002')], next_cursor: 'x' },
      { items: [summary('task-00000000000000000000000002'), summary('task-00000000000000000000000001')], next_cursor: null },
    ];
    expect(uniqueTasks(pages).map((task) => task.id)).toEqual([
      'task-00000000000000000000000003',
      'task-00000000000000000000000002',
      'task-00000000000000000000000001',
    ]);
  });
});
