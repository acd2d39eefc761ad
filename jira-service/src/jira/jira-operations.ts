import type { CloudClient } from 'jira.js';
import type { AdfDocument } from '../adf/adf-node.js';
import { TransitionUnavailableError } from '../errors.js';
import { JiraUnexpectedResponseError } from './jira-errors.js';
import { ISSUE_FIELDS, IssueFieldsSchema, type IssueDetails, type IssueSummary, SEARCH_FIELDS, browseUrl, toIssueDetails, toIssueSummary } from './jira-issue.js';
import { mapJiraError } from './map-jira-error.js';

export interface JiraComment {
  id: string;
  issue_key: string;
  url: string;
  created: string | null;
  updated: string | null;
}

export interface JiraTransition {
  id: string;
  name: string;
  to: { id: string | null; name: string | null; category: string | null };
  has_screen: boolean;
}

export interface JiraSearchPage {
  issues: IssueSummary[];
  next_page_token: string | null;
  is_last: boolean;
}

export interface JiraAccount {
  account_id: string;
  display_name: string | null;
  email_address: string | null;
}

/** Called once per operation with its outcome: `ok` or the error code the caller saw. */
export type OperationObserver = (operation: string, outcome: string) => void;

function isoOrNull(value: Date | string | undefined): string | null {
  if (value === undefined) return null;
  return value instanceof Date ? value.toISOString() : value;
}

/** The Jira operations this service offers, over jira.js's cloud client; each maps Jira's errors to ours. */
export class JiraOperations {
  constructor(
    private readonly cloud: CloudClient,
    /** The site (`https://<site>.atlassian.net`), for browse links. */
    private readonly siteUrl: string,
    private readonly observe: OperationObserver = () => undefined,
  ) {}

  private async call<T>(operation: string, work: () => Promise<T>): Promise<T> {
    try {
      const result = await work();
      this.observe(operation, 'ok');
      return result;
    } catch (error) {
      const mapped = mapJiraError(error);
      this.observe(operation, typeof mapped === 'object' && mapped !== null && 'code' in mapped ? String(mapped.code) : 'internal_error');
      throw mapped;
    }
  }

  getIssue(issueKey: string): Promise<IssueDetails> {
    return this.call('issues.getIssue', async () => {
      const issue = await this.cloud.issues.getIssue({ issueIdOrKey: issueKey, fields: ISSUE_FIELDS });
      const fields = IssueFieldsSchema.safeParse(issue.fields ?? {});
      if (!fields.success) {
        throw new JiraUnexpectedResponseError(`Jira's issue ${issueKey} has fields of an unexpected shape: ${fields.error.message}`, 'GET issue');
      }
      return toIssueDetails(this.siteUrl, issue.key ?? issueKey, issue.id ?? '', fields.data);
    });
  }

  addComment(issueKey: string, body: AdfDocument): Promise<JiraComment> {
    return this.call('issueComments.addComment', async () => {
      const comment = await this.cloud.issueComments.addComment({ issueIdOrKey: issueKey, body });
      return this.toComment(issueKey, comment.id, comment.created, comment.updated);
    });
  }

  /** `notifyUsers: false` keeps a status comment edited in place from emailing every watcher on each edit. */
  updateComment(issueKey: string, commentId: string, body: AdfDocument, notifyUsers = true): Promise<JiraComment> {
    return this.call('issueComments.updateComment', async () => {
      const comment = await this.cloud.issueComments.updateComment({ issueIdOrKey: issueKey, id: commentId, notifyUsers, body: { body } });
      return this.toComment(issueKey, comment.id ?? commentId, comment.created, comment.updated);
    });
  }

  listTransitions(issueKey: string): Promise<JiraTransition[]> {
    return this.call('issues.getTransitions', async () => {
      const { transitions = [] } = await this.cloud.issues.getTransitions({ issueIdOrKey: issueKey });
      return transitions.flatMap((transition): JiraTransition[] =>
        transition.id && transition.name
          ? [
              {
                id: transition.id,
                name: transition.name,
                to: {
                  id: transition.to?.id ?? null,
                  name: transition.to?.name ?? null,
                  category: transition.to?.statusCategory?.name ?? transition.to?.statusCategory?.key ?? null,
                },
                has_screen: transition.hasScreen ?? false,
              },
            ]
          : [],
      );
    });
  }

  /** Moves the issue by transition id, or by the transition's name (as a person says it: "In Progress"). */
  async transitionIssue(issueKey: string, target: { id: string } | { name: string }): Promise<{ issue_key: string; transition_id: string }> {
    const id = 'id' in target ? target.id : await this.transitionIdByName(issueKey, target.name);
    return this.call('issues.doTransition', async () => {
      await this.cloud.issues.doTransition({ issueIdOrKey: issueKey, transition: { id } });
      return { issue_key: issueKey, transition_id: id };
    });
  }

  private async transitionIdByName(issueKey: string, name: string): Promise<string> {
    const transitions = await this.listTransitions(issueKey);
    const wanted = name.trim().toLowerCase();
    const match =
      transitions.find((transition) => transition.name.toLowerCase() === wanted) ??
      transitions.find((transition) => transition.to.name?.toLowerCase() === wanted);
    if (match) return match.id;
    const offered = transitions.map((transition) => `"${transition.name}"`).join(', ') || 'none';
    throw new TransitionUnavailableError(`issue ${issueKey} has no transition named "${name}" from its current status (offered: ${offered})`);
  }

  search(jql: string, maxResults: number, nextPageToken: string | undefined): Promise<JiraSearchPage> {
    return this.call('issueSearch.searchAndReconsileIssuesUsingJqlPost', async () => {
      const page = await this.cloud.issueSearch.searchAndReconsileIssuesUsingJqlPost({ jql, maxResults, nextPageToken, fields: SEARCH_FIELDS });
      const issues = (page.issues ?? []).map((issue) => {
        const fields = IssueFieldsSchema.safeParse(issue.fields ?? {});
        if (!fields.success || !issue.key) {
          throw new JiraUnexpectedResponseError('a search result from Jira has no key or fields of an unexpected shape', 'POST search/jql');
        }
        return toIssueSummary(this.siteUrl, issue.key, issue.id ?? '', fields.data);
      });
      const token = page.nextPageToken ?? null;
      return { issues, next_page_token: token, is_last: page.isLast ?? token === null };
    });
  }

  /** The account the credentials belong to: the cheapest call that proves them. */
  whoAmI(): Promise<JiraAccount> {
    return this.call('myself.getCurrentUser', async () => {
      const user = await this.cloud.myself.getCurrentUser();
      if (!user.accountId) throw new JiraUnexpectedResponseError('Jira did not say which account the credentials belong to', 'GET myself');
      return { account_id: user.accountId, display_name: user.displayName ?? null, email_address: user.emailAddress ?? null };
    });
  }

  private toComment(issueKey: string, id: string | undefined, created: Date | string | undefined, updated: Date | string | undefined): JiraComment {
    if (!id) throw new JiraUnexpectedResponseError('Jira did not return the comment id', 'comment');
    return {
      id,
      issue_key: issueKey,
      url: `${browseUrl(this.siteUrl, issueKey)}?focusedCommentId=${encodeURIComponent(id)}`,
      created: isoOrNull(created),
      updated: isoOrNull(updated),
    };
  }
}
