import { z } from 'zod';

const UserSchema = z.object({
  login: z.string().min(1),
  id: z.number().int(),
  type: z.string(),
});

/** Only `action` is read before deciding whether the event is handled at all. */
export const GithubActionSchema = z.object({ action: z.string().optional() });

/** The fields of an `issue_comment` delivery the gateway uses; GitHub sends many more. */
export const IssueCommentPayloadSchema = z.object({
  action: z.string(),
  comment: z.object({
    id: z.number().int(),
    body: z.string().nullable(),
    html_url: z.string(),
    user: UserSchema,
    author_association: z.string(),
  }),
  issue: z.object({
    number: z.number().int().positive(),
    html_url: z.string(),
    /** Present when the issue is a pull request. */
    pull_request: z.object({}).loose().nullish(),
  }),
  repository: z.object({
    name: z.string().min(1),
    full_name: z.string().min(1),
    owner: z.object({ login: z.string().min(1) }),
  }),
  sender: UserSchema,
});
export type IssueCommentPayload = z.infer<typeof IssueCommentPayloadSchema>;
