import type { AuthorizationDecision, Authorizer, InboundMessage } from '../../pipeline/inbound-message.js';

/**
 * A custom route's sender proves itself with the route's secret; `allowed_authors`, when set,
 * narrows which of the people it reports may start tasks (compared case-insensitively).
 */
export class RouteAuthorizer implements Authorizer {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedAuthors: readonly string[]) {
    this.allowed = new Set(allowedAuthors.map((author) => author.toLowerCase()));
  }

  authorize(message: InboundMessage): AuthorizationDecision {
    if (this.allowed.size === 0) return { allowed: true, details: { author: message.author.login, rule: 'signed_sender' } };
    const allowed = this.allowed.has(message.author.login.toLowerCase());
    return { allowed, details: { author: message.author.login, rule: 'allowed_authors', allowed_authors: this.allowed.size } };
  }
}
