import { z } from 'zod';

/** The fields of a Jira API-token credential, as the credentials API names them. */
export const CREDENTIAL_FIELDS = ['base_url', 'email', 'api_token'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];

/** Basic auth for Jira Cloud: the site, the Atlassian account's email, and its API token. */
export const JiraCredentialsSchema = z.object({
  base_url: z.url({ protocol: /^https?$/ }).describe('The Jira Cloud site, https://<site>.atlassian.net'),
  email: z.email().describe('The Atlassian account the API token belongs to'),
  api_token: z.string().min(1).max(2048).describe('An API token from id.atlassian.com/manage-profile/security/api-tokens'),
});
export type JiraCredentials = z.infer<typeof JiraCredentialsSchema>;

export type CredentialSource = 'stored' | 'environment';

/** The JIRA_* variables as a credential, when all three are set. */
export function credentialsFromEnvironment(env: { baseUrl?: string; email?: string; apiToken?: string }): JiraCredentials | null {
  const parsed = JiraCredentialsSchema.safeParse({ base_url: env.baseUrl, email: env.email, api_token: env.apiToken });
  return parsed.success ? parsed.data : null;
}

/** Which JIRA_* variables are set, without their values. */
export function environmentFieldsSet(env: { baseUrl?: string; email?: string; apiToken?: string }): Record<CredentialField, boolean> {
  return { base_url: Boolean(env.baseUrl), email: Boolean(env.email), api_token: Boolean(env.apiToken) };
}
