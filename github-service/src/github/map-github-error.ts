import { AppError, ProviderError } from '../errors.js';

interface OctokitLikeError {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | number | undefined> };
}

function isOctokitError(error: unknown): error is OctokitLikeError {
  return typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number';
}

/** Maps an error from Octokit to the status our caller should see, keeping GitHub's own message. */
export function mapGithubError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (!isOctokitError(error)) {
    const message = error instanceof Error ? error.message : String(error);
    return new ProviderError('github_unreachable', `GitHub could not be reached: ${message}`, 502);
  }
  const message = `GitHub: ${error.message}`;
  const headers = error.response?.headers ?? {};
  switch (error.status) {
    case 401:
      return new ProviderError('github_unauthorized', message, 502);
    case 403: {
      if (headers['x-ratelimit-remaining'] === '0' || headers['retry-after'] !== undefined) {
        return new ProviderError('github_rate_limited', message, 429, { 'retry-after': String(headers['retry-after'] ?? 60) });
      }
      return new ProviderError('github_forbidden', message, 403);
    }
    case 404:
      return new ProviderError('github_not_found', message, 404);
    case 422:
      return new ProviderError('github_unprocessable', message, 422);
    case 429:
      return new ProviderError('github_rate_limited', message, 429, { 'retry-after': String(headers['retry-after'] ?? 60) });
    default:
      if (error.status >= 500) return new ProviderError('github_unavailable', message, 502);
      return new ProviderError('github_error', message, error.status >= 400 ? error.status : 502);
  }
}
