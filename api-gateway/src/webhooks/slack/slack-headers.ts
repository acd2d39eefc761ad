import { z } from 'zod';

/** The headers Slack sends with every Events API and slash command request. */
export const SlackHeadersSchema = z.object({
  'x-slack-signature': z.string().optional().describe('`v0=` HMAC-SHA256 of `v0:<timestamp>:<raw body>` with SLACK_SIGNING_SECRET'),
  'x-slack-request-timestamp': z.string().optional().describe('Unix seconds; requests more than 5 minutes away from now are refused'),
  'x-slack-retry-num': z.string().optional().describe('Set on a retry of an event Slack thinks was not answered; the retry is a duplicate'),
  'x-slack-retry-reason': z.string().optional(),
  'content-type': z.string().optional(),
  traceparent: z.string().optional(),
});
