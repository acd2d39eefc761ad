import { describe, expect, it } from 'vitest';
import { AnalyticsPage } from '../src/pages/analytics-page.js';
import { ConversationPage } from '../src/pages/conversation-page.js';
import { LedgerPage } from '../src/pages/ledger-page.js';
import { LoginPage } from '../src/pages/login-page.js';
import { OverviewPage } from '../src/pages/overview-page.js';
import { RegistryPage } from '../src/pages/registry-page.js';
import { ServicesPage } from '../src/pages/services-page.js';
import { WebhooksPage } from '../src/pages/webhooks-page.js';
import { App } from '../src/app.js';
import { ID, adminSession, breakdown, commands, conversation, ledger, registry, series, services, summary, webhook } from './fixtures.js';
import { renderPage, visibleText } from './support/render-page.js';

const pages = (items: unknown[]) => ({ pages: [{ items, next_cursor: null }], pageParams: [undefined] });

describe('the dashboard pages', () => {
  it('overview: the week in figures, what runs now, the recent failures and whether every component is up', () => {
    const text = visibleText(
      renderPage(<OverviewPage />, [
        [['analytics'], series],
        [['tasks'], pages([summary(ID)])],
        [['services'], services],
      ]),
    );
    for (const seen of ['Overview', 'Tasks 4', '2 in progress', 'Success rate 75.0%', '1 failed of 4 finished', 'Running now', 'fix the flaky login test', '2 components not ok: github-service, slack-service']) {
      expect(text, seen).toContain(seen);
    }
  });

  it('analytics: headline figures and each breakdown', () => {
    const text = visibleText(renderPage(<AnalyticsPage filters={{ range: '7d' }} />, [[['analytics', 'series'], series], [['analytics', 'breakdown'], breakdown]]));
    for (const seen of ['Last 7 days', 'Duration p50 / p95 42 s / 2 min 10 s', 'Queue wait p50 / p95 800 ms / 4.0 s', 'By repository', 'octo/hello', 'no repository', 'By model', 'By runner']) {
      expect(text, seen).toContain(seen);
    }
  });

  it('analytics: says so when the range holds no task', () => {
    const empty = { ...series, points: [], totals: { ...series.totals, tasks: 0 } };
    expect(visibleText(renderPage(<AnalyticsPage filters={{}} />, [[['analytics', 'series'], empty]]))).toContain('No task in this range');
  });

  it('ledger: totals, the periods newest first, the costliest tasks and the CSV link', () => {
    const html = renderPage(<LedgerPage filters={{ provider: 'github' }} />, [
      [['ledger'], ledger],
      [['tasks', 'costliest'], { items: [summary(ID, { status: 'succeeded', cost_usd: 0.4 })], next_cursor: null }],
    ]);
    const text = visibleText(html);
    for (const seen of ['Cost $0.2000', 'Tasks 4', '$0.0500 per task', 'Per day', 'Most expensive tasks', '$0.4000']) expect(text, seen).toContain(seen);
    expect(text.indexOf('Mar 2')).toBeLessThan(text.indexOf('Mar 1'));
    expect(html).toMatch(/href="\/api\/v1\/ledger\/export\.csv\?from=[^"]+&amp;provider=github" download/);
  });

  it('conversation: each question with its answer or its error', () => {
    const text = visibleText(renderPage(<ConversationPage conversationKey={conversation.key} />, [[['conversation'], conversation]]));
    for (const seen of ['octo/hello', '@agent ask why is CI red?', 'The arm64 runner is out of disk.', 'wall time limit reached', '1 min · $0.0200']) expect(text, seen).toContain(seen);
  });

  it('services: each component with its state and checks, the queue depths, what the agent runs', () => {
    const text = visibleText(renderPage(<ServicesPage />, [[['services'], services]]));
    for (const seen of ['api-gateway', 'degraded', 'credentials missing', 'unreachable', 'ECONNREFUSED', 'agent-tasks', '120', 'no answer from Redis within 3000 ms', ID, 'Runs 2 tasks at once', 'Open the queue board']) {
      expect(text, seen).toContain(seen);
    }
  });

  it('registry: agents, runners, commands with their usage and, for admins, their actions', () => {
    const admin = visibleText(renderPage(<RegistryPage isAdmin />, [[['registry'], registry], [['commands'], { items: commands }]]));
    for (const seen of ['coder', 'available', 'not available', 'help', 'built in', '--runner=claude', 'disabled', 'Enable', 'New command', 'qwen3-coder']) expect(admin, seen).toContain(seen);
    const viewer = visibleText(renderPage(<RegistryPage isAdmin={false} />, [[['registry'], registry], [['commands'], { items: commands }]]));
    expect(viewer).not.toContain('New command');
  });

  it('webhooks: the routes with their mapping, and actions for admins only', () => {
    const admin = visibleText(renderPage(<WebhooksPage isAdmin />, [[['webhooks'], { items: [webhook] }]]));
    for (const seen of ['pagerduty', '/webhooks/custom/pagerduty', 'text /incident/title', 'command fix', 'repository acme/api', 'enabled', 'Disable', 'Send a test', 'Rotate secret', 'New route']) {
      expect(admin, seen).toContain(seen);
    }
    const viewer = visibleText(renderPage(<WebhooksPage isAdmin={false} />, [[['webhooks'], { items: [] }]]));
    expect(viewer).toContain('No custom webhook route yet');
    expect(viewer).not.toContain('New route');
  });

  it('asks who you are when nobody is signed in, and frames every page once someone is', () => {
    expect(visibleText(renderPage(<LoginPage />, []))).toContain('Sign in');
    const signedOut = visibleText(renderPage(<App />, [[['session'], null]]));
    expect(signedOut).toContain('Password');
    const signedIn = visibleText(renderPage(<App />, [[['session'], adminSession], [['analytics'], series], [['tasks'], pages([])], [['services'], services]]));
    for (const seen of ['Overview', 'Tasks', 'Analytics', 'Ledger', 'Chat', 'Webhooks', 'Registry', 'Services', 'Ada', 'Sign out']) expect(signedIn, seen).toContain(seen);
  });
});
