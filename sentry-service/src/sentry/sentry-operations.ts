import type { SentryConnection } from '../credentials/credential-store.js';
import type { Comment } from '../schemas/comment.js';
import type { LatestEvent } from '../schemas/event.js';
import type { Issue, IssueStatus } from '../schemas/issue.js';
import { mapSentryError } from './map-sentry-error.js';
import { normalizeEvent } from './normalize-event.js';
import { normalizeIssue, normalizeNote } from './normalize-issue.js';
import type { SentryClient, SentryRequest } from './sentry-client.js';
import {
  SentryEventSchema,
  SentryIssueSchema,
  SentryNoteSchema,
  type SentryOrganization,
  SentryOrganizationSchema,
} from './sentry-responses.js';

export interface ConnectionSource {
  /** The credentials in use, or 503 credentials_missing. */
  connection(): Promise<SentryConnection>;
}

/** `/api/0/organizations/{org}/issues/{issue_id}/...`: the organization-scoped issue endpoints Sentry documents. */
function issuePath(connection: SentryConnection, issueId: string, rest = ''): string {
  return `/api/0/organizations/${encodeURIComponent(connection.organization)}/issues/${encodeURIComponent(issueId)}/${rest}`;
}

/** The Sentry operations this service offers; each one maps Sentry's errors to ours. */
export class SentryOperations {
  constructor(
    private readonly client: SentryClient,
    private readonly credentials: ConnectionSource,
  ) {}

  /** Retrieve an Issue: GET /api/0/organizations/{org}/issues/{issue_id}/ (scope event:read). */
  async getIssue(issueId: string): Promise<Issue> {
    const connection = await this.credentials.connection();
    const issue = await this.call(connection, { operation: 'issues.get', method: 'GET', path: issuePath(connection, issueId), schema: SentryIssueSchema });
    return normalizeIssue(issue);
  }

  /** The latest event with its stack trace: GET .../issues/{issue_id}/events/latest/ (scope event:read). */
  async getLatestEvent(issueId: string): Promise<LatestEvent> {
    const connection = await this.credentials.connection();
    const event = await this.call(connection, {
      operation: 'issues.latestEvent',
      method: 'GET',
      path: issuePath(connection, issueId, 'events/latest/'),
      schema: SentryEventSchema,
    });
    return normalizeEvent(event);
  }

  /** Add a note: POST .../issues/{issue_id}/comments/ with `{ "text" }` (Sentry's GroupNotesEndpoint). */
  async addComment(issueId: string, text: string): Promise<Comment> {
    const connection = await this.credentials.connection();
    const note = await this.call(connection, {
      operation: 'issues.addComment',
      method: 'POST',
      path: issuePath(connection, issueId, 'comments/'),
      body: { text },
      schema: SentryNoteSchema,
    });
    return normalizeNote(note);
  }

  /**
   * Edit a note: PUT .../issues/{issue_id}/comments/{comment_id}/ with `{ "text" }` (Sentry's
   * GroupNotesDetailsEndpoint). Sentry answers the note, or 404 when it is gone or another user's.
   */
  async updateComment(issueId: string, commentId: string, text: string): Promise<Comment> {
    const connection = await this.credentials.connection();
    const note = await this.call(connection, {
      operation: 'issues.updateComment',
      method: 'PUT',
      path: issuePath(connection, issueId, `comments/${encodeURIComponent(commentId)}/`),
      body: { text },
      schema: SentryNoteSchema,
    });
    return normalizeNote(note);
  }

  /** Update an Issue: PUT .../issues/{issue_id}/ with `{ "status" }` (scope event:write). */
  async updateStatus(issueId: string, status: IssueStatus): Promise<Issue> {
    return this.updateIssue('issues.updateStatus', issueId, { status });
  }

  /** Update an Issue with `{ "assignedTo" }`; an empty value unassigns (Sentry's ActorField). */
  async assign(issueId: string, assignee: string | null): Promise<Issue> {
    return this.updateIssue('issues.assign', issueId, { assignedTo: assignee ?? '' });
  }

  /** Checks a connection by reading its organization: GET /api/0/organizations/{org}/ (scope org:read). */
  async readOrganization(connection: SentryConnection): Promise<SentryOrganization> {
    return this.call(connection, {
      operation: 'organizations.get',
      method: 'GET',
      path: `/api/0/organizations/${encodeURIComponent(connection.organization)}/`,
      schema: SentryOrganizationSchema,
      maxRetries: 0,
    });
  }

  private async updateIssue(operation: string, issueId: string, body: Record<string, string>): Promise<Issue> {
    const connection = await this.credentials.connection();
    const issue = await this.call(connection, { operation, method: 'PUT', path: issuePath(connection, issueId), body, schema: SentryIssueSchema });
    return normalizeIssue(issue);
  }

  private async call<T>(connection: SentryConnection, request: SentryRequest<T>): Promise<T> {
    try {
      return await this.client.request(connection, request);
    } catch (error) {
      throw mapSentryError(error);
    }
  }
}
