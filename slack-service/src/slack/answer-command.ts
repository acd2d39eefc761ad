import { type StepRunner, runEveryStep } from '../idempotency/idempotency-store.js';
import { type TextLimits, planTruncated } from '../text/plan-delivery.js';
import type { ResponseUrlClient } from './response-url-client.js';

/** Slack lets an app use one response_url up to 5 times within 30 minutes (docs.slack.dev/interactivity/handling-user-interaction). */
export const RESPONSE_URL_MAX_USES = 5;

export interface CommandAnswer {
  text: string;
  response_type: 'ephemeral' | 'in_channel';
  replace_original: boolean;
  blocks?: unknown[];
}

/**
 * Answers a slash command through its response_url. A long text becomes several posts (no more
 * than the URL allows); only the first may replace the original message, or each part would
 * overwrite the one before it.
 */
export async function answerCommand(
  client: ResponseUrlClient,
  url: URL,
  answer: CommandAnswer,
  limits: TextLimits,
  steps: StepRunner = runEveryStep,
): Promise<{ parts: number; truncated: boolean }> {
  const maxMessages = Math.min(limits.maxMessages, RESPONSE_URL_MAX_USES);
  const { parts, truncated } = answer.blocks
    ? planTruncated(answer.text, { maxChars: limits.maxChars, maxMessages: 1 })
    : planTruncated(answer.text, { maxChars: limits.maxChars, maxMessages });
  for (const [index, text] of parts.entries()) {
    const message = {
      text,
      response_type: answer.response_type,
      replace_original: index === 0 ? answer.replace_original : false,
      ...(index === 0 && answer.blocks ? { blocks: answer.blocks } : {}),
    };
    await steps(`part-${index + 1}`, message, async () => {
      await client.post(url, message);
      return { posted: true };
    });
  }
  return { parts: parts.length, truncated };
}
