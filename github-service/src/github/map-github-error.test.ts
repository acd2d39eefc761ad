import { RequestError } from '@octokit/request-error';
import { describe, expect, it } from 'vitest';
import { mapGithubError } from './map-github-error.js';
import { GithubAttemptTimeout } from './timed-fetch.js';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const request = { method: 'GET' as const, url: 'https://api.github.com/repos/octo/hello', headers: {} };
const githubError = (status: number, message: string, headers: Record<string, string> = {}) =>
  new RequestError(message, status, { request, response: { status, url: request.url, headers, data: { message } } });

describe('mapGithubError', () => {
  it.each([
    [404, 'Not Found', 404, 'github_not_found'],
    [401, 'Bad credentials', 502, 'github_unauthorized'],
    [403, 'Resource not accessible by integration', 403, 'github_forbidden'],
    [406, 'Sorry, the diff exceeded the maximum number of files (300).', 422, 'github_not_acceptable'],
    [409, 'Git Repository is empty.', 409, 'github_conflict'],
    [410, 'Issues are disabled for this repo', 410, 'github_gone'],
    [422, 'Validation Failed', 422, 'github_unprocessable'],
    [400, 'Problems parsing JSON', 502, 'github_error'],
    [500, 'Server Error', 502, 'github_unavailable'],
  ])('maps GitHub %i to %i %s, keeping the message', (status, message, expectedStatus, code) => {
    const mapped = mapGithubError(githubError(status, message), NOW);
    expect(mapped).toMatchObject({ statusCode: expectedStatus, code, message: `GitHub: ${message}` });
  });

  it('turns an exhausted primary rate limit into 429 until the reset', () => {
    const reset = String(NOW / 1000 + 125);
    const mapped = mapGithubError(githubError(403, 'API rate limit exceeded for user ID 1.', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset }), NOW);
    expect(mapped).toMatchObject({ statusCode: 429, code: 'github_rate_limited', headers: { 'retry-after': '125' } });
  });

  it("keeps GitHub's Retry-After for a secondary rate limit, and falls back to a minute without one", () => {
    expect(mapGithubError(githubError(403, 'You have exceeded a secondary rate limit.', { 'retry-after': '30' }), NOW).headers).toEqual({ 'retry-after': '30' });
    expect(mapGithubError(githubError(429, 'Too Many Requests'), NOW).headers).toEqual({ 'retry-after': '60' });
  });

  it('maps a timeout, bare or wrapped by @octokit/request, to 504', () => {
    const timeout = new GithubAttemptTimeout(250, true);
    const wrapped = new RequestError(timeout.message, 500, { request, cause: timeout });
    for (const error of [timeout, wrapped]) expect(mapGithubError(error, NOW)).toMatchObject({ statusCode: 504, code: 'github_timeout' });
  });

  it('maps a failure without a response (connection refused, DNS) to 502 github_unreachable', () => {
    const refused = new RequestError('connect ECONNREFUSED 127.0.0.1:9', 500, { request });
    expect(mapGithubError(refused, NOW)).toMatchObject({ statusCode: 502, code: 'github_unreachable', message: 'GitHub could not be reached: connect ECONNREFUSED 127.0.0.1:9' });
  });
});
