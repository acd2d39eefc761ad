// A local stand-in for Sentry's REST API (https://sentry.io/api/0/...). It answers with the shapes
// Sentry documents (getsentry/sentry-api-schema: "Retrieve an Issue", "Update an Issue", "Retrieve
// the Latest Event for an Issue"; GroupNotesEndpoint and GroupNotesDetailsEndpoint for comments; the API index) and Sentry's
// error bodies (`{ "detail": ... }`, DRF field errors), records every request, and can be told to
// fail or stall the next requests (5xx, 429 with Retry-After, slow answers for timeouts).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedSentryRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
  /** Date.now() when the request arrived, to check waits between retries. */
  receivedAt: number;
}

/** What the next request gets instead of its normal answer; without `status`, only the delay applies. */
export interface SentryFault {
  status?: number;
  /** A string is sent as text/html (a proxy's error page); anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const NOT_FOUND = { detail: 'The requested resource does not exist' };
const STATUSES = new Set(['resolved', 'resolvedInNextRelease', 'unresolved', 'ignored']);

function defaultErrorBody(status: number): unknown {
  if (status === 401) return { detail: 'Invalid token' };
  if (status === 403) return { detail: 'You do not have permission to perform this action.' };
  if (status === 404) return NOT_FOUND;
  if (status === 429) return { detail: 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds' };
  return { detail: 'Internal Error' };
}

/** The documented example event ("Retrieve the Latest Event for an Issue"), trimmed to two frames. */
function exampleEvent(groupId: string) {
  return {
    id: '9999aaafcc8b46d797c23c6077c6ff01',
    eventID: '9999aaaaca8b46d797c23c6077c6ff01',
    groupID: groupId,
    title: 'This is an example Python exception',
    message: '',
    platform: 'javascript',
    type: 'error',
    dateCreated: '2020-06-17T22:26:56.098086Z',
    dateReceived: '2020-06-17T22:26:56.428721Z',
    metadata: { type: 'ForbiddenError', value: 'GET /organizations/hellboy-meowmeow/users/ 403' },
    tags: [
      { key: 'browser', value: 'Chrome 83.0.4103', _meta: null },
      { key: 'environment', value: 'prod', _meta: null },
      { key: 'handled', value: 'yes', _meta: null },
      { key: 'level', value: 'error', _meta: null },
    ],
    entries: [
      {
        type: 'exception',
        data: {
          values: [
            {
              type: 'ForbiddenError',
              value: 'GET /organizations/hellboy-meowmeow/users/ 403',
              module: null,
              mechanism: { type: 'generic', handled: true },
              threadId: null,
              stacktrace: {
                frames: [
                  {
                    function: 'apply', errors: null, colNo: 24, vars: null, package: null, inApp: false, lineNo: 74,
                    absPath: 'webpack:////usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods.js',
                    module: 'usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods',
                    filename: '/usr/src/getsentry/src/sentry/node_modules/reflux-core/lib/PublisherMethods.js',
                    context: [[73, '        _.nextTick(function () {'], [74, '            me.trigger.apply(me, args);'], [75, '        });']],
                  },
                  {
                    function: 'ignoreOnError', errors: null, colNo: 23, vars: null, package: null, inApp: false, lineNo: 71,
                    absPath: 'webpack:////usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js',
                    module: 'usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers',
                    filename: '/usr/src/getsentry/src/sentry/node_modules/@sentry/browser/esm/helpers.js',
                    context: [[70, '            //       is expected behavior and NOT indicative of a bug with sentry.javascript.'], [71, '            return fn.apply(this, wrappedArguments);'], [72, '            // tslint:enable:no-unsafe-any']],
                  },
                ],
                framesOmitted: null,
                registers: null,
                hasSystemFrames: true,
              },
            },
          ],
          excOmitted: null,
          hasSystemFrames: true,
        },
      },
      { type: 'breadcrumbs', data: { values: [{ category: 'xhr', level: 'info', timestamp: '2020-06-17T22:26:55.619446Z', type: 'http', data: { url: '/api/0/internal/health/', status_code: 200, method: 'GET' } }] } },
      { type: 'request', data: { url: 'https://sentry.io/organizations/hellboy-meowmeow/issues/', method: null, query: [['project', '5236886']], headers: [] } },
    ],
    release: { version: 'b65bc521378269d3eaefdc964f8ef56621414943', shortVersion: 'b65bc52', dateCreated: '2020-06-17T18:45:31.042157Z' },
    sdk: { version: '5.17.0', name: 'sentry.javascript.browser' },
  };
}

export async function startSentryStandIn(options: { organization?: string; tokens?: string[] } = {}) {
  const organization = { id: '1', slug: options.organization ?? 'acme', name: 'Acme', status: { id: 'active', name: 'active' }, dateCreated: '2018-11-06T21:19:55.101Z' };
  const tokens = new Set(options.tokens ?? ['sntrys_stand_in_token']);
  const botUser = { id: '100', name: 'swe-ai-fleet', username: 'swe-ai-fleet', email: 'swe-ai-fleet@example.com' };
  const users = [{ id: '1', name: 'Jane Doe', username: 'jane', email: 'jane@example.com' }, botUser];
  const teams = [{ id: '3', slug: 'backend', name: 'Backend' }];
  // From the documented "Retrieve an Issue" example; status and assignee change with PUTs.
  const issue = {
    id: '1', shortId: 'PUMP-STATION-1', title: 'This is an example Python exception', culprit: 'raven.scripts.runner in main',
    permalink: 'https://sentry.io/the-interstellar-jurisdiction/pump-station/issues/1/', level: 'error', logger: null, type: 'default',
    status: 'unresolved', statusDetails: {}, isPublic: false, isBookmarked: false, isSubscribed: true, hasSeen: false, platform: 'python',
    count: '1', userCount: 0, numComments: 0, firstSeen: '2018-11-06T21:19:55Z', lastSeen: '2018-11-06T21:19:55Z',
    metadata: { title: 'This is an example Python exception' }, project: { id: '2', name: 'Pump Station', slug: 'pump-station' },
    assignedTo: null as null | Record<string, string>, annotations: [], shareId: null, subscriptionDetails: null,
  };
  const notes: { id: string; user: typeof botUser; type: 'note'; data: { text: string }; dateCreated: string }[] = [];
  const requests: RecordedSentryRequest[] = [];
  const faults: SentryFault[] = [];
  let nextNoteId = 4000;

  const resolveActor = (value: string): Record<string, string> | 'invalid' | null => {
    if (!value) return null;
    const [kind, id] = value.includes(':') ? value.split(':', 2) : ['user', value];
    if (kind === 'team') {
      const team = teams.find((candidate) => candidate.id === id);
      return team ? { type: 'team', id: team.id, name: team.slug } : 'invalid';
    }
    const user = users.find((candidate) => [candidate.id, candidate.username, candidate.email].includes(id ?? ''));
    return user ? { type: 'user', id: user.id, name: user.name, email: user.email } : 'invalid';
  };

  const authenticate = (headers: IncomingMessage['headers']): Answer | null => {
    const header = headers.authorization;
    if (!header) return { status: 401, body: { detail: 'Authentication credentials were not provided.' } };
    const token = /^Bearer (.+)$/.exec(header)?.[1];
    return token && tokens.has(token) ? null : { status: 401, body: { detail: 'Invalid token' } };
  };

  const route = (method: string, path: string, headers: IncomingMessage['headers'], body: Record<string, unknown>): Answer => {
    // The API index answers anyone; a token, when sent, must be valid (DRF authenticates first).
    if (path === '/api/0/') return (headers.authorization && authenticate(headers)) || { status: 200, body: { version: '0', auth: null, user: null } };
    const denied = authenticate(headers);
    if (denied) return denied;
    const orgMatch = /^\/api\/0\/organizations\/([^/]+)\/$/.exec(path);
    if (orgMatch && method === 'GET') return orgMatch[1] === organization.slug ? { status: 200, body: organization } : { status: 404, body: NOT_FOUND };
    const issueMatch = /^\/api\/0\/(?:organizations\/([^/]+)\/)?issues\/([^/]+)\/(.*)$/.exec(path);
    if (!issueMatch) return { status: 404, body: NOT_FOUND };
    const [, org, issueId, rest] = issueMatch;
    if ((org !== undefined && org !== organization.slug) || (issueId !== issue.id && issueId !== issue.shortId)) return { status: 404, body: NOT_FOUND };

    if (rest === '' && method === 'GET') return { status: 200, body: { ...issue, activity: [], seenBy: [], participants: [], stats: {} } };
    if (rest === '' && method === 'PUT') {
      if (body.status !== undefined && !STATUSES.has(String(body.status))) return { status: 400, body: { status: [`"${String(body.status)}" is not a valid choice.`] } };
      if (body.assignedTo !== undefined) {
        const actor = resolveActor(String(body.assignedTo ?? ''));
        if (actor === 'invalid') return { status: 400, body: { assignedTo: ['Unknown actor input'] } };
        issue.assignedTo = actor;
      }
      if (typeof body.status === 'string') issue.status = body.status;
      return { status: 200, body: issue };
    }
    if (rest === 'events/latest/' && method === 'GET') return { status: 200, body: exampleEvent(issue.id) };
    if (rest === 'comments/' && method === 'GET') return { status: 200, body: notes };
    if (rest === 'comments/' && method === 'POST') {
      const text = typeof body.text === 'string' ? body.text : '';
      if (!text.trim()) return { status: 400, body: { text: [body.text === undefined ? 'This field is required.' : 'This field may not be blank.'] } };
      if (notes.some((note) => note.data.text === text)) return { status: 400, body: { detail: 'You have already posted that comment.' } };
      const note = { id: String(nextNoteId++), user: botUser, type: 'note' as const, data: { text }, dateCreated: new Date().toISOString() };
      notes.push(note);
      issue.numComments += 1;
      return { status: 201, body: note };
    }
    const noteMatch = /^comments\/([^/]+)\/$/.exec(rest ?? '');
    if (noteMatch && method === 'PUT') {
      // GroupNotesDetailsEndpoint: only the caller's own note of this issue; anything else is 404.
      const noteId = noteMatch[1] ?? '';
      const note = notes.find((candidate) => candidate.id === noteId && candidate.user.id === botUser.id);
      if (!note) return { status: 404, body: NOT_FOUND };
      const text = typeof body.text === 'string' ? body.text : '';
      if (!text.trim()) return { status: 400, body: { text: [body.text === undefined ? 'This field is required.' : 'This field may not be blank.'] } };
      note.data = { ...note.data, text };
      return { status: 200, body: note };
    }
    return { status: 405, body: { detail: `Method "${method}" not allowed.` } };
  };

  const send = (res: ServerResponse, answer: Answer) => {
    if (res.destroyed) return;
    const html = typeof answer.body === 'string';
    const reset = String(Math.ceil(Date.now() / 1000) + 1);
    res.writeHead(answer.status, {
      'content-type': html ? 'text/html' : 'application/json',
      'x-sentry-rate-limit-limit': '40',
      'x-sentry-rate-limit-remaining': answer.status === 429 ? '0' : '39',
      'x-sentry-rate-limit-reset': reset,
      ...answer.headers,
    });
    res.end(html ? String(answer.body) : JSON.stringify(answer.body));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const method = req.method ?? 'GET';
      let body: Record<string, unknown> = {};
      let parseError: Answer | null = null;
      try {
        body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      } catch (error) {
        parseError = { status: 400, body: { detail: `JSON parse error - ${(error as Error).message}` } };
      }
      requests.push({ method, path, headers: req.headers, body: parseError ? raw : body, receivedAt: Date.now() });
      const fault = faults.shift();
      const answer = (): Answer => {
        if (fault?.status !== undefined) return { status: fault.status, body: fault.body ?? defaultErrorBody(fault.status), headers: fault.headers };
        return parseError ?? route(method, path, req.headers, body);
      };
      if (fault?.delayMs) setTimeout(() => send(res, answer()), fault.delayMs);
      else send(res, answer());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    organization: organization.slug,
    /** Tokens Sentry accepts; add or delete to mint or revoke. */
    tokens,
    issue,
    notes,
    requests,
    /** Recorded requests whose path contains `pathPart`. */
    callsTo: (pathPart: string) => requests.filter((request) => request.path.includes(pathPart)),
    failNext(...next: SentryFault[]) {
      faults.push(...next);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type SentryStandIn = Awaited<ReturnType<typeof startSentryStandIn>>;
