/**
 * What Slack's Web API error codes mean, and the status our caller should act on. Descriptions
 * are Slack's own, from the method reference pages (docs.slack.dev/reference/methods/chat.postMessage,
 * chat.update, chat.postEphemeral, reactions.add, conversations.replies, auth.test). Slack answers
 * HTTP 200 with `{ "ok": false, "error": "<code>" }` for all of these.
 */
interface CatalogEntry {
  status: number;
  description: string;
}

const entries: Record<string, CatalogEntry> = {
  // The thing named does not exist (or the bot cannot see it): a 404 for the caller.
  channel_not_found: { status: 404, description: 'Value passed for channel was invalid.' },
  message_not_found: { status: 404, description: 'No message exists with the requested timestamp.' },
  thread_not_found: { status: 404, description: 'Value for ts was missing or invalid.' },
  user_not_found: { status: 404, description: 'Value passed for user was invalid.' },
  file_not_found: { status: 404, description: 'File specified by file does not exist.' },
  team_not_found: { status: 404, description: 'Team associated with the message and channel could not be found.' },

  // Slack refuses this bot this action.
  not_in_channel: { status: 403, description: 'Cannot post user messages to a channel they are not in.' },
  user_not_in_channel: { status: 403, description: 'Intended recipient is not in the specified channel.' },
  cant_update_message: { status: 403, description: 'Authenticated user does not have permission to update this message.' },
  edit_window_closed: { status: 403, description: 'The message cannot be edited due to the team message edit settings.' },
  restricted_action: { status: 403, description: 'A workspace preference prevents the authenticated user from posting.' },
  restricted_action_read_only_channel: { status: 403, description: 'Cannot post any message into a read-only channel.' },
  restricted_action_thread_only_channel: { status: 403, description: 'Cannot post top-level messages into a thread-only channel.' },
  restricted_action_non_threadable_channel: { status: 403, description: 'Cannot post thread replies into a non_threadable channel.' },
  no_permission: { status: 403, description: 'The token used in this request does not have the permissions necessary to complete the request.' },
  access_denied: { status: 403, description: 'Access to a resource specified in the request is denied.' },
  ekm_access_denied: { status: 403, description: 'Administrators have suspended the ability to post a message.' },

  // The conversation can no longer take this change.
  is_archived: { status: 409, description: 'Channel has been archived.' },
  is_inactive: { status: 409, description: 'The message cannot be edited within a frozen, archived or deleted channel.' },
  streaming_state_conflict: { status: 409, description: 'The message is currently streaming text and cannot be edited.' },

  // The request was well-formed for us but not acceptable to Slack.
  msg_too_long: { status: 422, description: 'Message text is too long.' },
  no_text: { status: 422, description: 'No message text provided.' },
  invalid_blocks: { status: 422, description: 'Blocks submitted with this message are not valid.' },
  invalid_blocks_format: { status: 422, description: "The blocks is not a valid JSON object or doesn't match the Block Kit syntax." },
  block_mismatch: { status: 422, description: 'Rich-text blocks cannot be replaced with non-rich-text blocks.' },
  invalid_arguments: { status: 422, description: 'The method was called with invalid arguments.' },
  invalid_name: { status: 422, description: 'Value passed for name was invalid.' },
  bad_timestamp: { status: 422, description: 'Value passed for timestamp was invalid.' },
  invalid_cursor: { status: 422, description: 'Value passed for cursor was invalid.' },
  invalid_ts_latest: { status: 422, description: 'Value passed for latest was invalid.' },
  invalid_ts_oldest: { status: 422, description: 'Value passed for oldest was invalid.' },
  cannot_reply_to_message: { status: 422, description: 'This message type cannot have thread replies.' },
  not_reactable: { status: 422, description: "The item can't be reacted to." },
  too_many_reactions: { status: 422, description: 'The limit for reactions a person may add to the item has been reached.' },
  too_many_emoji: { status: 422, description: 'The limit for distinct reactions (i.e emoji) on the item has been reached.' },
  no_reaction: { status: 422, description: 'The specified item does not have the user/reaction combination.' },

  // Too many requests.
  ratelimited: { status: 429, description: 'The request has been ratelimited. Refer to the Retry-After header for when to retry the request.' },
  rate_limited: { status: 429, description: 'Application has posted too many messages, read the Rate Limit documentation for more information.' },
  message_limit_exceeded: { status: 429, description: 'Members on this team are sending too many messages.' },

  // Our own configuration is wrong: the caller cannot fix it, an operator must (502).
  not_authed: { status: 502, description: 'No authentication token provided.' },
  invalid_auth: { status: 502, description: 'Some aspect of authentication cannot be validated. Either the provided token is invalid or the request originates from an IP address disallowed from making the request.' },
  account_inactive: { status: 502, description: 'Authentication token is for a deleted user or workspace.' },
  token_revoked: { status: 502, description: 'Authentication token is for a deleted user or workspace or the app has been removed.' },
  token_expired: { status: 502, description: 'Authentication token has expired.' },
  missing_scope: { status: 502, description: 'The token used is not granted the specific scope permissions required to complete this request.' },
  not_allowed_token_type: { status: 502, description: 'The token type used in this request is not allowed.' },
  team_access_not_granted: { status: 502, description: 'The token used is not granted the specific workspace access required to complete this request.' },

  // Slack failed.
  fatal_error: { status: 502, description: "The server could not complete your operation(s) without encountering a catastrophic error. It's possible some aspect of the operation succeeded before the error was raised." },
  internal_error: { status: 502, description: 'The server could not complete your operation(s) without encountering an error, likely due to a transient issue on our end.' },
  update_failed: { status: 502, description: 'Internal update failure.' },
  service_unavailable: { status: 503, description: 'The service is temporarily unavailable.' },
  team_added_to_org: { status: 503, description: 'The workspace is being migrated to an Enterprise Organization; the Web API is intermittently unavailable until the transition is complete.' },
  org_login_required: { status: 503, description: 'The workspace is undergoing an enterprise migration and will not be available until migration is complete.' },
};

/** Codes that mean the bot token itself is not usable (used by the credentials test). */
export const AUTH_ERRORS: ReadonlySet<string> = new Set(['not_authed', 'invalid_auth', 'account_inactive', 'token_revoked', 'token_expired', 'not_allowed_token_type']);

/** The status and Slack's description for an error code; unknown codes are a 502. */
export function lookupSlackError(code: string): CatalogEntry {
  return entries[code] ?? { status: 502, description: 'Slack reported an error this service does not know.' };
}
