import { MalformedPayloadError } from '../../errors.js';

/**
 * GitHub sends the event as JSON, or (when the hook's content type is form) as
 * `payload=<url-encoded JSON>`. The signature covers these raw bytes, so this runs after it is checked.
 */
export function decodeGithubBody(body: string, contentType: string | undefined): unknown {
  let json = body;
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
    const payload = new URLSearchParams(body).get('payload');
    if (payload === null) throw new MalformedPayloadError('a form-encoded delivery must carry a `payload` field');
    json = payload;
  }
  try {
    return JSON.parse(json) as unknown;
  } catch {
    throw new MalformedPayloadError('the body is not valid JSON');
  }
}
