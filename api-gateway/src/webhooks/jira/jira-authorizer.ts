import type { AuthorizationDecision, Authorizer, InboundMessage } from '../../pipeline/inbound-message.js';

/**
 * Jira lets only people with the project's comment permission comment, so a signed delivery's
 * author may use the agent, with two limits: service-desk customers (`accountType: customer`)
 * are outsiders and never may unless listed, and JIRA_ALLOWED_ACCOUNTS, when set, is the only list.
 */
export class JiraAuthorizer implements Authorizer {
  private readonly accounts: ReadonlySet<string>;

  constructor(allowedAccounts: readonly string[]) {
    this.accounts = new Set(allowedAccounts);
  }

  authorize(message: InboundMessage): AuthorizationDecision {
    const base = { author: message.author.id, account_type: message.author.association ?? 'unknown' };
    if (this.accounts.size > 0) {
      const allowed = this.accounts.has(message.author.id);
      return { allowed, details: { ...base, rule: 'allowed_accounts' } };
    }
    if (message.author.association === 'customer') return { allowed: false, details: { ...base, rule: 'service_desk_customer' } };
    return { allowed: true, details: { ...base, rule: 'comment_permission' } };
  }
}
