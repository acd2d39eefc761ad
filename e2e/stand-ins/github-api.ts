import { execFileSync, spawn } from 'node:child_process';
import { type KeyObject, createPublicKey, randomBytes, verify } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface StandInResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Hold the answer this long (longer than the client's timeout, to test timeouts). */
  delayMs?: number;
}

export interface GithubStandInOptions {
  /** A GitHub App whose RS256 JWTs (`iss` = id) the `/app` routes accept, verified with `publicKey`. */
  app?: { id: number; slug?: string; publicKey: KeyObject | string; installationId?: number };
}

/** A git request (smart HTTP) as the stand-in received it. */
export interface RecordedGitRequest {
  method: string;
  /** `/owner/repo.git/info/refs`, `/owner/repo.git/git-upload-pack`, ... */
  path: string;
  /** `git-upload-pack` (clone, fetch) or `git-receive-pack` (push). */
  service: string | null;
  /** The password of the Basic credentials (`x-access-token:<token>`), or null. */
  token: string | null;
}

const GIT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const GIT_PATH = /^\/([^/]+)\/([^/]+)\.git(\/.*)$/;

/** The token of `Authorization: Basic base64(x-access-token:<token>)`, as git sends it to GitHub. */
function basicToken(authorization: string | undefined): string | null {
  const match = /^basic (.+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  return separator > 0 && decoded.slice(separator + 1) ? decoded.slice(separator + 1) : null;
}

/** Runs `git http-backend` (git's CGI program for smart HTTP) for one request and relays its answer. */
function serveGit(req: IncomingMessage, res: ServerResponse, env: Record<string, string>): void {
  const child = spawn('git', ['http-backend'], { env, stdio: ['pipe', 'pipe', 'ignore'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.on('close', () => {
    const output = Buffer.concat(chunks);
    const end = output.indexOf('\r\n\r\n');
    if (end < 0) return void res.writeHead(500).end('git http-backend wrote no headers');
    const headers: Record<string, string> = {};
    let status = 200;
    for (const line of output.subarray(0, end).toString('latin1').split('\r\n')) {
      const colon = line.indexOf(':');
      const [name, value] = [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
      if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
      else if (name) headers[name] = value;
    }
    res.writeHead(status, headers).end(output.subarray(end + 4));
  });
  req.pipe(child.stdin);
}

export interface PullRequestSeed {
  title?: string;
  body?: string | null;
  head?: string;
  base?: string;
  draft?: boolean;
  diff?: string;
  files?: Array<{ filename: string; status?: string; additions?: number; deletions?: number; patch?: string }>;
}

/**
 * Recorded bodies from @octokit/fixtures (real api.github.com answers, normalized); the other
 * shapes below follow the examples of GitHub's REST reference (docs.github.com/rest).
 */
const fixtures = createRequire(import.meta.url);
type Json = Record<string, unknown>;
function recorded(scenario: string, index: number): Json {
  const entries: unknown = fixtures(`@octokit/fixtures/scenarios/api.github.com/${scenario}/normalized-fixture.json`);
  const entry = Array.isArray(entries) ? (entries[index] as { response?: unknown } | undefined) : undefined;
  if (!entry || typeof entry.response !== 'object' || entry.response === null) throw new Error(`no fixture ${scenario}[${index}]`);
  return structuredClone(entry.response) as Json;
}

const DOCS = 'https://docs.github.com/rest';
const notFound = (): StandInResponse => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });
const user = (login: string, type = 'User') => ({ login, id: 1, node_id: 'MDQ6VXNlcjE=', type, site_admin: false, html_url: `https://github.com/${login}` });
const BOT = user('swe-fleet[bot]', 'Bot');
type StoredPull = PullRequestSeed & { number: number; repo: string };

function verifyJwt(authorization: string | undefined, app: NonNullable<GithubStandInOptions['app']>): boolean {
  const match = /^bearer (.+)\.(.+)\.(.+)$/i.exec(authorization ?? '');
  if (!match?.[1] || !match[2] || !match[3]) return false;
  const key = typeof app.publicKey === 'string' ? createPublicKey(app.publicKey) : app.publicKey;
  if (!verify('RSA-SHA256', Buffer.from(`${match[1]}.${match[2]}`), key, Buffer.from(match[3], 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(match[2], 'base64url').toString('utf8')) as { iss?: unknown; exp?: unknown };
  return String(claims.iss) === String(app.id) && typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
}

/**
 * A local stand-in for api.github.com: records every request and answers with GitHub's JSON
 * shapes, keeping comments and pull requests it was asked to create. `failNext` queues answers
 * that replace the next ones (errors, rate limits, slow answers) to test retries and mapping.
 * It also serves the repositories over git's smart HTTP (`<url>/<owner>/<repo>.git`, the
 * `clone_url` it reports), with GitHub's `x-access-token` Basic credentials, as GitHub
 * Enterprise Server serves its API and its git on one host.
 */
export async function startGithubStandIn(options: GithubStandInOptions = {}) {
  const requests: RecordedRequest[] = [];
  const queuedFailures: StandInResponse[] = [];
  const comments = new Map<number, Json & { issue: string }>();
  const pulls = new Map<string, StoredPull>();
  const repos = new Map<string, { default_branch: string; private: boolean }>();
  const permissions = new Map<string, string>();
  const installationTokens = new Set<string>();
  const gitRequests: RecordedGitRequest[] = [];
  // Every repository can be cloned and pushed to over HTTP, like GitHub's: created on first use
  // (one commit on its default branch) unless seeded with files first.
  const gitRoot = mkdtempSync(path.join(tmpdir(), 'github-stand-in-git-'));
  let nextId = 1000;
  let url = '';

  const repoOf = (owner: string, name: string) => repos.get(`${owner}/${name}`) ?? { default_branch: 'main', private: false };

  const repository = (owner: string, name: string): Json => {
    const seeded = repoOf(owner, name);
    const body = recorded('get-repository', 0);
    return {
      ...body,
      name,
      full_name: `${owner}/${name}`,
      owner: { ...(body.owner as Json), login: owner },
      html_url: `https://github.com/${owner}/${name}`,
      url: `${url}/repos/${owner}/${name}`,
      clone_url: `${url}/${owner}/${name}.git`,
      default_branch: seeded.default_branch,
      private: seeded.private,
      visibility: seeded.private ? 'private' : 'public',
    };
  };

  const issue = (owner: string, name: string, number: number): Json => {
    const pull = pulls.get(`${owner}/${name}#${number}`);
    const labelShape = (recorded('add-labels-to-issue', 1) as unknown as Json[])[0] ?? {};
    return {
      ...recorded('add-labels-to-issue', 0),
      url: `${url}/repos/${owner}/${name}/issues/${number}`,
      html_url: `https://github.com/${owner}/${name}/${pull ? 'pull' : 'issues'}/${number}`,
      number,
      title: pull?.title ?? 'Found a bug',
      body: pull ? (pull.body ?? null) : "I'm having a problem with this.",
      labels: [{ ...labelShape, name: 'bug' }],
      ...(pull ? { pull_request: { url: `${url}/repos/${owner}/${name}/pulls/${number}`, html_url: `https://github.com/${owner}/${name}/pull/${number}`, merged_at: null } } : {}),
    };
  };

  const pullRequest = (owner: string, name: string, pull: StoredPull): Json => {
    const branch = (ref: string) => ({ label: `${owner}:${ref}`, ref, sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', user: user(owner), repo: repository(owner, name) });
    return {
      url: `${url}/repos/${owner}/${name}/pulls/${pull.number}`,
      id: pull.number + 1_000_000,
      html_url: `https://github.com/${owner}/${name}/pull/${pull.number}`,
      diff_url: `https://github.com/${owner}/${name}/pull/${pull.number}.diff`,
      number: pull.number,
      state: 'open',
      locked: false,
      title: pull.title ?? 'Amazing new feature',
      user: user('octocat'),
      body: pull.body ?? 'Please pull these awesome changes in!',
      labels: [],
      created_at: '2011-01-26T19:01:12Z',
      updated_at: '2011-01-26T19:01:12Z',
      head: branch(pull.head ?? 'new-topic'),
      base: branch(pull.base ?? repoOf(owner, name).default_branch),
      author_association: 'OWNER',
      draft: pull.draft ?? false,
      merged: false,
      mergeable: true,
      mergeable_state: 'clean',
      comments: 10,
      review_comments: 0,
      maintainer_can_modify: true,
      commits: 3,
      additions: (pull.files ?? []).reduce((sum, file) => sum + (file.additions ?? 1), 0),
      deletions: (pull.files ?? []).reduce((sum, file) => sum + (file.deletions ?? 0), 0),
      changed_files: (pull.files ?? []).length,
    };
  };

  /** GitHub's pagination: `per_page` (at most 100) and `page`, with a Link header to the next and last pages. */
  const page = (path: string, query: Record<string, string>, items: unknown[]): StandInResponse => {
    const perPage = Math.min(Number(query.per_page ?? 30), 100);
    const current = Number(query.page ?? 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (n: number) => `<${url}${path}?per_page=${perPage}&page=${n}>`;
    const links = current < last ? [`${link(current + 1)}; rel="next"`, `${link(last)}; rel="last"`] : [];
    return { status: 200, body: items.slice((current - 1) * perPage, current * perPage), headers: links.length ? { link: links.join(', ') } : {} };
  };

  const comment = (owner: string, name: string, number: number, body: unknown, author = BOT): Json & { issue: string } => {
    const id = nextId++;
    const now = new Date().toISOString();
    const created = {
      id,
      node_id: `IC_${id}`,
      url: `${url}/repos/${owner}/${name}/issues/comments/${id}`,
      html_url: `https://github.com/${owner}/${name}/issues/${number}#issuecomment-${id}`,
      body,
      user: author,
      created_at: now,
      updated_at: now,
      author_association: author === BOT ? 'NONE' : 'OWNER',
      issue: `${owner}/${name}#${number}`,
    };
    comments.set(id, created);
    return created;
  };
  const shown = ({ issue: _issue, ...rest }: Json & { issue: string }) => rest;

  const authorized = (method: string, path: string, headers: IncomingMessage['headers']): StandInResponse | null => {
    const app = options.app;
    const needsJwt = /^\/app(\/|$)/.test(path) || /^\/repos\/[^/]+\/[^/]+\/installation$/.test(path);
    if (needsJwt) {
      if (app && verifyJwt(headers.authorization, app)) return null;
      return { status: 401, body: { message: 'A JSON web token could not be decoded', documentation_url: DOCS } };
    }
    const token = /^token (.+)$/i.exec(headers.authorization ?? '')?.[1];
    if (app && token?.startsWith('ghs_') && !installationTokens.has(token)) return { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } };
    if (!token && !(method === 'GET' && path === '/rate_limit')) return { status: 401, body: { message: 'Requires authentication', documentation_url: DOCS } };
    return null;
  };

  const route = (method: string, path: string, query: Record<string, string>, headers: IncomingMessage['headers'], body: Json): StandInResponse => {
    const refused = authorized(method, path, headers);
    if (refused) return refused;
    const app = options.app;
    if (method === 'GET' && path === '/rate_limit') {
      const core = { limit: 5000, used: 1, remaining: 4999, reset: Math.floor(Date.now() / 1000) + 3600 };
      return { status: 200, body: { resources: { core, search: { ...core, limit: 30, remaining: 30, used: 0 } }, rate: core } };
    }
    if (method === 'GET' && path === '/user') return { status: 200, body: { ...user('octocat'), name: 'monalisa octocat' } };
    if (method === 'GET' && path === '/app' && app) {
      const slug = app.slug ?? 'swe-fleet';
      return { status: 200, body: { id: app.id, slug, name: 'SWE Fleet', owner: user('octo-org', 'Organization'), permissions: { issues: 'write', pull_requests: 'write', contents: 'write' }, events: ['issue_comment'] } };
    }
    let m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path);
    if (method === 'POST' && m && app) {
      if (app.installationId !== undefined && Number(m[1]) !== app.installationId) return notFound();
      const token = `ghs_${randomBytes(18).toString('hex')}`;
      installationTokens.add(token);
      const expiresAt = new Date(Date.now() + 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
      return { status: 201, body: { token, expires_at: expiresAt, permissions: { issues: 'write', contents: 'write', pull_requests: 'write' }, repository_selection: 'all' } };
    }
    m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
    if (!m?.[1] || !m[2]) return notFound();
    const [owner, name, rest = ''] = [m[1], m[2], m[3]];
    if (method === 'GET' && rest === '') return { status: 200, body: repository(owner, name) };
    if (method === 'GET' && rest === '/installation' && app) {
      return { status: 200, body: { id: app.installationId ?? 4242, app_id: app.id, app_slug: app.slug ?? 'swe-fleet', target_type: 'Organization', account: user(owner, 'Organization'), repository_selection: 'all' } };
    }
    if ((m = /^\/collaborators\/([^/]+)\/permission$/.exec(rest)) && method === 'GET' && m[1]) {
      const role = permissions.get(`${owner}/${name}/${m[1]}`) ?? 'read';
      const permission = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
      return { status: 200, body: { permission, role_name: role, user: { ...user(m[1]), permissions: { admin: role === 'admin', push: permission !== 'read', pull: true } } } };
    }
    if ((m = /^\/issues\/(\d+)$/.exec(rest)) && method === 'GET') return { status: 200, body: issue(owner, name, Number(m[1])) };
    if ((m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      if (method === 'POST') return { status: 201, body: shown(comment(owner, name, Number(m[1]), body.body)) };
      const thread = [...comments.values()].filter((entry) => entry.issue === `${owner}/${name}#${m?.[1]}`).map(shown);
      if (method === 'GET') return page(path, query, thread);
    }
    if ((m = /^\/issues\/comments\/(\d+)$/.exec(rest))) {
      const id = Number(m[1]);
      const existing = comments.get(id);
      if (method === 'PATCH') {
        const updated = { ...(existing ?? { id, issue: `${owner}/${name}#1`, html_url: `https://github.com/${owner}/${name}/issues/1#issuecomment-${id}`, user: BOT }), body: body.body, updated_at: new Date().toISOString() };
        comments.set(id, updated);
        return { status: 200, body: shown(updated) };
      }
      if (method === 'DELETE') return comments.delete(id) ? { status: 204, body: null } : notFound();
    }
    if (method === 'POST' && /\/reactions$/.test(rest)) return { status: 201, body: { id: nextId++, node_id: 'MDg6UmVhY3Rpb24x', user: BOT, content: body.content, created_at: new Date().toISOString() } };
    if ((m = /^\/pulls\/(\d+)(\/files)?$/.exec(rest)) && method === 'GET') {
      const pull = pulls.get(`${owner}/${name}#${m[1]}`);
      if (!pull) return notFound();
      if (m[2]) {
        const files = (pull.files ?? []).map((file, index) => ({
          sha: 'bbcd538c8e72b8c175046e27cc8f907076331401',
          filename: file.filename,
          status: file.status ?? 'modified',
          additions: file.additions ?? 1,
          deletions: file.deletions ?? 0,
          changes: (file.additions ?? 1) + (file.deletions ?? 0),
          blob_url: `https://github.com/${owner}/${name}/blob/${index}/${file.filename}`,
          ...(file.patch !== undefined ? { patch: file.patch } : {}),
        }));
        return page(path, query, files);
      }
      if (/diff/.test(String(headers.accept))) {
        return { status: 200, body: pull.diff ?? '', headers: { 'content-type': 'application/vnd.github.diff; charset=utf-8' } };
      }
      return { status: 200, body: pullRequest(owner, name, pull) };
    }
    if ((m = /^\/pulls\/(\d+)\/comments\/(\d+)\/replies$/.exec(rest)) && method === 'POST') {
      const id = nextId++;
      return {
        status: 201,
        body: {
          id,
          node_id: `PRRC_${id}`,
          in_reply_to_id: Number(m[2]),
          pull_request_review_id: 42,
          path: 'file1.txt',
          diff_hunk: '@@ -16,33 +16,40 @@ public class Connection : IConnection...',
          body: body.body,
          user: BOT,
          html_url: `https://github.com/${owner}/${name}/pull/${m[1]}#discussion_r${id}`,
          pull_request_url: `${url}/repos/${owner}/${name}/pulls/${m[1]}`,
          author_association: 'NONE',
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        },
      };
    }
    if (method === 'POST' && rest === '/pulls') {
      const head = String(body.head);
      if ([...pulls.values()].some((pull) => pull.head === head && pull.repo === `${owner}/${name}`)) {
        return {
          status: 422,
          body: { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${owner}:${head}.` }], documentation_url: `${DOCS}/pulls/pulls#create-a-pull-request` },
        };
      }
      const number = nextId++;
      const created: StoredPull = { number, repo: `${owner}/${name}`, title: String(body.title), body: typeof body.body === 'string' ? body.body : null, head, base: String(body.base), draft: body.draft === true };
      pulls.set(`${owner}/${name}#${number}`, created);
      return { status: 201, body: pullRequest(owner, name, created) };
    }
    return notFound();
  };

  const bareOf = (owner: string, name: string) => path.join(gitRoot, owner, `${name}.git`);
  const createGitRepository = (owner: string, name: string, files: Record<string, string>) => {
    const bare = bareOf(owner, name);
    const scratch = mkdtempSync(path.join(gitRoot, 'scratch-'));
    const branch = repoOf(owner, name).default_branch;
    const git = (args: string[], cwd = gitRoot) =>
      execFileSync('git', ['-c', 'user.name=Octocat', '-c', 'user.email=octocat@github.com', ...args], { cwd, env: { PATH: process.env.PATH ?? '', HOME: gitRoot, GIT_CONFIG_GLOBAL: '/dev/null' }, stdio: 'ignore' });
    rmSync(bare, { recursive: true, force: true });
    mkdirSync(path.dirname(bare), { recursive: true });
    git(['init', '--bare', '-q', '-b', branch, bare]);
    git(['init', '-q', '-b', branch, scratch]);
    for (const [file, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
      writeFileSync(path.join(scratch, file), content);
    }
    git(['add', '-A'], scratch);
    git(['commit', '-q', '-m', 'Initial commit'], scratch);
    git(['push', '-q', bare, `HEAD:refs/heads/${branch}`], scratch);
    rmSync(scratch, { recursive: true, force: true });
    return bare;
  };

  const handleGit = (req: IncomingMessage, res: ServerResponse, target: URL, match: RegExpExecArray) => {
    const [, owner = '', name = '', rest = ''] = match;
    const token = basicToken(req.headers.authorization);
    gitRequests.push({ method: req.method ?? 'GET', path: target.pathname, service: target.searchParams.get('service') ?? /git-(upload|receive)-pack$/.exec(rest)?.[0] ?? null, token });
    if (!GIT_NAME.test(owner) || !GIT_NAME.test(name)) return void res.writeHead(404).end('Repository not found.');
    // Git asks again with credentials after a 401 that names the Basic scheme, as GitHub's does.
    const refused = !token || (options.app !== undefined && token.startsWith('ghs_') && !installationTokens.has(token));
    if (refused) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="GitHub"' }).end('Invalid username or token.');
    if (!existsSync(bareOf(owner, name))) createGitRepository(owner, name, { 'README.md': `# ${name}\n` });
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: gitRoot,
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_PROJECT_ROOT: gitRoot,
      GIT_HTTP_EXPORT_ALL: '1',
      PATH_INFO: `/${owner}/${name}.git${rest}`,
      QUERY_STRING: target.search.replace(/^\?/, ''),
      REQUEST_METHOD: req.method ?? 'GET',
      CONTENT_TYPE: String(req.headers['content-type'] ?? ''),
      // http-backend allows pushes (receive-pack) only to an authenticated user.
      REMOTE_USER: 'x-access-token',
      REMOTE_ADDR: '127.0.0.1',
    };
    if (req.headers['git-protocol']) env.GIT_PROTOCOL = String(req.headers['git-protocol']);
    if (req.headers['content-encoding']) env.HTTP_CONTENT_ENCODING = String(req.headers['content-encoding']);
    serveGit(req, res, env);
  };

  const server: Server = createServer((req, res) => {
    const gitTarget = new URL(req.url ?? '/', 'http://stand-in');
    const gitMatch = GIT_PATH.exec(gitTarget.pathname);
    if (gitMatch) return handleGit(req, res, gitTarget, gitMatch);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = raw ? (JSON.parse(raw) as Json) : {};
      const target = new URL(req.url ?? '/', 'http://stand-in');
      const method = req.method ?? 'GET';
      const query = Object.fromEntries(target.searchParams);
      requests.push({ method, path: target.pathname, query, headers: req.headers, body });
      const answer = queuedFailures.shift() ?? route(method, target.pathname, query, req.headers, body);
      const send = () => {
        if (res.destroyed) return;
        const contentType = answer.headers?.['content-type'] ?? 'application/json; charset=utf-8';
        res.writeHead(answer.status, { 'content-type': contentType, 'x-github-media-type': 'github.v3; format=json', ...answer.headers });
        if (answer.status === 204) res.end();
        else res.end(contentType.includes('json') ? JSON.stringify(answer.body) : String(answer.body));
      };
      if (answer.delayMs) setTimeout(send, answer.delayMs);
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  return {
    url,
    requests,
    failNext(...responses: StandInResponse[]) {
      queuedFailures.push(...responses);
    },
    /** Makes a pull request exist (GET /pulls/{n}, its diff and files; GET /issues/{n} shows it as a PR). */
    seedPullRequest(owner: string, repo: string, number: number, seed: PullRequestSeed = {}) {
      pulls.set(`${owner}/${repo}#${number}`, { ...seed, number, repo: `${owner}/${repo}` });
    },
    seedRepository(owner: string, repo: string, seed: { default_branch?: string; private?: boolean }) {
      repos.set(`${owner}/${repo}`, { default_branch: seed.default_branch ?? 'main', private: seed.private ?? false });
    },
    /** Git requests (clone, fetch, push), in order. */
    gitRequests,
    /** Makes `owner/repo` a git repository with these files in one commit on its default branch (set that first with seedRepository). */
    seedGitRepository(owner: string, repo: string, files: Record<string, string>) {
      createGitRepository(owner, repo, files);
    },
    /** The content of `file` at `ref` (a branch or commit) of a repository, or null when either does not exist. */
    gitShow(owner: string, repo: string, ref: string, file: string): string | null {
      try {
        return execFileSync('git', ['-C', bareOf(owner, repo), 'show', `${ref}:${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      } catch {
        return null;
      }
    },
    /** The branches of a repository, and for each the subject and author of its last commit. */
    gitBranches(owner: string, repo: string): Array<{ name: string; subject: string; author: string }> {
      if (!existsSync(bareOf(owner, repo))) return [];
      const out = execFileSync('git', ['-C', bareOf(owner, repo), 'for-each-ref', '--format=%(refname:short)%09%(subject)%09%(authorname) %(authoremail)', 'refs/heads'], { encoding: 'utf8' });
      return out
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [name = '', subject = '', author = ''] = line.split('\t');
          return { name, subject, author };
        });
    },
    /** `role` as GitHub's role_name: admin, maintain, write, triage, read or none. */
    setPermission(owner: string, repo: string, username: string, role: string) {
      permissions.set(`${owner}/${repo}/${username}`, role);
    },
    /** Adds `count` comments by `login` to an issue's thread, oldest first. */
    seedComments(owner: string, repo: string, issueNumber: number, count: number, login = 'octocat') {
      for (let index = 1; index <= count; index++) comment(owner, repo, issueNumber, `comment ${index}`, user(login));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(gitRoot, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
