import type { AuthorizationDecision, Authorizer, InboundMessage } from '../../pipeline/inbound-message.js';

/**
 * GitHub's `author_association` says how the author relates to the repository. Only people with
 * a stake in it (OWNER, MEMBER, COLLABORATOR by default) may spend the team's model budget; a
 * drive-by CONTRIBUTOR or NONE may not.
 */
export class AssociationAuthorizer implements Authorizer {
  private readonly allowed: ReadonlySet<string>;

  constructor(allowedAssociations: readonly string[]) {
    this.allowed = new Set(allowedAssociations.map((association) => association.toUpperCase()));
  }

  authorize(message: InboundMessage): AuthorizationDecision {
    const association = (message.author.association ?? 'NONE').toUpperCase();
    return {
      allowed: this.allowed.has(association),
      details: { author: message.author.login, association, allowed_associations: [...this.allowed] },
    };
  }
}
