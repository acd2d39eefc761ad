import type { InboundMessage } from './inbound-message.js';

/**
 * Every message the platform writes carries this hidden HTML comment, so that its own status and
 * answer comments never start a task, even when posted under a person's token.
 */
const PLATFORM_MARKER = /<!--\s*swe-ai-fleet/i;

/** Why a message comes from the platform itself (no reply loops), or null when it does not. */
export function ownMessageReason(message: InboundMessage, ownLogins: readonly string[]): 'bot_author' | 'hidden_marker' | null {
  const login = message.author.login.toLowerCase();
  if (message.authorIsBot || ownLogins.some((own) => own.toLowerCase() === login)) return 'bot_author';
  if (PLATFORM_MARKER.test(message.rawText)) return 'hidden_marker';
  return null;
}
