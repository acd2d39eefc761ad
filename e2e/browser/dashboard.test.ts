// The dashboard in a real browser: Debian's Chromium driven by playwright-core, against the real
// dashboard-api and dashboard (vite preview) processes on the machine's Postgres and Redis. Task
// events go through the task-events queue and task logs are written as the gateway and the agent
// write them; the other components are local stand-ins. Screenshots go to docs/screenshots/.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { QUEUE_TASK_EVENTS, type TaskEvent } from '@swe-ai-fleet/contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type RunningComponent, root, startComponent, waitFor } from '../support/processes.js';
import { createTestDatabase } from '../support/test-database.js';
import { launchChromium, laptopPage, screenshot } from './support/browser.js';
import { type StandIn, startAgentStandIn, startHealthStandIn } from './support/component-stand-ins.js';
import { startGatewayAdminStandIn } from './support/gateway-admin-stand-in.js';
import { runningTask } from './support/running-task.js';
import { historicalTasks } from './support/seed-tasks.js';

const ADMIN_EMAIL = 'ada@fleet.example';
const ADMIN_PASSWORD = 'browser-test-password-42';
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789abcdef';
const SERVICE_TOKEN = 'browser-test-service-token-0123456789';

describe('the dashboard in Chromium', { timeout: 60_000 }, () => {
  const now = Date.now();
  const history = historicalTasks(48, 7, now);
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let taskLogsDir: string;
  let redis: Redis;
  let events: Queue;
  const standIns: StandIn[] = [];
  const components: RunningComponent[] = [];
  let dashboardApi: RunningComponent;
  let dashboard: RunningComponent;
  let browser: Browser;
  let page: Page;
  const running = runningTask('', now - 90_000);

  const publish = (event: TaskEvent) => events.add('task_event', event, { jobId: event.event_id });
  const api = async (route: string) => {
    const response = await fetch(`${dashboardApi.url}${route}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    return (await response.json()) as Record<string, unknown>;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    taskLogsDir = mkdtempSync(path.join(tmpdir(), 'browser-task-logs-'));
    const prefix = `browser-${randomUUID().slice(0, 8)}`;
    const gateway = await startGatewayAdminStandIn(SERVICE_TOKEN);
    const agent = await startAgentStandIn(SERVICE_TOKEN, () => [{ task_id: running.id, started_at: new Date(now - 89_000).toISOString() }]);
    const github = await startHealthStandIn('ok', { database: 'ok', credentials: 'present', github: 'reachable' });
    const jira = await startHealthStandIn('degraded', { database: 'ok', credentials: 'missing', jira: 'unchecked' });
    const slack = await startHealthStandIn('ok', { database: 'ok', credentials: 'present', slack: 'reachable' });
    const sentry = await startHealthStandIn('ok', { database: 'ok', credentials: 'present', provider: 'reachable' });
    standIns.push(gateway, agent, github, jira, slack, sentry);

    dashboardApi = await startComponent('dashboard-api', {
      DATABASE_URL: database.url,
      REDIS_URL: 'redis://127.0.0.1:6379',
      QUEUE_PREFIX: prefix,
      TASK_LOGS_DIR: taskLogsDir,
      SERVICE_TOKEN,
      DASHBOARD_ADMIN_EMAIL: ADMIN_EMAIL,
      DASHBOARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      DASHBOARD_ADMIN_TOKEN: ADMIN_TOKEN,
      GATEWAY_URL: gateway.url,
      AGENT_URL: agent.url,
      GITHUB_SERVICE_URL: github.url,
      JIRA_SERVICE_URL: jira.url,
      SLACK_SERVICE_URL: slack.url,
      SENTRY_SERVICE_URL: sentry.url,
    });
    components.push(dashboardApi);
    dashboard = await startComponent('dashboard', { DASHBOARD_API_URL: dashboardApi.url }, { healthPath: '/' });
    components.push(dashboard);

    redis = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    events = new Queue(QUEUE_TASK_EVENTS, { connection: redis, prefix });
    const live = runningTask(taskLogsDir, now - 90_000);
    await live.writeStart();
    for (const task of history) for (const event of task.events) await publish(event);
    await publish(live.events.created);
    await publish(live.events.started);
    await waitFor('the read model to hold every seeded task', async () => {
      const list = await api('/api/v1/tasks?limit=200');
      const items = Array.isArray(list.items) ? list.items : [];
      const settled = items.filter((item: { status?: string }) => item.status !== 'queued');
      return settled.length === history.length + 1 ? true : undefined;
    });

    browser = await launchChromium();
    page = await laptopPage(browser);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await Promise.all(components.map((component) => component.stop()));
    await events?.obliterate({ force: true }).catch(() => undefined);
    await events?.close();
    redis?.disconnect();
    await Promise.all(standIns.map((standIn) => standIn.close()));
    await database?.drop();
    if (taskLogsDir) rmSync(taskLogsDir, { recursive: true, force: true });
  });

  // A failed step leaves a picture of the page behind, for the post-mortem.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail' || !page) return;
    await page.screenshot({ path: path.join(root, 'e2e/.artifacts', `failed-${context.task.name.slice(0, 40).replace(/\W+/g, '-')}.png`) }).catch(() => undefined);
  });

  const go = async (hash: string) => {
    await page.goto(`${dashboard.url}/${hash}`);
  };

  it('asks for a sign-in, refuses a wrong password, and opens the overview for the right one', async () => {
    await go('');
    await page.getByRole('heading', { name: 'SWE AI Fleet' }).waitFor();
    await screenshot(page, 'login');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('email or password is wrong').waitFor();

    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.locator('.recharts-surface').first().waitFor();
    await page.getByRole('region', { name: 'Running now' }).getByText('fix the flaky login test').waitFor();
    const stats = await page.locator('.stats').first().innerText();
    expect(stats).toContain(String(history.length + 1));
    await page.getByText('1 component not ok: jira-service').waitFor();
    await screenshot(page, 'overview');
  });

  it('filters the tasks by status and by words, and keeps the filters in the URL', async () => {
    await go('#/tasks');
    await page.getByRole('heading', { name: 'Tasks' }).waitFor();
    await page.locator('table.tasks tbody tr').first().waitFor();
    expect(await page.locator('table.tasks tbody tr').count()).toBe(history.length + 1);

    await page.getByLabel('Status').selectOption('failed');
    await page.waitForURL(/status=failed/);
    const failed = history.filter((task) => task.status === 'failed');
    await waitFor('only failed tasks listed', async () => ((await page.locator('table.tasks tbody tr').count()) === failed.length ? true : undefined), 10_000);
    const badges = await page.locator('table.tasks tbody tr .badge').allInnerTexts();
    expect(new Set(badges)).toEqual(new Set(['Failed']));

    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Search').fill('arm64');
    await page.getByLabel('Search').press('Enter');
    await page.waitForURL(/q=arm64/);
    const arm64 = history.filter((task) => task.text.includes('arm64'));
    await waitFor('only tasks about arm64 listed', async () => ((await page.locator('table.tasks tbody tr').count()) === arm64.length ? true : undefined), 10_000);
    for (const preview of await page.locator('table.tasks tbody tr .preview').allInnerTexts()) expect(preview).toContain('arm64');

    await page.getByLabel('Source').selectOption('github');
    await waitFor('github tasks about arm64', async () =>
      (await page.locator('table.tasks tbody tr').count()) === arm64.filter((task) => task.provider === 'github').length ? true : undefined,
    );
    await go('#/tasks?sort=cost_usd');
    await page.locator('table.tasks tbody tr').first().waitFor();
    await screenshot(page, 'tasks');
  });

  it('streams the log of a running task live, then shows how it ended', async () => {
    await go(`#/tasks/${running.id}`);
    await page.getByRole('list', { name: 'Stages' }).waitFor();
    await page.getByText('Streaming the log live as the task runs.').waitFor();
    const agent = page.getByRole('region', { name: 'Agent output' });
    await agent.getByText('Live').waitFor();
    const before = await agent.locator('.timeline-item').count();
    // A marker on the window: if the page reloaded, it would be gone. (Browser code is passed as
    // strings: the e2e project is typed for Node, not the DOM.)
    await page.evaluate('window.notReloaded = true');

    const live = runningTask(taskLogsDir, now - 90_000);
    await live.appendAgentOutput(40_000, { type: 'thinking', content: 'The click resolves before the session cookie is set: the test must await the redirect.' });
    await agent.getByText('the test must await the redirect').waitFor({ timeout: 10_000 });
    await live.appendAgentOutput(41_000, { type: 'tool_call', tool: 'edit_file', tool_call_id: 'call-2', input: { path: 'test/login.test.ts' } });
    await live.appendAgentOutput(41_300, { type: 'tool_result', tool: 'edit_file', tool_call_id: 'call-2', content: 'test/login.test.ts: 1 edit' });
    await agent.getByText('Tool call · edit_file').waitFor({ timeout: 10_000 });
    expect(await agent.locator('.timeline-item').count()).toBe(before + 2);
    expect(await page.evaluate('window.notReloaded === true')).toBe(true);
    await agent.scrollIntoViewIfNeeded();
    await screenshot(page, 'task-live');

    await live.appendAgentOutput(88_000, { type: 'message', content: 'Fixed: the login test now awaits the redirect. Opened a draft PR.' });
    await live.writeFinish(89_000);
    await publish(live.events.completed(89_000));
    await page.getByText('The task finished; everything it wrote is shown.').waitFor({ timeout: 15_000 });
    await page.locator('.task-title').getByText('Succeeded').waitFor();
    await page.getByRole('region', { name: 'Final result' }).getByText('success', { exact: true }).waitFor();
    expect(await page.evaluate('window.notReloaded === true')).toBe(true);
    await screenshot(page, 'task');
  });

  it('opens analytics with its charts and breakdowns, in light and dark', async () => {
    await go('#/analytics?range=7d');
    await page.getByRole('heading', { name: 'Analytics' }).waitFor();
    await page.getByRole('region', { name: 'Tasks over time' }).locator('.recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('.recharts-surface').count()).toBeGreaterThanOrEqual(5);
    const byRepository = page.getByRole('region', { name: 'By repository' });
    await byRepository.getByText('acme/api').waitFor();
    await page.getByRole('region', { name: 'By model' }).getByText('qwen3-coder-30b').waitFor();
    await screenshot(page, 'analytics');

    const dark = await browser.newContext({ viewport: { width: 1440, height: 900 }, colorScheme: 'dark', storageState: await page.context().storageState(), locale: 'en-US', timezoneId: 'UTC' });
    const darkPage = await dark.newPage();
    await darkPage.goto(`${dashboard.url}/#/analytics?range=7d`);
    await darkPage.getByRole('region', { name: 'Tasks over time' }).locator('.recharts-bar-rectangle').first().waitFor();
    const background = await darkPage.evaluate('getComputedStyle(document.documentElement).backgroundColor');
    expect(background).toBe('rgb(15, 18, 22)');
    await screenshot(darkPage, 'analytics-dark');
    await darkPage.goto(`${dashboard.url}/#/tasks/${running.id}`);
    await darkPage.getByRole('list', { name: 'Stages' }).waitFor();
    await screenshot(darkPage, 'task-dark');
    await dark.close();
  });

  it('shows the ledger with its CSV export, and the conversations', async () => {
    await go('#/ledger?range=7d');
    await page.getByRole('heading', { name: 'Ledger' }).waitFor();
    await page.getByRole('region', { name: 'Most expensive tasks' }).locator('tbody tr').first().waitFor();
    const csvUrl = await page.getByRole('link', { name: 'Export CSV' }).getAttribute('href');
    const csv = await page.evaluate(async (url) => (await fetch(url ?? '')).text(), csvUrl);
    expect(csv.split('\r\n')[0]).toMatch(/^task_id,received_at,/);
    expect(csv.trim().split('\r\n').length).toBe(history.length + 2);
    await screenshot(page, 'ledger');

    await go('#/chat');
    await page.getByRole('heading', { name: 'Chat' }).waitFor();
    await page.locator('.conversation-item a').first().click();
    await page.locator('.bubble-question').first().waitFor();
    await screenshot(page, 'conversation');
  });

  it('manages webhook routes through the gateway and sends a test delivery', async () => {
    await go('#/webhooks');
    await page.getByText('/webhooks/custom/pagerduty').waitFor();
    await page.getByRole('button', { name: 'New route' }).click();
    const form = page.getByRole('form', { name: 'New webhook route' });
    await form.getByLabel('Slug').fill('grafana');
    await form.getByLabel('Description').fill('Grafana alerts');
    await form.getByLabel('Text pointer').fill('/incident/title');
    await form.getByLabel('Thread pointer').fill('/incident/id');
    await form.getByRole('button', { name: 'Add route' }).click();
    await page.getByText('whsec-shown-once-0123456789abcdef').waitFor();
    await page.getByText('/webhooks/custom/grafana').waitFor();

    const row = page.locator('tr', { hasText: 'grafana' });
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByText('disabled').waitFor();
    await row.getByRole('button', { name: 'Send a test' }).click();
    await page.getByRole('button', { name: 'Send a dry run' }).click();
    await page.getByText('would create a task').waitFor();
    await screenshot(page, 'webhooks');
  });

  it('shows the registry and every component with the queue depths', async () => {
    await go('#/registry');
    await page.getByRole('region', { name: 'Agents' }).getByText('reviewer').waitFor();
    await page.getByRole('region', { name: 'Commands' }).getByText('Write an implementation plan').waitFor();
    await screenshot(page, 'registry');

    await go('#/services');
    await page.getByText('jira-service').waitFor();
    await page.getByText('agent-tasks').waitFor();
    await page.getByRole('region', { name: 'Agent worker' }).locator('tbody tr').first().waitFor();
    await screenshot(page, 'services');
    const board = await page.evaluate(async () => (await fetch('/api/v1/board/')).status);
    expect(board).toBe(200);
  });

  it('signs out, and then nothing is served without signing in again', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    const status = await page.evaluate(async () => (await fetch('/api/v1/tasks')).status);
    expect(status).toBe(401);
  });
});
