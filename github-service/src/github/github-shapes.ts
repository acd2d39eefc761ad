import type { RestEndpointMethodTypes } from '@octokit/rest';

/**
 * The shapes this service answers with: the few fields callers use, named as GitHub names
 * them, mapped from Octokit's response types. Routes declare the matching zod schemas.
 */
type Data<Group extends keyof RestEndpointMethodTypes, Method extends keyof RestEndpointMethodTypes[Group]> =
  RestEndpointMethodTypes[Group][Method] extends { response: { data: infer D } } ? D : never;

export interface Actor {
  login: string;
  type: string;
}

export interface Comment {
  id: number;
  html_url: string;
  body: string;
}

export interface ThreadComment extends Comment {
  user: Actor | null;
  author_association: string;
  created_at: string;
  updated_at: string;
}

export interface Reaction {
  id: number;
  content: string;
}

export interface Issue {
  number: number;
  title: string;
  body: string | null;
  state: string;
  html_url: string;
  user: Actor | null;
  labels: string[];
  is_pull_request: boolean;
  author_association: string;
  created_at: string;
}

export interface BranchRef {
  ref: string;
  sha: string;
  repo: { full_name: string; clone_url: string } | null;
}

export interface PullRequest {
  number: number;
  title: string;
  body: string | null;
  state: string;
  draft: boolean;
  merged: boolean;
  mergeable: boolean | null;
  html_url: string;
  user: Actor | null;
  head: BranchRef;
  base: BranchRef;
  additions: number;
  deletions: number;
  changed_files: number;
}

export interface ChangedFile {
  filename: string;
  status: string;
  additions: number;
  deletions: number;
  changes: number;
  patch?: string;
  previous_filename?: string;
}

export interface Repository {
  full_name: string;
  default_branch: string;
  private: boolean;
  archived: boolean;
  clone_url: string;
  html_url: string;
}

export interface CollaboratorPermission {
  username: string;
  permission: string;
  role_name: string;
}

export interface CloneCredentials {
  url: string;
  username: string;
  token: string;
  expires_at: string | null;
  authenticated_url: string;
}

const actor = (user: { login: string; type: string } | null | undefined): Actor | null => (user ? { login: user.login, type: user.type } : null);

export function toComment(data: { id: number | bigint; html_url: string; body?: string | null }): Comment {
  return { id: Number(data.id), html_url: data.html_url, body: data.body ?? '' };
}

export function toThreadComment(data: Data<'issues', 'listComments'>[number]): ThreadComment {
  return {
    ...toComment(data),
    user: actor(data.user),
    author_association: data.author_association ?? 'NONE',
    created_at: data.created_at,
    updated_at: data.updated_at,
  };
}

export function toIssue(data: Data<'issues', 'get'>): Issue {
  return {
    number: data.number,
    title: data.title,
    body: data.body ?? null,
    state: data.state,
    html_url: data.html_url,
    user: actor(data.user),
    labels: data.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))).filter((name) => name !== ''),
    is_pull_request: data.pull_request !== undefined && data.pull_request !== null,
    author_association: data.author_association ?? 'NONE',
    created_at: data.created_at,
  };
}

function toBranchRef(branch: Data<'pulls', 'get'>['head']): BranchRef {
  // A fork that was deleted leaves `repo: null`, whatever the schema says.
  const repo = branch.repo as Data<'pulls', 'get'>['head']['repo'] | null;
  return { ref: branch.ref, sha: branch.sha, repo: repo ? { full_name: repo.full_name, clone_url: repo.clone_url } : null };
}

export function toPullRequest(data: Data<'pulls', 'get'>): PullRequest {
  return {
    number: data.number,
    title: data.title,
    body: data.body,
    state: data.state,
    draft: data.draft ?? false,
    merged: data.merged,
    mergeable: data.mergeable,
    html_url: data.html_url,
    user: actor(data.user),
    head: toBranchRef(data.head),
    base: toBranchRef(data.base),
    additions: data.additions,
    deletions: data.deletions,
    changed_files: data.changed_files,
  };
}

export function toChangedFile(data: Data<'pulls', 'listFiles'>[number]): ChangedFile {
  return {
    filename: data.filename,
    status: data.status,
    additions: data.additions,
    deletions: data.deletions,
    changes: data.changes,
    ...(data.patch !== undefined ? { patch: data.patch } : {}),
    ...(data.previous_filename !== undefined ? { previous_filename: data.previous_filename } : {}),
  };
}

export function toRepository(data: Data<'repos', 'get'>): Repository {
  return {
    full_name: data.full_name,
    default_branch: data.default_branch,
    private: data.private,
    archived: data.archived,
    clone_url: data.clone_url,
    html_url: data.html_url,
  };
}
