// Sentry's response bodies, as far as this service reads them (getsentry/sentry-api-schema:
// components/schemas/issue.json, event.json; the activity serializer for notes). Unknown
// fields are dropped; optional ones may be missing or null, as Sentry sends either.
import { z } from 'zod';

const text = z.string().nullish();
const id = z.union([z.string(), z.number()]).transform(String);

export const SentryAssigneeSchema = z.object({
  type: z.enum(['user', 'team']),
  id,
  name: z.string(),
  email: text,
});

export const SentryIssueSchema = z.object({
  id,
  shortId: text,
  title: z.string(),
  culprit: text,
  permalink: text,
  status: z.string(),
  level: text,
  platform: text,
  // Sentry sends counts as strings ("count": "1").
  count: z.union([z.string(), z.number()]).nullish(),
  userCount: z.number().nullish(),
  numComments: z.number().nullish(),
  firstSeen: text,
  lastSeen: text,
  project: z.object({ id, slug: z.string(), name: z.string() }).nullish(),
  assignedTo: SentryAssigneeSchema.nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type SentryIssue = z.infer<typeof SentryIssueSchema>;

export const SentryFrameSchema = z.object({
  filename: text,
  absPath: text,
  module: text,
  function: text,
  lineNo: z.number().nullish(),
  colNo: z.number().nullish(),
  inApp: z.boolean().nullish(),
  context: z.array(z.tuple([z.number(), z.string().nullable()])).nullish(),
});

export const SentryStacktraceSchema = z.object({ frames: z.array(SentryFrameSchema).nullish() });

export const SentryExceptionEntrySchema = z.object({
  values: z
    .array(
      z.object({
        type: text,
        value: text,
        module: text,
        mechanism: z.object({ type: text, handled: z.boolean().nullish() }).nullish(),
        stacktrace: SentryStacktraceSchema.nullish(),
      }),
    )
    .nullish(),
});

export const SentryRequestEntrySchema = z.object({ url: text, method: text });

export const SentryEventSchema = z.object({
  id,
  eventID: z.string(),
  groupID: id.nullish(),
  title: z.string(),
  message: text,
  platform: text,
  dateCreated: text,
  release: z.object({ version: z.string() }).nullish(),
  tags: z.array(z.object({ key: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).transform(String) })).nullish(),
  entries: z.array(z.object({ type: z.string(), data: z.unknown() })).nullish(),
});
export type SentryEvent = z.infer<typeof SentryEventSchema>;

/** A note (comment) is an Activity of type "note" whose data holds the text. */
export const SentryNoteSchema = z.object({
  id,
  type: z.string().optional(),
  data: z.object({ text: z.string() }),
  dateCreated: text,
  user: z.object({ id, name: z.string() }).nullish(),
});
export type SentryNote = z.infer<typeof SentryNoteSchema>;

export const SentryOrganizationSchema = z.object({ id, slug: z.string(), name: z.string() });
export type SentryOrganization = z.infer<typeof SentryOrganizationSchema>;

/** GET /api/0/ answers `{ "version": "0", ... }` to anyone, authenticated or not. */
export const SentryIndexSchema = z.object({ version: z.string() });
