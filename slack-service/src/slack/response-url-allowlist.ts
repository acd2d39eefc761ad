import { BadRequestError } from '../errors.js';

/**
 * Which URLs may be posted to as a slash command's response_url. Slack's are all under
 * https://hooks.slack.com/; anything else would let a caller make this service POST to an
 * arbitrary host (SSRF), so the scheme, host, port and path prefix must all match an entry.
 */
export class ResponseUrlAllowlist {
  private readonly prefixes: URL[];

  constructor(prefixes: readonly string[]) {
    this.prefixes = prefixes.map((prefix) => {
      const url = new URL(prefix);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`response_url prefix must be http(s): ${prefix}`);
      return url;
    });
  }

  /** The parsed URL when it is allowed; a 400 otherwise (the URL itself is never echoed: it is a credential). */
  check(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new BadRequestError('invalid_response_url', 'response_url is not a valid URL');
    }
    const allowed =
      url.username === '' &&
      url.password === '' &&
      this.prefixes.some((prefix) => url.protocol === prefix.protocol && url.host === prefix.host && url.pathname.startsWith(prefix.pathname));
    if (!allowed) {
      const list = this.prefixes.map((prefix) => prefix.href).join(', ');
      throw new BadRequestError('response_url_not_allowed', `response_url must start with one of: ${list}`);
    }
    return url;
  }
}
