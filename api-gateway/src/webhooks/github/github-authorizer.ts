import type { AuthorizationDecision, Authorizer, InboundMessage } from '../../pipeline/inbound-message.js';

export interface GithubAuthorizerOptions {
  /** `author_association` values that may start a task (OWNER, MEMBER, COLLABORATOR by default). */
  allowedAssociations: readonly string[];
  /** Logins allowed whatever their association (GITHUB_ALLOWED_USERS). */
  allowedUsers?: readonly string[];
  /** When not empty, only repositories of these owners are served (GITHUB_ALLOWED_ORGS). */
  allowedOrgs?: readonly string[];
}

const lowerSet = (values: readonly string[] | undefined) => new Set((values ?? []).map((value) => value.toLowerCase()));

/**
 * GitHub's `author_association` says how the author relates to the repository. Only people with
 * a stake in it may spend the team's model budget; a drive-by CONTRIBUTOR or NONE may not, unless
 * listed by login. An action that needs triage access (labeling, assigning) authorizes itself.
 * The organization allowlist applies to everyone: it says which repositories the platform serves.
 */
export class GithubAuthorizer implements Authorizer {
  private readonly associations: ReadonlySet<string>;
  private readonly users: ReadonlySet<string>;
  private readonly orgs: ReadonlySet<string>;

  constructor(options: GithubAuthorizerOptions) {
    this.associations = new Set(options.allowedAssociations.map((association) => association.toUpperCase()));
    this.users = lowerSet(options.allowedUsers);
    this.orgs = lowerSet(options.allowedOrgs);
  }

  authorize(message: InboundMessage): AuthorizationDecision {
    const association = (message.author.association ?? 'NONE').toUpperCase();
    const base = { author: message.author.login, association };
    const owner = message.repository?.owner ?? '';
    if (this.orgs.size > 0 && !this.orgs.has(owner.toLowerCase())) {
      return { allowed: false, details: { ...base, rule: 'allowed_orgs', organization: owner } };
    }
    if (this.users.has(message.author.login.toLowerCase())) return { allowed: true, details: { ...base, rule: 'allowed_users' } };
    if (message.authorPermission === 'triage') return { allowed: true, details: { ...base, rule: 'triage_permission' } };
    return { allowed: this.associations.has(association), details: { ...base, rule: 'author_association', allowed_associations: [...this.associations] } };
  }
}
