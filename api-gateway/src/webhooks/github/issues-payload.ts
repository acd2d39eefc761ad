import { z } from 'zod';
import { GithubRepositorySchema, GithubUserSchema } from './github-schemas.js';

/** `issues`: opened (the body may mention the agent), labeled and assigned (triggers). */
export const IssuesPayloadSchema = z.object({
  action: z.string(),
  issue: z.object({
    number: z.number().int().positive(),
    title: z.string(),
    body: z.string().nullable(),
    html_url: z.string(),
    user: GithubUserSchema,
    author_association: z.string(),
    pull_request: z.object({}).loose().nullish(),
  }),
  /** The label added (`labeled`). */
  label: z.object({ name: z.string() }).nullish(),
  /** The user assigned (`assigned`). */
  assignee: z.object({ login: z.string() }).nullish(),
  repository: GithubRepositorySchema,
  sender: GithubUserSchema,
});
export type IssuesPayload = z.infer<typeof IssuesPayloadSchema>;
