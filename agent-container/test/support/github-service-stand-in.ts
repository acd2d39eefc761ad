import { startServiceStandIn } from './service-stand-in.js';

interface StoredComment {
  id: number;
  issue: string;
  body: string;
  login: string;
}

export interface PullSeed {
  head: string;
  base?: string;
  headRepo?: string | null;
  title?: string;
  body?: string;
  diff?: string;
}

/**
 * A stand-in for github-service's HTTP API: comments (create, list, edit), reactions, issues,
 * pull requests (details, diff, files, draft creation), repositories and clone credentials
 * pointing at local bare repositories.
 */
export async function startGithubServiceStandIn(serviceToken: string) {
  const comments = new Map<number, StoredComment>();
  const repositories = new Map<string, { url: string; defaultBranch: string }>();
  const pulls = new Map<string, PullSeed>();
  const issues = new Map<string, { title: string; body: string }>();
  const created: Array<{ repo: string; number: number; head: string; base: string; title: string; body: string; draft: boolean }> = [];
  let nextId = 5000;
  const html = (owner: string, repo: string, kind: string, number: number | string) => `https://github.com/${owner}/${repo}/${kind}/${number}`;
  const shownComment = (comment: StoredComment) => {
    const [full, number] = comment.issue.split('#');
    return { id: comment.id, html_url: `https://github.com/${full}/issues/${number}#issuecomment-${comment.id}`, body: comment.body };
  };
  const branch = (owner: string, repo: string, ref: string, full: string | null) => ({ ref, sha: 'a'.repeat(40), repo: full ? { full_name: full, clone_url: `https://github.com/${full}.git` } : null });
  const pullShape = (owner: string, repo: string, number: number, pull: PullSeed) => ({
    number,
    title: pull.title ?? 'A pull request',
    body: pull.body ?? null,
    state: 'open',
    draft: false,
    merged: false,
    mergeable: true,
    html_url: html(owner, repo, 'pull', number),
    user: { login: 'octocat', type: 'User' },
    head: branch(owner, repo, pull.head, pull.headRepo === undefined ? `${owner}/${repo}` : pull.headRepo),
    base: branch(owner, repo, pull.base ?? 'main', `${owner}/${repo}`),
    additions: 1,
    deletions: 1,
    changed_files: 1,
  });

  const service = await startServiceStandIn(serviceToken, [
    ['POST', /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/, (request, m) => {
      const body = request.body.body;
      if (typeof body !== 'string' || body.length === 0 || body.length > 65_536) return { status: 400, body: { code: 'invalid_request', message: 'body: must be 1..65536 characters' } };
      const comment = { id: nextId++, issue: `${m[1]}/${m[2]}#${m[3]}`, body, login: 'swe-fleet[bot]' };
      comments.set(comment.id, comment);
      return { status: 201, body: shownComment(comment) };
    }],
    ['GET', /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)\/comments$/, (_request, m) => {
      const thread = [...comments.values()].filter((comment) => comment.issue === `${m[1]}/${m[2]}#${m[3]}`);
      const shown = thread.map((comment) => ({ ...shownComment(comment), user: { login: comment.login, type: 'User' }, author_association: 'OWNER', created_at: '2026-01-01T00:00:00Z', updated_at: '2026-01-01T00:00:00Z' }));
      return { status: 200, body: { comments: shown, truncated: false } };
    }],
    ['PATCH', /^\/api\/v1\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/, (request, m) => {
      const comment = comments.get(Number(m[1]));
      if (!comment) return { status: 404, body: { code: 'github_not_found', message: 'GitHub: Not Found' } };
      comment.body = String(request.body.body);
      return { status: 200, body: shownComment(comment) };
    }],
    ['POST', /^\/api\/v1\/repos\/[^/]+\/[^/]+\/(?:issues\/(?:comments\/)?|pulls\/comments\/)\d+\/reactions$/, (request) => ({ status: 201, body: { id: nextId++, content: request.body.content } })],
    ['GET', /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/issues\/(\d+)$/, (_request, m) => {
      const key = `${m[1]}/${m[2]}#${m[3]}`;
      const issue = issues.get(key) ?? { title: 'Login test is flaky', body: 'It fails one run in five on CI.' };
      return { status: 200, body: { number: Number(m[3]), title: pulls.get(key)?.title ?? issue.title, body: pulls.get(key)?.body ?? issue.body, state: 'open', html_url: html(m[1] ?? '', m[2] ?? '', 'issues', m[3] ?? ''), user: { login: 'octocat', type: 'User' }, labels: ['bug'], is_pull_request: pulls.has(key), author_association: 'OWNER', created_at: '2026-01-01T00:00:00Z' } };
    }],
    ['GET', /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)(\/diff|\/files)?$/, (_request, m) => {
      const [owner = '', repo = '', number = '0', part] = [m[1], m[2], m[3], m[4]];
      const pull = pulls.get(`${owner}/${repo}#${number}`);
      if (!pull) return { status: 404, body: { code: 'github_not_found', message: 'GitHub: Not Found' } };
      if (part === '/diff') return pull.diff === undefined ? { status: 422, body: { code: 'github_not_acceptable', message: 'GitHub: the diff is too large' } } : { status: 200, body: { diff: pull.diff } };
      if (part === '/files') return { status: 200, body: { files: [{ filename: 'src/app.py', status: 'modified', additions: 1, deletions: 1, changes: 2, patch: '@@ -1 +1 @@\n-a\n+b' }], truncated: false } };
      return { status: 200, body: pullShape(owner, repo, Number(number), pull) };
    }],
    ['POST', /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/pulls$/, (request, m) => {
      const [owner = '', repo = ''] = [m[1], m[2]];
      const number = nextId++;
      const pull = { repo: `${owner}/${repo}`, number, head: String(request.body.head), base: String(request.body.base ?? 'main'), title: String(request.body.title), body: String(request.body.body ?? ''), draft: true };
      created.push(pull);
      return { status: 201, body: { ...pullShape(owner, repo, number, { head: pull.head, base: pull.base, title: pull.title, body: pull.body }), draft: true } };
    }],
    ['GET', /^\/api\/v1\/repos\/([^/]+)\/([^/]+)$/, (_request, m) => {
      const full = `${m[1]}/${m[2]}`;
      const seeded = repositories.get(full);
      return { status: 200, body: { full_name: full, default_branch: seeded?.defaultBranch ?? 'main', private: false, archived: false, clone_url: seeded?.url ?? `https://github.com/${full}.git`, html_url: `https://github.com/${full}` } };
    }],
    ['POST', /^\/api\/v1\/repos\/([^/]+)\/([^/]+)\/clone-credentials$/, (_request, m) => {
      const seeded = repositories.get(`${m[1]}/${m[2]}`);
      if (!seeded) return { status: 404, body: { code: 'github_not_found', message: 'GitHub: Not Found' } };
      return { status: 200, body: { url: seeded.url, username: 'x-access-token', token: 'ghs_standInCloneToken0123456789abcdef', expires_at: null, authenticated_url: seeded.url } };
    }],
  ]);
  return {
    ...service,
    comments,
    /** Draft pull requests opened through the stand-in. */
    created,
    /** Makes `owner/repo` clonable from `url` (a local bare repository's file:// URL). */
    seedRepository(owner: string, repo: string, url: string, defaultBranch = 'main') {
      repositories.set(`${owner}/${repo}`, { url, defaultBranch });
    },
    seedPullRequest(owner: string, repo: string, number: number, pull: PullSeed) {
      pulls.set(`${owner}/${repo}#${number}`, pull);
    },
    seedComment(owner: string, repo: string, issueNumber: number, body: string, login = 'octocat') {
      const comment = { id: nextId++, issue: `${owner}/${repo}#${issueNumber}`, body, login };
      comments.set(comment.id, comment);
      return comment.id;
    },
  };
}
export type GithubServiceStandIn = Awaited<ReturnType<typeof startGithubServiceStandIn>>;
