import { verify } from '@octokit/webhooks-methods';

/**
 * Checks `X-Hub-Signature-256` against the raw body with a constant-time compare. A missing or
 * malformed header, or an empty body, is simply not valid.
 */
export async function verifyGithubSignature(secret: string, rawBody: string, signature: string | undefined): Promise<boolean> {
  if (!signature || !signature.startsWith('sha256=') || rawBody.length === 0) return false;
  try {
    return await verify(secret, rawBody, signature);
  } catch {
    return false;
  }
}
