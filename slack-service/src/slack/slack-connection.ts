import type { SlackCredentials } from '../credentials/slack-credentials.js';
import { CredentialsMissingError } from '../errors.js';
import type { SlackOperations } from './slack-operations.js';

/**
 * Hands out the operations for the bot token in use, making a new client only when the token
 * changes (a rotation), and for a candidate token being verified before it is stored.
 */
export class SlackConnection {
  private current: { token: string; operations: SlackOperations } | null = null;

  constructor(
    private readonly credentials: SlackCredentials,
    private readonly makeOperations: (token: string) => SlackOperations,
  ) {}

  async operations(): Promise<SlackOperations> {
    const bot = await this.credentials.botToken();
    if (!bot) throw new CredentialsMissingError();
    if (this.current?.token !== bot.token) this.current = { token: bot.token, operations: this.makeOperations(bot.token) };
    return this.current.operations;
  }

  forToken(token: string): SlackOperations {
    return this.makeOperations(token);
  }
}
