import { z } from 'zod';
import { AdfNodeSchema } from '../adf/adf-node.js';
import { adfToText } from '../adf/adf-to-text.js';

/**
 * The issue fields this service reads, as Jira Cloud's v3 REST API sends them (the example of
 * GET /rest/api/3/issue/{issueIdOrKey}). jira.js types `fields` as a free-form record, so they
 * are checked here. Lenient: a field a site hides or a project type lacks is simply absent.
 */
const StatusSchema = z
  .object({
    name: z.string(),
    statusCategory: z.object({ key: z.string().optional(), name: z.string().optional() }).loose().optional(),
  })
  .loose();

const UserSchema = z.object({ accountId: z.string().optional(), displayName: z.string().optional() }).loose();

const LinkedIssueSchema = z
  .object({
    key: z.string(),
    fields: z.object({ summary: z.string().optional(), status: StatusSchema.optional() }).loose().optional(),
  })
  .loose();

const IssueLinkSchema = z
  .object({
    id: z.string().optional(),
    type: z.object({ name: z.string(), inward: z.string(), outward: z.string() }).loose(),
    inwardIssue: LinkedIssueSchema.optional(),
    outwardIssue: LinkedIssueSchema.optional(),
  })
  .loose();

/** Jira sends ISO-8601 strings; its documentation's examples also show epoch numbers. */
const TimestampSchema = z.union([z.string(), z.number().transform((epoch) => new Date(epoch).toISOString())]);

export const IssueFieldsSchema = z
  .object({
    summary: z.string().default(''),
    description: AdfNodeSchema.nullish(),
    status: StatusSchema.nullish(),
    issuetype: z.object({ name: z.string() }).loose().nullish(),
    project: z.object({ key: z.string() }).loose().nullish(),
    labels: z.array(z.string()).default([]),
    assignee: UserSchema.nullish(),
    reporter: UserSchema.nullish(),
    priority: z.object({ name: z.string() }).loose().nullish(),
    created: TimestampSchema.nullish(),
    updated: TimestampSchema.nullish(),
    issuelinks: z.array(IssueLinkSchema).default([]),
  })
  .loose();

/** The fields asked of Jira, so it does not send every custom field of the site. */
export const ISSUE_FIELDS = ['summary', 'description', 'status', 'issuetype', 'project', 'labels', 'assignee', 'reporter', 'priority', 'created', 'updated', 'issuelinks'];
export const SEARCH_FIELDS = ['summary', 'status', 'issuetype', 'assignee', 'updated'];

export interface IssueStatus {
  name: string;
  category: string | null;
}

export interface IssuePerson {
  account_id: string | null;
  display_name: string | null;
}

export interface IssueLink {
  type: string;
  direction: 'inward' | 'outward';
  /** The link read from this issue's side: "blocks", "is blocked by", "relates to". */
  relation: string;
  issue: { key: string; summary: string | null; status: string | null };
}

export interface IssueSummary {
  key: string;
  id: string;
  url: string;
  summary: string;
  status: IssueStatus | null;
  issue_type: string | null;
  assignee: IssuePerson | null;
  updated: string | null;
}

export interface IssueDetails extends IssueSummary {
  /** The description's ADF turned into text. */
  description: string;
  project_key: string | null;
  labels: string[];
  reporter: IssuePerson | null;
  priority: string | null;
  created: string | null;
  links: IssueLink[];
}

type IssueFields = z.infer<typeof IssueFieldsSchema>;

function status(value: IssueFields['status']): IssueStatus | null {
  return value ? { name: value.name, category: value.statusCategory?.name ?? value.statusCategory?.key ?? null } : null;
}

function person(value: IssueFields['assignee']): IssuePerson | null {
  return value ? { account_id: value.accountId ?? null, display_name: value.displayName ?? null } : null;
}

function link(value: z.infer<typeof IssueLinkSchema>): IssueLink | null {
  // Atlassian's issue-linking model: an outwardIssue is labelled with the type's `outward` words, an inwardIssue with `inward`.
  const [direction, other] = value.outwardIssue ? (['outward', value.outwardIssue] as const) : (['inward', value.inwardIssue] as const);
  if (!other) return null;
  return {
    type: value.type.name,
    direction,
    relation: direction === 'outward' ? value.type.outward : value.type.inward,
    issue: { key: other.key, summary: other.fields?.summary ?? null, status: other.fields?.status?.name ?? null },
  };
}

export function browseUrl(siteUrl: string, key: string): string {
  return `${siteUrl.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;
}

export function toIssueSummary(siteUrl: string, key: string, id: string, fields: IssueFields): IssueSummary {
  return {
    key,
    id,
    url: browseUrl(siteUrl, key),
    summary: fields.summary,
    status: status(fields.status),
    issue_type: fields.issuetype?.name ?? null,
    assignee: person(fields.assignee),
    updated: fields.updated ?? null,
  };
}

export function toIssueDetails(siteUrl: string, key: string, id: string, fields: IssueFields): IssueDetails {
  return {
    ...toIssueSummary(siteUrl, key, id, fields),
    description: adfToText(fields.description),
    project_key: fields.project?.key ?? null,
    labels: fields.labels,
    reporter: person(fields.reporter),
    priority: fields.priority?.name ?? null,
    created: fields.created ?? null,
    links: fields.issuelinks.map(link).filter((entry): entry is IssueLink => entry !== null),
  };
}
