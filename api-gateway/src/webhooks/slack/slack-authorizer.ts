import type { AuthorizationDecision, Authorizer, InboundMessage } from '../../pipeline/inbound-message.js';

/**
 * A signed request proves it comes from a workspace where the app is installed. The allowlists
 * narrow that: only these workspaces (team ids), only these people (user ids). Empty lists allow all.
 */
export class SlackAuthorizer implements Authorizer {
  private readonly teams: ReadonlySet<string>;
  private readonly users: ReadonlySet<string>;

  constructor(options: { allowedTeams: readonly string[]; allowedUsers: readonly string[] }) {
    this.teams = new Set(options.allowedTeams);
    this.users = new Set(options.allowedUsers);
  }

  authorize(message: InboundMessage): AuthorizationDecision {
    const team = message.source.provider === 'slack' ? message.source.team_id : '';
    const base = { author: message.author.id, team };
    if (this.teams.size > 0 && !this.teams.has(team)) return { allowed: false, details: { ...base, rule: 'allowed_teams' } };
    if (this.users.size > 0 && !this.users.has(message.author.id)) return { allowed: false, details: { ...base, rule: 'allowed_users' } };
    return { allowed: true, details: { ...base, rule: this.teams.size + this.users.size > 0 ? 'allowlist' : 'signed_workspace' } };
  }
}
