import { z } from 'zod';

export const AssigneeSchema = z
  .object({
    type: z.enum(['user', 'team']),
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
  })
  .meta({ id: 'Assignee', example: { type: 'user', id: '1', name: 'Jane Doe', email: 'jane@example.com' } });

/** A Sentry issue as this service returns it; field names follow Sentry's API. */
export const IssueSchema = z
  .object({
    id: z.string(),
    shortId: z.string().nullable(),
    title: z.string(),
    culprit: z.string().nullable(),
    permalink: z.string().nullable(),
    status: z.string().describe('unresolved, resolved, ignored, ... as Sentry reports it'),
    level: z.string().nullable(),
    platform: z.string().nullable(),
    count: z.number().int().describe('Events in this issue'),
    userCount: z.number().int().describe('Users who saw it'),
    numComments: z.number().int(),
    firstSeen: z.string().nullable(),
    lastSeen: z.string().nullable(),
    project: z.object({ id: z.string(), slug: z.string(), name: z.string() }).nullable(),
    assignedTo: AssigneeSchema.nullable(),
    metadata: z
      .object({ type: z.string().optional(), value: z.string().optional(), filename: z.string().optional(), function: z.string().optional() })
      .describe('The error type and value, and where it happened, when Sentry knows them'),
  })
  .meta({
    id: 'Issue',
    example: {
      id: '1',
      shortId: 'PUMP-STATION-1',
      title: 'This is an example Python exception',
      culprit: 'raven.scripts.runner in main',
      permalink: 'https://sentry.io/the-interstellar-jurisdiction/pump-station/issues/1/',
      status: 'unresolved',
      level: 'error',
      platform: 'python',
      count: 1,
      userCount: 0,
      numComments: 0,
      firstSeen: '2018-11-06T21:19:55Z',
      lastSeen: '2018-11-06T21:19:55Z',
      project: { id: '2', slug: 'pump-station', name: 'Pump Station' },
      assignedTo: null,
      metadata: { type: 'ValueError', value: 'This is an example Python exception' },
    },
  });
export type Issue = z.infer<typeof IssueSchema>;
export type Assignee = z.infer<typeof AssigneeSchema>;

/** The statuses Sentry's "Update an Issue" accepts. */
export const IssueStatusSchema = z.enum(['resolved', 'resolvedInNextRelease', 'unresolved', 'ignored']);
export type IssueStatus = z.infer<typeof IssueStatusSchema>;

export const UpdateStatusBodySchema = z
  .object({ status: IssueStatusSchema.describe('The new status; `resolved` closes the issue') })
  .meta({ id: 'UpdateStatus', example: { status: 'resolved' } });

export const UpdateAssigneeBodySchema = z
  .object({
    assignee: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .nullable()
      .describe('`user:<id>`, `team:<id>`, a username or an email; null unassigns'),
  })
  .meta({ id: 'UpdateAssignee', example: { assignee: 'user:1' } });
