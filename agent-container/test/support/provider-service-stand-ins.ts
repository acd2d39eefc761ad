import { startServiceStandIn } from './service-stand-in.js';

/** slack-service: messages (post, update), reactions, thread replies. */
export async function startSlackServiceStandIn(serviceToken: string) {
  const messages = new Map<string, { channel: string; ts: string; threadTs: string | null; text: string; botId: string | null; user: string | null }>();
  let clock = 1_700_000_000;
  const nextTs = () => `${clock++}.000100`;
  const shown = (message: { channel: string; ts: string; threadTs: string | null }) => ({ channel: message.channel, ts: message.ts, thread_ts: message.threadTs, continuation_ts: [], file: null });
  const service = await startServiceStandIn(serviceToken, [
    ['POST', /^\/api\/v1\/channels\/([^/]+)\/messages$/, (request, m) => {
      const message = { channel: m[1] ?? '', ts: nextTs(), threadTs: typeof request.body.thread_ts === 'string' ? request.body.thread_ts : null, text: String(request.body.text), botId: 'B0BOT', user: 'U0BOT' };
      messages.set(message.ts, message);
      return { status: 201, body: shown(message) };
    }],
    ['PATCH', /^\/api\/v1\/channels\/([^/]+)\/messages\/([^/]+)$/, (request, m) => {
      const message = messages.get(m[2] ?? '');
      if (!message) return { status: 404, body: { code: 'slack_message_not_found', message: 'Slack: message_not_found' } };
      message.text = String(request.body.text);
      return { status: 200, body: shown(message) };
    }],
    ['POST', /^\/api\/v1\/channels\/([^/]+)\/messages\/([^/]+)\/reactions$/, (request, m) => ({ status: 200, body: { channel: m[1], ts: m[2], name: request.body.name, already_reacted: false } })],
    ['POST', /^\/api\/v1\/command-responses$/, () => ({ status: 200, body: { parts: 1, truncated: false } })],
    ['GET', /^\/api\/v1\/channels\/([^/]+)\/messages\/([^/]+)\/replies$/, (_request, m) => {
      const thread = [...messages.values()].filter((message) => message.channel === m[1] && (message.ts === m[2] || message.threadTs === m[2]));
      const shownMessages = thread.map((message) => ({ ts: message.ts, thread_ts: message.threadTs, user: message.user, bot_id: message.botId, subtype: null, text: message.text, reply_count: null, files: [] }));
      return { status: 200, body: { channel: m[1], ts: m[2], messages: shownMessages, has_more: false, next_cursor: null } };
    }],
  ]);
  return {
    ...service,
    messages,
    /** A message a person wrote; returns its ts. */
    seedMessage(channel: string, text: string, user: string, threadTs?: string) {
      const ts = nextTs();
      messages.set(ts, { channel, ts, threadTs: threadTs ?? null, text, botId: null, user });
      return ts;
    },
  };
}

/** jira-service: issue details, comments (add, replace). */
export async function startJiraServiceStandIn(serviceToken: string) {
  const comments = new Map<string, { issueKey: string; body: string }>();
  let nextId = 10_000;
  const shown = (id: string, issueKey: string) => ({ id, issue_key: issueKey, url: `https://acme.atlassian.net/browse/${issueKey}?focusedCommentId=${id}`, created: '2026-01-01T00:00:00.000+0000', updated: '2026-01-01T00:00:00.000+0000' });
  const service = await startServiceStandIn(serviceToken, [
    ['GET', /^\/api\/v1\/issues\/([^/]+)$/, (_request, m) => ({
      status: 200,
      body: {
        key: m[1],
        id: '10002',
        url: `https://acme.atlassian.net/browse/${m[1]}`,
        summary: 'Checkout fails for EUR carts',
        description: 'Customers paying in EUR get a 500 at the last step.',
        status: { name: 'To Do', category: 'new' },
        issue_type: 'Bug',
        project_key: 'ED',
        labels: ['checkout'],
        assignee: null,
        reporter: { account_id: '5b10a2844c20165700ede21g', display_name: 'Mia Krystof' },
        priority: 'High',
        created: null,
        updated: null,
        links: [],
      },
    })],
    ['POST', /^\/api\/v1\/issues\/([^/]+)\/comments$/, (request, m) => {
      const id = String(nextId++);
      comments.set(id, { issueKey: m[1] ?? '', body: String(request.body.body) });
      return { status: 201, body: shown(id, m[1] ?? '') };
    }],
    ['PUT', /^\/api\/v1\/issues\/([^/]+)\/comments\/([^/]+)$/, (request, m) => {
      const comment = comments.get(m[2] ?? '');
      if (!comment) return { status: 404, body: { code: 'jira_not_found', message: 'Jira: comment not found' } };
      comment.body = String(request.body.body);
      return { status: 200, body: shown(m[2] ?? '', m[1] ?? '') };
    }],
  ]);
  return { ...service, comments };
}

/** sentry-service: issue details, the latest event, comments (add, edit). */
export async function startSentryServiceStandIn(serviceToken: string) {
  const comments: Array<{ id: string; issueId: string; text: string }> = [];
  let nextId = 4000;
  const shown = (comment: { id: string; text: string }) => ({ id: comment.id, text: comment.text, dateCreated: '2026-01-02T00:00:00Z', user: { id: '100', name: 'swe-ai-fleet' } });
  const service = await startServiceStandIn(serviceToken, [
    ['GET', /^\/api\/v1\/issues\/([^/]+)$/, (_request, m) => ({
      status: 200,
      body: { id: m[1], shortId: 'PUMP-STATION-1', title: "ZeroDivisionError: division by zero", culprit: 'pump.flow in rate', permalink: 'https://sentry.io/organizations/acme/issues/1/', status: 'unresolved', level: 'error', platform: 'python', count: 42, userCount: 7, numComments: 0, firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-02T00:00:00Z', project: { id: '2', slug: 'pump-station', name: 'Pump Station' }, assignedTo: null, metadata: {} },
    })],
    ['GET', /^\/api\/v1\/issues\/([^/]+)\/events\/latest$/, () => ({
      status: 200,
      body: {
        id: 'e1',
        eventID: '9999aaaaca8b46d797c23c6077c6ff01',
        groupID: '1',
        title: 'ZeroDivisionError: division by zero',
        message: null,
        platform: 'python',
        dateCreated: '2026-01-02T00:00:00Z',
        release: 'pump@1.4.2',
        environment: 'production',
        tags: [],
        exceptions: [
          {
            type: 'ZeroDivisionError',
            value: 'division by zero',
            module: null,
            mechanism: null,
            frames: [
              { filename: 'pump/flow.py', absPath: '/app/pump/flow.py', module: 'pump.flow', function: 'rate', lineNo: 12, colNo: null, inApp: true, context: [{ lineNo: 11, line: 'def rate(volume, seconds):' }, { lineNo: 12, line: '    return volume / seconds' }] },
            ],
          },
        ],
        request: null,
      },
    })],
    ['POST', /^\/api\/v1\/issues\/([^/]+)\/comments$/, (request, m) => {
      const comment = { id: String(nextId++), issueId: m[1] ?? '', text: String(request.body.text) };
      comments.push(comment);
      return { status: 201, body: shown(comment) };
    }],
    ['PUT', /^\/api\/v1\/issues\/([^/]+)\/comments\/([^/]+)$/, (request, m) => {
      const comment = comments.find((candidate) => candidate.id === m[2] && candidate.issueId === m[1]);
      if (!comment) return { status: 404, body: { code: 'sentry_not_found', message: 'Sentry: The requested resource does not exist' } };
      comment.text = String(request.body.text);
      return { status: 200, body: shown(comment) };
    }],
  ]);
  return { ...service, comments };
}
