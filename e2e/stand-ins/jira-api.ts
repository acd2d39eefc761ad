import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedJiraRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** What to do with one of the next requests: answer with `status` instead of the normal answer, and/or answer late. */
export interface JiraIntervention {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Hold the answer this long (longer than the client's timeout, to test timeouts). */
  delayMs?: number;
}

export interface JiraStandInIssue {
  key: string;
  id: string;
  fields: Record<string, unknown>;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

const ACCOUNT_ID = '5b10a2844c20165700ede21g';

/** Shapes and messages below follow Atlassian's REST v3 reference examples (developer.atlassian.com/cloud/jira/platform/rest/v3). */
const errorCollection = (status: number, ...errorMessages: string[]): Answer => ({ status, body: { errorMessages, errors: {} } });

/** Team-managed projects' default workflow: three statuses, a transition into each. */
const STATUSES = {
  '11': { id: '10000', name: 'To Do', category: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' } },
  '21': { id: '10001', name: 'In Progress', category: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' } },
  '31': { id: '10002', name: 'Done', category: { id: 3, key: 'done', colorName: 'green', name: 'Done' } },
} as const;
type TransitionId = keyof typeof STATUSES;

export function statusOf(transitionId: TransitionId, site: string) {
  const status = STATUSES[transitionId];
  return {
    self: `${site}/rest/api/3/status/${status.id}`,
    description: '',
    iconUrl: `${site}/images/icons/statuses/generic.png`,
    name: status.name,
    id: status.id,
    statusCategory: { self: `${site}/rest/api/3/statuscategory/${status.category.id}`, ...status.category },
  };
}

function author(site: string) {
  return { accountId: ACCOUNT_ID, active: true, displayName: 'Mia Krystof', self: `${site}/rest/api/3/user?accountId=${ACCOUNT_ID}` };
}

/** The issue of the reference's "Get issue" example (ED-1, its description and its two links), in status To Do. */
export function exampleIssue(site: string): JiraStandInIssue {
  return {
    key: 'ED-1',
    id: '10002',
    fields: {
      summary: 'Main order flow broken',
      description: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Main order flow broken' }] }] },
      status: statusOf('11', site),
      issuetype: { id: '10001', name: 'Bug', subtask: false, self: `${site}/rest/api/3/issuetype/10001` },
      project: { id: '10000', key: 'ED', name: 'Example', self: `${site}/rest/api/3/project/ED` },
      labels: [],
      assignee: null,
      reporter: author(site),
      priority: { id: '2', name: 'High', self: `${site}/rest/api/3/priority/2` },
      created: '2021-01-17T12:34:00.000+0000',
      updated: '2021-01-18T23:45:00.000+0000',
      issuelinks: [
        {
          id: '10001',
          outwardIssue: { fields: { status: { iconUrl: `${site}/images/icons/statuses/open.png`, name: 'Open' } }, id: '10004L', key: 'PR-2', self: `${site}/rest/api/3/issue/PR-2` },
          type: { id: '10000', inward: 'depends on', name: 'Dependent', outward: 'is depended by' },
        },
        {
          id: '10002',
          inwardIssue: { fields: { status: { iconUrl: `${site}/images/icons/statuses/open.png`, name: 'Open' } }, id: '10004', key: 'PR-3', self: `${site}/rest/api/3/issue/PR-3` },
          type: { id: '10000', inward: 'depends on', name: 'Dependent', outward: 'is depended by' },
        },
      ],
    },
  };
}

function isAdfDocument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && 'type' in value && value.type === 'doc' && 'version' in value && value.version === 1 && 'content' in value && Array.isArray(value.content);
}

/** The JQL this stand-in understands: `field = value` clauses joined by AND, then ORDER BY. */
function matchJql(jql: string): ((issue: JiraStandInIssue) => boolean) | string {
  const [where = ''] = jql.split(/\s+ORDER\s+BY\s+/i);
  const clauses = where.trim() === '' ? [] : where.split(/\s+AND\s+/i);
  const tests: ((issue: JiraStandInIssue) => boolean)[] = [];
  for (const clause of clauses) {
    const match = /^\s*(project|key|status)\s*=\s*"?([^"]+?)"?\s*$/i.exec(clause);
    if (!match) return `Error in the JQL Query: Expecting operator but got '${clause.trim().split(/\s+/)[1] ?? 'end of query'}'. (line 1, character 1)`;
    const [, field = '', value = ''] = match;
    const wanted = value.toLowerCase();
    tests.push((issue) => {
      if (field.toLowerCase() === 'key') return issue.key.toLowerCase() === wanted;
      if (field.toLowerCase() === 'project') return issue.key.toLowerCase().startsWith(`${wanted}-`);
      const status = issue.fields.status as { name?: string } | undefined;
      return status?.name?.toLowerCase() === wanted;
    });
  }
  return (issue) => tests.every((test) => test(issue));
}

/**
 * A local stand-in for a Jira Cloud site's REST API v3: checks basic auth (email + API token),
 * records every request, keeps issues, comments and statuses in memory, and answers with the
 * shapes and error documents of Atlassian's reference. `intervene` queues failures (5xx, 429
 * with Retry-After) and slow answers for the next requests.
 */
export async function startJiraStandIn(options: { email?: string; apiToken?: string } = {}) {
  const requests: RecordedJiraRequest[] = [];
  const interventions: JiraIntervention[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const issues = new Map<string, JiraStandInIssue>();
  const comments = new Map<string, { id: string; issueKey: string; body: unknown; created: string; updated: string }>();
  let credentials = { email: options.email ?? 'agent@example.com', apiToken: options.apiToken ?? 'jira-api-token' };
  let nextCommentId = 10_000;
  let site = '';

  const findIssue = (key: string) => issues.get(key.toUpperCase()) ?? [...issues.values()].find((issue) => issue.id === key);
  const commentJson = (comment: { id: string; issueKey: string; body: unknown; created: string; updated: string }) => ({
    self: `${site}/rest/api/3/issue/${findIssue(comment.issueKey)?.id ?? comment.issueKey}/comment/${comment.id}`,
    id: comment.id,
    author: author(site),
    body: comment.body,
    updateAuthor: author(site),
    created: comment.created,
    updated: comment.updated,
    jsdPublic: true,
  });
  const notFound = errorCollection(404, 'Issue does not exist or you do not have permission to see it.');

  const route = (method: string, path: string, query: Record<string, string>, body: Record<string, unknown>): Answer => {
    if (method === 'GET' && path === '/rest/api/3/myself') {
      return {
        status: 200,
        body: { self: `${site}/rest/api/3/user?accountId=${ACCOUNT_ID}`, accountId: ACCOUNT_ID, accountType: 'atlassian', emailAddress: credentials.email, displayName: 'Mia Krystof', active: true, timeZone: 'Australia/Sydney', locale: 'en_US' },
      };
    }
    if (method === 'POST' && path === '/rest/api/3/search/jql') {
      const matcher = matchJql(typeof body.jql === 'string' ? body.jql : '');
      if (typeof matcher === 'string') return errorCollection(400, matcher);
      const matching = [...issues.values()].filter(matcher);
      const start = Number(body.nextPageToken ?? 0) || 0;
      const size = typeof body.maxResults === 'number' ? body.maxResults : 50;
      const page = matching.slice(start, start + size);
      const more = start + size < matching.length;
      return { status: 200, body: { issues: page.map((issue) => ({ expand: '', id: issue.id, key: issue.key, self: `${site}/rest/api/3/issue/${issue.id}`, fields: issue.fields })), isLast: !more, ...(more ? { nextPageToken: String(start + size) } : {}) } };
    }
    const match = /^\/rest\/api\/3\/issue\/([^/]+)(?:\/(comment|transitions)(?:\/([^/]+))?)?$/.exec(path);
    if (!match) return errorCollection(404, `null for uri: ${site}${path}`);
    const [, key = '', resource, resourceId] = match;
    const issue = findIssue(decodeURIComponent(key));
    if (!issue) return notFound;
    if (method === 'GET' && !resource) {
      const wanted = query.fields?.split(',');
      const fields = wanted ? Object.fromEntries(Object.entries(issue.fields).filter(([name]) => wanted.includes(name))) : issue.fields;
      return { status: 200, body: { expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations', id: issue.id, key: issue.key, self: `${site}/rest/api/3/issue/${issue.id}`, fields } };
    }
    if (resource === 'comment' && (method === 'POST' || method === 'PUT')) {
      if (!isAdfDocument(body.body)) return { status: 400, body: { errorMessages: [], errors: { comment: 'Comment body is not valid!' } } };
      const now = new Date().toISOString().replace('Z', '+0000');
      if (method === 'POST' && !resourceId) {
        const comment = { id: String(nextCommentId++), issueKey: issue.key, body: body.body, created: now, updated: now };
        comments.set(comment.id, comment);
        return { status: 201, body: commentJson(comment) };
      }
      const existing = resourceId ? comments.get(resourceId) : undefined;
      if (!existing || existing.issueKey !== issue.key) return errorCollection(404, `Can not find a comment for the id: ${resourceId ?? ''}.`);
      Object.assign(existing, { body: body.body, updated: now });
      return { status: 200, body: commentJson(existing) };
    }
    if (resource === 'transitions' && method === 'GET') {
      const transitions = Object.entries(STATUSES).map(([id, status]) => ({ id, name: status.name, to: statusOf(id as TransitionId, site), hasScreen: false, isGlobal: true, isInitial: false, isAvailable: true, isConditional: false, isLooped: false }));
      return { status: 200, body: { expand: 'transitions', transitions } };
    }
    if (resource === 'transitions' && method === 'POST') {
      const id = (body.transition as { id?: unknown } | undefined)?.id;
      if (typeof id !== 'string' || !(id in STATUSES)) return errorCollection(400, `Transition id '${String(id)}' is not valid for this issue.`);
      issue.fields.status = statusOf(id as TransitionId, site);
      return { status: 204 };
    }
    return { status: 405, body: { errorMessages: [`Method ${method} is not allowed here.`], errors: {} } };
  };

  const authorized = (header: string | undefined) =>
    header === `Basic ${Buffer.from(`${credentials.email}:${credentials.apiToken}`).toString('base64')}`;

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      const url = new URL(req.url ?? '/', site);
      const method = req.method ?? 'GET';
      requests.push({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers, body: raw ? body : undefined });
      const intervention = interventions.shift();
      const answer: Answer =
        intervention?.status !== undefined
          ? { status: intervention.status, body: intervention.body, headers: intervention.headers }
          : authorized(req.headers.authorization)
            ? route(method, url.pathname, Object.fromEntries(url.searchParams), body)
            : { status: 401, body: { message: 'Client must be authenticated to access this resource.', 'status-code': 401 } };
      const send = () => {
        if (res.destroyed) return;
        const payload = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
        const type = typeof answer.body === 'string' ? 'text/plain;charset=UTF-8' : 'application/json;charset=UTF-8';
        res.writeHead(answer.status, { ...(payload ? { 'content-type': type } : {}), 'x-arequestid': `stand-in-${requests.length}`, ...answer.headers });
        res.end(payload);
      };
      if (!intervention?.delayMs) return send();
      const timer = setTimeout(() => {
        timers.delete(timer);
        send();
      }, intervention.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  site = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const first = exampleIssue(site);
  issues.set(first.key, first);

  return {
    url: site,
    requests,
    issues,
    /** Queue interventions for the next requests, one each, in order. */
    intervene(...next: JiraIntervention[]) {
      interventions.push(...next);
    },
    /** The basic-auth credentials the site accepts from now on (an API token rotated at Atlassian). */
    acceptCredentials(email: string, apiToken: string) {
      credentials = { email, apiToken };
    },
    addIssue(issue: JiraStandInIssue) {
      issues.set(issue.key.toUpperCase(), issue);
    },
    comment(id: string) {
      return comments.get(id);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export type JiraStandIn = Awaited<ReturnType<typeof startJiraStandIn>>;
