import type { AuthorizationDecision, Authorizer, InboundMessage } from '../../pipeline/inbound-message.js';

/**
 * A signed delivery comes from an organization that installed the integration; its alert rules
 * and its members' comments may start tasks. SENTRY_ALLOWED_ORGS, when set, names the only
 * organizations served (a delivery whose organization is unknown is then refused).
 */
export class SentryAuthorizer implements Authorizer {
  private readonly orgs: ReadonlySet<string>;

  constructor(allowedOrgs: readonly string[]) {
    this.orgs = new Set(allowedOrgs.map((org) => org.toLowerCase()));
  }

  authorize(message: InboundMessage): AuthorizationDecision {
    const organization = message.source.provider === 'sentry' ? message.source.organization : '';
    const base = { author: message.author.login, organization };
    if (this.orgs.size === 0) return { allowed: true, details: { ...base, rule: 'installed_organization' } };
    return { allowed: this.orgs.has(organization.toLowerCase()), details: { ...base, rule: 'allowed_orgs' } };
  }
}
