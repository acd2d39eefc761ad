import { z } from 'zod';

/**
 * Atlassian Document Format, the rich text of Jira Cloud's v3 REST API
 * (developer.atlassian.com/cloud/jira/platform/apis/document/structure/). One node shape covers
 * every node type: `type`, optional `attrs`, `content` (children) or `text`, and `marks`.
 */
export type AdfMark = {
  type: string;
  attrs?: Record<string, unknown>;
};

export type AdfNode = {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  text?: string;
  marks?: AdfMark[];
};

export type AdfDocument = {
  type: 'doc';
  version: 1;
  content: AdfNode[];
};

const AdfMarkSchema = z.object({ type: z.string(), attrs: z.record(z.string(), z.unknown()).optional() }).loose();

/** Lenient on purpose: Jira adds node types over time, and an unknown one must not fail a read. */
export const AdfNodeSchema: z.ZodType<AdfNode> = z
  .object({
    type: z.string(),
    attrs: z.record(z.string(), z.unknown()).optional(),
    text: z.string().optional(),
    marks: z.array(AdfMarkSchema).optional(),
    get content() {
      return z.array(AdfNodeSchema).optional();
    },
  })
  .loose();
